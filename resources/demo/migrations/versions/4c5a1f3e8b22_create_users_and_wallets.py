"""create users and wallets

Revision ID: 4c5a1f3e8b22
Revises: 2b7d10e4c5a1
Create Date: 2025-09-17 11:02:45.004311

"""
from alembic import op
import sqlalchemy as sa

revision = "4c5a1f3e8b22"
down_revision = "2b7d10e4c5a1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("display_name", sa.String(80)),
        sa.Column("password_hash", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.Column("last_login_at", sa.DateTime()),
    )
    op.create_index("ux_users_email_lower", "users", [sa.text("lower(email)")], unique=True)
    op.create_table(
        "wallets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                  unique=True),
        sa.Column("balance", sa.Numeric(12, 2), nullable=False, server_default="0"),
        sa.Column("currency", sa.CHAR(3), nullable=False, server_default="EUR"),
        sa.CheckConstraint("balance >= 0"),
    )


def downgrade():
    op.drop_table("wallets")
    op.drop_table("users")
