// The check report's shared facts (CheckReportFacts.h) and its JSON form. The HTML and
// Markdown writers live in CheckReportHtml.cpp and CheckReportMarkdown.cpp.

#include "report/CheckReport.h"

#include "report/CheckReportFacts.h"
#include "report/DriftReportFormat.h"
#include "report/HistoryReport.h"
#include "util/JsonWriter.h"

#include <QJsonDocument>

namespace migconsole {

namespace checkreport {

Counts countsOf(const DriftReport &report)
{
    Counts counts;
    for (const Finding &f : report.drift) {
        switch (f.severity) {
        case Severity::Error:
            ++counts.errors;
            break;
        case Severity::Warning:
            ++counts.warnings;
            break;
        case Severity::Info:
            ++counts.info;
            break;
        }
    }
    counts.failingSteps = report.failingSteps().size();
    counts.unknownRevisions = report.history.unknown.size();
    return counts;
}

QString title(const DriftReport &report)
{
    return QStringLiteral("Migration check — ") + report.database;
}

QString verdict(const DriftReport &report)
{
    return report.clean() ? QStringLiteral("Clean: the database matches")
                          : QStringLiteral("Drift or predicted failures found");
}

QString verdictWord(const DriftReport &report)
{
    return report.clean() ? QStringLiteral("CLEAN") : QStringLiteral("NOT CLEAN");
}

QString expectedSourceLabel(ExpectedSource source)
{
    switch (source) {
    case ExpectedSource::Migrations:
        return QStringLiteral("migration scripts");
    case ExpectedSource::Reference:
        return QStringLiteral("reference database");
    case ExpectedSource::Snapshot:
        return QStringLiteral("snapshot file");
    }
    return {};
}

QString targetText(const DriftReport &report)
{
    return report.targetRevisions.isEmpty() ? QStringLiteral("<base>")
                                            : report.targetRevisions.join(QStringLiteral(", "));
}

QString listOrNone(const QStringList &list)
{
    return list.isEmpty() ? QStringLiteral("none") : list.join(QStringLiteral(", "));
}

QString connectionModeText(const CheckReportInput &input)
{
    QString text = input.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write");
    if (input.production)
        text += QStringLiteral(", PRODUCTION");
    return text;
}

QHash<QString, QList<const PreflightStep *>> stepsByRevision(const QList<PreflightStep> &steps)
{
    QHash<QString, QList<const PreflightStep *>> byRevision;
    for (const PreflightStep &step : steps)
        byRevision[step.revision].append(&step);
    return byRevision;
}

QString stepResultLabel(const PreflightStep &step)
{
    switch (step.status) {
    case StepStatus::Done:
        return QStringLiteral("done");
    case StepStatus::WillApply:
        return QStringLiteral("will apply");
    case StepStatus::WillFail:
        return QStringLiteral("WILL FAIL");
    }
    return {};
}

QString stepDetail(const PreflightStep &step)
{
    if (step.conflict) {
        QString text = stepConflictName(*step.conflict) + QStringLiteral(" — ") + step.message;
        if (step.alreadyInPlace)
            text += QStringLiteral(" (") + kAlreadyInPlaceNote + u')';
        return text;
    }
    if (step.status == StepStatus::Done)
        return QStringLiteral("already done (guarded)");
    return {};
}

QString expectedCell(const Finding &finding)
{
    if (finding.expected.isEmpty() && isMismatchKind(finding.kind))
        return QStringLiteral("(none)");
    return finding.expected;
}

QString actualCell(const Finding &finding)
{
    if (finding.actual.isEmpty() && isMismatchKind(finding.kind))
        return QStringLiteral("(none)");
    return finding.actual;
}

QString originRevision(const Finding &finding)
{
    return finding.origin ? finding.origin->revision : QString();
}

QString originLocation(const Finding &finding)
{
    return finding.origin ? locationText(finding.origin->location) : QString();
}

QString findingLabel(const Finding &finding)
{
    return findingKindName(finding.kind) + u' ' + findingObjectPath(finding);
}

QString planHeadline(const std::optional<FixPlan> &plan)
{
    if (!plan)
        return QStringLiteral("No fix plan was computed for this check.");
    qsizetype destructive = 0;
    qsizetype outside = 0;
    for (const FixStatement &s : plan->statements) {
        destructive += s.destructive ? 1 : 0;
        outside += s.inTransaction ? 0 : 1;
    }
    const auto plural = [](qsizetype n, const char *one, const char *many) {
        return QString::number(n) + u' ' + QLatin1String(n == 1 ? one : many);
    };
    QString text = plan->statements.isEmpty()
                       ? QStringLiteral("Nothing to run")
                       : plural(plan->statements.size(), "statement", "statements") +
                             QStringLiteral(" for %1 (%2 destructive, %3 outside the transaction)")
                                 .arg(dialectName(plan->dialect))
                                 .arg(destructive)
                                 .arg(outside);
    return text + QStringLiteral("; ") + plural(plan->unfixed.size(), "finding", "findings") +
           QStringLiteral(" left unfixed.");
}

QString lockText(const FixStatement &statement)
{
    return statement.lockLevel.isEmpty() ? QStringLiteral("none") : statement.lockLevel;
}

QString transactionText(const FixStatement &statement)
{
    return statement.inTransaction ? QStringLiteral("inside the transaction")
                                   : QStringLiteral("OUTSIDE the transaction, after the commit");
}

} // namespace checkreport

QJsonObject checkReportToJson(const CheckReportInput &input)
{
    const DriftReport &report = input.report;
    QJsonObject json = driftReportToJson(report);

    // The history as `history --format json` writes it: one writer for that shape, read
    // back into an object (a report's history is small next to what `history` streams).
    QJsonValue history;
    if (report.source == ExpectedSource::Migrations) {
        JsonWriter writer;
        writer.beginObject();
        writeHistoryJson(writer, report.history, report.database, report.steps);
        writer.endObject().finish();
        history = QJsonDocument::fromJson(writer.take()).object();
    }
    json.insert(QStringLiteral("history"), history);
    json.insert(QStringLiteral("source_display"), report.sourceDisplay);

    json.insert(QStringLiteral("fix_plan"),
                input.plan ? QJsonValue(fixPlanToJson(*input.plan)) : QJsonValue());

    const checkreport::Counts counts = checkreport::countsOf(report);
    json.insert(QStringLiteral("summary"),
                QJsonObject{{QStringLiteral("clean"), report.clean()},
                            {QStringLiteral("errors"), counts.errors},
                            {QStringLiteral("warnings"), counts.warnings},
                            {QStringLiteral("info"), counts.info},
                            {QStringLiteral("failing_steps"), counts.failingSteps},
                            {QStringLiteral("unknown"), counts.unknownRevisions}});
    json.insert(QStringLiteral("generated_at"), input.generatedAt);
    json.insert(QStringLiteral("profile"),
                input.profileName.isEmpty() ? QJsonValue() : QJsonValue(input.profileName));
    json.insert(QStringLiteral("read_only"), input.readOnly);
    json.insert(QStringLiteral("production"), input.production);
    json.insert(QStringLiteral("tool_version"), input.toolVersion);
    return json;
}

} // namespace migconsole
