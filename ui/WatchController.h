#pragma once

#include "drift/DriftCheck.h"
#include "report/ReportChanges.h"

#include <QObject>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QTimer;

namespace migconsole {

class DriftController;
class MainWindow;

/// Watch mode for the support engineer: refreshes the check on a timer (or on F5) and says
/// what changed since the previous check of the same database — in the toolbar, and in
/// detail in the log.
class WatchController : public QObject
{
    Q_OBJECT
public:
    WatchController(MainWindow *window, DriftController *drift);

    QAction *watchAction() const { return m_watch; }
    QComboBox *intervalBox() const { return m_interval; }
    QLabel *changesLabel() const { return m_label; }
    bool isWatching() const;
    /// Seconds between refreshes while watching.
    int intervalSeconds() const;
    void setIntervalSeconds(int seconds);
    /// What the last check changed compared with the one before; nullopt before the second.
    const std::optional<migconsole::ReportChanges> &lastChanges() const { return m_changes; }

signals:
    /// A check finished and there was an earlier one of the same database to compare with.
    void changesFound(const migconsole::ReportChanges &changes);

private:
    void setWatching(bool on);
    void tick();
    void onChecked();

    MainWindow *m_window;
    DriftController *m_drift;
    QAction *m_watch;
    QComboBox *m_interval;
    QLabel *m_label;
    QTimer *m_timer;
    std::optional<DriftReport> m_previous;
    std::optional<ReportChanges> m_changes;
};

} // namespace migconsole
