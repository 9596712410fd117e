"""Routing: live barrier reports (broken elevators, blocked ramps, works), applied to routes at query time.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "routing_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "elevator_out_of_service",
                "ramp_blocked",
                "works",
                "obstacle",
                "flooding",
                name="barrierkind",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "source",
            sa.Enum(
                "traveller", "organisation", "operator", "official", name="reportsource", native_enum=False, length=40
            ),
            nullable=False,
        ),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("reported_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.Column("revoke_reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["reported_by"], ["users.id"], name=op.f("fk_routing_reports_reported_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["users.id"], name=op.f("fk_routing_reports_revoked_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_reports")),
    )
    op.create_index(op.f("ix_routing_reports_reported_by"), "routing_reports", ["reported_by"])
    op.create_index(op.f("ix_routing_reports_created_at"), "routing_reports", ["created_at"])
    op.create_index(op.f("ix_routing_reports_expires_at"), "routing_reports", ["expires_at"])


def downgrade() -> None:
    op.drop_table("routing_reports")
