#pragma once

#include "drift/DriftCheck.h"

#include <QJsonObject>
#include <QString>

namespace migconsole {

/// `check --format json` exactly as CLI.md shows it (database, tool, current, heads, pending,
/// unknown, drift, preflight = the will_fail steps, warnings), plus `source` and `target`.
QJsonObject driftReportToJson(const DriftReport &report);

/// The same for a person: one line per finding with its origin, one per failing step.
QString driftReportToText(const DriftReport &report);

/// "versions/x.py:17" (file alone when the line is unknown; empty when neither is).
QString locationText(const SourceLocation &location);

/// "missing_column public.games.external_game_key" style object path of a finding.
QString findingObjectPath(const Finding &finding);

/// "main.player_wellness_state.updated_at": the object a preflight step touches.
QString stepObjectPath(const PreflightStep &step);

} // namespace migconsole
