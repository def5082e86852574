"""core users

Revision ID: core_users
Revises: core_base
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'core_users'
down_revision = 'core_base'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
