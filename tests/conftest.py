"""Suite-wide set-up: headless Qt, and private user-data and config folders per test session."""

from __future__ import annotations

import os
import tempfile

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TAMIN_DESK_DATA_DIR", tempfile.mkdtemp(prefix="tamin-desk-test-"))
# A settings.toml in the machine's real config folder must not change what the tests see.
os.environ.setdefault("TAMIN_DESK_CONFIG_DIR", tempfile.mkdtemp(prefix="tamin-desk-config-"))
