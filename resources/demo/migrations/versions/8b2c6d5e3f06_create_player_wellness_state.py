"""create player wellness state

Revision ID: 8b2c6d5e3f06
Revises: 7f1e44b2c6d5
Create Date: 2025-10-20 17:21:08.660157

"""
from alembic import op
import sqlalchemy as sa

revision: str = "8b2c6d5e3f06"
down_revision: str = "7f1e44b2c6d5"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "player_wellness_state",
        sa.Column("player_id", sa.Integer(), sa.ForeignKey("players.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fatigue", sa.REAL()),
        sa.Column("mood", sa.String(16)),
        sa.Column("recorded_at", sa.DateTime(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.CheckConstraint("fatigue BETWEEN 0 AND 1"),
    )
    # Live scores: games get the feed's key, and the feed's sources a table of their own.
    op.add_column("games", sa.Column("external_game_key", sa.String(64)))
    op.create_index("ix_games_external_game_key", "games", ["external_game_key"], unique=True)
    op.create_table(
        "score_feed_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("last_polled_at", sa.DateTime()),
    )


def downgrade():
    op.drop_table("score_feed_sources")
    op.drop_index("ix_games_external_game_key", table_name="games")
    op.drop_column("games", "external_game_key")
    op.drop_table("player_wellness_state")
