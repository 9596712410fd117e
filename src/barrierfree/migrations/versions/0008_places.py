"""Places: accessible points of interest with one column per attribute, and every value ever recorded for them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ATTRIBUTES = (
    "wheelchair",
    "accessible_toilet",
    "hearing_loop",
    "sign_language",
    "subtitles",
    "audio_description",
    "employs_disabled",
)
CATEGORIES = (
    "cinema",
    "theatre",
    "shop",
    "restaurant",
    "toilets",
    "service_point",
    "healthcare",
    "transport",
    "hotel",
    "museum",
    "library",
    "attraction",
    "park",
    "other",
)


def _access() -> sa.Enum:
    return sa.Enum("yes", "limited", "no", "unknown", name="access", native_enum=False, length=10)


def upgrade() -> None:
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Enum("osm", "manual", name="placesource", native_enum=False, length=10), nullable=False),
        sa.Column("osm_type", sa.String(length=8), nullable=True),
        sa.Column("osm_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("category", sa.Enum(*CATEGORIES, name="category", native_enum=False, length=20), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        *(sa.Column(name, _access(), nullable=False) for name in ATTRIBUTES),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_places_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint("osm_type", "osm_id", name="uq_places_osm_object"),
    )
    op.create_index("ix_places_lat_lon", "places", ["lat", "lon"], unique=False)
    op.create_table(
        "place_attribute_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("attribute", sa.Enum(*ATTRIBUTES, name="attribute", native_enum=False, length=30), nullable=False),
        sa.Column("value", _access(), nullable=False),
        sa.Column(
            "source",
            sa.Enum("osm", "survey", "owner", "user_report", name="editsource", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("evidence", sa.String(length=500), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_place_attribute_edits_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_place_attribute_edits_place_id_places"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_place_attribute_edits_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_attribute_edits")),
    )
    op.create_index(op.f("ix_place_attribute_edits_place_id"), "place_attribute_edits", ["place_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_place_attribute_edits_place_id"), table_name="place_attribute_edits")
    op.drop_table("place_attribute_edits")
    op.drop_index("ix_places_lat_lon", table_name="places")
    op.drop_table("places")
