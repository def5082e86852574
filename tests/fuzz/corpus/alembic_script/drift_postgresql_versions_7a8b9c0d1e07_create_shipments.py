"""create shipments

Revision ID: 7a8b9c0d1e07
Revises: 6f7a8b9c0d06
Create Date: 2026-04-01 09:30:12.908113

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "7a8b9c0d1e07"
down_revision = "6f7a8b9c0d06"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False),
        sa.Column("carrier", sa.String(length=40), nullable=False, server_default="post"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("3")),
        sa.Column("fee", sa.Numeric(10, 2), nullable=False, server_default="4.50"),
        sa.Column("tracking", sa.JSON(), nullable=True),
        sa.Column("shipped_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.execute(
        "ALTER TABLE shipments ADD COLUMN label text; "
        "CREATE INDEX ix_shipments_label ON shipments (label)"
    )
    op.execute("CREATE SCHEMA billing")
    op.create_table(
        "invoices",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("public.orders.id"), nullable=False),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
        schema="billing",
    )
    op.create_index("ix_invoices_order_id", "invoices", ["order_id"], schema="billing")
    op.add_column("orders", sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_orders_shipped_at"), "orders", ["shipped_at"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_orders_shipped_at"), table_name="orders")
    op.drop_column("orders", "shipped_at")
    op.drop_table("invoices", schema="billing")
    op.execute("DROP SCHEMA billing")
    op.drop_table("shipments")
