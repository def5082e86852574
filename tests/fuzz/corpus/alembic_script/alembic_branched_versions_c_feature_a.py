"""feature a

Revision ID: cccc00000003
Revises: bbbb00000002
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cccc00000003'
down_revision = 'bbbb00000002'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
