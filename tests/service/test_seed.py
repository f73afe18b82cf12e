"""The committed seed file: reproducible, fictional but rule-valid, varied, with the training
accounts' secrets hashed at PRODUCTION parameters and documented for trainers."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop.paths import project_root
from desktop.rules.fields import (
    parse_birth_certificate_number,
    parse_birth_date,
    parse_first_name,
    parse_last_name,
    parse_mobile,
    parse_national_code,
)
from desktop.rules.normalize import ZWNJ
from desktop.security.hashing import PRODUCTION, parse_phc, verify_answer, verify_secret
from desktop.service.simulator.seed import seed_file
from tests.contract.helpers import generator, seed

PEOPLE = seed()["people"]


@pytest.mark.production_hash
@pytest.mark.slow
def test_the_committed_file_is_the_generators_output():
    module = generator()
    assert module.render(module.generate()) == seed_file().read_text(encoding="utf-8")


def test_at_least_300_distinct_people_valid_under_the_rules():
    assert len(PEOPLE) >= 300
    assert len({p["national_code"] for p in PEOPLE}) == len(PEOPLE)
    for p in PEOPLE:
        assert parse_national_code(p["national_code"]).value == p["national_code"]
        assert parse_first_name(p["first_name"]).value == p["first_name"]
        assert parse_last_name(p["last_name"]).value == p["last_name"]
        assert parse_birth_certificate_number(p["birth_certificate_number"]).ok
        assert parse_birth_date(p["birth_date"], today="1404/01/01").value == p["birth_date"]
        assert p["gender"] in ("male", "female")


def test_the_registry_has_the_cases_a_trainer_needs():
    genders = Counter(p["gender"] for p in PEOPLE)
    assert min(genders.values()) >= 100
    assert any(ZWNJ in p["first_name"] for p in PEOPLE)
    assert any(ZWNJ in p["last_name"] for p in PEOPLE)
    assert any(p["first_name"].startswith("آ") for p in PEOPLE)
    assert any(p["last_name"].startswith("آ") for p in PEOPLE)
    same = [p for p in PEOPLE if p["birth_certificate_number"] == p["national_code"]]
    assert 20 <= len(same) < len(PEOPLE)
    owned = Counter(len(p["mobiles"]) for p in PEOPLE)
    assert owned[0] >= 20 and owned[1] >= 100 and owned[2] >= 10


def test_mobiles_are_valid_owned_once_and_unknown_ones_owned_by_nobody():
    owned = [m for p in PEOPLE for m in p["mobiles"]]
    assert len(owned) == len(set(owned))
    unknown = seed()["unknown_mobiles"]
    assert len(unknown) >= 10 and not set(unknown) & set(owned)
    for mobile in owned + unknown:
        assert parse_mobile(mobile).value == mobile


@pytest.mark.production_hash
def test_training_accounts_cover_each_recovery_case_with_production_hashes():
    accounts = {a["role"]: a for a in seed()["training_accounts"]}
    assert set(accounts) == {
        "complete",
        "no_mobile",
        "no_security_questions",
        "no_recovery_method",
    }
    assert accounts["no_mobile"]["mobile"] is None
    assert accounts["no_security_questions"]["security_answers"] == []
    production = {"m": PRODUCTION.memory_kib, "t": PRODUCTION.time_cost, "p": 1}
    passwords = {role: pw for role, _, _, pw in generator().TRAINING}
    for role, account in accounts.items():
        assert parse_phc(account["password_hash"]) == production
        assert verify_secret(account["password_hash"], passwords[role])
        for answer, (_, typed) in zip(
            account["security_answers"], generator().TRAINING_ANSWERS, strict=False
        ):
            assert parse_phc(answer["answer_hash"]) == production
            assert verify_answer(answer["answer_hash"], typed)


def test_training_secrets_are_documented_for_trainers():
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    for role, _, _, password in generator().TRAINING:
        account = next(a for a in seed()["training_accounts"] if a["role"] == role)
        assert password in readme and account["national_code"] in readme
    for _, answer in generator().TRAINING_ANSWERS:
        assert answer in readme
