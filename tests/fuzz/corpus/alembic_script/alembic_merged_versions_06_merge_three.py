"""merge users, teams and games

Revision ID: merge_three
Revises: add_users, teams_logo, add_games
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'merge_three'
down_revision = ('add_users', 'teams_logo', 'add_games')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
