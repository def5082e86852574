// Replaying typed operations into a schema and simulating pending steps on a live one:
// what each step would do (done / will_apply / will_fail and why), and where every
// expected object came from. The end-to-end agreement with REAL Alembic is in
// test_drift_check_*; here each rule is pinned on its own.

#include "ReplayOperationsTestSupport.h"
#include "db/DbConnection.h"
#include "db/Introspector.h"
#include "demo/DemoDatabase.h"
#include "drift/DriftCheck.h"
#include "drift/Preflight.h"
#include "replay/ApplyOperation.h"
#include "replay/Replayer.h"

#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::replaytest;

namespace {

/// A live schema built by applying `body`'s operations (so its spelling is ours).
Schema schemaOf(const QString &body, Dialect dialect = Dialect::PostgreSQL)
{
    Schema schema;
    schema.dialect = dialect;
    for (const Operation &op : typed(body, dialect).operations) {
        const ApplyOutcome outcome = applyOperation(schema, op);
        if (outcome.conflict)
            qWarning("setup step failed: %s", qPrintable(outcome.message));
    }
    return schema;
}

QHash<QString, RevisionOperations> pendingOps(const QString &body, Dialect dialect = Dialect::PostgreSQL)
{
    RevisionOperations ops;
    ops.revision = QStringLiteral("r2");
    ops.operations = typed(body, dialect).operations;
    return {{ops.revision, ops}};
}

/// "status kind object" per step, e.g. "will_fail column_exists games.external_key".
QStringList describe(const QList<PreflightStep> &steps)
{
    QStringList out;
    for (const PreflightStep &s : steps) {
        QString object = s.table;
        if (!s.objectName.isEmpty())
            object += u'.' + s.objectName;
        out << QStringLiteral("%1 %2 %3")
                   .arg(stepStatusName(s.status), s.conflict ? stepConflictName(*s.conflict) : QStringLiteral("-"), object);
    }
    return out;
}

const QString kBase = QStringLiteral(
    "op.create_table('teams', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(64)))\n"
    "op.create_table('documents', sa.Column('id', postgresql.UUID(), primary_key=True))\n"
    "op.create_table('games', sa.Column('id', sa.Integer(), primary_key=True),\n"
    "    sa.Column('team_id', sa.Integer(), sa.ForeignKey('teams.id')),\n"
    "    sa.Column('doc_id', sa.String(36)))\n"
    "op.create_index('ix_games_team_id', 'games', ['team_id'])");

} // namespace

class TestPreflight : public QObject
{
    Q_OBJECT

private slots:
    void existingObjectsFailUnlessGuarded()
    {
        const Schema live = schemaOf(kBase);
        const auto steps = preflight(live, pendingOps(QStringLiteral(
                                               "op.create_table('teams', sa.Column('id', sa.Integer(), primary_key=True))\n"
                                               "if True:\n"
                                               "    op.create_table('teams', sa.Column('id', sa.Integer(), primary_key=True))\n"
                                               "op.add_column('games', sa.Column('team_id', sa.BigInteger()))\n"
                                               "op.create_index('ix_games_team_id', 'games', ['team_id'])\n"
                                               "op.create_unique_constraint('teams_name_key', 'teams', ['name'])\n"
                                               "op.create_unique_constraint('teams_name_key', 'teams', ['name'])\n"
                                               "op.create_primary_key('games_pk2', 'games', ['id'])")),
                                     {QStringLiteral("r2")});
        QCOMPARE(describe(steps), (QStringList{
                                      QStringLiteral("will_fail table_exists teams"),
                                      QStringLiteral("done - teams"),
                                      QStringLiteral("will_fail column_exists games.team_id"),
                                      QStringLiteral("will_fail index_exists games.ix_games_team_id"),
                                      QStringLiteral("will_apply - teams.teams_name_key"),
                                      QStringLiteral("will_fail constraint_exists teams.teams_name_key"),
                                      QStringLiteral("will_fail constraint_exists games.games_pkey"),
                                  }));
        QVERIFY(steps[0].alreadyInPlace);   // the same table: created by hand, or half-applied
        QVERIFY(!steps[2].alreadyInPlace);  // team_id exists, but as integer, not bigint
        QCOMPARE(steps[2].location.line, kFirstBodyLine + 3);
        QCOMPARE(steps[2].revision, QStringLiteral("r2"));
    }

    void missingObjectsFail()
    {
        const Schema live = schemaOf(kBase);
        const auto steps = preflight(live, pendingOps(QStringLiteral(
                                               "op.drop_column('games', 'nope')\n"
                                               "op.drop_index('ix_nope', table_name='games')\n"
                                               "op.drop_constraint('games_nope_fkey', 'games', type_='foreignkey')\n"
                                               "op.create_index('ix_x', 'ghosts', ['id'])\n"
                                               "op.alter_column('games', 'nope', nullable=False)\n"
                                               "op.drop_table('ghosts')")),
                                     {QStringLiteral("r2")});
        QStringList expected{QStringLiteral("will_fail missing_column games.nope"),
                             QStringLiteral("will_fail missing_index games.ix_nope"),
                             QStringLiteral("will_fail missing_constraint games.games_nope_fkey"),
                             QStringLiteral("will_fail missing_table ghosts.ix_x"),
                             QStringLiteral("will_fail missing_column games.nope"),
                             QStringLiteral("will_fail missing_table ghosts")};
        QCOMPARE(describe(steps), expected);
    }

