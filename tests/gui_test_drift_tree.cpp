// Drift in the schema tree, the details pane and the findings list, offscreen, with a
// hand-built report: ghost rows with their roles and colours, markers on collapsed tables,
// the findings filters, and a selected finding selecting its (ghost) row in the tree.
#include "DetailsPane.h"
#include "DriftPresentation.h"
#include "GuiDriftTestSupport.h"
#include "FindingsModel.h"
#include "FindingsPanel.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFont>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace migconsole;
using namespace migconsole::drifttest;
using drift::DriftState;

namespace {

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent,
                        const QString &name)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex child = model.index(r, 0, parent);
        if (child.data().toString() == name)
            return child;
    }
    return {};
}

DriftState stateOf(const QModelIndex &index)
{
    return DriftState(index.data(SchemaTreeModel::DriftStateRole).toInt());
}

QString details(const QModelIndex &index)
{
    return index.siblingAtColumn(SchemaTreeModel::DetailsColumn).data().toString();
}

QColor foreground(const QModelIndex &index)
{
    return index.data(Qt::ForegroundRole).value<QColor>();
}

} // namespace

class DriftTreeTest : public QObject
{
    Q_OBJECT
private slots:
    void ghostRowsForMissingObjects();
    void mismatchAndExtraRows();
    void noFindingsLooksLikeToday();
    void modelWithDriftPassesTester();
    void everyFindingHasItsRow();
    void detailsPaneShowsFindingAndOrigin();
    void findingsFilters();
    void selectingFindingSelectsTreeRow();
    void summaryWording();
};

void DriftTreeTest::ghostRowsForMissingObjects()
{
    SchemaTreeModel model;
    model.setSchema(actualSchema());
    QCOMPARE(model.rowCount(model.index(0, 0)), 3);
    QCOMPARE(model.rowCount(model.indexForTable(QStringLiteral("public"), QStringLiteral("games"))),
             2 + 1); // two columns and the constraints group, no indexes

    model.setDrift(findings(), expectedSchema());
    QVERIFY(model.hasDrift());
    QCOMPARE(model.rowCount(model.index(0, 0)), 4); // the missing table is a ghost row
    const QModelIndex games = model.indexForTable(QStringLiteral("public"), QStringLiteral("games"));
    const QModelIndex ghost = childNamed(model, games, QStringLiteral("external_game_key"));
    QVERIFY(ghost.isValid());
    QCOMPARE(stateOf(ghost), DriftState::Missing);
    QVERIFY(ghost.data(Qt::FontRole).value<QFont>().italic());
    QCOMPARE(foreground(ghost), drift::colour(DriftState::Missing));
    QCOMPARE(ghost.siblingAtColumn(SchemaTreeModel::TypeColumn).data().toString(),
             QStringLiteral("varchar(64)")); // the expected type
    QVERIFY2(details(ghost).startsWith(drift::marker(DriftState::Missing)), qPrintable(details(ghost)));

    // Folder counts include ghosts: games gains an "Indexes (1)" group with the ghost index.
    const QModelIndex indexes = childNamed(model, games, QStringLiteral("Indexes (1)"));
    QVERIFY(indexes.isValid());
    const QModelIndex ghostIndex = model.index(0, 0, indexes);
    QCOMPARE(ghostIndex.data().toString(), QStringLiteral("ix_games_external_game_key"));
    QCOMPARE(stateOf(ghostIndex), DriftState::Missing);

    // A missing table: the row and everything in it are ghosts.
    const QModelIndex heartbeats =
        model.indexForTable(QStringLiteral("public"), QStringLiteral("system_heartbeats"));
    QVERIFY(heartbeats.isValid());
    QCOMPARE(stateOf(heartbeats), DriftState::Missing);
    QCOMPARE(model.rowCount(heartbeats), 2 + 1);
    QCOMPARE(stateOf(model.index(1, 0, heartbeats)), DriftState::Missing);
    QVERIFY(details(heartbeats).contains(QStringLiteral("missing")));

    // Untouched rows stay as they were.
    const QModelIndex id = childNamed(model, games, QStringLiteral("id"));
    QCOMPARE(stateOf(id), DriftState::None);
    QVERIFY(!id.data(Qt::ForegroundRole).isValid());
    QVERIFY(!id.data(Qt::FontRole).isValid());
}

