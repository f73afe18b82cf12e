"""Step 2 of the guide: civil-registry (سجلی) data checked against the birth certificate."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.service.interface import Gender
from desktop.views.text import N_, tr
from desktop.views.widgets.jalali_date_edit import JalaliDateEdit
from desktop.views.wizard.base import FormPage, set_tab_chain, wipe

#: Gender choices in the order shown, with their Persian words.
GENDER_TEXT = {Gender.MALE.value: N_("مرد"), Gender.FEMALE.value: N_("زن")}


def gender_text(value: str) -> str:
    """The Persian word for a gender value (``"male"`` → «مرد»); ``""`` for none."""
    return tr(GENDER_TEXT[value]) if value in GENDER_TEXT else ""


class CivilPage(FormPage):
    """«مرحله دوم ثبت نام»: first and last name, gender, birth-certificate number, birth date.

    The birth date is picked with the Jalali date edit; the rules get its ``(year, month,
    day)`` value, never the widget's text (whose sections a right-to-left QDateEdit reverses).
    The birth-certificate number is checked with the national code of step 1 as context.
    """

    form_name = "wizard_step2_civil.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.form
        self.first_name_edit = form.first_name_edit
        self.last_name_edit = form.last_name_edit
        self.gender_combo = form.gender_combo
        self.birth_certificate_number_edit = form.birth_certificate_number_edit
        self.birth_date_edit = form.place("birth_date_slot", JalaliDateEdit())
        self.birth_date_edit.setAccessibleName(form.birth_date_slot.accessibleName())

        self.gender_combo.addItem(tr("انتخاب کنید"), "")
        for value in GENDER_TEXT:
            self.gender_combo.addItem(gender_text(value), value)

        for field, edit in (
            ("first_name", self.first_name_edit),
            ("last_name", self.last_name_edit),
        ):
            self.bind(field, edit, edit.text, changed=edit.textChanged)
        self.bind(
            "gender",
            self.gender_combo,
            self._gender,
            changed=self.gender_combo.currentIndexChanged,
        )
        edit = self.birth_certificate_number_edit
        self.bind(
            "birth_certificate_number",
            edit,
            edit.text,
            context=lambda: {"national_code": self.registration().normalised("national_code")},
            changed=edit.textChanged,
            write_back=edit.setText,
        )
        # Bound to the text part: leaving it (even for the calendar button) checks the date,
        # and a pick in the calendar re-checks it through ``changed``.
        self.bind(
            "birth_date",
            self.birth_date_edit.line_edit,
            self._birth_date,
            changed=self.birth_date_edit.changed,
        )
        set_tab_chain(
            [
                self.first_name_edit,
                self.last_name_edit,
                self.gender_combo,
                self.birth_certificate_number_edit,
                self.birth_date_edit,
            ]
        )

    def _gender(self) -> str:
        return self.gender_combo.currentData() or ""

    def _birth_date(self) -> tuple[int, int, int] | str:
        # The picker's (y, m, d) as typed, unchecked; text that is not a date at all goes to
        # the rules as typed so they say "invalid" rather than "required".
        return self.birth_date_edit.jalali() or self.birth_date_edit.raw_text()

    def raw_values(self) -> dict[str, object]:
        """The step's inputs as the rules take them (``birth_date``: ``(y, m, d)`` or text)."""
        return {
            "first_name": self.first_name_edit.text(),
            "last_name": self.last_name_edit.text(),
            "gender": self._gender(),
            "birth_certificate_number": self.birth_certificate_number_edit.text(),
            "birth_date": self._birth_date(),
        }

    def clear_inputs(self) -> None:
        wipe(self.first_name_edit, self.last_name_edit, self.birth_certificate_number_edit)
        self.gender_combo.setCurrentIndex(0)
        self.birth_date_edit.clear()

    def has_input(self) -> bool:
        values = self.raw_values()
        return any(str(v).strip() for v in values.values())
