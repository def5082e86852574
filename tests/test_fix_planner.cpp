// The fix planner without a database: hand-made expected/actual schemas, their real diff,
// and the statement shapes each finding kind turns into per dialect, what is left unfixed
// and why, and the plan's text and JSON (the text must read back into the same statements).

#include "drift/SchemaDiff.h"
#include "fix/FixPlanner.h"
#include "fix/FixSqlText.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace migconsole;

namespace {

Column column(const QString &name, const QString &type, bool nullable = true,
              const QString &def = {})
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    c.defaultExpr = def;
    return c;
}

Table table(const QString &name, const QList<Column> &columns, const QStringList &key = {},
            const QString &keyName = {})
{
    Table t;
    t.name = name;
    t.columns = columns;
    if (!key.isEmpty())
        t.primaryKey = PrimaryKey{keyName, key};
    return t;
}

ForeignKey foreignKey(const QString &name, const QStringList &columns, const QString &target,
                      const QStringList &targetColumns)
{
    ForeignKey fk;
    fk.name = name;
    fk.columns = columns;
    fk.referencedTable = target;
    fk.referencedColumns = targetColumns;
    return fk;
}

/// Expected vs drifted, one of each finding kind plus the unfixable variants.
std::pair<Schema, Schema> postgresPair()
{
    const QString id = QStringLiteral("id");
    Table teams = table(QStringLiteral("teams"),
                        {column(id, QStringLiteral("integer"), false),
                         column(QStringLiteral("name"), QStringLiteral("varchar(64)"), false)},
                        {id});
    Table games = table(
        QStringLiteral("games"),
        {column(id, QStringLiteral("integer"), false),
         column(QStringLiteral("team_id"), QStringLiteral("integer"), false),
         column(QStringLiteral("kickoff"), QStringLiteral("timestamptz")),
         column(QStringLiteral("notes"), QStringLiteral("text")),
         column(QStringLiteral("rating"), QStringLiteral("integer"), true, QStringLiteral("3")),
         column(QStringLiteral("price"), QStringLiteral("integer"))},
        {id});
    Table docs =
        table(QStringLiteral("docs"), {column(id, QStringLiteral("varchar(36)"), false)}, {id});
    Table refs = table(QStringLiteral("doc_refs"),
                       {column(id, QStringLiteral("integer"), false),
                        column(QStringLiteral("doc_id"), QStringLiteral("varchar(36)"))},
                       {id});
    refs.foreignKeys = {foreignKey(QStringLiteral("doc_refs_doc_id_fkey"),
                                   {QStringLiteral("doc_id")}, QStringLiteral("docs"), {id})};
    Table tags =
        table(QStringLiteral("tags"), {column(id, QStringLiteral("integer"), false),
                                       column(QStringLiteral("label"), QStringLiteral("text"))});
    Table keyed = table(QStringLiteral("keyed"),
                        {column(QStringLiteral("a"), QStringLiteral("integer"), false),
                         column(QStringLiteral("b"), QStringLiteral("integer"), false)},
                        {QStringLiteral("a")});
    Table counters =
        table(QStringLiteral("counters"), {column(id, QStringLiteral("integer"), false)}, {id});

    Schema actual;
    actual.namespaces.append(Namespace{QStringLiteral("public"), {}, {}, {}});
    Table liveGames = games;
    liveGames.columns[1].nullable = true;                        // nullability: SET NOT NULL
    liveGames.columns[3].nullable = false;                       // nullability: DROP NOT NULL
    liveGames.columns[4].defaultExpr = QStringLiteral("5");      // default_mismatch
    liveGames.columns[5].type = QStringLiteral("numeric(10,2)"); // lossy: left unfixed
    liveGames.columns.append(column(QStringLiteral("legacy"), QStringLiteral("boolean")));
    liveGames.indexes.append(Index{QStringLiteral("games_legacy_idx"),
                                   {QStringLiteral("legacy")},
                                   {},
                                   false,
                                   QStringLiteral("btree"),
                                   {},
                                   true});
    Table liveDocs = docs;
    liveDocs.columns[0].type = QStringLiteral("uuid");
    Table liveRefs = refs;
    liveRefs.columns[1].type = QStringLiteral("uuid");
    Table liveKeyed = keyed;
    liveKeyed.primaryKey = PrimaryKey{{}, {QStringLiteral("b")}}; // another key: unfixable
    Table liveCounters = counters;
    liveCounters.columns[0].identity = Identity::ByDefault; // machinery default: unfixable
    actual.namespaces[0].tables = {
        teams,        liveGames,
        liveDocs,     liveRefs,
        tags,         liveKeyed,
        liveCounters, table(QStringLiteral("old_stuff"), {column(id, QStringLiteral("integer"))})};

    // What the expected schema adds on top.
    teams.uniques = {UniqueConstraint{QStringLiteral("teams_name_key"), {QStringLiteral("name")}}};
    games.columns.append(column(QStringLiteral("state"), QStringLiteral("status")));
    games.checks = {CheckConstraint{{}, QStringLiteral("rating > 0")}};
    games.foreignKeys = {foreignKey(QStringLiteral("games_team_id_fkey"),
                                    {QStringLiteral("team_id")}, QStringLiteral("teams"), {id})};
    games.indexes = {Index{QStringLiteral("games_kickoff_idx"),
                           {QStringLiteral("kickoff DESC")},
                           {},
                           false,
                           QStringLiteral("btree"),
                           {},
                           true}};
    tags.primaryKey = PrimaryKey{QStringLiteral("tags_pkey"), {id}};
    Table heartbeats = table(QStringLiteral("heartbeats"),
                             {column(id, QStringLiteral("bigint"), false),
                              column(QStringLiteral("game_id"), QStringLiteral("integer")),
                              column(QStringLiteral("worker"), QStringLiteral("text"))},
                             {id}, QStringLiteral("heartbeats_pkey"));
    heartbeats.columns[0].autoIncrement = true;
    heartbeats.foreignKeys = {
        foreignKey(QStringLiteral("heartbeats_game_id_fkey"), {QStringLiteral("game_id")},
                   QStringLiteral("games"), {id}),
        foreignKey(QStringLiteral("heartbeats_worker_fkey"), {QStringLiteral("worker")},
                   QStringLiteral("workers"), {QStringLiteral("name")})};
    Table workers = table(QStringLiteral("workers"),
                          {column(QStringLiteral("name"), QStringLiteral("text"), false)},
                          {QStringLiteral("name")});
    counters.columns[0].identity = Identity::None;
    Schema expected;
    expected.namespaces.append(Namespace{
        QStringLiteral("public"),
        {teams, games, docs, refs, tags, keyed, counters, heartbeats, workers},
        {EnumType{QStringLiteral("status"), {QStringLiteral("new"), QStringLiteral("live")}}},
        {}});
    return {expected, actual};
}

