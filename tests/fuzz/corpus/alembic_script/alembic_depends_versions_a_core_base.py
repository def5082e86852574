"""core base

Revision ID: core_base
Revises: 
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'core_base'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
