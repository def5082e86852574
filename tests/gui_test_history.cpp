// The history pane, offscreen: the model under QAbstractItemModelTester, statuses and lanes
// by role, the status-bar wording, filtering, problems, the revision's facts and script, and
// the delegate's nodes painted in their lanes. Lane layout: gui_test_history_lanes.cpp; the
// main window with core's Alembic loader: gui_test_history_window.cpp.
#include "HistoryLaneDelegate.h"
#include "HistoryLaneLayout.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "ToolHistoryModel.h"
#include "HistoryRevisionView.h"
#include "HistoryTestSupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>

using namespace migconsole;
using namespace migconsole::historytest;

class HistoryTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void modelRowsAndRoles();
    void modelPassesTester();
    void refreshKeepsRowsWithoutReset();
    void databaseSummaryWording();
    void panelFiltersAndHidesLanes();
    void panelShowsScriptAndFacts();
    void panelListsProblems();
    void delegatePaintsCurrentMarkerInItsLane();
    void panelShowsAnotherToolsHistory();

private:
    QTemporaryDir m_dir;
};

void HistoryTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

namespace {

/// B branches into C1 / C2, M merges them; the database is at C1 (one branch applied).
QList<HistoryLaneNode> branchMergeNodes()
{
    return {node("M", {"C1", "C2"}), node("C2", {"B"}), node("C1", {"B"}, {}, {"billing"}),
            node("B", {"A"}), node("A", {})};
}

} // namespace

