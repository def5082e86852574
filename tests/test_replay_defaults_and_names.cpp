// The typed layer's naming and default rules: which integer keys become serial / rowid
// aliases, how server defaults render, and the constraint and index names PostgreSQL and
// SQLAlchemy derive (including 63-byte shortening). Split from test_replay_operations.cpp.

#include "ReplayOperationsTestSupport.h"

#include <QTest>

using namespace migconsole;
using namespace migconsole::replaytest;

Q_DECLARE_METATYPE(migconsole::Dialect)

class TestReplayDefaultsAndNames : public QObject
{
    Q_OBJECT

private slots:
    void serialRule_data();
    void serialRule();
    void serverDefaults_data();
    void serverDefaults();
    void checkNames();
    void longNames();
};

void TestReplayDefaultsAndNames::serialRule_data()
{
    QTest::addColumn<QString>("columns");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<bool>("autoIncrement");
    QTest::addColumn<int>("identity");
    auto row = [](const char *tag, const char *cols, Dialect d, bool ai, Identity id = Identity::None) {
        QTest::newRow(tag) << QString::fromUtf8(cols) << d << ai << int(id);
    };
    const Dialect pg = Dialect::PostgreSQL;
    const Dialect lite = Dialect::SQLite;
    row("pg integer pk", "sa.Column('id', sa.Integer(), primary_key=True)", pg, true);
    row("pg bigint pk", "sa.Column('id', sa.BigInteger(), primary_key=True)", pg, true);
    row("pg smallint pk", "sa.Column('id', sa.SmallInteger(), primary_key=True)", pg, true);
    row("pg table-level pk", "sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id')", pg, true);
    row("pg string pk", "sa.Column('id', sa.String(10), primary_key=True)", pg, false);
    row("pg autoincrement False", "sa.Column('id', sa.Integer(), primary_key=True, autoincrement=False)", pg, false);
    row("pg composite", "sa.Column('id', sa.Integer(), primary_key=True), sa.Column('b', sa.Integer(), primary_key=True)", pg, false);
    row("pg fk pk", "sa.Column('id', sa.Integer(), sa.ForeignKey('u.id'), primary_key=True)", pg, false);
    row("pg server default", "sa.Column('id', sa.Integer(), primary_key=True, server_default='1')", pg, false);
    row("pg identity", "sa.Column('id', sa.BigInteger(), sa.Identity(always=True), primary_key=True)", pg, false, Identity::Always);
    row("pg identity by default", "sa.Column('id', sa.Integer(), sa.Identity(), primary_key=True)", pg, false, Identity::ByDefault);
    row("sqlite integer pk", "sa.Column('id', sa.Integer(), primary_key=True)", lite, true);
    row("sqlite bigint pk", "sa.Column('id', sa.BigInteger(), primary_key=True)", lite, false);
    row("sqlite bigint variant", "sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True)", lite, true);
    row("pg bigint variant", "sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True)", pg, true);
    row("sqlite identity", "sa.Column('id', sa.Integer(), sa.Identity(), primary_key=True)", lite, true);
}

void TestReplayDefaultsAndNames::serialRule()
{
    QFETCH(QString, columns);
    QFETCH(Dialect, dialect);
    QFETCH(bool, autoIncrement);
    QFETCH(int, identity);
    const TypedOperations ops = typed(QStringLiteral("op.create_table('t', ") + columns + u')', dialect);
    QCOMPARE(ops.operations.size(), 1);
    const Column &id = ops.operations[0].tableDef.columns[0];
    QCOMPARE(id.autoIncrement, autoIncrement);
    QCOMPARE(int(id.identity), identity);
    QVERIFY(!id.nullable);
}

