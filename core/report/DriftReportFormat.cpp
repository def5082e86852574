#include "report/DriftReportFormat.h"

#include <QJsonArray>
#include <QTextStream>

namespace migconsole {

namespace {

QString sourceName(ExpectedSource source)
{
    switch (source) {
    case ExpectedSource::Migrations: return QStringLiteral("migrations");
    case ExpectedSource::Reference: return QStringLiteral("reference");
    case ExpectedSource::Snapshot: return QStringLiteral("snapshot");
    }
    return {};
}

QString severityLabel(Severity severity)
{
    return severityName(severity).toUpper().leftJustified(7);
}

} // namespace

QString stepObjectPath(const PreflightStep &step)
{
    QString path = step.schema.isEmpty() ? step.table : step.schema + u'.' + step.table;
    if (!step.objectName.isEmpty() && step.object != FindingObject::Table)
        path += u'.' + step.objectName;
    return path;
}

QString locationText(const SourceLocation &location)
{
    if (location.file.isEmpty())
        return {};
    return location.line > 0 ? location.file + u':' + QString::number(location.line) : location.file;
}

QString findingObjectPath(const Finding &finding)
{
    QString path = finding.schema + u'.' + finding.table;
    if (!finding.object.isEmpty())
        path += u'.' + finding.object;
    return path;
}

QJsonObject driftReportToJson(const DriftReport &report)
{
    const MigrationHistory &h = report.history;
    const bool migrations = report.source == ExpectedSource::Migrations;
    QJsonArray drift;
    for (const Finding &f : report.drift)
        drift.append(findingToJson(f));
    QJsonArray preflight;
    for (const PreflightStep &step : report.failingSteps())
        preflight.append(preflightStepToJson(step, false));
    QJsonArray warnings;
    for (const ReplayWarning &w : report.warnings) {
        QJsonObject o{{QStringLiteral("file"), w.location.file}, {QStringLiteral("message"), w.message}};
        if (w.location.line > 0)
            o.insert(QStringLiteral("line"), w.location.line);
        warnings.append(o);
    }
    const QString tool = migrations ? (h.tool.isEmpty() ? QStringLiteral("alembic") : h.tool) : QString();
    return QJsonObject{
        {QStringLiteral("database"), report.database},
        {QStringLiteral("tool"), tool.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tool)},
        {QStringLiteral("current"), QJsonArray::fromStringList(h.current)},
        {QStringLiteral("heads"), QJsonArray::fromStringList(h.heads)},
        {QStringLiteral("pending"), QJsonArray::fromStringList(h.pending)},
        {QStringLiteral("unknown"), QJsonArray::fromStringList(h.unknown)},
        {QStringLiteral("source"), sourceName(report.source)},
        {QStringLiteral("target"), QJsonArray::fromStringList(report.targetRevisions)},
        {QStringLiteral("drift"), drift},
        {QStringLiteral("preflight"), preflight},
        {QStringLiteral("warnings"), warnings},
    };
}

QString driftReportToText(const DriftReport &report)
{
    QString out;
    QTextStream s(&out);
    const MigrationHistory &h = report.history;
    s << "database  " << report.database << "\n";
    s << "expected  " << sourceName(report.source) << " " << report.sourceDisplay;
    if (report.source == ExpectedSource::Migrations)
        s << "  (replayed to " << (report.targetRevisions.isEmpty() ? QStringLiteral("<base>")
                                                                   : report.targetRevisions.join(QStringLiteral(", ")))
          << ")";
    s << "\n";
    if (report.source == ExpectedSource::Migrations) {
        const auto orDash = [](const QStringList &l) {
            return l.isEmpty() ? QStringLiteral("-") : l.join(QStringLiteral(", "));
        };
        s << "current   " << orDash(h.current) << "\nheads     " << orDash(h.heads)
          << "\npending   " << orDash(h.pending) << "\n";
        if (!h.unknown.isEmpty())
            s << "unknown   " << orDash(h.unknown) << "  (recorded in the database, defined by no script)\n";
    }

    int counts[3] = {0, 0, 0};
    for (const Finding &f : report.drift)
        ++counts[int(f.severity)];
    s << "\ndrift     " << report.drift.size() << (report.drift.size() == 1 ? " finding" : " findings");
    if (!report.drift.isEmpty())
        s << " (" << counts[0] << " errors, " << counts[1] << " warnings, " << counts[2] << " info)";
    s << "\n";
    for (const Finding &f : report.drift) {
        s << "  " << severityLabel(f.severity) << " " << findingKindName(f.kind).leftJustified(20) << " "
          << findingObjectPath(f);
        const bool extra = f.severity == Severity::Info && f.expected.isEmpty();
        if (extra && !f.actual.isEmpty())
            s << "  " << f.actual;
        else if (!f.actual.isEmpty() || f.kind == FindingKind::TypeMismatch ||
                 f.kind == FindingKind::NullabilityMismatch || f.kind == FindingKind::DefaultMismatch)
            s << "  expected " << (f.expected.isEmpty() ? QStringLiteral("(none)") : f.expected)
              << ", actual " << (f.actual.isEmpty() ? QStringLiteral("(none)") : f.actual);
        else if (!f.expected.isEmpty())
            s << "  " << f.expected;
        if (f.fixable)
            s << "  [fixable]";
        if (f.origin)
            s << "  <- " << f.origin->revision << " " << locationText(f.origin->location);
        s << "\n";
    }

    const QList<PreflightStep> failing = report.failingSteps();
    if (report.source == ExpectedSource::Migrations) {
        s << "\npreflight " << report.steps.size() << " pending steps, " << failing.size() << " would fail\n";
        for (const PreflightStep &step : failing) {
            s << "  FAIL    " << step.revision << " " << step.op << " " << stepObjectPath(step) << ": "
              << (step.conflict ? stepConflictName(*step.conflict) : QString()) << " — " << step.message;
            if (step.alreadyInPlace)
                s << " (already in place: applied by hand or half-applied)";
            s << "  " << locationText(step.location) << "\n";
        }
    }
    if (!report.warnings.isEmpty()) {
        s << "\nwarnings\n";
        for (const ReplayWarning &w : report.warnings) {
            const QString where = locationText(w.location);
            s << "  " << (where.isEmpty() ? QString() : where + QStringLiteral(": ")) << w.message << "\n";
        }
    }
    s << "\n" << (report.clean() ? "clean: the database matches" : "drift or predicted failures found") << "\n";
    return out;
}

} // namespace migconsole
