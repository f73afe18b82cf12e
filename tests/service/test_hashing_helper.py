"""The desk-side helper that hashes a registration's four secrets in parallel."""

from __future__ import annotations

from desktop.security.hashing import (
    CHEAP_FOR_TESTS,
    HashPolicy,
    hash_registration_secrets,
    needs_rehash,
    parse_phc,
    verify_answer,
    verify_secret,
)


def test_hashes_the_password_as_typed_and_each_answer_normalised_in_order():
    password, answers = "Sabt 1404!x", ("آبي", "TEHRAN", "۱۲ فروردین")
    password_hash, answer_hashes = hash_registration_secrets(password, answers, CHEAP_FOR_TESTS)
    assert verify_secret(password_hash, password)
    assert not verify_secret(password_hash, "sabt 1404!x")
    assert len(answer_hashes) == 3
    assert verify_answer(answer_hashes[0], "آبی")  # Arabic yeh typed, Persian given
    assert verify_answer(answer_hashes[1], "tehran")
    assert verify_answer(answer_hashes[2], "12 فروردین")
    assert not verify_answer(answer_hashes[0], "TEHRAN")
    for phc in (password_hash, *answer_hashes):
        assert parse_phc(phc) == {"m": 64, "t": 1, "p": 1}


def test_one_worker_gives_the_same_kind_of_result():
    password_hash, answer_hashes = hash_registration_secrets(
        "Abcdefg1", ("یک", "دو", "سه"), CHEAP_FOR_TESTS, max_workers=1
    )
    assert verify_secret(password_hash, "Abcdefg1")
    assert all(verify_answer(h, a) for h, a in zip(answer_hashes, ("یک", "دو", "سه"), strict=True))


def test_needs_rehash_only_for_weaker_parameters():
    cheap = hash_registration_secrets("Abcdefg1", (), CHEAP_FOR_TESTS)[0]
    stronger = HashPolicy(time_cost=2, memory_kib=128)
    assert needs_rehash(cheap, stronger)
    assert not needs_rehash(cheap, CHEAP_FOR_TESTS)
    strong = stronger.hasher().hash("Abcdefg1")
    assert not needs_rehash(strong, CHEAP_FOR_TESTS)  # never downgrade
    assert needs_rehash("not a hash", CHEAP_FOR_TESTS)
