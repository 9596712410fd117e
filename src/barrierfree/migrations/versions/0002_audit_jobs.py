"""Audit jobs requested through the web page and the API.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
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
        "audit_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("max_pages", sa.Integer(), nullable=False),
        sa.Column("elder_mode", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("queued", "running", "done", "failed", name="jobstatus", native_enum=False, length=12),
            nullable=False,
        ),
        sa.Column("pages_done", sa.Integer(), nullable=False),
        sa.Column("pages_known", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_audit_jobs_requested_by_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_jobs")),
    )
    with op.batch_alter_table("audit_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_jobs_requested_by"), ["requested_by"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_jobs_requested_by"))

    op.drop_table("audit_jobs")
