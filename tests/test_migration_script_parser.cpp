// The script reader of core/replay: Python expressions as an AST and upgrade()/downgrade()
// bodies as lists of op calls with file:line, plus warnings for what cannot be replayed.
// Fixtures are under tests/data/replay/<case>/; layout oddities are inline strings. Hostile
// input is in test_migration_script_robustness.cpp.

#include "ReplayTestSupport.h"
#include "replay/MigrationScriptParser.h"
#include "replay/PythonExpression.h"

#include <QTest>

using namespace migconsole;
using namespace migconsole::replaytest;

class TestMigrationScriptParser : public QObject
{
    Q_OBJECT

private slots:
    void expressions_data();
    void expressions();
    void directives_data();
    void directives();
    void directiveDetails();
    void downgradeSide();
    void batchBlocks();
    void guardsLoopsHelpers();
    void constantsAndResolution();
    void bodyStatements_data();
    void bodyStatements();
    void layout_data();
    void layout();
};

void TestMigrationScriptParser::expressions_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("rendered");
    auto row = [](const char *source, const char *rendered) {
        QTest::newRow(source) << QString::fromUtf8(source) << QString::fromUtf8(rendered);
    };
    row("sa.Column('id', sa.Integer(), nullable=False)",
        "sa.Column('id', sa.Integer(), nullable=False)");
    row("\"a\" 'b' \"\"\"c\"\"\"", "'abc'");
    row("r'\\d+' u'x'", "'\\\\d+x'");
    row("f'{x}' 'y'", "<?f'{x}' 'y'>");
    row("b'bytes'", "<?b'bytes'>");
    row("-1", "-1");
    row("(1, 'a', None, True, False)", "(1, 'a', None, True, False)");
    row("(1,)", "(1,)");
    row("(x)", "x");
    row("[]", "[]");
    row("{}", "{}");
    row("{'a': 1, 'b': [2]}", "{'a': 1, 'b': [2]}");
    row("{1, 2}", "{1, 2}");
    row("postgresql.ARRAY(sa.String())[1]", "postgresql.ARRAY(sa.String())[1]");
    row("t.c[1:2]", "<?t.c[1:2]>");
    row("f(*args, **kwargs)", "f(*args, **kwargs)");
    row("f(a, *b, c=1, **d)", "f(a, *b, c=1, **d)");
    row("a + b", "<?a + b>");
    row("f(x if y else z, 2)", "f(<?x if y else z>, 2)");
    row("f(lambda x: x + 1, k=2)", "f(<?lambda x: x + 1>, k=2)");
    row("[c for c in cols]", "<?[c for c in cols]>");
    row("f(c for c in cols)", "<?f(c for c in cols)>");
    row("not x", "not x");
    row("~x", "~x");
    row("'%s' % name", "<?'%s' % name>");
    row("a.b.c.d(e)(f)", "a.b.c.d(e)(f)");
    row("{**a}", "<?{**a}>");
    row("[*a, b]", "[*a, b]");
    row("1, 2", "(1, 2)");
    row("op.f('ix_a')", "op.f('ix_a')");
    row("x := 3", "<?x := 3>");
    row("...", "<?...>");
    row("f(a,)", "f(a)");
    row("'caf\\xe9' '\\u00e9'", "'caf\xc3\xa9\xc3\xa9'");
}

void TestMigrationScriptParser::expressions()
{
    QFETCH(QString, source);
    QFETCH(QString, rendered);
    QCOMPARE(parsePythonExpression(source).toString(), rendered);
}

