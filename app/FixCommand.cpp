// `migconsole fix`: plan the repairs of a check, then preview, dry-run or apply them.

#include "CliCommands.h"
#include "CliSupport.h"

#include "db/ConnectionLoss.h"
#include "fix/Executor.h"
#include "fix/FixCheck.h"
#include "report/DriftReportFormat.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace migconsole::cli {

namespace {

const QString kCommand = QStringLiteral("fix");

/// "5s", "300ms", "5min", "2.5s" or bare seconds → milliseconds; nullopt when malformed.
std::optional<int> durationMs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\d+(?:\.\d+)?)\s*(ms|s|min)?\s*$)"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    const double ms = unit == QLatin1String("ms") ? value : unit == QLatin1String("min") ? value * 60000 : value * 1000;
    if (ms < 1 || ms > 24.0 * 3600 * 1000)
        return std::nullopt;
    return int(ms);
}

QJsonObject executionToJson(const ExecutionResult &result)
{
    QJsonArray statements;
    for (int i = 0; i < result.results.size(); ++i) {
        const StatementResult &r = result.results.at(i);
        QJsonObject item{{QStringLiteral("index"), i},
                         {QStringLiteral("outcome"), statementOutcomeName(r.outcome)},
                         {QStringLiteral("elapsed_ms"), r.elapsedMs}};
        if (!r.error.isEmpty())
            item.insert(QStringLiteral("error"), r.error);
        if (!r.note.isEmpty())
            item.insert(QStringLiteral("note"), r.note);
        statements.append(item);
    }
    QJsonObject object{{QStringLiteral("mode"), result.mode == ExecuteMode::Apply ? QStringLiteral("apply")
                                                                                 : QStringLiteral("dry-run")},
                       {QStringLiteral("committed"), result.committed},
                       {QStringLiteral("succeeded"), result.succeeded()},
                       {QStringLiteral("statements"), statements}};
    if (!result.error.isEmpty())
        object.insert(QStringLiteral("error"), result.error);
    return object;
}

QString executionToText(const FixPlan &plan, const ExecutionResult &result)
{
    const bool apply = result.mode == ExecuteMode::Apply;
    QString text;
    if (result.succeeded())
        text = apply ? QStringLiteral("Applied %1 statement(s) to %2 in one transaction.\n")
                           .arg(plan.statements.size()).arg(plan.database)
                     : QStringLiteral("Dry-run on %1: all %2 statement(s) succeeded, then rolled back — "
                                      "nothing changed.\n")
                           .arg(plan.database).arg(plan.statements.size());
    else
        text = QStringLiteral("%1 on %2 FAILED — everything was rolled back, nothing changed.\n  %3\n")
                   .arg(apply ? QStringLiteral("Apply") : QStringLiteral("Dry-run"), plan.database, result.error);
    for (int i = 0; i < result.results.size(); ++i) {
        const StatementResult &r = result.results.at(i);
        QString mark;
        switch (r.outcome) {
        case StatementOutcome::Succeeded:
            mark = QStringLiteral("ok    ");
            break;
        case StatementOutcome::Failed:
            mark = QStringLiteral("FAILED");
            break;
        case StatementOutcome::RolledBack:
            mark = QStringLiteral("undone");
            break;
        case StatementOutcome::NotRun:
            mark = QStringLiteral("-     ");
            break;
        }
        const FixStatement &statement = plan.statements.at(i);
        text += QStringLiteral("  %1 %2. %3").arg(mark).arg(i + 1).arg(statement.summary);
        if (!r.error.isEmpty())
            text += QStringLiteral("\n           %1").arg(r.error);
        if (!r.note.isEmpty())
            text += QStringLiteral("  (%1)").arg(r.note);
        text += QLatin1Char('\n');
    }
    return text;
}

} // namespace

