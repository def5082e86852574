"""parent is gone

Revision ID: m1
Revises: not_there
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'm1'
down_revision = 'not_there'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
