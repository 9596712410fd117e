"""Workforce: shift plans (bidding rounds) and each agent's part of a published plan.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workforce_shift_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "published",
                "superseded",
                "failed",
                name="planstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("time_limit_seconds", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("error", sa.String(length=1000), nullable=True),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_workforce_shift_plans_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["users.id"],
            name=op.f("fk_workforce_shift_plans_requested_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_shift_plans")),
    )
    with op.batch_alter_table("workforce_shift_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_shift_plans_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_workforce_shift_plans_status"), ["status"], unique=False)

    op.create_table(
        "workforce_shift_plan_agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(length=64), nullable=False),
        sa.Column("grants", sa.JSON(), nullable=False),
        sa.Column("decisions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["workforce_shift_plans.id"],
            name=op.f("fk_workforce_shift_plan_agents_plan_id_workforce_shift_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_shift_plan_agents")),
        sa.UniqueConstraint("plan_id", "agent", name=op.f("uq_workforce_shift_plan_agents_plan_id")),
    )
    with op.batch_alter_table("workforce_shift_plan_agents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_shift_plan_agents_agent"), ["agent"], unique=False)
        batch_op.create_index(batch_op.f("ix_workforce_shift_plan_agents_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("workforce_shift_plan_agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_shift_plan_agents_plan_id"))
        batch_op.drop_index(batch_op.f("ix_workforce_shift_plan_agents_agent"))

    op.drop_table("workforce_shift_plan_agents")
    with op.batch_alter_table("workforce_shift_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_shift_plans_status"))
        batch_op.drop_index(batch_op.f("ix_workforce_shift_plans_organisation_id"))

    op.drop_table("workforce_shift_plans")
