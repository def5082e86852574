"""user contact details

Revision ID: 3c4d5e6f7a03
Revises: 2b3c4d5e6f02
Create Date: 2026-03-11 10:02:45.003311

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "3c4d5e6f7a03"
down_revision = "2b3c4d5e6f02"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("phone", sa.String(length=32), nullable=True))
    op.drop_column("users", "legacy_flag")
    op.alter_column(
        "users",
        "display_name",
        existing_type=sa.Text(),
        type_=sa.String(length=150),
        postgresql_using="display_name::varchar(150)",
    )
    op.alter_column("orders", "note", existing_type=sa.String(length=200), nullable=False, server_default="")
    op.alter_column("accounts", "settings", new_column_name="preferences", existing_type=sa.JSON())
    op.create_unique_constraint("uq_users_phone", "users", ["phone"])
    op.create_check_constraint("ck_users_phone_length", "users", "length(phone) >= 7")


def downgrade():
    op.drop_constraint("ck_users_phone_length", "users", type_="check")
    op.drop_constraint("uq_users_phone", "users", type_="unique")
    op.alter_column("accounts", "preferences", new_column_name="settings", existing_type=sa.JSON())
    op.alter_column("orders", "note", existing_type=sa.String(length=200), nullable=True, server_default=None)
    op.alter_column("users", "display_name", existing_type=sa.String(length=150), type_=sa.Text())
    op.add_column("users", sa.Column("legacy_flag", sa.Boolean(), nullable=True))
    op.drop_column("users", "phone")
