#pragma once

// The pieces the HTML check report is made of, shared by CheckReportHtml.cpp (the document
// and the check's sections) and CheckReportHtmlPlan.cpp (the fix plan).

#include "fix/FixPlan.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole::checkreport::html {

/// Text from the database or the scripts, made inert (escaped; control characters, which
/// neither HTML nor XML text may hold, replaced by U+FFFD).
QString esc(const QString &text);
/// esc() with the text's line breaks kept as <br/> (hazards and notes may span lines).
QString escLines(const QString &text);
/// <code>text</code>, escaped; nothing for an empty text.
QString code(const QString &text);
/// A <td> around markup that is already escaped.
QString cell(const QString &html, const QString &cssClass = {});
/// A full-width table and its heading row (headings are the writer's own words).
QString tableStart(const QStringList &headers);
/// A two-column "label | value" row (the header, the summary, a statement's details).
QString fact(const QString &label, const QString &valueHtml, const QString &cssClass = {});
/// "ERROR" / "WARNING" / "INFO" in bold and in the severity's colour.
QString severityCell(Severity severity);

/// The "Fix plan" section: headline, notes, an overview row per statement, each statement
/// with its facts and SQL, then the findings the plan leaves unfixed.
void writeFixPlan(QString &out, const std::optional<FixPlan> &plan);

} // namespace migconsole::checkreport::html
