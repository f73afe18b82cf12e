"""Messages: every code has a Persian and an English text naming its field; params; catalogs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from desktop import i18n
from desktop.rules.catalog_keys import all_keys
from desktop.rules.errors import CODES, REQUEST, FieldError
from desktop.rules.messages import field_label, localize_digits, message, strength_label

ROOT = Path(__file__).resolve().parents[2]
ALL_ERRORS = [(field, code) for field, codes in CODES.items() for code in codes]
LANGS = ("fa", "en")


def _po(lang: str) -> Path:
    return ROOT / "resources" / "locale" / lang / "LC_MESSAGES" / "messages.po"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("field", "code"), ALL_ERRORS)
def test_every_code_has_its_own_message(field, code, lang):
    text = message(FieldError(field, code), lang)
    assert text.strip()
    assert i18n.has_translation("messages", f"{field}.{code}", lang)  # not the generic text
    assert "{" not in text


@pytest.mark.parametrize(("field", "code"), [(f, c) for f, c in ALL_ERRORS if f != REQUEST])
def test_persian_messages_name_their_field(field, code):
    assert field_label(field, "fa") in message(FieldError(field, code), "fa")


def test_persian_texts_are_persian_and_english_texts_english():
    for field, code in ALL_ERRORS:
        fa = message(FieldError(field, code), "fa")
        assert re.search("[\u0600-\u06ff]", fa), (field, code)
        en = message(FieldError(field, code), "en")
        assert not re.search("[\u0600-\u06ff]", en), (field, code)


def test_the_example_wording_of_the_brief():
    assert message(FieldError("national_code", "checksum")) == (
        "کد ملی وارد شده معتبر نیست: رقم کنترل نادرست است."
    )


def test_guide_wordings():
    assert message(FieldError(REQUEST, "no_mobile")) == (
        "برای این نام کاربری شماره تلفن همراه یافت نشد."
    )
    assert "۲۰ دقیقه" in message(FieldError("recovery_code", "expired"))


def test_params_are_formatted_in_persian_digits():
    error = FieldError("recovery_code", "invalid", {"remaining": 2})
    assert message(error, "fa") == (
        "شناسه معتبر نیست. تعداد دفعات مجاز باقی‌مانده برای ورود شناسه ۲ مرتبه می‌باشد."
    )
    assert (
        message(error, "en")
        == "The recovery code is not valid. Tries left for the recovery code: 2."
    )
    locked = FieldError(REQUEST, "locked", {"minutes": 14})
    assert "۱۴ دقیقه" in message(locked, "fa")
    assert "14 minutes" in message(locked, "en")


def test_a_value_specific_sentence():
    error = FieldError(REQUEST, "not_activated", {"state": "branch_visit_required"})
    assert "نزدیکترین شعبه" in message(error, "fa")
    pending = message(FieldError(REQUEST, "not_activated", {"state": "pending"}), "fa")
    assert "پیامک" in pending


def test_params_without_a_sentence_are_ignored_and_missing_params_are_fine():
    assert message(FieldError("first_name", "too_long", {"max": 30})) == message(
        FieldError("first_name", "too_long")
    )
    assert message(FieldError("recovery_code", "invalid")) == "شناسه معتبر نیست."
    assert message(FieldError(REQUEST, "unavailable", {"target": "sso.example:8443"})).endswith(
        "(مقصد: sso.example:8443)"
    )


def test_unknown_field_or_code_gets_a_generic_text():
    text = message(FieldError("mobile", "no_such_code"))
    assert "شماره تلفن همراه" in text and "no_such_code" in text
    assert message(FieldError("no_such_field", "x"), "en").startswith("no_such_field")


def test_unknown_language_falls_back_to_persian():
    assert message(FieldError("mobile", "required"), "de") == message(
        FieldError("mobile", "required"), "fa"
    )


def test_field_labels():
    assert field_label("national_code") == "کد ملی"
    assert field_label("birth_certificate_number", "en") == "Birth certificate number"
    assert field_label("unknown_field") == "unknown_field"
    for field in CODES:
        assert field_label(field, "fa") != field
        assert field_label(field, "en") != field


def test_strength_labels():
    assert [strength_label(n) for n in range(5)] == [
        "خیلی ضعیف",
        "ضعیف",
        "متوسط",
        "قوی",
        "خیلی قوی",
    ]
    assert strength_label(4, "en") == "very strong"


def test_localize_digits():
    assert localize_digits("0912 - 3") == "۰۹۱۲ - ۳"
    assert localize_digits("0912", "en") == "0912"


# --- the catalogs themselves -------------------------------------------------------------------
def _entries(lang: str) -> dict[str, str]:
    with _po(lang).open("rb") as handle:
        catalog = read_po(handle)
    assert not catalog.fuzzy  # a fuzzy header would make pybabel compile skip the file
    return {m.id: m.string for m in catalog if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_holds_exactly_the_extracted_keys(lang):
    entries = _entries(lang)
    assert set(entries) == {key for key, _ in all_keys()}
    assert all(entries.values()), [k for k, v in entries.items() if not v]


def test_babel_extraction_with_babel_cfg_finds_every_key():
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {
        message_id
        for _, _, message_id, _, _ in extract_from_dir(
            str(ROOT / "desktop" / "rules"), method_map, options_map
        )
    }
    assert found == {key for key, _ in all_keys()}


def test_placeholders_agree_between_languages():
    fa, en = _entries("fa"), _entries("en")
    for key in fa:
        assert set(re.findall(r"{(\w+)}", fa[key])) == set(re.findall(r"{(\w+)}", en[key])), key


@pytest.fixture
def private_locale(tmp_path, monkeypatch):
    """A copy of the Persian catalog in a private resources/ folder, for i18n to load."""
    target = tmp_path / "locale" / "fa" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(_po("fa"), target / "messages.po")
    monkeypatch.setattr(i18n, "resource", lambda *parts: tmp_path.joinpath(*parts))
    i18n.reload()
    yield target
    i18n.reload()


def test_po_is_read_when_the_mo_is_missing(private_locale):
    assert not (private_locale / "messages.mo").exists()
    assert i18n.gettext("messages", "national_code.checksum") == (
        "کد ملی وارد شده معتبر نیست: رقم کنترل نادرست است."
    )
    assert i18n.gettext("messages", "no.such.key") == "no.such.key"


def test_compiled_mo_and_po_give_the_same_texts(private_locale):
    from_po = {key: i18n.gettext("messages", key) for key, _ in all_keys()}
    with (
        (private_locale / "messages.po").open("rb") as po,
        (private_locale / "messages.mo").open("wb") as mo,
    ):
        write_mo(mo, read_po(po))
    i18n.reload()
    assert type(i18n.translations("messages", "fa")).__name__ == "GNUTranslations"
    assert {key: i18n.gettext("messages", key) for key, _ in all_keys()} == from_po


def test_a_stale_mo_is_ignored(private_locale):
    import os

    (private_locale / "messages.mo").write_bytes(b"")  # an old, broken compile
    os.utime(private_locale / "messages.mo", (1, 1))
    i18n.reload()
    assert i18n.gettext("messages", "mobile.required") == "شماره تلفن همراه را وارد نمائید."


def test_missing_catalog_returns_the_msgid(private_locale):
    assert i18n.gettext("ui", "سلام", "fa") == "سلام"
    assert not i18n.has_translation("messages", "mobile.required", "xx")
