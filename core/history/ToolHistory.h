#pragma once

#include "db/DbConnection.h"
#include "history/MigrationHistory.h"
#include "util/Expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace migconsole {

/// The history table of a migration tool other than Alembic, read-only (REFERENCE.md §3).
struct ToolHistory
{
    QString tool;   ///< "flyway", "golang-migrate", "dbmate", "rails", "django", "prisma",
                    ///< "liquibase", "sqlx", "knex"
    QString table;  ///< the table it was read from
    QList<ToolMigration> migrations; ///< in the order the tool applied them
};

/// Looks for another tool's history table among the tables the connection sees by default
/// (search_path on PostgreSQL) and reads it; nullopt when there is none. `schema_migrations`
/// is told apart by its columns and companions: golang-migrate (version, dirty), Rails
/// (ar_internal_metadata beside it), dbmate (version only).
Expected<std::optional<ToolHistory>> readToolHistory(DbConnection &connection);

} // namespace migconsole
