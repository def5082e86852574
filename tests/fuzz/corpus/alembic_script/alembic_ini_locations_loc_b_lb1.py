"""in loc_b

Revision ID: loc_b_1
Revises: loc_a_1
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'loc_b_1'
down_revision = 'loc_a_1'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
