#include "report/ReportChanges.h"

#include "replay/ApplyOperation.h"
#include "report/DriftReportFormat.h"

#include <QMap>

namespace migconsole {

namespace {

QString findingKey(const Finding &finding)
{
    return findingKindName(finding.kind) + u' ' + findingObjectPath(finding);
}

QString stepKey(const PreflightStep &step)
{
    QString key = step.revision + u' ' + step.op + u' ' + stepObjectPath(step);
    if (step.conflict)
        key += QStringLiteral(" (") + stepConflictName(*step.conflict) + u')';
    return key;
}

QString orNone(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("(none)") : text;
}

QString plural(qsizetype n, const char *one, const char *many)
{
    return QString::number(n) + u' ' + QLatin1String(n == 1 ? one : many);
}

} // namespace

bool ReportChanges::isEmpty() const
{
    return appeared.isEmpty() && resolved.isEmpty() && changed.isEmpty() && newFailures.isEmpty() &&
           clearedFailures.isEmpty() && currentBefore == currentAfter;
}

QString ReportChanges::summary() const
{
    if (isEmpty())
        return QStringLiteral("no change");
    QStringList parts;
    if (!appeared.isEmpty())
        parts << plural(appeared.size(), "new finding", "new findings");
    if (!resolved.isEmpty())
        parts << plural(resolved.size(), "finding resolved", "findings resolved");
    if (!changed.isEmpty())
        parts << plural(changed.size(), "finding changed", "findings changed");
    if (!newFailures.isEmpty())
        parts << plural(newFailures.size(), "new predicted failure", "new predicted failures");
    if (!clearedFailures.isEmpty())
        parts << plural(clearedFailures.size(), "predicted failure cleared", "predicted failures cleared");
    if (currentBefore != currentAfter)
        parts << QStringLiteral("revision %1 → %2")
                     .arg(orNone(currentBefore.join(u',')), orNone(currentAfter.join(u',')));
    return parts.join(QStringLiteral(" · "));
}

QStringList ReportChanges::details() const
{
    QStringList lines;
    for (const QString &f : appeared)
        lines << QStringLiteral("new: ") + f;
    for (const QString &f : resolved)
        lines << QStringLiteral("resolved: ") + f;
    for (const QString &f : changed)
        lines << QStringLiteral("changed: ") + f;
    for (const QString &s : newFailures)
        lines << QStringLiteral("will now fail: ") + s;
    for (const QString &s : clearedFailures)
        lines << QStringLiteral("no longer fails: ") + s;
    if (currentBefore != currentAfter)
        lines << QStringLiteral("database revision: %1 → %2")
                     .arg(orNone(currentBefore.join(u',')), orNone(currentAfter.join(u',')));
    return lines;
}

ReportChanges compareReports(const DriftReport &before, const DriftReport &after)
{
    ReportChanges changes;
    QMap<QString, const Finding *> earlier;
    for (const Finding &f : before.drift)
        earlier.insert(findingKey(f), &f);
    QMap<QString, const Finding *> later;
    for (const Finding &f : after.drift)
        later.insert(findingKey(f), &f);
    for (auto it = later.cbegin(); it != later.cend(); ++it) {
        const auto previous = earlier.constFind(it.key());
        if (previous == earlier.cend()) {
            changes.appeared << it.key();
        } else if ((*previous)->actual != it.value()->actual ||
                   (*previous)->expected != it.value()->expected) {
            changes.changed << QStringLiteral("%1: actual was %2, now %3")
                                   .arg(it.key(), orNone((*previous)->actual),
                                        orNone(it.value()->actual));
        }
    }
    for (auto it = earlier.cbegin(); it != earlier.cend(); ++it)
        if (!later.contains(it.key()))
            changes.resolved << it.key();

    QStringList failedBefore;
    for (const PreflightStep &step : before.failingSteps())
        failedBefore << stepKey(step);
    QStringList failedAfter;
    for (const PreflightStep &step : after.failingSteps())
        failedAfter << stepKey(step);
    for (const QString &key : failedAfter)
        if (!failedBefore.contains(key))
            changes.newFailures << key;
    for (const QString &key : failedBefore)
        if (!failedAfter.contains(key))
            changes.clearedFailures << key;

    changes.currentBefore = before.history.current;
    changes.currentAfter = after.history.current;
    return changes;
}

} // namespace migconsole
