"""create documents and share links

Documents branch: string ids (varchar(36)), see the uuid incident in the runbook.

Revision ID: 6a9d0c3f1e44
Revises: 4c5a1f3e8b22
Create Date: 2025-10-03 14:55:39.208841

"""
from alembic import op
import sqlalchemy as sa

revision = "6a9d0c3f1e44"
down_revision = "4c5a1f3e8b22"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "documents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("parent_document_id", sa.String(36), sa.ForeignKey("documents.id")),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False, server_default="application/pdf"),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
    )
    op.create_index("ix_documents_owner_id", "documents", ["owner_id"])
    op.create_table(
        "document_share_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.String(36), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("expires_at", sa.DateTime()),
        sa.UniqueConstraint("token", name="uq_document_share_links_token"),
    )


def downgrade():
    op.drop_table("document_share_links")
    op.drop_table("documents")
