"""merge contact details and tickets

Revision ID: 5e6f7a8b9c05
Revises: 3c4d5e6f7a03, 4d5e6f7a8b04
Create Date: 2026-03-13 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "5e6f7a8b9c05"
down_revision = ("3c4d5e6f7a03", "4d5e6f7a8b04")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
