#pragma once

#include <QObject>
#include <QString>

#include <spdlog/common.h>

namespace migconsole {

/// Sets up the default spdlog logger: stderr at `level`, and routes Qt's own messages
/// (qWarning & co.) into spdlog so there is one log. Safe to call more than once.
void setupLogging(spdlog::level::level_enum level);

/// A spdlog sink that re-emits every record as a Qt signal, for the GUI's log pane.
/// Emitted from whatever thread logged: connect with a queued connection.
class LogSignalRelay : public QObject
{
    Q_OBJECT
public:
    /// Attaches a relay to the default logger; it lives as long as the process.
    static LogSignalRelay *install();

signals:
    void messageLogged(int level, const QString &text);
};

} // namespace migconsole
