"""support tickets

Revision ID: 4d5e6f7a8b04
Revises: 2b3c4d5e6f02
Create Date: 2026-03-12 14:21:09.771024

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "4d5e6f7a8b04"
down_revision = "2b3c4d5e6f02"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column(
            "priority",
            sa.Enum("low", "normal", "high", name="ticket_priority"),
            nullable=False,
            server_default="normal",
        ),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
    )
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.create_primary_key("pk_tickets", ["id"])
        batch_op.create_foreign_key("fk_tickets_order", "orders", ["order_id"], ["id"], ondelete="SET NULL")
    op.create_index("ix_tickets_lower_subject", "tickets", [sa.text("lower(subject)")])
    op.create_index("uq_tickets_order_subject", "tickets", ["order_id", "subject"], unique=True)
    op.rename_table("audit_log", "audit_events")


def downgrade():
    op.rename_table("audit_events", "audit_log")
    op.drop_table("tickets")
