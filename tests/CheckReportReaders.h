#pragma once

// Reads an exported check report back as a person would (test_check_report): the HTML as XML,
// the Markdown's tables cell by cell, each sorted under its section heading.

#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

namespace migconsole::test {

using Rows = QList<QStringList>;

/// A report as a reader sees it: per section (the h2 / "## " heading; "Header" before the
/// first), its text and its table rows as cell texts, markup removed.
struct ReadBack
{
    QMap<QString, QString> text;
    QMap<QString, Rows> rows;
    QString problem; ///< why the document could not be read (empty = fine)
};

inline ReadBack readHtml(const QString &html)
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
inline QString renderMarkdownCell(const QString &cell)
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

inline ReadBack readMarkdown(const QString &markdown)
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
inline QStringList rowWith(const Rows &rows, const QStringList &needles)
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

inline QString describeRows(const Rows &rows)
{
    QStringList lines;
    for (const QStringList &row : rows)
        lines.append(row.join(QStringLiteral(" | ")));
    return lines.join(u'\n');
}

} // namespace migconsole::test
