"""syntax broken

Revision ID: sx1
Revises: b3
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'sx1'
down_revision = 'b3'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("x", sa.String(50))
    op.create_index("ix", "users", ["x"])


def downgrade():
    pass
