"""create parlays and parlay legs

Betting branch: developed beside the documents feature and merged later.

Revision ID: 5e8b22a9d0c3
Revises: 4c5a1f3e8b22
Create Date: 2025-10-01 08:30:12.770412

"""
from alembic import op
import sqlalchemy as sa

revision = "5e8b22a9d0c3"
down_revision = "4c5a1f3e8b22"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "parlays",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("stake", sa.Numeric(10, 2), nullable=False),
        sa.Column("potential_payout", sa.Numeric(12, 2)),
        sa.Column("status", sa.String(12), nullable=False, server_default="open"),
        sa.Column("placed_at", sa.DateTime(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.Column("settled_at", sa.DateTime()),
        sa.CheckConstraint("stake > 0"),
    )
    op.create_index("ix_parlays_user_id_placed_at", "parlays", ["user_id", sa.text("placed_at DESC")])
    op.create_index("ix_parlays_open", "parlays", ["placed_at"], sqlite_where=sa.text("status = 'open'"),
                    postgresql_where=sa.text("status = 'open'"))
    op.create_table(
        "parlay_legs",
        sa.Column("parlay_id", sa.Integer(), sa.ForeignKey("parlays.id", ondelete="CASCADE"), nullable=False),
        sa.Column("leg_no", sa.Integer(), nullable=False),
        sa.Column("game_id", sa.Integer(), sa.ForeignKey("games.id"), nullable=False),
        sa.Column("pick", sa.String(16), nullable=False),
        sa.Column("odds", sa.Numeric(6, 3), nullable=False),
        sa.Column("result", sa.String(8)),
        sa.CheckConstraint("odds > 1"),
        sa.PrimaryKeyConstraint("parlay_id", "leg_no", name="pk_parlay_legs"),
    )
    op.create_index("ix_parlay_legs_game_id", "parlay_legs", ["game_id"])


def downgrade():
    op.drop_table("parlay_legs")
    op.drop_table("parlays")
