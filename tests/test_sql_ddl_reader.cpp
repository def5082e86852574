// readSqlDdl: the SQL of op.execute("…") → typed Operations on PostgreSQL and SQLite. Each
// statement form is one row rendered compactly by describe(); whole tables are compared
// field by field, and the CREATE TABLE of a serial-keyed table against what typeOperations
// makes of the equivalent op.create_table call.

#include "ReplayOperationsTestSupport.h"
#include "replay/SqlDdlReader.h"

#include <QTest>

#include <initializer_list>

using namespace migconsole;
using namespace migconsole::replaytest;

Q_DECLARE_METATYPE(migconsole::Dialect)

namespace {

const SourceLocation kCall{QStringLiteral("versions/x.py"), 12};

TypedOperations read(const QString &sql, Dialect dialect)
{
    return readSqlDdl(sql, kCall, dialect);
}

QString list(const QStringList &items)
{
    return u'(' + items.join(QLatin1String(", ")) + u')';
}

/// One line per operation: "?" marks conditional, then the directive and what it carries.
QString describe(const Operation &op)
{
    using K = Operation::Kind;
    const QString table = (op.schema.isEmpty() ? QString() : op.schema + u'.') + op.table;
    QString out = (op.conditional ? QStringLiteral("?") : QString()) + operationKindName(op.kind) + u' ';
    switch (op.kind) {
    case K::CreateTable:
        return out + table + u' ' + QString::number(op.tableDef.columns.size()) + QStringLiteral(" columns");
    case K::DropTable:
        return out + table;
    case K::AddColumn:
        out += table + u' ' + op.column.name + u' ' + op.column.type;
        if (!op.column.nullable)
            out += QStringLiteral(" not null");
        if (!op.column.defaultExpr.isEmpty())
            out += QStringLiteral(" default ") + op.column.defaultExpr;
        return out;
    case K::DropColumn:
    case K::DropConstraint:
        return out + table + u' ' + op.name;
    case K::AlterColumn:
        out += table + u' ' + op.name;
        if (op.newType)
            out += QStringLiteral(" type=") + *op.newType;
        if (op.newNullable)
            out += QStringLiteral(" nullable=") + (*op.newNullable ? u'1' : u'0');
        if (op.newDefault)
            out += QStringLiteral(" default=") + *op.newDefault;
        if (!op.newName.isEmpty())
            out += QStringLiteral(" name=") + op.newName;
        if (!op.usingExpr.isEmpty())
            out += QStringLiteral(" using=") + op.usingExpr;
        return out;
    case K::CreateIndex:
        out += table + u' ' + op.index.name + (op.index.unique ? QStringLiteral(" unique ") : QStringLiteral(" ")) +
               list(op.index.columns);
        if (!op.index.method.isEmpty())
            out += QStringLiteral(" using ") + op.index.method;
        if (!op.index.include.isEmpty())
            out += QStringLiteral(" include ") + list(op.index.include);
        if (!op.index.predicate.isEmpty())
            out += QStringLiteral(" where ") + op.index.predicate;
        return out;
    case K::DropIndex:
        return out + (op.schema.isEmpty() ? QString() : op.schema + u'.') + op.name;
    case K::CreateForeignKey:
        return out + table + u' ' + op.foreignKey.name + u' ' + list(op.foreignKey.columns) + QStringLiteral(" -> ") +
               (op.foreignKey.referencedSchema.isEmpty() ? QString() : op.foreignKey.referencedSchema + u'.') +
               op.foreignKey.referencedTable + list(op.foreignKey.referencedColumns) + u' ' +
               referentialActionSql(op.foreignKey.onDelete) + (op.foreignKey.validated ? QString() : QStringLiteral(" not valid"));
    case K::CreateUniqueConstraint:
        return out + table + u' ' + op.unique.name + u' ' + list(op.unique.columns);
    case K::CreateCheckConstraint:
        return out + table + u' ' + op.check.name + QStringLiteral(" [") + op.check.expression + u']';
    case K::CreatePrimaryKey:
        return out + table + u' ' + op.primaryKey.name + u' ' + list(op.primaryKey.columns);
    case K::RenameTable:
        return out + table + QStringLiteral(" -> ") + op.newName;
    case K::CreateEnum:
    case K::DropEnum:
        return out + (op.schema.isEmpty() ? QString() : op.schema + u'.') + op.enumType.name + u' ' +
               list(op.enumType.labels);
    case K::SetTableComment:
        return out + table + QStringLiteral(" '") + op.comment + u'\'';
    case K::Execute:
        break;
    }
    return out;
}

QStringList describeAll(const TypedOperations &ops)
{
    QStringList out;
    for (const Operation &op : ops.operations)
        out.append(describe(op));
    return out;
}

Column col(const char *name, const char *type, bool nullable = true, const char *def = "")
{
    Column c;
    c.name = QString::fromUtf8(name);
    c.type = QString::fromUtf8(type);
    c.nullable = nullable;
    c.defaultExpr = QString::fromUtf8(def);
    return c;
}

} // namespace

