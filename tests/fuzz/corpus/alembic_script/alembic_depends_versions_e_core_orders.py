"""core orders

Revision ID: core_orders
Revises: core_users
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'core_orders'
down_revision = 'core_users'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
