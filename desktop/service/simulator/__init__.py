"""The embedded back-office simulator: :class:`SimulatorService` (an ``EnrollmentService``) and
:class:`SimulatorTraining` (``TrainingControls``) over SQLAlchemy, built by
:func:`desktop.service.bootstrap.build_service`.

Modules, one job each: ``clock`` (simulated time), ``keys`` (sealing and MACs with a key kept
outside the database), ``texts`` (the guide's SMS texts), ``registry`` / ``sms`` (the back
office's Protocols and their simulated implementations), ``captcha``, ``seed``, ``matching``
(the verification decision), ``unit_of_work``, then one module per use case
(``registration``, ``login``, ``recovery``) behind the ``service`` facade, and ``training``.

Import it lazily: it pulls in SQLAlchemy.
"""
