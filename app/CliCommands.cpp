#include "CliCommands.h"

#include "CommandLine.h"
#include "CliSupport.h"
#include "db/ConnectionLoss.h"
#include "db/DbConnection.h"
#include "db/Introspector.h"
#include "demo/DemoDatabase.h"
#include "drift/DriftCheck.h"
#include "fix/FixCheck.h"
#include "history/MigrationHistory.h"
#include "log/Logging.h"
#include "report/CheckReport.h"
#include "report/DriftReportFormat.h"
#include "report/HistoryReport.h"
#include "report/SchemaText.h"
#include "schema/SchemaJson.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <functional>

namespace migconsole {

namespace {

using namespace cli;

int runDemo(const CommandLine &line)
{
    int exitCode = 0;
    const auto json = wantsJson(QStringLiteral("demo"), line, &exitCode);
    if (!json)
        return exitCode;
    const QString directory =
        line.positionals().isEmpty() ? defaultDemoDirectory() : line.positionals().constFirst();
    const auto demo = writeDemo(directory);
    if (!demo)
        return fail(QStringLiteral("demo"), demo.error());
    if (*json)
        printJson(QJsonObject{{QStringLiteral("db"), demo->url()},
                              {QStringLiteral("migrations"), demo->migrationsPath}});
    else
        writeOut(demo->url() + QLatin1Char('\n') + demo->migrationsPath + QLatin1Char('\n'));
    return 0;
}

int runSchema(const CommandLine &line)
{
    const QString command = QStringLiteral("schema");
    int exitCode = 0;
    const auto json = wantsJson(command, line, &exitCode);
    if (!json)
        return exitCode;
    const auto settings = connectionSettings(line);
    if (!settings)
        return fail(command, settings.error());

    IntrospectOptions options;
    options.sideConnection = true; // a CLI run owns its connection: no transaction is open
    for (const QString &value : line.values(kSchema))
        options.namespaces += value.split(QLatin1Char(','), Qt::SkipEmptyParts);

    auto connection = DbConnection::open(*settings);
    if (!connection)
        return fail(command, connection.error());
    const auto schema = introspect(**connection, options);
    if (!schema) // a lost session is told as such, naming the database
        return fail(command, explainConnectionLoss(**connection, QStringLiteral("reading its schema"),
                                                   schema.error()));

    const QString database = settings->url.toDisplayString();
    if (*json) {
        printJsonStreamed([&](JsonWriter &writer) {
            writer.key(QLatin1String("database")).value(database);
            writeSchemaMembers(writer, *schema);
        });
    } else {
        writeOut(schemaToText(*schema, database));
    }
    return 0;
}

int runHistory(const CommandLine &line)
{
    const QString command = QStringLiteral("history");
    int exitCode = 0;
    const auto json = wantsJson(command, line, &exitCode);
    if (!json)
        return exitCode;
    if (!line.has(kMigrations) && !line.has(kDb))
        return usageError(command, QStringLiteral("--migrations DIR is required (and --db URL to "
                                                  "judge the revisions against a database)"));
    std::unique_ptr<DbConnection> connection;
    QString database;
    if (line.has(kDb)) {
        const auto settings = connectionSettings(line);
        if (!settings)
            return fail(command, settings.error());
        auto opened = DbConnection::open(*settings);
        if (!opened)
            return fail(command, opened.error());
        connection = std::move(opened).value();
        database = settings->url.toDisplayString();
    }
    const VersionTableOptions options{line.value(kVersionTable), line.value(kVersionTableSchema)};
    std::optional<MigrationHistory> history;
    QList<PreflightStep> steps;
    if (connection && line.has(kMigrations)) {
        // With both a database and scripts, each pending revision's steps are simulated on
        // the live schema (the same preflight `check` runs).
        DriftRequest request;
        request.migrationsPath = line.value(kMigrations);
        request.versionTable = options;
        auto report = runDriftCheck(*connection, request);
        if (!report)
            return fail(command, report.error());
        history = report->history;
        steps = report->steps;
    } else {
        auto loaded = loadMigrationHistory(connection.get(), line.value(kMigrations), options);
        if (!loaded)
            return fail(command, loaded.error());
        history = std::move(loaded).value();
    }
    if (*json)
        printJsonStreamed([&](JsonWriter &writer) { writeHistoryJson(writer, *history, database, steps); });
    else
        writeOut(historyToText(*history, database, steps));
    // Exit 2 only when nothing usable was found: a folder whose every file was broken.
    const bool nothingUsable = line.has(kMigrations) && history->entries.isEmpty() &&
                               !history->problems.isEmpty();
    return nothingUsable ? 2 : 0;
}

/// `check --format html|markdown`: the check, the plan `fix` would run for it (default
/// options) and who/when, as one document for people. The catalogue is read once: the plan
/// is prepared against the live schema the check has just read.
int printCheckReport(const QString &command, const QString &format, DbConnection &connection,
                     const DriftRequest &request, const DriftReport &report)
{
    FixRequest fixRequest{request, FixOptions{}};
    fixRequest.drift.actual = report.actual;
    auto preparation = prepareFix(connection, fixRequest);
    if (!preparation)
        return fail(command, preparation.error());

    CheckReportInput input;
    input.report = report; // the check as `check` judged it, not the plan's re-check
    input.plan = std::move(preparation->plan);
    const QDateTime now = QDateTime::currentDateTime();
    input.generatedAt = now.toOffsetFromUtc(now.offsetFromUtc()).toString(Qt::ISODate);
    input.readOnly = connection.isReadOnly();
    input.production = connection.isProduction();
    input.toolVersion = QStringLiteral("migconsole " MIGCONSOLE_VERSION);
    writeOut(format == QLatin1String("html") ? checkReportToHtml(input) : checkReportToMarkdown(input));
    return report.clean() ? 0 : 1;
}

int runCheck(const CommandLine &line)
{
    const QString command = QStringLiteral("check");
    int exitCode = 0;
    const auto format = outputFormat(command, line,
                                     {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("html"),
                                      QStringLiteral("markdown")},
                                     &exitCode);
    if (!format)
        return exitCode;
    const auto settings = connectionSettings(line);
    if (!settings)
        return fail(command, settings.error());
    const auto request = driftRequestFromLine(command, line, *settings, &exitCode);
    if (!request)
        return exitCode;

    auto connection = DbConnection::open(*settings);
    if (!connection)
        return fail(command, connection.error());
    const auto report = runDriftCheck(**connection, *request);
    if (!report)
        return fail(command, explainConnectionLoss(**connection, QStringLiteral("checking it for drift"),
                                                   report.error()));
    if (*format == QLatin1String("html") || *format == QLatin1String("markdown"))
        return printCheckReport(command, *format, **connection, *request, *report);
    if (*format == QLatin1String("json"))
        printJson(driftReportToJson(*report));
    else
        writeOut(driftReportToText(*report));
    return report->clean() ? 0 : 1;
}

struct Command
{
    CommandSpec spec;
    std::function<int(const CommandLine &)> run; ///< empty = listed in CLI.md, not built yet
};

const QList<Command> &commands()
{
    const QStringList connection = {kDb, kPasswordEnv, kConnectTimeout};
    static const QList<Command> list = {
        {{QStringLiteral("demo"), {kFormat}, {}, {kVerbose}, 1}, runDemo},
        {{QStringLiteral("schema"), connection + QStringList{kFormat, kSchema}, {kSchema}, {kVerbose}, 0},
         runSchema},
        {{QStringLiteral("history"),
          connection + QStringList{kFormat, kMigrations, kVersionTable, kVersionTableSchema},
          {},
          {kVerbose},
          0},
         runHistory},
        {{QStringLiteral("check"),
          connection + QStringList{kFormat, kMigrations, kReference, kReferencePasswordEnv, kSnapshot,
                                   kTarget, kSchema, kVersionTable, kVersionTableSchema},
          {kSchema},
          {kVerbose},
          0},
         runCheck},
        {{QStringLiteral("fix"),
          connection + QStringList{kFormat, kMigrations, kReference, kReferencePasswordEnv, kSnapshot,
                                   kTarget, kSchema, kVersionTable, kVersionTableSchema,
                                   kLockTimeout, kStatementTimeout},
          {kSchema},
          {kVerbose, kPreview, kDryRun, kApply, kYes, kIncludeDrops, kConcurrently, kNoComplete},
          0},
         runFix},
        {{QStringLiteral("stamp"),
          connection + QStringList{kFormat, kMigrations, kVersionTable, kVersionTableSchema},
          {},
          {kVerbose, kPreview, kYes, kPurge},
          8},
         runStamp},
    };
    return list;
}

} // namespace

Expected<ConnectionSettings> connectionSettings(const CommandLine &line)
{
    if (!line.has(kDb))
        return Error{ErrorCode::BadInput, QStringLiteral("--db URL is required"), {}};
    auto url = ConnectionUrl::parse(line.value(kDb));
    if (!url)
        return url.error();
    ConnectionSettings settings;
    settings.url = *url;
    settings.passwordEnv = line.value(kPasswordEnv);
    if (line.has(kConnectTimeout)) {
        bool ok = false;
        const int seconds = line.value(kConnectTimeout).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600)
            return Error{ErrorCode::BadInput,
                         QStringLiteral("--connect-timeout must be whole seconds from 1 to 3600"),
                         {}};
        settings.connectTimeoutSeconds = seconds;
    }
    return settings;
}

