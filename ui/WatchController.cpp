#include "WatchController.h"

#include "DriftController.h"
#include "MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStyle>
#include <QTime>
#include <QTimer>
#include <QToolBar>

#include <spdlog/spdlog.h>

#include <tuple>

namespace migconsole {

WatchController::WatchController(MainWindow *window, DriftController *drift)
    : QObject(window), m_window(window), m_drift(drift), m_watch(new QAction(window)),
      m_interval(new QComboBox(window)), m_label(new QLabel(window)), m_timer(new QTimer(this))
{
    m_watch->setText(QStringLiteral("Watch"));
    m_watch->setIcon(window->style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_watch->setCheckable(true);
    m_watch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    m_watch->setToolTip(QStringLiteral("Refresh the check every few seconds and show what changed "
                                       "(Ctrl+Shift+W)"));
    for (int seconds : {10, 30, 60, 300})
        m_interval->addItem(seconds < 60 ? QStringLiteral("every %1 s").arg(seconds)
                                         : QStringLiteral("every %1 min").arg(seconds / 60),
                            seconds);
    m_interval->setCurrentIndex(1);
    m_interval->setToolTip(QStringLiteral("How often watch mode refreshes"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setContentsMargins(6, 0, 6, 0);

    if (auto *toolBar = window->findChild<QToolBar *>(QStringLiteral("mainToolBar"))) {
        toolBar->addSeparator();
        toolBar->addAction(m_watch);
        toolBar->addWidget(m_interval);
        toolBar->addWidget(m_label);
    }
    connect(m_watch, &QAction::toggled, this, &WatchController::setWatching);
    connect(m_interval, &QComboBox::currentIndexChanged, this,
            [this] { m_timer->setInterval(intervalSeconds() * 1000); });
    connect(m_timer, &QTimer::timeout, this, &WatchController::tick);
    connect(drift, &DriftController::driftChecked, this, &WatchController::onChecked);
    connect(window, &MainWindow::connectionOpened, this, [this] {
        // Another database: comparing its first check with the last one's would be noise.
        m_previous.reset();
        m_changes.reset();
        m_label->clear();
    });
    m_timer->setInterval(intervalSeconds() * 1000);
}

bool WatchController::isWatching() const
{
    return m_watch->isChecked();
}

int WatchController::intervalSeconds() const
{
    return m_interval->currentData().toInt();
}

void WatchController::setIntervalSeconds(int seconds)
{
    int index = m_interval->findData(seconds);
    if (index < 0) {
        m_interval->addItem(QStringLiteral("every %1 s").arg(seconds), seconds);
        index = m_interval->count() - 1;
    }
    m_interval->setCurrentIndex(index);
}

void WatchController::setWatching(bool on)
{
    if (m_watch->isChecked() != on)
        m_watch->setChecked(on);
    if (on) {
        m_timer->start();
        m_label->setText(QStringLiteral("watching…"));
        tick(); // a first refresh now: the operator asked to see the current state
    } else {
        m_timer->stop();
    }
}

void WatchController::tick()
{
    // A refresh still running (a slow catalogue) is not piled onto: the next tick retries.
    if (m_window->isBusy() || m_window->displayUrl().isEmpty())
        return;
    m_window->refresh();
}

void WatchController::onChecked()
{
    const auto report = m_drift->lastReport();
    if (!report)
        return;
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    // Only checks of the same comparison are compared: another source or target (a new
    // folder, Preview fixes' check of the revisions it completes) starts a new baseline.
    const auto comparison = [](const DriftReport &r) {
        return std::tuple(int(r.source), r.sourceDisplay, r.targetRevisions);
    };
    if (m_previous && comparison(*m_previous) != comparison(*report))
        m_previous.reset();
    if (!m_previous) {
        m_previous = *report;
        m_label->setText(QStringLiteral("checked %1").arg(time));
        m_label->setToolTip(QString());
        return;
    }
    m_changes = compareReports(*m_previous, *report);
    m_previous = *report;
    m_label->setText(QStringLiteral("%1 %2: %3")
                         .arg(isWatching() ? QStringLiteral("watching ·") : QString(), time,
                              m_changes->summary())
                         .trimmed());
    const QStringList details = m_changes->details();
    m_label->setToolTip(details.isEmpty() ? QStringLiteral("Nothing changed since the previous check")
                                          : details.join(u'\n'));
    m_label->setStyleSheet(m_changes->isEmpty() ? QString()
                                                : QStringLiteral("font-weight: bold;"));
    for (const QString &line : details)
        spdlog::info("since the previous check: {}", line.toStdString());
    emit changesFound(*m_changes);
}

} // namespace migconsole
