"""final touch

Revision ID: final_touch
Revises: merge_two
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'final_touch'
down_revision = 'merge_two'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
