"""Keep PySide6's import hook from caching the source of every module the desk imports.

PySide6 (PYSIDE-2029) inspects each module imported after it to learn whether the module uses
PySide6 (for its ``__feature__`` switches): ``shibokensupport.feature._mod_uses_pyside`` calls
``inspect.getsource(module)`` and looks for the text ``"PySide6"``. ``inspect.getsource`` goes
through :mod:`linecache`, which keeps every line of every module read for the life of the
process: about 40,000 lines, 4 MiB of the desk's 74 MiB with the wizard shown (measured with
tracemalloc and ``ru_maxrss``), memory that is never read again.

:func:`install` replaces that check with one that answers the same question from the file's
bytes, read once and dropped. Anything it cannot read the plain way (no ``__file__``, not a
``.py`` file, an unreadable file) goes to PySide6's own check, so the answer is always the one
PySide6 would give. Where a later PySide6 has no such function the call does nothing.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

_MARKER = "_tamin_desk_bytes_scan"


def install() -> bool:
    """Install the byte scan once PySide6 has been imported; True when it is (now or before).

    Also empties :mod:`linecache` (a cache only: tracebacks read files again on demand), which
    holds the sources PySide6 already read for the modules imported before it; their memory is
    then reused by what the desk allocates next instead of adding to its peak. Returns False
    when PySide6's feature module or its check is missing (nothing changed).
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, _MARKER, False):
        return True
    feature._mod_uses_pyside = _bytes_scan(original)
    linecache.clearcache()
    return True


def _bytes_scan(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(mod_uses_pyside, _MARKER, True)
    return mod_uses_pyside
