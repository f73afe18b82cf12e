"""Registrations: ``captured_at``, when the request was completed at a desk (offline sync).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Frozen: plain ``sa`` types, never the model class. Requests made before this revision were all
submitted online, so each was captured when it was submitted: the column is filled from
``submitted_at``, then made NOT NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registrations") as batch:
        batch.add_column(sa.Column("captured_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE registrations SET captured_at = submitted_at")
    with op.batch_alter_table("registrations") as batch:
        batch.alter_column("captured_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("registrations") as batch:
        batch.drop_column("captured_at")