void TestMigrationScriptParser::directives_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("expected"); // "<line> <rendering>"
    const char *rows[] = {
        "26 op.create_table('users', sa.Column('id', sa.Integer(), nullable=False), "
        "sa.Column('email', sa.String(length=255), nullable=False), sa.Column('created_at', "
        "sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False), "
        "sa.Column('status', sa.Enum('active', 'banned', name='user_status'), nullable=True), "
        "sa.PrimaryKeyConstraint('id', name=op.f('pk_users')), sa.UniqueConstraint('email', "
        "name='uq_users_email'), schema=SCHEMA)",
        "36 op.create_table('orders', sa.Column('id', sa.BigInteger(), sa.Identity(always=True), "
        "primary_key=True), sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', "
        "ondelete='CASCADE'), nullable=False), sa.Column('total', sa.Numeric(10, 2), "
        "server_default='0', nullable=False), sa.Column('tags', postgresql.ARRAY(sa.String()), "
        "nullable=True), sa.Column('meta', postgresql.JSONB(astext_type=sa.Text()), "
        "nullable=True), sa.CheckConstraint('total >= 0', name='ck_orders_total'), "
        "sa.ForeignKeyConstraint(['user_id'], ['users.id'], name='fk_orders_user', "
        "ondelete='CASCADE'), sa.Index('ix_orders_user', 'user_id', unique=False), "
        "mysql_engine='InnoDB')",
        "48 op.add_column('users', sa.Column('nickname', sa.String(50), nullable=True))",
        "49 op.alter_column('users', 'nickname', existing_type=sa.VARCHAR(length=50), "
        "type_=sa.String(length=80), nullable=False, server_default=None, "
        "new_column_name='display_name', postgresql_using='nickname::varchar(80)')",
        "59 op.create_index('ix_users_lower_email', 'users', [sa.text('lower(email)')], "
        "unique=True, postgresql_where=sa.text('status = \\'active\\''), "
        "postgresql_using='btree')",
        "67 op.create_index(op.f('ix_users_email'), 'users', ['email'], unique=False)",
        "68 op.create_foreign_key('fk_orders_user2', 'orders', 'users', ['user_id'], ['id'], "
        "ondelete='SET NULL')",
        "71 op.create_unique_constraint('uq_orders_total', 'orders', ['user_id', 'total'])",
        "72 op.create_check_constraint('ck_total_pos', 'orders', 'total > -1')",
        "73 op.create_primary_key('pk_orders', 'orders', ['id'])",
        "74 op.drop_constraint('fk_orders_user', 'orders', type_='foreignkey')",
        "75 op.rename_table('orders', 'purchases')",
        "76 op.execute('\\n        CREATE INDEX CONCURRENTLY ix_purchases_total\\n            ON "
        "purchases (total)\\n        ')",
        "82 op.execute(sa.text('ALTER TABLE purchases ADD COLUMN note text'))",
        "84 op.create_enum(postgresql.ENUM('admin', 'member', name='role', create_type=False), "
        "op.get_bind(), checkfirst=True)",
        "85 op.add_column('users', sa.Column('role', postgresql.ENUM('admin', 'member', "
        "name='role', create_type=False), nullable=True))",
        "86 op.create_enum(postgresql.ENUM('x', 'y', name='kind'), op.get_bind(), "
        "checkfirst=True)",
        "87 op.drop_index('ix_users_email', table_name='users')",
        "88 op.drop_column('users', 'nickname')",
        "89 op.drop_table('legacy', schema=SCHEMA)",
    };
    int index = 0;
    for (const char *r : rows) {
        QTest::addRow("%d", index) << index << QString::fromUtf8(r);
        ++index;
    }
}

void TestMigrationScriptParser::directives()
{
    QFETCH(int, index);
    QFETCH(QString, expected);
    static const MigrationScript script =
        load(QStringLiteral("directives/a1b2c3_all_directives.py"));
    QVERIFY(script.upgrade.found);
    QCOMPARE(script.upgrade.ops.size(), 20);
    const OpCall &op = script.upgrade.ops.at(index);
    QCOMPARE(QString::number(op.location.line) + u' ' + op.toString(), expected);
    QCOMPARE(op.location.file, QStringLiteral("directives/a1b2c3_all_directives.py"));
    QVERIFY(!op.conditional);
    QVERIFY(!op.inBatch);
}

