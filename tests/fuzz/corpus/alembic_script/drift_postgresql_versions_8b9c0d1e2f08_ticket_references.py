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
    op.alter_column("tickets", "score", new_column_name="rating", existing_type=sa.Float())


def downgrade():
    op.alter_column("tickets", "rating", new_column_name="score", existing_type=sa.Float())
    op.drop_column("tickets", "closed")
    op.drop_column("tickets", "external_ref")
