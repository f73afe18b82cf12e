"""A person registered through the guide's four steps, each verification outcome shown as the
SMS on the simulated phone; the review, the forgetting, and the submit's guard rails."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QWizard

from desktop.rules.errors import FieldError
from desktop.rules.messages import message
from desktop.service.errors import BackendUnavailable, ValidationFailed
from desktop.views.wizard.ids import PageId
from tests.gui.conftest import ANSWERS, PASSWORD, phone_texts, unknown_mobile

# The guide's SMS wording (section «پیامک در صورت ...»).
ACTIVATED = "حساب کاربری شما فعال گردید"
BRANCH_VISIT = "جهت فعال سازی حساب کاربری با در دست داشتن مدارک هویتی"
MISMATCH = "با پایگاه مرجع مطابقت ندارد"
RESULT_TEXT = (
    "درخواست شما با موفقیت ثبت گردید و نتیجه مراحل انجام شده از طریق پیامک ارسال خواهد شد."
)


def wait_for_sms(qtbot, window, fragment: str) -> list[str]:
    qtbot.waitUntil(lambda: any(fragment in t for t in phone_texts(window)), timeout=10000)
    return phone_texts(window)


@pytest.mark.parametrize(
    ("case", "expected_sms"),
    [("own_mobile", ACTIVATED), ("other_mobile", BRANCH_VISIT), ("wrong_name", MISMATCH)],
)
def test_full_registration_ends_in_each_outcome(qtbot, desk, window, person, case, expected_sms):
    mobile = unknown_mobile() if case == "other_mobile" else person.mobiles[0]
    first_name = "کیومرث" if case == "wrong_name" else None
    assert first_name != person.first_name

    desk.go_through(person, mobile=mobile, first_name=first_name)
    desk.submit()

    result = desk.wizard.result_page
    assert result.tracking_id
    assert result.form.success_label.text() == RESULT_TEXT
    assert "۴۸ ساعت" in result.form.next_steps_label.text()
    texts = wait_for_sms(qtbot, window, expected_sms)
    assert len(texts) == 1
    if case != "wrong_name":  # the guide's mismatch SMS names nobody
        assert f"{person.first_name} {person.last_name}" in texts[0]
    # The service recorded exactly this request, with the outcome the SMS announced.
    [record] = window.backend.service.find_registrations(person.national_code)
    assert record.tracking_id == result.tracking_id
    assert record.mobile == mobile


def test_review_shows_every_value_and_hides_the_secrets(desk, person):
    desk.go_through(person)

    shown = desk.wizard.review_page.shown_values()
    assert shown["national_code"] == person.national_code
    assert shown["mobile"] == person.mobiles[0]
    assert shown["first_name"] == person.first_name
    assert shown["last_name"] == person.last_name
    assert shown["birth_certificate_number"] == person.birth_certificate_number
    assert shown["birth_date"] == person.birth_date.translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    assert shown["gender"] == {"male": "مرد", "female": "زن"}[person.gender]
    for secret_row in ("password", "question_1", "question_2", "question_3"):
        assert set(shown[secret_row]) == {"•"}
    captions = desk.wizard.review_page.form.review_question_1_label.text()
    assert "سوال امنیتی اول" in captions and "رنگ مورد علاقه شما چیست؟" in captions
    # No label anywhere on the wizard holds the password or an answer.
    texts = [label.text() for label in desk.wizard.findChildren(QLabel)]
    for secret in (PASSWORD, *ANSWERS):
        assert not any(secret in text for text in texts)


def test_previous_step_keeps_what_was_typed(desk, person):
    desk.go_through(person)
    back = desk.wizard.button(QWizard.WizardButton.BackButton)
    for expected in (PageId.SECRETS, PageId.CIVIL, PageId.IDENTITY):
        desk.qtbot.mouseClick(back, desk_left())
        assert desk.page() == expected
    assert desk.wizard.identity_page.national_code_edit.text() == person.national_code
    assert desk.wizard.civil_page.first_name_edit.text() == person.first_name


def desk_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def all_inputs_empty(wizard) -> bool:
    identity, civil, secrets = wizard.identity_page, wizard.civil_page, wizard.secrets_page
    edits = [
        identity.national_code_edit,
        identity.mobile_edit,
        civil.first_name_edit,
        civil.last_name_edit,
        civil.birth_certificate_number_edit,
        civil.birth_date_edit.line_edit,
        secrets.email_edit,
        secrets.password_field.password_edit,
        secrets.password_confirm_edit,
        *secrets.answer_edits,
    ]
    combos = [civil.gender_combo, *secrets.question_combos]
    return (
        all(edit.text() == "" for edit in edits)
        and all(combo.currentIndex() == 0 for combo in combos)
        and not secrets.password_field.show_check.isChecked()
        and wizard.result_page.tracking_id == ""
        and all(value == "" for value in wizard.review_page.shown_values().values())
        and not any(b.has_error for page in (identity, civil, secrets) for b in page.bindings)
    )


def test_fields_are_empty_after_finishing(qtbot, desk, window, person):
    desk.go_through(person)
    desk.submit()
    wait_for_sms(qtbot, window, ACTIVATED)
    desk.qtbot.mouseClick(desk.wizard.button(QWizard.WizardButton.FinishButton), desk_left())

    assert window.on_home
    assert all_inputs_empty(desk.wizard)
    assert desk.wizard.receipt is None
    # Undo cannot bring the last applicant's input back.
    national_code = desk.wizard.identity_page.national_code_edit
    national_code.undo()
    assert national_code.text() == ""
    # The next applicant starts at step 1 with an empty phone.
    window.open_registration()
    assert desk.page() == PageId.IDENTITY
    assert phone_texts(window) == []


def test_idle_desk_forgets_everything(qtbot, backend):
    from desktop.views.main_window import MainWindow
    from tests.gui.conftest import Desk

    window = MainWindow(idle_timeout_ms=300, poll_interval_ms=50)
    qtbot.addWidget(window)
    window.show()
    window.attach_backend(backend)
    window.open_registration()
    desk = Desk(qtbot, window)
    desk.fill_identity("0499370899", "09121234567")
    desk.next()
    desk.enter(desk.wizard.civil_page.first_name_edit, "علی")
    assert not all_inputs_empty(desk.wizard)

    qtbot.waitUntil(lambda: window.on_home, timeout=3000)
    assert all_inputs_empty(desk.wizard)
    assert desk.page() == PageId.IDENTITY
    window.shutdown()


class SlowService:
    """The real simulator service, with a slow submit (a distant server)."""

    def __init__(self, service, delay_s: float = 0.5):
        self._service = service
        self._delay_s = delay_s
        self.submits = 0

    def submit_registration(self, request):
        self.submits += 1
        time.sleep(self._delay_s)
        return self._service.submit_registration(request)

    def __getattr__(self, name):
        return getattr(self._service, name)


def test_double_submit_is_impossible(qtbot, desk, window, backend, person):
    slow = SlowService(backend.service)
    desk.wizard.set_service(slow, backend.hash_policy)
    desk.go_through(person)
    commit = desk.wizard.button(QWizard.WizardButton.CommitButton)

    desk.next()
    assert desk.wizard.busy
    assert not commit.isEnabled()
    assert not desk.wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    # A second click, Enter, and Esc while sending change nothing.
    desk.wizard.next()
    desk.wizard.reject()
    qtbot.waitUntil(lambda: desk.page() == PageId.RESULT, timeout=10000)

    assert slow.submits == 1
    assert len(backend.service.find_registrations(person.national_code)) == 1


class RefusingService:
    """The real simulator service, whose submit raises ``error``."""

    def __init__(self, service, error: Exception):
        self._service = service
        self._error = error

    def submit_registration(self, request):
        raise self._error

    def __getattr__(self, name):
        return getattr(self._service, name)


def test_field_error_from_the_service_goes_back_to_its_page(desk, backend, person):
    refusal = ValidationFailed([FieldError("birth_date", "too_old")])
    desk.wizard.set_service(RefusingService(backend.service, refusal), backend.hash_policy)
    desk.go_through(person)
    desk.next()

    desk.qtbot.waitUntil(lambda: desk.page() == PageId.CIVIL, timeout=5000)
    binding = desk.wizard.civil_page.binding("birth_date")
    assert binding.shown_text == message(FieldError("birth_date", "too_old"))
    assert "تاریخ تولد" in binding.shown_text


def test_backend_failure_keeps_everything_typed(qtbot, desk, backend, person):
    down = RefusingService(backend.service, BackendUnavailable("tamin-api.branch.local"))
    desk.wizard.set_service(down, backend.hash_policy)
    desk.go_through(person)
    desk.next()

    review = desk.wizard.review_page
    qtbot.waitUntil(lambda: review.form.submit_error.isVisible(), timeout=5000)
    assert review.form.submit_error.text() == message(
        FieldError("request", "unavailable", {"target": "tamin-api.branch.local"})
    )
    dialog = desk.wizard.findChild(QMessageBox, "submit_failed_dialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    assert desk.page() == PageId.REVIEW
    assert not review.busy
    assert desk.wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert desk.wizard.secrets_page.password_field.password() == PASSWORD
    assert desk.wizard.identity_page.national_code_edit.text() == person.national_code

    # The server is back: the same typed data goes through.
    desk.wizard.set_service(backend.service, backend.hash_policy)
    desk.submit()
    assert desk.wizard.result_page.tracking_id


def test_already_registered_is_shown_on_the_review_page(qtbot, desk, window, person):
    desk.go_through(person)
    desk.submit()
    wait_for_sms(qtbot, window, ACTIVATED)
    desk.qtbot.mouseClick(desk.wizard.button(QWizard.WizardButton.FinishButton), desk_left())

    window.open_registration()
    desk.go_through(person)
    desk.next()
    review = desk.wizard.review_page
    qtbot.waitUntil(lambda: review.form.submit_error.isVisible(), timeout=5000)
    assert review.form.submit_error.text() == message(FieldError("request", "already_registered"))
    assert desk.page() == PageId.REVIEW


def test_submitted_request_holds_hashes_not_secrets(desk, backend, person):
    captured = []

    class Capturing(RefusingService):
        def submit_registration(self, request):
            captured.append(request)
            return self._service.submit_registration(request)

    desk.wizard.set_service(Capturing(backend.service, None), backend.hash_policy)
    desk.go_through(person)
    desk.submit()

    [request] = captured
    assert request.password_hash.startswith("$argon2id$")
    assert PASSWORD not in repr(request)
    for answer in ANSWERS:
        assert answer not in repr(request)
    assert [a.question_id for a in request.security_answers] == [
        "favorite_color",
        "birth_city",
        "first_workplace",
    ]


def test_typing_postpones_the_idle_reset(qtbot, backend):
    from desktop.views.main_window import MainWindow
    from tests.gui.conftest import Desk, type_text

    window = MainWindow(idle_timeout_ms=400, poll_interval_ms=50)
    qtbot.addWidget(window)
    window.show()
    window.attach_backend(backend)
    window.open_registration()
    desk = Desk(qtbot, window)
    edit = desk.wizard.identity_page.national_code_edit
    desk.focus(edit)
    for digit in "04993708":  # one key every 150 ms: 1.2 s of typing, never 400 ms idle
        type_text(edit, digit)
        qtbot.wait(150)
    assert not window.on_home
    assert edit.text() == "04993708"

    qtbot.waitUntil(lambda: window.on_home, timeout=3000)
    assert edit.text() == ""
    window.shutdown()
