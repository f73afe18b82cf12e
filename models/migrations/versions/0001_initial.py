"""Initial schema of the first release: civil registry, mobile owners, registrations, accounts,
security answers, recovery sessions and codes, login lock state, captchas, SMS outbox, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-30

Frozen: uses plain ``sa`` types (DateTime(timezone=True) is what ``models.base.UTCDateTime``
renders), never the model classes, so later model changes cannot alter this history.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "captchas",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("answer_sealed", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captchas")),
    )
    with op.batch_alter_table("captchas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_captchas_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "civil_registry_people",
        sa.Column("national_code", sa.String(length=10), nullable=False),
        sa.Column("first_name", sa.String(length=30), nullable=False),
        sa.Column("last_name", sa.String(length=30), nullable=False),
        sa.Column("gender", sa.String(length=6), nullable=False),
        sa.Column("birth_certificate_number", sa.String(length=15), nullable=False),
        sa.Column("birth_date", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "gender IN ('male', 'female')", name=op.f("ck_civil_registry_people_gender")
        ),
        sa.PrimaryKeyConstraint("national_code", name=op.f("pk_civil_registry_people")),
    )
    op.create_table(
        "login_states",
        sa.Column("national_code", sa.String(length=10), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("national_code", name=op.f("pk_login_states")),
    )
    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tracking_id", sa.String(length=16), nullable=False),
        sa.Column("national_code", sa.String(length=10), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("first_name", sa.String(length=30), nullable=False),
        sa.Column("last_name", sa.String(length=30), nullable=False),
        sa.Column("gender", sa.String(length=6), nullable=False),
        sa.Column("birth_certificate_number", sa.String(length=15), nullable=False),
        sa.Column("birth_date", sa.String(length=10), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("idempotency_key", sa.String(length=64), nullable=True),
        sa.CheckConstraint("gender IN ('male', 'female')", name=op.f("ck_registrations_gender")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_registrations_idempotency_key")),
        sa.UniqueConstraint("tracking_id", name=op.f("uq_registrations_tracking_id")),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_registrations_national_code_submitted_at",
            ["national_code", "submitted_at"],
            unique=False,
        )
        batch_op.create_index("ix_registrations_state_due_at", ["state", "due_at"], unique=False)

    op.create_table(
        "simulator_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clock_offset_s", sa.Double(), nullable=False),
        sa.Column("seeded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seed_digest", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_simulator_state")),
    )
    op.create_table(
        "sms_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("body_sealed", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_outbox")),
    )
    with op.batch_alter_table("sms_outbox", schema=None) as batch_op:
        batch_op.create_index("ix_sms_outbox_mobile_id", ["mobile", "id"], unique=False)

    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("national_code", sa.String(length=10), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=True),
        sa.Column("first_name", sa.String(length=30), nullable=False),
        sa.Column("last_name", sa.String(length=30), nullable=False),
        sa.Column("gender", sa.String(length=6), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=True),
        sa.Column("activated_by", sa.String(length=64), nullable=True),
        sa.Column("question_failures", sa.Integer(), nullable=False),
        sa.Column("questions_locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("gender IN ('male', 'female')", name=op.f("ck_accounts_gender")),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_accounts_registration_id_registrations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("national_code", name=op.f("uq_accounts_national_code")),
    )
    op.create_table(
        "mobile_owners",
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("national_code", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["national_code"],
            ["civil_registry_people.national_code"],
            name=op.f("fk_mobile_owners_national_code_civil_registry_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mobile", name=op.f("pk_mobile_owners")),
    )
    with op.batch_alter_table("mobile_owners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mobile_owners_national_code"), ["national_code"], unique=False
        )

    op.create_table(
        "registration_answers",
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("answer_hash", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_registration_answers_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "registration_id", "position", name=op.f("pk_registration_answers")
        ),
    )
    op.create_table(
        "account_answers",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("answer_hash", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_answers_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "position", name=op.f("pk_account_answers")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_audit_events_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_events_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)

    op.create_table(
        "recovery_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_by", sa.String(length=16), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_recovery_sessions_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_sessions")),
    )
    with op.batch_alter_table("recovery_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recovery_sessions_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("code_mac", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_recovery_codes_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["recovery_sessions.id"],
            name=op.f("fk_recovery_codes_session_id_recovery_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_codes")),
    )
    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_recovery_codes_account_id_created_at", ["account_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_recovery_codes_mobile_created_at", ["mobile", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_recovery_codes_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_codes_session_id"))
        batch_op.drop_index("ix_recovery_codes_mobile_created_at")
        batch_op.drop_index("ix_recovery_codes_account_id_created_at")

    op.drop_table("recovery_codes")
    with op.batch_alter_table("recovery_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_sessions_account_id"))

    op.drop_table("recovery_sessions")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))
        batch_op.drop_index(batch_op.f("ix_audit_events_account_id"))

    op.drop_table("audit_events")
    op.drop_table("account_answers")
    op.drop_table("registration_answers")
    with op.batch_alter_table("mobile_owners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mobile_owners_national_code"))

    op.drop_table("mobile_owners")
    op.drop_table("accounts")
    with op.batch_alter_table("sms_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_sms_outbox_mobile_id")

    op.drop_table("sms_outbox")
    op.drop_table("simulator_state")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_registrations_state_due_at")
        batch_op.drop_index("ix_registrations_national_code_submitted_at")

    op.drop_table("registrations")
    op.drop_table("login_states")
    op.drop_table("civil_registry_people")
    with op.batch_alter_table("captchas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_captchas_expires_at"))

    op.drop_table("captchas")
