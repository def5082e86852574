// SchemaDiff: expected vs actual → findings. A script-spelled and a database-spelled
// fixture compare clean; each injected difference yields exactly its one finding; each
// normalisation trap of REFERENCE.md §4 yields none.

#include "drift/SchemaDiff.h"
#include "drift/SqlNormaliser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace migconsole;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

Column column(const char *name, const char *type, bool nullable = true, const char *def = "")
{
    Column c;
    c.name = s(name);
    c.type = s(type);
    c.nullable = nullable;
    c.defaultExpr = s(def);
    return c;
}

Column serial(const char *name, const char *defaultExpr)
{
    Column c = column(name, "integer", false, defaultExpr);
    c.autoIncrement = true;
    return c;
}

/// The scripts' view (how a replayer writes it) when `live` is false, the database's
/// (how PostgreSQL prints it) when true: equal in meaning, different in spelling.
Schema fixture(bool live)
{
    Table games;
    games.name = s("games");
    games.columns = {
        serial("id", live ? "nextval('public.games_id_seq'::regclass)" : ""),
        column("name", live ? "character varying(64)" : "VARCHAR(64)", false,
               live ? "''::character varying" : "''"),
        column("external_game_key", "varchar(64)"),
        column("score", live ? "int4" : "integer", true, live ? "'-1'::integer" : "-1"),
        column("active", live ? "bool" : "boolean", false, live ? "true" : "1"),
        column("created_at", live ? "timestamp with time zone" : "timestamptz", false,
               live ? "now()" : "CURRENT_TIMESTAMP"),
    };
    games.primaryKey = PrimaryKey{live ? s("games_pkey") : QString(), {s("id")}};
    games.indexes = {Index{s("ix_games_name"), {s("name")}, {}, false,
                           live ? s("btree") : QString(), {}, true},
                     Index{s("ix_games_live"), {live ? s("score DESC NULLS FIRST") : s("score DESC")},
                           {}, false, s("btree"),
                           live ? s("deleted IS NULL") : s("(deleted IS NULL)"), true}};
    games.uniques = {UniqueConstraint{live ? s("games_name_key") : QString(), {s("name")}}};
    games.checks = {CheckConstraint{live ? s("games_score_check") : QString(),
                                    live ? s("score >= '-1'::integer") : s("score >= -1")}};

    Table players;
    players.name = s("players");
    players.columns = {serial("id", live ? "nextval('public.players_id_seq'::regclass)" : ""),
                       column("game_id", "integer", false)};
    players.primaryKey = PrimaryKey{s("players_pkey"), {s("id")}};
    ForeignKey fk;
    fk.name = s("fk_players_game");
    fk.columns = {s("game_id")};
    fk.referencedSchema = live ? s("public") : QString();
    fk.referencedTable = s("games");
    fk.referencedColumns = live ? QStringList{s("id")} : QStringList{};
    fk.onDelete = ReferentialAction::Cascade;
    players.foreignKeys = {fk};

    Table documents;
    documents.name = s("documents");
    documents.columns = {column("id", "varchar(36)", false)};
    documents.primaryKey = PrimaryKey{s("documents_pkey"), {s("id")}};

    Namespace ns{s("public"), {games, players, documents}, {}, {}};
    if (live) {
        Table version;
        version.name = s("alembic_version");
        version.columns = {column("version_num", "varchar(32)", false)};
        ns.tables.append(version);
    }
    Schema schema;
    schema.dialect = Dialect::PostgreSQL;
    schema.namespaces = {ns};
    schema.sortByName();
    return schema;
}

Table &table(Schema &schema, const char *name)
{
    for (Table &t : schema.namespaces[0].tables) {
        if (t.name == s(name))
            return t;
    }
    qFatal("no table %s", name);
}

Column &col(Schema &schema, const char *tableName, const char *name)
{
    for (Column &c : table(schema, tableName).columns) {
        if (c.name == s(name))
            return c;
    }
    qFatal("no column %s", name);
}

void removeTable(Schema &schema, const char *name)
{
    QList<Table> &tables = schema.namespaces[0].tables;
    tables.removeIf([&](const Table &t) { return t.name == s(name); });
}

using Injection = std::function<void(Schema &expected, Schema &actual)>;

