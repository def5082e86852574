// migconsole_gui_bench URL: opens URL in the real MainWindow (as File ▸ Connect would) and
// prints one JSON object:
//   usable_ms       from the schema reaching the GUI thread to the tree painted and the
//                   event loop free again (the data-arrival moment is the last heartbeat
//                   before the GUI thread blocks to take the schema in);
//   max_block_ms    the longest the GUI thread did not run its event loop, from the
//                   data's arrival to the end of the scripted use below;
//   actions         each scripted action (scroll to the end, expand tables, filter,
//                   clear the filter): the time until the tree is painted with its result,
//                   and the longest block of the event loop meanwhile (Qt lays out and
//                   paints in later events, as it does for a user);
//   peak_rss_mb     VmHWM of the process.
// A 5 ms heartbeat timer on the GUI thread measures blocking: a late beat is a blocked loop.
// The password comes from the URL or $PGPASSWORD and is never printed.

#include "MainWindow.h"
#include "SchemaPanel.h"
#include "db/ConnectionUrl.h"
#include "db/DbConnection.h"
#include "log/Logging.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QScrollBar>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <functional>

using namespace migconsole;

namespace {

double peakRssMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

/// Beats every 5 ms on the GUI thread; remembers the longest gap and when the last beat
/// before it happened.
class Heartbeat : public QObject
{
public:
    explicit Heartbeat(const QElapsedTimer &clock) : m_clock(clock)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] { beat(); });
        m_timer.start();
    }
    void resetMax() { m_maxGap = 0; }
    qint64 maxGap() const { return m_maxGap; }
    qint64 lastBeat() const { return m_last; }
    qint64 beatBefore(qint64 moment) const
    {
        qint64 best = 0;
        for (qint64 beat : m_recent) {
            if (beat <= moment)
                best = beat;
        }
        return best;
    }

private:
    void beat()
    {
        const qint64 now = m_clock.elapsed();
        if (m_last > 0)
            m_maxGap = std::max(m_maxGap, now - m_last - m_timer.interval());
        m_last = now;
        m_recent.append(now);
        if (m_recent.size() > 4096)
            m_recent.remove(0, 2048);
    }

    const QElapsedTimer &m_clock;
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_maxGap = 0;
    QList<qint64> m_recent;
};

/// Remembers when the watched widget last finished painting.
class PaintClock : public QObject
{
public:
    explicit PaintClock(const QElapsedTimer &clock) : m_clock(clock) {}
    qint64 lastPaint = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            const bool handled = QObject::eventFilter(watched, event);
            // The paint runs after the filter returns: note the time on the next turn.
            QTimer::singleShot(0, this, [this] { lastPaint = m_clock.elapsed(); });
            return handled;
        }
        return false;
    }

private:
    const QElapsedTimer &m_clock;
};

/// Lets the event loop run until it has been free for `quiet` ms (nothing queued blocks it).
void settle(Heartbeat &heart, const QElapsedTimer &clock, int quiet = 150)
{
    const qint64 start = clock.elapsed();
    while (clock.elapsed() - start < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        if (clock.elapsed() - heart.lastBeat() < 20 && clock.elapsed() - start > quiet)
            return;
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("migconsole-gui-bench"));
    setupLogging(spdlog::level::warn);
    if (argc < 2) {
        std::fprintf(stderr, "usage: migconsole_gui_bench URL\n");
        return 2;
    }
    const auto url = ConnectionUrl::parse(QString::fromLocal8Bit(argv[1]));
    if (!url) {
        std::fprintf(stderr, "migconsole_gui_bench: %s\n", qPrintable(url.error().message));
        return 2;
    }
    ConnectionSettings settings;
    settings.url = *url;
    settings.passwordEnv = QStringLiteral("PGPASSWORD");

    QElapsedTimer clock;
    clock.start();
    Heartbeat heart(clock);
    MainWindow window;
    window.resize(1400, 850);
    window.show();
    settle(heart, clock);

    qint64 schemaTakenAt = -1;
    QObject::connect(&window, &MainWindow::schemaLoaded, &window,
                     [&] { schemaTakenAt = clock.elapsed(); });
    QString failure;
    QObject::connect(&window, &MainWindow::connectionFailed, &window,
                     [&](const QString &message) { failure = message; });
    window.openConnection(settings);
    while (schemaTakenAt < 0 && failure.isEmpty() && clock.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "migconsole_gui_bench: %s\n", qPrintable(failure));
        return 1;
    }
    // The schema reached the GUI thread at the last beat before the block that took it in.
    const qint64 arrived = heart.beatBefore(schemaTakenAt);
    heart.resetMax();
    QTreeView *tree = window.schemaPanel()->view();
    // Usable: the tree painted with the new rows and the event loop free again (a beat).
    const qint64 lastBeatBeforePaint = heart.lastBeat();
    tree->viewport()->repaint();
    while (heart.lastBeat() == lastBeatBeforePaint)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const qint64 usable = heart.lastBeat() - arrived;
    settle(heart, clock);
    qint64 maxBlock = std::max<qint64>(heart.maxGap(), schemaTakenAt - arrived);

    QJsonArray actions;
    // Each action as a user triggers it: the event loop then runs on its own (Qt lays the
    // tree out and paints it in later events). "ms" is the time until the tree has been
    // painted with the result; the heartbeat gives the longest block of the loop meanwhile.
    PaintClock painted(clock);
    tree->viewport()->installEventFilter(&painted);
    const auto timed = [&](const char *name, const std::function<void()> &action) {
        heart.resetMax();
        painted.lastPaint = -1;
        const qint64 start = clock.elapsed();
        action();
        const qint64 acted = clock.elapsed();
        tree->viewport()->update();
        settle(heart, clock);
        const qint64 took = std::max(acted, painted.lastPaint) - start;
        maxBlock = std::max({maxBlock, heart.maxGap()});
        actions.append(QJsonObject{{QStringLiteral("action"), QString::fromLatin1(name)},
                                   {QStringLiteral("ms"), took},
                                   {QStringLiteral("longest_block_ms"), heart.maxGap()}});
    };
    QAbstractItemModel *model = tree->model();
    // Asked afresh each time: a filter change may reset the proxy's indexes.
    const auto firstNamespace = [model] { return model->index(0, 0); };
    timed("scroll to the end", [&] { tree->verticalScrollBar()->setValue(tree->verticalScrollBar()->maximum()); });
    timed("scroll to the top", [&] { tree->verticalScrollBar()->setValue(0); });
    timed("expand 50 tables", [&] {
        for (int row = 0; row < std::min(50, model->rowCount(firstNamespace())); ++row)
            tree->expand(model->index(row, 0, firstNamespace()));
    });
    timed("filter 'order'", [&] {
        window.schemaPanel()->filterEdit()->setText(QStringLiteral("order"));
        window.schemaPanel()->applyFilter();
    });
    timed("clear the filter", [&] {
        window.schemaPanel()->filterEdit()->clear();
        window.schemaPanel()->applyFilter();
    });

    const QJsonObject result{{QStringLiteral("tables_in_tree"), model->rowCount(firstNamespace())},
                             {QStringLiteral("usable_ms"), usable},
                             {QStringLiteral("max_block_ms"), maxBlock},
                             {QStringLiteral("actions"), actions},
                             {QStringLiteral("peak_rss_mb"), int(peakRssMegabytes())}};
    std::printf("%s", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::printf("\n");
    window.close();
    return 0;
}
