// The drift check's other faces, offscreen, with hand-built values: preflight warnings in the
// history (icon, tooltip, half-applied, per-step list and lines) and the "Compare against"
// selector's requests (never a password on screen).
#include "CompareSelector.h"
#include "DriftPresentation.h"
#include "GuiDriftTestSupport.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "HistoryRevisionView.h"
#include "HistoryTestSupport.h"

#include <QComboBox>
#include <QIcon>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTest>
#include <QTreeWidget>
#include <Qsci/qsciscintilla.h>

using namespace migconsole;
using namespace migconsole::historytest;

namespace {

/// A applied, B current, C pending (C's steps come from drifttest::steps()).
MigrationHistory history()
{
    return historyOf({node("C", {"B"}), node("B", {"A"}), node("A", {})}, strings({"B"}));
}

} // namespace

class DriftHistoryTest : public QObject
{
    Q_OBJECT
private slots:
    void failingRevisionCarriesWarning();
    void preflightSurvivesHistoryRefresh();
    void revisionViewListsSteps();
    void selectorEmitsRequests();
    void selectorMasksReferencePassword();
};

void DriftHistoryTest::failingRevisionCarriesWarning()
{
    HistoryModel model;
    model.setHistory(history());
    const QModelIndex c = model.indexForRevision(QStringLiteral("C"));
    const QModelIndex b = model.indexForRevision(QStringLiteral("B"));
    QVERIFY(!c.data(HistoryModel::WillFailRole).toBool());
    QVERIFY(!c.data(Qt::DecorationRole).isValid());

    model.setPreflight(drifttest::steps());
    QVERIFY(c.data(HistoryModel::WillFailRole).toBool());
    QVERIFY(!b.data(HistoryModel::WillFailRole).toBool());
    QVERIFY(!c.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(!b.data(Qt::DecorationRole).isValid());
    const QString tip = c.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("already exists")) && tip.contains(QStringLiteral("21")),
             qPrintable(tip));
    // One step in place (the column exists as it would make it), one not: half-applied.
    QVERIFY(c.data(HistoryModel::HalfAppliedRole).toBool());
    QCOMPARE(model.index(c.row(), HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("pending · half-applied"));
    QCOMPARE(model.index(b.row(), HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("current"));

    model.setPreflight({});
    QVERIFY(!c.data(HistoryModel::WillFailRole).toBool());
}

void DriftHistoryTest::preflightSurvivesHistoryRefresh()
{
    HistoryModel model;
    model.setHistory(history());
    model.setPreflight(drifttest::steps());
    model.setHistory(history()); // a refresh arrives before the next check
    QVERIFY(model.indexForRevision(QStringLiteral("C")).data(HistoryModel::WillFailRole).toBool());
}

void DriftHistoryTest::revisionViewListsSteps()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MigrationHistory h = history();
    QString script;
    for (int line = 1; line <= 30; ++line)
        script += QStringLiteral("# line %1\n").arg(line);
    for (HistoryEntry &entry : h.entries) {
        entry.revision.filePath = dir.filePath(entry.revision.id + QStringLiteral(".py"));
        writeScript(entry.revision.filePath, script);
    }
    HistoryPanel panel;
    panel.setHistory(h);
    panel.setPreflight(drifttest::steps());
    QVERIFY(panel.selectRevision(QStringLiteral("C")));
    HistoryRevisionView *view = panel.revisionView();
    QTreeWidget *steps = view->stepsView();
    QCOMPARE(steps->topLevelItemCount(), 2);
    // Status, step, object, line, reason.
    QCOMPARE(steps->topLevelItem(0)->text(0), QStringLiteral("will fail"));
    QCOMPARE(steps->topLevelItem(0)->text(1), QStringLiteral("add_column"));
    QCOMPARE(steps->topLevelItem(0)->text(2), QStringLiteral("player_wellness_state.updated_at"));
    QCOMPARE(steps->topLevelItem(0)->text(3), QStringLiteral("21"));
    QVERIFY(steps->topLevelItem(0)->text(4).contains(QStringLiteral("already exists")));
    QVERIFY(!steps->topLevelItem(0)->icon(0).isNull());
    QCOMPARE(steps->topLevelItem(1)->text(0), QStringLiteral("will apply"));
    QVERIFY(steps->topLevelItem(1)->text(4).isEmpty());
    QVERIFY(view->fact(QStringLiteral("Preflight")).contains(QStringLiteral("half-applied")));

    // Clicking a step shows its line in the script.
    steps->setCurrentItem(steps->topLevelItem(1));
    int line = 0;
    int index = 0;
    view->scriptView()->getCursorPosition(&line, &index);
    QCOMPARE(line + 1, 25);

    // A revision without steps shows no list.
    QVERIFY(panel.selectRevision(QStringLiteral("B")));
    QCOMPARE(steps->topLevelItemCount(), 0);
    QVERIFY(view->fact(QStringLiteral("Preflight")).isEmpty());

    // Opening an origin by revision and by file alone.
    QVERIFY(panel.showScriptLine(QStringLiteral("C"), {QStringLiteral("versions/C.py"), 21}));
    QCOMPARE(panel.currentRevision(), QStringLiteral("C"));
    QVERIFY(panel.showScriptLine({}, {QStringLiteral("versions/A.py"), 3}));
    QCOMPARE(panel.currentRevision(), QStringLiteral("A"));
    QVERIFY(!panel.showScriptLine({}, {QStringLiteral("versions/nope.py"), 3}));
}