    void foreignKeyTypesMustMatchOnPostgres()
    {
        const QString body = QStringLiteral(
            "op.create_foreign_key('games_doc_id_fkey', 'games', 'documents', ['doc_id'], ['id'])\n"
            "op.create_foreign_key('games_team2_fkey', 'games', 'teams', ['team_id'], ['id'])\n"
            "op.create_foreign_key('games_x_fkey', 'games', 'nowhere', ['team_id'], ['id'])");
        const auto pg = preflight(schemaOf(kBase), pendingOps(body), {QStringLiteral("r2")});
        QCOMPARE(describe(pg), (QStringList{QStringLiteral("will_fail type_incompatible_fk games.games_doc_id_fkey"),
                                            QStringLiteral("will_apply - games.games_team2_fkey"),
                                            QStringLiteral("will_fail missing_table games.games_x_fkey")}));
        QVERIFY2(pg[0].message.contains(QStringLiteral("varchar(36)")) && pg[0].message.contains(QStringLiteral("uuid")),
                 qPrintable(pg[0].message));
        // SQLite checks neither types nor targets when a key is declared.
        const QString sqliteBase = QString(kBase).replace(QStringLiteral("postgresql.UUID()"), QStringLiteral("sa.Integer()"));
        const auto sqlite = preflight(schemaOf(sqliteBase, Dialect::SQLite), pendingOps(body, Dialect::SQLite),
                                      {QStringLiteral("r2")});
        QCOMPARE(sqlite[0].status, StepStatus::WillApply);
        QCOMPARE(sqlite[2].status, StepStatus::WillApply);
    }

    void notNullColumnNeedsADefaultWhenRowsExist()
    {
        const QString body = QStringLiteral(
            "op.add_column('teams', sa.Column('code', sa.String(8), nullable=False))\n"
            "op.add_column('teams', sa.Column('rank', sa.Integer(), nullable=False, server_default='0'))\n"
            "op.add_column('games', sa.Column('code', sa.String(8), nullable=False))");
        QStringList asked;
        const TableHasRows probe = [&](const QString &schema, const QString &table) {
            asked << schema + u'.' + table;
            return table == QLatin1String("teams");
        };
        const auto steps = preflight(schemaOf(kBase), pendingOps(body), {QStringLiteral("r2")}, probe);
        QCOMPARE(describe(steps), (QStringList{QStringLiteral("will_fail not_null_without_default teams.code"),
                                               QStringLiteral("will_apply - teams.rank"),
                                               QStringLiteral("will_apply - games.code")}));
        QCOMPARE(asked, (QStringList{QStringLiteral("public.teams"), QStringLiteral("public.games")}));
    }

    void laterStepsSeeEarlierOnes()
    {
        const auto steps = preflight(schemaOf(kBase), pendingOps(QStringLiteral(
                                                          "op.create_table('scores', sa.Column('id', sa.Integer(), primary_key=True))\n"
                                                          "op.add_column('scores', sa.Column('game_id', sa.Integer()))\n"
                                                          "op.create_index('ix_scores_game_id', 'scores', ['game_id'])\n"
                                                          "op.rename_table('scores', 'game_scores')\n"
                                                          "op.drop_index('ix_scores_game_id', table_name='game_scores')")),
                                     {QStringLiteral("r2")});
        for (const PreflightStep &s : steps)
            QVERIFY2(s.status == StepStatus::WillApply, qPrintable(describe(steps).join(u'\n')));
        QCOMPARE(steps.size(), 5);
    }

