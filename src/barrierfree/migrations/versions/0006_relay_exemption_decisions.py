"""Relay: a station manager's own decision on a complaint's exemption, with who decided, when and why.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("relay_complaints") as batch:
        batch.add_column(sa.Column("decided_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("decision_note", sa.String(length=500), nullable=True))
        batch.create_foreign_key(
            op.f("fk_relay_complaints_decided_by_users"), "users", ["decided_by"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("relay_complaints") as batch:
        batch.drop_constraint(op.f("fk_relay_complaints_decided_by_users"), type_="foreignkey")
        batch.drop_column("decision_note")
        batch.drop_column("decided_at")
        batch.drop_column("decided_by")