void DriftHistoryTest::selectorEmitsRequests()
{
    CompareSelector selector;
    selector.setMigrationsPath(QStringLiteral("/project"));
    QList<DriftRequest> emitted;
    QObject::connect(&selector, &CompareSelector::requestChanged, &selector,
                     [&emitted](const DriftRequest &request) { emitted.append(request); });

    // The default: the scripts at the database's own revision.
    DriftRequest request = selector.request();
    QCOMPARE(request.source, ExpectedSource::Migrations);
    QCOMPARE(request.target, QStringLiteral("current"));
    QCOMPARE(request.migrationsPath, QStringLiteral("/project"));
    QCOMPARE(selector.combo()->currentIndex(), int(CompareSelector::DatabaseRevision));

    selector.chooseHead();
    QCOMPARE(emitted.size(), 1);
    QCOMPARE(emitted.last().target, QStringLiteral("head"));
    QCOMPARE(emitted.last().source, ExpectedSource::Migrations);

    selector.chooseRevision(QStringLiteral("B"));
    QCOMPARE(emitted.last().target, QStringLiteral("B"));
    QCOMPARE(selector.combo()->currentText(), QStringLiteral("Revision… B"));

    selector.chooseSnapshot(QStringLiteral("/tmp/prod.json"));
    QCOMPARE(emitted.last().source, ExpectedSource::Snapshot);
    QCOMPARE(emitted.last().snapshotPath, QStringLiteral("/tmp/prod.json"));
    QCOMPARE(selector.combo()->itemText(CompareSelector::ChosenRevision), QStringLiteral("Revision…"));

    selector.chooseDatabaseRevision();
    QCOMPARE(emitted.size(), 4);
    QCOMPARE(emitted.last().source, ExpectedSource::Migrations);
    QCOMPARE(emitted.last().target, QStringLiteral("current"));

    // "Check" re-runs what is chosen.
    int checks = 0;
    QObject::connect(&selector, &CompareSelector::checkRequested, &selector, [&checks] { ++checks; });
    selector.checkButton()->click();
    QCOMPARE(checks, 1);
}

void DriftHistoryTest::selectorMasksReferencePassword()
{
    CompareSelector selector;
    const auto url = ConnectionUrl::parse(
        QStringLiteral("postgresql://app:s3cret-pw@staging.example:5432/app"));
    QVERIFY(bool(url));
    ConnectionSettings settings;
    settings.url = *url;
    DriftRequest last;
    QObject::connect(&selector, &CompareSelector::requestChanged, &selector,
                     [&last](const DriftRequest &request) { last = request; });
    selector.chooseReference(settings);
    QCOMPARE(last.source, ExpectedSource::Reference);
    QCOMPARE(last.reference.url.host, QStringLiteral("staging.example"));
    const QString shown = selector.combo()->currentText();
    QVERIFY2(shown.contains(QStringLiteral("***")), qPrintable(shown));
    QVERIFY(!shown.contains(QStringLiteral("s3cret-pw")));
}

QTEST_MAIN(DriftHistoryTest)
#include "gui_test_drift_history.moc"