void HistoryTest::modelRowsAndRoles()
{
    HistoryModel model;
    model.setHistory(historyOf(branchMergeNodes(), strings({"C1"})));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
    QCOMPARE(model.revisionAt(model.index(0, 0)), QStringLiteral("M"));
    QCOMPARE(model.indexForRevision(QStringLiteral("C2")).row(), 1);
    QVERIFY(!model.indexForRevision(QStringLiteral("nope")).isValid());
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.indexForRevision(model.revisionAt(model.index(row, 1))).row(), row);

    auto status = [&](const char *id) {
        return RevisionStatus(
            model.indexForRevision(QString::fromLatin1(id)).data(HistoryModel::StatusRole).toInt());
    };
    QCOMPARE(status("M"), RevisionStatus::Pending);
    QCOMPARE(status("C2"), RevisionStatus::Pending);
    QCOMPARE(status("C1"), RevisionStatus::Current);
    QCOMPARE(status("B"), RevisionStatus::Applied);
    QCOMPARE(status("A"), RevisionStatus::Applied);

    const QModelIndex c1 =
        model.indexForRevision(QStringLiteral("C1"), HistoryModel::RevisionColumn);
    QCOMPARE(c1.data().toString(), QStringLiteral("C1 (billing)"));
    QCOMPARE(model.index(0, HistoryModel::RevisionColumn).data().toString(),
             QStringLiteral("M (head)"));
    QCOMPARE(model.index(c1.row(), HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("current"));
    QCOMPARE(model.index(c1.row(), HistoryModel::FileColumn).data().toString(),
             QStringLiteral("versions/C1.py:7"));
    QCOMPARE(model.index(c1.row(), HistoryModel::MessageColumn).data().toString(),
             QStringLiteral("revision C1"));
    QVERIFY(c1.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model.index(0, 1).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(model.index(c1.row(), 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("recorded in alembic_version")));
    QCOMPARE(model.index(c1.row(), 0).data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("C1 current"));

    // Lanes by role, as the layout computed them.
    QCOMPARE(model.index(1, 0).data(HistoryModel::LaneRole).toInt(), 1);
    QCOMPARE(model.index(2, 0).data(HistoryModel::LaneRole).toInt(), 0);
    QCOMPARE(model.index(3, 0).data(HistoryModel::LaneCountRole).toInt(), 2);
    const auto row0 = model.index(0, 0).data(HistoryModel::LaneRowRole).value<HistoryLaneRow>();
    QCOMPARE(edgeCodes(row0), codes({"L0>0", "L0>1"}));
    QVERIFY(model.index(0, 0).data(HistoryModel::IsHeadRole).toBool());
    QVERIFY(!model.index(1, 0).data(HistoryModel::IsHeadRole).toBool());
    QCOMPARE(model.childrenOf(QStringLiteral("B")), strings({"C2", "C1"}));
    QCOMPARE(model.childrenOf(QStringLiteral("M")), QStringList());

    // Unknown ids come first and have no file.
    const auto nodes = QList<HistoryLaneNode>{node("zz99", {})} + branchMergeNodes();
    model.setHistory(historyOf(nodes, {}, strings({"zz99"})));
    QCOMPARE(model.index(0, HistoryModel::StatusColumn).data().toString(),
             QStringLiteral("unknown"));
    QCOMPARE(model.index(0, HistoryModel::FileColumn).data().toString(), QString());
    QCOMPARE(model.index(0, HistoryModel::MessageColumn).data().toString(),
             QStringLiteral("no script defines this revision"));
    QCOMPARE(model.index(1, 0).data(HistoryModel::LaneRole).toInt(), 0);
}

void HistoryTest::modelPassesTester()
{
    HistoryModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterKeyColumn(-1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(historyOf(branchMergeNodes(), strings({"C1"})));
    model.setHistory(historyOf(branchMergeNodes(), strings({"M"}))); // same rows: dataChanged
    proxy.setFilterRegularExpression(QStringLiteral("C"));           // case-sensitive here: C1, C2
    QCOMPARE(proxy.rowCount(), 2);
    model.setHistory(historyOf(generatedNodes(300), strings({"r0150"})));
    proxy.setFilterRegularExpression(QString());
    QCOMPARE(proxy.rowCount(), 300);
    model.setHistory({});
    QCOMPARE(proxy.rowCount(), 0);
}

void HistoryTest::refreshKeepsRowsWithoutReset()
{
    HistoryModel model;
    model.setHistory(historyOf(branchMergeNodes(), strings({"B"})));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The database moved on (upgrade): same revisions, new statuses.
    model.setHistory(historyOf(branchMergeNodes(), strings({"M"})));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(RevisionStatus(model.index(0, 0).data(HistoryModel::StatusRole).toInt()),
             RevisionStatus::Current);
    // Different revisions: a reset.
    model.setHistory(historyOf({node("B", {"A"}), node("A", {})}, strings({"A"})));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
}

void HistoryTest::databaseSummaryWording()
{
    const QList<HistoryLaneNode> linear = {node("c3d4", {"a1b2"}), node("a1b2", {})};
    QCOMPARE(HistoryModel::databaseSummary(historyOf(linear, strings({"c3d4"}))),
             QStringLiteral("at c3d4 (head)"));
    QCOMPARE(HistoryModel::databaseSummary(
                 historyOf({node("041", {"040"}), node("040", {})}, strings({"040"}))),
             QStringLiteral("at 040 — 1 pending"));
    QCOMPARE(HistoryModel::databaseSummary(historyOf(linear)), QString()); // no database
    MigrationHistory bare = historyOf(linear);
    bare.hasDatabase = true;
    QCOMPARE(HistoryModel::databaseSummary(bare), QStringLiteral("not under Alembic"));
    bare.tool = QStringLiteral("flyway");
    bare.toolMigrations = {ToolMigration{}, ToolMigration{}};
    QCOMPARE(HistoryModel::databaseSummary(bare),
             QStringLiteral("not under Alembic (flyway: 2 migrations)"));
    MigrationHistory empty = historyOf(linear, strings({"a1b2"}));
    empty.current.clear();
    empty.pending = strings({"c3d4", "a1b2"});
    QCOMPARE(HistoryModel::databaseSummary(empty),
             QStringLiteral("no revision applied — 2 pending"));
    const auto unknown =
        historyOf(QList<HistoryLaneNode>{node("zz99", {})} + linear, {}, strings({"zz99"}));
    QCOMPARE(HistoryModel::databaseSummary(unknown),
             QStringLiteral("at zz99 — 1 unknown revision — 2 pending"));
    // Two heads applied (upgrade heads): both rows, no pending.
    QCOMPARE(HistoryModel::databaseSummary(historyOf(
                 {node("H1", {"B"}), node("H2", {"B"}), node("B", {})}, strings({"H1", "H2"}))),
             QStringLiteral("at H1, H2 (heads)"));
}

void HistoryTest::panelFiltersAndHidesLanes()
{
    HistoryPanel panel;
    panel.setHistory(historyOf(branchMergeNodes(), strings({"C1"})));
    QCOMPARE(panel.currentRevision(), QStringLiteral("C1")); // the database's revision
    QVERIFY(panel.laneDelegate()->edgesVisible());
    panel.filterEdit()->setText(QStringLiteral("pending"));
    panel.applyFilter();
    QCOMPARE(panel.proxy()->rowCount(), 2); // M and C2
    QVERIFY(!panel.laneDelegate()->edgesVisible());
    QCOMPARE(panel.proxy()->index(1, HistoryModel::RevisionColumn).data().toString(),
             QStringLiteral("C2"));
    // Selecting a hidden revision clears the filter.
    QVERIFY(panel.selectRevision(QStringLiteral("A")));
    QVERIFY(panel.filterEdit()->text().isEmpty());
    QCOMPARE(panel.proxy()->rowCount(), 5);
    QVERIFY(panel.laneDelegate()->edgesVisible());
    QCOMPARE(panel.currentRevision(), QStringLiteral("A"));
    QVERIFY(!panel.selectRevision(QStringLiteral("nope")));

    // Filtering by file name and by message too.
    panel.filterEdit()->setText(QStringLiteral("versions/B.py"));
    panel.applyFilter();
    QCOMPARE(panel.proxy()->rowCount(), 1);
    QCOMPARE(panel.currentRevision(), QStringLiteral("B")); // the view moved off hidden A
    panel.filterEdit()->clear();
    panel.applyFilter();
    QVERIFY(panel.selectRevision(QStringLiteral("A")));

    // A refresh keeps the selection.
    panel.setHistory(historyOf(branchMergeNodes(), strings({"M"})));
    QCOMPARE(panel.currentRevision(), QStringLiteral("A"));
    QVERIFY(panel.summaryText().contains(QStringLiteral("at M (head)")));
    QVERIFY(panel.summaryText().contains(QStringLiteral("5 revisions")));
}

void HistoryTest::panelShowsScriptAndFacts()
{
    const QString file = writeScript(m_dir.filePath(QStringLiteral("c1_add_billing.py")),
                                     QStringLiteral("\"\"\"add billing\n\nRevision ID: C1\n"
                                                    "Revises: B\nCreate Date: 2025-11-01\n"
                                                    "\"\"\"\nfrom alembic import op\n\n"
                                                    "revision = \"C1\"\ndown_revision = \"B\"\n"
                                                    "branch_labels = (\"billing\",)\n"));
    QVERIFY(!file.isEmpty());
    MigrationHistory history = historyOf(branchMergeNodes(), strings({"C1"}));
    for (HistoryEntry &entry : history.entries) {
        if (entry.revision.id == QLatin1String("C1")) {
            entry.revision.filePath = file;
            entry.revision.location = {QStringLiteral("versions/c1_add_billing.py"), 9};
            entry.revision.dependsOn = strings({"A"});
        }
    }
    HistoryPanel panel;
    QSignalSpy changed(&panel, &HistoryPanel::currentRevisionChanged);
    panel.setHistory(history);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("C1"));
    HistoryRevisionView *view = panel.revisionView();
    QCOMPARE(view->fact(QStringLiteral("Revision")), QStringLiteral("C1"));
    QCOMPARE(view->fact(QStringLiteral("Parents")), QStringLiteral("B"));
    QCOMPARE(view->fact(QStringLiteral("Children")), QStringLiteral("M"));
    QCOMPARE(view->fact(QStringLiteral("Labels")), QStringLiteral("billing"));
    QCOMPARE(view->fact(QStringLiteral("Depends on")), QStringLiteral("A"));
    QCOMPARE(view->fact(QStringLiteral("Status")),
             QStringLiteral("current (recorded in alembic_version)"));
    QCOMPARE(view->fact(QStringLiteral("File")), QStringLiteral("versions/c1_add_billing.py:9"));
    QCOMPARE(view->fact(QStringLiteral("Created")), QStringLiteral("2025-11-01 10:12:03"));
    QCOMPARE(view->title(), QStringLiteral("C1 — revision C1"));

    QsciScintilla *script = view->scriptView();
    QVERIFY(!script->isHidden());
    QVERIFY(script->isReadOnly());
    QVERIFY(qobject_cast<QsciLexerPython *>(script->lexer()));
    QVERIFY(script->text().contains(QStringLiteral("revision = \"C1\"")));
    QCOMPARE(view->scriptPath(), file);
    int line = -1, index = -1;
    script->getCursorPosition(&line, &index);
    QCOMPARE(line, 8); // 0-based: the `revision =` line is marked and current
    QVERIFY(script->markersAtLine(8) != 0);

    // The head and the base, then a revision whose file is gone.
    QVERIFY(panel.selectRevision(QStringLiteral("M")));
    QCOMPARE(view->fact(QStringLiteral("Children")), QStringLiteral("— (head)"));
    QCOMPARE(view->fact(QStringLiteral("Parents")), QStringLiteral("C1, C2"));
    QVERIFY(!view->factLabels().contains(QStringLiteral("Labels"))); // none: no row of dashes
    QVERIFY(!view->factLabels().contains(QStringLiteral("Depends on")));
    QVERIFY(view->fact(QStringLiteral("Script")).startsWith(QStringLiteral("cannot read")));
    QVERIFY(script->isHidden());
    QVERIFY(panel.selectRevision(QStringLiteral("A")));
    QCOMPARE(view->fact(QStringLiteral("Parents")), QStringLiteral("— (base)"));
    QCOMPARE(changed.count(), 3);

    // Unknown: no script at all, said in words.
    panel.setHistory(historyOf(QList<HistoryLaneNode>{node("zz99", {})} + branchMergeNodes(), {},
                               strings({"zz99"})));
    QVERIFY(panel.selectRevision(QStringLiteral("zz99")));
    QVERIFY(view->fact(QStringLiteral("Status")).startsWith(QStringLiteral("unknown")));
    QVERIFY(view->fact(QStringLiteral("Script")).startsWith(QStringLiteral("none")));
    QVERIFY(!view->factLabels().contains(QStringLiteral("Parents")));
}

void HistoryTest::panelListsProblems()
{
    const QString file = writeScript(m_dir.filePath(QStringLiteral("b.py")),
                                     QStringLiteral("revision = 'B'\ndown_revision = 'A'\n"
                                                    "depends_on = helper()\n"));
    MigrationHistory history = historyOf(branchMergeNodes());
    QCOMPARE(history.entries[3].revision.id, QStringLiteral("B"));
    history.entries[3].revision.filePath = file;
    history.entries[3].revision.location = {QStringLiteral("versions/b.py"), 1};

    HistoryPanel panel;
    panel.show();
    panel.setHistory(history);
    QVERIFY(!panel.problemsShown());            // none: no list taking room
    QVERIFY(panel.currentRevision().isEmpty()); // no database: nothing to preselect
    QVERIFY(panel.summaryText().startsWith(QStringLiteral("5 revisions")));

    history.problems = {HistoryProblem{HistoryProblem::Kind::UnresolvedValue,
                                       {QStringLiteral("versions/b.py"), 3},
                                       QStringLiteral("depends_on is not a literal")},
                        HistoryProblem{HistoryProblem::Kind::MultipleHeads,
                                       {},
                                       QStringLiteral("2 heads: upgrade head would refuse")}};
    panel.setHistory(history);
    QVERIFY(panel.problemsShown());
    QCOMPARE(panel.problemsList()->count(), 2);
    QCOMPARE(panel.problemsList()->item(0)->text(),
             QStringLiteral("versions/b.py:3 — depends_on is not a literal"));
    QCOMPARE(panel.problemsList()->item(1)->text(),
             QStringLiteral("2 heads: upgrade head would refuse"));
    // Activating a problem opens its revision at the line.
    emit panel.problemsList()->itemActivated(panel.problemsList()->item(0));
    QCOMPARE(panel.currentRevision(), QStringLiteral("B"));
    QVERIFY(panel.revisionView()->scriptView()->markersAtLine(2) != 0);

    panel.showMessage(QStringLiteral("Cannot read the migrations folder"));
    QVERIFY(!panel.problemsShown());
    QCOMPARE(panel.model()->rowCount(), 0);
    QCOMPARE(panel.summaryText(), QStringLiteral("Cannot read the migrations folder"));
}

void HistoryTest::delegatePaintsCurrentMarkerInItsLane()
{
    HistoryPanel panel;
    panel.resize(520, 640);
    // M also depends_on A (a dashed third lane); X names a parent no script defines (a
    // dotted stub with a cross bar).
    QList<HistoryLaneNode> nodes = branchMergeNodes();
    nodes[0].dependsOn = strings({"A"});
    panel.setHistory(historyOf(QList<HistoryLaneNode>{node("zz99", {})} + nodes +
                                   QList<HistoryLaneNode>{node("X", {"gone"})},
                               strings({"C2"}), strings({"zz99"})));
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.selectRevision(QStringLiteral("A"))); // keep the selection off the rows we probe
    QTreeView *view = panel.view();
    view->scrollToTop();
    QCOMPARE(view->header()->sectionSize(HistoryModel::GraphColumn),
             HistoryLaneDelegate::graphWidth(3));
    const QImage image = view->viewport()->grab().toImage();

    // Each node's centre pixel has its status colour, in the lane the layout gave it.
    auto centreColour = [&](const char *id, int dx = 0) {
        const QModelIndex source =
            panel.model()->indexForRevision(QString::fromLatin1(id), HistoryModel::GraphColumn);
        const QRect cell = view->visualRect(panel.proxy()->mapFromSource(source));
        if (!view->viewport()->rect().contains(cell))
            qWarning("row of %s is not in view", id);
        const int lane = source.data(HistoryModel::LaneRole).toInt();
        const int x = cell.left() + HistoryLaneDelegate::kMargin +
                      lane * HistoryLaneDelegate::kLaneWidth + HistoryLaneDelegate::kLaneWidth / 2;
        const qreal dpr = image.devicePixelRatio();
        return image.pixelColor(int((x + dx) * dpr), int(cell.center().y() * dpr));
    };
    auto near = [](const QColor &a, const QColor &b) {
        return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                   std::abs(a.blue() - b.blue()) <
               60;
    };
    const QColor c2 = centreColour("C2");
    QVERIFY2(near(c2, HistoryLaneDelegate::statusColour(RevisionStatus::Current)),
             qPrintable(c2.name()));
    QVERIFY(near(centreColour("B"), HistoryLaneDelegate::statusColour(RevisionStatus::Applied)));
    // The unknown square, beside its "?" glyph.
    const QColor unknown = centreColour("zz99", -5);
    QVERIFY2(near(unknown, HistoryLaneDelegate::statusColour(RevisionStatus::Unknown)),
             qPrintable(unknown.name()));
    // Pending is hollow: its centre is the background, not the status colour.
    QVERIFY(!near(centreColour("M"), HistoryLaneDelegate::statusColour(RevisionStatus::Pending)));
    saveScreenshot(panel, QStringLiteral("history_panel_branch_merge"));
}

