"""The queue file: durable settings, a local index without personal data, sealed records only
the server opens, answers stored and dismissed."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.offline.errors import NoServerKey
from desktop.offline.queue import ItemState, OfflineQueue, ServerAnswer, decode_record
from desktop.offline.sealing import open_sealed, public_key_of
from desktop.rules.errors import FieldError
from desktop.service import wire
from tests.offline.conftest import make_request


def test_the_queue_file_uses_wal_and_full_synchronous_writes(queue: OfflineQueue):
    db = sqlite3.connect(queue.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # synchronous is per connection: the queue's own connection is the one that writes.
    assert queue._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_enqueue_stores_a_masked_index_row_and_a_record_only_the_server_opens(
    queue, server_key, registry_people, hashes
):
    person = registry_people[0]
    request = make_request(person, hashes)
    item = queue.enqueue(request)
    assert item.state is ItemState.QUEUED
    code = person.national_code
    assert item.masked_national_code == code[:3] + "****" + code[-3:]
    [(local_id, sealed)] = queue.waiting(10)[0]
    assert local_id == item.local_id
    opened, captured_at = decode_record(open_sealed(server_key, local_id, sealed))
    assert opened.idempotency_key == local_id
    assert opened.national_code == code and opened.first_name == person.first_name
    assert opened.password_hash.startswith("$argon2id$")
    # Sealed with it: when the registration was captured (the queue's clock at enqueue).
    assert captured_at == item.queued_at and captured_at.tzinfo is not None


def test_a_record_sealed_before_capture_times_had_a_name_still_opens(registry_people, hashes):
    request = make_request(registry_people[0], hashes)
    at = dt.datetime(2025, 5, 1, 6, 30, tzinfo=dt.UTC)
    legacy = {"request": wire.encode(request), "queued_at": at.isoformat()}
    assert decode_record(json.dumps(legacy).encode()) == (request, at)
    naive = {"request": wire.encode(request), "captured_at": "2025-05-01T06:30:00"}
    with pytest.raises(ValueError, match="time zone"):
        decode_record(json.dumps(naive).encode())


def test_raw_queue_and_wal_bytes_hold_no_national_code_name_or_mobile(
    tmp_path, server_key, registry_people, hashes
):
    path = tmp_path / "q.sqlite3"
    queue = OfflineQueue(path)
    queue.pin_server_key(public_key_of(server_key), "http://server")
    chosen = registry_people[:20]
    for person in chosen:
        queue.enqueue(make_request(person, hashes))
    wal = path.with_name(path.name + "-wal")
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert wal.exists() and wal.stat().st_size > 0  # the records really are in the WAL
    for person in chosen:
        for secret in (person.national_code, person.first_name, person.last_name, *person.mobiles):
            assert secret.encode("utf-8") not in raw, secret
        assert (
            person.birth_certificate_number.encode() not in raw
            or len(person.birth_certificate_number) < 4
        )  # a short certificate number can occur by chance in random bytes
    # Still none after a checkpoint moves the WAL into the main file.
    queue.close()
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = path.read_bytes()
    for person in chosen:
        assert person.national_code.encode() not in raw
        assert person.first_name.encode("utf-8") not in raw


def test_no_pinned_key_no_queueing(tmp_path, registry_people, hashes):
    with OfflineQueue(tmp_path / "q.sqlite3") as queue, pytest.raises(NoServerKey):
        queue.enqueue(make_request(registry_people[0], hashes))


def test_a_pinned_key_is_never_silently_replaced(queue):
    with pytest.raises(ValueError, match="pinned"):
        queue.pin_server_key(public_key_of(X25519PrivateKey.generate()), "http://other")
    queue.pin_server_key(queue.pinned_key(), "http://again")  # the same key: fine


def test_answers_replace_the_sealed_record_and_refusals_stay_until_dismissed(
    queue, registry_people, hashes
):
    first, second, third = (queue.enqueue(make_request(p, hashes)) for p in registry_people[:3])
    refusal = FieldError("birth_date", "mismatch", {"min": 3, "typed": "۱۳۷۰"})
    queue.record_answers(
        [
            ServerAnswer(first.local_id, tracking_id="T-1"),
            ServerAnswer(second.local_id, errors=(refusal,)),
            ServerAnswer(third.local_id, retry=True),
        ]
    )
    by_id = {i.local_id: i for i in queue.items()}
    assert by_id[first.local_id].state is ItemState.ACCEPTED
    assert by_id[first.local_id].tracking_id == "T-1"
    refused = by_id[second.local_id]
    assert refused.state is ItemState.REFUSED
    assert refused.errors == (FieldError("birth_date", "mismatch"),)
    assert refused.errors[0].params == {"min": 3}  # typed text never reaches the index
    assert by_id[third.local_id].state is ItemState.QUEUED
    assert [i for i, _ in queue.waiting(10)[0]] == [third.local_id]
    rows = sqlite3.connect(queue.path).execute(
        "SELECT local_id FROM items WHERE sealed IS NOT NULL"
    )
    assert [r[0] for r in rows] == [third.local_id]
    # A resent answer for an answered row changes nothing.
    queue.record_answers([ServerAnswer(second.local_id, tracking_id="T-late")])
    assert queue.items([ItemState.REFUSED])[0].tracking_id is None
    # Dismissal removes answered rows only: a queued one must never be lost.
    assert queue.dismiss([first.local_id, second.local_id, third.local_id]) == 2
    assert [i.local_id for i in queue.items()] == [third.local_id]
    assert queue.counts() == {
        ItemState.QUEUED: 1,
        ItemState.ACCEPTED: 0,
        ItemState.REFUSED: 0,
        ItemState.SUPERSEDED: 0,
    }


def test_two_queue_objects_on_one_file_see_each_other(
    tmp_path: Path, server_key, registry_people, hashes
):
    path = tmp_path / "q.sqlite3"
    with OfflineQueue(path) as one, OfflineQueue(path) as two:
        one.pin_server_key(public_key_of(server_key), "http://s")
        item = two.enqueue(make_request(registry_people[0], hashes))
        assert [i.local_id for i in one.items()] == [item.local_id]
