""" "The later supersedes" across laptops follows capture time, not the order of syncing: the
same person queued on laptop A at 10:00 and on laptop B at 11:00 ends as one live request
holding B's data, whichever laptop syncs first; a newer request already verified is kept as
SPEC's re-registration rules say; equal capture times end alike in both orders; a laptop
whose clock runs fast does not outrank later registrations."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.offline.queue import ItemState, OfflineQueue, QueueItem
from desktop.offline.sealing import public_key_of
from desktop.offline.sync import sync_queue
from desktop.offline.sync_client import SyncClient
from desktop.rules.errors import FieldError
from desktop.service.interface import RegistrationState
from tests.contract.helpers import seed
from tests.offline.conftest import SyncServer, make_request

SUPERSEDED_NOTICE = FieldError("request", "superseded")


class Laptop:
    """A field laptop: its own queue file, pinned to the live server, with a clock the test
    sets (the capture time of what it queues)."""

    def __init__(self, path: Path, live: SyncServer, now: dt.datetime):
        self.now = now
        self.queue = OfflineQueue(path, clock=lambda: self.now)
        self.queue.pin_server_key(public_key_of(live.key), live.url)
        self.live = live

    def register(self, request, at: dt.datetime) -> QueueItem:
        """Queue ``request`` captured ``at``."""
        self.now = at
        return self.queue.enqueue(request)

    def sync(self) -> None:
        """Send the queue."""
        with SyncClient(self.live.url, self.live.token) as client:
            sync_queue(self.queue, client)

    def item(self) -> QueueItem:
        """Its one row."""
        [item] = self.queue.items()
        return item


@pytest.fixture
def laptops(tmp_path, live) -> Iterator[dict[str, Laptop]]:
    """Laptops ``a`` and ``b`` of the live server."""
    made = {
        name: Laptop(tmp_path / f"laptop-{name}.sqlite3", live, dt.datetime.now(dt.UTC))
        for name in "ab"
    }
    yield made
    for laptop in made.values():
        laptop.queue.close()


def _records(live: SyncServer, national_code: str) -> dict[str, tuple[RegistrationState, str]]:
    return {
        r.tracking_id: (r.state, r.email)
        for r in live.backend.service.find_registrations(national_code)
    }


def _sync(laptops: dict[str, Laptop], order: str) -> None:
    for name in order:
        laptops[name].sync()


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_the_later_capture_is_kept_whichever_laptop_syncs_first(
    live, laptops, registry_people, hashes, order
):
    person = registry_people[0]
    ten = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    request = make_request(person, hashes)
    laptops["a"].register(dataclasses.replace(request, email="a@example.com"), ten)
    laptops["b"].register(
        dataclasses.replace(request, email="b@example.com"), ten + dt.timedelta(hours=1)
    )
    _sync(laptops, order)
    a, b = laptops["a"].item(), laptops["b"].item()
    assert b.state is ItemState.ACCEPTED and b.errors == ()
    if order == "ab":  # A was the newest when it arrived; B replaced it afterwards
        assert a.state is ItemState.ACCEPTED
    else:  # A arrived after a later capture: answered superseded, with its tracking id
        assert a.state is ItemState.SUPERSEDED
        assert a.errors == (SUPERSEDED_NOTICE,)
    assert _records(live, person.national_code) == {
        a.tracking_id: (RegistrationState.SUPERSEDED, "a@example.com"),
        b.tracking_id: (RegistrationState.PENDING, "b@example.com"),
    }
    # Another sync of both sends nothing: every row is answered.
    _sync(laptops, order)
    assert len(_records(live, person.national_code)) == 2


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_resent_batches_create_nothing_and_answer_the_older_capture_superseded(
    live, laptops, registry_people, hashes, order
):
    person = registry_people[1]
    ten = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    request = make_request(person, hashes)
    laptops["a"].register(request, ten)
    laptops["b"].register(request, ten + dt.timedelta(hours=1))
    batches = {name: laptop.queue.waiting(10)[0] for name, laptop in laptops.items()}
    with SyncClient(live.url, live.token) as client:
        first = {name: client.send_batch(batches[name]) for name in order}
        again = {name: client.send_batch(batches[name]) for name in order}
    assert first["b"][0].state is ItemState.ACCEPTED
    assert first["a"][0].state is (ItemState.ACCEPTED if order == "ab" else ItemState.SUPERSEDED)
    # Sent again, each is answered with its first tracking id and its state now: A is
    # superseded whichever order they came in.
    assert again["b"] == first["b"]
    assert again["a"][0].tracking_id == first["a"][0].tracking_id
    assert again["a"][0].state is ItemState.SUPERSEDED
    states = sorted(s for s, _ in _records(live, person.national_code).values())
    assert states == [RegistrationState.PENDING, RegistrationState.SUPERSEDED]


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_equal_capture_times_end_alike_in_both_orders(
    live, laptops, registry_people, hashes, order
):
    person = registry_people[2]
    at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    request = make_request(person, hashes)
    items = {
        name: laptops[name].register(dataclasses.replace(request, email=f"{name}@example.com"), at)
        for name in "ab"
    }
    _sync(laptops, order)
    # The larger local id (compared as text) wins a tie, so the order of syncing does not count.
    winner = max(items, key=lambda name: items[name].local_id)
    live_emails = [
        email
        for state, email in _records(live, person.national_code).values()
        if state is RegistrationState.PENDING
    ]
    assert live_emails == [f"{winner}@example.com"]


@pytest.mark.parametrize(
    ("newer_mobile", "newer_state"),
    [
        (None, RegistrationState.BRANCH_VISIT_REQUIRED),  # a mobile not the person's
        ("own", RegistrationState.ACTIVATED),
        ("mismatch", RegistrationState.IDENTITY_MISMATCH),
    ],
)
def test_an_older_capture_after_the_newer_was_verified(
    live, laptops, registry_people, hashes, newer_mobile, newer_state
):
    person = registry_people[3]
    ten = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    request = make_request(person, hashes)
    newer = request
    if newer_mobile is None:
        newer = dataclasses.replace(request, mobile=seed()["unknown_mobiles"][2])
    elif newer_mobile == "mismatch":
        newer = dataclasses.replace(request, birth_date="1300/01/01")
    laptops["a"].register(request, ten)
    laptops["b"].register(newer, ten + dt.timedelta(hours=1))
    laptops["b"].sync()
    live.backend.training.advance_clock(3601)  # the server's verification delay passes
    live.backend.service.run_verification()
    b = laptops["b"].item()
    assert live.backend.service.registration_status(b.tracking_id).state is newer_state
    laptops["a"].sync()
    a = laptops["a"].item()
    if newer_state is RegistrationState.ACTIVATED:
        # The person has an account: any new request is refused, as at a desk.
        assert a.state is ItemState.REFUSED
        assert a.errors == (FieldError("request", "already_registered"),)
        assert len(_records(live, person.national_code)) == 1
    else:
        # The later capture keeps its verified state (the branch visit, or the mismatch SMS
        # already sent, telling the person to register again); the older one never counts.
        assert a.state is ItemState.SUPERSEDED
        assert {t: s for t, (s, _) in _records(live, person.national_code).items()} == {
            a.tracking_id: RegistrationState.SUPERSEDED,
            b.tracking_id: newer_state,
        }


def test_a_fast_laptop_clock_does_not_outrank_a_later_registration(
    live, laptops, registry_people, hashes
):
    person = registry_people[4]
    request = make_request(person, hashes)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    laptops["a"].register(dataclasses.replace(request, email="fast@example.com"), tomorrow)
    laptops["a"].sync()  # captured "tomorrow": taken as captured when it arrived
    at_desk = live.backend.service.submit_registration(
        dataclasses.replace(request, email="desk@example.com")
    )
    a = laptops["a"].item()
    assert _records(live, person.national_code) == {
        a.tracking_id: (RegistrationState.SUPERSEDED, "fast@example.com"),
        at_desk.tracking_id: (RegistrationState.PENDING, "desk@example.com"),
    }
