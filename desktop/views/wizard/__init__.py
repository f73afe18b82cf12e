"""The four-step registration wizard of the guide, then the result page.

One :class:`~PySide6.QtWidgets.QWizardPage` subclass per page (Qt's licensewizard example),
each wrapping its Designer form from ``ui/``; :class:`~desktop.views.wizard.wizard.
RegistrationWizard` puts them together.
"""
