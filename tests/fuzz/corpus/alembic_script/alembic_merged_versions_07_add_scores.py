"""add scores

Revision ID: add_scores
Revises: merge_three
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'add_scores'
down_revision = 'merge_three'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