void TestMigrationScriptParser::directiveDetails()
{
    const MigrationScript script = load(QStringLiteral("directives/a1b2c3_all_directives.py"));
    // Nothing in this file needs a warning: every statement is understood.
    QVERIFY2(script.allWarnings().isEmpty(),
             qPrintable(describeWarnings(script.allWarnings()).join(u'\n')));
    QCOMPARE(script.upgrade.line, 24);
    const auto &ops = script.upgrade.ops;

    // Typed access to the pieces a later layer needs.
    const OpCall &users = ops[0];
    QCOMPARE(users.name, QStringLiteral("create_table"));
    QCOMPARE(users.arg(0)->text, QStringLiteral("users"));
    const PyExpr &created = *users.arg(3);
    QCOMPARE(created.calleeName(), QStringLiteral("sa.Column"));
    QCOMPARE(created.arg(0)->text, QStringLiteral("created_at"));
    QCOMPARE(created.keyword(u"server_default")->calleeName(), QStringLiteral("sa.text"));
    QCOMPARE(created.keyword(u"server_default")->arg(0)->text, QStringLiteral("now()"));
    QCOMPARE(created.keyword(u"nullable")->kind, PyExpr::Kind::Bool);
    QCOMPARE(created.keyword(u"nullable")->text, QStringLiteral("False"));
    QCOMPARE(created.line, 30);
    QCOMPARE(users.keyword(u"schema")->kind, PyExpr::Kind::Name); // resolved later
    const PyExpr &fk = *ops[1].arg(2)->arg(2);
    QCOMPARE(fk.calleeName(), QStringLiteral("sa.ForeignKey"));
    QCOMPARE(fk.keyword(u"ondelete")->text, QStringLiteral("CASCADE"));
    QCOMPARE(ops[1].keyword(u"mysql_engine")->text, QStringLiteral("InnoDB"));

    const OpCall &alter = ops[3];
    QCOMPARE(alter.keywords.size(), 6);
    QCOMPARE(alter.keyword(u"server_default")->kind, PyExpr::Kind::None);
    QCOMPARE(alter.keyword(u"new_column_name")->text, QStringLiteral("display_name"));

    QCOMPARE(ops[4].keyword(u"postgresql_where")->arg(0)->text,
             QStringLiteral("status = 'active'"));
    QCOMPARE(ops[5].arg(0)->calleeName(), QStringLiteral("op.f"));
    QCOMPARE(ops[10].keyword(u"type_")->text, QStringLiteral("foreignkey"));

    // op.execute keeps literal SQL: triple-quoted verbatim, implicit concatenation joined.
    QVERIFY(ops[12].hasSql);
    QCOMPARE(ops[12].sql, QStringLiteral("\n        CREATE INDEX CONCURRENTLY ix_purchases_total\n"
                                         "            ON purchases (total)\n        "));
    QVERIFY(ops[13].hasSql);
    QCOMPARE(ops[13].sql, QStringLiteral("ALTER TABLE purchases ADD COLUMN note text"));
    QVERIFY(!ops[0].hasSql);

    // Enum objects created through get_bind() are a recognisable pseudo-directive.
    QCOMPARE(ops[14].name, QStringLiteral("create_enum"));
    QCOMPARE(ops[14].arg(0)->keyword(u"name")->text, QStringLiteral("role"));
    QCOMPARE(ops[14].keyword(u"checkfirst")->text, QStringLiteral("True"));
    QCOMPARE(ops[16].arg(0)->keyword(u"name")->text, QStringLiteral("kind"));

    // Module constants are collected, annotated ones included.
    QCOMPARE(script.constants.value(QStringLiteral("SCHEMA")).text, QStringLiteral("app"));
    QCOMPARE(script.constants.value(QStringLiteral("revision")).text, QStringLiteral("a1b2c3"));
    QCOMPARE(script.constants.value(QStringLiteral("down_revision")).kind, PyExpr::Kind::None);
}

void TestMigrationScriptParser::downgradeSide()
{
    const MigrationScript script = load(QStringLiteral("directives/a1b2c3_all_directives.py"));
    QVERIFY(script.downgrade.found);
    QCOMPARE(script.downgrade.line, 93);
    QCOMPARE(describeOps(script.downgrade.ops),
             QStringList({QStringLiteral("94 op.drop_table('purchases')"),
                          QStringLiteral("95 op.drop_enum(sa.Enum(name='role'), op.get_bind(), "
                                         "checkfirst=True)"),
                          QStringLiteral("96 op.drop_table(USERS, schema='app')")}));
    QCOMPARE(resolveNames(*script.downgrade.ops[2].arg(0), script.constants).text,
             QStringLiteral("users"));
}

