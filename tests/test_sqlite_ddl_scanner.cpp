// The SQLite DDL scanner: tokens, the CREATE TABLE / INDEX / VIEW readers, and its promise
// to survive malformed text (every prefix of a real statement, random junk).

#include "db/SqliteDdlScanner.h"

#include <QRandomGenerator>
#include <QTest>

using namespace migconsole;

namespace {

/// "W:word", "Q:\"quoted\"", "S:'string'", "N:12", "P:(" — compact and readable in rows.
QStringList describe(const QList<SqlToken> &tokens)
{
    QStringList out;
    for (const SqlToken &t : tokens) {
        const char *kind = "P";
        switch (t.kind) {
        case SqlToken::Kind::Word:
            kind = "W";
            break;
        case SqlToken::Kind::QuotedIdentifier:
            kind = "Q";
            break;
        case SqlToken::Kind::String:
            kind = "S";
            break;
        case SqlToken::Kind::Number:
            kind = "N";
            break;
        case SqlToken::Kind::Symbol:
            break;
        }
        out.append(QLatin1String(kind) + QLatin1Char(':') + t.text);
    }
    return out;
}

QStringList checks(const SqliteTableDdl &ddl)
{
    QStringList out;
    for (const SqliteTableDdl::Check &c : ddl.checks)
        out.append(c.name + QLatin1Char('|') + c.expression);
    return out;
}

QStringList uniques(const SqliteTableDdl &ddl)
{
    QStringList out;
    for (const SqliteTableDdl::Named &u : ddl.uniques)
        out.append(u.name + QLatin1Char('|') + u.columns.join(QLatin1Char(',')));
    return out;
}

QStringList generated(const SqliteTableDdl &ddl)
{
    QStringList out;
    for (const SqliteTableDdl::Generated &g : ddl.generated)
        out.append(g.column + QLatin1Char('|') + g.expression + QLatin1Char('|') +
                   (g.stored ? QLatin1String("stored") : QLatin1String("virtual")));
    return out;
}

/// name|columns|table|referenced columns|flags ("D" deferrable, "I" initially deferred)
QStringList foreignKeys(const SqliteTableDdl &ddl)
{
    QStringList out;
    for (const SqliteTableDdl::ForeignKey &fk : ddl.foreignKeys) {
        QString flags;
        if (fk.deferrable)
            flags += QLatin1Char('D');
        if (fk.initiallyDeferred)
            flags += QLatin1Char('I');
        out.append(QStringList{fk.name, fk.columns.join(QLatin1Char(',')), fk.referencedTable,
                               fk.referencedColumns.join(QLatin1Char(',')), flags}
                       .join(QLatin1Char('|')));
    }
    return out;
}

const QString kRealTable = QStringLiteral(
    "CREATE TABLE \"order items\" (\n"
    "  id INTEGER CONSTRAINT pk_items PRIMARY KEY AUTOINCREMENT, -- the rowid\n"
    "  [sku] varchar(64) NOT NULL DEFAULT 'n/a' CHECK (length(sku) > 0),\n"
    "  qty NUMERIC(10, 2) CONSTRAINT ck_qty CHECK (qty > 0 AND qty < (100 * 2)),\n"
    "  total GENERATED ALWAYS AS (qty * 2) STORED,\n"
    "  `order` INT REFERENCES orders (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
    "  /* a comment with 'quotes' and (parens */\n"
    "  CONSTRAINT uq_items UNIQUE (\"sku\", `order`),\n"
    "  CHECK (sku <> 'it''s ) tricky')\n"
    ") WITHOUT ROWID");

} // namespace