void DriftTreeTest::mismatchAndExtraRows()
{
    SchemaTreeModel model;
    model.setSchema(actualSchema());
    model.setDrift(findings(), expectedSchema());
    const QModelIndex documents =
        model.indexForTable(QStringLiteral("public"), QStringLiteral("documents"));
    const QModelIndex docId = childNamed(model, documents, QStringLiteral("id"));
    QCOMPARE(stateOf(docId), DriftState::Mismatch);
    QCOMPARE(foreground(docId), drift::colour(DriftState::Mismatch));
    QVERIFY2(details(docId).contains(QStringLiteral("expected varchar(36), actual uuid")),
             qPrintable(details(docId)));
    QVERIFY(!docId.data(Qt::FontRole).isValid()); // present: not a ghost

    const QModelIndex extra =
        model.indexForTable(QStringLiteral("public"), QStringLiteral("legacy_stats"));
    QCOMPARE(stateOf(extra), DriftState::Extra);
    QCOMPARE(foreground(extra), drift::colour(DriftState::Extra));
    QVERIFY(details(extra).startsWith(drift::marker(DriftState::Extra)));

    // A collapsed table still says there is drift inside, in words and by count.
    const QModelIndex games = model.indexForTable(QStringLiteral("public"), QStringLiteral("games"));
    QCOMPARE(games.data(SchemaTreeModel::FindingCountRole).toInt(), 3);
    QCOMPARE(stateOf(games), DriftState::None);
    QVERIFY2(details(games).startsWith(QStringLiteral("⚠ 3 findings")), qPrintable(details(games)));
    QCOMPARE(model.index(0, 0).data(SchemaTreeModel::FindingCountRole).toInt(), 6);
}

void DriftTreeTest::noFindingsLooksLikeToday()
{
    SchemaTreeModel plain;
    plain.setSchema(actualSchema());
    SchemaTreeModel drifted;
    drifted.setSchema(actualSchema());
    drifted.setDrift({}, expectedSchema());
    QVERIFY(!drifted.hasDrift());
    QCOMPARE(drifted.schema(), plain.schema()); // no ghosts without findings
    const QModelIndex games = drifted.indexForTable(QStringLiteral("public"), QStringLiteral("games"));
    QCOMPARE(details(games), QStringLiteral("2 columns"));
    QVERIFY(!games.data(Qt::ForegroundRole).isValid());

    // A new live schema forgets the drift that was about the old one.
    drifted.setDrift(findings(), expectedSchema());
    QCOMPARE(drifted.rowCount(drifted.index(0, 0)), 4);
    drifted.setSchema(actualSchema());
    QVERIFY(!drifted.hasDrift());
    QCOMPARE(drifted.rowCount(drifted.index(0, 0)), 3);
}

void DriftTreeTest::modelWithDriftPassesTester()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSchema(actualSchema());
    model.setDrift(findings(), expectedSchema());
    model.clearDrift();
    model.setDrift(findings(), expectedSchema());
}

void DriftTreeTest::everyFindingHasItsRow()
{
    SchemaTreeModel model;
    model.setSchema(actualSchema());
    model.setDrift(findings(), expectedSchema());
    for (const Finding &finding : findings()) {
        const QModelIndex row = model.indexForFinding(finding);
        QVERIFY2(row.isValid(), qPrintable(drift::objectPath(finding)));
        const QString expectedName =
            finding.object.isEmpty() ? finding.table : finding.object;
        QCOMPARE(row.data().toString(), expectedName);
        QVERIFY(model.findingsAt(row).contains(finding));
    }
}

void DriftTreeTest::detailsPaneShowsFindingAndOrigin()
{
    SchemaPanel panel;
    DetailsPane details;
    QObject::connect(&panel, &SchemaPanel::currentObjectChanged, &details, &DetailsPane::showObject);
    QObject::connect(&panel, &SchemaPanel::currentFindingsChanged, &details,
                     &DetailsPane::showFindings);
    panel.setSchema(actualSchema());
    panel.setDrift(findings(), expectedSchema());
    const Finding missing = findings().at(1);
    QVERIFY(panel.selectFinding(missing));
    QCOMPARE(details.title(), QStringLiteral("public.games.external_game_key"));
    QCOMPARE(details.fact(QStringLiteral("Type")), QStringLiteral("varchar(64)"));
    const QString shown = details.fact(QStringLiteral("Finding"));
    QVERIFY2(shown.contains(QStringLiteral("missing_column")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("expected: varchar(64)")));
    QVERIFY(shown.contains(QStringLiteral("severity: error")));
    QCOMPARE(details.fact(QStringLiteral("Origin")), QStringLiteral("C — versions/C.py:24"));
    QVERIFY(details.fact(QStringLiteral("Remedy")).contains(QStringLiteral("applied")));

    // A mismatch shows both sides.
    QVERIFY(panel.selectFinding(findings().at(0)));
    const QString mismatch = details.fact(QStringLiteral("Finding"));
    QVERIFY(mismatch.contains(QStringLiteral("expected: varchar(36)")));
    QVERIFY(mismatch.contains(QStringLiteral("actual: uuid")));
    QVERIFY(details.fact(QStringLiteral("Origin")).isEmpty()); // this one has none
}

