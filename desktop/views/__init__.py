"""Qt views: the main window, the registration wizard and shared view helpers.

Views talk to the service only through :class:`desktop.service.interface.EnrollmentService`
handed to them by :mod:`desktop.app` (the one wiring point); they never import a concrete
backend, SQLAlchemy or HTTP code. Widgets come from Designer forms in ``ui/`` loaded by
:func:`desktop.views.forms.load_form`.
"""
