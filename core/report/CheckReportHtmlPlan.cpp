// The "Fix plan" section of the HTML check report: what `fix` would run, statement by
// statement, with the facts a DBA weighs before running it (lock, destructive, hazards).

#include "report/CheckReportFacts.h"
#include "report/CheckReportHtmlParts.h"

namespace migconsole::checkreport::html {

namespace {

/// One line per statement, to take in the whole plan before reading each one.
void writeStatementOverview(QString &out, const FixPlan &plan)
{
    out +=
        tableStart({QStringLiteral("#"), QStringLiteral("Statement"), QStringLiteral("Lock level"),
                    QStringLiteral("Destructive"), QStringLiteral("Hazards")});
    for (int i = 0; i < plan.statements.size(); ++i) {
        const FixStatement &s = plan.statements.at(i);
        out += QStringLiteral("<tr>") + cell(QString::number(i + 1)) + cell(esc(s.summary)) +
               cell(esc(lockText(s)), QStringLiteral("nowrap")) +
               (s.destructive ? cell(QStringLiteral("<b>YES</b>"), QStringLiteral("fail"))
                              : cell(QStringLiteral("no"))) +
               (s.hazards.isEmpty() ? cell(QStringLiteral("none"), QStringLiteral("muted"))
                                    : cell(QStringLiteral("⚠ %1").arg(s.hazards.size()),
                                           QStringLiteral("nowrap hazard"))) +
               QStringLiteral("</tr>\n");
    }
    out += QStringLiteral("</table>\n");
}

void writeStatement(QString &out, int number, const FixStatement &s)
{
    out += QStringLiteral("<h3 id=\"statement-%1\">%1. ").arg(number) + esc(s.summary) +
           QStringLiteral("</h3>\n");
    out +=
        QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n");
    out += fact(QStringLiteral("Purpose"), esc(fixPurposeName(s.purpose)));
    if (s.finding) {
        QString fixes = code(findingLabel(*s.finding));
        if (!originLocation(*s.finding).isEmpty())
            fixes += QStringLiteral(" from ") + code(originLocation(*s.finding));
        out += fact(QStringLiteral("Fixes"), fixes);
    }
    if (!s.revision.isEmpty())
        out += fact(QStringLiteral("Revision"), code(s.revision));
    out += fact(QStringLiteral("Lock level"), esc(lockText(s)));
    out += s.destructive
               ? fact(QStringLiteral("Destructive"),
                      QStringLiteral("<b>YES — drops data or objects</b>"), QStringLiteral("fail"))
               : fact(QStringLiteral("Destructive"), QStringLiteral("no"));
    out += fact(QStringLiteral("Transaction"), esc(transactionText(s)),
                s.inTransaction ? QString() : QStringLiteral("hazard"));
    QStringList hazards;
    for (const QString &hazard : s.hazards)
        hazards.append(QStringLiteral("⚠ ") + escLines(hazard));
    out +=
        hazards.isEmpty()
            ? fact(QStringLiteral("Hazards"), QStringLiteral("<span class=\"muted\">none</span>"))
            : fact(QStringLiteral("Hazards"), hazards.join(QStringLiteral("<br/>")),
                   QStringLiteral("hazard"));
    out += QStringLiteral("</table>\n<pre>") + esc(s.sql) + QStringLiteral(";</pre>\n");
}

} // namespace

void writeFixPlan(QString &out, const std::optional<FixPlan> &plan)
{
    out += QStringLiteral("<h2 id=\"fix-plan\">Fix plan</h2>\n<p>") + esc(planHeadline(plan)) +
           QStringLiteral("</p>\n");
    if (!plan)
        return;
    if (!plan->notes.isEmpty()) {
        out += QStringLiteral("<ul>\n");
        for (const QString &note : plan->notes)
            out += QStringLiteral("<li>") + escLines(note) + QStringLiteral("</li>\n");
        out += QStringLiteral("</ul>\n");
    }
    if (!plan->statements.isEmpty()) {
        out += QStringLiteral(
            "<p class=\"muted\">The statements run in this order in one transaction; "
            "each is idempotent (running it twice changes nothing).</p>\n");
        writeStatementOverview(out, *plan);
    }
    for (int i = 0; i < plan->statements.size(); ++i)
        writeStatement(out, i + 1, plan->statements.at(i));
    if (plan->unfixed.isEmpty())
        return;
    out += QStringLiteral("<h3>Findings left unfixed</h3>\n");
    out += tableStart({QStringLiteral("Severity"), QStringLiteral("Finding"),
                       QStringLiteral("Origin"), QStringLiteral("Reason")});
    for (const UnfixedFinding &u : plan->unfixed)
        out += QStringLiteral("<tr>") + severityCell(u.finding.severity) +
               cell(code(findingLabel(u.finding))) + cell(code(originLocation(u.finding))) +
               cell(escLines(u.reason)) + QStringLiteral("</tr>\n");
    out += QStringLiteral("</table>\n");
}

} // namespace migconsole::checkreport::html
