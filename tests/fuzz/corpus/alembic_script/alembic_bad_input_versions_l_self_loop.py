"""points at itself

Revision ID: loop1
Revises: loop1
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'loop1'
down_revision = 'loop1'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
