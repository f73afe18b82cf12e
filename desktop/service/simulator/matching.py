"""The verification decision: compare a request with the civil registry and the mobile owner.

Pure (no database): given what the back office found, say which outcome a request gets.
SPEC "Verification outcomes": activated when the identity matches and the mobile is the
applicant's own; branch_visit_required when the identity matches but the mobile is someone
else's or unknown; identity_mismatch when any identity field differs or the national code is
unknown.
"""

from __future__ import annotations

from typing import Protocol

from desktop.rules.normalize import ZWNJ, normalize_digits, normalize_name
from desktop.service.interface import RegistrationState
from desktop.service.simulator.registry import RegistryRecord


class IdentityClaim(Protocol):
    """The identity fields of a request (a ``Registration`` row or any object alike)."""

    national_code: str
    mobile: str
    first_name: str
    last_name: str
    gender: str
    birth_certificate_number: str
    birth_date: str


def name_key(name: str) -> str:
    """A name as compared with the registry: normalised, then without ZWNJ and spaces.

    «محمد‌حسین», «محمد حسین» and «محمدحسین» are one name written three ways (keyboards and
    clerks differ on the joiner); a branch operator would not reject a person for it.
    """
    return normalize_name(name).replace(ZWNJ, "").replace(" ", "")


def _digits_key(value: str) -> str:
    return normalize_digits(value).strip()


def identity_matches(claim: IdentityClaim, person: RegistryRecord) -> bool:
    """True when every identity field of ``claim`` equals the registry's after normalisation:
    names by :func:`name_key`, gender, certificate number and Jalali birth date as digits."""
    return (
        name_key(claim.first_name) == name_key(person.first_name)
        and name_key(claim.last_name) == name_key(person.last_name)
        and str(claim.gender) == str(person.gender)
        and _digits_key(claim.birth_certificate_number)
        == _digits_key(person.birth_certificate_number)
        and _digits_key(claim.birth_date) == _digits_key(person.birth_date)
    )


def decide(
    claim: IdentityClaim, person: RegistryRecord | None, mobile_owner: str | None
) -> RegistrationState:
    """The outcome for ``claim`` given its registry record (None: national code unknown) and
    the national code owning its mobile (None: mobile unknown)."""
    if person is None or not identity_matches(claim, person):
        return RegistrationState.IDENTITY_MISMATCH
    if mobile_owner == claim.national_code:
        return RegistrationState.ACTIVATED
    return RegistrationState.BRANCH_VISIT_REQUIRED
