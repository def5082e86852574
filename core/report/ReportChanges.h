#pragma once

#include "drift/DriftCheck.h"

#include <QString>
#include <QStringList>

namespace migconsole {

/// What differs between two checks of the same database (watch mode: "what changed since
/// the last refresh"). Findings and failing steps are matched by what they are about, not
/// by position, so a re-ordered report is no change.
struct ReportChanges
{
    QStringList appeared;       ///< findings new in the later check ("missing_column public.games.x")
    QStringList resolved;       ///< findings gone from it
    QStringList changed;        ///< same object, different expected/actual ("… was varchar(36), now uuid")
    QStringList newFailures;    ///< pending steps newly predicted to fail
    QStringList clearedFailures;///< steps no longer predicted to fail
    QStringList currentBefore;  ///< the database's revisions, when they moved
    QStringList currentAfter;

    bool isEmpty() const;
    /// "no change", or "2 new findings · 1 resolved · revision a1 → b2" for a status line.
    QString summary() const;
    /// One line per change, for the log and a tooltip.
    QStringList details() const;
};

ReportChanges compareReports(const DriftReport &before, const DriftReport &after);

} // namespace migconsole
