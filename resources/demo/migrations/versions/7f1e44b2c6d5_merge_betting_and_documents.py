"""merge betting and documents branches

Revision ID: 7f1e44b2c6d5
Revises: 5e8b22a9d0c3, 6a9d0c3f1e44
Create Date: 2025-10-06 10:00:00.000000

"""
revision = "7f1e44b2c6d5"
down_revision = ("5e8b22a9d0c3", "6a9d0c3f1e44")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
