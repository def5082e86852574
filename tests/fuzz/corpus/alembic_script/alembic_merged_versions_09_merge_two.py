"""merge scores and index

Revision ID: merge_two
Revises: add_scores, add_index
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'merge_two'
down_revision = ('add_scores', 'add_index')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