void TestMigrationScriptParser::batchBlocks()
{
    const MigrationScript script = load(QStringLiteral("batch/b2_batch.py"));
    const QStringList expected = {
        QStringLiteral("13 op.add_column('users', sa.Column('age', sa.Integer(), "
                       "nullable=True))"),
        QStringLiteral("14 op.alter_column('users', 'email', existing_type=sa.VARCHAR(length=255), "
                       "nullable=True)"),
        QStringLiteral("15 op.create_index(op.f('ix_users_age'), 'users', ['age'], "
                       "unique=False)"),
        QStringLiteral("16 op.create_foreign_key('fk_users_org', 'users', 'orgs', ['org_id'], "
                       "['id'])"),
        QStringLiteral("17 op.drop_constraint('uq_users_email', 'users', type_='unique')"),
        QStringLiteral("18 op.drop_index('ix_old', 'users')"),
        QStringLiteral("19 op.drop_column('users', 'legacy')"),
        QStringLiteral("22 op.create_unique_constraint('uq_accounts_name', TABLE, ['name'], "
                       "schema='app')"),
        QStringLiteral("24 op.add_column('after', sa.Column('x', sa.Integer()))"),
    };
    QCOMPARE(describeOps(script.upgrade.ops), expected);
    const auto &ops = script.upgrade.ops;
    for (int i = 0; i < 7; ++i) {
        QVERIFY(ops[i].inBatch);
        QCOMPARE(ops[i].batchTable, QStringLiteral("users"));
        QVERIFY(ops[i].batchSchema.isEmpty());
    }
    QCOMPARE(ops[7].batchTable, QStringLiteral("accounts")); // through the module constant
    QCOMPARE(ops[7].batchSchema, QStringLiteral("app"));
    QVERIFY(!ops[8].inBatch);
    QCOMPARE(describeWarnings(script.allWarnings()),
             QStringList({QStringLiteral("23 unknown batch operation b.frobnicate is not "
                                         "replayed")}));
    QCOMPARE(describeOps(script.downgrade.ops),
             QStringList({QStringLiteral("29 op.drop_column('users', 'age')")}));
}

void TestMigrationScriptParser::guardsLoopsHelpers()
{
    const MigrationScript script = load(QStringLiteral("guards/c3_guards.py"));
    const auto &ops = script.upgrade.ops;
    QCOMPARE(describeOps(ops),
             QStringList({
                 QStringLiteral("21 op.create_table('widgets', sa.Column('id', sa.Integer(), "
                                "primary_key=True))"),
                 QStringLiteral("23 op.add_column('widgets', sa.Column('size', sa.Integer()))"),
                 QStringLiteral("25 op.create_index('ix_widgets_size', 'widgets', ['size'])"),
                 QStringLiteral("29 op.add_column(name, sa.Column('flag', sa.Boolean(), "
                                "server_default=sa.false()))"),
                 QStringLiteral("31 op.drop_table('never')"),
                 QStringLiteral("36 op.execute('CREATE INDEX CONCURRENTLY ix_w ON widgets (id)')"),
                 QStringLiteral("37 op.execute(<?f\"DROP TABLE {name}\">)"),
             }));
    for (int i = 0; i < 5; ++i)
        QVERIFY2(ops[i].conditional, qPrintable(ops[i].toString()));
    QVERIFY(!ops[5].conditional);
    QVERIFY(ops[5].autocommit);
    QVERIFY(ops[5].hasSql);
    QVERIFY(!ops[6].hasSql);
    QVERIFY(!ops[6].autocommit);

    const QList<ReplayWarning> warnings = script.allWarnings();
    const QString all = describeWarnings(warnings).join(u'\n');
    QVERIFY2(hasWarning(warnings, 16, QStringLiteral("early-return guard")), qPrintable(all));
    QVERIFY2(hasWarning(warnings, 19, QStringLiteral("comes from the database")), qPrintable(all));
    QVERIFY2(hasWarning(warnings, 28, QStringLiteral("loop")), qPrintable(all));
    QVERIFY2(hasWarning(warnings, 30, QStringLiteral("loop")), qPrintable(all));
    QVERIFY2(hasWarning(warnings, 32, QStringLiteral("_create_views() (defined at line 45)")),
             qPrintable(all));
    QVERIFY2(hasWarning(warnings, 33, QStringLiteral("database connection")), qPrintable(all));
    QVERIFY2(hasWarning(warnings, 34, QStringLiteral("op.create_widget_view")), qPrintable(all));
    QVERIFY2(hasWarning(warnings, 37, QStringLiteral("not a literal")), qPrintable(all));
    QCOMPARE(warnings.size(), 8);
    for (const ReplayWarning &w : warnings)
        QCOMPARE(w.location.file, QStringLiteral("guards/c3_guards.py"));

    // downgrade() raises: nothing after it is an operation, and both facts are reported.
    QVERIFY(script.downgrade.ops.isEmpty());
    QVERIFY(hasWarning(script.downgrade.warnings, 50, QStringLiteral("raises")));
    QVERIFY(hasWarning(script.downgrade.warnings, 51, QStringLiteral("not read")));
}

