"""contract: drop column

Revision ID: nest_contract
Revises: nest_users
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'nest_contract'
down_revision = 'nest_users'
branch_labels = ('contract',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
