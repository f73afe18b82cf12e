"""SQLAlchemy 2 typed models of the simulated back office, and its Alembic migrations.

Never imports Qt. Importing this package registers every table on :data:`Base.metadata`, which
Alembic's ``env.py`` and the tests use. The engine, PRAGMAs and the programmatic
``upgrade head`` live in :mod:`models.database`.
"""

from models.account import Account, AccountAnswer
from models.audit import AuditEvent
from models.base import Base, UTCDateTime
from models.captcha import CaptchaChallenge
from models.desk_token import DeskToken
from models.forced_outcome import ForcedOutcome
from models.login import LoginState
from models.outbox import OutboxMessage
from models.recovery import RecoveryCode, RecoverySession
from models.registration import Registration, RegistrationAnswer
from models.registry import MobileOwner, Person
from models.staff import StaffAccount
from models.state import SimulatorState

__all__ = [
    "Account",
    "AccountAnswer",
    "AuditEvent",
    "Base",
    "CaptchaChallenge",
    "DeskToken",
    "ForcedOutcome",
    "LoginState",
    "MobileOwner",
    "OutboxMessage",
    "Person",
    "RecoveryCode",
    "RecoverySession",
    "Registration",
    "RegistrationAnswer",
    "SimulatorState",
    "StaffAccount",
    "UTCDateTime",
]
