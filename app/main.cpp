// migconsole: with a sub-command it runs headless (CliCommands); otherwise it opens the
// desktop console. Both use the same core.

#include "CliCommands.h"
#include "MainWindow.h"
#include "ResourcePaths.h"
#include "log/Logging.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

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
            std::printf("migconsole %s\n", MIGCONSOLE_VERSION);
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
    QApplication::setWindowIcon(QIcon(migconsole::resources::appIcon()));
    migconsole::setupLogging(spdlog::level::info);

    const QStringList arguments = app.arguments().mid(1);
    for (const QString &argument : arguments) {
        if (argument != QLatin1String("--demo")) {
            std::fprintf(stderr, "migconsole: unknown argument '%s' (see 'migconsole --help')\n",
                         argument.toLocal8Bit().constData());
            return 2;
        }
    }
    migconsole::MainWindow window;
    window.show();
    if (arguments.contains(QStringLiteral("--demo")))
        window.openDemo();
    return app.exec();
}
