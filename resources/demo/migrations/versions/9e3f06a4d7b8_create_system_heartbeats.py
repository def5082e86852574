"""create system heartbeats and reporting views

Revision ID: 9e3f06a4d7b8
Revises: 8b2c6d5e3f06
Create Date: 2025-11-01 10:12:03.912270

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "9e3f06a4d7b8"
down_revision: Union[str, None] = "8b2c6d5e3f06"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "system_heartbeats",
        sa.Column("worker_name", sa.String(64), primary_key=True),
        sa.Column("last_beat_at", sa.DateTime(), nullable=False),
        sa.Column("details", sa.JSON()),
    )
    op.add_column("player_wellness_state", sa.Column("updated_at", sa.DateTime()))
    op.execute(
        """
        CREATE VIEW upcoming_games AS
            SELECT g.id, g.starts_at, h.name AS home_team, a.name AS away_team
            FROM games g
            JOIN teams h ON h.id = g.home_team_id
            JOIN teams a ON a.id = g.away_team_id
            WHERE g.status = 'scheduled'
        """
    )
    op.execute(
        """
        CREATE VIEW open_exposure AS
            SELECT user_id, COUNT(*) AS open_parlays, SUM(potential_payout) AS exposure
            FROM parlays WHERE status = 'open' GROUP BY user_id
        """
    )


def downgrade() -> None:
    op.drop_column("player_wellness_state", "updated_at")
    op.execute("DROP VIEW open_exposure")
    op.execute("DROP VIEW upcoming_games")
    op.drop_table("system_heartbeats")
