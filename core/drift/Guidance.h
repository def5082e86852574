#pragma once

#include "drift/DriftCheck.h"
#include "drift/Finding.h"
#include "drift/Preflight.h"

#include <QString>

#include <optional>

namespace migconsole {

/// The usual way out of a situation, in the words a DBA uses for it.
enum class RemedyKind
{
    Upgrade,     ///< let the migration tool run the pending revisions
    Stamp,       ///< record a revision as applied without running it (its changes are there)
    Fix,         ///< change the database (Preview fixes) or the script so the two agree
    Investigate, ///< the data does not say which side is right: look before acting
    Keep,        ///< the database is ahead of the scripts on purpose: keep it, record it
};

/// "upgrade", "stamp", "fix", "investigate", "keep".
QString remedyKindName(RemedyKind kind);

/// Plain-language guidance for one finding, pending step or history state: what most likely
/// happened and the usual remedy, mirroring the incident reports the console was built from
/// (shared/seeds). Plain text: the caller escapes it for its medium.
struct Guidance
{
    /// One line: "A migration recorded as applied did not add this column".
    QString headline;
    /// Two to four sentences: what most likely happened, naming the object, the revision and
    /// file:line when known.
    QString whatHappened;
    RemedyKind remedy = RemedyKind::Investigate;
    /// What to do in this console (Preview fixes, Mark applied…, alembic upgrade …) and what
    /// to check first.
    QString remedyText;
    /// The incident pattern it matches ("Like a deploy that fails with 'column games.x does
    /// not exist'"); empty when none fits.
    QString incident;
};

/// Guidance for a finding of `report` (which supplies the history, the pending steps and the
/// schemas the finding was computed from).
Guidance explainFinding(const Finding &finding, const DriftReport &report);

/// Guidance for a pending step of `report`: why it fails (or is already in place) and what
/// to do — stamp a revision already applied by hand, complete a half-applied one, fix the
/// script or the schema a step needs, align a foreign key's types.
Guidance explainStep(const PreflightStep &step, const DriftReport &report);

/// Guidance about the version table as a whole: a recorded revision no script defines,
/// several heads, pending revisions. nullopt when the history needs nothing (or the report
/// was not made against migrations).
std::optional<Guidance> explainHistory(const DriftReport &report);

} // namespace migconsole
