"""Branch staff accounts: operators and supervisors who log in to the branch desk."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

#: SQL check of ``StaffAccount.role`` (``desktop.branch.interface.StaffRole`` values).
ROLE_CHECK = "role IN ('operator', 'supervisor')"


class StaffAccount(Base):
    """One member of staff. ``password_hash`` is an argon2id PHC string; ``disabled_at`` set
    means the account can no longer log in (rows are never deleted: audit rows name their id).
    ``failures``/``locked_until``: wrong passwords in a row and the lock they caused."""

    __tablename__ = "staff_accounts"
    __table_args__ = (CheckConstraint(ROLE_CHECK, name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
