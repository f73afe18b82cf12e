"""The simulated civil registry (ثبت احوال) and the operators' mobile-ownership records."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

#: The SQL check shared by every table holding a gender (values of ``interface.Gender``).
GENDER_CHECK = "gender IN ('male', 'female')"


class Person(Base):
    """One person of the civil registry, with every identity field normalised by the rules.

    ``birth_date`` is Jalali ``YYYY/MM/DD`` with ASCII digits; ``gender`` is ``male|female``.
    """

    __tablename__ = "civil_registry_people"
    __table_args__ = (CheckConstraint(GENDER_CHECK, name="gender"),)

    national_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(30))
    last_name: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str] = mapped_column(String(6))
    birth_certificate_number: Mapped[str] = mapped_column(String(15))
    birth_date: Mapped[str] = mapped_column(String(10))


class MobileOwner(Base):
    """Which person a mobile number (``09XXXXXXXXX``) is registered to at its operator."""

    __tablename__ = "mobile_owners"

    mobile: Mapped[str] = mapped_column(String(11), primary_key=True)
    national_code: Mapped[str] = mapped_column(
        ForeignKey("civil_registry_people.national_code", ondelete="CASCADE"), index=True
    )
