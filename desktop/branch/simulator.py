"""The simulator's :class:`~desktop.branch.interface.BranchService`, over the same unit of work
as the enrollment service (so staff actions land in the same chained audit trail)."""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections.abc import Callable

from sqlalchemy import select, update

from desktop.branch import staff
from desktop.branch.interface import (
    Document,
    IdentityCorrection,
    StaffMember,
    StaffRole,
    StaffSession,
)
from desktop.rules.form import validate_identity
from desktop.rules.normalize import remove_separators
from desktop.security.hashing import require_phc
from desktop.security.masking import mask_national_code
from desktop.service.errors import RequestRefused, ValidationFailed
from desktop.service.interface import AccountInfo, Gender, RegistrationRecord, RegistrationState
from desktop.service.simulator import registration, texts
from desktop.service.simulator.accounts import national_codes_with_account, open_accounts
from desktop.service.simulator.sms import OutgoingSms
from desktop.service.simulator.unit_of_work import Refusal, UnitOfWork, Work, retry_conflicts
from models import Account, LoginState, Registration, StaffAccount

log = logging.getLogger(__name__)

#: A staff session unused this long (seconds) is over (the desk locks after as long).
SESSION_IDLE_S = 15 * 60
#: Digit runs this long in a supervisor's free-text reason are masked before the audit row
#: (a reason may quote a national code or a mobile; audit rows never hold one in full).
_LONG_DIGITS = re.compile(r"\d{6,}")


def _documents(documents: tuple[Document | str, ...]) -> list[str]:
    """The distinct documents ticked, as values. Raises ValidationFailed ``documents``
    ``required`` when none, ValueError for an unknown one."""
    seen = sorted({Document(d).value for d in documents})
    if not seen:
        raise ValidationFailed.one("documents", "required")
    return seen