bool isCliCommand(const QString &word)
{
    for (const Command &c : commands()) {
        if (c.spec.name == word)
            return true;
    }
    return false;
}

int runCliCommand(const QString &name, const QStringList &arguments)
{
    for (const Command &command : commands()) {
        if (command.spec.name != name)
            continue;
        if (!command.run)
            return usageError(name, QStringLiteral("this command is not part of this build yet"));
        QString error;
        const auto line = CommandLine::parse(command.spec, arguments, &error);
        if (!line)
            return usageError(name, error);
        setupLogging(line->has(kVerbose) ? spdlog::level::debug : spdlog::level::warn);
        return command.run(*line);
    }
    return usageError(name, QStringLiteral("unknown command"));
}

QString usageText()
{
    return QStringLiteral(
        "Migration Console %1 — database migration triage\n"
        "\n"
        "  migconsole                          open the desktop console\n"
        "  migconsole --demo                   open it on the bundled demo database\n"
        "  migconsole --db URL                 open it connected to URL\n"
        "  migconsole demo [DIR] [--format text|json]\n"
        "                                      write a fresh demo database + migrations into DIR\n"
        "  migconsole schema --db URL [--format text|json] [--schema S]...\n"
        "                                      print the live schema\n"
        "  migconsole history [--db URL] --migrations DIR [--format text|json]\n"
        "                     [--version-table T] [--version-table-schema S]\n"
        "                                      the Alembic revisions and their status on the database\n"
        "  migconsole check --db URL (--migrations DIR | --reference URL | --snapshot FILE)\n"
        "                   [--target current|head|REV] [--format text|json|html|markdown]\n"
        "                   [--schema S]...\n"
        "                                      compare the live schema with the expected one;\n"
        "                                      predict which pending migration steps will fail;\n"
        "                                      html / markdown: a report to hand on, with history,\n"
        "                                      findings, preflight and the fix plan\n"
        "  migconsole fix --db URL (--migrations DIR | --reference URL | --snapshot FILE)\n"
        "                 (--preview | --dry-run | --apply [--yes]) [--target ...] [--format text|json]\n"
        "                 [--include-drops] [--concurrently] [--no-complete]\n"
        "                 [--lock-timeout 5s] [--statement-timeout 5min]\n"
        "                                      repair the drift with idempotent SQL: show it, try it\n"
        "                                      and roll back, or apply it in one transaction\n"
        "  migconsole stamp --db URL --migrations DIR REVISION... [--preview] [--purge] [--yes]\n"
        "                                      mark revisions as applied (Alembic's stamp)\n"
        "\n"
        "Connection options: --db URL, --password-env VAR, --connect-timeout SECONDS (default 10)\n"
        "URLs: postgresql://user:pass@host:port/dbname?sslmode=require, sqlite:///path.db\n"
        "A password may also come from PGPASSWORD. Passwords are never printed.\n"
        "Exit codes: 0 done, 1 drift found, 2 bad usage or input, 3 database error.\n")
        .arg(QStringLiteral(MIGCONSOLE_VERSION));
}

} // namespace migconsole