void DriftTreeTest::findingsFilters()
{
    FindingsPanel panel;
    QAbstractItemModelTester modelTester(panel.model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(panel.proxy(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setFindings(findings());
    FindingsFilterProxy *proxy = panel.proxy();
    QCOMPARE(proxy->rowCount(), 6);
    // The kind combo offers "all" and each kind present, no more.
    QCOMPARE(panel.kindCombo()->count(), 1 + 6);
    QCOMPARE(panel.kindCombo()->itemText(1), QStringLiteral("missing_table"));

    panel.kindCombo()->setCurrentIndex(panel.kindCombo()->findText(QStringLiteral("missing_column")));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, FindingsModel::ObjectColumn).data().toString(),
             QStringLiteral("public.games.external_game_key"));
    panel.kindCombo()->setCurrentIndex(0);
    QCOMPARE(proxy->rowCount(), 6);

    panel.severityButton(Severity::Error)->setChecked(false);
    QCOMPARE(proxy->rowCount(), 2); // the nullability warning and the extra table (info)
    panel.severityButton(Severity::Info)->setChecked(false);
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, FindingsModel::KindColumn).data().toString(),
             QStringLiteral("nullability_mismatch"));
    panel.severityButton(Severity::Error)->setChecked(true);
    panel.severityButton(Severity::Info)->setChecked(true);

    panel.filterEdit()->setText(QStringLiteral("DOCUMENTS"));
    panel.applyFilter();
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, FindingsModel::ActualColumn).data().toString(), QStringLiteral("uuid"));
    panel.filterEdit()->setText(QStringLiteral("versions/C.py"));
    panel.applyFilter();
    QCOMPARE(proxy->rowCount(), 2); // origin column matches too

    // The severity column carries an icon as well as the word.
    const QModelIndex severity = panel.model()->index(0, FindingsModel::SeverityColumn);
    QCOMPARE(severity.data().toString(), QStringLiteral("error"));
    QVERIFY(!severity.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(panel.model()->index(1, FindingsModel::ActualColumn).data().toString(),
             QStringLiteral("— (missing)"));
}

void DriftTreeTest::selectingFindingSelectsTreeRow()
{
    SchemaPanel schema;
    FindingsPanel findingsPanel;
    QObject::connect(&findingsPanel, &FindingsPanel::findingSelected, &schema,
                     &SchemaPanel::selectFinding);
    schema.setSchema(actualSchema());
    schema.setDrift(findings(), expectedSchema());
    // Tables with drift inside open by themselves, down to the folder holding a ghost index;
    // a ghost table stays closed (its own row says it all).
    SchemaTreeModel *model = schema.model();
    const QModelIndex games = model->indexForTable(QStringLiteral("public"), QStringLiteral("games"));
    QVERIFY(schema.view()->isExpanded(schema.proxy()->mapFromSource(games)));
    QVERIFY(schema.view()->isExpanded(
        schema.proxy()->mapFromSource(childNamed(*model, games, QStringLiteral("Indexes (1)")))));
    QVERIFY(!schema.view()->isExpanded(schema.proxy()->mapFromSource(
        model->indexForTable(QStringLiteral("public"), QStringLiteral("system_heartbeats")))));
    // Ghost tables sort in among the live ones.
    QCOMPARE(model->index(3, 0, model->index(0, 0)).data().toString(),
             QStringLiteral("system_heartbeats"));
    findingsPanel.setFindings(findings());

    QVERIFY(findingsPanel.selectRow(2)); // the missing index: a ghost inside a group
    SchemaObjectRef current = schema.currentObject();
    QCOMPARE(current.kind, SchemaNodeKind::Index);
    QCOMPARE(current.index->name, QStringLiteral("ix_games_external_game_key"));
    const QModelIndex selected = schema.proxy()->mapToSource(schema.view()->currentIndex());
    QCOMPARE(stateOf(selected), DriftState::Missing);

    // Also through a tree filter that hides the row: the filter gives way.
    schema.filterEdit()->setText(QStringLiteral("documents"));
    schema.applyFilter();
    QVERIFY(findingsPanel.selectRow(5)); // the missing table
    current = schema.currentObject();
    QCOMPARE(current.kind, SchemaNodeKind::Table);
    QCOMPARE(current.table->name, QStringLiteral("system_heartbeats"));

    // Double-click asks for the origin.
    QSignalSpy origins(&findingsPanel, &FindingsPanel::originRequested);
    findingsPanel.selectRow(1);
    emit findingsPanel.view()->activated(findingsPanel.view()->currentIndex());
    QCOMPARE(origins.count(), 1);
}

void DriftTreeTest::summaryWording()
{
    QCOMPARE(drift::summary(findings(), steps()),
             QStringLiteral("4 errors · 1 warning · 1 note · 1 pending step will fail"));
    QCOMPARE(drift::summary({}, {}), QStringLiteral("no drift"));
}

QTEST_MAIN(DriftTreeTest)
#include "gui_test_drift_tree.moc"