@retry_conflicts
class SimulatorBranch:
    """BranchService over a :class:`UnitOfWork`. Sessions live in this object's memory (one
    desk process uses one simulator); every call re-reads the staff row, so a disabled
    account's open session stops working at once.

    A session unused for ``session_idle_s`` seconds (default 15 minutes, as the desk's idle
    lock) is refused as ``unauthorized`` even if a desk failed to lock; ``monotonic`` is the
    clock it is measured with (tests pass a fake)."""

    def __init__(
        self,
        uow: UnitOfWork,
        session_idle_s: float = SESSION_IDLE_S,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self._uow = uow
        self._sessions: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()
        self._idle_s = session_idle_s
        self._monotonic = monotonic

    # --- staff accounts ----------------------------------------------------------------
    def add_staff(self, name: str, role: StaffRole, password_hash: str) -> StaffMember:
        """See ``BranchService.add_staff``."""
        with self._uow() as work:
            member = staff.add(work.session, work.now, name, role, password_hash, work.hash_policy)
            work.audit("staff_added", staff_id=member.staff_id, role=member.role.value)
            return member

    def list_staff(self) -> list[StaffMember]:
        """See ``BranchService.list_staff``."""
        with self._uow() as work:
            return staff.list_all(work.session)

    def disable_staff(self, name: str) -> StaffMember:
        """See ``BranchService.disable_staff``."""
        with self._uow() as work:
            member = staff.disable(work.session, work.now, name)
            work.audit("staff_disabled", staff_id=member.staff_id)
        with self._lock:
            for token in [t for t, (i, _) in self._sessions.items() if i == member.staff_id]:
                del self._sessions[token]
        return member

    # --- sessions ----------------------------------------------------------------------
    def staff_login(self, name: str, password: str) -> StaffSession:
        """See ``BranchService.staff_login``."""
        with self._uow() as work:
            member, refusal = staff.authenticate(
                work.session, work.now, name, password, work.hash_policy
            )
            staff_id = member.staff_id if member else None
            if refusal is not None:
                event = "staff_locked" if refusal.first.code == "locked" else "staff_login_failed"
                work.audit(event, staff_id=staff_id)
                raise Refusal(refusal)
            work.audit("staff_login", staff_id=staff_id)
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._sessions[token] = (member.staff_id, self._monotonic())
        return StaffSession(token, member)

    def staff_logout(self, session: StaffSession) -> None:
        """See ``BranchService.staff_logout``."""
        with self._lock:
            staff_id, _ = self._sessions.pop(session.token, (None, 0.0))
        if staff_id is not None:
            with self._uow() as work:
                work.audit("staff_logout", staff_id=staff_id)

    def _member(self, work: Work, session: StaffSession) -> StaffMember:
        """The session's staff member, re-read. Raises RequestRefused ``unauthorized``."""
        now = self._monotonic()
        with self._lock:
            staff_id, last_used = self._sessions.get(session.token, (None, 0.0))
            if staff_id is not None and now - last_used > self._idle_s:
                del self._sessions[session.token]
                staff_id = None
            elif staff_id is not None:
                self._sessions[session.token] = (staff_id, now)
        row = work.session.get(StaffAccount, staff_id) if staff_id is not None else None
        if row is None or row.disabled_at is not None:
            raise RequestRefused.because("unauthorized")
        return staff.to_member(row)

    # --- branch work -------------------------------------------------------------------
    def find_registrations(
        self, session: StaffSession, national_code: str
    ) -> list[RegistrationRecord]:
        """See ``BranchService.find_registrations``."""
        with self._uow() as work:
            registration.verify_due(work)
        with self._uow() as work:
            member = self._member(work, session)
            found = registration.find(work, national_code)
            # The code looked up (masked by the audit entry), even when nothing was found.
            work.audit(
                "branch_lookup",
                remove_separators(national_code),
                staff_id=member.staff_id,
                found=len(found),
            )
            return found

    def activate(
        self, session: StaffSession, tracking_id: str, documents: tuple[Document, ...]
    ) -> RegistrationRecord:
        """See ``BranchService.activate`` (the simulator's ``registration.activate`` with the
        session's staff id)."""
        with self._uow() as work:
            registration.verify_due(work)
        with self._uow() as work:
            member = self._member(work, session)
            registration.activate(
                work, tracking_id, str(member.staff_id), tuple(_documents(documents))
            )
            return registration.status(work, tracking_id)

    def activate_mismatch(
        self,
        session: StaffSession,
        tracking_id: str,
        documents: tuple[Document, ...],
        correction: IdentityCorrection,
    ) -> RegistrationRecord:
        """See ``BranchService.activate_mismatch``."""
        reason = _LONG_DIGITS.sub(lambda m: "*" * len(m.group()), correction.reason.strip())
        if not reason:
            raise ValueError("a mismatch activation needs a reason")
        with self._uow() as work:
            member = self._member(work, session)
            if member.role is not StaffRole.SUPERVISOR:
                work.audit("branch_refused", staff_id=member.staff_id, tracking_id=tracking_id)
                raise Refusal(RequestRefused.because("forbidden"))
            seen = _documents(documents)
            reg = work.session.scalar(
                select(Registration).where(Registration.tracking_id == tracking_id)
            )
            if reg is None or reg.state != RegistrationState.IDENTITY_MISMATCH.value:
                raise RequestRefused.because("not_found")
            checked = validate_identity(
                national_code=reg.national_code,
                mobile=reg.mobile,
                first_name=correction.first_name,
                last_name=correction.last_name,
                gender=str(correction.gender),
                birth_certificate_number=correction.birth_certificate_number,
                birth_date=correction.birth_date,
                email=reg.email,
            )
            if not checked.ok:
                raise ValidationFailed(checked.errors)
            if national_codes_with_account(work, [reg.national_code]):
                raise RequestRefused.because("already_registered")
            corrected = [
                name
                for name in (
                    "first_name",
                    "last_name",
                    "gender",
                    "birth_certificate_number",
                    "birth_date",
                )
                if getattr(reg, name) != checked.values[name]
            ]
            for name in corrected:
                setattr(reg, name, checked.values[name])
            reg.state = RegistrationState.ACTIVATED.value
            work.session.flush()
            account_of = open_accounts(work, [reg], activated_by=str(member.staff_id))
            text = texts.verification_text(
                RegistrationState.ACTIVATED, reg.gender, reg.first_name, reg.last_name
            )
            work.sms.send([OutgoingSms(reg.mobile, text, RegistrationState.ACTIVATED.value)])
            work.audit(
                "mismatch_activated",
                reg.national_code,
                account_of[reg.id],
                staff_id=member.staff_id,
                tracking_id=tracking_id,
                documents=seen,
                corrected=corrected,
                reason=reason,
            )
            log.info("mismatch request %s activated by supervisor %d", tracking_id, member.staff_id)
            return registration.to_record(reg)

    def _account(self, work: Work, national_code: str) -> Account:
        account = work.session.scalar(
            select(Account).where(Account.national_code == remove_separators(national_code))
        )
        if account is None:
            raise RequestRefused.because("not_activated")
        return account

    def find_account(self, session: StaffSession, national_code: str) -> AccountInfo:
        """See ``BranchService.find_account``."""
        with self._uow() as work:
            self._member(work, session)
            account = self._account(work, national_code)
            return AccountInfo(
                account.national_code,
                account.first_name,
                account.last_name,
                Gender(account.gender),
            )

    def reset_password(
        self,
        session: StaffSession,
        national_code: str,
        documents: tuple[Document, ...],
        password_hash: str,
    ) -> None:
        """See ``BranchService.reset_password``."""
        with self._uow() as work:
            member = self._member(work, session)
            seen = _documents(documents)
            require_phc(password_hash, work.hash_policy)
            account = self._account(work, national_code)
            account.password_hash = password_hash
            account.password_changed_at = work.now
            account.question_failures = 0
            account.questions_locked_until = None
            work.session.execute(
                update(LoginState)
                .where(LoginState.national_code == account.national_code)
                .values(failures=0, locked_until=None)
            )
            if account.mobile:
                text = texts.password_changed_text(
                    account.gender, account.first_name, account.last_name
                )
                work.sms.send([OutgoingSms(account.mobile, text, "password_changed")])
            work.audit(
                "branch_password_reset",
                account.national_code,
                account.id,
                staff_id=member.staff_id,
                documents=seen,
            )
            log.info(
                "password of %s reset at a branch by %d",
                mask_national_code(account.national_code),
                member.staff_id,
            )
