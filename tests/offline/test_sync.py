"""Sync against a live server: every queued registration answered once, refusals kept with
their field errors, a resent batch creating nothing twice, the key pinned and checked, and the
same person queued on two laptops ending as one live request."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.offline.errors import KeyMismatch
from desktop.offline.field_service import QueueingSubmitter
from desktop.offline.queue import ItemState, OfflineQueue
from desktop.offline.sealing import public_key_of
from desktop.offline.sync import pin_or_check, sync_queue
from desktop.offline.sync_client import SyncClient
from desktop.rules.errors import FieldError
from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.errors import BackendUnavailable, RequestRefused, ValidationFailed
from desktop.service.interface import RegistrationState
from tests.offline.conftest import make_request


def _live_states(backend, national_code: str) -> list[RegistrationState]:
    return [r.state for r in backend.service.find_registrations(national_code)]


def test_a_sync_sends_everything_once_and_stores_each_answer(live, queue, registry_people, hashes):
    chosen = registry_people[:7]
    queued = [queue.enqueue(make_request(p, hashes)) for p in chosen]
    seen = []
    with SyncClient(live.url, live.token) as client:
        final = sync_queue(queue, client, batch_size=3, on_progress=seen.append)
    assert (final.sent, final.total, final.accepted, final.refused) == (7, 7, 7, 0)
    assert [p.sent for p in seen] == [3, 6, 7]
    for item, person in zip(queue.items(), chosen, strict=True):
        assert item.state is ItemState.ACCEPTED
        record = live.backend.service.registration_status(item.tracking_id)
        assert record.national_code == person.national_code
        assert record.state is RegistrationState.PENDING
    assert {i.local_id for i in queue.items()} == {i.local_id for i in queued}
    # Nothing left: a second sync sends nothing.
    with SyncClient(live.url, live.token) as client:
        assert sync_queue(queue, client).total == 0


def test_a_resent_batch_creates_nothing_twice(live, queue, registry_people, hashes):
    for person in registry_people[:4]:
        queue.enqueue(make_request(person, hashes))
    batch, _ = queue.waiting(10)
    with SyncClient(live.url, live.token) as client:
        first = client.send_batch(batch)
        again = client.send_batch(batch)  # the answer of the first was "lost"
    assert [a.tracking_id for a in first] == [a.tracking_id for a in again]
    for person in registry_people[:4]:
        assert _live_states(live.backend, person.national_code) == [RegistrationState.PENDING]


def test_a_refused_registration_stays_visible_with_its_field_errors(
    live, queue, registry_people, hashes
):
    good = queue.enqueue(make_request(registry_people[0], hashes))
    # Sealed with a PHC string weaker than the server's policy: refused at the server.
    weak = dataclasses.replace(make_request(registry_people[1], hashes), password_hash="plain")
    bad = queue.enqueue(weak)
    with SyncClient(live.url, live.token) as client:
        final = sync_queue(queue, client)
    assert (final.accepted, final.refused) == (1, 1)
    by_id = {i.local_id: i for i in queue.items()}
    assert by_id[good.local_id].state is ItemState.ACCEPTED
    assert by_id[bad.local_id].state is ItemState.REFUSED
    assert FieldError("password_hash", "invalid") in by_id[bad.local_id].errors
    assert live.backend.service.find_registrations(registry_people[1].national_code) == []


def test_a_record_moved_to_another_id_is_refused_as_malformed(live, queue, registry_people, hashes):
    one = queue.enqueue(make_request(registry_people[0], hashes))
    [(_, sealed)] = queue.waiting(1)[0]
    with SyncClient(live.url, live.token) as client:
        [answer] = client.send_batch([("someone-else", sealed)])
    assert answer.errors == (FieldError("request", "malformed"),)
    assert one.local_id != "someone-else"


def test_the_key_is_pinned_on_first_contact_and_a_changed_key_stops_the_sync(
    tmp_path: Path, server_db, registry_people, hashes
):
    from tests.offline.conftest import sync_server

    first_key = X25519PrivateKey.generate()
    with OfflineQueue(tmp_path / "fresh.sqlite3") as queue:
        assert queue.pinned_key() is None
        with (
            sync_server(server_db, first_key) as served,
            SyncClient(served.url, served.token) as client,
        ):
            pin_or_check(queue, client)
        assert queue.pinned_key() == public_key_of(first_key)
        assert queue.pinned_server() == served.url
        queue.enqueue(make_request(registry_people[0], hashes))
        with (
            sync_server(server_db, X25519PrivateKey.generate()) as other,
            SyncClient(other.url, other.token) as client,
            pytest.raises(KeyMismatch),
        ):
            sync_queue(queue, client)
        assert queue.counts()[ItemState.QUEUED] == 1


def test_the_sync_routes_need_a_desk_token(live):
    with httpx.Client(base_url=live.url, trust_env=False) as http:
        assert http.get("/v1/sync/key").status_code == 401
        assert http.post("/v1/sync/batches", json={"items": []}).status_code in (401, 422)
    with SyncClient(live.url, "not-a-token") as client, pytest.raises(RequestRefused):
        client.server_key()


def test_an_unreachable_server_is_backend_unavailable(queue):
    with (
        SyncClient("http://127.0.0.1:9", "t", retries=0) as client,
        pytest.raises(BackendUnavailable),
    ):
        sync_queue(queue, client)


def test_the_same_person_on_two_laptops_ends_as_one_live_request(
    live, tmp_path, server_key, registry_people, hashes
):
    person = registry_people[0]
    laptops = []
    for name in ("a", "b"):
        laptop = OfflineQueue(tmp_path / f"laptop-{name}.sqlite3")
        laptop.pin_server_key(public_key_of(server_key), live.url)
        laptops.append(laptop)
    first = laptops[0].enqueue(make_request(person, hashes))
    later = laptops[1].enqueue(make_request(person, hashes))
    with SyncClient(live.url, live.token) as client:
        sync_queue(laptops[0], client)
        sync_queue(laptops[1], client)
        sync_queue(laptops[0], client)  # a retry of the first laptop changes nothing
    [a] = laptops[0].items()
    [b] = laptops[1].items()
    assert (a.local_id, b.local_id) == (first.local_id, later.local_id)
    records = {
        r.tracking_id: r.state
        for r in live.backend.service.find_registrations(person.national_code)
    }
    assert records == {
        a.tracking_id: RegistrationState.SUPERSEDED,
        b.tracking_id: RegistrationState.PENDING,
    }
    for laptop in laptops:
        laptop.close()


def test_field_mode_validates_with_the_server_rules_before_queueing(queue, registry_people, hashes):
    submitter = QueueingSubmitter(queue, CHEAP_FOR_TESTS)
    receipt = submitter.submit_registration(make_request(registry_people[0], hashes))
    assert receipt.state is RegistrationState.QUEUED
    assert [i.local_id for i in queue.items()] == [receipt.tracking_id]
    bad = dataclasses.replace(make_request(registry_people[1], hashes), national_code="1234567890")
    with pytest.raises(ValidationFailed) as refused:
        submitter.submit_registration(bad)
    assert refused.value.errors[0].field == "national_code"
    assert len(queue.items()) == 1


def test_the_same_person_queued_twice_on_one_laptop_ends_with_the_later_request(
    live, queue, registry_people, hashes
):
    person, *others = registry_people[:9]
    first = queue.enqueue(make_request(person, hashes))
    for other in others:
        queue.enqueue(make_request(other, hashes))
    corrected = queue.enqueue(make_request(person, hashes))  # typed again, e.g. a fixed mobile
    with SyncClient(live.url, live.token) as client:
        sync_queue(queue, client, batch_size=2)  # the two land in different batches
    by_id = {i.local_id: i.tracking_id for i in queue.items()}
    states = {
        r.tracking_id: r.state
        for r in live.backend.service.find_registrations(person.national_code)
    }
    assert states == {
        by_id[first.local_id]: RegistrationState.SUPERSEDED,
        by_id[corrected.local_id]: RegistrationState.PENDING,
    }


def test_pages_follow_queue_order_not_local_ids(queue, registry_people, hashes):
    queued = [queue.enqueue(make_request(p, hashes)).local_id for p in registry_people[:7]]
    seen, cursor = [], None
    while True:
        batch, cursor = queue.waiting(3, cursor)
        if not batch:
            break
        seen += [local_id for local_id, _ in batch]
    assert seen == queued


def test_stop_keeps_the_rest_queued_and_the_next_sync_resumes(live, queue, registry_people, hashes):
    for person in registry_people[:10]:
        queue.enqueue(make_request(person, hashes))
    batches = []
    with SyncClient(live.url, live.token) as client:
        stopped = sync_queue(
            queue,
            client,
            batch_size=4,
            on_progress=batches.append,
            should_stop=lambda: len(batches) >= 1,
        )
        assert (stopped.sent, stopped.total) == (4, 10)
        assert queue.counts()[ItemState.QUEUED] == 6
        resumed = sync_queue(queue, client, batch_size=4)
    assert (resumed.sent, resumed.total) == (6, 6)
    assert queue.counts()[ItemState.ACCEPTED] == 10


class _ServiceDown:
    """A service whose database is briefly unavailable (the simulator's locked-too-long)."""

    def submit_registrations(self, requests):
        raise BackendUnavailable("server.sqlite3", "database is locked")


def test_a_briefly_unavailable_service_answers_retry_and_the_item_stays_queued(
    queue, server_key, registry_people, hashes
):
    from desktop.offline.inbox import receive_batch

    item = queue.enqueue(make_request(registry_people[0], hashes))
    batch, _ = queue.waiting(1)
    [answer] = receive_batch(_ServiceDown(), server_key, batch)
    assert answer.retry and answer.state is None
    queue.record_answers([answer])
    assert queue.items()[0].state is ItemState.QUEUED
    assert queue.items()[0].local_id == item.local_id
