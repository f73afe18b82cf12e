"""The password-recovery dialog (the guide's «بازیابی گذرواژه»): :class:`RecoveryDialog`.

One module per step, mirroring the forms in ``ui/`` (``recovery_step1_username.ui`` ↔
:mod:`.step1_username` …); :mod:`.dialog` drives the steps and the service calls.
"""

from desktop.views.recovery.dialog import RecoveryDialog, Step

__all__ = ["RecoveryDialog", "Step"]
