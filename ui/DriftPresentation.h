#pragma once

#include "drift/Finding.h"
#include "drift/Preflight.h"

#include <QColor>
#include <QIcon>
#include <QList>
#include <QString>

namespace migconsole {

/// How drift is put into words, colours and icons on screen: one place, shared by the schema
/// tree, the findings list, the details pane and the history, so they always agree
/// (SCREENS.md: missing = red, mismatch = amber, extra = grey, fixed = green; never colour
/// alone — every state also has a marker text and an icon).
namespace drift {

/// What a tree row or finding says about its object.
enum class DriftState
{
    None,
    Missing,  ///< expected, absent in the database: a ghost row
    Mismatch, ///< present on both sides, different
    Extra,    ///< in the database, not in the expected schema
    Fixed,    ///< repaired in this session
};

DriftState stateOf(FindingKind kind);
QColor colour(DriftState state);
/// "✗ missing", "≠ mismatch", "+ extra", "✓ fixed"; empty for None.
QString marker(DriftState state);

QColor severityColour(Severity severity);
/// A round badge per severity (✗ error, ! warning, i info): painted once, cached.
QIcon severityIcon(Severity severity);
/// The warning badge history rows with a failing pending step carry.
QIcon warningIcon();
/// A round badge with one glyph in `colour` (shape and letter, never hue alone): painted
/// each call, so cache it where it is used often.
QIcon badge(const QString &glyph, const QColor &colour);

/// "schema.table" or "schema.table.object" (the object's name, or its definition when the
/// database never named it).
QString objectPath(const Finding &finding);
/// "037_add_live_scores — versions/037_add_live_scores.py:24"; empty without an origin.
QString originText(const std::optional<FindingOrigin> &origin);
/// "versions/037_add_live_scores.py:24"
QString locationText(const SourceLocation &location);

/// "done", "will apply", "will fail": the screen's words for a step's status.
QString stepStatusText(StepStatus status);
/// "table.column" (or the table alone) of a preflight step.
QString stepObject(const PreflightStep &step);
/// True when some steps of one revision are already in place and others are not: a run that
/// died half way, or a hand-applied part ("half-applied").
bool isHalfApplied(const QList<PreflightStep> &revisionSteps);

/// "3 errors · 1 warning · 1 pending step will fail"; "no drift" when all are zero.
QString summary(const QList<Finding> &findings, const QList<PreflightStep> &steps);

} // namespace drift
} // namespace migconsole
