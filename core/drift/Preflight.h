#pragma once

#include "replay/ApplyOperation.h"
#include "replay/Replayer.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace migconsole {

/// What a pending step would do on the live database (CLI.md `step`).
enum class StepStatus {
    Done,      ///< already in place, and guarded (IF NOT EXISTS, an if around it): a no-op
    WillApply, ///< runs and changes the schema
    WillFail,  ///< the database would raise: `conflict` says why
};
QString stepStatusName(StepStatus status); ///< "done" | "will_apply" | "will_fail"

struct PreflightStep
{
    QString revision;
    QString op;                 ///< operationKindName(): "add_column", …
    SourceLocation location;
    QString schema;
    QString table;
    FindingObject object = FindingObject::Table;
    QString objectName;
    StepStatus status = StepStatus::WillApply;
    std::optional<StepConflict> conflict; ///< set for WillFail
    /// For an *_exists conflict: whether what exists matches what the step would create —
    /// the "half-applied migration" (someone ran it by hand, or a run died half way).
    bool alreadyInPlace = false;
    QString message;            ///< one readable sentence
};

/// Answers "does this table hold rows?" for the NOT NULL-without-default check; the live
/// database is asked only about tables that exist there.
using TableHasRows = std::function<bool(const QString &schema, const QString &table)>;

/// Simulates the pending revisions `pending` (oldest first, as upgradeOrder gives them) on a
/// copy of `live`, step by step, each step seeing the effect of the ones before it.
QList<PreflightStep> preflight(const Schema &live, const QHash<QString, RevisionOperations> &operations,
                               const QStringList &pending, const TableHasRows &tableHasRows = {});

/// The CLI.md `preflight` item of a will_fail step (revision, op, kind, schema, table, key).
QJsonObject preflightStepToJson(const PreflightStep &step, bool withStatus);

} // namespace migconsole
