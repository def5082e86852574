"""audit needs core

Revision ID: audit_base
Revises: 
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'audit_base'
down_revision = None
branch_labels = None
depends_on = 'core'


def upgrade():
    pass


def downgrade():
    pass
