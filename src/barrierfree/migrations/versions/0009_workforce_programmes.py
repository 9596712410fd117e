"""Workforce: which employers run a customer-service programme, and whether it takes applications now.

Employers that already have applications keep taking them (their programme starts open); every other employer is
offered to applicants only once one of its managers opens its programme.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workforce_programmes",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("taking_applications", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["changed_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("organisation_id"),
    )
    op.execute(
        "INSERT INTO workforce_programmes (organisation_id, taking_applications, changed_at) "
        "SELECT DISTINCT organisation_id, TRUE, CURRENT_TIMESTAMP FROM workforce_applications"
    )


def downgrade() -> None:
    op.drop_table("workforce_programmes")