void HistoryTest::panelShowsAnotherToolsHistory()
{
    MigrationHistory history;
    history.hasDatabase = true;
    history.tool = QStringLiteral("flyway");
    history.toolMigrations = {{QStringLiteral("1"), QStringLiteral("init"), QStringLiteral("2025-01-01T00:00:00"), false},
                              {QStringLiteral("2"), QStringLiteral("add games"), QStringLiteral("2025-01-02T00:00:00"), true}};
    HistoryPanel panel;
    panel.resize(400, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setHistory(history);
    QVERIFY(panel.toolView()->isVisible());
    QVERIFY(!panel.view()->isVisible()); // no Alembic revisions: the tool's table is all there is
    ToolHistoryModel *model = panel.toolModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->failedCount(), 1);
    QCOMPARE(model->index(1, ToolHistoryModel::StateColumn).data().toString(), QStringLiteral("failed"));
    QCOMPARE(model->index(0, ToolHistoryModel::StateColumn).data().toString(), QStringLiteral("applied"));
    QVERIFY(!model->index(1, ToolHistoryModel::StateColumn).data(Qt::DecorationRole).isNull());
    QVERIFY(panel.summaryText().contains(QStringLiteral("not under Alembic (flyway: 2 migrations)")));
    QVERIFY(panel.summaryText().contains(QStringLiteral("flyway history below: 1 failed")));

    panel.setHistory({}); // an Alembic history again: the tool's table goes away
    QVERIFY(!panel.toolView()->isVisible());
    QVERIFY(panel.view()->isVisible());
    QCOMPARE(model->rowCount(), 0);
}

QTEST_MAIN(HistoryTest)
#include "gui_test_history.moc"