void TestMigrationScriptParser::constantsAndResolution()
{
    const MigrationScript script = parseMigrationScript(QStringLiteral(R"PY(
T = "things"
COLS = ("a", "b")
NEG = -1
NOT_LITERAL = make()
T2 = T
from alembic import op as alembic_op

def upgrade():
    name = "local_table"
    idx = op.f("ix_local")
    col = sa.Column("c", sa.Integer())
    alembic_op.add_column(name, col)
    alembic_op.create_index(idx, T, list(COLS))
    name = compute()
    alembic_op.drop_table(name)
)PY"),
                                                        QStringLiteral("x.py"));
    QCOMPARE(script.constants.value(QStringLiteral("COLS")).toString(),
             QStringLiteral("('a', 'b')"));
    QCOMPARE(script.constants.value(QStringLiteral("NEG")).toString(), QStringLiteral("-1"));
    QVERIFY(!script.constants.contains(QStringLiteral("NOT_LITERAL")));
    QVERIFY(!script.constants.contains(QStringLiteral("T2"))); // a Name, not a literal
    // Function-local literal/declarative bindings are substituted; module constants stay names.
    QCOMPARE(describeOps(script.upgrade.ops),
             QStringList({QStringLiteral("13 op.add_column('local_table', sa.Column('c', "
                                         "sa.Integer()))"),
                          QStringLiteral("14 op.create_index(op.f('ix_local'), T, list(COLS))"),
                          QStringLiteral("16 op.drop_table(name)")}));
    const PyExpr resolved = resolveNames(*script.upgrade.ops[1].arg(2), script.constants);
    QCOMPARE(resolved.toString(), QStringLiteral("list(('a', 'b'))"));
}

