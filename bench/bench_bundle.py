"""The frozen bundle against the developer's venv: size on disk and start-up time.

Start-up is the wall time of ``tamin-desk --smoke`` (start, show the first page, build the
backend, exit) with a fresh user data folder each run, so every run also creates, migrates and
seeds the simulator database, as a first start on a new branch PC does. Median of 3 runs; the
page cache is warm (the machine is shared, so caches are not dropped). Needs ``make bundle``
first; reports why when the bundle or the venv is missing instead of building it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "tamin-desk"
RUNS = 3


def bundle_size_mb(folder: Path = BUNDLE) -> float:
    """Bytes of the regular files under ``folder`` in MiB (symbolic links count nothing, as
    in ``du``)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def smoke_seconds(program: Path, runs: int = RUNS) -> list[float]:
    """Wall times (s) of ``program --smoke``, each with a fresh user data folder, headless,
    without the venv on PATH. Raises RuntimeError when a run does not exit 0."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="tamin-desk-bench-") as home:
            env = {
                "PATH": "/usr/local/bin:/usr/bin:/bin",
                "HOME": home,
                "LANG": "C.UTF-8",
                "QT_QPA_PLATFORM": "offscreen",
                "TAMIN_DESK_DATA_DIR": os.path.join(home, "data"),
            }
            started = time.perf_counter()
            result = subprocess.run(
                [str(program), "--smoke"], env=env, cwd=home, capture_output=True, timeout=180
            )
            times.append(time.perf_counter() - started)
            if result.returncode != 0:
                raise RuntimeError(f"{program} --smoke exited {result.returncode}")
    return times


def run() -> dict[str, float | int | str]:
    """``bundle_size_mb``, ``bundle_smoke_median_s``, ``venv_smoke_median_s`` (and the runs)."""
    results: dict[str, float | int | str] = {}
    program = BUNDLE / "tamin-desk"
    if program.is_file():
        results["bundle_size_mb"] = round(bundle_size_mb(), 1)
        times = smoke_seconds(program)
        results["bundle_smoke_median_s"] = round(statistics.median(times), 2)
        results["bundle_smoke_runs_s"] = ", ".join(f"{t:.2f}" for t in times)
    else:
        results["bundle_note"] = "dist/tamin-desk missing: run `make bundle` first"
    venv_program = ROOT / ".venv" / "bin" / "tamin-desk"
    if venv_program.is_file():
        times = smoke_seconds(venv_program)
        results["venv_smoke_median_s"] = round(statistics.median(times), 2)
        results["venv_smoke_runs_s"] = ", ".join(f"{t:.2f}" for t in times)
    return results


if __name__ == "__main__":
    print(run())
