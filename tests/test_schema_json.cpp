// Schema ⇄ JSON: every field survives a round trip, and bad JSON names the bad field.

#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace migconsole;

namespace {

Schema richSchema()
{
    Schema s;
    s.dialect = Dialect::PostgreSQL;
    Namespace ns;
    ns.name = QStringLiteral("public");
    Table t;
    t.name = QStringLiteral("games");
    t.comment = QStringLiteral("fixtures and results");
    Column id;
    id.name = QStringLiteral("id");
    id.type = QStringLiteral("integer");
    id.nullable = false;
    id.defaultExpr = QStringLiteral("nextval('public.games_id_seq'::regclass)");
    id.autoIncrement = true;
    Column key;
    key.name = QStringLiteral("external_game_key");
    key.type = QStringLiteral("varchar(64)");
    key.comment = QStringLiteral("provider key");
    Column ident;
    ident.name = QStringLiteral("seq");
    ident.type = QStringLiteral("bigint");
    ident.nullable = false;
    ident.identity = Identity::ByDefault;
    Column gen;
    gen.name = QStringLiteral("total");
    gen.type = QStringLiteral("integer");
    gen.generatedExpr = QStringLiteral("(home_score + away_score)");
    gen.generatedStored = true;
    t.columns = {id, key, ident, gen};
    t.primaryKey = PrimaryKey{QStringLiteral("games_pkey"), {QStringLiteral("id")}};
    Index ix;
    ix.name = QStringLiteral("ix_games_key");
    ix.columns = {QStringLiteral("lower((external_game_key)::text)"), QStringLiteral("id DESC")};
    ix.include = {QStringLiteral("seq")};
    ix.unique = true;
    ix.method = QStringLiteral("btree");
    ix.predicate = QStringLiteral("(seq > 0)");
    ix.valid = false;
    t.indexes = {ix};
    t.uniques = {UniqueConstraint{QStringLiteral("games_seq_key"), {QStringLiteral("seq")}}};
    t.checks = {CheckConstraint{QStringLiteral("ck_total"), QStringLiteral("(total >= 0)")}};
    ForeignKey fk;
    fk.name = QStringLiteral("games_league_fkey");
    fk.columns = {QStringLiteral("seq")};
    fk.referencedSchema = QStringLiteral("other");
    fk.referencedTable = QStringLiteral("leagues");
    fk.referencedColumns = {QStringLiteral("id")};
    fk.onDelete = ReferentialAction::Cascade;
    fk.onUpdate = ReferentialAction::SetNull;
    fk.deferrable = true;
    fk.initiallyDeferred = true;
    fk.validated = false;
    t.foreignKeys = {fk};
    ns.tables = {t, Table{QStringLiteral("empty"), {}, std::nullopt, {}, {}, {}, {}, {}}};
    ns.enums = {EnumType{QStringLiteral("mood"), {QStringLiteral("ok"), QStringLiteral("sad")}}};
    ns.views = {View{QStringLiteral("v"), true, QStringLiteral("SELECT 1")}};
    s.namespaces = {ns, Namespace{QStringLiteral("audit"), {}, {}, {}}};
    return s;
}

} // namespace

class TestSchemaJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTripKeepsEveryField()
    {
        const Schema original = richSchema();
        const QJsonObject json = schemaToJson(original);
        // Through text as well, as a snapshot file would go.
        const QJsonObject reparsed = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
        const auto back = schemaFromJson(reparsed);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().toString()));
        QCOMPARE(back->namespaces.size(), original.namespaces.size());
        const Table &t = back->namespaces[0].tables[0];
        const Table &o = original.namespaces[0].tables[0];
        for (qsizetype i = 0; i < o.columns.size(); ++i)
            QCOMPARE(t.columns[i], o.columns[i]);
        QCOMPARE(t.primaryKey, o.primaryKey);
        QCOMPARE(t.indexes, o.indexes);
        QCOMPARE(t.uniques, o.uniques);
        QCOMPARE(t.checks, o.checks);
        QCOMPARE(t.foreignKeys, o.foreignKeys);
        QVERIFY(*back == original);
    }

    void writerMatchesQtByteForByte()
    {
        // The streamed text must be exactly what QJsonDocument makes of the same object:
        // same key order, indentation and escapes (a key out of order would show here).
        Schema schema = richSchema();
        schema.namespaces[0].tables[0].comment = QStringLiteral("quote \" tab\t ünïcode 😀");
        JsonWriter writer;
        writer.beginObject();
        writer.key(QLatin1String("database")).value(QStringLiteral("postgresql://u:***@h/db"));
        writeSchemaMembers(writer, schema);
        writer.endObject().finish();
        const QByteArray streamed = writer.take();
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(streamed, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(streamed, parsed.toJson(QJsonDocument::Indented));
    }

    void defaultsAreLeftOut()
    {
        const QJsonObject json = schemaToJson(richSchema());
        const QJsonObject empty =
            json[QStringLiteral("schemas")][0][QStringLiteral("tables")][1].toObject();
        QCOMPARE(empty.keys(), (QStringList{QStringLiteral("columns"), QStringLiteral("name")}));
        QCOMPARE(json[QStringLiteral("dialect")].toString(), QStringLiteral("postgresql"));
    }

    void badJsonNamesTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::newRow("no dialect") << QByteArray(R"({"schemas": []})") << "$.dialect";
        QTest::newRow("bad dialect") << QByteArray(R"({"dialect": "oracle"})") << "$.dialect";
        QTest::newRow("table without name")
            << QByteArray(R"({"dialect":"sqlite","schemas":[{"name":"main","tables":[{"columns":[]}]}]})")
            << "$.schemas[0].tables[0].name";
        QTest::newRow("column type not string")
            << QByteArray(R"({"dialect":"sqlite","schemas":[{"name":"main","tables":[{"name":"t","columns":[{"name":"a","type":5}]}]}]})")
            << "$.schemas[0].tables[0].columns[0].type";
        QTest::newRow("bad action")
            << QByteArray(R"({"dialect":"sqlite","schemas":[{"name":"main","tables":[{"name":"t","foreign_keys":[{"columns":["a"],"referenced_table":"u","referenced_columns":["id"],"on_delete":"EXPLODE"}]}]}]})")
            << "$.schemas[0].tables[0].foreign_keys[0].on_delete";
        QTest::newRow("nullable not bool")
            << QByteArray(R"({"dialect":"sqlite","schemas":[{"name":"main","tables":[{"name":"t","columns":[{"name":"a","type":"int","nullable":"yes"}]}]}]})")
            << "$.schemas[0].tables[0].columns[0].nullable";
    }
    void badJsonNamesTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        const auto result = schemaFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::BadInput);
        QVERIFY2(result.error().message.startsWith(path), qPrintable(result.error().message));
    }

    void sortByNameMakesOrderIrrelevant()
    {
        Schema a = richSchema();
        Schema b = richSchema();
        std::reverse(b.namespaces.begin(), b.namespaces.end());
        // Unnamed constraints (as SQLite reports them) in a different order.
        Table &ta = a.namespaces[0].tables[0];
        ta.checks = {{QString(), QStringLiteral("x > 0")}, {QString(), QStringLiteral("a < 1")}};
        ta.uniques = {{QString(), {QStringLiteral("b")}}, {QString(), {QStringLiteral("a")}}};
        Table &tb = b.namespaces[1].tables[0];
        tb.checks = {ta.checks[1], ta.checks[0]};
        tb.uniques = {ta.uniques[1], ta.uniques[0]};
        QVERIFY(!(a == b));
        a.sortByName();
        b.sortByName();
        QVERIFY(a == b);
    }
};

QTEST_APPLESS_MAIN(TestSchemaJson)
#include "test_schema_json.moc"
