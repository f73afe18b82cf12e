"""The SMS texts the simulated back office sends, in the guide's Persian wording.

Source: the SSO registration guide (shared/seeds/000_5834b87f504da111.txt), section
«پیامک در صورت ...». The guide's ``جناب آقای/سرکار خانم`` is resolved by gender and followed by
the person's name as the registry holds it. Copied verbatim except for artefacts of the
guide's text extraction: a tatweel in «تائیـد», the split word «تو سط» and a space before a
full stop. The guide gives no text for a recovery code or a password change; those two follow
its wording («شناسه ۶ رقمی ... به مدت ۲۰ دقیقه معتبر می باشد»).
"""

from __future__ import annotations

from desktop.service.interface import Gender, RegistrationState

#: Title before the name, by gender (guide: «جناب آقای/سرکار خانم»).
TITLES: dict[Gender, str] = {Gender.MALE: "جناب آقای", Gender.FEMALE: "سرکار خانم"}

ACTIVATED_BODY = "به سیستم های متمرکز سازمان تأمین اجتماعی خوش آمدید. حساب کاربری شما فعال گردید."
BRANCH_VISIT_BODY = (
    "ثبت نام شما تائید شد، جهت فعال سازی حساب کاربری با در دست داشتن مدارک هویتی"
    " به نزدیکترین شعبه مراجعه فرمائید."
)
IDENTITY_MISMATCH_TEXT = (
    "اطلاعات هویتی وارد شده توسط شما با پایگاه مرجع مطابقت ندارد، میتوانید مجدداً ثبت نام"
    " نمائید. چنانچه از صحت اطلاعات ثبت شده اطمینان دارید با در دست داشتن مدارک هویتی خود"
    " به نزدیکترین شعبه مراجعه فرمائید."
)

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def addressee(gender: Gender | str, first_name: str, last_name: str) -> str:
    """«جناب آقای علی رضایی» / «سرکار خانم زهرا احمدی». Raises ValueError for an unknown
    gender."""
    return f"{TITLES[Gender(gender)]} {first_name} {last_name}"


def verification_text(
    state: RegistrationState, gender: Gender | str, first_name: str, last_name: str
) -> str:
    """The SMS for a verification outcome (activated, branch_visit_required,
    identity_mismatch). The mismatch text carries no name: the guide's has none, and the
    name given may be the wrong one. Raises ValueError for another state."""
    if state is RegistrationState.ACTIVATED:
        return f"{addressee(gender, first_name, last_name)} {ACTIVATED_BODY}"
    if state is RegistrationState.BRANCH_VISIT_REQUIRED:
        return f"{addressee(gender, first_name, last_name)} {BRANCH_VISIT_BODY}"
    if state is RegistrationState.IDENTITY_MISMATCH:
        return IDENTITY_MISMATCH_TEXT
    raise ValueError(f"no SMS for state {state}")


def recovery_code_text(code: str, validity_minutes: int) -> str:
    """The recovery-code SMS: the 6-digit ``code`` in ASCII digits (what a phone copies into
    the form) and its validity in Persian digits."""
    minutes = str(validity_minutes).translate(_PERSIAN_DIGITS)
    return (
        "سازمان تأمین اجتماعی\n"
        f"شناسه بازیابی گذرواژه: {code}\n"
        f"این شناسه از زمان تولید به مدت {minutes} دقیقه معتبر می باشد."
    )


def password_changed_text(gender: Gender | str, first_name: str, last_name: str) -> str:
    """Notice after a password reset, so a reset the owner did not make is noticed
    (OWASP Forgot Password Cheat Sheet: notify the user)."""
    return (
        f"{addressee(gender, first_name, last_name)} گذرواژه حساب کاربری شما در سامانه"
        " خدمات غیر حضوری سازمان تأمین اجتماعی تغییر کرد. چنانچه این تغییر توسط شما انجام"
        " نشده است به نزدیکترین شعبه مراجعه فرمائید."
    )
