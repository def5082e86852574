#pragma once

#include "drift/OriginMap.h"
#include "replay/Operation.h"
#include "schema/Schema.h"

#include <QString>

#include <optional>

namespace migconsole {

/// Why a step cannot run on a schema as it stands: the database error it would raise.
/// The names are CLI.md's preflight kinds (plus not_null_without_default, which only the
/// preflight detects: it needs the table's rows).
enum class StepConflict {
    TableExists,
    ColumnExists,
    IndexExists,
    ConstraintExists,
    MissingTable,
    MissingColumn,
    MissingIndex,
    MissingConstraint,
    TypeIncompatibleFk,
    NotNullWithoutDefault,
};

QString stepConflictName(StepConflict conflict); ///< "column_exists", …
/// True for the *_exists kinds: the step's object is already there.
bool isExistsConflict(StepConflict conflict);

/// What applying one operation did, or would have raised.
struct ApplyOutcome
{
    std::optional<StepConflict> conflict; ///< set: the schema was left unchanged
    QString schema;                        ///< namespace acted on (never empty)
    QString table;
    FindingObject object = FindingObject::Table;
    QString objectName;  ///< column, index or constraint the step is about; empty for tables
    QString message;     ///< one sentence for a conflict ("column games.x already exists")
};

/// Whether PostgreSQL can build a foreign key from a `local`-typed column to a
/// `referenced`-typed one (canonical types): integers among themselves, strings among
/// themselves, … but never varchar(36) → uuid.
bool foreignKeyTypesCompatible(const QString &local, const QString &referenced);

/// The namespace an unqualified name lives in: "public" on PostgreSQL, "main" on SQLite.
QString defaultNamespaceName(Dialect dialect);

/// Applies `op` to `schema` as the database would run it, recording `origin` for every
/// object it creates or changes in `origins` (may be null). When the database would raise
/// (the object already exists, the table is missing, …) nothing changes and the outcome
/// names the conflict. Execute operations must be expanded first (readSqlDdl); they are
/// no-ops here. The schema's dialect decides name scopes (index names are per schema).
ApplyOutcome applyOperation(Schema &schema, const Operation &op, OriginMap *origins = nullptr,
                            const FindingOrigin &origin = {});

} // namespace migconsole
