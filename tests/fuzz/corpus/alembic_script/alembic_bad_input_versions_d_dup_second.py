"""second copy

Revision ID: dup
Revises: b3
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dup'
down_revision = 'b3'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
