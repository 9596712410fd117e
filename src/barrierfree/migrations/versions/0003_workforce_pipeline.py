"""Workforce: applications and their stages, notifications, training progress, simulation runs, exams, mentorships.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
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
        "workforce_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("source_channel", sa.String(length=120), nullable=False),
        sa.Column("source_organisation_id", sa.Integer(), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "applied",
                "training",
                "simulation",
                "exam",
                "hired",
                "not_hired",
                name="stage",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("accommodations", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_workforce_applications_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_workforce_applications_source_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workforce_applications_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_applications")),
        sa.UniqueConstraint("organisation_id", "user_id", name=op.f("uq_workforce_applications_organisation_id")),
    )
    with op.batch_alter_table("workforce_applications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workforce_applications_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_workforce_applications_user_id"), ["user_id"], unique=False)

    op.create_table(
        "workforce_exam_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("option_orders", sa.JSON(), nullable=False),
        sa.Column("time_limit_seconds", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("certificate_code", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workforce_exam_attempts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_exam_attempts")),
        sa.UniqueConstraint("certificate_code", name=op.f("uq_workforce_exam_attempts_certificate_code")),
    )
    with op.batch_alter_table("workforce_exam_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_exam_attempts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "workforce_mentorships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("apprentice_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["users.id"],
            name=op.f("fk_workforce_mentorships_apprentice_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["users.id"], name=op.f("fk_workforce_mentorships_mentor_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_workforce_mentorships_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_mentorships")),
    )
    with op.batch_alter_table("workforce_mentorships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_mentorships_apprentice_id"), ["apprentice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_workforce_mentorships_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_workforce_mentorships_organisation_id"), ["organisation_id"], unique=False)

    op.create_table(
        "workforce_module_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=40), nullable=False),
        sa.Column("module_id", sa.String(length=40), nullable=False),
        sa.Column("best_score", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("passed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workforce_module_progress_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_module_progress")),
        sa.UniqueConstraint("user_id", "module_id", name=op.f("uq_workforce_module_progress_user_id")),
    )
    with op.batch_alter_table("workforce_module_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_module_progress_user_id"), ["user_id"], unique=False)

    op.create_table(
        "workforce_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workforce_notifications_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_notifications")),
    )
    with op.batch_alter_table("workforce_notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_notifications_user_id"), ["user_id"], unique=False)

    op.create_table(
        "workforce_simulation_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(length=60), nullable=False),
        sa.Column("transcript", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_turn_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workforce_simulation_runs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_simulation_runs")),
    )
    with op.batch_alter_table("workforce_simulation_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_simulation_runs_user_id"), ["user_id"], unique=False)

    op.create_table(
        "workforce_stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_stage",
            sa.Enum(
                "applied",
                "training",
                "simulation",
                "exam",
                "hired",
                "not_hired",
                name="stage",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_stage",
            sa.Enum(
                "applied",
                "training",
                "simulation",
                "exam",
                "hired",
                "not_hired",
                name="stage",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_workforce_stage_changes_actor_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["workforce_applications.id"],
            name=op.f("fk_workforce_stage_changes_application_id_workforce_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_stage_changes")),
    )
    with op.batch_alter_table("workforce_stage_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workforce_stage_changes_application_id"), ["application_id"], unique=False)

    op.create_table(
        "workforce_senior_experts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assessment", sa.JSON(), nullable=False),
        sa.Column("designated_by", sa.Integer(), nullable=True),
        sa.Column("designated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["designated_by"],
            ["users.id"],
            name=op.f("fk_workforce_senior_experts_designated_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_workforce_senior_experts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workforce_senior_experts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_senior_experts")),
        sa.UniqueConstraint("organisation_id", "user_id", name=op.f("uq_workforce_senior_experts_organisation_id")),
    )
    with op.batch_alter_table("workforce_senior_experts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workforce_senior_experts_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_workforce_senior_experts_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("workforce_senior_experts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_senior_experts_user_id"))
        batch_op.drop_index(batch_op.f("ix_workforce_senior_experts_organisation_id"))

    op.drop_table("workforce_senior_experts")
    with op.batch_alter_table("workforce_stage_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_stage_changes_application_id"))

    op.drop_table("workforce_stage_changes")
    with op.batch_alter_table("workforce_simulation_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_simulation_runs_user_id"))

    op.drop_table("workforce_simulation_runs")
    with op.batch_alter_table("workforce_notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_notifications_user_id"))

    op.drop_table("workforce_notifications")
    with op.batch_alter_table("workforce_module_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_module_progress_user_id"))

    op.drop_table("workforce_module_progress")
    with op.batch_alter_table("workforce_mentorships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_mentorships_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_workforce_mentorships_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_workforce_mentorships_apprentice_id"))

    op.drop_table("workforce_mentorships")
    with op.batch_alter_table("workforce_exam_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_exam_attempts_user_id"))

    op.drop_table("workforce_exam_attempts")
    with op.batch_alter_table("workforce_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workforce_applications_user_id"))
        batch_op.drop_index(batch_op.f("ix_workforce_applications_organisation_id"))

    op.drop_table("workforce_applications")
