"""feature a, part 2

Revision ID: eeee00000005
Revises: cccc00000003
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'eeee00000005'
down_revision = 'cccc00000003'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
