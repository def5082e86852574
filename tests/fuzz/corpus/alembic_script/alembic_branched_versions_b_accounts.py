"""add accounts

Revision ID: bbbb00000002
Revises: aaaa00000001
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bbbb00000002'
down_revision = 'aaaa00000001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
