"""ticket references

Revision ID: 8b9c0d1e2f08
Revises: 7a8b9c0d1e07
Create Date: 2026-04-03 15:05:41.226870

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "8b9c0d1e2f08"
down_revision = "7a8b9c0d1e07"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("tickets", sa.Column("external_ref", sa.String(length=36), nullable=True))
    op.add_column("tickets", sa.Column("closed", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("closed")
        batch_op.drop_column("external_ref")
