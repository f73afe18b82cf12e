"""Desk tokens of the remote API server (``tamin-desk serve create-token``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Frozen: plain ``sa`` types, never the model class.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_tokens",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("trainer", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_desk_tokens")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_desk_tokens_token_sha256")),
    )


def downgrade() -> None:
    op.drop_table("desk_tokens")
