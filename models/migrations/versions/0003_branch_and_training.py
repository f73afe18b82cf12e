"""Branch desk and training: staff accounts, the audit chain's row hash, forced outcomes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Frozen: plain ``sa`` types, never the model class. Audit rows written before this revision
keep ``row_hash`` NULL until the first chained append seals them (desktop.branch.audit_chain).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role IN ('operator', 'supervisor')", name=op.f("ck_staff_accounts_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_accounts_name")),
    )
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
    op.create_table(
        "forced_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_forced_outcomes_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forced_outcomes")),
        sa.UniqueConstraint("registration_id", name=op.f("uq_forced_outcomes_registration_id")),
    )


def downgrade() -> None:
    op.drop_table("forced_outcomes")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("row_hash")
    op.drop_table("staff_accounts")
