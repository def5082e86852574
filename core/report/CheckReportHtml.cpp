// The check report as one HTML file for a browser and for QTextDocument (the console prints
// it to PDF through it). Hence: XHTML-compatible markup (every tag closed, only the entities
// XML knows), plain tables with border attributes as well as CSS, no layout CSS that
// QTextDocument ignores, and every colour paired with a word.

#include "report/CheckReport.h"
#include "report/CheckReportFacts.h"
#include "report/CheckReportHtmlParts.h"
#include "report/DriftReportFormat.h"
#include "report/HistoryReport.h"

namespace migconsole {

namespace checkreport::html {

QString esc(const QString &text)
{
    QString clean = text;
    for (QChar &c : clean) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\t')
            c = QChar::ReplacementCharacter;
    }
    return clean.toHtmlEscaped();
}

QString escLines(const QString &text)
{
    return esc(text).replace(u'\n', QStringLiteral("<br/>"));
}

QString code(const QString &text)
{
    return text.isEmpty() ? QString()
                          : QStringLiteral("<code>") + esc(text) + QStringLiteral("</code>");
}

QString cell(const QString &html, const QString &cssClass)
{
    return (cssClass.isEmpty() ? QStringLiteral("<td>")
                               : QStringLiteral("<td class=\"%1\">").arg(cssClass)) +
           html + QStringLiteral("</td>");
}

QString tableStart(const QStringList &headers)
{
    QString html = QStringLiteral(
        "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<tr>");
    for (const QString &h : headers)
        html += QStringLiteral("<th>") + h + QStringLiteral("</th>");
    return html + QStringLiteral("</tr>\n");
}

QString fact(const QString &label, const QString &valueHtml, const QString &cssClass)
{
    return QStringLiteral("<tr><th class=\"label\">") + label + QStringLiteral("</th>") +
           cell(valueHtml, cssClass) + QStringLiteral("</tr>\n");
}

QString severityCell(Severity severity)
{
    const QString name = severityName(severity);
    return cell(QStringLiteral("<b>") + name.toUpper() + QStringLiteral("</b>"),
                QStringLiteral("nowrap sev-") + name);
}

} // namespace checkreport::html

