"""Desk tokens of the remote API server: who may call it, and who is a trainer."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class DeskToken(Base):
    """One named desk token. Only the token's SHA-256 is stored (hex, 64 characters): the
    token is 256 random bits, so a fast hash is enough (see :mod:`desktop.server.tokens`).

    ``trainer`` tokens may call the training routes; ``revoked_at`` set means refused.
    """

    __tablename__ = "desk_tokens"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    trainer: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
