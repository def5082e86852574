#include "report/HistoryReport.h"

#include <QDir>
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

QJsonObject historyToJson(const MigrationHistory &history, const QString &databaseDisplayUrl,
                          const QList<PreflightStep> &steps)
{
    QJsonArray revisions;
    for (const HistoryEntry &entry : history.entries) {
        const Revision &r = entry.revision;
        QJsonObject o{{QStringLiteral("id"), r.id},
                      {QStringLiteral("down_revisions"), QJsonArray::fromStringList(r.downRevisions)},
                      {QStringLiteral("branch_labels"), QJsonArray::fromStringList(r.branchLabels)},
                      {QStringLiteral("depends_on"), QJsonArray::fromStringList(r.dependsOn)},
                      {QStringLiteral("message"), r.message},
                      {QStringLiteral("created"), r.createDate},
                      {QStringLiteral("file"), r.location.file},
                      {QStringLiteral("status"), revisionStatusName(entry.status)}};
        QJsonArray revisionSteps;
        for (const PreflightStep &step : steps) {
            if (step.revision == r.id)
                revisionSteps.append(preflightStepToJson(step, true));
        }
        if (entry.status == RevisionStatus::Pending && history.hasDatabase)
            o.insert(QStringLiteral("steps"), revisionSteps);
        revisions.append(o);
    }
    QJsonArray warnings;
    for (const HistoryProblem &p : history.problems) {
        QJsonObject w{{QStringLiteral("kind"), problemKindName(p.kind)},
                      {QStringLiteral("message"), p.message}};
        if (!p.location.file.isEmpty())
            w.insert(QStringLiteral("file"), p.location.file);
        if (p.location.line > 0)
            w.insert(QStringLiteral("line"), p.location.line);
        warnings.append(w);
    }
    const QString tool = toolName(history);
    QJsonObject json{
        {QStringLiteral("database"),
         databaseDisplayUrl.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(databaseDisplayUrl)},
        {QStringLiteral("tool"), tool.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tool)},
        {QStringLiteral("current"), QJsonArray::fromStringList(history.current)},
        {QStringLiteral("heads"), QJsonArray::fromStringList(history.heads)},
        {QStringLiteral("pending"), QJsonArray::fromStringList(history.pending)},
        {QStringLiteral("unknown"), QJsonArray::fromStringList(history.unknown)},
        {QStringLiteral("revisions"), revisions},
        {QStringLiteral("warnings"), warnings},
    };
    if (history.hasDatabase)
        json.insert(QStringLiteral("version_table"),
                    history.hasVersionTable ? QJsonValue(history.versionTable)
                                            : QJsonValue(QJsonValue::Null));
    if (!history.toolMigrations.isEmpty()) {
        QJsonArray applied;
        for (const ToolMigration &m : history.toolMigrations)
            applied.append(QJsonObject{{QStringLiteral("version"), m.version},
                                       {QStringLiteral("description"), m.description},
                                       {QStringLiteral("applied_at"), m.appliedAt},
                                       {QStringLiteral("failed"), m.failed}});
        json.insert(QStringLiteral("applied"), applied);
    }
    return json;
}

QString historyToText(const MigrationHistory &history, const QString &databaseDisplayUrl,
                      const QList<PreflightStep> &steps)
{
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
        for (const PreflightStep &step : steps) {
            if (step.revision != r.id)
                continue;
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
