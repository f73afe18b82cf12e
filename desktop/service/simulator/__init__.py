"""The embedded back-office simulator: :class:`~.service.SimulatorService` (an
``EnrollmentService``) and :class:`~.training.SimulatorTraining` (``TrainingControls``) over
SQLAlchemy, built by :func:`desktop.service.bootstrap.build_service` (via ``factory``).

Modules, one job each:

* time and secrets: ``clock`` (simulated time), ``keys`` (sealing and MACs with a key kept
  outside the database);
* the back office behind small Protocols: ``registry`` (civil registry, mobile owners),
  ``sms`` (the SMS gateway and its outbox), ``texts`` (the guide's SMS wording), ``captcha``;
* rules of the simulation: ``validation`` (server-side re-validation), ``matching`` (the
  verification decision, pure), ``refusals`` (RateLimited/Locked wording), ``accounts``;
* plumbing: ``unit_of_work`` (one transaction per call), ``batching``, ``seed``;
* use cases: ``submission`` (one request or a sync batch, in one transaction),
  ``registration`` (status, verification, branch activation), ``login``, ``recovery``,
  behind the ``service`` facade, and ``training``.

Import it lazily: it pulls in SQLAlchemy.
"""
