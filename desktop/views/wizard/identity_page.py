"""Step 1 of the guide: national code and mobile, with the guide's notices."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.views.wizard.base import FormPage, wipe


class IdentityPage(FormPage):
    """«مرحله اول ثبت نام»: ``national_code`` and ``mobile`` (both required).

    Both are Latin-digit fields, left-to-right inside the RTL form (set in the ``.ui``). No
    length limit is set on the inputs: a pasted ``0912 123 4567`` must not be cut before the
    rules normalise it; once accepted, the field shows the normalised ASCII value.
    """

    form_name = "wizard_step1_identity.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.form
        self.national_code_edit = form.national_code_edit
        self.mobile_edit = form.mobile_edit
        for field, edit in (
            ("national_code", self.national_code_edit),
            ("mobile", self.mobile_edit),
        ):
            self.bind(field, edit, edit.text, changed=edit.textChanged, write_back=edit.setText)

    def raw_values(self) -> dict[str, str]:
        """``{"national_code", "mobile"}`` as typed."""
        return {"national_code": self.national_code_edit.text(), "mobile": self.mobile_edit.text()}

    def clear_inputs(self) -> None:
        wipe(self.national_code_edit, self.mobile_edit)

    def has_input(self) -> bool:
        return any(v.strip() for v in self.raw_values().values())
