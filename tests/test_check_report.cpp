// The exported check report (core/report/CheckReport.h): HTML, Markdown and JSON on the
// bundled demo, hostile identifiers, passwords, and `migconsole check --format html|markdown`.
// The documents are read back as a reader would (the HTML as XML, the Markdown's tables cell
// by cell) and every fact is looked up in the section and the table row where it belongs.

#include "TestSupport.h"
#include "demo/DemoDatabase.h"
#include "fix/FixCheck.h"
#include "report/CheckReport.h"
#include "report/DriftReportFormat.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace migconsole;
using namespace migconsole::test;

namespace {

using Rows = QList<QStringList>;

/// A report as a reader sees it: per section (the h2 / "## " heading; "Header" before the
/// first), its text and its table rows as cell texts, markup removed.
struct ReadBack
{
    QMap<QString, QString> text;
    QMap<QString, Rows> rows;
    QString problem; ///< why the document could not be read (empty = fine)
};

ReadBack readHtml(const QString &html)
{
    ReadBack doc;
    QXmlStreamReader xml(html);
    QString section = QStringLiteral("Header");
    QStringList row;
    QString cellText;
    bool inCell = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const auto name = xml.name();
            if (name == QLatin1String("h2")) {
                section = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            } else if (name == QLatin1String("tr")) {
                row.clear();
            } else if (name == QLatin1String("td") || name == QLatin1String("th")) {
                inCell = true;
                cellText.clear();
            } else if (name == QLatin1String("br")) {
                cellText += u'\n';
                doc.text[section] += u'\n';
            }
        } else if (token == QXmlStreamReader::EndElement) {
            const auto name = xml.name();
            if (name == QLatin1String("td") || name == QLatin1String("th")) {
                row.append(cellText);
                inCell = false;
            } else if (name == QLatin1String("tr")) {
                doc.rows[section].append(row);
            }
        } else if (token == QXmlStreamReader::Characters) {
            doc.text[section] += xml.text();
            if (inCell)
                cellText += xml.text();
        }
    }
    if (xml.hasError())
        doc.problem = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return doc;
}

/// One GFM table cell as it renders: code spans verbatim (bar `\|`), backslash escapes of
/// ASCII punctuation and ** removed, <br> as a line break.
QString renderMarkdownCell(const QString &cell)
{
    QString out;
    for (qsizetype i = 0; i < cell.size();) {
        if (cell.at(i) == u'`') {
            qsizetype n = 0;
            while (i + n < cell.size() && cell.at(i + n) == u'`')
                ++n;
            const QString fence(n, u'`');
            qsizetype end = cell.indexOf(fence, i + n);
            while (end >= 0 && end + n < cell.size() && cell.at(end + n) == u'`')
                end = cell.indexOf(fence, end + n + 1);
            if (end < 0)
                return QStringLiteral("<unclosed code span>");
            QString inner = cell.mid(i + n, end - i - n);
            if (inner.size() >= 2 && inner.startsWith(u' ') && inner.endsWith(u' '))
                inner = inner.mid(1, inner.size() - 2);
            out += inner.replace(QStringLiteral("\\|"), QStringLiteral("|"));
            i = end + n;
        } else if (cell.at(i) == u'\\' && i + 1 < cell.size() &&
                   QStringView(u"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").contains(cell.at(i + 1))) {
            out += cell.at(i + 1);
            i += 2;
        } else if (cell.mid(i, 2) == QLatin1String("**")) {
            i += 2;
        } else if (cell.mid(i, 4) == QLatin1String("<br>")) {
            out += u'\n';
            i += 4;
        } else {
            out += cell.at(i++);
        }
    }
    return out;
}

