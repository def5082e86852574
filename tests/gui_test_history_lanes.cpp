// The history graph's lane layout, asserted exactly on small graphs like `git log --graph`
// draws them (branch, merge, two heads, two bases, unknown ids, missing parents, depends_on,
// cycles), and a 5,000-revision history laid out, modelled and shown.
#include "HistoryLaneLayout.h"
#include "HistoryPanel.h"
#include "HistoryTestSupport.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace migconsole;
using namespace migconsole::historytest;

namespace {

QList<int> lanesOf(const HistoryLaneLayout &layout)
{
    QList<int> lanes;
    for (const HistoryLaneRow &row : layout.rows())
        lanes.append(row.lane);
    return lanes;
}

/// Lines must meet: the lanes leaving row r at its bottom edge are exactly the lanes entering
/// row r+1 at its top edge.
bool edgesConnect(const HistoryLaneLayout &layout, QString *why)
{
    const auto &rows = layout.rows();
    for (qsizetype r = 0; r + 1 < rows.size(); ++r) {
        QSet<int> leaving, entering;
        for (const HistoryLaneEdge &e : rows[r].edges)
            if (e.part == HistoryLaneEdge::Part::Lower && !e.dangling)
                leaving.insert(e.to);
        for (const HistoryLaneEdge &e : rows[r + 1].edges)
            if (e.part == HistoryLaneEdge::Part::Upper)
                entering.insert(e.from);
        if (leaving != entering) {
            *why = QStringLiteral("rows %1/%2 do not meet").arg(r).arg(r + 1);
            return false;
        }
    }
    return true;
}

HistoryLaneLayout layoutOf(const QList<HistoryLaneNode> &nodes, bool dependsOn = true)
{
    HistoryLaneLayout::Options options;
    options.dependsOn = dependsOn;
    return HistoryLaneLayout::compute(nodes, options);
}

} // namespace

class HistoryLanesTest : public QObject
{
    Q_OBJECT
private slots:
    void linearIsOneLane();
    void branchAndMergeSplitAndJoin();
    void twoHeadsConvergeOnTheirBase();
    void multipleBasesKeepTheirLanes();
    void unknownIdsAndMissingParents();
    void dependsOnIsDashedAndOptional();
    void cyclesAndDuplicatesDoNotRunForever();
    void fiveThousandRevisions();
};

void HistoryLanesTest::linearIsOneLane()
{
    const auto layout = layoutOf({node("C", {"B"}), node("B", {"A"}), node("A", {})});
    QCOMPARE(lanesOf(layout), (QList<int>{0, 0, 0}));
    QCOMPARE(layout.laneCount(), 1);
    QCOMPARE(edgeCodes(layout.rows()[0]), codes({"L0>0"}));
    QCOMPARE(edgeCodes(layout.rows()[1]), codes({"U0>0", "L0>0"}));
    QCOMPARE(edgeCodes(layout.rows()[2]), codes({"U0>0"}));
}

void HistoryLanesTest::branchAndMergeSplitAndJoin()
{
    // B branches into C1 and C2; M merges them. Drawn like git log --graph:
    //   M     *
    //   C2    |*
    //   C1    *|
    //   B     */
    //   A     *
    const auto layout = layoutOf({node("M", {"C1", "C2"}), node("C2", {"B"}), node("C1", {"B"}),
                                  node("B", {"A"}), node("A", {})});
    QCOMPARE(lanesOf(layout), (QList<int>{0, 1, 0, 0, 0}));
    QCOMPARE(layout.laneCount(), 2);
    const auto &rows = layout.rows();
    QCOMPARE(edgeCodes(rows[0]), codes({"L0>0", "L0>1"}));
    QCOMPARE(edgeCodes(rows[1]), codes({"U0>0", "U1>1", "L0>0", "L1>1"}));
    QCOMPARE(edgeCodes(rows[2]), codes({"U0>0", "U1>1", "L0>0", "L1>1"}));
    QCOMPARE(edgeCodes(rows[3]), codes({"U0>0", "U1>0", "L0>0"}));
    QCOMPARE(edgeCodes(rows[4]), codes({"U0>0"}));
    QCOMPARE(rows[3].width, 2);
    QCOMPARE(rows[4].width, 1);
    // The merge's second line keeps its own colour down to where it joins.
    QCOMPARE(rows[0].edges[1].colour, rows[3].edges[1].colour);
    QVERIFY(rows[0].edges[0].colour != rows[0].edges[1].colour);
}

void HistoryLanesTest::twoHeadsConvergeOnTheirBase()
{
    const auto layout =
        layoutOf({node("H1", {"B"}), node("H2", {"B"}), node("B", {"A"}), node("A", {})});
    QCOMPARE(lanesOf(layout), (QList<int>{0, 1, 0, 0}));
    QCOMPARE(edgeCodes(layout.rows()[0]), codes({"L0>0"}));
    QCOMPARE(edgeCodes(layout.rows()[1]), codes({"U0>0", "L0>0", "L1>1"}));
    QCOMPARE(edgeCodes(layout.rows()[2]), codes({"U0>0", "U1>0", "L0>0"}));
    QString why;
    QVERIFY2(edgesConnect(layout, &why), qPrintable(why));
}

