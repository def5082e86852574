"""index orders by customer

Revision ID: 4d5e6f708192
Revises: 3c4d5e6f7081
Create Date: 2024-02-11 16:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4d5e6f708192'
down_revision = '3c4d5e6f7081'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
