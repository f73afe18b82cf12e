"""Sealing: only the server's key opens a record, only under its own local id, and every
record has its own ephemeral key; the server key file is private and made once."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.offline.sealing import MAGIC, SealError, ServerKey, open_sealed, public_key_of, seal
from desktop.offline.server_key import default_key_path, load_or_create_server_key


def test_a_sealed_record_opens_with_the_server_key_and_its_id_only():
    server = X25519PrivateKey.generate()
    envelope = seal(public_key_of(server), "local-1", "محمد رضایی 0499370899".encode())
    assert open_sealed(server, "local-1", envelope).decode() == "محمد رضایی 0499370899"
    assert b"0499370899" not in envelope
    with pytest.raises(SealError):
        open_sealed(server, "local-2", envelope)  # moved to another id
    with pytest.raises(SealError):
        open_sealed(X25519PrivateKey.generate(), "local-1", envelope)  # another server


def test_every_bit_of_the_envelope_is_authenticated():
    server = X25519PrivateKey.generate()
    envelope = seal(public_key_of(server), "x", b"payload")
    for position in range(len(envelope)):
        damaged = bytearray(envelope)
        damaged[position] ^= 0x01
        with pytest.raises(SealError):
            open_sealed(server, "x", bytes(damaged))
    for bad in (b"", MAGIC, envelope[:-1], b"XXXX" + envelope[4:]):
        with pytest.raises(SealError):
            open_sealed(server, "x", bad)


def test_each_record_has_its_own_ephemeral_key_and_nonce():
    key = public_key_of(X25519PrivateKey.generate())
    one, two = seal(key, "x", b"same"), seal(key, "x", b"same")
    assert one != two
    assert one[4:36] != two[4:36]  # ephemeral public keys differ


def test_server_key_fingerprint_is_the_sha256_of_the_raw_key():
    import hashlib

    key = public_key_of(X25519PrivateKey.generate())
    assert key.fingerprint == hashlib.sha256(key.public_key).hexdigest()
    with pytest.raises(ValueError):
        ServerKey(b"short")


def test_the_key_file_is_private_made_once_and_shared_by_racing_servers(tmp_path: Path):
    path = tmp_path / "data" / "sync-x25519.pem"
    found: list[bytes] = []

    def start() -> None:
        found.append(public_key_of(load_or_create_server_key(path)).public_key)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left


def test_the_key_lives_beside_the_sqlite_database(tmp_path: Path):
    assert default_key_path(f"sqlite:///{tmp_path}/db/server.sqlite3") == (
        tmp_path / "db" / "sync-x25519.pem"
    )