void HistoryLanesTest::multipleBasesKeepTheirLanes()
{
    // Two independent lineages (two bases), interleaved by date.
    const auto layout =
        layoutOf({node("X2", {"X1"}), node("Y2", {"Y1"}), node("X1", {}), node("Y1", {})});
    QCOMPARE(lanesOf(layout), (QList<int>{0, 1, 0, 1}));
    QCOMPARE(edgeCodes(layout.rows()[2]), codes({"U0>0", "U1>1", "L1>1"}));
    QCOMPARE(edgeCodes(layout.rows()[3]), codes({"U1>1"}));
    QCOMPARE(layout.rows()[3].width, 2);
    // A base then frees its lane: a later head reuses lane 0 instead of widening the graph.
    const auto reuse = layoutOf({node("X1", {}), node("Y2", {"Y1"}), node("Y1", {})});
    QCOMPARE(lanesOf(reuse), (QList<int>{0, 0, 0}));
    QString why;
    QVERIFY2(edgesConnect(layout, &why), qPrintable(why));
}

void HistoryLanesTest::unknownIdsAndMissingParents()
{
    // An unknown id (recorded, no script) on top; C names a parent no script defines.
    const auto layout =
        layoutOf({node("zz99", {}), node("C", {"gone", "B"}), node("B", {"A"}), node("A", {})});
    QCOMPARE(lanesOf(layout), (QList<int>{0, 0, 0, 0}));
    QVERIFY(layout.rows()[0].edges.isEmpty());
    QCOMPARE(layout.rows()[0].width, 1);
    // The missing parent is a stub; the real one still continues the lane.
    QCOMPARE(edgeCodes(layout.rows()[1]), codes({"L0>0!", "L0>0"}));
    QCOMPARE(edgeCodes(layout.rows()[3]), codes({"U0>0"}));
    QCOMPARE(layout.laneCount(), 1);
    QString why;
    QVERIFY2(edgesConnect(layout, &why), qPrintable(why));
}

void HistoryLanesTest::dependsOnIsDashedAndOptional()
{
    // D depends_on "core" (B's branch label): a dashed line to B that does not merge.
    const auto nodes = QList<HistoryLaneNode>{node("D", {"C"}, {"core"}), node("C", {"B"}),
                                              node("B", {"A"}, {}, {"core"}), node("A", {})};
    const auto layout = layoutOf(nodes);
    QCOMPARE(lanesOf(layout), (QList<int>{0, 0, 0, 0}));
    QCOMPARE(edgeCodes(layout.rows()[0]), codes({"L0>0", "L0>1~"}));
    QCOMPARE(edgeCodes(layout.rows()[1]), codes({"U0>0", "U1>1~", "L0>0", "L1>1~"}));
    QCOMPARE(edgeCodes(layout.rows()[2]), codes({"U0>0", "U1>0~", "L0>0"}));
    QString why;
    QVERIFY2(edgesConnect(layout, &why), qPrintable(why));

    const auto without = layoutOf(nodes, false);
    QCOMPARE(without.laneCount(), 1);
    QCOMPARE(edgeCodes(without.rows()[0]), codes({"L0>0"}));
    // An unresolvable depends_on draws nothing (the problems list reports it).
    QCOMPARE(edgeCodes(layoutOf({node("B", {"A"}, {"nowhere"}), node("A", {})}).rows()[0]),
             codes({"L0>0"}));
}

void HistoryLanesTest::cyclesAndDuplicatesDoNotRunForever()
{
    // A and B name each other: the line to the row above cannot be drawn down, so a stub.
    const auto cycle = layoutOf({node("A", {"B"}), node("B", {"A"})});
    QCOMPARE(edgeCodes(cycle.rows()[0]), codes({"L0>0"}));
    QCOMPARE(edgeCodes(cycle.rows()[1]), codes({"U0>0", "L0>0!"}));
    // A parent listed twice is one line; a duplicated row id does not reopen lanes.
    const auto twice = layoutOf({node("B", {"A", "A"}), node("A", {}), node("A", {})});
    QCOMPARE(edgeCodes(twice.rows()[0]), codes({"L0>0"}));
    QCOMPARE(twice.laneCount(), 1);
    QVERIFY(twice.rows()[2].edges.isEmpty());
}

void HistoryLanesTest::fiveThousandRevisions()
{
    const QList<HistoryLaneNode> nodes = generatedNodes(5000);
    QElapsedTimer timer;
    timer.start();
    const auto layout = layoutOf(nodes);
    const qint64 elapsed = timer.elapsed();
    qInfo("5,000 revisions laid out in %lld ms, %d lanes", elapsed, layout.laneCount());
    QCOMPARE(layout.rows().size(), 5000);
    QVERIFY2(elapsed < 2000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    QVERIFY(layout.laneCount() <= 6); // a few short branches open at once, never thousands
    QString why;
    QVERIFY2(edgesConnect(layout, &why), qPrintable(why));

    // The model and view take it too.
    HistoryPanel panel;
    panel.resize(400, 600);
    timer.restart();
    panel.setHistory(historyOf(nodes));
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    qInfo("5,000-row panel filled and shown in %lld ms", timer.elapsed());
    QCOMPARE(panel.proxy()->rowCount(), 5000);
    saveScreenshot(panel, QStringLiteral("history_panel_generated"));
}

QTEST_MAIN(HistoryLanesTest)
#include "gui_test_history_lanes.moc"