/// One difference per finding kind, by name (QTest data cannot carry a function).
const QHash<QString, Injection> &injections()
{
    static const QHash<QString, Injection> all = {
        {s("missing_table"), [](Schema &, Schema &a) { removeTable(a, "documents"); }},
        {s("missing_column"),
         [](Schema &, Schema &a) { table(a, "games").columns.removeAt(2); }},
        {s("missing_index"), [](Schema &, Schema &a) { table(a, "games").indexes.removeAt(1); }},
        {s("missing_index_redefined"),
         [](Schema &, Schema &a) { table(a, "games").indexes[1].columns = {s("score")}; }},
        {s("missing_foreign_key"),
         [](Schema &, Schema &a) { table(a, "players").foreignKeys.clear(); }},
        {s("missing_unique"), [](Schema &, Schema &a) { table(a, "games").uniques.clear(); }},
        {s("missing_check"), [](Schema &, Schema &a) { table(a, "games").checks.clear(); }},
        {s("missing_check_changed"),
         [](Schema &e, Schema &a) {
             table(e, "games").checks[0].name = s("games_score_check");
             table(a, "games").checks[0].expression = s("score >= 0");
         }},
        {s("missing_primary_key"),
         [](Schema &, Schema &a) {
             table(a, "documents").primaryKey.reset();
             col(a, "documents", "id").nullable = false;
         }},
        {s("primary_key_other_columns"),
         [](Schema &, Schema &a) {
             table(a, "players").primaryKey->columns = {s("id"), s("game_id")};
         }},
        {s("type_mismatch"),
         [](Schema &, Schema &a) { col(a, "documents", "id").type = s("uuid"); }},
        {s("type_widening"),
         [](Schema &, Schema &a) { col(a, "games", "external_game_key").type = s("varchar(32)"); }},
        {s("nullability_set_not_null"),
         [](Schema &, Schema &a) { col(a, "games", "name").nullable = true; }},
        {s("nullability_drop_not_null"),
         [](Schema &, Schema &a) { col(a, "games", "external_game_key").nullable = false; }},
        {s("default_mismatch"),
         [](Schema &, Schema &a) { col(a, "games", "score").defaultExpr = s("0"); }},
        {s("default_dropped"),
         [](Schema &, Schema &a) { col(a, "games", "active").defaultExpr.clear(); }},
        {s("default_serial_lost"),
         [](Schema &, Schema &a) {
             col(a, "players", "id").defaultExpr.clear();
             col(a, "players", "id").autoIncrement = false;
         }},
        {s("extra_table"), [](Schema &e, Schema &) { removeTable(e, "documents"); }},
        {s("extra_column"), [](Schema &e, Schema &) { table(e, "games").columns.removeAt(2); }},
        {s("extra_index"), [](Schema &e, Schema &) { table(e, "games").indexes.removeAt(0); }},
        {s("extra_foreign_key"),
         [](Schema &e, Schema &) { table(e, "players").foreignKeys.clear(); }},
    };
    return all;
}

} // namespace

class TestSchemaDiff : public QObject
{
    Q_OBJECT

private slots:
    void identicalSchemasHaveNoFindings()
    {
        QCOMPARE(diffSchemas(fixture(false), fixture(false)), QList<Finding>{});
        QCOMPARE(diffSchemas(fixture(true), fixture(true)), QList<Finding>{});
        // The script spelling against the database spelling: every trap normalised.
        const QList<Finding> findings = diffSchemas(fixture(false), fixture(true));
        for (const Finding &f : findings)
            qWarning() << QJsonDocument(findingToJson(f)).toJson(QJsonDocument::Compact);
        QVERIFY(findings.isEmpty());
    }