QList<FixStatement> about(const FixPlan &plan, FindingKind kind, const QString &object = {})
{
    QList<FixStatement> out;
    for (const FixStatement &s : plan.statements) {
        if (s.finding && s.finding->kind == kind &&
            (object.isEmpty() || s.finding->object == object || s.finding->table == object))
            out.append(s);
    }
    return out;
}

QString sqlOf(const QList<FixStatement> &statements)
{
    QStringList sql;
    for (const FixStatement &s : statements)
        sql.append(s.sql);
    return sql.join(QStringLiteral("\n;\n"));
}

const UnfixedFinding *unfixed(const FixPlan &plan, FindingKind kind, const QString &table)
{
    for (const UnfixedFinding &u : plan.unfixed) {
        if (u.finding.kind == kind && u.finding.table == table)
            return &u;
    }
    return nullptr;
}

/// Fixed answers, to see how the planner words what the database would say.
class CountingFacts : public FixFacts
{
public:
    std::optional<qint64> rowCount(const QString &, const QString &) override { return 2000000; }
    std::optional<qint64> unconvertibleRows(const QString &, const QString &, const QString &,
                                            const QString &) override
    {
        return 17;
    }
};

} // namespace

class TestFixPlanner : public QObject
{
    Q_OBJECT

private slots:
    void postgresStatementShapes()
    {
        const auto [expected, actual] = postgresPair();
        const QList<Finding> findings = diffSchemas(expected, actual);
        const FixPlan plan = planFixes(expected, actual, findings, {}, nullptr);

        QVERIFY(sqlOf(about(plan, FindingKind::MissingTable, QStringLiteral("heartbeats")))
                    .contains(QLatin1String("CREATE TABLE IF NOT EXISTS \"public\".\"heartbeats\" "
                                            "(\n    \"id\" bigserial NOT NULL")));
        // Inline: the key to an existing table; after every table: the key to a new one.
        const QString heartbeats =
            sqlOf(about(plan, FindingKind::MissingTable, QStringLiteral("heartbeats")));
        QVERIFY(heartbeats.contains(
            QLatin1String("CONSTRAINT \"heartbeats_game_id_fkey\" FOREIGN KEY")));
        QVERIFY(heartbeats.contains(QLatin1String("conname = 'heartbeats_worker_fkey'")));
        qsizetype createWorkers = -1, addWorkerKey = -1;
        for (qsizetype i = 0; i < plan.statements.size(); ++i) {
            if (plan.statements.at(i).sql.contains(
                    QLatin1String("CREATE TABLE IF NOT EXISTS \"public\".\"workers\"")))
                createWorkers = i;
            if (plan.statements.at(i).sql.contains(
                    QLatin1String("ADD CONSTRAINT \"heartbeats_worker_fkey\"")))
                addWorkerKey = i;
        }
        QVERIFY(createWorkers >= 0 && addWorkerKey > createWorkers);

        const QList<FixStatement> state =
            about(plan, FindingKind::MissingColumn, QStringLiteral("state"));
        QCOMPARE(state.size(), 2); // the enum type first, guarded, then the column
        QVERIFY(state.at(0).sql.contains(
            QLatin1String("CREATE TYPE \"public\".\"status\" AS ENUM ('new', 'live')")));
        QVERIFY(state.at(0).sql.contains(QLatin1String("EXCEPTION WHEN duplicate_object")));
        QCOMPARE(state.at(1).sql, QStringLiteral("ALTER TABLE \"public\".\"games\" ADD COLUMN IF "
                                                 "NOT EXISTS \"state\" \"public\".\"status\""));
        QCOMPARE(state.at(1).lockLevel, QStringLiteral("ACCESS EXCLUSIVE"));

        const QList<FixStatement> index = about(plan, FindingKind::MissingIndex);
        QCOMPARE(index.size(), 1);
        QCOMPARE(index.first().sql,
                 QStringLiteral("CREATE INDEX IF NOT EXISTS \"games_kickoff_idx\" ON "
                                "\"public\".\"games\" (\"kickoff\" DESC)"));
        QVERIFY(index.first().inTransaction);

        const QString fk = sqlOf(about(plan, FindingKind::MissingForeignKey));
        QVERIFY(fk.startsWith(QLatin1String("DO $$")));
        QVERIFY(fk.contains(QLatin1String(
            "pg_catalog.pg_constraint c WHERE c.conrelid = '\"public\".\"games\"'::regclass AND "
            "c.conname = 'games_team_id_fkey'")));
        QCOMPARE(about(plan, FindingKind::MissingForeignKey).first().lockLevel,
                 QStringLiteral("SHARE ROW EXCLUSIVE"));
        QVERIFY(
            sqlOf(about(plan, FindingKind::MissingUnique))
                .contains(QLatin1String("ADD CONSTRAINT \"teams_name_key\" UNIQUE (\"name\")")));
        // An unnamed check gets a stable name so the guard finds it on the next run.
        const QString check = sqlOf(about(plan, FindingKind::MissingCheck));
        QVERIFY2(check.contains(QLatin1String("conname = 'games_check_")) &&
                     check.contains(QLatin1String("CHECK (rating > 0)")),
                 qPrintable(check));
        QVERIFY(sqlOf(about(plan, FindingKind::MissingPrimaryKey, QStringLiteral("tags")))
                    .contains(QLatin1String("c.contype = 'p'")));

        // uuid → varchar(36) on docs.id, with the key from doc_refs dropped and recreated.
        const QList<FixStatement> types = about(plan, FindingKind::TypeMismatch);
        const QString typeSql = sqlOf(types);
        QVERIFY(typeSql.contains(
            QLatin1String("ALTER COLUMN \"id\" TYPE varchar(36) USING \"id\"::text")));
        QVERIFY(typeSql.contains(
            QLatin1String("format_type(a.atttypid, a.atttypmod) = 'character varying(36)'")));
        QVERIFY(
            typeSql.contains(QLatin1String("DROP CONSTRAINT IF EXISTS \"doc_refs_doc_id_fkey\"")));
        QVERIFY(typeSql.contains(QLatin1String("ADD CONSTRAINT \"doc_refs_doc_id_fkey\"")));
        for (const FixStatement &s : types) {
            if (s.summary.startsWith(QLatin1String("change type")))
                QVERIFY2(s.hazards.join(QLatin1Char('\n'))
                             .contains(QLatin1String("not counted: no database")),
                         qPrintable(s.hazards.join(QLatin1Char('\n'))));
        }

        const QString nullability = sqlOf(about(plan, FindingKind::NullabilityMismatch));
        QVERIFY(nullability.contains(QLatin1String("ALTER COLUMN \"team_id\" SET NOT NULL")));
        QVERIFY(nullability.contains(QLatin1String("ALTER COLUMN \"notes\" DROP NOT NULL")));
        QCOMPARE(sqlOf(about(plan, FindingKind::DefaultMismatch)),
                 QStringLiteral(
                     "ALTER TABLE \"public\".\"games\" ALTER COLUMN \"rating\" SET DEFAULT 3"));

        // Unfixed, each with its reason; nothing destructive without include drops.
        QVERIFY(unfixed(plan, FindingKind::TypeMismatch, QStringLiteral("games"))
                    ->reason.contains(QLatin1String("rounds")));
        QVERIFY(unfixed(plan, FindingKind::MissingPrimaryKey, QStringLiteral("keyed")));
        QVERIFY(unfixed(plan, FindingKind::DefaultMismatch, QStringLiteral("counters")));
        for (FindingKind kind :
             {FindingKind::ExtraTable, FindingKind::ExtraColumn, FindingKind::ExtraIndex}) {
            const UnfixedFinding *u =
                unfixed(plan, kind,
                        kind == FindingKind::ExtraTable ? QStringLiteral("old_stuff")
                                                        : QStringLiteral("games"));
            QVERIFY(u);
            QVERIFY(u->reason.contains(QLatin1String("--include-drops")));
        }
        for (const FixStatement &s : plan.statements)
            QVERIFY(!s.destructive);
    }