class TestSqlDdlReader : public QObject
{
    Q_OBJECT

private slots:
    void statements_data();
    void statements();
    void createTablePostgres();
    void createTableSqlite();
    void identityGeneratedAndQuoting();
    void serialTableMatchesTypedCreateTable();
    void addColumnCarriesItsConstraints();
    void everyOperationHasTheCallLocation();
    void silentStatements_data();
    void silentStatements();
    void warnings_data();
    void warnings();
    void multiActionAlterKeepsTheReadActions();
    void everyPrefixReadsWithoutCrashing();
};

void TestSqlDdlReader::statements_data()
{
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");
    const Dialect pg = Dialect::PostgreSQL;
    const Dialect lite = Dialect::SQLite;
    auto row = [](const char *tag, Dialect d, const char *sql, std::initializer_list<const char *> expected) {
        QStringList lines;
        for (const char *line : expected)
            lines.append(QString::fromUtf8(line));
        QTest::newRow(tag) << d << QString::fromUtf8(sql) << lines;
    };
    // CREATE / DROP TABLE
    row("pg create", pg, "CREATE TABLE t (id integer)", {"create_table t 1 columns"});
    row("pg create if not exists", pg, "create table if not exists t (id int, b text)", {"?create_table t 2 columns"});
    row("pg create qualified quoted", pg, "CREATE TABLE \"Billing\".\"Invoice\" (\"Id\" int)",
        {"create_table Billing.Invoice 1 columns"});
    row("pg bare names fold", pg, "CREATE TABLE Billing.Invoice (Id int)", {"create_table billing.invoice 1 columns"});
    row("sqlite bare names kept", lite, "CREATE TABLE Invoice (Id int)", {"create_table Invoice 1 columns"});
    row("pg unlogged", pg, "CREATE UNLOGGED TABLE t (a int)", {"create_table t 1 columns"});
    row("sqlite strict without rowid", lite, "CREATE TABLE t (a TEXT PRIMARY KEY) WITHOUT ROWID, STRICT",
        {"create_table t 1 columns"});
    row("pg drop", pg, "DROP TABLE t", {"drop_table t"});
    row("pg drop several", pg, "DROP TABLE IF EXISTS a, s.b CASCADE", {"?drop_table a", "?drop_table s.b"});
    row("sqlite drop if exists", lite, "DROP TABLE IF EXISTS \"t\"", {"?drop_table t"});
    // ALTER TABLE
    row("pg add column", pg, "ALTER TABLE t ADD COLUMN c varchar(10) NOT NULL DEFAULT 'x'",
        {"add_column t c varchar(10) not null default 'x'"});
    row("pg add without COLUMN", pg, "ALTER TABLE ONLY s.t ADD c int", {"add_column s.t c integer"});
    row("pg add if not exists", pg, "ALTER TABLE t ADD COLUMN IF NOT EXISTS c bigint", {"?add_column t c bigint"});
    row("pg alter table if exists", pg, "ALTER TABLE IF EXISTS t DROP COLUMN c", {"?drop_column t c"});
    row("sqlite add column", lite, "ALTER TABLE t ADD COLUMN c INTEGER DEFAULT 0", {"add_column t c integer default 0"});
    row("pg drop column", pg, "ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE", {"?drop_column t c"});
    row("sqlite drop column", lite, "ALTER TABLE t DROP COLUMN c", {"drop_column t c"});
    row("pg alter type using", pg, "ALTER TABLE t ALTER COLUMN c TYPE numeric(10, 2) USING c::numeric",
        {"alter_column t c type=numeric(10,2) using=c::numeric"});
    row("pg set data type", pg, "ALTER TABLE t ALTER c SET DATA TYPE character varying(20)",
        {"alter_column t c type=varchar(20)"});
    row("pg set not null", pg, "ALTER TABLE t ALTER COLUMN c SET NOT NULL", {"alter_column t c nullable=0"});
    row("pg drop not null", pg, "ALTER TABLE t ALTER COLUMN c DROP NOT NULL", {"alter_column t c nullable=1"});
    row("pg set default", pg, "ALTER TABLE t ALTER COLUMN c SET DEFAULT now()", {"alter_column t c default=now()"});
    row("pg drop default", pg, "ALTER TABLE t ALTER COLUMN c DROP DEFAULT", {"alter_column t c default="});
    row("pg multi-action", pg,
        "ALTER TABLE t ADD COLUMN a int, ALTER COLUMN b TYPE text, ALTER COLUMN b SET NOT NULL, DROP COLUMN d",
        {"add_column t a integer", "alter_column t b type=text", "alter_column t b nullable=0", "drop_column t d"});
    row("pg storage settings ignored", pg, "ALTER TABLE t ALTER COLUMN c SET STATISTICS 500, OWNER TO app", {});
    row("pg add pk", pg, "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (a, b)", {"create_primary_key t t_pk (a, b)"});
    row("pg add unnamed pk", pg, "ALTER TABLE t ADD PRIMARY KEY (id)", {"create_primary_key t t_pkey (id)"});
    row("pg add unique", pg, "ALTER TABLE t ADD CONSTRAINT uq UNIQUE (a)", {"create_unique_constraint t uq (a)"});
    row("pg add unnamed unique", pg, "ALTER TABLE t ADD UNIQUE (a, b)", {"create_unique_constraint t t_a_b_key (a, b)"});
    row("pg add fk", pg,
        "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (team_id) REFERENCES s.teams (id) ON DELETE SET NULL NOT VALID",
        {"create_foreign_key t fk (team_id) -> s.teams(id) SET NULL not valid"});
    row("pg add check", pg, "ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0)", {"create_check_constraint t ck [a > 0]"});
    row("pg add unnamed check", pg, "ALTER TABLE t ADD CHECK (a > 0)", {"create_check_constraint t  [a > 0]"});
    row("pg drop constraint", pg, "ALTER TABLE t DROP CONSTRAINT IF EXISTS fk", {"?drop_constraint t fk"});
    row("pg rename table", pg, "ALTER TABLE s.t RENAME TO t2", {"rename_table s.t -> t2"});
    row("sqlite rename table", lite, "ALTER TABLE t RENAME TO \"T2\"", {"rename_table t -> T2"});
    row("pg rename column", pg, "ALTER TABLE t RENAME COLUMN a TO b", {"alter_column t a name=b"});
    row("sqlite rename column", lite, "ALTER TABLE t RENAME a TO b", {"alter_column t a name=b"});
    // CREATE / DROP INDEX
    row("pg index", pg, "CREATE INDEX ix_t_a ON t (a)", {"create_index t ix_t_a (a)"});
    row("pg unique index full", pg,
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY s.t USING GIN (a DESC, lower(b), (c + 1) "
        "NULLS FIRST) INCLUDE (d) WHERE deleted_at IS NULL",
        {"?create_index s.t ix unique (a DESC, lower(b), c + 1 NULLS FIRST) using gin include (d) where deleted_at IS NULL"});
    row("pg index opclass and asc", pg, "CREATE INDEX ix ON t (name varchar_pattern_ops, b asc nulls last)",
        {"create_index t ix (name varchar_pattern_ops, b ASC NULLS LAST)"});
    row("pg unnamed index", pg, "CREATE INDEX ON t (a, b)", {"create_index t t_a_b_idx (a, b)"});
    row("sqlite index", lite, "CREATE UNIQUE INDEX IF NOT EXISTS \"ix\" ON \"t\" (\"a\" COLLATE NOCASE, b DESC)",
        {"?create_index t ix unique (a COLLATE NOCASE, b DESC)"});
    row("pg drop index", pg, "DROP INDEX CONCURRENTLY IF EXISTS s.ix", {"?drop_index s.ix"});
    row("sqlite drop index", lite, "DROP INDEX ix", {"drop_index ix"});
    // Enums, comments
    row("pg create enum", pg, "CREATE TYPE s.mood AS ENUM ('sad', 'it''s ok', 'happy')",
        {"create_enum s.mood (sad, it's ok, happy)"});
    row("pg drop enum", pg, "DROP TYPE IF EXISTS mood, other CASCADE", {"?drop_enum mood ()", "?drop_enum other ()"});
    row("pg table comment", pg, "COMMENT ON TABLE s.t IS 'Players'", {"set_table_comment s.t 'Players'"});
    row("pg table comment dropped", pg, "COMMENT ON TABLE t IS NULL", {"set_table_comment t ''"});
    // Several statements, comments, quotes and dollar quoting around them.
    row("pg script", pg,
        "-- set up; not a statement\nCREATE TABLE a (x text DEFAULT ';');\n/* DROP TABLE z; */\n"
        "DO $body$ BEGIN EXECUTE 'DROP TABLE b; CREATE TABLE c (y int)'; END $body$;\n"
        "CREATE INDEX ix_a ON a (x);",
        {"create_table a 1 columns", "create_index a ix_a (x)"});
    row("sqlite script", lite, "CREATE TABLE a (x);\nINSERT INTO a VALUES ('DROP TABLE a;');\nDROP TABLE a;",
        {"create_table a 1 columns", "drop_table a"});
}

void TestSqlDdlReader::statements()
{
    QFETCH(Dialect, dialect);
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    const TypedOperations ops = read(sql, dialect);
    QCOMPARE(describeWarnings(ops.warnings).join(u'\n'), QString());
    QCOMPARE(describeAll(ops), expected);
}

void TestSqlDdlReader::createTablePostgres()
{
    const TypedOperations ops = read(QStringLiteral(
        "CREATE TABLE IF NOT EXISTS app.games (\n"
        "  id bigserial,\n"
        "  code char(3) NOT NULL UNIQUE,\n"
        "  starts timestamp with time zone DEFAULT now(),\n"
        "  score numeric(5,1) CHECK (score >= 0),\n"
        "  home_id int CONSTRAINT games_home_fk REFERENCES app.teams ON UPDATE CASCADE,\n"
        "  tags text[],\n"
        "  CONSTRAINT games_pk PRIMARY KEY (id),\n"
        "  FOREIGN KEY (home_id, code) REFERENCES pairs (a, b) DEFERRABLE INITIALLY DEFERRED,\n"
        "  CHECK (starts < now() AND score < 100),\n"
        "  CHECK (code <> 'x')\n"
        ") PARTITION BY RANGE (starts)"),
        Dialect::PostgreSQL);
    QCOMPARE(describeWarnings(ops.warnings).join(u'\n'), QString());
    QCOMPARE(ops.operations.size(), 1);
    const Operation &op = ops.operations[0];
    QVERIFY(op.conditional);
    QCOMPARE(op.schema, QStringLiteral("app"));
    const Table &t = op.tableDef;
    QCOMPARE(t.name, QStringLiteral("games"));
    Column id = col("id", "bigint", false);
    id.autoIncrement = true;
    const QList<Column> columns = {id,
                                   col("code", "char(3)", false),
                                   col("starts", "timestamptz", true, "now()"),
                                   col("score", "numeric(5,1)"),
                                   col("home_id", "integer"),
                                   col("tags", "text[]")};
    QCOMPARE(t.columns, columns);
    QCOMPARE(t.primaryKey, std::optional<PrimaryKey>(PrimaryKey{QStringLiteral("games_pk"), {QStringLiteral("id")}}));
    QCOMPARE(t.uniques, QList<UniqueConstraint>({{QStringLiteral("games_code_key"), {QStringLiteral("code")}}}));
    QCOMPARE(t.checks, QList<CheckConstraint>({{QStringLiteral("games_score_check"), QStringLiteral("score >= 0")},
                                               {QStringLiteral("games_check"), QStringLiteral("starts < now() AND score < 100")},
                                               {QStringLiteral("games_code_check"), QStringLiteral("code <> 'x'")}}));
    QCOMPARE(t.foreignKeys.size(), 2);
    const ForeignKey &home = t.foreignKeys[0];
    QCOMPARE(home.name, QStringLiteral("games_home_fk"));
    QCOMPARE(home.referencedSchema, QStringLiteral("app"));
    QCOMPARE(home.referencedTable, QStringLiteral("teams"));
    QCOMPARE(home.referencedColumns, QStringList()); // = the referenced table's key
    QCOMPARE(home.onUpdate, ReferentialAction::Cascade);
    const ForeignKey &pair = t.foreignKeys[1];
    QCOMPARE(pair.name, QStringLiteral("games_home_id_code_fkey"));
    QCOMPARE(pair.columns, QStringList({QStringLiteral("home_id"), QStringLiteral("code")}));
    QCOMPARE(pair.referencedColumns, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(pair.deferrable);
    QVERIFY(pair.initiallyDeferred);
}

void TestSqlDdlReader::createTableSqlite()
{
    const TypedOperations ops = read(QStringLiteral(
        "CREATE TABLE players (\n"
        "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        "  name TEXT NOT NULL ON CONFLICT FAIL UNIQUE,\n"
        "  joined DATETIME DEFAULT (datetime('now')),\n"
        "  team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,\n"
        "  note,\n"
        "  CHECK (length(name) > 0)\n"
        ")"),
        Dialect::SQLite);
    QCOMPARE(describeWarnings(ops.warnings).join(u'\n'), QString());
    QCOMPARE(ops.operations.size(), 1);
    const Table &t = ops.operations[0].tableDef;
    Column id = col("id", "integer", false);
    id.autoIncrement = true; // the rowid alias
    QCOMPARE(t.columns, QList<Column>({id, col("name", "text", false), col("joined", "timestamp", true, "datetime('now')"),
                                       col("team_id", "integer"), col("note", "")}));
    // SQLite keeps no name for unnamed constraints.
    QCOMPARE(t.primaryKey, std::optional<PrimaryKey>(PrimaryKey{QString(), {QStringLiteral("id")}}));
    QCOMPARE(t.uniques, QList<UniqueConstraint>({{QString(), {QStringLiteral("name")}}}));
    QCOMPARE(t.checks, QList<CheckConstraint>({{QString(), QStringLiteral("length(name) > 0")}}));
    QCOMPARE(t.foreignKeys.size(), 1);
    QCOMPARE(t.foreignKeys[0].name, QString());
    QCOMPARE(t.foreignKeys[0].onDelete, ReferentialAction::Cascade);

    // Only a column declared exactly INTEGER is the rowid alias; serial means nothing here.
    const TypedOperations other = read(QStringLiteral("CREATE TABLE a (id int PRIMARY KEY); "
                                                      "CREATE TABLE b (id serial, PRIMARY KEY (id))"),
                                       Dialect::SQLite);
    QCOMPARE(other.operations.size(), 2);
    QVERIFY(!other.operations[0].tableDef.columns[0].autoIncrement);
    QCOMPARE(other.operations[1].tableDef.columns[0].type, QStringLiteral("integer"));
    QVERIFY(!other.operations[1].tableDef.columns[0].autoIncrement);
    QVERIFY(!other.operations[1].tableDef.columns[0].nullable);
}

void TestSqlDdlReader::identityGeneratedAndQuoting()
{
    const TypedOperations ops = read(QStringLiteral(
        "CREATE TABLE \"Odd \"\"Name\"\" \" (\n"
        "  id int GENERATED ALWAYS AS IDENTITY (START WITH 10),\n"
        "  n bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
        "  total numeric GENERATED ALWAYS AS (n * 2) STORED,\n"
        "  \"Mixed\" varchar DEFAULT 'a,b)' COLLATE \"C\"\n"
        ")"),
        Dialect::PostgreSQL);
    QCOMPARE(describeWarnings(ops.warnings).join(u'\n'), QString());
    QCOMPARE(ops.operations.size(), 1);
    const Table &t = ops.operations[0].tableDef;
    QCOMPARE(t.name, QStringLiteral("Odd \"Name\" "));
    QCOMPARE(t.columns.size(), 4);
    QCOMPARE(t.columns[0].identity, Identity::Always);
    QVERIFY(!t.columns[0].nullable);
    QCOMPARE(t.columns[1].identity, Identity::ByDefault);
    QVERIFY(!t.columns[1].autoIncrement);
    QCOMPARE(t.columns[2].generatedExpr, QStringLiteral("n * 2"));
    QVERIFY(t.columns[2].generatedStored);
    QCOMPARE(t.columns[3].name, QStringLiteral("Mixed"));
    QCOMPARE(t.columns[3].defaultExpr, QStringLiteral("'a,b)'"));
    QCOMPARE(t.primaryKey->name, QStringLiteral("Odd \"Name\" _pkey"));

    const TypedOperations lite = read(QStringLiteral("CREATE TABLE t (a INT, b INT AS (a + 1), "
                                                     "c INT GENERATED ALWAYS AS (a * 2) STORED)"),
                                      Dialect::SQLite);
    QCOMPARE(lite.operations.size(), 1);
    QCOMPARE(lite.operations[0].tableDef.columns[1].generatedExpr, QStringLiteral("a + 1"));
    QVERIFY(!lite.operations[0].tableDef.columns[1].generatedStored);
    QVERIFY(lite.operations[0].tableDef.columns[2].generatedStored);
}

void TestSqlDdlReader::serialTableMatchesTypedCreateTable()
{
    const TypedOperations fromSql = read(
        QStringLiteral("CREATE TABLE t (id serial PRIMARY KEY, name varchar(64) NOT NULL DEFAULT 'x', "
                       "team_id integer REFERENCES teams(id) ON DELETE CASCADE, UNIQUE(name))"),
        Dialect::PostgreSQL);
    const TypedOperations fromOp = typed(
        QStringLiteral("op.create_table('t',\n"
                       "    sa.Column('id', sa.Integer(), primary_key=True),\n"
                       "    sa.Column('name', sa.String(64), nullable=False, server_default='x'),\n"
                       "    sa.Column('team_id', sa.Integer(), sa.ForeignKey('teams.id', ondelete='CASCADE')),\n"
                       "    sa.UniqueConstraint('name'))"),
        Dialect::PostgreSQL);
    QCOMPARE(describeWarnings(fromSql.warnings).join(u'\n'), QString());
    QCOMPARE(describeWarnings(fromOp.warnings).join(u'\n'), QString());
    QCOMPARE(fromSql.operations.size(), 1);
    QCOMPARE(fromOp.operations.size(), 1);
    const Table &sql = fromSql.operations[0].tableDef;
    const Table &op = fromOp.operations[0].tableDef;
    QCOMPARE(sql.columns, op.columns);
    QCOMPARE(sql.primaryKey, op.primaryKey);
    QCOMPARE(sql.uniques, op.uniques);
    QCOMPARE(sql.foreignKeys, op.foreignKeys);
    QCOMPARE(sql, op); // and nothing else differs
    QCOMPARE(sql.foreignKeys[0].name, QStringLiteral("t_team_id_fkey"));
    QCOMPARE(sql.uniques[0].name, QStringLiteral("t_name_key"));
    QVERIFY(sql.columns[0].autoIncrement);
}

void TestSqlDdlReader::addColumnCarriesItsConstraints()
{
    const TypedOperations ops = read(QStringLiteral("ALTER TABLE t ADD COLUMN team_id int NOT NULL "
                                                    "REFERENCES teams (id) UNIQUE CHECK (team_id > 0)"),
                                     Dialect::PostgreSQL);
    QCOMPARE(describeWarnings(ops.warnings).join(u'\n'), QString());
    QCOMPARE(ops.operations.size(), 1);
    const Operation &op = ops.operations[0];
    QCOMPARE(op.column, op.tableDef.columns.value(0));
    QCOMPARE(op.tableDef.foreignKeys.value(0).name, QStringLiteral("t_team_id_fkey"));
    QCOMPARE(op.tableDef.uniques.value(0).name, QStringLiteral("t_team_id_key"));
    QCOMPARE(op.tableDef.checks.value(0).name, QStringLiteral("t_team_id_check"));

    const TypedOperations serial = read(QStringLiteral("ALTER TABLE t ADD COLUMN n bigserial"), Dialect::PostgreSQL);
    QCOMPARE(serial.operations.size(), 1);
    QCOMPARE(serial.operations[0].column.type, QStringLiteral("bigint"));
    QVERIFY(serial.operations[0].column.autoIncrement);
    QVERIFY(!serial.operations[0].column.nullable);
}

void TestSqlDdlReader::everyOperationHasTheCallLocation()
{
    const TypedOperations ops = read(QStringLiteral("CREATE TABLE a (x int);\nALTER TABLE a ADD y int, "
                                                    "ADD CONSTRAINT u UNIQUE (y);\nDROP TABLE a"),
                                     Dialect::PostgreSQL);
    QCOMPARE(ops.operations.size(), 4);
    for (const Operation &op : ops.operations)
        QCOMPARE(op.location, kCall);
}

void TestSqlDdlReader::silentStatements_data()
{
    QTest::addColumn<QString>("sql");
    for (const char *sql : {
             "INSERT INTO t (a) VALUES (1)", "update t set a = 2 where b", "DELETE FROM t",
             "SELECT setval('t_id_seq', 10)", "WITH x AS (SELECT 1) DELETE FROM t", "COMMENT ON COLUMN t.a IS 'x'",
             "GRANT SELECT ON t TO reader", "REVOKE ALL ON t FROM public", "SET search_path TO app",
             "ANALYZE t", "VACUUM", "BEGIN", "COMMIT", "PRAGMA foreign_keys = OFF",
             "CREATE VIEW v AS SELECT 1", "CREATE OR REPLACE VIEW v AS SELECT 1", "DROP VIEW IF EXISTS v",
             "CREATE MATERIALIZED VIEW mv AS SELECT 1", "CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ "
             "SELECT 1; $$ LANGUAGE sql", "DROP FUNCTION f", "CREATE TRIGGER tr AFTER INSERT ON t EXECUTE FUNCTION f()",
             "DROP TRIGGER tr ON t", "CREATE EXTENSION IF NOT EXISTS pgcrypto", "DROP EXTENSION citext",
             "CREATE SEQUENCE s START 10", "ALTER SEQUENCE s RESTART", "DROP SEQUENCE s",
             "DO $$ BEGIN IF NOT EXISTS (SELECT 1) THEN CREATE TABLE z (a int); END IF; END $$",
             "CREATE TEMP TABLE scratch (a int)", "CREATE SCHEMA IF NOT EXISTS app", "-- only a comment"})
        QTest::newRow(sql) << QString::fromUtf8(sql);
}

void TestSqlDdlReader::silentStatements()
{
    QFETCH(QString, sql);
    for (const Dialect dialect : {Dialect::PostgreSQL, Dialect::SQLite}) {
        const TypedOperations ops = read(sql, dialect);
        QCOMPARE(describeAll(ops), QStringList());
        QCOMPARE(describeWarnings(ops.warnings).join(u'\n'), QString());
    }
}

void TestSqlDdlReader::warnings_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("fragment");
    auto row = [](const char *tag, const char *sql, const char *fragment) {
        QTest::newRow(tag) << QString::fromUtf8(sql) << QString::fromUtf8(fragment);
    };
    row("attach partition", "ALTER TABLE x ATTACH PARTITION p FOR VALUES IN (1)",
        "\"ALTER TABLE x ATTACH PARTITION p FOR VALUES IN (1)\" is not replayed");
    row("alter type add value", "ALTER TYPE mood ADD VALUE 'meh'", "ALTER TYPE is not replayed");
    row("create domain", "CREATE DOMAIN posint AS int CHECK (VALUE > 0)", "CREATE DOMAIN is not replayed");
    row("drop schema", "DROP SCHEMA app CASCADE", "DROP SCHEMA is not replayed");
    row("composite type", "CREATE TYPE pair AS (a int, b int)", "AS ENUM");
    row("create table as", "CREATE TABLE t2 AS SELECT * FROM t", "only a table with a column list");
    row("create table like", "CREATE TABLE t2 (LIKE t INCLUDING ALL)", "LIKE");
    row("inherits", "CREATE TABLE c (a int) INHERITS (p)", "INHERITS");
    row("exclude", "ALTER TABLE t ADD CONSTRAINT ex EXCLUDE USING gist (r WITH &&)", "EXCLUDE");
    row("rename constraint", "ALTER TABLE t RENAME CONSTRAINT a TO b", "RENAME");
    row("set schema", "ALTER TABLE t SET SCHEMA other", "SET SCHEMA");
    row("unbalanced open", "CREATE TABLE t (a int, b varchar(10)", "'(' is not closed");
    row("unbalanced close", "ALTER TABLE t ADD COLUMN a int)", "')' has no '('");
    row("unterminated quote", "CREATE TABLE t (a text DEFAULT 'x)", "quote is not closed");
    row("truncated create", "CREATE TABLE", "names no table");
    row("truncated alter", "ALTER TABLE t", "no action");
    row("truncated index", "CREATE INDEX ix ON", "names no table");
    row("trailing comma", "CREATE TABLE t (a int,)", "empty");
    row("unknown column clause", "CREATE TABLE t (a int PRIMARY KEY FROBNICATE)", "FROBNICATE in column a");
    row("garbage", "@@ ### !!", "not understood");
    row("garbage words", "frobnicate the database", "not understood");
    row("long statement", "CREATE DOMAIN a_very_long_domain_name_that_goes_on AS varchar(200) NOT NULL CHECK (true)",
        "\"CREATE DOMAIN a_very_long_domain_name_that_goes_on AS …\"");
}

void TestSqlDdlReader::warnings()
{
    QFETCH(QString, sql);
    QFETCH(QString, fragment);
    for (const Dialect dialect : {Dialect::PostgreSQL, Dialect::SQLite}) {
        const TypedOperations ops = read(sql, dialect);
        QCOMPARE(describeAll(ops), QStringList());
        QCOMPARE(ops.warnings.size(), 1);
        QCOMPARE(ops.warnings[0].location, kCall);
        QVERIFY2(hasWarning(ops.warnings, 12, fragment), qPrintable(ops.warnings[0].message));
        QVERIFY2(ops.warnings[0].message.startsWith(QLatin1String("op.execute at versions/x.py:12: \"")),
                 qPrintable(ops.warnings[0].message));
    }
}

void TestSqlDdlReader::multiActionAlterKeepsTheReadActions()
{
    const TypedOperations ops = read(QStringLiteral("SELECT 1;\nALTER TABLE t ADD COLUMN a int, "
                                                    "VALIDATE CONSTRAINT fk, DROP COLUMN b"),
                                     Dialect::PostgreSQL);
    QCOMPARE(describeAll(ops), QStringList({QStringLiteral("add_column t a integer"), QStringLiteral("drop_column t b")}));
    QCOMPARE(ops.warnings.size(), 1);
    QVERIFY2(hasWarning(ops.warnings, 12, QStringLiteral("(line 2 of its SQL): VALIDATE CONSTRAINT is not understood "
                                                         "(action \"VALIDATE CONSTRAINT fk\")")),
             qPrintable(ops.warnings[0].message));
}

void TestSqlDdlReader::everyPrefixReadsWithoutCrashing()
{
    // Truncated text at every offset: each statement gives operations or warnings, never a
    // crash, a hang or an operation without the call's location.
    const QString script = QStringLiteral(
        "CREATE TABLE IF NOT EXISTS \"s\".t (id serial PRIMARY KEY, n varchar(5) DEFAULT 'a;b' "
        "CHECK (n <> ''), r int REFERENCES u (id) ON DELETE SET NULL, UNIQUE (n, r));\n"
        "ALTER TABLE t ADD COLUMN x int, ALTER COLUMN n TYPE text USING n::text, RENAME TO t2;\n"
        "CREATE UNIQUE INDEX ix ON t2 USING btree (lower(n) DESC) INCLUDE (x) WHERE x > 0;\n"
        "DO $$ BEGIN PERFORM 1; END $$; CREATE TYPE e AS ENUM ('a', 'b'); DROP INDEX ix");
    for (const Dialect dialect : {Dialect::PostgreSQL, Dialect::SQLite}) {
        for (qsizetype n = 0; n <= script.size(); ++n) {
            const TypedOperations ops = read(script.left(n), dialect);
            for (const Operation &op : ops.operations)
                QCOMPARE(op.location, kCall);
            for (const ReplayWarning &w : ops.warnings)
                QCOMPARE(w.location, kCall);
        }
    }
    const TypedOperations whole = read(script, Dialect::PostgreSQL);
    QCOMPARE(describeWarnings(whole.warnings).join(u'\n'), QString());
    QCOMPARE(whole.operations.size(), 7);
}

QTEST_GUILESS_MAIN(TestSqlDdlReader)
#include "test_sql_ddl_reader.moc"