void TestReplayDefaultsAndNames::serverDefaults_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("postgres");
    QTest::addColumn<QString>("sqlite");
    auto row = [](const char *expr, const char *pg, const char *lite) {
        QTest::newRow(expr) << QString::fromUtf8(expr) << QString::fromUtf8(pg) << QString::fromUtf8(lite);
    };
    row("'0'", "'0'", "'0'");
    row("'it\\'s'", "'it''s'", "'it''s'");
    row("\"it's\"", "'it''s'", "'it''s'");
    row("sa.text('now()')", "now()", "now()");
    row("sa.text(\"'x'::character varying\")", "'x'::character varying", "'x'::character varying");
    row("sa.func.now()", "now()", "CURRENT_TIMESTAMP");
    row("sa.func.lower('X')", "lower('X')", "lower('X')");
    row("sa.func.current_timestamp()", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP");
    row("sa.literal_column('0')", "0", "0");
    row("sa.true()", "true", "1");
    row("sa.false()", "false", "0");
    row("sa.text('CURRENT_TIMESTAMP')", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP");
    row("sa.DefaultClause('x')", "'x'", "'x'");
    row("some_helper()", "<none>", "<none>");
    row("5", "5", "5");
    row("-1", "-1", "-1");
}

void TestReplayDefaultsAndNames::serverDefaults()
{
    QFETCH(QString, expr);
    QFETCH(QString, postgres);
    QFETCH(QString, sqlite);
    const PyExpr e = parsePythonExpression(expr);
    QCOMPARE(serverDefaultSql(e, Dialect::PostgreSQL).value_or(QStringLiteral("<none>")), postgres);
    QCOMPARE(serverDefaultSql(e, Dialect::SQLite).value_or(QStringLiteral("<none>")), sqlite);
}

void TestReplayDefaultsAndNames::checkNames()
{
    // PostgreSQL names an unnamed CHECK after the single column it mentions.
    const TypedOperations ops = typed(QStringLiteral(
        "op.create_table('t', sa.Column('price', sa.Integer()), sa.Column('qty', sa.Integer()),\n"
        "    sa.CheckConstraint('price > 0'), sa.CheckConstraint(sa.text('price > qty')),\n"
        "    sa.CheckConstraint(\"qty > 0 AND 'price' <> ''\"),\n"
        "    sa.Column('n', sa.Integer(), sa.CheckConstraint('n > 1')))\n"
        "op.create_check_constraint(None, 't', 'qty > 1')\n"
        "op.create_check_constraint('ck_named', 't', sa.text('qty > 2'))"),
        Dialect::PostgreSQL);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    QCOMPARE(ops.operations.size(), 3);
    const QList<CheckConstraint> &checks = ops.operations[0].tableDef.checks;
    QCOMPARE(checks.size(), 4);
    QCOMPARE(checks[0].name, QStringLiteral("t_price_check"));
    QCOMPARE(checks[1].name, QStringLiteral("t_check"));
    QCOMPARE(checks[2].name, QStringLiteral("t_qty_check")); // a string literal is no column
    QCOMPARE(checks[3].name, QStringLiteral("t_n_check")); // column-level: named after its column
    QCOMPARE(ops.operations[1].kind, Operation::Kind::CreateCheckConstraint);
    QCOMPARE(ops.operations[1].check, (CheckConstraint{QString(), QStringLiteral("qty > 1")}));
    QCOMPARE(ops.operations[2].check, (CheckConstraint{QStringLiteral("ck_named"), QStringLiteral("qty > 2")}));
}

void TestReplayDefaultsAndNames::longNames()
{
    // Expected values taken from PostgreSQL 15 and SQLAlchemy 1.4 themselves.
    const QString body = QStringLiteral(
        "op.create_table('a_really_long_table_name_for_testing_truncation',\n"
        "    sa.Column('id', sa.Integer(), primary_key=True),\n"
        "    sa.Column('an_equally_long_column_name_here', sa.Integer(), unique=True),\n"
        "    sa.Column('b', sa.Integer(), index=True),\n"
        "    sa.Column('an_equally_long_column_name_here2', sa.Integer(), index=True),\n"
        "    sa.CheckConstraint('b > 0'))");
    const TypedOperations pg = typed(body, Dialect::PostgreSQL);
    const Table &t = pg.operations.value(0).tableDef;
    QCOMPARE(t.primaryKey->name, QStringLiteral("a_really_long_table_name_for_testing_truncation_pkey"));
    QCOMPARE(t.uniques.value(0).name, QStringLiteral("a_really_long_table_name_for__an_equally_long_column_name_h_key"));
    QCOMPARE(t.checks.value(0).name, QStringLiteral("a_really_long_table_name_for_testing_truncation_b_check"));
    QCOMPARE(t.indexes.value(0).name, QStringLiteral("ix_a_really_long_table_name_for_testing_truncation_b"));
    QCOMPARE(t.indexes.value(1).name.size(), 60);
    QVERIFY(t.indexes.value(1).name.startsWith(QStringLiteral("ix_a_really_long_table_name_for_testing_truncation_an_e_")));
    const TypedOperations alone = typed(QStringLiteral(
        "op.create_table('a_really_long_table_name_for_testing_truncation',\n"
        "    sa.Column('an_equally_long_column_name_here', sa.Integer(), index=True))"), Dialect::PostgreSQL);
    QCOMPARE(alone.operations.value(0).tableDef.indexes.value(0).name,
             QStringLiteral("ix_a_really_long_table_name_for_testing_truncation_an_e_9e10"));
    const TypedOperations lite = typed(body, Dialect::SQLite);
    QCOMPARE(lite.operations.value(0).tableDef.indexes.value(1).name,
             QStringLiteral("ix_a_really_long_table_name_for_testing_truncation_an_equally_long_column_name_here2"));
}

QTEST_GUILESS_MAIN(TestReplayDefaultsAndNames)
#include "test_replay_defaults_and_names.moc"