    void oneInjectedDifference_data()
    {
        QTest::addColumn<QString>("injection");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<bool>("fixable");

        auto row = [](const char *injection, const char *kind, const char *tableName,
                      const char *object, const char *expected, const char *actual,
                      const char *severity, bool fixable) {
            QTest::newRow(injection) << s(injection) << s(kind) << s(tableName) << s(object)
                                     << s(expected) << s(actual) << s(severity) << fixable;
        };
        row("missing_table", "missing_table", "documents", "", "", "", "error", true);
        row("missing_column", "missing_column", "games", "external_game_key", "varchar(64)", "",
            "error", true);
        row("missing_index", "missing_index", "games", "ix_games_name", "", "", "error", true);
        row("missing_index_redefined", "missing_index", "games", "ix_games_name", "(name)",
            "(name)", "error", true);
        row("missing_foreign_key", "missing_foreign_key", "players", "fk_players_game",
            "(game_id) → games(id) ON DELETE CASCADE", "", "error", true);
        row("missing_unique", "missing_unique", "games", "", "UNIQUE (name)", "", "error", true);
        row("missing_check", "missing_check", "games", "", "CHECK (score >= -1)", "", "error",
            true);
        row("missing_check_changed", "missing_check", "games", "games_score_check",
            "CHECK (score >= -1)", "", "error", true);
        row("missing_primary_key", "missing_primary_key", "documents", "documents_pkey",
            "PRIMARY KEY (id)", "", "error", true);
        row("primary_key_other_columns", "missing_primary_key", "players", "players_pkey",
            "PRIMARY KEY (id)", "PRIMARY KEY (id, game_id)", "error", false);
        row("type_mismatch", "type_mismatch", "documents", "id", "varchar(36)", "uuid", "error",
            false);
        row("type_widening", "type_mismatch", "games", "external_game_key", "varchar(64)",
            "varchar(32)", "error", true);
        row("nullability_set_not_null", "nullability_mismatch", "games", "name", "NOT NULL",
            "NULL", "warning", true);
        row("nullability_drop_not_null", "nullability_mismatch", "games", "external_game_key",
            "NULL", "NOT NULL", "warning", true);
        row("default_mismatch", "default_mismatch", "games", "score", "-1", "0", "warning",
            true);
        row("default_dropped", "default_mismatch", "games", "active", "1", "", "warning", true);
        row("default_serial_lost", "default_mismatch", "players", "id", "nextval(…) (serial)",
            "", "warning", false);
        row("extra_table", "extra_table", "documents", "", "", "", "info", false);
        row("extra_column", "extra_column", "games", "external_game_key", "", "varchar(64)",
            "info", false);
        row("extra_index", "extra_index", "games", "ix_games_live", "", "", "info", false);
        row("extra_foreign_key", "extra_foreign_key", "players", "fk_players_game", "",
            "(game_id) → games(id) ON DELETE CASCADE", "info", false);
    }

    void oneInjectedDifference()
    {
        QFETCH(QString, injection);
        QFETCH(QString, kind);
        QFETCH(QString, table);
        QFETCH(QString, object);
        QFETCH(QString, expected);
        QFETCH(QString, actual);
        QFETCH(QString, severity);
        QFETCH(bool, fixable);

        Schema want = fixture(false);
        Schema have = fixture(true);
        QVERIFY(injections().contains(injection));
        injections().value(injection)(want, have);
        const QList<Finding> findings = diffSchemas(want, have);
        for (const Finding &f : findings)
            qInfo() << QJsonDocument(findingToJson(f)).toJson(QJsonDocument::Compact);
        QCOMPARE(findings.size(), 1);
        const Finding &f = findings.first();
        QCOMPARE(findingKindName(f.kind), kind);
        QCOMPARE(f.schema, s("public"));
        QCOMPARE(f.table, table);
        QCOMPARE(f.object, object);
        // Redefined objects show both definitions; only their presence is pinned here.
        if (injection.endsWith(QLatin1String("_changed")) ||
            injection.endsWith(QLatin1String("_redefined")))
            QVERIFY(!f.actual.isEmpty() && f.actual != f.expected);
        else
            QCOMPARE(f.actual, actual);
        if (!injection.endsWith(QLatin1String("_redefined")))
            QCOMPARE(f.expected, expected);
        else
            QVERIFY(!f.expected.isEmpty());
        QCOMPARE(severityName(f.severity), severity);
        QCOMPARE(f.fixable, fixable);
    }

    void originsAreCopied()
    {
        Schema want = fixture(false);
        Schema have = fixture(true);
        removeTable(have, "documents");
        table(have, "games").columns.removeAt(2);
        table(have, "games").indexes.removeAt(1);
        OriginMap origins;
        const FindingOrigin created{s("001_create"), {s("versions/001_create.py"), 12}};
        const FindingOrigin added{s("037_add_key"), {s("versions/037_add_key.py"), 24}};
        origins.setTable(s("public"), s("documents"), created);
        origins.setTable(s("public"), s("games"), created);
        origins.setObject(s("public"), s("games"), FindingObject::Column,
                          s("external_game_key"), added);
        const QList<Finding> findings = diffSchemas(want, have, &origins);
        QCOMPARE(findings.size(), 3);
        QCOMPARE(findings[0].kind, FindingKind::MissingTable);
        QCOMPARE(findings[0].origin, created);
        QCOMPARE(findings[1].kind, FindingKind::MissingColumn);
        QCOMPARE(findings[1].origin, added);
        // No entry of its own: the index came with its table's create_table.
        QCOMPARE(findings[2].kind, FindingKind::MissingIndex);
        QCOMPARE(findings[2].origin, created);
        // Constraints find their own entry by name, unnamed ones their table's.
        table(have, "players").foreignKeys.clear();
        const FindingOrigin fk{s("040_fk"), {s("versions/040_fk.py"), 9}};
        origins.setObject(s("public"), s("players"), FindingObject::Constraint,
                          s("fk_players_game"), fk);
        origins.setTable(s("public"), s("players"), created);
        table(have, "games").uniques.clear();
        const QList<Finding> more = diffSchemas(want, have, &origins);
        QCOMPARE(more.size(), 5);
        QCOMPARE(more[3].kind, FindingKind::MissingUnique);
        QCOMPARE(more[3].origin, created);
        QCOMPARE(more[4].kind, FindingKind::MissingForeignKey);
        QCOMPARE(more[4].origin, fk);
        // Without a map, or for extras, there is no origin.
        QVERIFY(!diffSchemas(want, have).first().origin);
        QVERIFY(!diffSchemas(have, want, &origins).first().origin);
    }

