"""The rules benchmark runs and meets its budget (one whole form under 1 ms, median)."""

from __future__ import annotations

import random
import statistics

from bench import bench_rules


def test_whole_form_validation_within_budget():
    forms = bench_rules._forms(100, random.Random(7))
    times = bench_rules._timed_ms(
        bench_rules.validate_registration, [(f, bench_rules.TODAY) for f in forms * 3]
    )
    # The budget is 1 ms; about 0.1 ms is measured, so a busy CI machine still passes.
    assert statistics.median(times) < 1.0


def test_benchmark_forms_are_valid_and_varied():
    forms = bench_rules._forms(50, random.Random(7))
    assert len({f.national_code for f in forms}) == 50
    assert all(bench_rules.validate_registration(f, today=bench_rules.TODAY).ok for f in forms)
