"""batch mode (SQLite)"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1b2c3"

TABLE = "accounts"


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("age", sa.Integer(), nullable=True))
        batch_op.alter_column("email", existing_type=sa.VARCHAR(length=255), nullable=True)
        batch_op.create_index(batch_op.f("ix_users_age"), ["age"], unique=False)
        batch_op.create_foreign_key("fk_users_org", "orgs", ["org_id"], ["id"])
        batch_op.drop_constraint("uq_users_email", type_="unique")
        batch_op.drop_index("ix_old")
        batch_op.drop_column("legacy")

    with op.batch_alter_table(TABLE, schema="app", recreate="always") as b:
        b.create_unique_constraint("uq_accounts_name", ["name"])
        b.frobnicate("x")
    op.add_column("after", sa.Column("x", sa.Integer()))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("age")
