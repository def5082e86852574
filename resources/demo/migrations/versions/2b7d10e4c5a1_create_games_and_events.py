"""create games and game events

Revision ID: 2b7d10e4c5a1
Revises: 1f3a9c2b7d10
Create Date: 2025-09-09 16:40:02.551930

"""
from alembic import op
import sqlalchemy as sa

revision = "2b7d10e4c5a1"
down_revision = "1f3a9c2b7d10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "games",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("league_id", sa.Integer(), sa.ForeignKey("leagues.id"), nullable=False),
        sa.Column("home_team_id", sa.Integer(), sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("away_team_id", sa.Integer(), sa.ForeignKey("teams.id"), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="scheduled"),
        sa.Column("home_score", sa.Integer()),
        sa.Column("away_score", sa.Integer()),
        sa.Column("venue", sa.String(120)),
        sa.CheckConstraint("home_team_id <> away_team_id", name="ck_games_distinct_teams"),
        sa.CheckConstraint("status IN ('scheduled', 'live', 'final', 'postponed')", name="ck_games_status"),
    )
    op.create_index("ix_games_starts_at", "games", [sa.text("starts_at DESC")])
    op.create_index("ix_games_league_status", "games", ["league_id", "status"])
    op.create_index("ix_games_live", "games", ["starts_at"], sqlite_where=sa.text("status = 'live'"),
                    postgresql_where=sa.text("status = 'live'"))
    op.create_table(
        "game_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("game_id", sa.Integer(), sa.ForeignKey("games.id", ondelete="CASCADE"), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("player_id", sa.Integer(), sa.ForeignKey("players.id", ondelete="SET NULL")),
        sa.Column("payload", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.CheckConstraint("minute >= 0"),
    )
    op.create_index("ix_game_events_game_id_minute", "game_events", ["game_id", "minute"])


def downgrade():
    op.drop_table("game_events")
    op.drop_table("games")
