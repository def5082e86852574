// SchemaDiff's normalisation: spellings that mean the same (REFERENCE.md §4 "Normalisation
// traps") compare equal, through the whole diff; spellings that differ in meaning do not.

#include "drift/SchemaDiff.h"
#include "drift/SqlNormaliser.h"
#include "drift/TypeWidening.h"

#include <QJsonDocument>
#include <QTest>

using namespace migconsole;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

/// One table "t" with a column "c" of `type` / default `def` and the given extras.
Schema oneColumn(Dialect dialect, const char *type, const char *def)
{
    Column c;
    c.name = s("c");
    c.type = s(type);
    c.defaultExpr = s(def);
    Table t;
    t.name = s("t");
    t.columns = {c};
    Schema schema;
    schema.dialect = dialect;
    schema.namespaces = {Namespace{dialect == Dialect::SQLite ? s("main") : s("public"), {t}, {}, {}}};
    return schema;
}

Column column(const char *name, const char *type, bool nullable, const char *def = "")
{
    Column c;
    c.name = s(name);
    c.type = s(type);
    c.nullable = nullable;
    c.defaultExpr = s(def);
    return c;
}

Table &onlyTable(Schema &schema)
{
    return schema.namespaces[0].tables[0];
}

QString describeFindings(const QList<Finding> &findings)
{
    QStringList lines;
    for (const Finding &f : findings)
        lines.append(QString::fromUtf8(QJsonDocument(findingToJson(f)).toJson(QJsonDocument::Compact)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestSchemaDiffNormalisation : public QObject
{
    Q_OBJECT

private slots:
    void columnsCompareEqual_data()
    {
        QTest::addColumn<bool>("sqlite");
        QTest::addColumn<QString>("expectedType");
        QTest::addColumn<QString>("expectedDefault");
        QTest::addColumn<QString>("actualType");
        QTest::addColumn<QString>("actualDefault");
        auto row = [](const char *name, bool sqlite, const char *et, const char *ed,
                      const char *at, const char *ad) {
            QTest::newRow(name) << sqlite << s(et) << s(ed) << s(at) << s(ad);
        };
        row("int4", false, "integer", "", "int4", "");
        row("varchar alias", false, "VARCHAR(64)", "", "character varying(64)", "");
        row("timestamptz alias", false, "timestamptz", "", "timestamp with time zone", "");
        row("bool alias", false, "boolean", "", "bool", "");
        row("enum qualified", false, "status", "'new'", "public.status", "'new'::public.status");
        row("varchar cast", false, "varchar(10)", "'x'", "varchar(10)", "'x'::character varying");
        row("empty text", false, "text", "''", "text", "''::text");
        row("jsonb", false, "jsonb", "'{}'", "jsonb", "'{}'::jsonb");
        row("negative int", false, "integer", "-1", "integer", "'-1'::integer");
        row("quoted zero", false, "integer", "'0'", "integer", "0");
        row("numeric cast", false, "numeric(10,2)", "0", "numeric(10,2)", "0::numeric");
        row("bool true vs 1", false, "boolean", "1", "boolean", "true");
        row("bool 'f' vs false", false, "boolean", "'f'", "boolean", "false");
        row("sqlite bool", true, "BOOLEAN", "false", "BOOLEAN", "0");
        row("now vs CURRENT_TIMESTAMP", false, "timestamptz", "now()", "timestamptz", "CURRENT_TIMESTAMP");
        row("sqlite current_timestamp", true, "DATETIME", "CURRENT_TIMESTAMP", "DATETIME", "current_timestamp");
        row("now 9.6 date", false, "date", "CURRENT_DATE", "date", "('now'::text)::date");
        row("outer parentheses", false, "integer", "(0)", "integer", "0");
        row("double parentheses", false, "integer", "((1 + 2))", "integer", "1 + 2");
        row("schema-qualified function", false, "uuid", "uuid_generate_v4()", "uuid",
            "public.uuid_generate_v4()");
        row("interval literal", false, "timestamptz", "now() + interval '1 day'", "timestamptz",
            "(now() + '1 day'::interval)");
        row("explicit null", false, "text", "NULL", "text", "");
        row("null cast", false, "varchar", "", "varchar", "NULL::character varying");
        row("CAST()", false, "integer", "CAST('5' AS integer)", "integer", "5");
        row("sqlite parenthesised", true, "TEXT", "(datetime('now'))", "TEXT", "datetime('now')");
    }

    void columnsCompareEqual()
    {
        QFETCH(bool, sqlite);
        QFETCH(QString, expectedType);
        QFETCH(QString, expectedDefault);
        QFETCH(QString, actualType);
        QFETCH(QString, actualDefault);
        const Dialect dialect = sqlite ? Dialect::SQLite : Dialect::PostgreSQL;
        Schema want = oneColumn(dialect, "", "");
        onlyTable(want).columns[0].type = expectedType;
        onlyTable(want).columns[0].defaultExpr = expectedDefault;
        Schema have = want;
        onlyTable(have).columns[0].type = actualType;
        onlyTable(have).columns[0].defaultExpr = actualDefault;
        const QList<Finding> findings = diffSchemas(want, have);
        QVERIFY2(findings.isEmpty(), qPrintable(describeFindings(findings)));
    }

    void serialSpellings()
    {
        // The scripts: Integer primary key → serial (autoIncrement, no default written).
        Schema want = oneColumn(Dialect::PostgreSQL, "serial", "");
        onlyTable(want).columns[0].autoIncrement = true;
        onlyTable(want).columns[0].nullable = false;
        // The database: integer + nextval of its owned sequence, however it is qualified.
        Schema have = oneColumn(Dialect::PostgreSQL, "integer", "nextval('public.t_c_seq'::regclass)");
        onlyTable(have).columns[0].autoIncrement = true;
        onlyTable(have).columns[0].nullable = false;
        QVERIFY(diffSchemas(want, have).isEmpty());
        // "serial" kept as the type, nothing else said: the same.
        onlyTable(want).columns[0].autoIncrement = false;
        onlyTable(want).columns[0].type = s("BIGSERIAL");
        onlyTable(have).columns[0].type = s("int8");
        QVERIFY(diffSchemas(want, have).isEmpty());
        // A nextval default on a sequence the column does not own is still serial-like.
        onlyTable(have).columns[0].autoIncrement = false;
        onlyTable(have).columns[0].defaultExpr = s("nextval('t_c_seq'::regclass)");
        QVERIFY(diffSchemas(want, have).isEmpty());
    }

    void constraintsCompareEqual_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("actual");
        QTest::newRow("numeric cast") << s("total >= 0") << s("total >= 0::numeric");
        QTest::newRow("outer parentheses") << s("(qty > 0)") << s("qty > 0");
        QTest::newRow("IN list") << s("status IN ('a', 'b')")
                                 << s("(status)::text = ANY ((ARRAY['a'::character varying, "
                                      "'b'::character varying])::text[])");
        QTest::newRow("NOT IN list") << s("status NOT IN ('a')")
                                     << s("status::text <> ALL (ARRAY['a'::text])");
        QTest::newRow("AND parentheses") << s("a > 0 AND b > 0") << s("((a > 0) AND (b > 0))");
        QTest::newRow("case and spaces") << s("LENGTH(name)>0") << s("length(name) > 0");
        QTest::newRow("!= is <>") << s("a != b") << s("a <> b");
        QTest::newRow("LIKE") << s("name LIKE 'a%'") << s("name::text ~~ 'a%'::text");
        QTest::newRow("NOT ILIKE") << s("name NOT ILIKE 'a%'") << s("name::text !~~* 'a%'::text");
        QTest::newRow("BETWEEN") << s("score BETWEEN 0 AND 10 AND c > 0")
                                 << s("score >= 0 AND score <= 10 AND c > 0");
    }

    void constraintsCompareEqual()
    {
        QFETCH(QString, expected);
        QFETCH(QString, actual);
        Schema want = oneColumn(Dialect::PostgreSQL, "integer", "");
        onlyTable(want).checks = {CheckConstraint{{}, expected}};
        onlyTable(want).indexes = {Index{s("ix_t_c"), {s("c")}, {}, false, {}, expected, true}};
        Schema have = want;
        onlyTable(have).checks = {CheckConstraint{s("t_c_check"), actual}};
        onlyTable(have).indexes = {Index{s("ix_t_c"), {s("c")}, {}, false, s("btree"), actual, true}};
        const QList<Finding> findings = diffSchemas(want, have);
        QVERIFY2(findings.isEmpty(), qPrintable(describeFindings(findings)));
    }

    void indexesAndKeysCompareEqual()
    {
        Schema want = oneColumn(Dialect::PostgreSQL, "integer", "");
        Table &t = onlyTable(want);
        t.columns.append(t.columns[0]);
        t.columns[1].name = s("d");
        t.indexes = {Index{s("ix_a"), {s("c ASC"), s("d DESC NULLS FIRST")}, {}, false, {}, {}, true},
                     Index{s("ix_lower"), {s("lower(d::text)")}, {}, false, {}, {}, true}};
        t.uniques = {UniqueConstraint{{}, {s("c"), s("d")}}};
        t.primaryKey = PrimaryKey{{}, {s("c")}};
        ForeignKey fk;
        fk.columns = {s("d")};
        fk.referencedTable = s("t");
        t.foreignKeys = {fk};
        Schema have = want;
        Table &live = onlyTable(have);
        live.indexes = {Index{s("t_c_d_idx"), {s("c"), s("d DESC")}, {}, false, s("btree"), {}, true},
                        Index{s("ix_lower"), {s("lower(d)")}, {}, false, s("btree"), {}, true}};
        live.uniques = {UniqueConstraint{s("t_d_c_key"), {s("d"), s("c")}}};
        live.primaryKey = PrimaryKey{s("t_pkey"), {s("c")}};
        live.foreignKeys[0].name = s("t_d_fkey");
        live.foreignKeys[0].referencedSchema = s("public");
        live.foreignKeys[0].referencedColumns = {s("c")};
        const QList<Finding> findings = diffSchemas(want, have);
        QVERIFY2(findings.isEmpty(), qPrintable(describeFindings(findings)));
    }

    void sqliteFoldsNamesAndTypes()
    {
        Schema want;
        want.dialect = Dialect::SQLite;
        Table t;
        t.name = s("Teams");
        t.columns = {column("id", "INTEGER", false), column("Name", "VARCHAR(64)", false, "'x'"),
                     column("active", "BOOLEAN", false, "true")};
        t.primaryKey = PrimaryKey{{}, {s("id")}};
        t.indexes = {Index{s("ix_teams_name"), {s("Name")}, {}, false, {}, {}, true}};
        want.namespaces = {Namespace{s("main"), {t}, {}, {}}};
        Schema have = want;
        Table &live = have.namespaces[0].tables[0];
        live.name = s("teams");
        live.columns = {column("ID", "integer", true), column("name", "varchar(64)", false, "'x'"),
                        column("active", "boolean", false, "1")};
        live.columns[0].autoIncrement = true; // the rowid alias: no default involved
        live.indexes[0].columns = {s("name ASC")};
        QVERIFY(diffSchemas(want, have).isEmpty());
    }

    /// The normaliser must not be so lenient that different meanings compare equal.
    void differentMeaningsStayDifferent_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("precedence") << s("(a + b) * c") << s("a + b * c");
        QTest::newRow("AND/OR grouping") << s("(a > 0 OR b > 0) AND c") << s("a > 0 OR b > 0 AND c");
        QTest::newRow("string") << s("'x'") << s("'y'");
        QTest::newRow("quoted case") << s("'X'") << s("'x'");
        QTest::newRow("number") << s("1") << s("-1");
        QTest::newRow("BETWEEN in arithmetic") << s("a + b BETWEEN 1 AND 2")
                                               << s("a + b >= 1 AND b <= 2");
        QTest::newRow("quoted identifier case") << s("\"Name\" > 0") << s("name > 0");
    }

    void differentMeaningsStayDifferent()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QVERIFY(drift::normaliseExpression(a) != drift::normaliseExpression(b));
    }

    void normalisedText()
    {
        QCOMPARE(drift::normaliseExpression(s("(status)::text = ANY ((ARRAY['a'::character varying])::text[])")),
                 s("status in ('a')"));
        QCOMPARE(drift::normaliseDefault(s("'now'::text::date"), s("date")), s("current_date"));
        QCOMPARE(drift::normaliseIndexPart(s("name DESC NULLS FIRST")), s("name desc"));
        QCOMPARE(drift::normaliseIndexPart(s("name DESC NULLS LAST")), s("name desc nulls last"));
        QCOMPARE(drift::normaliseIndexPart(s("name NULLS FIRST")), s("name nulls first"));
    }

    void typeWidenings_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("widening");
        auto row = [](const char *from, const char *to, bool widening) {
            QTest::newRow(qPrintable(s(from) + s(" → ") + s(to))) << s(from) << s(to) << widening;
        };
        row("smallint", "integer", true);
        row("integer", "bigint", true);
        row("bigint", "integer", false);
        row("real", "double precision", true);
        row("varchar(32)", "varchar(64)", true);
        row("varchar(64)", "varchar(32)", false);
        row("varchar(64)", "varchar", true);
        row("varchar(64)", "text", true);
        row("numeric(10,2)", "numeric(12,2)", true);
        row("numeric(10,2)", "numeric(10,3)", false);
        row("numeric(10,2)", "numeric(11,3)", true);
        row("numeric(10,2)", "numeric", true);
        row("uuid", "varchar(36)", false);
        row("varchar(36)", "uuid", false);
        row("timestamp", "timestamptz", false);
    }

    void typeWidenings()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, widening);
        QCOMPARE(drift::isTypeWidening(from, to), widening);
    }
};

QTEST_APPLESS_MAIN(TestSchemaDiffNormalisation)
#include "test_schema_diff_normalisation.moc"
