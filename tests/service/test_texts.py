"""SMS texts: the guide's wording, the title by gender."""

from __future__ import annotations

import pytest

from desktop.service.interface import Gender, RegistrationState
from desktop.service.simulator import texts

GUIDE = "/work/shared/seeds/000_5834b87f504da111.txt"


def test_titles_follow_gender():
    assert texts.addressee(Gender.MALE, "علی", "رضایی") == "جناب آقای علی رضایی"
    assert texts.addressee("female", "زهرا", "احمدی") == "سرکار خانم زهرا احمدی"
    with pytest.raises(ValueError):
        texts.addressee("other", "x", "y")


def test_outcome_texts():
    activated = texts.verification_text(RegistrationState.ACTIVATED, "female", "آیدا", "نوری")
    assert activated == (
        "سرکار خانم آیدا نوری به سیستم های متمرکز سازمان تأمین اجتماعی خوش آمدید."
        " حساب کاربری شما فعال گردید."
    )
    branch = texts.verification_text(RegistrationState.BRANCH_VISIT_REQUIRED, "male", "آرش", "آذری")
    assert branch.startswith("جناب آقای آرش آذری ثبت نام شما تائید شد،")
    mismatch = texts.verification_text(RegistrationState.IDENTITY_MISMATCH, "male", "a", "b")
    assert mismatch == texts.IDENTITY_MISMATCH_TEXT and "آقای" not in mismatch
    with pytest.raises(ValueError):
        texts.verification_text(RegistrationState.PENDING, "male", "a", "b")


def test_the_texts_are_the_guides_apart_from_extraction_artefacts():
    try:
        with open(GUIDE, encoding="utf-8") as guide_file:
            guide = guide_file.read()
    except OSError:
        pytest.skip("the guide is not available on this machine")
    # The guide's text extraction split «توسط», stretched «تائید» and spaced a full stop.
    cleaned = guide.replace("تو سط", "توسط").replace("تائیـد", "تائید").replace(" .", ".")
    for body in (texts.ACTIVATED_BODY, texts.BRANCH_VISIT_BODY, texts.IDENTITY_MISMATCH_TEXT):
        assert body in cleaned


def test_the_recovery_code_text_holds_the_code_and_its_validity():
    text = texts.recovery_code_text("012345", 20)
    assert "012345" in text and "۲۰ دقیقه" in text
