#pragma once

#include "db/DbConnection.h"
#include "drift/DriftCheck.h"
#include "fix/FixPlan.h"
#include "fix/FixPlanner.h"
#include "util/Expected.h"

#include <QMetaType>

namespace migconsole {

struct FixRequest
{
    DriftRequest drift;   ///< what to compare against (as for `check`)
    FixOptions options;
};

/// What `fix` and the console's "Preview fixes" work from: the check it was planned from
/// and the plan.
struct FixPreparation
{
    DriftReport report;
    FixPlan plan;
};

/// Runs the drift check, decides which half-applied pending revisions can be completed
/// (every step done or in place, none would fail), and plans the statements that repair
/// the drift, perform the completions' missing steps and stamp them — so that after the
/// plan is applied `check` is clean at the (possibly advanced) revision.
Expected<FixPreparation> prepareFix(DbConnection &connection, const FixRequest &request);

} // namespace migconsole

Q_DECLARE_METATYPE(migconsole::FixPreparation)