    void postgresDropsOnlyWhenAsked()
    {
        const auto [expected, actual] = postgresPair();
        FixOptions options;
        options.includeDrops = true;
        options.concurrentIndexes = true;
        const FixPlan plan =
            planFixes(expected, actual, diffSchemas(expected, actual), options, nullptr);
        QCOMPARE(sqlOf(about(plan, FindingKind::ExtraTable)),
                 QStringLiteral("DROP TABLE IF EXISTS \"public\".\"old_stuff\""));
        QCOMPARE(
            sqlOf(about(plan, FindingKind::ExtraColumn)),
            QStringLiteral("ALTER TABLE \"public\".\"games\" DROP COLUMN IF EXISTS \"legacy\""));
        const QList<FixStatement> dropIndex = about(plan, FindingKind::ExtraIndex);
        QCOMPARE(
            dropIndex.first().sql,
            QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"games_legacy_idx\""));
        QVERIFY(!dropIndex.first().inTransaction);
        for (FindingKind kind :
             {FindingKind::ExtraTable, FindingKind::ExtraColumn, FindingKind::ExtraIndex})
            QVERIFY(about(plan, kind).first().destructive);
        const FixStatement create = about(plan, FindingKind::MissingIndex).first();
        QVERIFY(create.sql.startsWith(QLatin1String("CREATE INDEX CONCURRENTLY IF NOT EXISTS")));
        QVERIFY(!create.inTransaction);
        // Extras come last: nothing is dropped before everything else is repaired.
        QVERIFY(plan.statements.last().destructive);
    }

    void hazardsCarryTheCounts()
    {
        auto [expected, actual] = postgresPair();
        // A NOT NULL column without a default on a table with rows.
        Table *games = nullptr;
        for (Table &t : expected.namespaces[0].tables)
            games = t.name == QLatin1String("games") ? &t : games;
        games->columns.append(column(QStringLiteral("must"), QStringLiteral("text"), false));
        CountingFacts facts;
        const FixPlan plan = planFixes(expected, actual, diffSchemas(expected, actual), {}, &facts);
        QString all;
        for (const FixStatement &s : plan.statements)
            all += s.summary + QStringLiteral(": ") + s.hazards.join(QStringLiteral(" | ")) +
                   QLatin1Char('\n');
        QVERIFY2(all.contains(
                     QLatin1String("17 rows of public.docs.id would not convert to varchar(36)")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("rewrites 2,000,000 rows of public.docs")),
                 qPrintable(all));
        QVERIFY2(all.contains(
                     QLatin1String("long ACCESS EXCLUSIVE lock on a big table (2,000,000 rows)")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String(
                     "NOT NULL without a default: fails on a non-empty table (2,000,000 rows)")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String(
                     "scans 2,000,000 rows of public.games; fails if any value is NULL")),
                 qPrintable(all));
        // New tables are never counted: they are empty.
        QVERIFY2(!all.contains(QLatin1String("rows of public.heartbeats")), qPrintable(all));
    }

    void sqliteStatementShapes()
    {
        const QString id = QStringLiteral("id");
        Table people = table(QStringLiteral("people"),
                             {column(id, QStringLiteral("integer")),
                              column(QStringLiteral("name"), QStringLiteral("text"))},
                             {id});
        Table orders = table(QStringLiteral("orders"),
                             {column(id, QStringLiteral("integer")),
                              column(QStringLiteral("ref"), QStringLiteral("varchar(36)"))},
                             {id});
        Schema actual;
        actual.dialect = Dialect::SQLite;
        actual.namespaces.append(Namespace{QStringLiteral("main"), {orders, people}, {}, {}});
        people.columns.append(column(QStringLiteral("email"), QStringLiteral("text")));
        people.uniques.append(UniqueConstraint{{}, {QStringLiteral("name")}});
        people.indexes.append(Index{QStringLiteral("people_email_idx"),
                                    {QStringLiteral("email")},
                                    {},
                                    false,
                                    {},
                                    {},
                                    true});
        orders.columns[1].type = QStringLiteral("uuid");
        orders.columns.append(column(QStringLiteral("total"), QStringLiteral("integer"), false));
        Schema expected = actual;
        expected.namespaces[0].tables = {orders, people};

        const FixPlan plan =
            planFixes(expected, actual, diffSchemas(expected, actual), {}, nullptr);
        const QList<FixStatement> email =
            about(plan, FindingKind::MissingColumn, QStringLiteral("email"));
        QCOMPARE(email.size(), 1);
        QCOMPARE(email.first().sql,
                 QStringLiteral("ALTER TABLE \"people\" ADD COLUMN \"email\" text"));
        QCOMPARE(
            email.first().skipIfSql,
            QStringLiteral(
                "SELECT 1 FROM pragma_table_info('people') WHERE name = 'email' COLLATE NOCASE"));
        QCOMPARE(
            sqlOf(about(plan, FindingKind::MissingUnique)),
            QStringLiteral(
                "CREATE UNIQUE INDEX IF NOT EXISTS \"uq_people_name\" ON \"people\" (\"name\")"));
        QCOMPARE(sqlOf(about(plan, FindingKind::MissingIndex)),
                 QStringLiteral(
                     "CREATE INDEX IF NOT EXISTS \"people_email_idx\" ON \"people\" (\"email\")"));

        // The type change and the NOT NULL column without a default share one rebuild.
        QList<FixStatement> rebuild;
        for (const FixStatement &s : plan.statements) {
            if (s.summary.startsWith(QLatin1String("rebuild orders")))
                rebuild.append(s);
            QVERIFY(!s.sql.contains(QLatin1String("ADD COLUMN \"total\"")));
        }
        QVERIFY(rebuild.size() >= 6);
        QVERIFY(rebuild.first().sql.startsWith(
            QLatin1String("CREATE TABLE \"_migconsole_new_orders\" (")));
        QVERIFY(rebuild.first().sql.contains(QLatin1String("\"ref\" uuid")));
        QVERIFY(rebuild.first().sql.contains(QLatin1String("\"total\" integer NOT NULL")));
        QVERIFY(rebuild.first().summary.contains(QLatin1String("missing_column total")));
        QVERIFY(rebuild.first().summary.contains(QLatin1String("type_mismatch ref")));
        QCOMPARE(rebuild.at(1).sql,
                 QStringLiteral("INSERT INTO \"_migconsole_new_orders\" (\"id\", \"ref\") SELECT "
                                "\"id\", \"ref\" FROM \"orders\""));
        QCOMPARE(rebuild.at(2).sql, QStringLiteral("DROP TABLE \"orders\""));
        QCOMPARE(rebuild.at(4).sql,
                 QStringLiteral("ALTER TABLE \"_migconsole_new_orders\" RENAME TO \"orders\""));
        for (const FixStatement &s : rebuild)
            QVERIFY(s.needsForeignKeysOff);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(rebuild.at(i).skipIfSql.startsWith(
                QLatin1String("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = "
                              "'orders' AND sql = 'CREATE TABLE \"orders\" (' || char(10)")));
            QVERIFY(!rebuild.at(i).skipIfSql.contains(QLatin1Char('\n')));
        }
        QVERIFY(rebuild.at(5).skipIfSql.isEmpty()); // legacy_alter_table back OFF, always
        QVERIFY(rebuild.first()
                    .hazards.join(QLatin1Char('\n'))
                    .contains(QLatin1String("triggers on orders could not be read")));
    }

    void textAndJson()
    {
        const auto [expected, actual] = postgresPair();
        FixOptions options;
        options.concurrentIndexes = true;
        FixPlan plan = planFixes(expected, actual, diffSchemas(expected, actual), options, nullptr);
        plan.database = QStringLiteral("postgresql://app:***@db/prod");
        const QString text = plan.toSql();
        QVERIFY(text.startsWith(
            QLatin1String("-- Migration Console fix plan for postgresql://app:***@db/prod\n")));
        QVERIFY(text.contains(QStringLiteral("-- %1 statement(s), 0 destructive, 1 outside the "
                                             "transaction; %2 finding(s) left unfixed")
                                  .arg(plan.statements.size())
                                  .arg(plan.unfixed.size())));
        QVERIFY(text.contains(QLatin1String("outside the transaction run after the commit")));
        QVERIFY(text.contains(QStringLiteral("-- not fixed: extra_table public.old_stuff — extra "
                                             "objects are dropped only when asked")));
        QVERIFY(text.contains(
            QLatin1String("-- fixes: missing_index public.games.games_kickoff_idx\n")));
        QVERIFY(text.contains(QLatin1String("-- lock: SHARE UPDATE EXCLUSIVE\n")));
        QVERIFY(text.contains(QLatin1String("-- @outside-transaction\nCREATE INDEX CONCURRENTLY")));

        // Read back the way the console's editor runs it: the same statements and flags.
        const QList<FixStatement> back = statementsFromSqlText(text, Dialect::PostgreSQL);
        QCOMPARE(back.size(), plan.statements.size());
        for (qsizetype i = 0; i < back.size(); ++i) {
            QCOMPARE(back.at(i).sql, plan.statements.at(i).sql);
            QCOMPARE(back.at(i).inTransaction, plan.statements.at(i).inTransaction);
            QCOMPARE(back.at(i).skipIfSql, plan.statements.at(i).skipIfSql);
        }

        const QJsonObject json = fixPlanToJson(plan);
        QCOMPARE(json.value(QStringLiteral("database")).toString(), plan.database);
        const QJsonArray statements = json.value(QStringLiteral("statements")).toArray();
        QCOMPARE(statements.size(), plan.statements.size());
        const QJsonObject first = statements.first().toObject();
        for (const char *key : {"sql", "purpose", "summary", "finding", "revision",
                                "in_transaction", "destructive", "lock", "hazards"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first.value(QStringLiteral("purpose")).toString(), QStringLiteral("repair"));
        QVERIFY(first.value(QStringLiteral("finding")).toObject().contains(QStringLiteral("kind")));
        const QJsonArray unfixedJson = json.value(QStringLiteral("unfixed")).toArray();
        QCOMPARE(unfixedJson.size(), plan.unfixed.size());
        QVERIFY(
            !unfixedJson.first().toObject().value(QStringLiteral("reason")).toString().isEmpty());
        QVERIFY(unfixedJson.first().toObject().contains(QStringLiteral("kind")));
        QVERIFY(json.value(QStringLiteral("completed_revisions")).isArray());
        QCOMPARE(fixPurposeName(FixPurpose::CompleteRevision), QStringLiteral("complete_revision"));
        QCOMPARE(fixPurposeName(FixPurpose::Stamp), QStringLiteral("stamp"));
    }
};

QTEST_GUILESS_MAIN(TestFixPlanner)
#include "test_fix_planner.moc"
