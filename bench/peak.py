"""Peak resident memory of a benchmark's child process, in KiB (``VmHWM``).

Not ``ru_maxrss``: Linux carries the high-water mark of the process that forked a child into
the child's ``ru_maxrss`` across ``exec`` (measured: after ``bench_api`` the bench process had
grown to 87 MiB, and the bare-window probe it started then reported 87 MiB, as did the desk's,
so ``memory_ratio`` read 1.0). ``VmHWM`` in ``/proc/self/status`` belongs to the memory map
``exec`` made, so it is the child's own peak. Where there is no ``/proc`` (not Linux) the
children fall back to ``ru_maxrss``.
"""

from __future__ import annotations

import sys

#: Python expression, for probe scripts run with ``-c``: this process's peak RSS in KiB.
PEAK_KIB_EXPR = (
    "(lambda: int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]))() "
    "if __import__('os').path.exists('/proc/self/status') "
    "else __import__('resource').getrusage(__import__('resource').RUSAGE_SELF).ru_maxrss"
)

#: Runs ``python -m <module> <args>`` (argv[1:]) and, at exit, writes its peak KiB to the file
#: named by the environment variable ``TAMIN_BENCH_PEAK_FILE``.
_WRAPPER = f"""
import atexit, os, runpy, sys
def _report():
    with open(os.environ["TAMIN_BENCH_PEAK_FILE"], "w") as out:
        out.write(str({PEAK_KIB_EXPR}))
atexit.register(_report)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def peak_kib() -> int:
    """This process's peak RSS in KiB (:data:`PEAK_KIB_EXPR`, evaluated here)."""
    import os
    import resource

    if os.path.exists("/proc/self/status"):
        with open("/proc/self/status") as status:
            return int(status.read().split("VmHWM:")[1].split()[0])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def module_command(module: str, *args: str) -> list[str]:
    """The command line running ``python -m module args`` that reports its peak RSS (KiB) to
    the file named by ``TAMIN_BENCH_PEAK_FILE`` in its environment when it exits."""
    return [sys.executable, "-c", _WRAPPER, module, *args]