    void originMapRenameAndDrop()
    {
        OriginMap origins;
        const FindingOrigin o{s("a1"), {s("versions/a1.py"), 3}};
        origins.setObject(s("public"), s("old"), FindingObject::Index, s("ix"), o);
        origins.setTable(s("public"), s("old"), o);
        origins.setTable(s("public"), s("older"), o);
        origins.renameTable(s("public"), s("old"), s("new"));
        QCOMPARE(origins.object(s("public"), s("new"), FindingObject::Index, s("ix")), o);
        QVERIFY(!origins.table(s("public"), s("old")));
        QVERIFY(origins.table(s("public"), s("older"))); // a prefix is not the table
        origins.removeTable(s("public"), s("new"));
        QCOMPARE(origins.size(), 1);
        QCOMPARE(OriginMap::path(s("public"), s("t"), FindingObject::Column, s("c")),
                 s("public/t/column:c"));
    }

    /// The drift entries of CLI.md's example, plus severity and fixable ("every finding has").
    void jsonMatchesCliExample()
    {
        Schema want;
        Table games;
        games.name = s("games");
        games.columns = {column("id", "integer", false),
                         column("external_game_key", "varchar(64)")};
        games.indexes = {Index{s("ix_games_external_game_key"), {s("external_game_key")}, {},
                               false, s("btree"), {}, true}};
        Table heartbeats;
        heartbeats.name = s("system_heartbeats");
        Table documents;
        documents.name = s("documents");
        documents.columns = {column("id", "varchar(36)", false)};
        want.namespaces = {Namespace{s("public"), {documents, games, heartbeats}, {}, {}}};
        Schema have = want;
        have.namespaces[0].tables.removeLast();
        have.namespaces[0].tables[0].columns[0].type = s("uuid");
        have.namespaces[0].tables[1].columns.removeLast();
        have.namespaces[0].tables[1].indexes.clear();
        OriginMap origins;
        origins.setObject(s("public"), s("games"), FindingObject::Column, s("external_game_key"),
                          {s("037_add_live_scores_to_games"),
                           {s("versions/037_add_live_scores_to_games.py"), 24}});

        QJsonArray json;
        for (const Finding &f : diffSchemas(want, have, &origins))
            json.append(findingToJson(f));
        const QByteArray expected = R"JSON([
          {"kind": "type_mismatch", "schema": "public", "table": "documents",
           "column": "id", "expected": "varchar(36)", "actual": "uuid",
           "severity": "error", "fixable": false},
          {"kind": "missing_column", "schema": "public", "table": "games",
           "column": "external_game_key", "expected": "varchar(64)", "severity": "error",
           "fixable": true,
           "origin": {"revision": "037_add_live_scores_to_games",
                      "file": "versions/037_add_live_scores_to_games.py", "line": 24}},
          {"kind": "missing_index", "schema": "public", "table": "games",
           "index": "ix_games_external_game_key", "severity": "error", "fixable": true},
          {"kind": "missing_table", "schema": "public", "table": "system_heartbeats",
           "severity": "error", "fixable": true}
        ])JSON";
        QCOMPARE(json, QJsonDocument::fromJson(expected).array());
    }

    void ignoredTables()
    {
        Schema want = fixture(false);
        Schema have = fixture(true); // has alembic_version: ignored by default
        QVERIFY(diffSchemas(want, have).isEmpty());
        DiffOptions options;
        options.ignoreTables.clear();
        QCOMPARE(diffSchemas(want, have, nullptr, options).size(), 1);
        options.ignoreTables = {s("public.documents"), s("alembic_version")};
        removeTable(have, "documents");
        QVERIFY(diffSchemas(want, have, nullptr, options).isEmpty());
        options.ignoreTables = {s("other.documents"), s("alembic_version")};
        QCOMPARE(diffSchemas(want, have, nullptr, options).size(), 1);
    }

    void extrasToggle()
    {
        Schema want = fixture(false);
        removeTable(want, "documents");
        table(want, "games").columns.removeAt(2);
        table(want, "games").indexes.clear();
        table(want, "players").foreignKeys.clear();
        const Schema have = fixture(true);
        const QList<Finding> all = diffSchemas(want, have);
        QCOMPARE(all.size(), 5); // documents, a column, two indexes, a foreign key
        for (const Finding &f : all) {
            QCOMPARE(f.severity, Severity::Info);
            QVERIFY(!f.fixable);
        }
        DiffOptions options;
        options.reportExtras = false;
        QVERIFY(diffSchemas(want, have, nullptr, options).isEmpty());
    }

    void namespacesCompared()
    {
        Schema want = fixture(false);
        Schema have = fixture(true);
        Namespace other{s("audit"), {table(have, "documents")}, {}, {}};
        have.namespaces.append(other); // a schema the scripts never name: not compared
        QVERIFY(diffSchemas(want, have).isEmpty());
        DiffOptions options;
        options.namespaces = {s("public"), s("audit")};
        const QList<Finding> findings = diffSchemas(want, have, nullptr, options);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].kind, FindingKind::ExtraTable);
        QCOMPARE(findings[0].schema, s("audit"));
    }

    void deterministicOrder()
    {
        Schema want = fixture(false);
        Schema have = fixture(true);
        table(have, "players").foreignKeys.clear();
        col(have, "games", "score").type = s("bigint");
        col(have, "games", "name").nullable = true;
        table(have, "games").indexes.clear();
        removeTable(have, "documents");
        QStringList order;
        for (const Finding &f : diffSchemas(want, have))
            order.append(f.table + QLatin1Char(' ') + findingKindName(f.kind) + QLatin1Char(' ') +
                         f.object);
        QCOMPARE(order, (QStringList{s("documents missing_table "),
                                     s("games missing_index ix_games_live"),
                                     s("games missing_index ix_games_name"),
                                     s("games type_mismatch score"),
                                     s("games nullability_mismatch name"),
                                     s("players missing_foreign_key fk_players_game")}));
    }

    void matchesByDefinitionWhenNamesDiffer()
    {
        Schema want = fixture(false);
        Schema have = fixture(true);
        table(have, "games").indexes[0].name = s("games_live_idx");        // renamed index
        table(have, "players").foreignKeys[0].name = s("players_game_id_fkey");
        // A unique index where the scripts declare a UNIQUE constraint: same rule.
        table(have, "games").uniques.clear();
        table(have, "games").indexes.append(
            Index{s("ux_games_name"), {s("name")}, {}, true, s("btree"), {}, true});
        QVERIFY(diffSchemas(want, have).isEmpty());
        // …but a partial unique index is not the constraint.
        table(have, "games").indexes.last().predicate = s("score > 0");
        const QList<Finding> findings = diffSchemas(want, have);
        QCOMPARE(findings.size(), 2);
        QCOMPARE(findings[0].kind, FindingKind::MissingUnique);
        QCOMPARE(findings[1].kind, FindingKind::ExtraIndex);
    }

    void everyKindHasOneName()
    {
        const QStringList cliKinds = {
            s("missing_table"), s("missing_column"), s("missing_index"),
            s("missing_foreign_key"), s("missing_unique"), s("missing_check"),
            s("missing_primary_key"), s("type_mismatch"), s("nullability_mismatch"),
            s("default_mismatch"), s("extra_table"), s("extra_column"), s("extra_index"),
            s("extra_foreign_key")};
        QStringList names;
        for (FindingKind kind : allFindingKinds()) {
            names.append(findingKindName(kind));
            QCOMPARE(findingKindFromName(findingKindName(kind)), kind);
        }
        QCOMPARE(names, cliKinds);
        QVERIFY(!findingKindFromName(s("missing_view")));
        for (Severity severity : {Severity::Error, Severity::Warning, Severity::Info})
            QCOMPARE(severityFromName(severityName(severity)), severity);
    }
};

QTEST_APPLESS_MAIN(TestSchemaDiff)
#include "test_schema_diff.moc"
