#pragma once

#include "history/Revision.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace migconsole {

/// What a finding says is different. Exactly the kinds of CLI.md's `check --format json`,
/// in the order findings are listed within one table.
enum class FindingKind {
    MissingTable,
    MissingColumn,
    MissingIndex,
    MissingForeignKey,
    MissingUnique,
    MissingCheck,
    MissingPrimaryKey,
    TypeMismatch,
    NullabilityMismatch,
    DefaultMismatch,
    ExtraTable,
    ExtraColumn,
    ExtraIndex,
    ExtraForeignKey,
};

enum class Severity { Error, Warning, Info };

/// Which JSON key names the finding's own object ("column", "index", "constraint").
enum class FindingObject { Table, Column, Index, Constraint };

/// Every kind in declaration order (for tests, filters, menus).
QList<FindingKind> allFindingKinds();
QString findingKindName(FindingKind kind); ///< "missing_column", …
std::optional<FindingKind> findingKindFromName(const QString &name);
FindingObject findingObject(FindingKind kind);
/// The severity a kind is reported at: missing_* and type_mismatch are errors,
/// nullability/default mismatches warnings, extra_* info (the scripts never mention them).
Severity defaultSeverity(FindingKind kind);
/// missing_*: the expected schema has the object, the database does not.
bool isMissingKind(FindingKind kind);
/// extra_*: the database has the object, the expected schema does not.
bool isExtraKind(FindingKind kind);
/// *_mismatch: present on both sides, different (type, nullability, default).
bool isMismatchKind(FindingKind kind);

QString severityName(Severity severity); ///< "error" | "warning" | "info"
std::optional<Severity> severityFromName(const QString &name);

/// Where the expected object came from: the revision that created or last changed it.
struct FindingOrigin
{
    QString revision;
    SourceLocation location;

    bool operator==(const FindingOrigin &) const = default;
};

/// One difference between the expected and the actual schema, as data (ARCHITECTURE.md):
/// the tree, the CLI, reports and the fix planner all read the same value.
struct Finding
{
    FindingKind kind = FindingKind::MissingTable;
    QString schema;
    QString table;
    /// The column, index or constraint name (which one: findingObject(kind)); empty for
    /// table findings and for constraints the database never named (SQLite).
    QString object;
    /// Display text: the type of a missing column, both sides of a mismatch, the
    /// definition of a missing constraint. Empty where the kind needs none.
    QString expected;
    QString actual;
    Severity severity = Severity::Error;
    /// Whether `fix` can repair it without losing data (SchemaDiff.h lists the rule per kind).
    bool fixable = false;
    std::optional<FindingOrigin> origin;

    bool operator==(const Finding &) const = default;
};

/// The CLI.md shape: kind, schema, table, the object's key (column | index | constraint)
/// when it has a name, expected / actual when meaningful (always both for *_mismatch,
/// where "" means "none"), severity, fixable, and origin {revision, file, line} when known.
QJsonObject findingToJson(const Finding &finding);

/// Deterministic listing order: schema, table, kind order, object name, expected text.
bool findingLessThan(const Finding &a, const Finding &b);

} // namespace migconsole
