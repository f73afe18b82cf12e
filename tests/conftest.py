"""Suite-wide set-up: headless Qt, and a private user-data folder per test session."""

from __future__ import annotations

import os
import tempfile

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TAMIN_DESK_DATA_DIR", tempfile.mkdtemp(prefix="tamin-desk-test-"))
