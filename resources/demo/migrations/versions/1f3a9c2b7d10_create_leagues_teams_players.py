"""create leagues, teams and players

Revision ID: 1f3a9c2b7d10
Revises:
Create Date: 2025-09-02 09:14:27.118204

"""
from alembic import op
import sqlalchemy as sa

revision = "1f3a9c2b7d10"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "leagues",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("country", sa.CHAR(2)),
        sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.UniqueConstraint("code", name="uq_leagues_code"),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("league_id", sa.Integer(), sa.ForeignKey("leagues.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("short_name", sa.String(8)),
        sa.Column("founded_year", sa.Integer()),
        sa.CheckConstraint("founded_year BETWEEN 1850 AND 2100"),
        sa.UniqueConstraint("league_id", "name", name="uq_teams_league_name"),
    )
    op.create_index("ix_teams_league_id", "teams", ["league_id"])
    op.create_table(
        "players",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id", ondelete="SET NULL")),
        sa.Column("first_name", sa.String(80), nullable=False),
        sa.Column("last_name", sa.String(80), nullable=False),
        sa.Column("birth_date", sa.Date()),
        sa.Column("position", sa.String(20), nullable=False, server_default="unknown"),
        sa.Column("jersey_number", sa.SmallInteger()),
        sa.Column("is_active", sa.Boolean(), nullable=False, server_default=sa.text("1")),
        sa.CheckConstraint(
            "position IN ('goalkeeper', 'defender', 'midfielder', 'forward', 'unknown')",
            name="ck_players_position",
        ),
    )
    op.create_index("ix_players_team_id", "players", ["team_id"])
    op.create_index("ix_players_last_name_lower", "players", [sa.text("lower(last_name)")])


def downgrade():
    op.drop_table("players")
    op.drop_table("teams")
    op.drop_table("leagues")
