"""more reports

Revision ID: reports_more
Revises: reports_orders
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'reports_more'
down_revision = 'reports_orders'
branch_labels = None
depends_on = ['core_users']


def upgrade():
    pass


def downgrade():
    pass
