"""guards, loops, helpers"""
from alembic import op
from alembic import context
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def _has_table(name):
    bind = op.get_bind()
    return sa.inspect(bind).has_table(name)


def upgrade(op=op, tables=None, tester=None):
    if not context.is_offline_mode() and _skip():
        return
    conn = op.get_bind()
    inspector = sa.inspect(conn)
    if "widgets" not in inspector.get_table_names():
        op.create_table("widgets", sa.Column("id", sa.Integer(), primary_key=True))
    else:
        op.add_column("widgets", sa.Column("size", sa.Integer()))
    try:
        op.create_index("ix_widgets_size", "widgets", ["size"])
    except Exception:
        pass
    for name in ("a", "b"):
        op.add_column(name, sa.Column("flag", sa.Boolean(), server_default=sa.false()))
    while False:
        op.drop_table("never")
    _create_views()
    conn.execute(sa.text("UPDATE widgets SET size = 0"))
    op.create_widget_view("w")
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY ix_w ON widgets (id)")
    op.execute(f"DROP TABLE {name}")
    print("done")


def _skip():
    return False


def _create_views():
    op.execute("CREATE VIEW v AS SELECT 1")


def downgrade():
    raise NotImplementedError("irreversible")
    op.drop_table("widgets")
