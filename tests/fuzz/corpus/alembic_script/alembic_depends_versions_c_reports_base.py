"""reports base

Revision ID: reports_base
Revises: 
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'reports_base'
down_revision = None
branch_labels = ('reports',)
depends_on = 'core_users'


def upgrade():
    pass


def downgrade():
    pass
