"""reports views

Revision ID: reports_views
Revises: reports_base
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'reports_views'
down_revision = 'reports_base'
branch_labels = None
depends_on = ()


def upgrade():
    pass


def downgrade():
    pass
