#pragma once

#include "drift/Preflight.h"
#include "history/MigrationHistory.h"
#include "util/JsonWriter.h"

#include <QJsonObject>
#include <QString>

namespace migconsole {

/// `migconsole history --format json` (CLI.md): database, tool, current, heads, pending,
/// unknown, revisions newest first with status, parents, labels, message, file; warnings.
/// `database` is the masked URL, or empty for scripts alone (printed as null). `steps` (the
/// preflight of the pending revisions) become each revision's `steps` list. Written as it is
/// made into an open object (5,000 revisions as QJsonObject cost more than reading them).
void writeHistoryJson(JsonWriter &writer, const MigrationHistory &history,
                      const QString &databaseDisplayUrl, const QList<PreflightStep> &steps = {});

/// The same for a person: a summary block, then one line per revision with a status mark,
/// and under a pending revision one line per step (done / will apply / WILL FAIL).
QString historyToText(const MigrationHistory &history, const QString &databaseDisplayUrl,
                      const QList<PreflightStep> &steps = {});

/// "versions/x.py:17: message" — a problem as one line.
QString problemLine(const HistoryProblem &problem);

} // namespace migconsole
