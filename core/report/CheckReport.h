#pragma once

#include "drift/DriftCheck.h"
#include "fix/FixPlan.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace migconsole {

/// Everything an exported check report shows: the check, the plan that would repair it and
/// who/when/where facts the check itself does not know.
struct CheckReportInput
{
    DriftReport report;          ///< the check (its `database` is the masked URL)
    std::optional<FixPlan> plan; ///< nullopt = no plan was computed (the report says so)
    QString generatedAt;         ///< ISO-8601 local time, supplied by the caller
    QString profileName;         ///< connection profile name; empty = none
    bool readOnly = false;       ///< the connection was read-only
    bool production = false;     ///< the connection is tagged production (emphasised)
    QString toolVersion;         ///< "migconsole 0.1.0"
};

/// One self-contained HTML5 file (inline CSS; no script, no external resource), written as
/// XHTML-compatible markup (every tag closed, text escaped) so XML tools read it too, and
/// kept to plain tables, h1–h3 and <pre> so QTextDocument (print to PDF) renders it.
/// Sections, in order: header, summary, history, findings, preflight, fix plan, warnings.
QString checkReportToHtml(const CheckReportInput &input);

/// The same sections as GitHub-flavoured Markdown (tables; identifiers in code spans, `|`
/// and backticks escaped so a hostile name cannot break a table).
QString checkReportToMarkdown(const CheckReportInput &input);

/// driftReportToJson(report)'s members (CLI.md `check --format json`) plus:
/// "source_display" (the migrations folder, masked reference URL or snapshot file),
/// "history" (`history --format json`'s object: revisions newest first with status and the
/// pending ones' steps; null when the expected schema is not migrations), "fix_plan"
/// (fixPlanToJson, null when none was computed), "summary" {clean, errors, warnings, info,
/// failing_steps, unknown}, "generated_at", "profile" (null when empty), "read_only",
/// "production" and "tool_version".
QJsonObject checkReportToJson(const CheckReportInput &input);

} // namespace migconsole
