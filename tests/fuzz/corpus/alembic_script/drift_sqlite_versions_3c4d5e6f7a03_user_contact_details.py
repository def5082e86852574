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
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("legacy_flag")
        batch_op.alter_column("display_name", existing_type=sa.Text(), type_=sa.String(length=150))
        batch_op.create_unique_constraint("uq_users_phone", ["phone"])
        batch_op.create_check_constraint("ck_users_phone_length", "length(phone) >= 7")
    with op.batch_alter_table("orders") as batch_op:
        batch_op.alter_column("note", existing_type=sa.String(length=200), nullable=False, server_default="")
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.alter_column("settings", new_column_name="preferences", existing_type=sa.JSON())


def downgrade():
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.alter_column("preferences", new_column_name="settings", existing_type=sa.JSON())
    with op.batch_alter_table("orders") as batch_op:
        batch_op.alter_column("note", existing_type=sa.String(length=200), nullable=True, server_default=None)
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_constraint("ck_users_phone_length", type_="check")
        batch_op.drop_constraint("uq_users_phone", type_="unique")
        batch_op.alter_column("display_name", existing_type=sa.String(length=150), type_=sa.Text())
        batch_op.add_column(sa.Column("legacy_flag", sa.Boolean(), nullable=True))
        batch_op.drop_column("phone")
