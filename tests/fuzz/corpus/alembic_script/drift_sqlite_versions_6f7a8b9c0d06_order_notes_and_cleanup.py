"""order notes (raw SQL) and cleanup

Revision ID: 6f7a8b9c0d06
Revises: 5e6f7a8b9c05
Create Date: 2026-03-20 11:47:33.410052

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "6f7a8b9c0d06"
down_revision = "5e6f7a8b9c05"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        """
        CREATE TABLE notes (
            id INTEGER NOT NULL PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            body TEXT NOT NULL
        )
        """
    )
    op.execute("ALTER TABLE notes ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT 0")
    op.execute("CREATE INDEX ix_notes_pinned ON notes (order_id) WHERE pinned")
    inspector = sa.inspect(op.get_bind())
    if not any(ix["name"] == "ix_users_phone" for ix in inspector.get_indexes("users")):
        op.create_index("ix_users_phone", "users", ["phone"])
    op.drop_index("ix_orders_placed_on", table_name="orders")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_constraint("ck_users_phone_length", type_="check")
    op.drop_table("audit_events")


def downgrade():
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("detail", sa.Text()),
    )
    with op.batch_alter_table("users") as batch_op:
        batch_op.create_check_constraint("ck_users_phone_length", "length(phone) >= 7")
    op.create_index("ix_orders_placed_on", "orders", ["placed_on"])
    op.drop_index("ix_users_phone", table_name="users")
    op.execute("DROP TABLE notes")
