// Watch mode's "what changed since the last check": findings matched by what they are about
// (not position), changed values, predicted failures, and the database's revision.
#include "report/ReportChanges.h"

#include <QTest>

using namespace migconsole;

namespace {

Finding finding(FindingKind kind, const QString &table, const QString &object,
                const QString &expected = {}, const QString &actual = {})
{
    Finding f;
    f.kind = kind;
    f.schema = QStringLiteral("public");
    f.table = table;
    f.object = object;
    f.expected = expected;
    f.actual = actual;
    f.severity = defaultSeverity(kind);
    return f;
}

PreflightStep failingStep(const QString &revision, const QString &table)
{
    PreflightStep step;
    step.revision = revision;
    step.op = QStringLiteral("create_table");
    step.schema = QStringLiteral("public");
    step.table = table;
    step.status = StepStatus::WillFail;
    step.conflict = StepConflict::TableExists;
    return step;
}

} // namespace

class ReportChangesTest : public QObject
{
    Q_OBJECT
private slots:
    void sameCheckInAnotherOrderIsNoChange()
    {
        DriftReport before;
        before.history.current = {QStringLiteral("a1")};
        before.drift = {finding(FindingKind::MissingColumn, QStringLiteral("games"), QStringLiteral("key")),
                        finding(FindingKind::ExtraTable, QStringLiteral("system_heartbeats"), {})};
        DriftReport after = before;
        std::reverse(after.drift.begin(), after.drift.end());
        const ReportChanges changes = compareReports(before, after);
        QVERIFY(changes.isEmpty());
        QCOMPARE(changes.summary(), QStringLiteral("no change"));
        QVERIFY(changes.details().isEmpty());
    }

    void newResolvedChangedFailuresAndRevision()
    {
        DriftReport before;
        before.history.current = {QStringLiteral("a1")};
        before.drift = {finding(FindingKind::MissingColumn, QStringLiteral("games"), QStringLiteral("key")),
                        finding(FindingKind::TypeMismatch, QStringLiteral("documents"), QStringLiteral("id"),
                                QStringLiteral("varchar(36)"), QStringLiteral("uuid"))};
        before.steps = {failingStep(QStringLiteral("b2"), QStringLiteral("system_heartbeats"))};

        DriftReport after;
        after.history.current = {QStringLiteral("b2")};
        after.drift = {finding(FindingKind::TypeMismatch, QStringLiteral("documents"), QStringLiteral("id"),
                               QStringLiteral("varchar(36)"), QStringLiteral("text")),
                       finding(FindingKind::ExtraIndex, QStringLiteral("games"), QStringLiteral("ix_manual"))};
        after.steps = {failingStep(QStringLiteral("c3"), QStringLiteral("audit"))};

        const ReportChanges changes = compareReports(before, after);
        QCOMPARE(changes.appeared, QStringList{QStringLiteral("extra_index public.games.ix_manual")});
        QCOMPARE(changes.resolved, QStringList{QStringLiteral("missing_column public.games.key")});
        QCOMPARE(changes.changed.size(), 1);
        QVERIFY(changes.changed.constFirst().contains(QStringLiteral("actual was uuid, now text")));
        QCOMPARE(changes.newFailures.size(), 1);
        QVERIFY(changes.newFailures.constFirst().startsWith(QStringLiteral("c3 create_table public.audit")));
        QCOMPARE(changes.clearedFailures.size(), 1);
        QVERIFY(changes.clearedFailures.constFirst().contains(QStringLiteral("table_exists")));
        const QString summary = changes.summary();
        QVERIFY2(summary.contains(QStringLiteral("1 new finding")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("1 finding resolved")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("revision a1 → b2")), qPrintable(summary));
        QCOMPARE(changes.details().size(), 6);
    }
};

QTEST_APPLESS_MAIN(ReportChangesTest)
#include "test_report_changes.moc"
