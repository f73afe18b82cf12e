#!/usr/bin/env python3
"""Write ``resources/seed/civil_registry.json``: the simulator's fictional civil registry.

Deterministic (fixed random seed, argon2 salts drawn from it too), so running it again gives
the same file byte for byte; a test checks that the committed file is this script's output.

Contents (every person is invented: names are drawn from common-name lists, national codes
are random digits with a valid check digit):

* ``people``: 320 people, male and female, first names with a zero-width non-joiner
  (محمد‌حسین) and with آ, Jalali birth dates 1300-1385, birth-certificate numbers (equal to
  the national code for people born from 1368 on, as for real certificates issued since then),
  and the mobiles each owns (most own one, some two, some none);
* ``unknown_mobiles``: mobiles no one owns (the "visit a branch" outcome);
* ``training_accounts``: four ACTIVE accounts for training password recovery — complete, no
  mobile on file, no security questions, neither — whose password and answers are argon2id
  PHC strings made here with PRODUCTION parameters. The plaintexts are in README.md's trainer
  section, never in the database.

Usage: ``.venv/bin/python scripts/generate_seed.py [--out PATH]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.rules.fields import (  # noqa: E402 - after the sys.path line, by design
    parse_birth_certificate_number,
    parse_birth_date,
    parse_first_name,
    parse_last_name,
    parse_mobile,
    parse_national_code,
)
from desktop.rules.national_code import check_digit  # noqa: E402
from desktop.rules.normalize import ZWNJ, normalize_answer  # noqa: E402
from desktop.security.hashing import PRODUCTION, HashPolicy  # noqa: E402

RANDOM_SEED = 20261130
PEOPLE = 320
UNKNOWN_MOBILES = 20
OUT = ROOT / "resources" / "seed" / "civil_registry.json"

MALE_FIRST = [
    "علی", "محمد", "حسین", "رضا", "مهدی", "امیر", "حمید", "سعید", "مجید", "احمد", "جواد",
    "مصطفی", "کاظم", "یوسف", "ابراهیم", "اسماعیل", "بهرام", "داریوش", "سیاوش", "کامران",
    "آرش", "آرمان", "آیدین", "آرین", "نیما", "پیمان", "فرهاد", "بهزاد", "منصور", "قاسم",
    f"محمد{ZWNJ}حسین", f"محمد{ZWNJ}رضا", f"علی{ZWNJ}رضا", f"امیر{ZWNJ}حسین", f"محمد{ZWNJ}مهدی",
    f"غلام{ZWNJ}رضا", "عبدالله", "روح الله",
]  # fmt: skip
FEMALE_FIRST = [
    "فاطمه", "زهرا", "مریم", "معصومه", "زینب", "نرگس", "لیلا", "مینا", "سارا", "نازنین",
    "الهام", "شیرین", "پریسا", "مهسا", "نگار", "ریحانه", "کوثر", "هانیه", "یاسمن", "ستاره",
    "آزاده", "آمنه", "آیدا", "آتنا", "آناهیتا", "آذر", "سمیه", "طاهره", "اعظم", "منیژه",
    f"فاطمه{ZWNJ}زهرا", f"ملک{ZWNJ}تاج", f"ماه{ZWNJ}منیر", f"گل{ZWNJ}اندام", "ام البنین",
]  # fmt: skip
LAST = [
    "رضایی", "احمدی", "محمدی", "حسینی", "کریمی", "موسوی", "جعفری", "قاسمی", "رحیمی", "صادقی",
    "نوری", "کاظمی", "اکبری", "عباسی", "ابراهیمی", "هاشمی", "طاهری", "مرادی", "سلیمانی",
    "آقایی", "آذری", "آزادی", "آشتیانی", "آل داوود", "شیرازی", "تهرانی", "اصفهانی", "نجفی",
    f"حسین{ZWNJ}زاده", f"علی{ZWNJ}پور", f"قلی{ZWNJ}زاده", f"نیک{ZWNJ}نام", f"میر{ZWNJ}حسینی",
    f"خدا{ZWNJ}بنده", f"شاه{ZWNJ}محمدی", f"آقا{ZWNJ}جانی",
]  # fmt: skip
MOBILE_PREFIXES = ["0912", "0919", "0935", "0936", "0937", "0938", "0901", "0902", "0990", "0991"]

#: Training accounts: (role, wants a mobile on file, has security questions, password).
#: The plaintexts are documented in README.md ("For trainers"); only hashes reach the JSON.
TRAINING = [
    ("complete", True, True, "Amoozesh1403"),
    ("no_mobile", False, True, "Karamooz#1404"),
    ("no_security_questions", True, False, "Tamrin!1404a"),
    ("no_recovery_method", False, False, "Shobe/1404b"),
]
#: The answers of the training accounts that have questions, as typed.
TRAINING_ANSWERS = [
    ("favorite_color", "آبی"),
    ("birth_city", "تبریز"),
    ("first_workplace", "کارخانه نساجی"),
]


def _national_code(rng: random.Random, taken: set[str]) -> str:
    while True:
        first_nine = f"{rng.randrange(10**9):09d}"
        code = first_nine + str(check_digit(first_nine))
        if code not in taken and parse_national_code(code).ok:
            taken.add(code)
            return code


def _mobile(rng: random.Random, taken: set[str]) -> str:
    while True:
        mobile = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
        if mobile not in taken:
            taken.add(mobile)
            return mobile


def _birth_date(rng: random.Random) -> tuple[int, str]:
    year, month = rng.randint(1300, 1385), rng.randint(1, 12)
    last_day = 31 if month <= 6 else 30 if month <= 11 else 29
    return year, f"{year:04d}/{month:02d}/{rng.randint(1, last_day):02d}"


def _person(rng: random.Random, codes: set[str], mobiles: set[str]) -> dict[str, object]:
    gender = rng.choice(["male", "female"])
    national_code = _national_code(rng, codes)
    year, birth_date = _birth_date(rng)
    certificate = national_code if year >= 1368 else str(rng.randint(1, 999_999))
    roll = rng.random()
    owned = 0 if roll < 0.15 else 2 if roll > 0.9 else 1
    return {
        "national_code": national_code,
        "first_name": rng.choice(MALE_FIRST if gender == "male" else FEMALE_FIRST),
        "last_name": rng.choice(LAST),
        "gender": gender,
        "birth_certificate_number": certificate,
        "birth_date": birth_date,
        "mobiles": [_mobile(rng, mobiles) for _ in range(owned)],
    }


def _check(person: dict[str, object]) -> None:
    """Every field must pass the desk's own rules, unchanged by normalisation."""
    checks = [
        (parse_national_code, "national_code"),
        (parse_first_name, "first_name"),
        (parse_last_name, "last_name"),
        (parse_birth_certificate_number, "birth_certificate_number"),
        (lambda raw: parse_birth_date(raw, today="1404/01/01"), "birth_date"),
    ]
    for parse, key in checks:
        parsed = parse(person[key])
        assert parsed.ok and parsed.value == person[key], (key, person[key], parsed)
    for mobile in person["mobiles"]:  # type: ignore[attr-defined]
        assert parse_mobile(mobile).value == mobile, mobile