void TestMigrationScriptParser::bodyStatements_data()
{
    // Each body starts at line 3 (line 1 is empty, line 2 the def); `ops` are
    // "<line> <rendering>[ C][ A][ B:table]" (conditional, autocommit, batch), `warnings`
    // "<line> <fragment>".
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("ops");
    QTest::addColumn<QStringList>("warnings");
    auto row = [](const char *name, const char *body, QStringList ops, QStringList warnings) {
        QTest::newRow(name) << QString::fromUtf8(body) << ops << warnings;
    };
    auto L = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out.append(QString::fromUtf8(i));
        return out;
    };
    row("inline early return", "    if not has_it(): return\n    op.drop_table('t')\n",
        L({"4 op.drop_table('t')"}), L({"3 early-return guard"}));
    row("inline if body",
        "    if x: op.drop_table('a'); op.drop_table('b')\n    op.drop_table('c')\n",
        L({"3 op.drop_table('a') C", "3 op.drop_table('b') C", "4 op.drop_table('c')"}), L({}));
    row("return inside a block",
        "    if x:\n        op.drop_table('a')\n        return\n    op.drop_table('b')\n",
        L({"4 op.drop_table('a') C", "6 op.drop_table('b')"}), L({"5 return inside a block"}));
    row("unconditional return stops",
        "    op.drop_table('a')\n    return\n    op.drop_table('b')\n", L({"3 op.drop_table('a')"}),
        L({"5 not read"}));
    row("harmless calls", "    op.get_bind()\n    print('x')\n    logger.info('y')\n    pass\n",
        L({}), L({}));
    row("local helper", "    def helper():\n        pass\n    helper()\n", L({}),
        L({"5 helper() (defined at line 3)"}));
    row("unknown context manager", "    with open('f') as fh:\n        op.drop_table('t')\n",
        L({"4 op.drop_table('t')"}), L({"3 the body is read as if"}));
    row("nested batch in if",
        "    if cond:\n        with op.batch_alter_table('t') as b:\n"
        "            b.drop_column('c')\n",
        L({"5 op.drop_column('t', 'c') C B:t"}), L({}));
    row("batch without as", "    with op.batch_alter_table('t'):\n        pass\n", L({}),
        L({"3 without `as`"}));
    row("batch table from a call",
        "    with op.batch_alter_table(name()) as b:\n        "
        "b.drop_column('c')\n",
        L({"4 op.drop_column(name(), 'c') B:"}), L({"3 not a literal"}));
    row("batch schema and keyword table",
        "    with op.batch_alter_table('t', schema='s') as b:\n        "
        "b.create_index(index_name='ix', columns=['c'])\n",
        L({"4 op.create_index(index_name='ix', columns=['c'], table_name='t', schema='s') B:t"}),
        L({}));
    row("execute with a module constant", "    op.execute(SQL)\n", L({"3 op.execute(SQL)"}), L({}));
    row("execute with DDL and a local",
        "    sql = '''CREATE TABLE a (id int)'''\n    op.execute(sql)\n"
        "    op.execute(sa.DDL('DROP TABLE b'))\n",
        L({"4 op.execute('CREATE TABLE a (id int)')", "5 op.execute(sa.DDL('DROP TABLE b'))"}),
        L({}));
    row("execute with an expression", "    op.execute(sa.table('t').delete())\n",
        L({"3 op.execute(sa.table('t').delete())"}), L({"3 not a literal"}));
    row("execute with % formatting", "    op.execute('DROP %s' % t)\n",
        L({"3 op.execute(<?'DROP %s' % t>)"}), L({"3 not a literal"}));
    row("autocommit block",
        "    with op.get_context().autocommit_block():\n"
        "        op.create_index('ix', 't', ['c'], postgresql_concurrently=True)\n",
        L({"4 op.create_index('ix', 't', ['c'], postgresql_concurrently=True) A"}), L({}));
    row("enum via local then drop", "    e = sa.Enum('a', name='e')\n    e.drop(op.get_bind())\n",
        L({"4 op.drop_enum(sa.Enum('a', name='e'), op.get_bind())"}), L({}));
    row("other object create", "    sa.Table('t', meta).create(op.get_bind())\n", L({}),
        L({"3 is not followed"}));
    row("connection via bind attribute", "    op.get_bind().execute('SELECT 1')\n", L({}),
        L({"3 database connection"}));
    row("try/except/finally",
        "    try:\n        op.drop_table('a')\n    except Exception:\n"
        "        op.drop_table('b')\n    finally:\n        op.drop_table('c')\n",
        L({"4 op.drop_table('a') C", "6 op.drop_table('b') C", "8 op.drop_table('c') C"}), L({}));
    row("if/elif/else",
        "    if a:\n        op.drop_table('a')\n    elif b:\n        "
        "op.drop_table('b')\n    else:\n        op.drop_table('c')\n",
        L({"4 op.drop_table('a') C", "6 op.drop_table('b') C", "8 op.drop_table('c') C"}), L({}));
    row("docstring and ellipsis", "    \"\"\"Doc.\"\"\"\n    ...\n", L({}), L({}));
    row("augmented assignment", "    n += 1\n", L({}), L({"3 statement not understood"}));
    row("unknown op", "    op.create_view('v', 'SELECT 1')\n", L({}),
        L({"3 unknown operation op.create_view"}));
    row("loop variable not substituted",
        "    t = 'x'\n    for t in ts:\n        op.drop_table(t)\n", L({"5 op.drop_table(t) C"}),
        L({"4 loop"}));
}

void TestMigrationScriptParser::bodyStatements()
{
    QFETCH(QString, body);
    QFETCH(QStringList, ops);
    QFETCH(QStringList, warnings);
    const QString source = QStringLiteral("SQL = 'DROP TABLE x'\ndef upgrade():\n") + body;
    const MigrationScript script = parseMigrationScript(source, QStringLiteral("s.py"));
    QStringList actualOps;
    for (const OpCall &op : script.upgrade.ops) {
        QString text = QString::number(op.location.line) + u' ' + op.toString();
        if (op.conditional)
            text += QStringLiteral(" C");
        if (op.autocommit)
            text += QStringLiteral(" A");
        if (op.inBatch)
            text += QStringLiteral(" B:") + op.batchTable;
        actualOps.append(text);
    }
    QCOMPARE(actualOps, ops);
    const QList<ReplayWarning> actual = script.allWarnings();
    QVERIFY2(actual.size() == warnings.size(), qPrintable(describeWarnings(actual).join(u'\n')));
    for (const QString &w : warnings) {
        const int space = w.indexOf(u' ');
        QVERIFY2(
            hasWarning(actual, w.left(space).toInt(), w.mid(space + 1)),
            qPrintable(w + QStringLiteral(" not in:\n") + describeWarnings(actual).join(u'\n')));
    }
    if (qstrcmp(QTest::currentDataTag(), "execute with a module constant") == 0) {
        QVERIFY(script.upgrade.ops[0].hasSql);
        QCOMPARE(script.upgrade.ops[0].sql, QStringLiteral("DROP TABLE x"));
    }
    if (qstrcmp(QTest::currentDataTag(), "execute with DDL and a local") == 0) {
        QCOMPARE(script.upgrade.ops[0].sql, QStringLiteral("CREATE TABLE a (id int)"));
        QCOMPARE(script.upgrade.ops[1].sql, QStringLiteral("DROP TABLE b"));
    }
}

