// Guidance where pending revisions decide: an extra object (made ahead of the migration
// that creates it, or outside the migrations), a pending step, the version table as a whole.

#include "drift/Guidance.h"
#include "drift/GuidanceFacts.h"
#include "replay/ApplyOperation.h"

#include <algorithm>

namespace migconsole {

namespace guidance {

Guidance explainExtra(const Finding &f, const Facts &facts)
{
    Guidance g;
    const QString what = facts.object(f);
    const QString shown =
        f.actual.isEmpty() ? QString() : QStringLiteral(" (") + f.actual + QLatin1Char(')');

    if (!facts.migrations()) {
        g.headline = QStringLiteral("This database has a %1 that %2 lacks")
                         .arg(noun(f.kind), facts.sourceKind());
        g.whatHappened =
            QStringLiteral(
                "%1%2 exists here but not in %3: it was added here by hand or by a change "
                "that has not reached the other side, or it was dropped there.")
                .arg(what, shown, facts.source());
        g.remedy = RemedyKind::Investigate;
        g.remedyText = QStringLiteral(
            "Find out which side is right before changing either. To remove it here: tick "
            "Include drops in the Fix SQL tab and Preview fixes (DROP … IF EXISTS).");
        return g;
    }

    if (const PreflightStep *step = facts.creatingStep(f)) {
        const QString rev = step->revision;
        if (step->status == StepStatus::Done) {
            const Facts::Progress p = facts.progress(step->revision);
            g.headline =
                QStringLiteral("Made ahead of its migration, which skips it when it exists");
            g.whatHappened =
                QStringLiteral("%1%2 is not in the migrations%3, but pending revision %4 %5 it "
                               "with a guard%6: the upgrade will skip this step.")
                    .arg(what, shown, facts.upTo(), rev, createVerb(f.kind),
                         Facts::at(step->location));
            if (p.blocking.isEmpty()) {
                g.remedy = RemedyKind::Upgrade;
                g.remedyText =
                    QStringLiteral(
                        "Run alembic upgrade %1: the preflight predicts none of its steps "
                        "fails.")
                        .arg(step->revision);
            } else {
                g.remedy = RemedyKind::Fix;
                g.remedyText =
                    QStringLiteral(
                        "Upgrading would still fail on another step: %1%2. Fix that first.")
                        .arg(p.blocking.first()->message, Facts::at(p.blocking.first()->location));
            }
            return g;
        }
        if (step->status == StepStatus::WillFail && step->conflict &&
            isExistsConflict(*step->conflict)) {
            if (step->alreadyInPlace) {
                g.headline =
                    QStringLiteral("Made ahead of its migration: pending revision %1 %2 this %3")
                        .arg(step->revision, createVerb(f.kind), noun(f.kind));
                g.whatHappened =
                    QStringLiteral(
                        "%1%2 is not in the migrations%3, but pending revision %4 %5 "
                        "it%6, exactly as it exists. Someone applied that migration (or this "
                        "part of it) by hand, or a run died before Alembic recorded it. "
                        "'alembic upgrade' will now fail on this step with %7.")
                        .arg(what, shown, facts.upTo(), rev, createVerb(f.kind),
                             Facts::at(step->location), duplicateError(*step));
                remedyForInPlace(*step, facts, g);
            } else {
                g.headline = QStringLiteral("Pending revision %1 %2 this %3 differently")
                                 .arg(step->revision, createVerb(f.kind), noun(f.kind));
                g.whatHappened =
                    QStringLiteral(
                        "%1%2 already exists, but not as pending revision %3 %4 it%5. The "
                        "upgrade will fail with %6, and stamping would record a schema that "
                        "is not there.")
                        .arg(what, shown, rev, createVerb(f.kind), Facts::at(step->location),
                             duplicateError(*step));
                g.remedy = RemedyKind::Fix;
                g.remedyText =
                    QStringLiteral(
                        "Decide which definition is right: alter the database's %1 to what %2 "
                        "creates and then %3, or change the script to match the database "
                        "(and make the step conditional).")
                        .arg(noun(f.kind), step->revision, markApplied(step->revision));
            }
            g.incident = existsIncident(*step);
            return g;
        }
    }

    if (!facts.report.history.unknown.isEmpty()) {
        g.headline =
            QStringLiteral("No script creates this %1; it may come from an unknown revision")
                .arg(noun(f.kind));
        g.whatHappened =
            QStringLiteral(
                "%1%2 is in the database but in no migration of this folder. %3 records %4, "
                "which no script here defines: the %5 may come from that revision (a branch "
                "or a migration deleted since), or it was made by hand.")
                .arg(what, shown, facts.versionTable(),
                     facts.report.history.unknown.join(QStringLiteral(", ")), noun(f.kind));
        g.remedy = RemedyKind::Investigate;
        g.remedyText = QStringLiteral(
            "Find the code that migrated this database (the branch or the deleted "
            "revision) before dropping anything; the version table's guidance says how to "
            "point it at the right revision.");
        return g;
    }

    g.headline = QStringLiteral("Made outside the migrations: no revision creates this %1")
                     .arg(noun(f.kind));
    QString happened =
        QStringLiteral(
            "%1%2 is in the database, but no migration%3 creates it and no pending one "
            "does: it was made by hand, by another tool, or by a migration since removed "
            "from the folder.")
            .arg(what, shown, facts.upTo());
    if (f.kind == FindingKind::ExtraIndex)
        happened += QStringLiteral(
            " 'alembic revision --autogenerate' run against a database like this writes a "
            "drop_index for it — and that migration then fails on every database that never "
            "had the index.");
    g.whatHappened = happened;
    g.remedy = RemedyKind::Keep;
    const QString keep =
        f.kind == FindingKind::ExtraTable
            ? QStringLiteral("Keep it if something reads or writes it (check its rows and the "
                             "application first)")
            : QStringLiteral("Keep it if something uses it");
    g.remedyText =
        keep + QStringLiteral(
                   ", and record it in a migration (created only when missing) so the scripts and "
                   "other databases agree. Otherwise drop it once nothing uses it: tick Include "
                   "drops in the Fix SQL tab, then Preview fixes, dry-run, apply.");
    if (f.kind == FindingKind::ExtraIndex)
        g.incident =
            QStringLiteral(
                "Like an autogenerated migration that fails with 'index %1 does not exist' on a "
                "database that never had the index.")
                .arg(quoted(f.object));
    return g;
}

} // namespace guidance

namespace {

using namespace guidance;

Guidance explainPendingStep(const PreflightStep &step, const Facts &facts)
{
    const DriftReport &report = facts.report;
    Guidance g;
    const QString rev = step.revision;
    QString object = facts.table(step.schema, step.table);
    if (!step.objectName.isEmpty() && step.object != FindingObject::Table)
        object += QLatin1Char('.') + step.objectName;
    const QString where = Facts::at(step.location);

    if (step.status == StepStatus::Done || step.status == StepStatus::WillApply) {
        const Facts::Progress p = facts.progress(step.revision);
        g.headline =
            step.status == StepStatus::Done
                ? QStringLiteral("Already in place; the step is guarded and will be skipped")
                : QStringLiteral("This step will run when the revision is upgraded");
        g.whatHappened =
            QStringLiteral("Pending revision %1 runs %2 on %3%4: %5.")
                .arg(
                    rev, step.op, object, where,
                    step.status == StepStatus::Done
                        ? QStringLiteral("its object already exists and the step only runs when it "
                                         "does not")
                        : QStringLiteral(
                              "the preflight predicts it succeeds on the database as it is"));
        if (!p.blocking.isEmpty()) {
            g.remedy = RemedyKind::Fix;
            g.remedyText =
                QStringLiteral(
                    "Another step of %1 would fail: %2%3. Fix that first, then run alembic "
                    "upgrade %1.")
                    .arg(step.revision, p.blocking.first()->message,
                         Facts::at(p.blocking.first()->location));
            return g;
        }
        // Another step of the revision is in place unguarded: upgrading fails there, so the
        // revision's remedy (stamp it, or complete it) is this step's too.
        for (const PreflightStep &other : report.steps) {
            if (other.revision == step.revision && other.status == StepStatus::WillFail &&
                other.alreadyInPlace) {
                remedyForInPlace(other, facts, g);
                g.remedyText =
                    QStringLiteral(
                        "This step is fine, but the upgrade would still fail: %1 %2 of the "
                        "same revision is already in the database. ")
                        .arg(other.op,
                             facts.table(other.schema, other.table) +
                                 (other.objectName.isEmpty() || other.object == FindingObject::Table
                                      ? QString()
                                      : QLatin1Char('.') + other.objectName)) +
                    g.remedyText;
                return g;
            }
        }
        g.remedy = RemedyKind::Upgrade;
        g.remedyText =
            QStringLiteral(
                "Run alembic upgrade %1 with the application's migration setup (the console "
                "does not run migrations).")
                .arg(step.revision);
        return g;
    }

    const StepConflict conflict = step.conflict.value_or(StepConflict::MissingTable);
    if (isExistsConflict(conflict)) {
        if (step.alreadyInPlace) {
            g.headline = QStringLiteral(
                "Applied by hand before its migration: this step will fail with 'already "
                "exists'");
            g.whatHappened =
                QStringLiteral(
                    "Pending revision %1 runs %2 on %3%4, but the database already has it, "
                    "exactly as the step would make it. Someone ran this change by hand, or "
                    "an earlier run died before Alembic recorded the revision. 'alembic "
                    "upgrade' stops here with %5.")
                    .arg(rev, step.op, object, where, duplicateError(step));
            remedyForInPlace(step, facts, g);
        } else {
            g.headline = QStringLiteral("The step's object already exists with another definition");
            g.whatHappened =
                QStringLiteral(
                    "Pending revision %1 runs %2 on %3%4, but the database already has a "
                    "different one (%5). The upgrade stops here with %6, and stamping would "
                    "record a schema that is not there.")
                    .arg(rev, step.op, object, where, step.message, duplicateError(step));
            g.remedy = RemedyKind::Fix;
            g.remedyText =
                QStringLiteral(
                    "Decide which definition is right: alter the database's object to what the "
                    "step creates and %1, or change the script to match the database and make "
                    "the step conditional.")
                    .arg(markApplied(step.revision));
        }
        g.incident = existsIncident(step);
        return g;
    }

    const Finding *missing = facts.missingFindingFor(step);
    const QString missingNote = missing && missing->origin
                                    ? QStringLiteral(" The check also finds it missing though "
                                                     "revision %1 %2 it%3: fix that finding first "
                                                     "(Preview fixes), then upgrade.")
                                          .arg(missing->origin->revision, createVerb(missing->kind),
                                               Facts::at(missing->origin->location))
                                    : QString();
    switch (conflict) {
    case StepConflict::MissingIndex:
        g.headline = QStringLiteral("The step drops an index that is not there");
        g.whatHappened =
            QStringLiteral("Pending revision %1 runs %2 on %3%4, but the database has no index %5: "
                           "the migration was autogenerated against a database that had it (a "
                           "developer's), and this one never did. 'alembic upgrade' stops here.")
                .arg(rev, step.op, facts.table(step.schema, step.table), where,
                     quoted(step.objectName));
        g.remedy = RemedyKind::Fix;
        g.remedyText =
            QStringLiteral(
                "Fix the script: drop the index only if it exists (drop_index(…, "
                "if_exists=True)), or remove the step if autogenerate added it by mistake. "
                "Create the index instead only if the application needs it.") +
            missingNote;
        g.incident =
            QStringLiteral(
                "Like an autogenerated migration that fails with 'index %1 does not exist'.")
                .arg(quoted(step.objectName));
        return g;
    case StepConflict::MissingTable:
    case StepConflict::MissingColumn:
    case StepConflict::MissingConstraint: {
        const QString needed = conflict == StepConflict::MissingTable ? QStringLiteral("table")
                               : conflict == StepConflict::MissingColumn
                                   ? QStringLiteral("column")
                                   : QStringLiteral("constraint");
        g.headline = QStringLiteral("The step needs a %1 that is not there").arg(needed);
        g.whatHappened =
            QStringLiteral("Pending revision %1 runs %2 on %3%4, but %5. An earlier migration that "
                           "creates it did not run here, or it was dropped or renamed by hand; "
                           "'alembic upgrade' stops at this step.")
                .arg(rev, step.op, object, where, step.message);
        g.remedy = RemedyKind::Fix;
        g.remedyText =
            missing ? QStringLiteral("Create what is missing first.") + missingNote
                    : QStringLiteral(
                          "Fix the script: guard the step (run it only when the %1 exists), or "
                          "remove it if the %1 is gone for good. Create the %1 instead only if "
                          "the application needs it.")
                          .arg(needed);
        if (conflict == StepConflict::MissingTable)
            g.incident =
                QStringLiteral("Like a deploy that fails with 'relation %1 does not exist' when a "
                               "migration alters a table that was never created.")
                    .arg(quoted(step.table));
        return g;
    }
    case StepConflict::TypeIncompatibleFk:
        g.headline = QStringLiteral("The foreign key joins columns of incompatible types");
        g.whatHappened =
            QStringLiteral(
                "Pending revision %1 runs %2 on %3%4, but %5. The database refuses to "
                "build it: the migrations mix id types (uuid in one place, varchar(36) in "
                "another), or the column was converted by hand.")
                .arg(rev, step.op, object, where, step.message);
        g.remedy = RemedyKind::Fix;
        g.remedyText = QStringLiteral(
            "Align the types before upgrading: either change the script to declare the "
            "referencing column with the referenced column's type, or convert the "
            "database's column (ALTER COLUMN … TYPE … USING …, dropping and recreating "
            "the foreign keys that use it). Hazard: the conversion rewrites the table "
            "under an exclusive lock and fails on values that do not convert — dry-run "
            "it first.");
        g.incident = QStringLiteral(
            "Like a deploy that fails with 'foreign key constraint … cannot be implemented: "
            "Key columns … are of incompatible types: character varying and uuid'.");
        return g;
    case StepConflict::NotNullWithoutDefault:
        g.headline = QStringLiteral(
            "The step adds a NOT NULL column without a default to a table with rows");
        g.whatHappened =
            QStringLiteral(
                "Pending revision %1 runs %2 on %3%4, but %5: the database has nothing to "
                "fill the existing rows with and refuses.")
                .arg(rev, step.op, object, where, step.message);
        g.remedy = RemedyKind::Fix;
        g.remedyText = QStringLiteral(
            "Fix the script: give the column a server_default, or add it nullable, fill "
            "it, then set NOT NULL in a later step.");
        return g;
    default:
        break;
    }
    g.headline = QStringLiteral("This step will fail");
    g.whatHappened = QStringLiteral("Pending revision %1 runs %2 on %3%4, but %5.")
                         .arg(rev, step.op, object, where, step.message);
    g.remedy = RemedyKind::Investigate;
    g.remedyText = QStringLiteral(
        "Open the script at the step and compare it with the database before upgrading.");
    return g;
}

std::optional<Guidance> explainVersionTable(const Facts &facts)
{
    const DriftReport &report = facts.report;
    const MigrationHistory &h = report.history;
    Guidance g;
    if (!h.unknown.isEmpty()) {
        const QString unknown = h.unknown.join(QStringLiteral(", "));
        g.headline = QStringLiteral("The version table points at a revision no script defines");
        g.whatHappened =
            QStringLiteral(
                "The version table%1 records %2, but no script in this migrations folder "
                "declares it. The "
                "database was migrated by code this folder does not have (another branch, "
                "a revision deleted or renamed since), or someone set the version by hand. "
                "Alembic refuses to upgrade from a revision it cannot find.")
                .arg(h.versionTable.isEmpty() ? QString() : QLatin1Char(' ') + h.versionTable,
                     unknown);
        g.remedy = RemedyKind::Stamp;
        g.remedyText =
            QStringLiteral(
                "Check first that this is the folder that was deployed. Then find the revision "
                "the schema really matches (pick revisions under Compare against until the "
                "drift is gone) and stamp it in place of %1: migconsole stamp --purge <revision> "
                "(or alembic stamp --purge <revision>) — Mark applied… cannot replace a row no "
                "script defines.")
                .arg(unknown);
        g.incident = QStringLiteral(
            "Like the fix 'UPDATE alembic_version SET version_num = …' after a deleted "
            "migration left the table pointing at it.");
        return g;
    }
    if (h.hasDatabase && !h.hasVersionTable && h.tool.isEmpty()) {
        g.headline = QStringLiteral("The database has no version table");
        g.whatHappened =
            QStringLiteral(
                "No %1 exists: the database was built without Alembic (create_all, a "
                "restored dump, another tool), so Alembic would run every migration from "
                "the start and fail on the tables that exist.")
                .arg(facts.versionTable());
        g.remedy = RemedyKind::Stamp;
        g.remedyText = QStringLiteral(
            "Compare against head (Compare against); when the drift is gone, stamp head "
            "(migconsole stamp heads, or alembic stamp head) so that Alembic starts from "
            "there.");
        return g;
    }
    if (h.heads.size() > 1) {
        g.headline = QStringLiteral("The scripts have several heads");
        g.whatHappened =
            QStringLiteral(
                "Heads %1 do not share a merge revision: two branches of migrations were "
                "written in parallel. 'alembic upgrade head' refuses to choose between "
                "them.")
                .arg(h.heads.join(QStringLiteral(", ")));
        g.remedy = RemedyKind::Fix;
        g.remedyText =
            QStringLiteral(
                "Merge them: alembic merge -m \"merge heads\" %1 writes a merge revision; "
                "commit it, then upgrade. (alembic upgrade heads runs both without merging.)")
                .arg(h.heads.join(QLatin1Char(' ')));
        return g;
    }
    if (h.pending.isEmpty())
        return std::nullopt;

    // Pending revisions oldest first, as the steps are listed.
    QStringList order;
    for (const PreflightStep &step : report.steps) {
        if (!order.contains(step.revision))
            order.append(step.revision);
    }
    for (const QString &id : h.pending) {
        if (!order.contains(id))
            order.prepend(id); // no steps (a merge, raw SQL only): comes before what we know
    }
    const QString head = h.heads.value(0, h.pending.first());
    QStringList inPlace;
    QStringList blocked;
    for (const QString &id : std::as_const(order)) {
        const Facts::Progress p = facts.progress(id);
        if (!p.blocking.isEmpty())
            blocked.append(id);
        else if (p.anyDone())
            inPlace.append(id);
    }
    const QString behind =
        QStringLiteral("The database records %1; %2 (%3) %4 to the head %5.")
            .arg(facts.recorded(),
                 counted(h.pending.size(), QStringLiteral("pending revision"),
                         QStringLiteral("pending revisions")),
                 listed(order),
                 h.pending.size() == 1 ? QStringLiteral("leads") : QStringLiteral("lead"), head);
    if (!blocked.isEmpty()) {
        const PreflightStep *first = nullptr;
        for (const PreflightStep &step : report.steps) {
            if (step.revision == blocked.first() && Facts::stepBlocks(step)) {
                first = &step;
                break;
            }
        }
        g.headline = QStringLiteral("Upgrading would fail: a pending step cannot run");
        g.whatHappened =
            behind + QStringLiteral(" The preflight predicts that %1 fails%2: %3.")
                         .arg(blocked.first(), first ? Facts::at(first->location) : QString(),
                              first ? first->message : QString());
        g.remedy = RemedyKind::Fix;
        g.remedyText = QStringLiteral(
            "Fix the failing step first (select it in the History or the Findings tab for "
            "its guidance), then upgrade.");
        return g;
    }
    if (!inPlace.isEmpty()) {
        const QString id = inPlace.first();
        const Facts::Progress p = facts.progress(id);
        g.headline =
            p.whollyInPlace()
                ? QStringLiteral("A pending revision is already in the database, unrecorded")
                : QStringLiteral("A pending revision is half-applied");
        g.whatHappened =
            behind +
            (p.whollyInPlace()
                 ? (p.steps == 1
                        ? QStringLiteral(" The only step of %1 is already in place").arg(id)
                        : QStringLiteral(" All %1 steps of %2 are already in place")
                              .arg(QString::number(p.steps), id))
                 : QStringLiteral(" %1 of the %2 steps of %3 %4 already in place")
                       .arg(QString::number(p.done), QString::number(p.steps), id,
                            p.done == 1 ? QStringLiteral("is") : QStringLiteral("are"))) +
            QStringLiteral(
                ", though Alembic has not recorded it: 'alembic upgrade' would fail with "
                "'already exists'.");
        for (const PreflightStep &step : report.steps) {
            if (step.revision == id && step.status == StepStatus::WillFail && step.alreadyInPlace) {
                remedyForInPlace(step, facts, g);
                g.incident = existsIncident(step);
                break;
            }
        }
        if (g.remedyText.isEmpty()) { // only guarded steps in place: the upgrade skips them
            g.remedy = RemedyKind::Upgrade;
            g.remedyText =
                QStringLiteral("Run alembic upgrade %1: its steps already in place are guarded.")
                    .arg(head);
        }
        return g;
    }
    g.headline = QStringLiteral("The database is behind the scripts");
    g.whatHappened = behind + QStringLiteral(" The preflight predicts every pending step applies.");
    if (!report.drift.isEmpty())
        g.whatHappened += QStringLiteral(" The findings are separate: look at them first.");
    g.remedy = RemedyKind::Upgrade;
    g.remedyText =
        QStringLiteral(
            "Run alembic upgrade %1 with the application's migration setup (the console does "
            "not run migrations), then check again.")
            .arg(h.heads.size() == 1 ? head : QStringLiteral("head"));
    g.incident =
        QStringLiteral("Like a deploy whose code went out before 'alembic upgrade head' ran.");
    return g;
}

} // namespace

Guidance explainStep(const PreflightStep &step, const DriftReport &report)
{
    return capitalised(explainPendingStep(step, Facts(report)));
}

std::optional<Guidance> explainHistory(const DriftReport &report)
{
    if (report.source != ExpectedSource::Migrations)
        return std::nullopt;
    std::optional<Guidance> g = explainVersionTable(Facts(report));
    if (g)
        *g = capitalised(*g);
    return g;
}

} // namespace migconsole
