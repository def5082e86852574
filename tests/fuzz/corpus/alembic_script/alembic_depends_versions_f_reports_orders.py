"""reports on orders

Revision ID: reports_orders
Revises: reports_views
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'reports_orders'
down_revision = 'reports_views'
branch_labels = None
depends_on = ('core_orders',)


def upgrade():
    pass


def downgrade():
    pass
