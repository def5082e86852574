// migconsole: with a sub-command it runs headless (CliCommands); otherwise it opens the
// desktop console. Both use the same core.

#include "BuildInfo.h"
#include "CliCommands.h"
#include "CommandLine.h"
#include "MainWindow.h"
#include "ResourcePaths.h"
#include "log/Logging.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

using namespace migconsole;

namespace {

void configureApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("migconsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MIGCONSOLE_VERSION));
}

} // namespace

int main(int argc, char **argv)
{
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();

    if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("--version") || migconsole::isCliCommand(first)) {
        QCoreApplication app(argc, argv);
        configureApplication();
        if (first == QLatin1String("--version")) {
            std::fputs(migconsole::versionText().toUtf8().constData(), stdout);
            return 0;
        }
        if (first.startsWith(QLatin1Char('-'))) {
            std::fputs(migconsole::usageText().toUtf8().constData(), stdout);
            return 0;
        }
        return migconsole::runCliCommand(first, app.arguments().mid(2));
    }

    QApplication app(argc, argv);
    configureApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Migration Console"));
    // Ties the window to the installed desktop entry (Wayland uses it for the icon and name).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.migconsole.MigrationConsole"));
    QApplication::setWindowIcon(QIcon(migconsole::resources::appIcon()));
    migconsole::setupLogging(spdlog::level::info);

    // The console itself takes --demo, or a database to open at once (same options as the CLI).
    const CommandSpec spec{QStringLiteral("migconsole"),
                           {kDb, kPasswordEnv, kConnectTimeout}, {}, {QStringLiteral("--demo")}, 0};
    QString usageError;
    const auto line = CommandLine::parse(spec, app.arguments().mid(1), &usageError);
    if (!line) {
        std::fprintf(stderr, "migconsole: %s (see 'migconsole --help')\n", qPrintable(usageError));
        return 2;
    }
    std::optional<ConnectionSettings> initial;
    if (line->has(kDb)) {
        const auto settings = connectionSettings(*line);
        if (!settings) {
            std::fprintf(stderr, "migconsole: %s\n", qPrintable(settings.error().message));
            return 2;
        }
        initial = *settings;
    }
    MainWindow window;
    window.show();
    if (line->has(QStringLiteral("--demo")))
        window.openDemo();
    else if (initial)
        window.openConnection(*initial);
    return app.exec();
}
