"""The Persian texts the login dialog builds from service results.

Error wording is never written here: every refusal's text comes from
:func:`desktop.rules.messages.message` (the ``messages`` catalog). This module only decides
WHICH error a refusal shows (a :class:`~desktop.service.errors.NotActivated` carries its state
on the exception, the message needs it as a param) and words the greeting of the signed-in view
(``ui`` catalog, guide wording «جناب آقای / سرکار خانم»).
"""

from __future__ import annotations

from desktop.rules.errors import REQUEST, FieldError
from desktop.rules.messages import message
from desktop.service.errors import NotActivated, ServiceError
from desktop.service.interface import AccountInfo, Gender
from desktop.views.text import tr
from desktop.views.widgets.style import to_persian_digits


def shown_error(error: ServiceError) -> FieldError:
    """The error to show for a refusal: its first error, except that a
    :class:`NotActivated` becomes ``request/not_activated`` with a ``state`` param
    (pending, branch_visit_required, identity_mismatch), so the message says which."""
    if isinstance(error, NotActivated):
        return FieldError(REQUEST, "not_activated", {"state": str(error.state)})
    return error.first


def refusal_text(error: ServiceError) -> str:
    """The Persian message of :func:`shown_error` (names its field; numbers in Persian)."""
    return message(shown_error(error))


def title(gender: Gender | str) -> str:
    """«جناب آقای» for a man, «سرکار خانم» for a woman (the guide's SMS salutation)."""
    return tr("جناب آقای") if str(gender) == Gender.MALE.value else tr("سرکار خانم")


def greeting(account: AccountInfo) -> str:
    """«جناب آقای علی رضایی، خوش آمدید.»: the signed-in view's heading."""
    return tr(
        "{title} {first_name} {last_name}، خوش آمدید.",
        title=title(account.gender),
        first_name=account.first_name,
        last_name=account.last_name,
    )


def account_line(account: AccountInfo) -> str:
    """«نام کاربری: ۶۲۷۱۳۰۸۵۹۷»: who is signed in (the person's own screen, so in full)."""
    return tr("نام کاربری: {national_code}", national_code=to_persian_digits(account.national_code))
