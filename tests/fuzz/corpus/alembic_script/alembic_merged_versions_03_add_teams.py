"""add teams

Revision ID: add_teams
Revises: base_schema
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'add_teams'
down_revision = 'base_schema'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
