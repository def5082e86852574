"""audit log

Revision ID: a0a0a0a00007
Revises: ffff00000006
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a0a0a0a00007'
down_revision = 'ffff00000006'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
