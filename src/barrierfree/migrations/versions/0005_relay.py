"""Relay: riders who communicate by text, orders and their stages, riders' cards, messages, smart calls,
incidents, complaints.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relay_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("rider_id", sa.Integer(), nullable=True),
        sa.Column("merchant_name", sa.String(length=120), nullable=False),
        sa.Column("customer_name", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("customer_phone", sa.String(length=20), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "placed",
                "accepted",
                "at_merchant",
                "picked_up",
                "on_the_way",
                "arriving",
                "delivered",
                name="orderstage",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("customer_key", sa.String(length=64), nullable=False),
        sa.Column("merchant_key", sa.String(length=64), nullable=False),
        sa.Column("smart_call_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["rider_id"], ["users.id"], name=op.f("fk_relay_orders_rider_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_orders")),
        sa.UniqueConstraint("customer_key", name=op.f("uq_relay_orders_customer_key")),
        sa.UniqueConstraint("merchant_key", name=op.f("uq_relay_orders_merchant_key")),
        sa.UniqueConstraint("reference", name=op.f("uq_relay_orders_reference")),
    )
    with op.batch_alter_table("relay_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relay_orders_rider_id"), ["rider_id"], unique=False)

    op.create_table(
        "relay_rider_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text_zh", sa.String(length=200), nullable=False),
        sa.Column("text_en", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_relay_rider_cards_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_rider_cards")),
    )
    with op.batch_alter_table("relay_rider_cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relay_rider_cards_user_id"), ["user_id"], unique=False)

    op.create_table(
        "relay_riders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text_only", sa.Boolean(), nullable=False),
        sa.Column("chat_only_orders", sa.Boolean(), nullable=False),
        sa.Column("station_phone", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_relay_riders_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_riders")),
        sa.UniqueConstraint("user_id", name=op.f("uq_relay_riders_user_id")),
    )
    op.create_table(
        "relay_complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("rider_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "did_not_answer",
                "no_reply",
                "late",
                "wrong_items",
                "rude",
                "other",
                name="complaintkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("exempt", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["relay_orders.id"],
            name=op.f("fk_relay_complaints_order_id_relay_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rider_id"], ["users.id"], name=op.f("fk_relay_complaints_rider_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_complaints")),
    )
    with op.batch_alter_table("relay_complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relay_complaints_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_relay_complaints_rider_id"), ["rider_id"], unique=False)

    op.create_table(
        "relay_incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rider_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["relay_orders.id"],
            name=op.f("fk_relay_incidents_order_id_relay_orders"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["rider_id"], ["users.id"], name=op.f("fk_relay_incidents_rider_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_incidents")),
    )
    with op.batch_alter_table("relay_incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relay_incidents_rider_id"), ["rider_id"], unique=False)

    op.create_table(
        "relay_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "sender",
            sa.Enum("rider", "customer", "merchant", "system", name="sender", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("card_id", sa.String(length=60), nullable=True),
        sa.Column("from_voice", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["relay_orders.id"], name=op.f("fk_relay_messages_order_id_relay_orders"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_messages")),
    )
    with op.batch_alter_table("relay_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relay_messages_order_id"), ["order_id"], unique=False)

    op.create_table(
        "relay_smart_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("reply", sa.String(length=1), nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["relay_orders.id"],
            name=op.f("fk_relay_smart_calls_order_id_relay_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_smart_calls")),
    )
    with op.batch_alter_table("relay_smart_calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relay_smart_calls_order_id"), ["order_id"], unique=False)

    op.create_table(
        "relay_stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "placed",
                "accepted",
                "at_merchant",
                "picked_up",
                "on_the_way",
                "arriving",
                "delivered",
                name="orderstage",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["relay_orders.id"],
            name=op.f("fk_relay_stage_changes_order_id_relay_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_stage_changes")),
    )
    with op.batch_alter_table("relay_stage_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relay_stage_changes_order_id"), ["order_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("relay_stage_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_stage_changes_order_id"))

    op.drop_table("relay_stage_changes")
    with op.batch_alter_table("relay_smart_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_smart_calls_order_id"))

    op.drop_table("relay_smart_calls")
    with op.batch_alter_table("relay_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_messages_order_id"))

    op.drop_table("relay_messages")
    with op.batch_alter_table("relay_incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_incidents_rider_id"))

    op.drop_table("relay_incidents")
    with op.batch_alter_table("relay_complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_complaints_rider_id"))
        batch_op.drop_index(batch_op.f("ix_relay_complaints_order_id"))

    op.drop_table("relay_complaints")
    op.drop_table("relay_riders")
    with op.batch_alter_table("relay_rider_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_rider_cards_user_id"))

    op.drop_table("relay_rider_cards")
    with op.batch_alter_table("relay_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_orders_rider_id"))

    op.drop_table("relay_orders")