void TestMigrationScriptParser::layout_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("ops");
    const QStringList one = {QStringLiteral("3 op.drop_table('t')")};
    QTest::newRow("typed signature")
        << QStringLiteral("import x\n\ndef upgrade() -> None:\n    op.drop_table('t')\n")
        << QStringList{QStringLiteral("4 op.drop_table('t')")};
    QTest::newRow("custom signature")
        << QStringLiteral("\ndef upgrade(op, tables, tester):\n    op.drop_table('t')\n") << one;
    QTest::newRow("one-line body")
        << QStringLiteral("\n\ndef upgrade(): op.drop_table('t')\n") << one;
    QTest::newRow("tabs") << QStringLiteral("\ndef upgrade():\n\top.drop_table('t')\n") << one;
    QTest::newRow("CRLF") << QStringLiteral("\r\ndef upgrade():\r\n    op.drop_table('t')\r\n")
                          << one;
    QTest::newRow("lone CR") << QStringLiteral("\rdef upgrade():\r    op.drop_table('t')\r") << one;
    QTest::newRow("BOM") << (QChar(0xFEFF) +
                             QStringLiteral("\ndef upgrade():\n    op.drop_table('t')\n"))
                         << one;
    QTest::newRow("non-ASCII") << QStringLiteral("# café\ndef upgrade():  # ünïcode\n    "
                                                 "op.drop_table('tëst')\n")
                               << QStringList{QStringLiteral("3 op.drop_table('tëst')")};
    QTest::newRow("star import and class")
        << QStringLiteral("from x import *\nclass Base:\n    def upgrade(self):\n        "
                          "op.drop_table('no')\n\ndef upgrade():\n    op.drop_table('t')\n")
        << QStringList{QStringLiteral("7 op.drop_table('t')")};
    QTest::newRow("decorated helper after")
        << QStringLiteral("\ndef upgrade():\n    op.drop_table('t')\n@decorator\ndef helper():\n"
                          "    op.drop_table('no')\n")
        << one;
    QTest::newRow("semicolons")
        << QStringLiteral("\ndef upgrade():\n    op.drop_table('t'); op.drop_table('u')\n")
        << QStringList{QStringLiteral("3 op.drop_table('t')"),
                       QStringLiteral("3 op.drop_table('u')")};
    QTest::newRow("backslash continuation")
        << QStringLiteral("\ndef upgrade():\n    op.drop_table(\\\n        't')\n") << one;
    QTest::newRow("redefined upgrade")
        << QStringLiteral("\ndef upgrade():\n    op.drop_table('old')\ndef upgrade():\n    "
                          "op.drop_table('t')\n")
        << QStringList{QStringLiteral("5 op.drop_table('t')")};
    QTest::newRow("nested def skipped")
        << QStringLiteral("\ndef upgrade():\n    def inner():\n        op.drop_table('no')\n    "
                          "op.drop_table('t')\n")
        << QStringList{QStringLiteral("5 op.drop_table('t')")};
    QTest::newRow("assignment of op result")
        << QStringLiteral("\ndef upgrade():\n    t = op.create_table('t')\n    "
                          "op.bulk_insert(t, [{'id': 1}])\n")
        << QStringList{QStringLiteral("3 op.create_table('t')"),
                       QStringLiteral("4 op.bulk_insert(t, [{'id': 1}])")};
}

void TestMigrationScriptParser::layout()
{
    QFETCH(QString, source);
    QFETCH(QStringList, ops);
    const MigrationScript script = parseMigrationScript(source, QStringLiteral("f.py"));
    QVERIFY(script.upgrade.found);
    QCOMPARE(describeOps(script.upgrade.ops), ops);
}

QTEST_GUILESS_MAIN(TestMigrationScriptParser)
#include "test_migration_script_parser.moc"