def _phc(rng: random.Random, secret: str, policy: HashPolicy) -> str:
    # A salt from the seeded generator keeps the file reproducible; these are training
    # secrets documented in the README, so a predictable salt costs nothing real.
    return policy.hasher().hash(secret, salt=rng.randbytes(policy.salt_len))


def _training_accounts(
    rng: random.Random, people: list[dict[str, object]], policy: HashPolicy
) -> list[dict[str, object]]:
    accounts = []
    used: set[object] = set()
    for index, (role, with_mobile, with_questions, password) in enumerate(TRAINING):
        gender = ("male", "female")[index % 2]  # both SMS titles appear in a training room
        person = next(
            p
            for p in people
            if p["national_code"] not in used
            and bool(p["mobiles"]) == with_mobile
            and p["gender"] == gender
        )
        used.add(person["national_code"])
        answers = [
            {"question_id": qid, "answer_hash": _phc(rng, normalize_answer(answer), policy)}
            for qid, answer in TRAINING_ANSWERS
        ]
        accounts.append(
            {
                "role": role,
                "national_code": person["national_code"],
                "mobile": person["mobiles"][0] if with_mobile else None,  # type: ignore[index]
                "email": "",
                "password_hash": _phc(rng, password, policy),
                "security_answers": answers if with_questions else [],
            }
        )
    return accounts


def generate(policy: HashPolicy = PRODUCTION) -> dict[str, object]:
    """The seed document (a JSON-able dict); same output for the same ``policy``."""
    rng = random.Random(RANDOM_SEED)
    codes: set[str] = set()
    mobiles: set[str] = set()
    people = [_person(rng, codes, mobiles) for _ in range(PEOPLE)]
    for person in people:
        _check(person)
    unknown = [_mobile(rng, mobiles) for _ in range(UNKNOWN_MOBILES)]
    return {
        "about": (
            "Fictional civil registry for the Tamin Desk simulator, written by "
            "scripts/generate_seed.py. Every person is invented: names come from lists of "
            "common names, national codes are random digits with a valid check digit. "
            "Training account passwords and answers are in README.md (For trainers)."
        ),
        "version": 1,
        "people": people,
        "unknown_mobiles": unknown,
        "training_accounts": _training_accounts(rng, people, policy),
    }


def render(document: dict[str, object]) -> str:
    """The JSON text as committed (UTF-8 Persian, one key per line, trailing newline)."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the seed file; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(generate()), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
