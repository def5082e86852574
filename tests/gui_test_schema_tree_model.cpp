// The schema tree model and its filter proxy: structure, texts, lazy rows, big schemas.
#include "DetailsPane.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>
#include <Qsci/qsciscintilla.h>

using namespace migconsole;

namespace {

Column column(const QString &name, const QString &type, bool nullable = true)
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    return c;
}

/// Three namespaces: "public" with every kind of child, "audit" with a bare table, and an
/// empty "staging".
Schema sampleSchema()
{
    Table games;
    games.name = QStringLiteral("games");
    Column id = column(QStringLiteral("id"), QStringLiteral("integer"), false);
    id.identity = Identity::Always;
    games.columns.append(id);
    games.columns.append(column(QStringLiteral("home_team_id"), QStringLiteral("integer"), false));
    games.columns.append(column(QStringLiteral("away_team_id"), QStringLiteral("integer"), false));
    Column status = column(QStringLiteral("status"), QStringLiteral("varchar(16)"), false);
    status.defaultExpr = QStringLiteral("'scheduled'::character varying");
    games.columns.append(status);
    Column total = column(QStringLiteral("score_total"), QStringLiteral("integer"));
    total.generatedExpr = QStringLiteral("home_score + away_score");
    total.generatedStored = true;
    games.columns.append(total);
    games.primaryKey = PrimaryKey{QStringLiteral("games_pkey"), {QStringLiteral("id")}};
    Index live;
    live.name = QStringLiteral("ix_games_live");
    live.columns = {QStringLiteral("status"), QStringLiteral("id DESC")};
    live.method = QStringLiteral("btree");
    live.predicate = QStringLiteral("(status = 'live')");
    games.indexes.append(live);
    games.uniques.append(
        UniqueConstraint{QStringLiteral("uq_games_pair"),
                         {QStringLiteral("home_team_id"), QStringLiteral("away_team_id")}});
    games.checks.append(CheckConstraint{QStringLiteral("ck_games_distinct_teams"),
                                        QStringLiteral("home_team_id <> away_team_id")});
    ForeignKey home;
    home.name = QStringLiteral("fk_games_home_team");
    home.columns = {QStringLiteral("home_team_id")};
    home.referencedSchema = QStringLiteral("public");
    home.referencedTable = QStringLiteral("teams");
    home.referencedColumns = {QStringLiteral("id")};
    home.onDelete = ReferentialAction::Cascade;
    games.foreignKeys.append(home);
    ForeignKey away = home;
    away.name = QStringLiteral("fk_games_away_team");
    away.columns = {QStringLiteral("away_team_id")};
    away.referencedSchema = QStringLiteral("league");
    away.onDelete = ReferentialAction::NoAction;
    away.onUpdate = ReferentialAction::SetNull;
    games.foreignKeys.append(away);

    Table teams;
    teams.name = QStringLiteral("teams");
    teams.columns.append(column(QStringLiteral("id"), QStringLiteral("integer"), false));
    teams.columns.append(column(QStringLiteral("name"), QStringLiteral("text"), false));
    teams.primaryKey = PrimaryKey{QStringLiteral("teams_pkey"), {QStringLiteral("id")}};
    teams.comment = QStringLiteral("Clubs and national sides");

    Namespace pub;
    pub.name = QStringLiteral("public");
    pub.tables = {games, teams};
    pub.views.append(
        View{QStringLiteral("live_games"), false,
             QStringLiteral(" SELECT games.id\n   FROM games\n  WHERE status = 'live'")});
    pub.views.append(View{QStringLiteral("team_stats"), true, QStringLiteral("SELECT 1")});
    pub.enums.append(EnumType{QStringLiteral("game_status"),
                              {QStringLiteral("scheduled"), QStringLiteral("live")}});

    Table events;
    events.name = QStringLiteral("events");
    events.columns.append(column(QStringLiteral("payload"), QStringLiteral("jsonb")));
    Namespace audit;
    audit.name = QStringLiteral("audit");
    audit.tables = {events};

    Namespace staging;
    staging.name = QStringLiteral("staging");

    Schema schema;
    schema.namespaces = {audit, pub, staging};
    return schema;
}

QString text(const QAbstractItemModel &model, const QModelIndex &index, int column = 0)
{
    return model.index(index.row(), column, index.parent()).data().toString();
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(parent); ++r)
        names.append(model.index(r, 0, parent).data().toString());
    return names;
}

} // namespace

class SchemaTreeModelTest : public QObject
{
    Q_OBJECT
private slots:
    void passesModelTester();
    void showsStructureAndTexts();
    void typedHelpersRoundTrip();
    void filterFindsDeepColumn();
    void detailsPaneShowsFacts();
    void tenThousandTablesAreLazy();
};

