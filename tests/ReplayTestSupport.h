#pragma once
// Shared helpers of the core/replay script reader tests.

#include "replay/MigrationScriptParser.h"

#include <QDir>
#include <QStringList>
#include <QTest>

namespace migconsole::replaytest {

inline QString dataPath(const QString &relative)
{
    return QDir(QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/replay")).filePath(relative);
}

inline MigrationScript load(const QString &relative)
{
    const Expected<MigrationScript> script = readMigrationScript(dataPath(relative), relative);
    if (!script.ok())
        qFatal("cannot read fixture %s", qPrintable(relative));
    return script.value();
}

inline QStringList describeOps(const QList<OpCall> &ops)
{
    QStringList out;
    for (const OpCall &op : ops)
        out.append(QString::number(op.location.line) + u' ' + op.toString());
    return out;
}

inline QStringList describeWarnings(const QList<ReplayWarning> &warnings)
{
    QStringList out;
    for (const ReplayWarning &w : warnings)
        out.append(QString::number(w.location.line) + u' ' + w.message);
    return out;
}

// A warning at `line` whose message contains `fragment`.
inline bool hasWarning(const QList<ReplayWarning> &warnings, int line, const QString &fragment)
{
    for (const ReplayWarning &w : warnings) {
        if (w.location.line == line && w.message.contains(fragment))
            return true;
    }
    return false;
}

} // namespace migconsole::replaytest
