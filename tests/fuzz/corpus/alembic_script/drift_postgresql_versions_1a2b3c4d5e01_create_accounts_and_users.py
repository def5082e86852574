"""create accounts and users

Revision ID: 1a2b3c4d5e01
Revises:
Create Date: 2026-03-02 09:14:27.118204

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "1a2b3c4d5e01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), sa.Identity(), primary_key=True),
        sa.Column("name", sa.String(length=120), nullable=False, unique=True),
        sa.Column(
            "plan",
            sa.Enum("free", "pro", "enterprise", name="account_plan"),
            nullable=False,
            server_default="free",
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
        sa.Column("is_active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("settings", sa.JSON(), nullable=True),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=True),
        sa.Column("login_count", sa.SmallInteger(), nullable=False, server_default="0"),
        sa.Column("legacy_flag", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("account_id", "email", name="uq_users_account_email"),
        sa.CheckConstraint("login_count >= 0", name="ck_users_login_count"),
    )


def downgrade():
    op.drop_table("users")
    op.drop_table("accounts")
    sa.Enum(name="account_plan").drop(op.get_bind(), checkfirst=True)
