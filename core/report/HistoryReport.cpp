#include "report/HistoryReport.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QTextStream>

namespace migconsole {

namespace {

QString toolName(const MigrationHistory &history)
{
    if (!history.tool.isEmpty())
        return history.tool;
    // A migrations folder is an Alembic project even when the database is not (yet).
    return history.projectRoot.isEmpty() ? QString() : QStringLiteral("alembic");
}

/// Status marks, shape first (not colour): the same glyphs the console uses.
QString statusMark(RevisionStatus status)
{
    switch (status) {
    case RevisionStatus::Applied:
        return QStringLiteral("●");
    case RevisionStatus::Current:
        return QStringLiteral("◉");
    case RevisionStatus::Pending:
        return QStringLiteral("○");
    case RevisionStatus::Unknown:
        return QStringLiteral("?");
    }
    return {};
}

/// Shape first again: ✓ nothing to do, → will run, ✗ will fail.
QString stepMark(StepStatus status)
{
    switch (status) {
    case StepStatus::Done:
        return QStringLiteral("✓");
    case StepStatus::WillApply:
        return QStringLiteral("→");
    case StepStatus::WillFail:
        return QStringLiteral("✗");
    }
    return {};
}

/// The preflight steps of each revision, in their order: looked up once per revision, not
/// by a scan of every step per revision (5,000 revisions × their steps was quadratic).
QHash<QString, QList<const PreflightStep *>> stepsByRevision(const QList<PreflightStep> &steps)
{
    QHash<QString, QList<const PreflightStep *>> byRevision;
    for (const PreflightStep &step : steps)
        byRevision[step.revision].append(&step);
    return byRevision;
}

QString listOrDash(const QStringList &list)
{
    return list.isEmpty() ? QStringLiteral("-") : list.join(QStringLiteral(", "));
}

} // namespace

QString problemLine(const HistoryProblem &problem)
{
    QString where = problem.location.file;
    if (!where.isEmpty() && problem.location.line > 0)
        where += QLatin1Char(':') + QString::number(problem.location.line);
    return where.isEmpty() ? problem.message : where + QStringLiteral(": ") + problem.message;
}

void writeHistoryJson(JsonWriter &w, const MigrationHistory &history,
                      const QString &databaseDisplayUrl, const QList<PreflightStep> &steps)
{
    using L1 = QLatin1String;
    // Keys in ascending order, as QJsonObject would sort them (CLI.md's shape is unchanged).
    if (!history.toolMigrations.isEmpty()) {
        w.key(L1("applied")).beginArray();
        for (const ToolMigration &m : history.toolMigrations) {
            w.beginObject();
            w.key(L1("applied_at")).value(m.appliedAt);
            w.key(L1("description")).value(m.description);
            w.key(L1("failed")).value(m.failed);
            w.key(L1("version")).value(m.version);
            w.endObject();
        }
        w.endArray();
    }
    w.key(L1("current")).stringArray(history.current);
    w.key(L1("database"));
    databaseDisplayUrl.isEmpty() ? w.null() : w.value(databaseDisplayUrl);
    w.key(L1("heads")).stringArray(history.heads);
    w.key(L1("pending")).stringArray(history.pending);

    const auto stepsOf = stepsByRevision(steps);
    w.key(L1("revisions")).beginArray();
    for (const HistoryEntry &entry : history.entries) {
        const Revision &r = entry.revision;
        w.beginObject();
        w.key(L1("branch_labels")).stringArray(r.branchLabels);
        w.key(L1("created")).value(r.createDate);
        w.key(L1("depends_on")).stringArray(r.dependsOn);
        w.key(L1("down_revisions")).stringArray(r.downRevisions);
        w.key(L1("file")).value(r.location.file);
        w.key(L1("id")).value(r.id);
        w.key(L1("message")).value(r.message);
        w.key(L1("status")).value(revisionStatusName(entry.status));
        if (entry.status == RevisionStatus::Pending && history.hasDatabase) {
            w.key(L1("steps")).beginArray();
            for (const PreflightStep *step : stepsOf.value(r.id))
                w.value(QJsonValue(preflightStepToJson(*step, true)));
            w.endArray();
        }
        w.endObject();
    }
    w.endArray();

    const QString tool = toolName(history);
    w.key(L1("tool"));
    tool.isEmpty() ? w.null() : w.value(tool);
    w.key(L1("unknown")).stringArray(history.unknown);
    if (history.hasDatabase) {
        w.key(L1("version_table"));
        history.hasVersionTable ? w.value(history.versionTable) : w.null();
    }
    w.key(L1("warnings")).beginArray();
    for (const HistoryProblem &p : history.problems) {
        w.beginObject();
        w.optional(L1("file"), p.location.file);
        w.key(L1("kind")).value(problemKindName(p.kind));
        if (p.location.line > 0)
            w.key(L1("line")).value(p.location.line);
        w.key(L1("message")).value(p.message);
        w.endObject();
    }
    w.endArray();
}

QString historyToText(const MigrationHistory &history, const QString &databaseDisplayUrl,
                      const QList<PreflightStep> &steps)
{
    const auto stepsOf = stepsByRevision(steps);
    QString out;
    QTextStream s(&out);
    if (history.hasDatabase) {
        s << "database  " << databaseDisplayUrl;
        if (history.hasVersionTable)
            s << "  (alembic, version table " << history.versionTable << ")\n";
        else if (!history.tool.isEmpty())
            s << "  (" << history.tool << ": its history table is shown below; not under Alembic)\n";
        else
            s << "  (not under Alembic: no " << history.versionTable << " table)\n";
    } else {
        s << "scripts only (no --db): every revision is listed as pending\n";
    }
    if (!history.projectRoot.isEmpty()) {
        s << "project   " << QDir::toNativeSeparators(history.projectRoot) << "\n";
        s << "current   " << listOrDash(history.current) << "\n";
        s << "heads     " << listOrDash(history.heads) << "\n";
        s << "pending   " << history.pending.size()
          << (history.pending.isEmpty() ? QString() : QStringLiteral(": ") + listOrDash(history.pending))
          << "\n";
        s << "unknown   " << listOrDash(history.unknown) << "\n";
    } else if (history.hasVersionTable) {
        s << "current   " << listOrDash(history.current) << "\n";
    }

    qsizetype idWidth = 4;
    for (const HistoryEntry &e : history.entries)
        idWidth = std::max(idWidth, e.revision.id.size());
    if (!history.entries.isEmpty())
        s << "\n";
    for (const HistoryEntry &e : history.entries) {
        const Revision &r = e.revision;
        s << "  " << statusMark(e.status) << " " << r.id.leftJustified(idWidth) << "  "
          << revisionStatusName(e.status).leftJustified(8) << " ";
        if (e.status == RevisionStatus::Unknown) {
            s << "recorded in the database, defined by no script\n";
            continue;
        }
        s << (r.downRevisions.isEmpty() ? QStringLiteral("<base>") : r.downRevisions.join(QStringLiteral(", ")))
          << " -> " << r.id;
        if (!r.branchLabels.isEmpty())
            s << " (" << r.branchLabels.join(QStringLiteral(", ")) << ")";
        s << "  " << r.message << "  [" << r.location.file << "]\n";
        for (const PreflightStep *stepPointer : stepsOf.value(r.id)) {
            const PreflightStep &step = *stepPointer;
            const QString object = step.objectName.isEmpty() || step.object == FindingObject::Table
                                       ? step.table
                                       : step.table + QLatin1Char('.') + step.objectName;
            s << "      " << stepMark(step.status) << " line " << step.location.line << "  " << step.op
              << " " << object;
            if (step.conflict)
                s << "  WILL FAIL: " << stepConflictName(*step.conflict) << " — " << step.message;
            else if (step.status == StepStatus::Done)
                s << "  already done (guarded)";
            s << "\n";
        }
    }
    if (!history.toolMigrations.isEmpty()) {
        s << "\n" << history.tool << " history (read-only):\n";
        for (const ToolMigration &m : history.toolMigrations)
            s << "  " << (m.failed ? "✗ " : "✓ ") << m.version << "  " << m.description << "  "
              << m.appliedAt << (m.failed ? "  FAILED" : "") << "\n";
    }
    if (!history.problems.isEmpty()) {
        s << "\nwarnings\n";
        for (const HistoryProblem &p : history.problems)
            s << "  " << problemLine(p) << "\n";
    }
    return out;
}

} // namespace migconsole
