#pragma once

#include "drift/Finding.h"
#include "schema/Schema.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole {

/// What a statement of a plan is for; the preview groups and labels statements by it.
enum class FixPurpose {
    RepairDrift,     ///< makes the live schema match the expected one for one finding
    CompleteRevision,///< performs a not-yet-done step of a half-applied pending revision
    Stamp,           ///< writes the version table (stamp / mark as applied)
};

/// One statement of a plan (ARCHITECTURE.md: FixPlan). Every statement is idempotent:
/// running it a second time changes nothing (IF [NOT] EXISTS, a DO block that checks the
/// catalogue first, or a rebuild guarded by the table's current shape).
struct FixStatement
{
    QString sql;                    ///< one statement, no trailing semicolon
    FixPurpose purpose = FixPurpose::RepairDrift;
    QString summary;                ///< one line: "add column public.games.external_game_key"
    std::optional<Finding> finding; ///< the finding it fixes (RepairDrift, CompleteRevision)
    QString revision;               ///< CompleteRevision / Stamp: the revision concerned
    /// False for statements PostgreSQL refuses inside a transaction block (CREATE INDEX
    /// CONCURRENTLY): the executor runs them after the transaction, one by one.
    bool inTransaction = true;
    /// A query run just before the statement; when it returns a row the statement is
    /// skipped as already in place. For what the dialect cannot guard in the statement
    /// itself (SQLite has no ADD COLUMN IF NOT EXISTS). Empty = always run.
    QString skipIfSql;
    /// SQLite table rebuilds need `PRAGMA foreign_keys=OFF` set before BEGIN (REFERENCE §5.4).
    bool needsForeignKeysOff = false;
    bool destructive = false;       ///< drops data or objects (only with include drops)
    QString lockLevel;              ///< "ACCESS EXCLUSIVE", "SHARE ROW EXCLUSIVE", … (PG); "" = none/SQLite
    /// Plain-language hazards: "rewrites the table", "scans 1,204 rows for NOT NULL",
    /// "17 rows of documents.id would not convert to uuid" (counted on the database).
    QStringList hazards;
};

QString fixPurposeName(FixPurpose purpose); ///< "repair" | "complete_revision" | "stamp"

/// A finding the plan does not fix, and why (not fixable without losing data, drops not
/// asked for, a construct the dialect cannot express idempotently, …).
struct UnfixedFinding
{
    Finding finding;
    QString reason;
};

/// Findings → statements (FixPlanner), then preview / dry-run / apply (Executor), all
/// reading the same value.
struct FixPlan
{
    Dialect dialect = Dialect::PostgreSQL;
    QString database;               ///< display URL (password masked)
    QList<FixStatement> statements; ///< in execution order
    QList<UnfixedFinding> unfixed;
    QStringList completedRevisions; ///< pending revisions the plan completes and stamps
    QStringList notes;              ///< plan-level remarks for the preview header

    bool isEmpty() const { return statements.isEmpty(); }
    /// The preview text: a header naming the database, then each statement preceded by
    /// `-- ` comment lines (what it fixes, origin file:line, lock level, hazards, whether it
    /// runs outside the transaction) and followed by `;`. Runnable as it is by psql/sqlite3.
    QString toSql() const;
};

/// `fix --format json`: {"database", "statements": [{"sql", "purpose", "summary",
/// "finding" (findingToJson), "revision", "in_transaction", "destructive", "lock",
/// "hazards"}], "unfixed": [{finding…, "reason"}], "notes": [...], "completed_revisions": [...]}.
QJsonObject fixPlanToJson(const FixPlan &plan);

} // namespace migconsole
