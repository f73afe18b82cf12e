"""Runs every benchmark module in this folder and writes bench/results.json.

Each module ``bench/bench_*.py`` exposes ``run() -> dict[str, float | int | str]``; the keys
are merged into one flat JSON object. A module that fails is reported under
``"<module>_error"`` so one broken benchmark does not hide the others.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named in argv (module names) or all; return the exit code."""
    wanted = set(argv if argv is not None else sys.argv[1:])
    results_path = HERE / "results.json"
    results: dict[str, object] = {}
    if wanted and results_path.exists():
        results = json.loads(results_path.read_text())
    failed = False
    for info in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda m: m.name):
        if not info.name.startswith("bench_") or (wanted and info.name not in wanted):
            continue
        started = time.perf_counter()
        print(f"bench: {info.name} ...", flush=True)
        try:
            module = importlib.import_module(f"bench.{info.name}")
            results.update(module.run())
        except Exception:  # one failing benchmark must not hide the others' numbers
            failed = True
            results[f"{info.name}_error"] = traceback.format_exc(limit=3)
            traceback.print_exc()
        print(f"bench: {info.name} done in {time.perf_counter() - started:.1f} s", flush=True)
    results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False, sort_keys=True))
    print(json.dumps(results, indent=2, ensure_ascii=False, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
