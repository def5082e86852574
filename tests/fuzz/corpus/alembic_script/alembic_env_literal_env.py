"""Minimal env.py: `alembic heads` and `history` never run it."""
from alembic import context

config = context.config


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                      version_table="audit_versions", version_table_schema='audit')
    with context.begin_transaction():
        context.run_migrations()


run_migrations_offline()