void SchemaTreeModelTest::passesModelTester()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSchema(sampleSchema());
    model.setSchema(sampleSchema()); // a second reset over a populated tree

    SchemaPanel panel;
    QAbstractItemModelTester proxyTester(panel.proxy(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setSchema(sampleSchema());
    panel.filterEdit()->setText(QStringLiteral("team"));
    panel.applyFilter();
    panel.filterEdit()->setText(QStringLiteral("nothing matches this"));
    panel.applyFilter();
    panel.filterEdit()->clear();
    panel.applyFilter();
}

void SchemaTreeModelTest::showsStructureAndTexts()
{
    SchemaTreeModel model;
    model.setSchema(sampleSchema());
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Details"));
    QCOMPARE(childNames(model, {}), (QStringList{QStringLiteral("audit"), QStringLiteral("public"),
                                                 QStringLiteral("staging")}));

    const QModelIndex pub = model.index(1, 0);
    QCOMPARE(text(model, pub, 1), QStringLiteral("schema"));
    QCOMPARE(text(model, pub, 2), QStringLiteral("2 tables"));
    QCOMPARE(childNames(model, pub),
             (QStringList{QStringLiteral("games"), QStringLiteral("teams"),
                          QStringLiteral("Views (2)"), QStringLiteral("Enums (1)")}));
    QCOMPARE(model.rowCount(model.index(2, 0)), 0); // empty namespace: no groups at all

    const QModelIndex games = model.index(0, 0, pub);
    QCOMPARE(childNames(model, games),
             (QStringList{QStringLiteral("id"), QStringLiteral("home_team_id"),
                          QStringLiteral("away_team_id"), QStringLiteral("status"),
                          QStringLiteral("score_total"), QStringLiteral("Indexes (1)"),
                          QStringLiteral("Constraints (3)"), QStringLiteral("Foreign keys (2)")}));
    const QModelIndex id = model.index(0, 0, games);
    QCOMPARE(text(model, id, 1), QStringLiteral("integer"));
    QCOMPARE(text(model, id, 2), QStringLiteral("PK · NOT NULL · IDENTITY ALWAYS"));
    QCOMPARE(text(model, model.index(3, 0, games), 2),
             QStringLiteral("NOT NULL · DEFAULT 'scheduled'::character varying"));
    QCOMPARE(text(model, model.index(4, 0, games), 2),
             QStringLiteral("NULL · GENERATED (home_score + away_score) STORED"));

    const QModelIndex indexes = model.index(5, 0, games);
    QCOMPARE(text(model, model.index(0, 0, indexes), 2),
             QStringLiteral("(status, id DESC) WHERE (status = 'live')"));
    const QModelIndex constraints = model.index(6, 0, games);
    QCOMPARE(childNames(model, constraints),
             (QStringList{QStringLiteral("games_pkey"), QStringLiteral("uq_games_pair"),
                          QStringLiteral("ck_games_distinct_teams")}));
    QCOMPARE(text(model, model.index(0, 0, constraints), 2), QStringLiteral("PRIMARY KEY (id)"));
    QCOMPARE(text(model, model.index(1, 0, constraints), 2),
             QStringLiteral("UNIQUE (home_team_id, away_team_id)"));
    QCOMPARE(text(model, model.index(2, 0, constraints), 2),
             QStringLiteral("CHECK (home_team_id <> away_team_id)"));
    const QModelIndex fks = model.index(7, 0, games);
    QCOMPARE(text(model, model.index(0, 0, fks), 2),
             QStringLiteral("(home_team_id) → teams(id) ON DELETE CASCADE"));
    QCOMPARE(
        text(model, model.index(1, 0, fks), 2),
        QStringLiteral("(away_team_id) → league.teams(id) ON DELETE NO ACTION ON UPDATE SET NULL"));

    // teams has only a PK: no Indexes / Foreign keys groups.
    const QModelIndex teams = model.index(1, 0, pub);
    QCOMPARE(childNames(model, teams).last(), QStringLiteral("Constraints (1)"));
    QCOMPARE(model.rowCount(teams), 3);
    QVERIFY(teams.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Clubs")));

    const QModelIndex views = model.index(2, 0, pub);
    QCOMPARE(text(model, model.index(0, 0, views), 2),
             QStringLiteral("SELECT games.id FROM games WHERE status = 'live'"));
    QCOMPARE(text(model, model.index(1, 0, views), 1), QStringLiteral("materialized view"));
    QCOMPARE(text(model, model.index(0, 0, model.index(3, 0, pub)), 2),
             QStringLiteral("'scheduled', 'live'"));

    // Every named row has an icon; group rows too (a folder), and not only in colour.
    QVERIFY(!model.index(0, 0, games).data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(!indexes.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(model.index(0, 1, games).data(Qt::DecorationRole).isNull());
}

void SchemaTreeModelTest::typedHelpersRoundTrip()
{
    SchemaTreeModel model;
    model.setSchema(sampleSchema());
    const QModelIndex games =
        model.indexForTable(QStringLiteral("public"), QStringLiteral("games"));
    QVERIFY(games.isValid());
    QCOMPARE(games.data().toString(), QStringLiteral("games"));
    QCOMPARE(games.parent(), model.indexForNamespace(QStringLiteral("public")));
    QCOMPARE(model.index(games.row(), 0, games.parent()), games);
    QVERIFY(!model.indexForTable(QStringLiteral("public"), QStringLiteral("nope")).isValid());
    QVERIFY(!model.indexForTable(QStringLiteral("nope"), QStringLiteral("games")).isValid());

    const QModelIndex away = model.indexForColumn(QStringLiteral("public"), QStringLiteral("games"),
                                                  QStringLiteral("away_team_id"));
    QCOMPARE(away.parent(), games);
    QCOMPARE(away.parent().parent().parent(), QModelIndex());
    SchemaObjectRef ref = model.objectAt(away);
    QCOMPARE(ref.kind, SchemaNodeKind::Column);
    QCOMPARE(ref.column->name, QStringLiteral("away_team_id"));
    QCOMPARE(ref.table->name, QStringLiteral("games"));
    QCOMPARE(ref.nameSpace->name, QStringLiteral("public"));
    QCOMPARE(away.data(SchemaTreeModel::KindRole).toInt(), int(SchemaNodeKind::Column));

    const QModelIndex fk = model.index(1, 0, model.index(7, 0, games));
    ref = model.objectAt(fk);
    QCOMPARE(ref.kind, SchemaNodeKind::ForeignKey);
    QCOMPARE(ref.foreignKey->name, QStringLiteral("fk_games_away_team"));
    QCOMPARE(model.objectAt(model.index(7, 0, games)).kind, SchemaNodeKind::ForeignKeyGroup);
    QVERIFY(model.objectAt(model.index(7, 0, games)).isGroup());
    QCOMPARE(model.objectAt(model.index(0, 0, model.index(6, 0, games))).primaryKey->name,
             QStringLiteral("games_pkey"));
    QVERIFY(!model.objectAt({}).isValid());

    // Every row's parent() leads back to it, three levels down.
    for (int n = 0; n < model.rowCount(); ++n) {
        const QModelIndex ns = model.index(n, 0);
        for (int t = 0; t < model.rowCount(ns); ++t) {
            const QModelIndex table = model.index(t, 0, ns);
            QCOMPARE(table.parent(), ns);
            for (int c = 0; c < model.rowCount(table); ++c) {
                const QModelIndex child = model.index(c, 2, table);
                QCOMPARE(child.parent(), table);
                QCOMPARE(child.row(), c);
            }
        }
    }
}

void SchemaTreeModelTest::filterFindsDeepColumn()
{
    SchemaPanel panel;
    panel.setSchema(sampleSchema());
    QSortFilterProxyModel *proxy = panel.proxy();
    panel.filterEdit()->setText(QStringLiteral("AWAY_TEAM_ID")); // case-insensitive
    panel.applyFilter();
    QCOMPARE(childNames(*proxy, {}), QStringList{QStringLiteral("public")});
    const QModelIndex pub = proxy->index(0, 0);
    QCOMPARE(childNames(*proxy, pub), QStringList{QStringLiteral("games")});
    const QModelIndex games = proxy->index(0, 0, pub);
    QCOMPARE(childNames(*proxy, games), QStringList{QStringLiteral("away_team_id")});
    QVERIFY(panel.view()->isExpanded(games)); // opened down to the match

    // A table matching by its own name keeps all of its rows.
    panel.filterEdit()->setText(QStringLiteral("teams"));
    panel.applyFilter();
    // games stays for its check constraint ck_games_distinct_teams, opened down to it.
    QCOMPARE(childNames(*proxy, proxy->index(0, 0)),
             (QStringList{QStringLiteral("games"), QStringLiteral("teams")}));
    const QModelIndex gamesAgain = proxy->index(0, 0, proxy->index(0, 0));
    QCOMPARE(childNames(*proxy, gamesAgain), QStringList{QStringLiteral("Constraints (3)")});
    QVERIFY(panel.view()->isExpanded(proxy->index(0, 0, gamesAgain)));
    const QModelIndex teams = proxy->index(1, 0, proxy->index(0, 0));
    QCOMPARE(teams.data().toString(), QStringLiteral("teams"));
    QCOMPARE(proxy->rowCount(teams), 3);

    // Selecting something the filter hides clears the filter.
    const QModelIndex events =
        panel.model()->indexForTable(QStringLiteral("audit"), QStringLiteral("events"));
    QVERIFY(panel.selectSourceIndex(events));
    QVERIFY(panel.filterEdit()->text().isEmpty());
    QCOMPARE(panel.currentObject().table->name, QStringLiteral("events"));
}

void SchemaTreeModelTest::detailsPaneShowsFacts()
{
    SchemaTreeModel model;
    model.setSchema(sampleSchema());
    DetailsPane pane;
    pane.showObject(model.objectAt(model.indexForColumn(
        QStringLiteral("public"), QStringLiteral("games"), QStringLiteral("status"))));
    QCOMPARE(pane.title(), QStringLiteral("public.games.status"));
    QCOMPARE(pane.fact(QStringLiteral("Type")), QStringLiteral("varchar(16)"));
    QCOMPARE(pane.fact(QStringLiteral("Nullable")), QStringLiteral("no (NOT NULL)"));
    QCOMPARE(pane.fact(QStringLiteral("Default")),
             QStringLiteral("'scheduled'::character varying"));

    const QModelIndex games =
        model.indexForTable(QStringLiteral("public"), QStringLiteral("games"));
    pane.showObject(model.objectAt(games));
    QCOMPARE(pane.fact(QStringLiteral("Columns")), QStringLiteral("5"));
    QCOMPARE(pane.fact(QStringLiteral("Primary key")), QStringLiteral("id"));
    QCOMPARE(pane.fact(QStringLiteral("Foreign keys")), QStringLiteral("2"));

    pane.showObject(model.objectAt(model.index(0, 0, model.index(7, 0, games))));
    QCOMPARE(pane.fact(QStringLiteral("On delete")), QStringLiteral("CASCADE"));
    QCOMPARE(pane.fact(QStringLiteral("References")), QStringLiteral("public.teams(id)"));

    const QModelIndex views = model.index(2, 0, model.indexForNamespace(QStringLiteral("public")));
    pane.showObject(model.objectAt(model.index(0, 0, views)));
    QVERIFY(!pane.definitionEditor()->isHidden());
    QVERIFY(pane.definitionEditor()->text().contains(QStringLiteral("WHERE status = 'live'")));

    pane.showObject({});
    QVERIFY(pane.title().isEmpty());
    QVERIFY(pane.factLabels().isEmpty());
}

void SchemaTreeModelTest::tenThousandTablesAreLazy()
{
    Schema schema;
    Namespace ns;
    ns.name = QStringLiteral("big");
    ns.tables.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        Table table;
        table.name = QStringLiteral("t%1").arg(i, 5, 10, QLatin1Char('0'));
        for (int c = 0; c < 8; ++c)
            table.columns.append(column(QStringLiteral("c%1").arg(c), QStringLiteral("integer")));
        table.primaryKey = PrimaryKey{table.name + QStringLiteral("_pkey"), {QStringLiteral("c0")}};
        ns.tables.append(table);
    }
    schema.namespaces.append(ns);

    QElapsedTimer timer;
    timer.start();
    SchemaPanel panel;
    panel.resize(800, 600);
    panel.show();
    panel.setSchema(schema); // one namespace: opened at once
    const QModelIndex big = panel.model()->index(0, 0);
    QCOMPARE(panel.model()->rowCount(big), 10000);
    QCOMPARE(panel.model()->index(9999, 0, big).data().toString(), QStringLiteral("t09999"));
    QCOMPARE(panel.model()->rowCount(panel.model()->index(9999, 0, big)), 9);
    QVERIFY(panel.view()->isExpanded(panel.proxy()->index(0, 0)));
    QCoreApplication::processEvents();
    const qint64 shown = timer.elapsed();
    panel.filterEdit()->setText(QStringLiteral("t09998"));
    panel.applyFilter();
    QCOMPARE(panel.proxy()->rowCount(panel.proxy()->index(0, 0)), 1);
    qInfo("10,000 tables: shown in %lld ms, filtered in %lld ms", shown, timer.elapsed() - shown);
}

QTEST_MAIN(SchemaTreeModelTest)
#include "gui_test_schema_tree_model.moc"