int runFix(const CommandLine &line)
{
    int exitCode = 0;
    const auto json = wantsJson(kCommand, line, &exitCode);
    if (!json)
        return exitCode;
    const int modes = int(line.has(kPreview)) + int(line.has(kDryRun)) + int(line.has(kApply));
    if (modes != 1)
        return usageError(kCommand, QStringLiteral("give exactly one of --preview, --dry-run or --apply"));
    if (line.has(kYes) && !line.has(kApply))
        return usageError(kCommand, QStringLiteral("--yes confirms --apply only"));
    ExecuteOptions executeOptions;
    for (const auto &[option, target] : {std::pair{kLockTimeout, &executeOptions.lockTimeoutMs},
                                         std::pair{kStatementTimeout, &executeOptions.statementTimeoutMs}}) {
        if (!line.has(option))
            continue;
        const auto ms = durationMs(line.value(option));
        if (!ms)
            return usageError(kCommand, QStringLiteral("%1 takes a duration such as 5s, 500ms or 5min, not '%2'")
                                            .arg(option, line.value(option)));
        *target = *ms;
    }
    const auto settings = connectionSettings(line);
    if (!settings)
        return fail(kCommand, settings.error());
    auto drift = driftRequestFromLine(kCommand, line, *settings, &exitCode);
    if (!drift)
        return exitCode;

    FixRequest request;
    request.drift = *drift;
    request.options.includeDrops = line.has(kIncludeDrops);
    request.options.concurrentIndexes = line.has(kConcurrently);
    request.options.completeRevisions = !line.has(kNoComplete);

    auto connection = DbConnection::open(*settings);
    if (!connection)
        return fail(kCommand, connection.error());
    if (!line.has(kPreview) && (*connection)->isReadOnly())
        return fail(kCommand, Error{ErrorCode::BadInput,
                                    QStringLiteral("%1 is open read-only: only --preview is possible")
                                        .arg((*connection)->displayUrl()),
                                    {}});
    const auto prepared = prepareFix(**connection, request);
    if (!prepared)
        return fail(kCommand, explainConnectionLoss(**connection, QStringLiteral("planning the fix"),
                                                    prepared.error()));
    const FixPlan &plan = prepared->plan;

    if (line.has(kPreview) || plan.isEmpty()) {
        if (*json)
            printJson(fixPlanToJson(plan));
        else
            writeOut(plan.isEmpty() ? QStringLiteral("-- Nothing to fix on %1.\n").arg(plan.database) + plan.toSql()
                                    : plan.toSql());
        return 0;
    }

    const ExecuteMode mode = line.has(kApply) ? ExecuteMode::Apply : ExecuteMode::DryRun;
    if (mode == ExecuteMode::Apply &&
        !confirmWrite(kCommand, line,
                      QStringLiteral("Apply %1 statement(s) to %2?").arg(plan.statements.size()).arg(plan.database)))
        return 2;
    const auto executed = executeStatements(**connection, plan.statements, mode, executeOptions);
    if (!executed)
        return fail(kCommand, executed.error());

    int code = executed->succeeded() ? 0 : 3;
    QJsonObject output = fixPlanToJson(plan);
    output.insert(QStringLiteral("execution"), executionToJson(*executed));
    QString text = executionToText(plan, *executed);
    if (mode == ExecuteMode::Apply && executed->succeeded()) {
        // Say where the database stands now: the check the operator would run next.
        DriftRequest after = request.drift;
        after.actual.reset();
        const auto check = runDriftCheck(**connection, after);
        if (check) {
            output.insert(QStringLiteral("check_after"), driftReportToJson(*check));
            text += check->clean() ? QStringLiteral("check is now clean.\n")
                                   : QStringLiteral("check still reports %1 finding(s), %2 failing step(s) and "
                                                    "%3 unknown revision(s) — see `migconsole check`.\n")
                                         .arg(check->drift.size())
                                         .arg(check->failingSteps().size())
                                         .arg(check->history.unknown.size());
            if (!check->clean())
                code = 1;
        }
    }
    if (*json)
        printJson(output);
    else
        writeOut(text);
    return code;
}

} // namespace migconsole::cli
