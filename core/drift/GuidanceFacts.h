#pragma once

// Internal to the guidance (Guidance.cpp, GuidancePending.cpp, GuidanceFacts.cpp): what one
// drift report knows and the phrases the explanations share. Not a public API.

#include "drift/Guidance.h"

#include <QSet>
#include <QStringList>

#include <optional>

namespace migconsole::guidance {

/// "table", "column", "index", … as a DBA says it.
QString noun(FindingKind kind);
/// The verb a migration uses for the object: "adds" a column, "creates" the rest.
QString createVerb(FindingKind kind);
/// "a", "a and b", "a, b and c".
QString listed(const QStringList &items);
/// "1 pending revision", "2 pending revisions".
QString counted(qsizetype n, const QString &one, const QString &many);
/// Sentences start with a capital even when they open with a word of ours ("column games.x").
Guidance capitalised(Guidance g);
QString quoted(const QString &text);
/// Marking a revision as applied, in the console's words.
QString markApplied(const QString &revision);

/// What one drift report knows, with the phrases every explanation shares.
class Facts
{
public:
    explicit Facts(const DriftReport &r) : report(r) {}

    const DriftReport &report;

    bool migrations() const { return report.source == ExpectedSource::Migrations; }

    /// "games" in the default namespace, "sales.games" elsewhere.
    QString table(const QString &schema, const QString &table) const;

    /// "column games.external_game_key", "index ix_games_key on games", "table games".
    QString object(const Finding &f) const;

    static QString at(const SourceLocation &location);

    std::optional<RevisionStatus> status(const QString &id) const;

    /// "8b2c6d5e3f06" or "a1, b2": what the version table holds; "no revision" when empty.
    QString recorded() const;

    /// " up to 8b2c6d5e3f06": the revisions the expected schema was replayed to; empty when
    /// there were none.
    QString upTo() const;

    QString versionTable() const;

    /// "the reference database postgresql://…" / "the snapshot schema.json".
    QString source() const;

    /// "the reference database", "the snapshot", "the migrations".
    QString sourceKind() const;

    /// Whether the check compared against the revisions the database records (the default),
    /// not a chosen target: only then does the fix plan complete and stamp revisions.
    bool atCurrent() const;

    /// Steps of one pending revision, in order.
    QList<const PreflightStep *> stepsOf(const QString &revision) const;

    /// The same rule as the fix planner's completion (FixCheck.cpp): a step counts as done
    /// when it is skipped (guarded) or fails only because what it makes is already there.
    static bool stepIsDone(const PreflightStep &step);
    static bool stepBlocks(const PreflightStep &step);

    struct Progress
    {
        int steps = 0;
        int done = 0;
        int willApply = 0;
        QList<const PreflightStep *> blocking;
        bool anyDone() const { return done > 0; }
        bool whollyInPlace() const { return steps > 0 && done == steps; }
    };

    Progress progress(const QString &revision) const;

    /// Whether `fix` (at the database's own revision) completes and stamps `revision`: the
    /// fix planner's rule — some step done, none failing, every pending parent completed too,
    /// and no unknown revision in the version table.
    bool fixCompletes(const QString &revision) const;

    /// Other findings that come from the same revision as `f` (a revision that never ran
    /// leaves all its objects missing).
    QStringList siblings(const Finding &f) const;

    /// The pending step that creates the object of an extra finding, if any.
    const PreflightStep *creatingStep(const Finding &f) const;

    /// The finding about the object a failing step needs, when the check found it missing.
    const Finding *missingFindingFor(const PreflightStep &step) const;

private:
    bool completable(const QString &revision, QSet<QString> &seen) const;
};

/// The database's error for an *_exists step, as PostgreSQL words it ("DuplicateColumn: …").
QString duplicateError(const PreflightStep &step);
/// The incident line of an *_exists step.
QString existsIncident(const PreflightStep &step);
/// The remedy for a step whose object is already in place: stamp the revision when all of
/// it is there, let the fix complete it when only part is, fix what blocks it otherwise.
void remedyForInPlace(const PreflightStep &step, const Facts &facts, Guidance &g);

/// Extra objects: made ahead of a pending migration, or outside the migrations.
Guidance explainExtra(const Finding &f, const Facts &facts);

} // namespace migconsole::guidance
