"""The acknowledgement receipt's content, without Qt: what it says (Persian), as HTML that
``QTextDocument`` lays out right-to-left, and its QR code of the tracking id (segno, PNG).

Two kinds: after a registration (the request was registered; the result comes by SMS; no SMS
within 48 hours: register again) and after a branch activation (the account is active).
Wording from the SSO guide (shared/seeds/000_5834b87f504da111.txt). Identifiers are masked
(:mod:`desktop.security.masking`): a receipt left on a counter must not give a national code
or a mobile away.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from dataclasses import dataclass
from enum import StrEnum

import jdatetime

from desktop.rules.birth_date import TEHRAN
from desktop.security.masking import mask_mobile, mask_national_code

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
#: Unicode bidi isolates: a Latin/digit run keeps its order inside a Persian line (UAX #9).
LRI, PDI = "\u2066", "\u2069"


class ReceiptKind(StrEnum):
    """What the receipt acknowledges."""

    REGISTRATION = "registration"
    ACTIVATION = "activation"


TITLES = {
    ReceiptKind.REGISTRATION: "رسید ثبت درخواست حساب کاربری",
    ReceiptKind.ACTIVATION: "رسید فعال سازی حساب کاربری در شعبه",
}
#: What happens next, per kind (guide: «نتیجه ... از طریق پیامک ارسال خواهد شد», «۴۸ ساعت»).
NEXT_STEPS = {
    ReceiptKind.REGISTRATION: (
        "درخواست شما با موفقیت ثبت گردید و نتیجه مراحل انجام شده از طریق پیامک ارسال خواهد شد.",
        "در صورتیکه در متن پیامک نیاز به «مراجعه به شعبه» وجود داشت، با همراه داشتن مدارک هویتی"
        " به نزدیکترین شعبه سازمان تأمین اجتماعی مراجعه نمائید.",
        "چنانچه پس از گذشت ۴۸ ساعت از زمان ثبت نام پیامکی مبنی بر فعال سازی حساب کاربری خود"
        " دریافت ننموده اید، مجدداً اقدام به ثبت نام نمائید.",
    ),
    ReceiptKind.ACTIVATION: (
        "حساب کاربری شما فعال گردید و پیامک فعال سازی به شماره همراه شما ارسال شد.",
        "از این پس می توانید با کد ملی و گذرواژه خود وارد سامانه خدمات غیرحضوری شوید.",
        "حفظ و نگهداری گذرواژه و هرگونه سوء استفاده از آن بعهده شما خواهد بود.",
    ),
}


def persian_digits(text: str) -> str:
    """``text`` with ASCII digits written as Persian digits (۰-۹)."""
    return text.translate(_PERSIAN_DIGITS)


def jalali_moment(moment: dt.datetime) -> str:
    """An aware UTC datetime as Tehran wall time, ``"۱۴۰۴/۰۲/۱۱ ساعت ۱۰:۰۰"`` (Persian
    digits, Jalali by jdatetime). A naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(TEHRAN)
    day = jdatetime.date.fromgregorian(date=local.date())
    return persian_digits(f"{day.year:04d}/{day.month:02d}/{day.day:02d} ساعت {local:%H:%M}")


@dataclass(frozen=True)
class Receipt:
    """One receipt: ``tracking_id`` (ASCII digits), ``moment`` (aware UTC: submission or
    activation time), the full ``national_code`` and ``mobile`` (masked when shown), and the
    staff ``operator`` name for an activation ("" otherwise)."""

    kind: ReceiptKind
    tracking_id: str
    moment: dt.datetime
    national_code: str
    mobile: str
    operator: str = ""

    def lines(self) -> list[tuple[str, str]]:
        """``(label, value)`` pairs shown in the receipt's table, values masked."""
        pairs = [
            ("کد پیگیری", LRI + self.tracking_id + PDI),
            ("تاریخ", jalali_moment(self.moment)),
            ("کد ملی", LRI + mask_national_code(self.national_code) + PDI),
            ("شماره تلفن همراه", LRI + mask_mobile(self.mobile) + PDI),
        ]
        if self.operator:
            pairs.append(("کاربر شعبه", LRI + self.operator + PDI))
        return pairs


def qr_png(tracking_id: str, scale: int = 6) -> bytes:
    """PNG bytes of a QR code (error correction M, quiet zone 4 modules) holding
    ``tracking_id``; ``scale`` pixels per module."""
    import segno

    buffer = io.BytesIO()
    segno.make_qr(tracking_id, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


#: The resource name the QR image is registered under in the QTextDocument.
QR_RESOURCE = "receipt-qr.png"


def receipt_html(receipt: Receipt, font_family: str = "Vazirmatn") -> str:
    """The receipt as HTML for ``QTextDocument`` (``dir="rtl"``); the QR image is referenced
    as :data:`QR_RESOURCE`, which the caller registers as an image resource."""
    rows = "".join(
        f"<tr><td style='padding:4px 8px;color:#555'>{html.escape(label)}</td>"
        f"<td style='padding:4px 8px;font-weight:bold;white-space:nowrap'>"
        f"{html.escape(value)}</td></tr>"
        for label, value in receipt.lines()
    )
    steps = "".join(f"<li>{html.escape(step)}</li>" for step in NEXT_STEPS[receipt.kind])
    return (
        f"<html><body dir='rtl' style=\"font-family:'{font_family}'; font-size:11pt\">"
        "<p align='center' style='font-size:15pt;font-weight:bold'>سازمان تأمین اجتماعی</p>"
        f"<p align='center' style='font-size:13pt'>{html.escape(TITLES[receipt.kind])}</p>"
        "<hr/>"
        "<table width='100%'><tr>"
        f"<td valign='top'><table>{rows}</table></td>"
        f"<td align='left' valign='top'><img src='{QR_RESOURCE}' width='130' height='130'/></td>"
        "</tr></table>"
        "<p style='font-weight:bold'>مراحل بعدی:</p>"
        f"<ul>{steps}</ul>"
        "<hr/><p style='font-size:9pt;color:#555'>این رسید را تا پایان مراحل نگهداری نمائید.</p>"
        "</body></html>"
    )
