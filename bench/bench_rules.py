"""Benchmark of the field rules: one whole registration form validated (budget: < 1 ms).

``run()`` returns ``validate_form_ms`` (median time of one ``validate_registration`` call over
varied, realistic forms: Persian digits, Arabic letters, a ZWNJ name, a password checked against
the names and national code), its 95th percentile, and, outside the budget, the median time of
one ``password_strength`` estimate (zxcvbn).
"""

from __future__ import annotations

import random
import statistics
import time

import jdatetime

from desktop.rules.form import RegistrationForm, validate_registration
from desktop.rules.national_code import check_digit
from desktop.rules.strength import password_strength

TODAY = jdatetime.date(1405, 9, 9)
ROUNDS = 3000
STRENGTH_ROUNDS = 300
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_FIRST = ["علي", "زهرا", "محمد\u200cحسین", "فاطمه", "آرش", "رئیس", "مریم", "امیر\u200cعلی"]
_LAST = ["رضايي", "كاظمي", "احمدی", "موسوی", "حسینی", "کریمی\u200cنژاد", "صادقی", "نوری"]
_QUESTIONS = (("favorite_color", "آبی"), ("birth_city", "تهران"), ("first_workplace", "کارخانه"))


def _forms(count: int, rng: random.Random) -> list[RegistrationForm]:
    forms = []
    for i in range(count):
        nine = "".join(rng.choice("0123456789") for _ in range(9))
        national_code = f"{nine}{check_digit(nine)}"
        password = f"Xq{rng.randrange(10**6):06d}z!"
        forms.append(
            RegistrationForm(
                national_code=national_code.translate(_TO_PERSIAN) if i % 2 else national_code,
                mobile=f"+98 912 {rng.randrange(10**7):07d}",
                first_name=rng.choice(_FIRST),
                last_name=rng.choice(_LAST),
                gender=rng.choice(("male", "female")),
                birth_certificate_number=str(rng.randrange(1, 10**6)),
                birth_date=f"{rng.randrange(1300, 1400)}/{rng.randrange(1, 13):02d}/15",
                email="user@example.com" if i % 3 else "",
                password=password,
                password_confirm=password,
                questions=_QUESTIONS,
            )
        )
    return forms


def _timed_ms(fn, args_list) -> list[float]:
    times = []
    for args in args_list:
        started = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - started) * 1000)
    return times


def run() -> dict[str, float]:
    """``{"validate_form_ms", "validate_form_p95_ms", "password_strength_ms"}`` (medians)."""
    rng = random.Random(1405)
    forms = _forms(200, rng)
    for form in forms:  # warm-up: imports, compiled regexes, cached name patterns
        if not validate_registration(form, today=TODAY).ok:
            raise RuntimeError(f"benchmark form refused: {form}")
    calls = [(forms[i % len(forms)], TODAY) for i in range(ROUNDS)]
    times = _timed_ms(validate_registration, calls)
    strength_times = _timed_ms(
        password_strength,
        [(f.password, (f.first_name, f.last_name, f.national_code)) for f in forms]
        * (STRENGTH_ROUNDS // len(forms) + 1),
    )
    return {
        "validate_form_ms": round(statistics.median(times), 4),
        "validate_form_p95_ms": round(statistics.quantiles(times, n=20)[-1], 4),
        "password_strength_ms": round(statistics.median(strength_times), 4),
    }


if __name__ == "__main__":
    print(run())