class TestSqliteDdlScanner : public QObject
{
    Q_OBJECT

private slots:
    void tokenize_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("tokens");
        auto row = [](const char *name, const QString &sql, const QStringList &tokens) {
            QTest::newRow(name) << sql << tokens;
        };
        row("empty", QString(), {});
        row("words and symbols", QStringLiteral("CREATE TABLE t(a int);"),
            {QStringLiteral("W:CREATE"), QStringLiteral("W:TABLE"), QStringLiteral("W:t"),
             QStringLiteral("P:("), QStringLiteral("W:a"), QStringLiteral("W:int"),
             QStringLiteral("P:)"), QStringLiteral("P:;")});
        row("quoted identifiers", QStringLiteral("\"a \"\"b\"\"\" `c``d` [e f]"),
            {QStringLiteral("Q:\"a \"\"b\"\"\""), QStringLiteral("Q:`c``d`"),
             QStringLiteral("Q:[e f]")});
        row("string with doubled quote", QStringLiteral("'it''s' x"),
            {QStringLiteral("S:'it''s'"), QStringLiteral("W:x")});
        row("line comment", QStringLiteral("a -- ( 'unclosed\nb"),
            {QStringLiteral("W:a"), QStringLiteral("W:b")});
        row("block comment", QStringLiteral("a/* x ' ( -- */b"),
            {QStringLiteral("W:a"), QStringLiteral("W:b")});
        row("odd whitespace", QStringLiteral("\t\r\n\f a \v\t\r\nb\v"),
            {QStringLiteral("W:a"), QStringLiteral("W:b")});
        // As in SQLite's tokenizer, anything from U+0080 up is identifier text.
        row("non-ASCII spaces are identifier text", QStringLiteral("a\u00a0\u2003b c"),
            {QStringLiteral("W:a\u00a0\u2003b"), QStringLiteral("W:c")});
        row("numbers", QStringLiteral("1 2.5 1e-3 0x1F .5 -7"),
            {QStringLiteral("N:1"), QStringLiteral("N:2.5"), QStringLiteral("N:1e-3"),
             QStringLiteral("N:0x1F"), QStringLiteral("N:.5"), QStringLiteral("P:-"),
             QStringLiteral("N:7")});
        row("identifier characters", QStringLiteral("t\u00ebst_1 a$b _x"),
            {QStringLiteral("W:t\u00ebst_1"), QStringLiteral("W:a$b"), QStringLiteral("W:_x")});
        row("operators are single symbols", QStringLiteral("a<>b||c"),
            {QStringLiteral("W:a"), QStringLiteral("P:<"), QStringLiteral("P:>"),
             QStringLiteral("W:b"), QStringLiteral("P:|"), QStringLiteral("P:|"),
             QStringLiteral("W:c")});
        row("unterminated string", QStringLiteral("x 'abc"),
            {QStringLiteral("W:x"), QStringLiteral("S:'abc")});
        row("unterminated double quote", QStringLiteral("\"ab\"\""),
            {QStringLiteral("Q:\"ab\"\"")});
        row("unterminated bracket", QStringLiteral("[abc"), {QStringLiteral("Q:[abc")});
        row("unterminated comment", QStringLiteral("a /* b"), {QStringLiteral("W:a")});
        row("lone dash and slash", QStringLiteral("a - / -"),
            {QStringLiteral("W:a"), QStringLiteral("P:-"), QStringLiteral("P:/"),
             QStringLiteral("P:-")});
    }

    void tokenize()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, tokens);
        const QList<SqlToken> scanned = SqliteDdlScanner::tokenize(sql);
        QCOMPARE(describe(scanned), tokens);
        for (const SqlToken &t : scanned) // offsets point at the token's own text
            QCOMPARE(sql.mid(t.begin, t.end - t.begin), t.text);
    }

    void identifier_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::newRow("word") << QStringLiteral("Users") << QStringLiteral("Users");
        QTest::newRow("double quotes")
            << QStringLiteral("\"a \"\"b\"\"\"") << QStringLiteral("a \"b\"");
        QTest::newRow("backticks") << QStringLiteral("`c``d`") << QStringLiteral("c`d");
        QTest::newRow("brackets") << QStringLiteral("[e ]f]") << QStringLiteral("e ");
        QTest::newRow("string as name") << QStringLiteral("'it''s'") << QStringLiteral("it's");
        QTest::newRow("unterminated") << QStringLiteral("\"abc") << QStringLiteral("abc");
        QTest::newRow("lone quote") << QStringLiteral("\"") << QString();
    }

    void identifier()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        const QList<SqlToken> tokens = SqliteDdlScanner::tokenize(text);
        QVERIFY(!tokens.isEmpty());
        QCOMPARE(tokens.first().identifier(), name);
    }

    void createTableRealistic()
    {
        const SqliteTableDdl ddl = SqliteDdlScanner::scanCreateTable(kRealTable);
        QCOMPARE(ddl.primaryKeyName, QStringLiteral("pk_items"));
        QCOMPARE(checks(ddl), (QStringList{QStringLiteral("|length(sku) > 0"),
                                           QStringLiteral("ck_qty|qty > 0 AND qty < (100 * 2)"),
                                           QStringLiteral("|sku <> 'it''s ) tricky'")}));
        QCOMPARE(uniques(ddl), QStringList{QStringLiteral("uq_items|sku,order")});
        QCOMPARE(generated(ddl), QStringList{QStringLiteral("total|qty * 2|stored")});
        QCOMPARE(foreignKeys(ddl), QStringList{QStringLiteral("|order|orders|id|DI")});
        QVERIFY(ddl.withoutRowid);
    }

    void createTable_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("pkName");
        QTest::addColumn<QStringList>("checks");
        QTest::addColumn<QStringList>("uniques");
        QTest::addColumn<QStringList>("generated");
        QTest::addColumn<QStringList>("foreignKeys");
        const QStringList none;
        QTest::newRow("table-level named pk")
            << QStringLiteral("CREATE TABLE t (a, b, CONSTRAINT \"pk t\" PRIMARY KEY (a, b))")
            << QStringLiteral("pk t") << none << none << none << none;
        QTest::newRow("unnamed pk") << QStringLiteral("CREATE TABLE t (a INTEGER PRIMARY KEY)")
                                    << QString() << none << none << none << none;
        QTest::newRow("constraint name owned by NOT NULL")
            << QStringLiteral("CREATE TABLE t (a int CONSTRAINT nn NOT NULL CHECK (a > 0))")
            << QString() << QStringList{QStringLiteral("|a > 0")} << none << none << none;
        QTest::newRow("table constraints without commas")
            << QStringLiteral("CREATE TABLE t (a, b, UNIQUE (a) CONSTRAINT c1 CHECK (b>0))")
            << QString() << QStringList{QStringLiteral("c1|b>0")}
            << QStringList{QStringLiteral("|a")} << none << none;
        QTest::newRow("column unique named and conflict clause")
            << QStringLiteral("CREATE TABLE t (a CONSTRAINT u1 UNIQUE ON CONFLICT REPLACE, "
                              "b UNIQUE)")
            << QString() << none << QStringList{QStringLiteral("u1|a"), QStringLiteral("|b")}
            << none << none;
        QTest::newRow("generated forms")
            << QStringLiteral("CREATE TABLE t (a, b AS (a+1), c INT GENERATED ALWAYS AS "
                              "( (a) * 2 ) VIRTUAL, d TEXT AS (upper(a)) STORED NOT NULL)")
            << QString() << none << none
            << QStringList{QStringLiteral("b|a+1|virtual"), QStringLiteral("c|(a) * 2|virtual"),
                           QStringLiteral("d|upper(a)|stored")}
            << none;
        QTest::newRow("keywords inside defaults and strings")
            << QStringLiteral("CREATE TABLE t (a TEXT DEFAULT ('CHECK (x)'), "
                              "b DEFAULT 'UNIQUE' CHECK (b <> 'REFERENCES'))")
            << QString() << QStringList{QStringLiteral("|b <> 'REFERENCES'")} << none << none
            << none;
        QTest::newRow("foreign keys")
            << QStringLiteral(
                   "CREATE TABLE t (a REFERENCES p, b INT NOT NULL REFERENCES \"P\" (\"Id\") "
                   "ON UPDATE SET NULL MATCH SIMPLE NOT NULL, c, d, "
                   "CONSTRAINT fk_cd FOREIGN KEY (c, [d]) REFERENCES q (x, y) ON DELETE "
                   "NO ACTION ON UPDATE CASCADE NOT DEFERRABLE INITIALLY DEFERRED, "
                   "FOREIGN KEY (d) REFERENCES r DEFERRABLE)")
            << QString() << none << none << none
            << QStringList{QStringLiteral("|a|p||"), QStringLiteral("|b|P|Id|"),
                           QStringLiteral("fk_cd|c,d|q|x,y|"), QStringLiteral("|d|r||D")};
        QTest::newRow("create table as select")
            << QStringLiteral("CREATE TABLE t AS SELECT CHECK (1) FROM (SELECT 1)") << QString()
            << none << none << none << none;
        QTest::newRow("quoted keyword column names")
            << QStringLiteral("CREATE TABLE t (\"check\" int CHECK (\"check\" > 0), "
                              "[unique] UNIQUE)")
            << QString() << QStringList{QStringLiteral("|\"check\" > 0")}
            << QStringList{QStringLiteral("|unique")} << none << none;
    }

    void createTable()
    {
        QFETCH(QString, sql);
        const SqliteTableDdl ddl = SqliteDdlScanner::scanCreateTable(sql);
        QTEST(ddl.primaryKeyName, "pkName");
        QTEST(checks(ddl), "checks");
        QTEST(uniques(ddl), "uniques");
        QTEST(generated(ddl), "generated");
        QTEST(foreignKeys(ddl), "foreignKeys");
    }

    void createIndex_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("parts");
        QTest::addColumn<QString>("predicate");
        QTest::newRow("plain") << QStringLiteral("CREATE INDEX i ON t (a, b DESC)")
                               << QStringList{QStringLiteral("a"), QStringLiteral("b")}
                               << QString();
        QTest::newRow("expressions, collation, schema, where")
            << QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS \"on\" ON \"main\".\"t\" "
                              "(lower(name) COLLATE NOCASE ASC, substr(a, 1, 2), (a + b) desc)\n"
                              "  WHERE a > 0 AND b IS NOT NULL;")
            << QStringList{QStringLiteral("lower(name) COLLATE NOCASE"),
                           QStringLiteral("substr(a, 1, 2)"), QStringLiteral("(a + b)")}
            << QStringLiteral("a > 0 AND b IS NOT NULL");
        QTest::newRow("comments kept inside, dropped at the edges")
            << QStringLiteral("CREATE INDEX i ON t ( /*x*/ a /* y */ + 1 ) WHERE /* w */ b -- z")
            << QStringList{QStringLiteral("a /* y */ + 1")} << QStringLiteral("b");
        QTest::newRow("auto-index has no sql") << QString() << QStringList() << QString();
    }

    void createIndex()
    {
        QFETCH(QString, sql);
        const SqliteIndexDdl ddl = SqliteDdlScanner::scanCreateIndex(sql);
        QTEST(ddl.parts, "parts");
        QTEST(ddl.predicate, "predicate");
    }

    void viewDefinition_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("definition");
        QTest::newRow("simple") << QStringLiteral("CREATE VIEW v AS SELECT 1")
                                << QStringLiteral("SELECT 1");
        QTest::newRow("column list and inner AS")
            << QStringLiteral(
                   "CREATE VIEW v(a, b) AS\n  SELECT x AS a, (SELECT 1 AS z) AS b FROM t;")
            << QStringLiteral("SELECT x AS a, (SELECT 1 AS z) AS b FROM t");
        QTest::newRow("quoted name that reads AS")
            << QStringLiteral("CREATE TEMP VIEW IF NOT EXISTS \"as\" AS SELECT 'AS'")
            << QStringLiteral("SELECT 'AS'");
        QTest::newRow("no AS") << QStringLiteral("CREATE VIEW v") << QString();
    }

    void viewDefinition()
    {
        QFETCH(QString, sql);
        QTEST(SqliteDdlScanner::scanViewDefinition(sql), "definition");
    }

    void malformedKeepsWhatItCan()
    {
        const SqliteTableDdl ddl =
            SqliteDdlScanner::scanCreateTable(QStringLiteral("CREATE TABLE t (a CHECK (a > (1"));
        QCOMPARE(checks(ddl), QStringList{QStringLiteral("|a > (1")});
        const SqliteTableDdl stray =
            SqliteDdlScanner::scanCreateTable(QStringLiteral("CREATE TABLE t (a)), b UNIQUE)"));
        QVERIFY(stray.uniques.isEmpty()); // text after the list's own ')' is not a column
        const SqliteIndexDdl index =
            SqliteDdlScanner::scanCreateIndex(QStringLiteral("CREATE INDEX i ON t (a, 'b"));
        QCOMPARE(index.parts, (QStringList{QStringLiteral("a"), QStringLiteral("'b")}));
        QCOMPARE(SqliteDdlScanner::scanCreateTable(QStringLiteral("CREATE TABLE t (a /* x"))
                     .checks.size(),
                 0);
    }

    /// Every prefix of a realistic statement: the readers must return, whatever is cut off.
    void everyPrefixIsSafe()
    {
        for (qsizetype n = 0; n <= kRealTable.size(); ++n) {
            const QString prefix = kRealTable.left(n);
            SqliteDdlScanner::scanCreateTable(prefix);
            SqliteDdlScanner::scanCreateIndex(prefix);
            SqliteDdlScanner::scanViewDefinition(prefix);
        }
        const SqliteTableDdl full = SqliteDdlScanner::scanCreateTable(kRealTable);
        QCOMPARE(full.checks.size(), 3);
    }

    /// Random soup of SQL fragments (fixed seed, so a failure reproduces).
    void randomJunkIsSafe()
    {
        const QStringList pieces =
            QStringLiteral("(|)|,|'|\"|`|[|]|--|/*|*/|\n| CHECK | AS | ON | WHERE |CONSTRAINT"
                           "| UNIQUE |REFERENCES| FOREIGN KEY |x|1e|-|0x|CREATE TABLE t ("
                           "|CREATE INDEX i ON t (| DESC|DEFERRABLE INITIALLY")
                .split(QLatin1Char('|'));
        QRandomGenerator random(20261123);
        for (int round = 0; round < 3000; ++round) {
            QString sql;
            const int length = random.bounded(1, 40);
            for (int i = 0; i < length; ++i)
                sql += pieces.at(random.bounded(int(pieces.size())));
            const QList<SqlToken> tokens = SqliteDdlScanner::tokenize(sql);
            for (const SqlToken &t : tokens)
                QVERIFY(t.begin < t.end && t.end <= sql.size());
            SqliteDdlScanner::scanCreateTable(sql);
            SqliteDdlScanner::scanCreateIndex(sql);
            SqliteDdlScanner::scanViewDefinition(sql);
        }
    }
};

QTEST_APPLESS_MAIN(TestSqliteDdlScanner)
#include "test_sqlite_ddl_scanner.moc"
