import os

from alembic import context
from myapp import settings

VERSION_TABLE = "my_versions"


def run_migrations_online():
    connectable = settings.engine()
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=None,
            version_table=VERSION_TABLE,
            version_table_schema=settings.SCHEMA,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