namespace {

using namespace checkreport;
using namespace checkreport::html;

/// Colours that survive print and QTextDocument: text colour and backgrounds only.
const char *const kStyle = R"CSS(
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10pt; color: #1c1c1c; margin: 24px; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 14pt; margin-top: 26px; margin-bottom: 6px; color: #17324d; border-bottom: 2px solid #17324d; }
h3 { font-size: 11pt; margin-top: 16px; margin-bottom: 4px; }
p.subtitle { color: #555555; margin-top: 0px; }
table { border-collapse: collapse; margin-bottom: 10px; }
th, td { border: 1px solid #b8b8b8; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background-color: #e9edf1; }
th.label { width: 170px; }
code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; }
pre { background-color: #f5f5f5; border: 1px solid #cccccc; padding: 6px; white-space: pre-wrap; }
.verdict-clean { background-color: #e6f4ea; color: #1b5e20; font-size: 12pt; padding: 6px; }
.verdict-drift { background-color: #fdecea; color: #a31515; font-size: 12pt; padding: 6px; }
.banner-production { background-color: #c62828; color: #ffffff; font-weight: bold; padding: 6px; }
.badge-readonly { background-color: #fff4d6; color: #6b4a00; font-weight: bold; }
.sev-error, .fail, .status-unknown { color: #a31515; }
.sev-warning, .hazard, .status-pending { color: #8a5100; }
.sev-info { color: #1f4e99; }
.ok, .status-applied { color: #1b5e20; }
.status-current { color: #1b5e20; font-weight: bold; }
.muted { color: #666666; }
.nowrap { white-space: nowrap; }
)CSS";

void writeHeader(QString &out, const CheckReportInput &input)
{
    const DriftReport &r = input.report;
    out += QStringLiteral("<h1>Migration check report</h1>\n<p class=\"subtitle\">") +
           code(r.database) + QStringLiteral("</p>\n");
    if (input.production)
        out += QStringLiteral("<p class=\"banner-production\">PRODUCTION DATABASE — review every "
                              "statement below before anything is run against it.</p>\n");
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n");
    out += fact(QStringLiteral("Database"), code(r.database));
    out += fact(QStringLiteral("Profile"), input.profileName.isEmpty()
                                               ? QStringLiteral("<span class=\"muted\">none</span>")
                                               : esc(input.profileName));
    const QString mode = esc(connectionModeText(input));
    out += fact(QStringLiteral("Connection"),
                input.readOnly || input.production
                    ? QStringLiteral("<b>") + mode + QStringLiteral("</b>")
                    : mode,
                input.production ? QStringLiteral("fail")
                : input.readOnly ? QStringLiteral("badge-readonly")
                                 : QString());
    out += fact(QStringLiteral("Generated at"), esc(input.generatedAt));
    out += fact(QStringLiteral("Generated by"), esc(input.toolVersion));
    out += fact(QStringLiteral("Expected schema"),
                esc(expectedSourceLabel(r.source)) + QStringLiteral(" ") + code(r.sourceDisplay));
    if (r.source == ExpectedSource::Migrations)
        out += fact(QStringLiteral("Target revisions"), code(targetText(r)));
    out += QStringLiteral("</table>\n");
}

void writeSummary(QString &out, const CheckReportInput &input)
{
    const DriftReport &r = input.report;
    const Counts counts = countsOf(r);
    out += QStringLiteral("<h2 id=\"summary\">Summary</h2>\n");
    out += QStringLiteral("<p class=\"%1\"><b>%2</b> — ")
               .arg(r.clean() ? QStringLiteral("verdict-clean") : QStringLiteral("verdict-drift"),
                    verdictWord(r));
    out += esc(verdict(r)) + QStringLiteral("</p>\n");
    const auto count = [](qsizetype n, const QString &cssClass) {
        return cell(QString::number(n), n > 0 ? cssClass : QString());
    };
    out += tableStart({QStringLiteral("Errors"), QStringLiteral("Warnings"), QStringLiteral("Info"),
                       QStringLiteral("Failing preflight steps"),
                       QStringLiteral("Unknown revisions")});
    out += QStringLiteral("<tr>") + count(counts.errors, QStringLiteral("sev-error")) +
           count(counts.warnings, QStringLiteral("sev-warning")) +
           count(counts.info, QStringLiteral("sev-info")) +
           count(counts.failingSteps, QStringLiteral("fail")) +
           count(counts.unknownRevisions, QStringLiteral("fail")) +
           QStringLiteral("</tr>\n</table>\n");
    if (r.source != ExpectedSource::Migrations)
        return;
    const MigrationHistory &h = r.history;
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n");
    out += fact(QStringLiteral("Current"), code(listOrNone(h.current)));
    out += fact(QStringLiteral("Heads"), code(listOrNone(h.heads)));
    out += fact(QStringLiteral("Pending"), code(listOrNone(h.pending)),
                h.pending.isEmpty() ? QString() : QStringLiteral("status-pending"));
    if (!h.unknown.isEmpty())
        out += fact(QStringLiteral("Unknown"),
                    code(listOrNone(h.unknown)) + QStringLiteral(" — ") + kUnknownRevisionNote,
                    QStringLiteral("status-unknown"));
    out += QStringLiteral("</table>\n");
}

void writeSteps(QString &out, const QString &revision, const QList<const PreflightStep *> &steps)
{
    out += QStringLiteral("<h3>Steps of pending revision ") + code(revision) +
           QStringLiteral("</h3>\n");
    out +=
        tableStart({QStringLiteral("Line"), QStringLiteral("Operation"), QStringLiteral("Object"),
                    QStringLiteral("Result"), QStringLiteral("Detail")});
    for (const PreflightStep *step : steps) {
        const QString result =
            QStringLiteral("<b>") + esc(stepResultLabel(*step)) + QStringLiteral("</b>");
        out += QStringLiteral("<tr>") + cell(QString::number(step->location.line)) +
               cell(code(step->op)) + cell(code(stepObjectPath(*step))) +
               cell(result, step->status == StepStatus::WillFail ? QStringLiteral("nowrap fail")
                            : step->status == StepStatus::Done   ? QStringLiteral("nowrap ok")
                                                                 : QStringLiteral("nowrap")) +
               cell(esc(stepDetail(*step))) + QStringLiteral("</tr>\n");
    }
    out += QStringLiteral("</table>\n");
}

void writeHistory(QString &out, const DriftReport &r)
{
    out += QStringLiteral("<h2 id=\"history\">History</h2>\n");
    if (r.source != ExpectedSource::Migrations) {
        out += QStringLiteral(
                   "<p>The expected schema comes from a %1, not from migrations: there is no "
                   "revision history.</p>\n")
                   .arg(esc(expectedSourceLabel(r.source)));
        return;
    }
    const MigrationHistory &h = r.history;
    if (h.entries.isEmpty())
        out += QStringLiteral("<p>No revisions.</p>\n");
    else
        out += tableStart({QStringLiteral("Revision"), QStringLiteral("Status"),
                           QStringLiteral("Parents"), QStringLiteral("Message"),
                           QStringLiteral("File")});
    for (const HistoryEntry &e : h.entries) {
        const QString status = revisionStatusName(e.status);
        const Revision &rev = e.revision;
        out += QStringLiteral("<tr>") + cell(code(rev.id)) +
               cell(QStringLiteral("<b>") + status + QStringLiteral("</b>"),
                    QStringLiteral("status-") + status);
        if (e.status == RevisionStatus::Unknown) {
            out += cell(QString()) + cell(kUnknownRevisionNote, QStringLiteral("status-unknown")) +
                   cell(QString()) + QStringLiteral("</tr>\n");
            continue;
        }
        QString message = esc(rev.message);
        if (!rev.branchLabels.isEmpty())
            message += QStringLiteral(" <span class=\"muted\">(") +
                       esc(rev.branchLabels.join(QStringLiteral(", "))) +
                       QStringLiteral(")</span>");
        out +=
            cell(rev.downRevisions.isEmpty() ? QStringLiteral("<span class=\"muted\">base</span>")
                                             : code(rev.downRevisions.join(QStringLiteral(", ")))) +
            cell(message) + cell(code(rev.location.file)) + QStringLiteral("</tr>\n");
    }
    if (!h.entries.isEmpty())
        out += QStringLiteral("</table>\n");

    const auto stepsOf = stepsByRevision(r.steps);
    for (const HistoryEntry &e : h.entries) {
        if (e.status == RevisionStatus::Pending && stepsOf.contains(e.revision.id))
            writeSteps(out, e.revision.id, stepsOf.value(e.revision.id));
    }
    if (!h.toolMigrations.isEmpty()) {
        out += QStringLiteral("<h3>") + esc(h.tool) + QStringLiteral(" history (read-only)</h3>\n");
        out += tableStart({QStringLiteral("Version"), QStringLiteral("Description"),
                           QStringLiteral("Applied at"), QStringLiteral("Result")});
        for (const ToolMigration &m : h.toolMigrations)
            out += QStringLiteral("<tr>") + cell(code(m.version)) + cell(esc(m.description)) +
                   cell(esc(m.appliedAt)) +
                   (m.failed ? cell(QStringLiteral("<b>FAILED</b>"), QStringLiteral("fail"))
                             : cell(QStringLiteral("ok"), QStringLiteral("ok"))) +
                   QStringLiteral("</tr>\n");
        out += QStringLiteral("</table>\n");
    }
}

void writeFindings(QString &out, const DriftReport &r)
{
    out += QStringLiteral("<h2 id=\"findings\">Findings</h2>\n");
    if (r.drift.isEmpty()) {
        out += QStringLiteral(
            "<p class=\"ok\">No findings: the live schema matches the expected one.</p>\n");
        return;
    }
    out += tableStart({QStringLiteral("Severity"), QStringLiteral("Kind"), QStringLiteral("Object"),
                       QStringLiteral("Expected"), QStringLiteral("Actual"),
                       QStringLiteral("Fixable"), QStringLiteral("Origin")});
    for (const Finding &f : r.drift) {
        QString origin = code(originRevision(f));
        if (!originLocation(f).isEmpty())
            origin += QStringLiteral("<br/>") + code(originLocation(f));
        out += QStringLiteral("<tr>") + severityCell(f.severity) +
               cell(code(findingKindName(f.kind))) + cell(code(findingObjectPath(f))) +
               cell(code(expectedCell(f))) + cell(code(actualCell(f))) +
               cell(f.fixable ? QStringLiteral("yes") : QStringLiteral("no")) + cell(origin) +
               QStringLiteral("</tr>\n");
    }
    out += QStringLiteral("</table>\n");
}

void writePreflight(QString &out, const DriftReport &r)
{
    out += QStringLiteral("<h2 id=\"preflight\">Preflight</h2>\n");
    if (r.source != ExpectedSource::Migrations) {
        out += QStringLiteral(
                   "<p>Preflight simulates pending migrations; it does not apply to a %1.</p>\n")
                   .arg(esc(expectedSourceLabel(r.source)));
        return;
    }
    const QList<PreflightStep> failing = r.failingSteps();
    out += QStringLiteral(
               "<p>%1 pending steps simulated on the live schema; <b>%2 would fail</b>.</p>\n")
               .arg(r.steps.size())
               .arg(failing.size());
    if (failing.isEmpty())
        return;
    out += tableStart({QStringLiteral("Revision"), QStringLiteral("Operation"),
                       QStringLiteral("Object"), QStringLiteral("Conflict"),
                       QStringLiteral("Message"), QStringLiteral("Location")});
    for (const PreflightStep &step : failing) {
        QString message = esc(step.message);
        if (step.alreadyInPlace)
            message += QStringLiteral(" <i>(") + kAlreadyInPlaceNote + QStringLiteral(")</i>");
        out += QStringLiteral("<tr>") + cell(code(step.revision)) + cell(code(step.op)) +
               cell(code(stepObjectPath(step))) +
               cell(QStringLiteral("<b>") +
                        esc(step.conflict ? stepConflictName(*step.conflict) : QString()) +
                        QStringLiteral("</b>"),
                    QStringLiteral("fail")) +
               cell(message) + cell(code(locationText(step.location))) + QStringLiteral("</tr>\n");
    }
    out += QStringLiteral("</table>\n");
}

void writeWarnings(QString &out, const DriftReport &r)
{
    out += QStringLiteral("<h2 id=\"warnings\">Replay warnings</h2>\n");
    if (r.warnings.isEmpty() && r.history.problems.isEmpty()) {
        out += QStringLiteral("<p class=\"ok\">None: every migration step was understood.</p>\n");
        return;
    }
    out += tableStart({QStringLiteral("Location"), QStringLiteral("Warning")});
    for (const ReplayWarning &w : r.warnings)
        out += QStringLiteral("<tr>") + cell(code(locationText(w.location))) +
               cell(escLines(w.message)) + QStringLiteral("</tr>\n");
    // The scripts' own problems (a duplicate id, two heads) explain findings just as well.
    for (const HistoryProblem &p : r.history.problems)
        out += QStringLiteral("<tr>") + cell(code(locationText(p.location))) +
               cell(code(problemKindName(p.kind)) + QStringLiteral(" ") + escLines(p.message)) +
               QStringLiteral("</tr>\n");
    out += QStringLiteral("</table>\n");
}

} // namespace

QString checkReportToHtml(const CheckReportInput &input)
{
    const DriftReport &r = input.report;
    QString out;
    out.reserve(64 * 1024);
    out += QStringLiteral(
               "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>") +
           esc(title(r)) + QStringLiteral("</title>\n<style>") + QLatin1String(kStyle) +
           QStringLiteral("</style>\n</head>\n<body>\n");
    writeHeader(out, input);
    writeSummary(out, input);
    writeHistory(out, r);
    writeFindings(out, r);
    writePreflight(out, r);
    writeFixPlan(out, input.plan);
    writeWarnings(out, r);
    out += QStringLiteral("<p class=\"muted\">Generated by ") + esc(input.toolVersion) +
           QStringLiteral(" at ") + esc(input.generatedAt) +
           QStringLiteral(". Passwords are never included.</p>\n</body>\n</html>\n");
    return out;
}

} // namespace migconsole