    void replayKeepsOriginsAndDependents()
    {
        QList<Revision> revisions{Revision{QStringLiteral("r1"), {}, {}, {}, {}, {}, {}, {QStringLiteral("versions/r1.py"), 1}},
                                  Revision{QStringLiteral("r2"), {QStringLiteral("r1")}, {}, {}, {}, {}, {}, {QStringLiteral("versions/r2.py"), 1}},
                                  Revision{QStringLiteral("r3"), {QStringLiteral("r2")}, {}, {}, {}, {}, {}, {QStringLiteral("versions/r3.py"), 1}}};
        const RevisionGraph graph = RevisionGraph::build(revisions, nullptr);
        QHash<QString, RevisionOperations> ops;
        ops[QStringLiteral("r1")] = RevisionOperations{QStringLiteral("r1"), typed(kBase, Dialect::PostgreSQL).operations, {}};
        ops[QStringLiteral("r2")] = RevisionOperations{
            QStringLiteral("r2"),
            typed(QStringLiteral("op.add_column('games', sa.Column('score', sa.Integer()))\n"
                                 "op.drop_column('games', 'team_id')\n"
                                 "op.add_column('games', sa.Column('score', sa.Integer()))\n"
                                 "if True:\n"
                                 "    op.create_table('teams', sa.Column('id', sa.Integer(), primary_key=True))\n"
                                 "op.rename_table('teams', 'clubs')\n"
                                 "op.alter_column('clubs', 'name', new_column_name='title', type_=sa.Text())"),
                  Dialect::PostgreSQL)
                .operations,
            {}};
        ops[QStringLiteral("r3")] = RevisionOperations{
            QStringLiteral("r3"), typed(QStringLiteral("op.drop_table('documents')"), Dialect::PostgreSQL).operations, {}};

        const ReplayResult atR2 = replayMigrations(graph, ops, {QStringLiteral("r2")}, Dialect::PostgreSQL);
        QCOMPARE(atR2.applied, (QStringList{QStringLiteral("r1"), QStringLiteral("r2")}));
        const Table *games = atR2.schema.table(QStringLiteral("public"), QStringLiteral("games"));
        QVERIFY(games);
        QVERIFY(games->column(QStringLiteral("score")));
        QVERIFY(!games->column(QStringLiteral("team_id")));
        QVERIFY(games->indexes.isEmpty());      // the index on team_id went with the column
        QVERIFY(games->foreignKeys.isEmpty());  // and so did its foreign key
        const Table *clubs = atR2.schema.table(QStringLiteral("public"), QStringLiteral("clubs"));
        QVERIFY(clubs && clubs->column(QStringLiteral("title")));
        QCOMPARE(clubs->column(QStringLiteral("title"))->type, QStringLiteral("text"));
        QVERIFY(atR2.schema.table(QStringLiteral("public"), QStringLiteral("documents")));

        const auto score = atR2.origins.object(QStringLiteral("public"), QStringLiteral("games"), FindingObject::Column,
                                               QStringLiteral("score"));
        QVERIFY(score);
        QCOMPARE(score->revision, QStringLiteral("r2"));
        QCOMPARE(score->location.line, kFirstBodyLine);
        const auto id = atR2.origins.object(QStringLiteral("public"), QStringLiteral("games"), FindingObject::Column,
                                            QStringLiteral("id"));
        QVERIFY(id);
        QCOMPARE(id->revision, QStringLiteral("r1"));
        const auto title = atR2.origins.object(QStringLiteral("public"), QStringLiteral("clubs"), FindingObject::Column,
                                               QStringLiteral("title"));
        QVERIFY(title);
        QCOMPARE(title->location.line, kFirstBodyLine + 6);
        // The second, unguarded add_column conflicts with the replayed schema: a warning with
        // its line; the guarded create_table does not warn.
        QCOMPARE(atR2.warnings.size(), 1);
        QCOMPARE(atR2.warnings[0].location.line, kFirstBodyLine + 2);
        QVERIFY(atR2.warnings[0].message.contains(QStringLiteral("already exists")));

        const ReplayResult atHead = replayMigrations(graph, ops, graph.heads(), Dialect::PostgreSQL);
        QVERIFY(!atHead.schema.table(QStringLiteral("public"), QStringLiteral("documents")));
        QVERIFY(!atHead.origins.table(QStringLiteral("public"), QStringLiteral("documents")));
        QCOMPARE(upgradeOrder(graph, {QStringLiteral("r3")}),
                 (QStringList{QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r3")}));
    }

    // The console hands over the schema its tree shows: the check compares that one and
    // does not read the catalogue again.
    void checkComparesTheSchemaItIsGiven()
    {
        QTemporaryDir dir;
        const auto demo = writeDemo(dir.path());
        QVERIFY2(demo, qPrintable(demo ? QString() : demo.error().message));
        ConnectionSettings settings;
        settings.url = *ConnectionUrl::parse(demo->url());
        auto connection = DbConnection::open(settings);
        QVERIFY(connection);
        auto live = introspect(**connection, {});
        QVERIFY(live);

        DriftRequest request;
        request.migrationsPath = demo->migrationsPath;
        const auto read = runDriftCheck(**connection, request);
        QVERIFY(read);
        QCOMPARE(read->actual, *live);

        Schema shown = *live;
        for (Namespace &ns : shown.namespaces)
            ns.tables.removeIf([](const Table &t) { return t.name == QLatin1String("teams"); });
        request.actual = shown;
        const auto given = runDriftCheck(**connection, request);
        QVERIFY(given);
        QCOMPARE(given->actual, shown);
        QCOMPARE(given->drift.size(), read->drift.size() + 1);
        QVERIFY(std::any_of(given->drift.cbegin(), given->drift.cend(), [](const Finding &f) {
            return f.kind == FindingKind::MissingTable && f.table == QLatin1String("teams");
        }));
    }
};

QTEST_GUILESS_MAIN(TestPreflight)
#include "test_preflight.moc"
