"""The back office's civil-registry (ثبت احوال) and mobile-ownership look-ups.

Each is a small Protocol (what the verification needs) with a simulated implementation over the
seeded tables. Look-ups are by batch because verification checks thousands of requests at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.service.interface import Gender
from desktop.service.simulator.batching import chunked
from models import MobileOwner, Person


@dataclass(frozen=True)
class RegistryRecord:
    """A person as the civil registry holds them (normalised; ``birth_date`` Jalali
    ``YYYY/MM/DD``, ASCII digits)."""

    national_code: str
    first_name: str
    last_name: str
    gender: Gender
    birth_certificate_number: str
    birth_date: str


class CivilRegistry(Protocol):
    """Look-up of identity records by national code."""

    def lookup_many(self, national_codes: Collection[str]) -> dict[str, RegistryRecord]:
        """Records of the national codes found (unknown ones are simply absent)."""
        ...


class MobileOwnership(Protocol):
    """Which national code each mobile number is registered to at its operator."""

    def owners(self, mobiles: Collection[str]) -> dict[str, str]:
        """``{mobile: national_code}`` for the mobiles with a known owner."""
        ...


class SqlCivilRegistry:
    """:class:`CivilRegistry` over the seeded ``civil_registry_people`` table, inside the
    caller's session (and so its transaction)."""

    def __init__(self, session: Session):
        self._session = session

    def lookup_many(self, national_codes: Collection[str]) -> dict[str, RegistryRecord]:
        """See :meth:`CivilRegistry.lookup_many`."""
        found: dict[str, RegistryRecord] = {}
        for chunk in chunked(national_codes):
            rows = self._session.execute(select(Person).where(Person.national_code.in_(chunk)))
            for person in rows.scalars():
                found[person.national_code] = RegistryRecord(
                    national_code=person.national_code,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    gender=Gender(person.gender),
                    birth_certificate_number=person.birth_certificate_number,
                    birth_date=person.birth_date,
                )
        return found


class SqlMobileOwnership:
    """:class:`MobileOwnership` over the seeded ``mobile_owners`` table."""

    def __init__(self, session: Session):
        self._session = session

    def owners(self, mobiles: Collection[str]) -> dict[str, str]:
        """See :meth:`MobileOwnership.owners`."""
        found: dict[str, str] = {}
        for chunk in chunked(mobiles):
            query = select(MobileOwner.mobile, MobileOwner.national_code).where(
                MobileOwner.mobile.in_(chunk)
            )
            found.update({mobile: code for mobile, code in self._session.execute(query)})
        return found
