"""teams get a logo

Revision ID: teams_logo
Revises: add_teams
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'teams_logo'
down_revision = 'add_teams'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
