#pragma once

// A hand-built drift check result for the GUI tests (no runDriftCheck: the tests must not
// depend on the engine to test the widgets): the demo's situation in miniature.
#include "drift/DriftCheck.h"

namespace migconsole::drifttest {

inline Column column(const char *name, const char *type, bool nullable = true)
{
    Column c;
    c.name = QLatin1String(name);
    c.type = QLatin1String(type);
    c.nullable = nullable;
    return c;
}

inline Table table(const char *name, QList<Column> columns)
{
    Table t;
    t.name = QLatin1String(name);
    t.columns = std::move(columns);
    t.primaryKey = PrimaryKey{t.name + QStringLiteral("_pkey"), {QStringLiteral("id")}};
    return t;
}

/// Live: games(id, status NULL), documents(id uuid), legacy_stats.
inline Schema actualSchema()
{
    Schema schema;
    schema.dialect = Dialect::PostgreSQL;
    Namespace ns;
    ns.name = QStringLiteral("public");
    ns.tables = {table("documents", {column("id", "uuid", false)}),
                 table("games", {column("id", "integer", false), column("status", "varchar(16)")}),
                 table("legacy_stats", {column("id", "integer", false)})};
    schema.namespaces = {ns};
    return schema;
}

/// Expected: games also has external_game_key + its index and status NOT NULL; documents.id
/// is varchar(36); system_heartbeats exists; legacy_stats does not.
inline Schema expectedSchema()
{
    Schema schema;
    Namespace ns;
    ns.name = QStringLiteral("public");
    Table games = table("games", {column("id", "integer", false),
                                  column("status", "varchar(16)", false),
                                  column("external_game_key", "varchar(64)")});
    Index index;
    index.name = QStringLiteral("ix_games_external_game_key");
    index.columns = {QStringLiteral("external_game_key")};
    games.indexes = {index};
    ns.tables = {table("documents", {column("id", "varchar(36)", false)}), games,
                 table("system_heartbeats",
                       {column("id", "integer", false), column("beat_at", "timestamp")})};
    schema.namespaces = {ns};
    return schema;
}

inline Finding finding(FindingKind kind, const char *table, const char *object = "",
                       const char *expected = "", const char *actual = "")
{
    Finding f;
    f.kind = kind;
    f.schema = QStringLiteral("public");
    f.table = QLatin1String(table);
    f.object = QLatin1String(object);
    f.expected = QLatin1String(expected);
    f.actual = QLatin1String(actual);
    f.severity = defaultSeverity(kind);
    f.fixable = kind != FindingKind::TypeMismatch;
    return f;
}

inline FindingOrigin origin(const char *revision, int line)
{
    return FindingOrigin{QLatin1String(revision),
                         {QStringLiteral("versions/%1.py").arg(QLatin1String(revision)), line}};
}

/// Six findings: 3 missing (column, index, table), 2 mismatches, 1 extra table.
inline QList<Finding> findings()
{
    Finding missingColumn =
        finding(FindingKind::MissingColumn, "games", "external_game_key", "varchar(64)");
    missingColumn.origin = origin("C", 24);
    Finding missingIndex = finding(FindingKind::MissingIndex, "games", "ix_games_external_game_key",
                                   "ix_games_external_game_key (external_game_key)");
    missingIndex.origin = origin("C", 31);
    Finding missingTable = finding(FindingKind::MissingTable, "system_heartbeats");
    missingTable.origin = origin("B", 12);
    Finding type = finding(FindingKind::TypeMismatch, "documents", "id", "varchar(36)", "uuid");
    Finding nullability =
        finding(FindingKind::NullabilityMismatch, "games", "status", "NOT NULL", "NULL");
    Finding extra = finding(FindingKind::ExtraTable, "legacy_stats");
    return {type, missingColumn, missingIndex, nullability, extra, missingTable};
}

/// Revision C is pending: its add_column would fail (the column is already there, exactly as
/// the step would make it: half-applied), its create_index would apply.
inline QList<PreflightStep> steps()
{
    PreflightStep add;
    add.revision = QStringLiteral("C");
    add.op = QStringLiteral("add_column");
    add.location = {QStringLiteral("versions/C.py"), 21};
    add.schema = QStringLiteral("public");
    add.table = QStringLiteral("player_wellness_state");
    add.object = FindingObject::Column;
    add.objectName = QStringLiteral("updated_at");
    add.status = StepStatus::WillFail;
    add.conflict = StepConflict::ColumnExists;
    add.alreadyInPlace = true;
    add.message = QStringLiteral("column player_wellness_state.updated_at already exists");
    PreflightStep index = add;
    index.op = QStringLiteral("create_index");
    index.location.line = 25;
    index.object = FindingObject::Index;
    index.objectName = QStringLiteral("ix_updated_at");
    index.status = StepStatus::WillApply;
    index.conflict.reset();
    index.alreadyInPlace = false;
    index.message = QStringLiteral("creates index ix_updated_at");
    return {add, index};
}

} // namespace migconsole::drifttest
