"""Texts of the branch and trainer views that depend on a value (state, role, refusal)."""

from __future__ import annotations

from desktop.branch.interface import StaffRole
from desktop.rules.messages import message
from desktop.service.errors import ServiceError
from desktop.service.interface import Gender, RegistrationState
from desktop.views.text import N_, tr

STATE_TEXTS = {
    RegistrationState.PENDING: N_("در انتظار بررسی"),
    RegistrationState.ACTIVATED: N_("فعال شده"),
    RegistrationState.BRANCH_VISIT_REQUIRED: N_("نیازمند مراجعه به شعبه"),
    RegistrationState.IDENTITY_MISMATCH: N_("عدم تطابق اطلاعات هویتی"),
    RegistrationState.SUPERSEDED: N_("جایگزین شده با درخواست جدیدتر"),
}
ROLE_TEXTS = {StaffRole.OPERATOR: N_("کارشناس"), StaffRole.SUPERVISOR: N_("سرپرست")}
GENDER_TEXTS = {Gender.MALE: N_("مرد"), Gender.FEMALE: N_("زن")}

#: Refusals whose catalog text speaks of the remote API; at a branch they mean this.
BRANCH_REFUSALS = {
    "forbidden": N_("این کار فقط با حساب سرپرست شعبه ممکن است."),
    "unauthorized": N_("نشست کاری شما پایان یافته است؛ دوباره وارد شوید."),
}


def state_text(state: RegistrationState | str) -> str:
    """Persian name of a registration state."""
    return tr(STATE_TEXTS[RegistrationState(state)])


def role_text(role: StaffRole | str) -> str:
    """Persian name of a staff role."""
    return tr(ROLE_TEXTS[StaffRole(role)])


def gender_text(gender: Gender | str) -> str:
    """Persian name of a gender."""
    return tr(GENDER_TEXTS[Gender(gender)])


def refusal_text(error: BaseException) -> str:
    """One Persian text for a failed branch call: each refusal's message (the catalog's, or
    the branch wording of :data:`BRANCH_REFUSALS`), or a generic text for anything else."""
    if isinstance(error, ServiceError):
        texts = []
        for item in error.errors:
            branch = BRANCH_REFUSALS.get(item.code) if item.field == "request" else None
            texts.append(tr(branch) if branch else message(item))
        return " ".join(texts)
    return tr("خطای پیش‌بینی نشده: {kind}", kind=type(error).__name__)
