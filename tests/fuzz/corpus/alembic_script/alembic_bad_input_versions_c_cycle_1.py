"""cycle one

Revision ID: c1
Revises: c2
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c1'
down_revision = 'c2'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
