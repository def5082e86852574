"""create orders and the audit log

Revision ID: 2b3c4d5e6f02
Revises: 1a2b3c4d5e01
Create Date: 2026-03-05 16:40:02.550917

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "2b3c4d5e6f02"
down_revision = "1a2b3c4d5e01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False, server_default="open"),
        sa.Column("total", sa.Numeric(10, 2), nullable=False, server_default=sa.text("0")),
        sa.Column("placed_on", sa.Date(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("receipt", sa.LargeBinary(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
        sa.ForeignKeyConstraint(["customer_id"], ["users.id"], name="fk_orders_customer", ondelete="CASCADE"),
        sa.UniqueConstraint("public_id", name="uq_orders_public_id"),
        sa.CheckConstraint("total >= 0", name="ck_orders_total_positive"),
        sa.Index("ix_orders_placed_on", "placed_on"),
    )
    op.create_index(
        "ix_orders_open",
        "orders",
        ["customer_id"],
        unique=False,
        sqlite_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("detail", sa.Text()),
    )


def downgrade():
    op.drop_table("audit_log")
    op.drop_index("ix_orders_open", table_name="orders")
    op.drop_table("orders")
