"""The simulator key: sealing round-trips, MACs bind their purpose, the key file is private."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.service.simulator.keys import SimulatorKeys


def test_seal_round_trips_persian_text_and_hides_it():
    keys = SimulatorKeys.ephemeral()
    text = "شناسه بازیابی گذرواژه: 123456"
    token = keys.seal(text)
    assert "123456" not in token and text not in token
    assert token != keys.seal(text)  # a fresh IV each time
    assert keys.unseal(token) == text


def test_a_token_from_another_key_or_tampered_does_not_open():
    token = SimulatorKeys.ephemeral().seal("secret")
    assert SimulatorKeys.ephemeral().unseal(token) is None
    keys = SimulatorKeys.ephemeral()
    good = keys.seal("secret")
    assert keys.unseal(good[:-4] + "AAAA") is None
    assert keys.unseal("not a token") is None


def test_macs_are_keyed_and_bound_to_their_purpose():
    keys = SimulatorKeys(b"k" * 32)
    assert keys.mac("code", "123456") == SimulatorKeys(b"k" * 32).mac("code", "123456")
    assert keys.mac("code", "123456") != SimulatorKeys(b"j" * 32).mac("code", "123456")
    assert keys.mac("code", "123456") != keys.mac("recovery", "123456")
    assert keys.mac_matches(keys.mac("code", "123456"), "code", "123456")
    assert not keys.mac_matches(keys.mac("code", "123456"), "code", "123457")


def test_the_key_file_is_created_once_owner_only(tmp_path):
    path = tmp_path / "keys" / "simulator.key"
    first = SimulatorKeys.load_or_create(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = SimulatorKeys.load_or_create(path)
    assert again.unseal(first.seal("x")) == "x"


def test_a_master_key_must_be_32_bytes():
    with pytest.raises(ValueError):
        SimulatorKeys(b"short")
