"""The branch desk's service contract: staff accounts and sessions, activation, mismatch
correction and the branch-side password reset (the branch issue; SPEC "Who uses it").

Like :mod:`desktop.service.interface`: plain frozen dataclasses in and out, refusals as the
typed exceptions of :mod:`desktop.service.errors`. Secrets arrive as argon2id PHC strings made
on the desk, except a staff member's login password (verified against its stored hash).
Every call made for a staff member takes their :class:`StaffSession`; the service checks it
and its role, and writes the staff id into the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from desktop.service.interface import AccountInfo, Gender, RegistrationRecord


class StaffRole(StrEnum):
    """Who may do what: an operator activates branch-visit requests and resets passwords; a
    supervisor may also activate an identity-mismatch request after correcting its data."""

    OPERATOR = "operator"
    SUPERVISOR = "supervisor"


class Document(StrEnum):
    """Original documents an operator can tick as seen (at least one is required)."""

    NATIONAL_CARD = "national_card"
    BIRTH_CERTIFICATE = "birth_certificate"


@dataclass(frozen=True)
class StaffMember:
    """One staff account: ``staff_id`` (the id every audit row names), ``name`` (login name),
    ``role``, and ``disabled`` (can no longer log in)."""

    staff_id: int
    name: str
    role: StaffRole
    disabled: bool = False


@dataclass(frozen=True)
class StaffSession:
    """A logged-in staff member: ``token`` (opaque, checked by the service) and who it is."""

    token: str
    member: StaffMember


@dataclass(frozen=True)
class IdentityCorrection:
    """The identity data a supervisor read from the original documents (raw inputs: the
    service normalises and checks them with the registration rules); ``reason`` says why the
    request was activated in spite of the mismatch (free text, required)."""

    first_name: str
    last_name: str
    gender: Gender | str
    birth_certificate_number: str
    birth_date: str
    reason: str


@runtime_checkable
class BranchService(Protocol):
    """Branch operations. Every method may raise BackendUnavailable; a stale or unknown
    session raises RequestRefused ``unauthorized``."""

    # --- staff accounts (the ``tamin-desk staff`` command) --------------------------------
    def add_staff(self, name: str, role: StaffRole, password_hash: str) -> StaffMember:
        """Create a staff account. Raises ValidationFailed ``password_hash`` (weak PHC),
        ValueError for a bad name, RequestRefused ``already_registered`` for a taken name."""
        ...

    def list_staff(self) -> list[StaffMember]:
        """Every staff account, by name."""
        ...

    def disable_staff(self, name: str) -> StaffMember:
        """Disable an account (it stays, for the audit trail). Raises RequestRefused
        ``not_found``."""
        ...

    # --- sessions --------------------------------------------------------------------------
    def staff_login(self, name: str, password: str) -> StaffSession:
        """Log a staff member in. Raises RequestRefused ``invalid_credentials`` (unknown name,
        wrong password or disabled account: one generic refusal), Locked after too many
        failures."""
        ...

    def staff_logout(self, session: StaffSession) -> None:
        """End the session (idempotent)."""
        ...

    # --- branch work -----------------------------------------------------------------------
    def find_registrations(
        self, session: StaffSession, national_code: str
    ) -> list[RegistrationRecord]:
        """Every request of a national code, newest first (the look-up is audited)."""
        ...

    def activate(
        self, session: StaffSession, tracking_id: str, documents: tuple[Document, ...]
    ) -> RegistrationRecord:
        """Activate a ``branch_visit_required`` request after ``documents`` were seen; the
        activated SMS is sent. Raises ValidationFailed ``documents`` ``required``;
        RequestRefused ``not_found`` / ``already_registered``."""
        ...

    def activate_mismatch(
        self,
        session: StaffSession,
        tracking_id: str,
        documents: tuple[Document, ...],
        correction: IdentityCorrection,
    ) -> RegistrationRecord:
        """Supervisor only: correct an ``identity_mismatch`` request's identity data from the
        documents and activate it. Raises RequestRefused ``forbidden`` for an operator;
        ValidationFailed for a corrected field the rules refuse or no ``documents``;
        RequestRefused ``not_found`` / ``already_registered``."""
        ...

    def find_account(self, session: StaffSession, national_code: str) -> AccountInfo:
        """The active account of a national code (for the branch password reset). Raises
        RequestRefused ``not_activated`` when there is none."""
        ...

    def reset_password(
        self,
        session: StaffSession,
        national_code: str,
        documents: tuple[Document, ...],
        password_hash: str,
    ) -> None:
        """Branch-side password reset for a citizen who can use neither recovery method:
        store the new PHC hash, clear login and question locks, send the password-changed SMS.
        Raises ValidationFailed ``documents`` / ``password_hash``; RequestRefused
        ``not_activated``."""
        ...
