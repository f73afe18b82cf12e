"""The SMS gateway Protocol and its simulation: an outbox table of sealed messages.

The outbox IS the simulated phone: reading it is how a trainee "receives" an SMS. Bodies are
sealed with the simulator key (see :mod:`.keys`) because a recovery-code SMS holds the code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.service.interface import SmsMessage
from desktop.service.simulator.keys import SimulatorKeys
from models import OutboxMessage

#: What a message shows when its seal cannot be opened (the key file was replaced).
UNREADABLE = "[پیامک قابل خواندن نیست]"


@dataclass(frozen=True)
class OutgoingSms:
    """One SMS to send: ``mobile`` (``09XXXXXXXXX``), ``text``, ``kind`` (see SmsMessage)."""

    mobile: str
    text: str
    kind: str


class SmsGateway(Protocol):
    """Sends SMS. Part of the caller's transaction: nothing is sent if it rolls back."""

    def send(self, messages: Iterable[OutgoingSms]) -> None:
        """Queue every message for delivery."""
        ...


class OutboxSmsGateway:
    """:class:`SmsGateway` that writes sealed rows to ``sms_outbox`` in the caller's session,
    stamped with the simulated time ``now``."""

    def __init__(self, session: Session, keys: SimulatorKeys, now: dt.datetime):
        self._session = session
        self._keys = keys
        self._now = now

    def send(self, messages: Iterable[OutgoingSms]) -> None:
        """See :meth:`SmsGateway.send` (one bulk INSERT)."""
        rows = [
            {
                "mobile": sms.mobile,
                "kind": sms.kind,
                "body_sealed": self._keys.seal(sms.text),
                "sent_at": self._now,
            }
            for sms in messages
        ]
        if rows:
            # Core insert (an executemany): no ORM bookkeeping for thousands of rows.
            self._session.execute(OutboxMessage.__table__.insert(), rows)


def read_outbox(
    session: Session, keys: SimulatorKeys, mobile: str | None = None
) -> list[SmsMessage]:
    """Messages sent to ``mobile`` (every message when None), oldest first, unsealed."""
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if mobile is not None:
        query = query.where(OutboxMessage.mobile == mobile)
    return [
        SmsMessage(
            mobile=row.mobile,
            text=keys.unseal(row.body_sealed) or UNREADABLE,
            kind=row.kind,
            sent_at=row.sent_at,
        )
        for row in session.execute(query).scalars()
    ]
