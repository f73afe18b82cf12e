"""SmsPhonePanel shows what it is fed: masked mobile, bubbles in time order, Jalali times."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.service.interface import SmsMessage
from desktop.views.widgets.sms_panel import SmsBubble, SmsPhonePanel

MOBILE = "09121234567"
WELCOME = (
    "جناب آقای علی رضایی به سیستم های متمرکز سازمان تأمین اجتماعی خوش آمدید. "
    "حساب کاربری شما فعال گردید."
)
CODE = "شناسه بازیابی گذرواژه شما: 482913"


def sms(text: str, kind: str, hour: int, minute: int = 0) -> SmsMessage:
    return SmsMessage(MOBILE, text, kind, dt.datetime(2025, 3, 20, hour, minute, tzinfo=dt.UTC))


@pytest.fixture
def panel(qtbot):
    widget = SmsPhonePanel()
    qtbot.addWidget(widget)
    widget.resize(280, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_empty_phone(panel):
    assert panel.texts() == []
    assert panel.empty_label.isVisible()
    assert "0912" not in panel.header.text() and "۰۹۱۲" not in panel.header.text()


def test_shows_texts_oldest_first_whatever_the_input_order(panel, qtbot):
    panel.show_messages(MOBILE, [sms(CODE, "recovery_code", 10), sms(WELCOME, "activated", 8)])
    assert panel.texts() == [WELCOME, CODE]
    assert not panel.empty_label.isVisible()
    bubbles = panel.findChildren(SmsBubble)
    assert [b.property("kind") for b in bubbles] == ["activated", "recovery_code"]
    qtbot.waitUntil(lambda: 0 < bubbles[0].y() < bubbles[1].y())  # after the layout runs


def test_header_shows_the_mobile_masked_in_persian_digits(panel):
    panel.show_messages(MOBILE, [])
    header = panel.header.text()
    assert "۰۹۱۲***۴۵۶۷" in header
    assert "1234567" not in header and "۱۲۳۴۵۶۷" not in header


def test_time_stamp_is_tehran_jalali_in_persian_digits(panel):
    # 20:35 UTC on 2025-03-20 is 00:05 on 1404/01/01 in Tehran.
    panel.show_messages(MOBILE, [sms(WELCOME, "activated", 20, 35)])
    (bubble,) = panel.findChildren(SmsBubble)
    assert bubble.time_label.text().endswith("۱۴۰۴/۰۱/۰۱ ۰۰:۰۵")


def test_new_messages_replace_old_ones_and_scroll_to_the_newest(panel, qtbot):
    panel.show_messages(MOBILE, [sms(CODE, "recovery_code", 1)])
    many = [sms(f"{WELCOME} {i}", "activated", 2, i) for i in range(12)]
    panel.show_messages(MOBILE, many)
    qtbot.waitUntil(lambda: len(panel.findChildren(SmsBubble)) == 12)
    assert panel.texts()[-1].endswith(" 11")
    bar = panel.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())


def test_clear_empties_the_phone(panel, qtbot):
    panel.show_messages(MOBILE, [sms(CODE, "recovery_code", 1)])
    panel.clear()
    assert panel.texts() == []
    assert panel.empty_label.isVisible()
    assert "*" not in panel.header.text()
