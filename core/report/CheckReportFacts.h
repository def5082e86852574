#pragma once

// What the HTML, Markdown and JSON check reports share: each fact is worked out here once,
// so the three formats cannot disagree (a count, a label, which steps belong to which
// revision). The writers only decide how a fact looks.

#include "report/CheckReport.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace migconsole::checkreport {

/// The summary's numbers, counted from the report (never from a rendered text).
struct Counts
{
    qsizetype errors = 0;
    qsizetype warnings = 0;
    qsizetype info = 0;
    qsizetype failingSteps = 0;
    qsizetype unknownRevisions = 0;
};
Counts countsOf(const DriftReport &report);

/// The report's title line: "Migration check — <database>".
QString title(const DriftReport &report);

/// "clean: the database matches" / "drift or predicted failures found": the verdict in the
/// words `check`'s text output ends with, capitalised for a heading.
QString verdict(const DriftReport &report);

/// "CLEAN" / "NOT CLEAN": the verdict's one word, shown before it.
QString verdictWord(const DriftReport &report);

/// What an unknown revision is, and what an *_exists conflict may mean (one wording each).
inline const QString kUnknownRevisionNote =
    QStringLiteral("recorded in the database, defined by no script");
inline const QString kAlreadyInPlaceNote =
    QStringLiteral("already in place: applied by hand or half-applied");

/// "migration scripts", "reference database", "snapshot file".
QString expectedSourceLabel(ExpectedSource source);

/// The revisions the expected schema was replayed to, or "<base>" (migrations only).
QString targetText(const DriftReport &report);

/// A revision list for a person: "a, b" or "none".
QString listOrNone(const QStringList &list);

/// "read-only" or "read-write", and the production tag, as the header words them.
QString connectionModeText(const CheckReportInput &input);

/// The pending steps of each revision, in their order (as HistoryReport groups them).
QHash<QString, QList<const PreflightStep *>> stepsByRevision(const QList<PreflightStep> &steps);

/// "done", "will apply" or "WILL FAIL": shouted when it fails, as `history` prints it.
QString stepResultLabel(const PreflightStep &step);
/// Why a step is done or fails: "column_exists — <message> (already in place: …)" or
/// "already done (guarded)"; empty for a step that will simply apply.
QString stepDetail(const PreflightStep &step);

/// The finding's two sides for a table: a mismatch shows "(none)" for an empty side, other
/// kinds leave a side they do not use empty.
QString expectedCell(const Finding &finding);
QString actualCell(const Finding &finding);
/// "8b2c6d5e3f06" and "versions/x.py:27" of the finding's origin (empty when unknown).
QString originRevision(const Finding &finding);
QString originLocation(const Finding &finding);

/// "missing_column main.games.external_game_key": what a statement fixes, an unfixed finding.
QString findingLabel(const Finding &finding);

/// The plan's headline: "3 statements (1 destructive, 0 outside the transaction); 2
/// findings left unfixed", or why there is no plan / nothing to run.
QString planHeadline(const std::optional<FixPlan> &plan);
/// "ACCESS EXCLUSIVE" or "none" (SQLite takes no named lock level).
QString lockText(const FixStatement &statement);
/// "inside the transaction" / "OUTSIDE the transaction, after the commit".
QString transactionText(const FixStatement &statement);

} // namespace migconsole::checkreport
