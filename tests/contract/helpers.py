"""Shared steps of the contract tests, using the public interface and the seed file only.

The seed file (resources/seed/civil_registry.json) is the fictional civil registry every
backend serves; the training accounts' plaintext secrets come from the generator script that
made it (and README.md's trainer section).
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from desktop.paths import project_root, resource
from desktop.security.hashing import HashPolicy, hash_answer, hash_password
from desktop.service.interface import (
    AccountInfo,
    Gender,
    RegistrationRequest,
    SecurityAnswer,
    SmsMessage,
)

PASSWORD = "Sabt1404now"
ANSWERS = (("favorite_color", "سبز"), ("birth_city", "شیراز"), ("first_workplace", "نانوایی"))

ACTIVATED_BODY = "به سیستم های متمرکز سازمان تأمین اجتماعی خوش آمدید. حساب کاربری شما فعال گردید."
BRANCH_BODY = (
    "ثبت نام شما تائید شد، جهت فعال سازی حساب کاربری با در دست داشتن مدارک هویتی"
    " به نزدیکترین شعبه مراجعه فرمائید."
)
MISMATCH_TEXT = (
    "اطلاعات هویتی وارد شده توسط شما با پایگاه مرجع مطابقت ندارد، میتوانید مجدداً ثبت نام"
    " نمائید. چنانچه از صحت اطلاعات ثبت شده اطمینان دارید با در دست داشتن مدارک هویتی خود"
    " به نزدیکترین شعبه مراجعه فرمائید."
)
TITLE = {"male": "جناب آقای", "female": "سرکار خانم"}


@cache
def seed() -> dict[str, Any]:
    """The seed document."""
    return json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))


@cache
def generator() -> ModuleType:
    """``scripts/generate_seed.py`` as a module (for the training plaintexts)."""
    path = Path(project_root()) / "scripts" / "generate_seed.py"
    spec = importlib.util.spec_from_file_location("generate_seed", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Person:
    """A registry person as the tests use them."""

    national_code: str
    first_name: str
    last_name: str
    gender: str
    birth_certificate_number: str
    birth_date: str
    mobiles: tuple[str, ...]


def people(*, with_mobile: bool | None = None, gender: str | None = None) -> list[Person]:
    """Registry people without an account, filtered."""
    trained = {a["national_code"] for a in seed()["training_accounts"]}
    found = []
    for p in seed()["people"]:
        if p["national_code"] in trained:
            continue
        if with_mobile is not None and bool(p["mobiles"]) != with_mobile:
            continue
        if gender is not None and p["gender"] != gender:
            continue
        found.append(Person(**{**p, "mobiles": tuple(p["mobiles"])}))
    return found


@dataclass(frozen=True)
class TrainingAccount:
    """A seeded active account with its plaintext training password."""

    national_code: str
    mobile: str | None
    password: str
    has_questions: bool


def training_account(role: str) -> TrainingAccount:
    """The seeded account of ``role`` (complete, no_mobile, no_security_questions,
    no_recovery_method)."""
    spec = next(a for a in seed()["training_accounts"] if a["role"] == role)
    password = next(pw for r, _, _, pw in generator().TRAINING if r == role)
    return TrainingAccount(
        spec["national_code"], spec["mobile"], password, bool(spec["security_answers"])
    )


def registry_names(national_code: str) -> tuple[str, str]:
    """The civil registry's first and last name of ``national_code`` (a training account's
    too: every account's person is in the registry)."""
    person = next(p for p in seed()["people"] if p["national_code"] == national_code)
    return person["first_name"], person["last_name"]


def training_answers() -> tuple[str, ...]:
    """The training accounts' answers, in question order."""
    return tuple(answer for _, answer in generator().TRAINING_ANSWERS)


def request_for(
    person: Person,
    policy: HashPolicy,
    *,
    mobile: str | None = None,
    password: str = PASSWORD,
    answers: tuple[tuple[str, str], ...] = ANSWERS,
    **overrides: Any,
) -> RegistrationRequest:
    """A complete request with ``person``'s registry identity (``overrides`` replace fields),
    the password and answers hashed with ``policy`` as the desk does."""
    request = RegistrationRequest(
        national_code=person.national_code,
        mobile=mobile if mobile is not None else person.mobiles[0],
        first_name=person.first_name,
        last_name=person.last_name,
        gender=Gender(person.gender),
        birth_certificate_number=person.birth_certificate_number,
        birth_date=person.birth_date,
        email="",
        password_hash=hash_password(password, policy),
        security_answers=tuple(SecurityAnswer(q, hash_answer(a, policy)) for q, a in answers),
    )
    return replace(request, **overrides)


def captcha(harness: Any) -> tuple[str, str]:
    """A fresh captcha id and its digits (read through the training controls)."""
    issued = harness.service.new_captcha()
    return issued.captcha_id, harness.training.captcha_answer(issued.captcha_id)


def login(harness: Any, national_code: str, password: str) -> AccountInfo:
    """Log in with a freshly solved captcha."""
    captcha_id, digits = captcha(harness)
    return harness.service.login(national_code, password, captcha_id, digits)


def last_sms(harness: Any, mobile: str) -> SmsMessage:
    """The newest SMS sent to ``mobile`` (fails when there is none)."""
    inbox = harness.service.outbox(mobile)
    assert inbox, f"no SMS for {mobile}"
    return inbox[-1]


def last_code(harness: Any, mobile: str) -> str:
    """The 6-digit code of the newest recovery-code SMS to ``mobile``."""
    codes = [m for m in harness.service.outbox(mobile) if m.kind == "recovery_code"]
    assert codes, f"no recovery code for {mobile}"
    match = re.search(r"(?<!\d)\d{6}(?!\d)", codes[-1].text)
    assert match, codes[-1].text
    return match.group()


def wrong_code(code: str, k: int = 1) -> str:
    """A 6-digit code different from ``code``."""
    return f"{(int(code) + k) % 1_000_000:06d}"