ReadBack readMarkdown(const QString &markdown)
{
    ReadBack doc;
    QString section = QStringLiteral("Header");
    qsizetype columns = -1;
    int tableLine = 0;
    QString fence; // inside a fenced block: its fence; the lines are kept verbatim
    static const QRegularExpression opening(QStringLiteral("^(`{3,})[a-z]*$"));
    const QStringList lines = markdown.split(u'\n');
    for (int n = 0; n < lines.size(); ++n) {
        const QString &line = lines.at(n);
        if (!fence.isEmpty()) {
            if (line == fence)
                fence.clear();
            else
                doc.text[section] += line + u'\n';
            continue;
        }
        if (const auto match = opening.match(line); match.hasMatch()) {
            fence = match.captured(1);
            continue;
        }
        if (line.startsWith(QLatin1String("## "))) {
            section = line.mid(3);
            continue;
        }
        if (!line.startsWith(u'|')) {
            columns = -1;
            tableLine = 0;
            doc.text[section] += renderMarkdownCell(line) + u'\n';
            continue;
        }
        // GFM's first step: split on the bars that are not escaped.
        static const QRegularExpression bar(QStringLiteral("\\s*(?<!\\\\)\\|\\s*"));
        QStringList cells = line.split(bar);
        cells = cells.mid(1, cells.size() - 2); // before the first bar, after the last
        if (columns < 0)
            columns = cells.size();
        else if (cells.size() != columns && doc.problem.isEmpty())
            doc.problem = QStringLiteral("line %1 has %2 cells, its table %3: %4")
                              .arg(n + 1)
                              .arg(cells.size())
                              .arg(columns)
                              .arg(line);
        if (tableLine++ == 1) { // the delimiter row
            if (cells != QStringList(cells.size(), QStringLiteral("---")) && doc.problem.isEmpty())
                doc.problem = QStringLiteral("line %1 is no delimiter row").arg(n + 1);
            continue;
        }
        QStringList rendered;
        for (const QString &cell : cells)
            rendered.append(renderMarkdownCell(cell));
        doc.rows[section].append(rendered);
        doc.text[section] += rendered.join(u' ') + u'\n';
    }
    return doc;
}

/// The row of `rows` where every needle is contained in some cell; empty when none is.
QStringList rowWith(const Rows &rows, const QStringList &needles)
{
    for (const QStringList &row : rows) {
        const bool all = std::all_of(needles.cbegin(), needles.cend(), [&](const QString &needle) {
            return std::any_of(row.cbegin(), row.cend(),
                               [&](const QString &c) { return c.contains(needle); });
        });
        if (all)
            return row;
    }
    return {};
}

QString describeRows(const Rows &rows)
{
    QStringList lines;
    for (const QStringList &row : rows)
        lines.append(row.join(QStringLiteral(" | ")));
    return lines.join(u'\n');
}

/// Fails unless `section` has a table row holding every needle.
#define VERIFY_ROW(doc, section, ...)                                                              \
    do {                                                                                           \
        const QStringList needles_{__VA_ARGS__};                                                   \
        QVERIFY2(!rowWith((doc).rows.value(section), needles_).isEmpty(),                          \
                 qPrintable(needles_.join(u',') + QStringLiteral(" not in a row of ") +            \
                            (section) + u'\n' + describeRows((doc).rows.value(section))));         \
    } while (false)

/// The step's result as `history` words it (WILL FAIL shouted).
QString resultWord(StepStatus status)
{
    return status == StepStatus::WillFail ? QStringLiteral("WILL FAIL")
           : status == StepStatus::Done   ? QStringLiteral("done")
                                          : QStringLiteral("will apply");
}

const QString kSection[] = {QStringLiteral("Summary"),  QStringLiteral("History"),
                            QStringLiteral("Findings"), QStringLiteral("Preflight"),
                            QStringLiteral("Fix plan"), QStringLiteral("Replay warnings")};

} // namespace

class TestCheckReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DemoLocation m_demo;
    CheckReportInput m_input; ///< the demo's check and plan, as the CLI builds them

    /// Every fact of `input` in the section and row it belongs to; the same assertions for
    /// the HTML and the Markdown, so the two cannot drift apart.
    void verifyFacts(const ReadBack &doc, const CheckReportInput &input)
    {
        QVERIFY2(doc.problem.isEmpty(), qPrintable(doc.problem));
        const DriftReport &r = input.report;
        for (const QString &section : kSection)
            QVERIFY2(doc.text.contains(section), qPrintable(section + QStringLiteral(" missing")));

        VERIFY_ROW(doc, QStringLiteral("Header"), QStringLiteral("Database"), r.database);
        VERIFY_ROW(doc, QStringLiteral("Header"), QStringLiteral("Generated at"),
                   input.generatedAt);
        VERIFY_ROW(doc, QStringLiteral("Header"), QStringLiteral("Generated by"),
                   input.toolVersion);
        VERIFY_ROW(doc, QStringLiteral("Header"), QStringLiteral("Connection"),
                   input.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write"));
        if (!input.profileName.isEmpty())
            VERIFY_ROW(doc, QStringLiteral("Header"), QStringLiteral("Profile"), input.profileName);
        if (r.source == ExpectedSource::Migrations)
            VERIFY_ROW(doc, QStringLiteral("Header"), QStringLiteral("Target revisions"),
                       r.targetRevisions.join(QStringLiteral(", ")));

        // The counts, in the row under their headings, as counted here from the findings.
        qsizetype bySeverity[3] = {0, 0, 0};
        for (const Finding &f : r.drift)
            ++bySeverity[int(f.severity)];
        const Rows summary = doc.rows.value(QStringLiteral("Summary"));
        const qsizetype headings = summary.indexOf(QStringList{
            QStringLiteral("Errors"), QStringLiteral("Warnings"), QStringLiteral("Info"),
            QStringLiteral("Failing preflight steps"), QStringLiteral("Unknown revisions")});
        QVERIFY2(headings >= 0 && headings + 1 < summary.size(), qPrintable(describeRows(summary)));
        QCOMPARE(
            summary.at(headings + 1),
            (QStringList{QString::number(bySeverity[0]), QString::number(bySeverity[1]),
                         QString::number(bySeverity[2]), QString::number(r.failingSteps().size()),
                         QString::number(r.history.unknown.size())}));
        const QString verdict = doc.text.value(QStringLiteral("Summary"));
        QVERIFY(verdict.contains(QStringLiteral("CLEAN — ")));
        QCOMPARE(verdict.contains(QStringLiteral("NOT CLEAN — ")), !r.clean());
        if (r.source == ExpectedSource::Migrations) {
            VERIFY_ROW(doc, QStringLiteral("Summary"), QStringLiteral("Current"),
                       r.history.current.isEmpty() ? QStringLiteral("none")
                                                   : r.history.current.join(QStringLiteral(", ")));
            VERIFY_ROW(doc, QStringLiteral("Summary"), QStringLiteral("Heads"),
                       r.history.heads.join(QStringLiteral(", ")));
        }

        for (const HistoryEntry &e : r.history.entries)
            VERIFY_ROW(doc, QStringLiteral("History"), e.revision.id, revisionStatusName(e.status));
        for (const PreflightStep &step : r.steps)
            VERIFY_ROW(doc, QStringLiteral("History"), QString::number(step.location.line), step.op,
                       step.table, resultWord(step.status));

        for (const Finding &f : r.drift) {
            QStringList needles{severityName(f.severity).toUpper(), findingKindName(f.kind),
                                findingObjectPath(f)};
            if (f.origin)
                needles << f.origin->revision << locationText(f.origin->location);
            if (!f.expected.isEmpty())
                needles << f.expected;
            if (!f.actual.isEmpty())
                needles << f.actual;
            VERIFY_ROW(doc, QStringLiteral("Findings"), needles);
        }

        for (const PreflightStep &step : r.failingSteps())
            VERIFY_ROW(doc, QStringLiteral("Preflight"), step.revision, step.op, step.table,
                       stepConflictName(*step.conflict), step.message, locationText(step.location));

        const QString plan = doc.text.value(QStringLiteral("Fix plan"));
        if (!input.plan) {
            QVERIFY(plan.contains(QStringLiteral("No fix plan was computed")));
            return;
        }
        for (qsizetype i = 0; i < input.plan->statements.size(); ++i) {
            const FixStatement &s = input.plan->statements.at(i);
            // The overview row: number, summary, lock level, destructive flag.
            VERIFY_ROW(doc, QStringLiteral("Fix plan"), QString::number(i + 1), s.summary,
                       s.lockLevel.isEmpty() ? QStringLiteral("none") : s.lockLevel,
                       s.destructive ? QStringLiteral("YES") : QStringLiteral("no"));
            QVERIFY2(plan.contains(s.sql + u';'), qPrintable(s.sql));
            for (const QString &hazard : s.hazards)
                QVERIFY2(plan.contains(hazard), qPrintable(hazard));
        }
        for (const UnfixedFinding &u : input.plan->unfixed)
            VERIFY_ROW(doc, QStringLiteral("Fix plan"), findingObjectPath(u.finding), u.reason);
        for (const ReplayWarning &w : r.warnings)
            VERIFY_ROW(doc, QStringLiteral("Replay warnings"), w.message);
    }

    /// A check with names no database should have, and a password in every URL.
    static CheckReportInput hostileInput()
    {
        CheckReportInput input;
        const auto url = ConnectionUrl::parse(
            QStringLiteral("postgresql://app:Hunter2Secret@db.example:5432/app"));
        const auto reference =
            ConnectionUrl::parse(QStringLiteral("postgresql://ro:Ref3rencePw@staging:5432/app"));
        if (!url || !reference)
            qFatal("test URLs do not parse");
        DriftReport &r = input.report;
        r.database = url->toDisplayString();
        r.source = ExpectedSource::Reference;
        r.sourceDisplay = reference->toDisplayString();
        Finding table;
        table.kind = FindingKind::MissingTable;
        table.schema = QStringLiteral("public");
        table.table = QStringLiteral("we\"ird <t>&able");
        table.fixable = true;
        Finding column = table;
        column.kind = FindingKind::TypeMismatch;
        column.table = QStringLiteral("pipe|table");
        column.object = QStringLiteral("tick`col ünï");
        column.expected = QStringLiteral("varchar(36)");
        column.actual = QStringLiteral("uuid");
        column.fixable = false;
        r.drift = {table, column};
        FixPlan plan;
        plan.database = r.database;
        FixStatement create;
        create.summary =
            QStringLiteral("create table public.\"we\"\"ird <t>&able\" <script>alert(1)</script>");
        create.sql =
            QStringLiteral("CREATE TABLE IF NOT EXISTS public.\"we\"\"ird <t>&able\" (id integer)\n"
                           "-- ``` a fence inside the SQL");
        create.finding = table;
        create.lockLevel = QStringLiteral("ACCESS EXCLUSIVE");
        create.hazards = {QStringLiteral("a | b > c & d")};
        create.destructive = true;
        plan.statements = {create};
        plan.unfixed = {
            UnfixedFinding{column, QStringLiteral("17 rows of pipe|table would not convert")}};
        input.plan = plan;
        input.generatedAt = QStringLiteral("2026-01-02T03:04:05+01:00");
        input.profileName = QStringLiteral("prod <eu> | main");
        input.production = true;
        input.toolVersion = QStringLiteral("migconsole test");
        return input;
    }

private slots:
    void initTestCase()
    {
        const auto demo = writeDemo(m_dir.path());
        QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().toString()));
        m_demo = *demo;
        auto connection = connectOrFail(m_demo.url());
        QVERIFY(connection);
        DriftRequest request;
        request.migrationsPath = m_demo.migrationsPath;
        auto report = runDriftCheck(*connection, request);
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().toString()));
        FixRequest fixRequest{request, FixOptions{}};
        fixRequest.drift.actual = report->actual;
        auto preparation = prepareFix(*connection, fixRequest);
        QVERIFY2(preparation.ok(),
                 preparation.ok() ? "" : qPrintable(preparation.error().toString()));
        m_input.report = *report;
        m_input.plan = preparation->plan;
        m_input.generatedAt = QStringLiteral("2026-03-04T05:06:07+01:00");
        m_input.profileName = QStringLiteral("demo profile");
        m_input.readOnly = true;
        m_input.toolVersion = QStringLiteral("migconsole " MIGCONSOLE_VERSION);
        // The demo must exercise every section, or the assertions below prove little.
        QVERIFY(!m_input.report.drift.isEmpty());
        QVERIFY(!m_input.report.failingSteps().isEmpty());
        QVERIFY(!m_input.plan->statements.isEmpty());
        QVERIFY(std::any_of(m_input.plan->statements.cbegin(), m_input.plan->statements.cend(),
                            [](const FixStatement &s) { return !s.hazards.isEmpty(); }));
    }

    void htmlIsOneWellFormedSelfContainedDocument()
    {
        const QString html = checkReportToHtml(m_input);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>\n<html")));
        const ReadBack doc = readHtml(html);
        QVERIFY2(doc.problem.isEmpty(), qPrintable(doc.problem));
        // No script, nothing fetched from elsewhere: the file is the whole report.
        QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QLatin1String("src=")));
        QVERIFY(!html.contains(QLatin1String("href=")));
        QVERIFY(!html.contains(QLatin1String("@import")));
        // The sections in the documented order.
        qsizetype at = 0;
        for (const QString &section : kSection) {
            const qsizetype next = html.indexOf(u'>' + section + QStringLiteral("</h2>"));
            QVERIFY2(next > at, qPrintable(section));
            at = next;
        }
    }

    void htmlCarriesEveryFact() { verifyFacts(readHtml(checkReportToHtml(m_input)), m_input); }

    void markdownCarriesEveryFact()
    {
        const QString markdown = checkReportToMarkdown(m_input);
        QVERIFY(markdown.startsWith(QStringLiteral("# Migration check report\n")));
        verifyFacts(readMarkdown(markdown), m_input);
        // Every statement's SQL in a fenced block of its own.
        for (const FixStatement &s : m_input.plan->statements)
            QVERIFY2(
                markdown.contains(QStringLiteral("```sql\n") + s.sql + QStringLiteral(";\n```\n")),
                qPrintable(s.sql));
    }

    void jsonHasTheDocumentedKeysAndCounts()
    {
        const QJsonObject json = checkReportToJson(m_input);
        const DriftReport &r = m_input.report;
        QStringList expectedKeys = driftReportToJson(r).keys();
        expectedKeys << QStringLiteral("source_display") << QStringLiteral("history")
                     << QStringLiteral("fix_plan") << QStringLiteral("summary")
                     << QStringLiteral("generated_at") << QStringLiteral("profile")
                     << QStringLiteral("read_only") << QStringLiteral("production")
                     << QStringLiteral("tool_version");
        expectedKeys.sort();
        QCOMPARE(json.keys(), expectedKeys);
        // The check's own members are driftReportToJson's, untouched.
        for (const QString &key : driftReportToJson(r).keys())
            QCOMPARE(json.value(key), driftReportToJson(r).value(key));

        const QJsonObject summary = json[QStringLiteral("summary")].toObject();
        QCOMPARE(summary[QStringLiteral("clean")].toBool(), r.clean());
        qsizetype bySeverity[3] = {0, 0, 0};
        for (const Finding &f : r.drift)
            ++bySeverity[int(f.severity)];
        QCOMPARE(summary[QStringLiteral("errors")].toInteger(), bySeverity[0]);
        QCOMPARE(summary[QStringLiteral("warnings")].toInteger(), bySeverity[1]);
        QCOMPARE(summary[QStringLiteral("info")].toInteger(), bySeverity[2]);
        QCOMPARE(summary[QStringLiteral("failing_steps")].toInteger(), r.failingSteps().size());
        QCOMPARE(summary[QStringLiteral("unknown")].toInteger(), r.history.unknown.size());

        const QJsonArray revisions =
            json[QStringLiteral("history")].toObject()[QStringLiteral("revisions")].toArray();
        QCOMPARE(revisions.size(), r.history.entries.size());
        qsizetype stepsListed = 0;
        for (qsizetype i = 0; i < revisions.size(); ++i) {
            const QJsonObject revision = revisions[i].toObject();
            QCOMPARE(revision[QStringLiteral("id")].toString(), r.history.entries[i].revision.id);
            QCOMPARE(revision[QStringLiteral("status")].toString(),
                     revisionStatusName(r.history.entries[i].status));
            stepsListed += revision[QStringLiteral("steps")].toArray().size();
        }
        QCOMPARE(stepsListed, r.steps.size());

        const QJsonObject plan = json[QStringLiteral("fix_plan")].toObject();
        const QJsonArray statements = plan[QStringLiteral("statements")].toArray();
        QCOMPARE(statements.size(), m_input.plan->statements.size());
        for (qsizetype i = 0; i < statements.size(); ++i) {
            const QJsonObject statement = statements[i].toObject();
            QCOMPARE(statement[QStringLiteral("summary")].toString(),
                     m_input.plan->statements[i].summary);
            QCOMPARE(statement[QStringLiteral("hazards")].toArray().size(),
                     m_input.plan->statements[i].hazards.size());
        }
        QCOMPARE(plan[QStringLiteral("unfixed")].toArray().size(), m_input.plan->unfixed.size());
        QCOMPARE(json[QStringLiteral("source_display")].toString(), r.sourceDisplay);
        QCOMPARE(json[QStringLiteral("generated_at")].toString(), m_input.generatedAt);
        QCOMPARE(json[QStringLiteral("profile")].toString(), m_input.profileName);
        QCOMPARE(json[QStringLiteral("read_only")].toBool(), true);
        QCOMPARE(json[QStringLiteral("production")].toBool(), false);
        QCOMPARE(json[QStringLiteral("tool_version")].toString(), m_input.toolVersion);
    }

    void withoutAPlanTheReportSaysSo()
    {
        CheckReportInput input = m_input;
        input.plan.reset();
        input.profileName.clear();
        verifyFacts(readHtml(checkReportToHtml(input)), input);
        verifyFacts(readMarkdown(checkReportToMarkdown(input)), input);
        const QJsonObject json = checkReportToJson(input);
        QVERIFY(json[QStringLiteral("fix_plan")].isNull());
        QVERIFY(json[QStringLiteral("profile")].isNull());
    }

    void hostileIdentifiersAreEscaped()
    {
        const CheckReportInput input = hostileInput();
        const QString html = checkReportToHtml(input);
        QVERIFY2(!html.contains(QLatin1String("<t>")), qPrintable(html));
        QVERIFY(!html.contains(QLatin1String("<script")));
        QVERIFY(!html.contains(QLatin1String("<eu>")));
        QVERIFY(html.contains(QLatin1String("we&quot;ird &lt;t&gt;&amp;able")));
        const ReadBack fromHtml = readHtml(html);
        verifyFacts(fromHtml, input);
        // Read back, the names are exactly what the database holds.
        QVERIFY(!rowWith(fromHtml.rows.value(QStringLiteral("Findings")),
                         {QStringLiteral("public.we\"ird <t>&able")})
                     .isEmpty());
        QVERIFY(
            fromHtml.text.value(QStringLiteral("Header")).contains(QStringLiteral("PRODUCTION")));

        const QString markdown = checkReportToMarkdown(input);
        const ReadBack fromMarkdown = readMarkdown(markdown); // every row as wide as its table
        verifyFacts(fromMarkdown, input);
        const QStringList pipeRow = rowWith(fromMarkdown.rows.value(QStringLiteral("Findings")),
                                            {QStringLiteral("type_mismatch")});
        QVERIFY(pipeRow.contains(QStringLiteral("public.pipe|table.tick`col ünï")));
        QVERIFY(pipeRow.contains(QStringLiteral("varchar(36)")));
        // Outside code spans, nothing GitHub would take for a tag.
        QString outsideCode = markdown;
        outsideCode.remove(QRegularExpression(QStringLiteral("(`{3,})sql\\n.*?\\n\\1\\n"),
                                              QRegularExpression::DotMatchesEverythingOption));
        outsideCode.remove(QRegularExpression(QStringLiteral("(`+)(?:(?!\\1).)*?\\1")));
        QVERIFY2(!outsideCode.contains(QRegularExpression(QStringLiteral("(?<!\\\\)<(?!br>)"))),
                 qPrintable(outsideCode));
        // The fence inside the SQL does not end its block early.
        QVERIFY(markdown.contains(QStringLiteral("````sql\n")));
    }

    void passwordsNeverAppear()
    {
        const CheckReportInput input = hostileInput();
        const QString json = QString::fromUtf8(QJsonDocument(checkReportToJson(input)).toJson());
        for (const QString &text : {checkReportToHtml(input), checkReportToMarkdown(input), json}) {
            QVERIFY(text.contains(QStringLiteral("app:***@db.example")));
            QVERIFY(text.contains(QStringLiteral("ro:***@staging")));
            QVERIFY(!text.contains(QStringLiteral("Hunter2Secret")));
            QVERIFY(!text.contains(QStringLiteral("Ref3rencePw")));
        }
    }

    void cliWritesHtmlAndMarkdown_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("html") << QStringLiteral("html");
        QTest::newRow("markdown") << QStringLiteral("markdown");
    }
    void cliWritesHtmlAndMarkdown()
    {
        QFETCH(QString, format);
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("check"), QStringLiteral("--db"),
                                        m_demo.url(), QStringLiteral("--migrations"),
                                        m_demo.migrationsPath, QStringLiteral("--format"), format},
                                       &out, &err);
        QCOMPARE(code, 1); // the demo has drift: the exit code is check's, whatever the format
        QVERIFY2(err.isEmpty(), err.constData());
        const QString text = QString::fromUtf8(out);
        const bool html = format == QLatin1String("html");
        QVERIFY(text.startsWith(html ? QStringLiteral("<!DOCTYPE html>")
                                     : QStringLiteral("# Migration check report")));
        const ReadBack doc = html ? readHtml(text) : readMarkdown(text);
        // The same check and plan as in-process, from a connection without a profile.
        CheckReportInput expected = m_input;
        expected.readOnly = false;
        expected.profileName.clear();
        const QStringList generated =
            rowWith(doc.rows.value(QStringLiteral("Header")), {QStringLiteral("Generated at")});
        QVERIFY(generated.size() == 2 &&
                QDateTime::fromString(generated.at(1), Qt::ISODate).isValid());
        expected.generatedAt = generated.at(1);
        verifyFacts(doc, expected);
    }

    void cliReportOnACleanCheckExitsZero()
    {
        QByteArray snapshot;
        QCOMPARE(runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_demo.url(),
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &snapshot, nullptr),
                 0);
        const QString path = m_dir.filePath(QStringLiteral("snapshot.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(snapshot);
        file.close();
        QByteArray out, err;
        QCOMPARE(runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demo.url(),
                                QStringLiteral("--snapshot"), path, QStringLiteral("--format"),
                                QStringLiteral("html")},
                               &out, &err),
                 0);
        const ReadBack doc = readHtml(QString::fromUtf8(out));
        QVERIFY2(doc.problem.isEmpty(), qPrintable(doc.problem));
        QVERIFY(doc.text.value(QStringLiteral("Summary")).contains(QStringLiteral("CLEAN — ")));
        QVERIFY(doc.text.value(QStringLiteral("History"))
                    .contains(QStringLiteral("no revision history")));
        QVERIFY(
            doc.text.value(QStringLiteral("Fix plan")).contains(QStringLiteral("Nothing to run")));
    }

    void cliRefusesOtherFormats()
    {
        QByteArray out, err;
        QCOMPARE(runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demo.url(),
                                QStringLiteral("--migrations"), m_demo.migrationsPath,
                                QStringLiteral("--format"), QStringLiteral("xml")},
                               &out, &err),
                 2);
        QVERIFY(out.isEmpty());
        QVERIFY2(err.contains("--format must be text, json, html or markdown, not 'xml'"),
                 err.constData());
        // The report formats are check's alone: the other commands still take text|json.
        QCOMPARE(runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_demo.url(),
                                QStringLiteral("--format"), QStringLiteral("html")},
                               &out, &err),
                 2);
        QVERIFY2(err.contains("--format must be text or json, not 'html'"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCheckReport)
#include "test_check_report.moc"
