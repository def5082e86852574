// The typed layer of core/replay: op calls → Operations with types, defaults and names as
// SQLAlchemy renders them on PostgreSQL and SQLite (REFERENCE.md §2). Snippets are inline
// upgrade() bodies; the header below puts the body's first line at line 6. Agreement with
// REAL Alembic's DDL is in test_replay_operations_alembic.cpp.

#include "ReplayOperationsTestSupport.h"

#include <QTest>

using namespace migconsole;
using namespace migconsole::replaytest;

Q_DECLARE_METATYPE(migconsole::Dialect)


class TestReplayOperations : public QObject
{
    Q_OBJECT

private slots:
    void types_data();
    void types();
    void unknownAndOpaqueTypes();
    void createTablePostgres();
    void createTableSqlite();
    void typeChecksAndComments();
    void addColumn();
    void alterColumn();
    void indexes();
    void constraints();
    void tableLevelDirectives();
    void tableComments();
    void enums();
    void executeAndSkips();
    void directivesFixture();
    void malformedCallsWarnNeverCrash_data();
    void malformedCallsWarnNeverCrash();
};

void TestReplayOperations::types_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("postgres");
    QTest::addColumn<QString>("sqlite");
    auto row = [](const char *type, const char *pg, const char *lite) {
        QTest::newRow(type) << QString::fromUtf8(type) << QString::fromUtf8(pg) << QString::fromUtf8(lite);
    };
    row("sa.Integer()", "integer", "integer");
    row("sa.Integer", "integer", "integer");
    row("sa.INTEGER()", "integer", "integer");
    row("sa.BigInteger()", "bigint", "bigint");
    row("sa.SmallInteger()", "smallint", "smallint");
    row("sa.String(length=36)", "varchar(36)", "varchar(36)");
    row("sa.String(36)", "varchar(36)", "varchar(36)");
    row("sa.VARCHAR(36)", "varchar(36)", "varchar(36)");
    row("sa.String()", "varchar", "varchar");
    row("sa.Unicode(20)", "varchar(20)", "varchar(20)");
    row("sa.Text()", "text", "text");
    row("sa.UnicodeText()", "text", "text");
    row("sa.CHAR(2)", "char(2)", "char(2)");
    row("sa.Boolean()", "boolean", "boolean");
    row("sa.DateTime()", "timestamp", "timestamp");
    row("sa.DateTime(timezone=True)", "timestamptz", "timestamp");
    row("sa.TIMESTAMP(timezone=True)", "timestamptz", "timestamp");
    row("postgresql.TIMESTAMP(timezone=True, precision=3)", "timestamptz(3)", "timestamp");
    row("sa.Date()", "date", "date");
    row("sa.Time()", "time", "time");
    row("sa.Time(timezone=True)", "timetz", "time");
    row("sa.Numeric(10, 2)", "numeric(10,2)", "numeric(10,2)");
    row("sa.Numeric(precision=12, scale=4)", "numeric(12,4)", "numeric(12,4)");
    row("sa.DECIMAL(8)", "numeric(8)", "numeric(8)");
    row("sa.Numeric()", "numeric", "numeric");
    row("sa.Float()", "double precision", "float");
    row("sa.Float(24)", "real", "float");
    row("sa.Float(precision=53)", "double precision", "float");
    row("sa.Double()", "double precision", "double precision");
    row("postgresql.DOUBLE_PRECISION()", "double precision", "double precision");
    row("sa.REAL()", "real", "real");
    row("sa.LargeBinary()", "bytea", "blob");
    row("sa.Binary()", "bytea", "blob");
    row("sa.JSON()", "json", "json");
    row("postgresql.JSONB(astext_type=sa.Text())", "jsonb", "jsonb");
    row("postgresql.UUID(as_uuid=True)", "uuid", "uuid");
    row("sa.UUID()", "uuid", "uuid");
    row("sa.Uuid()", "uuid", "char(32)");
    row("sa.Uuid(native_uuid=False)", "char(32)", "char(32)");
    row("postgresql.ARRAY(sa.String())", "varchar[]", "varchar[]");
    row("postgresql.ARRAY(sa.Integer(), dimensions=2)", "integer[]", "integer[]");
    row("sa.ARRAY(sa.String(length=20))", "varchar(20)[]", "varchar(20)[]");
    row("sa.Enum('a', 'bbb', name='status')", "status", "varchar(3)");
    row("postgresql.ENUM('x', 'y', name='Mood', create_type=False)", "\"Mood\"", "varchar(1)");
    row("sa.Enum('a', 'bb', name='s', native_enum=False)", "varchar(2)", "varchar(2)");
    row("sa.Enum('a', name='s', schema='app')", "app.s", "varchar(1)");
    row("sa.Interval()", "interval", "timestamp");
    row("postgresql.INET()", "inet", "inet");
    row("postgresql.CIDR()", "cidr", "cidr");
    row("postgresql.CITEXT()", "citext", "citext");
    row("postgresql.TSVECTOR()", "tsvector", "tsvector");
    row("postgresql.HSTORE()", "hstore", "hstore");
    row("postgresql.BYTEA()", "bytea", "blob");
    row("postgresql.BIT(3)", "bit(3)", "bit(3)");
    row("sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')", "jsonb", "json");
}

void TestReplayOperations::types()
{
    QFETCH(QString, type);
    QFETCH(QString, postgres);
    QFETCH(QString, sqlite);
    const QByteArray utf8 = type.toUtf8();
    QString warning;
    QCOMPARE(rendered(utf8.constData(), Dialect::PostgreSQL, &warning), postgres);
    QVERIFY2(warning.isEmpty(), qPrintable(warning));
    QCOMPARE(rendered(utf8.constData(), Dialect::SQLite, &warning), sqlite);
    QVERIFY2(warning.isEmpty(), qPrintable(warning));
}

void TestReplayOperations::unknownAndOpaqueTypes()
{
    QString warning;
    QCOMPARE(rendered("citext.CIText()", Dialect::PostgreSQL, &warning), QStringLiteral("citext"));
    QCOMPARE(warning, QStringLiteral("unknown column type citext.CIText at f.py:1; its database "
                                     "type is guessed as citext"));
    QCOMPARE(rendered("sqlalchemy_utils.types.TSVectorType()", Dialect::PostgreSQL, &warning),
             QStringLiteral("tsvector"));
    QVERIFY(warning.contains(QStringLiteral("guessed as tsvector")));
    QCOMPARE(rendered("make_type() + 1", Dialect::PostgreSQL, &warning), QStringLiteral("<none>"));
    QVERIFY(warning.contains(QStringLiteral("cannot be read")));
    QCOMPARE(rendered("sa.Enum('a', 'b')", Dialect::PostgreSQL, &warning), QStringLiteral("<none>"));
    QVERIFY(warning.contains(QStringLiteral("without a literal name")));
    QCOMPARE(rendered("sa.Enum(MyEnum, name='e')", Dialect::SQLite, &warning), QStringLiteral("varchar"));
    QVERIFY(warning.contains(QStringLiteral("not literals")));
    QCOMPARE(rendered("sa.Enum(MyEnum, name='e')", Dialect::PostgreSQL, &warning), QStringLiteral("e"));
    QVERIFY(warning.isEmpty());

    // Through create_table: the warning carries the column's line, the table is kept.
    const TypedOperations ops = typed(QStringLiteral("op.create_table('t',\n"
                                                     "    sa.Column('id', sa.Integer(), primary_key=True),\n"
                                                     "    sa.Column('c', ColourType(length=20)))"),
                                      Dialect::PostgreSQL);
    QCOMPARE(ops.operations.size(), 1);
    QCOMPARE(ops.operations[0].tableDef.columns[1].type, QStringLiteral("colour"));
    QVERIFY2(hasWarning(ops.warnings, kFirstBodyLine + 2,
                        QStringLiteral("unknown column type ColourType at versions/x.py:8")),
             qPrintable(describeWarnings(ops.warnings).join(u'\n')));
}

void TestReplayOperations::createTablePostgres()
{
    const TypedOperations ops = typed(QStringLiteral(
        "op.create_table('orders',\n"
        "    sa.Column('id', sa.Integer(), primary_key=True),\n"
        "    sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE', onupdate='set null'), nullable=False),\n"
        "    sa.Column('code', sa.String(20), unique=True),\n"
        "    sa.Column('ref', sa.String(20), index=True),\n"
        "    sa.Column('slug', sa.String(20), index=True, unique=True),\n"
        "    sa.Column('status', sa.Enum('new', 'paid', name='order_status')),\n"
        "    sa.Column('created', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),\n"
        "    sa.CheckConstraint('code <> ref', name=op.f('ck_orders_code')),\n"
        "    sa.UniqueConstraint('user_id', 'ref'),\n"
        "    sa.ForeignKeyConstraint(['ref'], ['app.refs.code'], name='fk_ref'),\n"
        "    sa.Index('ix_orders_lower', sa.text('lower(code)'), postgresql_where=sa.text('code IS NOT NULL'), postgresql_using='gin'),\n"
        "    schema='app')"),
        Dialect::PostgreSQL);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    QCOMPARE(ops.operations.size(), 1);
    const Operation &op = ops.operations[0];
    QCOMPARE(op.kind, Operation::Kind::CreateTable);
    QCOMPARE(op.location.line, kFirstBodyLine);
    QCOMPARE(op.location.file, QStringLiteral("versions/x.py"));
    QCOMPARE(op.schema, QStringLiteral("app"));
    QCOMPARE(op.table, QStringLiteral("orders"));
    const Table &t = op.tableDef;
    QCOMPARE(t.name, QStringLiteral("orders"));
    QCOMPARE(t.columns.size(), 7);
    const Column *id = t.column(QStringLiteral("id"));
    QVERIFY(id);
    QCOMPARE(id->type, QStringLiteral("integer"));
    QVERIFY(!id->nullable);
    QVERIFY(id->autoIncrement);
    QCOMPARE(t.column(QStringLiteral("user_id"))->nullable, false);
    QCOMPARE(t.column(QStringLiteral("code"))->nullable, true);
    QCOMPARE(t.column(QStringLiteral("status"))->type, QStringLiteral("order_status"));
    QCOMPARE(t.column(QStringLiteral("created"))->type, QStringLiteral("timestamptz"));
    QCOMPARE(t.column(QStringLiteral("created"))->defaultExpr, QStringLiteral("now()"));
    QCOMPARE(t.primaryKey, std::optional<PrimaryKey>(PrimaryKey{QStringLiteral("orders_pkey"), {QStringLiteral("id")}}));
    QCOMPARE(t.foreignKeys.size(), 2);
    const ForeignKey &fk = t.foreignKeys[0];
    QCOMPARE(fk.name, QStringLiteral("orders_user_id_fkey"));
    QCOMPARE(fk.columns, QStringList{QStringLiteral("user_id")});
    QCOMPARE(fk.referencedTable, QStringLiteral("users"));
    QCOMPARE(fk.referencedColumns, QStringList{QStringLiteral("id")});
    QCOMPARE(fk.onDelete, ReferentialAction::Cascade);
    QCOMPARE(fk.onUpdate, ReferentialAction::SetNull);
    QCOMPARE(t.foreignKeys[1].name, QStringLiteral("fk_ref"));
    QCOMPARE(t.foreignKeys[1].referencedSchema, QStringLiteral("app"));
    QCOMPARE(t.foreignKeys[1].referencedTable, QStringLiteral("refs"));
    QCOMPARE(t.uniques.size(), 2);
    QCOMPARE(t.uniques[0], (UniqueConstraint{QStringLiteral("orders_code_key"), {QStringLiteral("code")}}));
    QCOMPARE(t.uniques[1], (UniqueConstraint{QStringLiteral("orders_user_id_ref_key"),
                                             {QStringLiteral("user_id"), QStringLiteral("ref")}}));
    QCOMPARE(t.checks, (QList<CheckConstraint>{{QStringLiteral("ck_orders_code"), QStringLiteral("code <> ref")}}));
    QCOMPARE(t.indexes.size(), 3);
    QCOMPARE(t.indexes[0].name, QStringLiteral("ix_orders_ref"));
    QVERIFY(!t.indexes[0].unique);
    QCOMPARE(t.indexes[1].name, QStringLiteral("ix_orders_slug"));
    QVERIFY(t.indexes[1].unique); // index=True + unique=True: one unique index, no constraint
    QCOMPARE(t.indexes[2].columns, QStringList{QStringLiteral("lower(code)")});
    QCOMPARE(t.indexes[2].predicate, QStringLiteral("code IS NOT NULL"));
    QCOMPARE(t.indexes[2].method, QStringLiteral("gin"));
    QCOMPARE(op.enums, (QList<EnumType>{{QStringLiteral("order_status"), {QStringLiteral("new"), QStringLiteral("paid")}}}));
}

void TestReplayOperations::createTableSqlite()
{
    const TypedOperations ops = typed(QStringLiteral(
        "op.create_table(NAME,\n"
        "    sa.Column('id', sa.Integer(), primary_key=True),\n"
        "    sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id')),\n"
        "    sa.Column('code', sa.String(20), unique=True, index=False),\n"
        "    sa.Column('status', sa.Enum('new', 'paid', name='order_status')),\n"
        "    sa.Column('ident', sa.Integer(), sa.Identity(always=True)),\n"
        "    sa.CheckConstraint('code <> status'),\n"
        "    sa.Index('ix_p', 'code', sqlite_where=sa.text('code > 0'), postgresql_where=sa.text('ignored')))"),
        Dialect::SQLite);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    const Table &t = ops.operations.value(0).tableDef;
    QCOMPARE(t.name, QStringLiteral("named_table")); // module constant resolved
    QVERIFY(t.column(QStringLiteral("id"))->autoIncrement);
    QCOMPARE(t.column(QStringLiteral("status"))->type, QStringLiteral("varchar(4)"));
    QCOMPARE(t.column(QStringLiteral("ident"))->identity, Identity::None);
    QCOMPARE(t.primaryKey->name, QString());
    QCOMPARE(t.foreignKeys.value(0).name, QString());
    QCOMPARE(t.uniques.value(0).name, QString());
    QCOMPARE(t.checks.value(0).name, QString());
    QCOMPARE(t.indexes.value(0).predicate, QStringLiteral("code > 0"));
    QVERIFY(ops.operations.value(0).enums.isEmpty());
}

void TestReplayOperations::typeChecksAndComments()
{
    // As SQLAlchemy 1.4 compiles it: create_constraint=True adds CHECK (col IN (…)), named
    // after the type's name=; PostgreSQL's native enum and boolean need none.
    const QString body = QStringLiteral(
        "op.create_table('t', sa.Column('s', sa.Enum('a', 'b', name='st', create_constraint=True)),\n"
        "    sa.Column('s2', sa.Enum('a', \"b'c\", create_constraint=True, native_enum=False)),\n"
        "    sa.Column('f', sa.Boolean(create_constraint=True)),\n"
        "    sa.Column('g', sa.Boolean()), comment='hello')");
    const TypedOperations pg = typed(body, Dialect::PostgreSQL);
    QCOMPARE(pg.operations.value(0).tableDef.checks,
             (QList<CheckConstraint>{{QStringLiteral("t_s2_check"), QStringLiteral("s2 IN ('a', 'b''c')")}}));
    QCOMPARE(pg.operations.value(0).tableDef.comment, QStringLiteral("hello"));
    const TypedOperations lite = typed(body, Dialect::SQLite);
    QCOMPARE(lite.operations.value(0).tableDef.checks,
             (QList<CheckConstraint>{{QStringLiteral("st"), QStringLiteral("s IN ('a', 'b')")},
                                     {QString(), QStringLiteral("s2 IN ('a', 'b''c')")},
                                     {QString(), QStringLiteral("f IN (0, 1)")}}));
}

void TestReplayOperations::addColumn()
{
    const QString body = QStringLiteral(
        "op.add_column('users', sa.Column('org_id', sa.Integer(), sa.ForeignKey('orgs.id', ondelete='SET NULL'), nullable=True, index=True), schema='app')\n"
        "op.add_column('users', sa.Column('email', sa.String(255), nullable=False, unique=True, server_default=''))\n"
        "op.drop_column('users', 'legacy')");
    const TypedOperations pg = typed(body, Dialect::PostgreSQL);
    QVERIFY2(pg.warnings.isEmpty(), qPrintable(describeWarnings(pg.warnings).join(u'\n')));
    QCOMPARE(pg.operations.size(), 3);
    const Operation &a = pg.operations[0];
    QCOMPARE(a.kind, Operation::Kind::AddColumn);
    QCOMPARE(a.schema, QStringLiteral("app"));
    QCOMPARE(a.table, QStringLiteral("users"));
    QCOMPARE(a.column.name, QStringLiteral("org_id"));
    QCOMPARE(a.column.type, QStringLiteral("integer"));
    QVERIFY(a.column.nullable);
    QCOMPARE(a.tableDef.foreignKeys.value(0).name, QStringLiteral("users_org_id_fkey"));
    QCOMPARE(a.tableDef.foreignKeys.value(0).onDelete, ReferentialAction::SetNull);
    QCOMPARE(a.tableDef.indexes.value(0).name, QStringLiteral("ix_users_org_id"));
    const Operation &b = pg.operations[1];
    QCOMPARE(b.column.defaultExpr, QStringLiteral("''"));
    QVERIFY(!b.column.nullable);
    QCOMPARE(b.tableDef.uniques.value(0).name, QStringLiteral("users_email_key"));
    QCOMPARE(pg.operations[2].kind, Operation::Kind::DropColumn);
    QCOMPARE(pg.operations[2].name, QStringLiteral("legacy"));
    QCOMPARE(pg.operations[2].location.line, kFirstBodyLine + 2);

    const TypedOperations lite = typed(body, Dialect::SQLite);
    QCOMPARE(lite.operations[0].tableDef.foreignKeys.value(0).name, QString());
    QCOMPARE(lite.operations[0].tableDef.indexes.value(0).name, QStringLiteral("ix_users_org_id"));
    QCOMPARE(lite.operations[1].tableDef.uniques.value(0).name, QString());
}

void TestReplayOperations::alterColumn()
{
    const TypedOperations ops = typed(QStringLiteral(
        "op.alter_column('users', 'nick', existing_type=sa.VARCHAR(50), type_=sa.String(length=80), nullable=False,\n"
        "    server_default=None, new_column_name='display_name', postgresql_using='nick::varchar(80)')\n"
        "op.alter_column('users', 'flag', server_default=sa.text('false'))\n"
        "op.alter_column('users', 'other', nullable=True, server_default=False)\n"
        "with op.batch_alter_table('items') as batch_op:\n"
        "    batch_op.alter_column('price', type_=sa.Numeric(10, 2))"),
        Dialect::PostgreSQL);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    QCOMPARE(ops.operations.size(), 4);
    const Operation &a = ops.operations[0];
    QCOMPARE(a.kind, Operation::Kind::AlterColumn);
    QCOMPARE(a.name, QStringLiteral("nick"));
    QCOMPARE(a.newType, std::optional<QString>(QStringLiteral("varchar(80)")));
    QCOMPARE(a.newNullable, std::optional<bool>(false));
    QCOMPARE(a.newDefault, std::optional<QString>(QString())); // None = DROP DEFAULT
    QCOMPARE(a.newName, QStringLiteral("display_name"));
    QCOMPARE(a.usingExpr, QStringLiteral("nick::varchar(80)"));
    QCOMPARE(ops.operations[1].newDefault, std::optional<QString>(QStringLiteral("false")));
    QVERIFY(!ops.operations[1].newType);
    QVERIFY(!ops.operations[1].newNullable);
    QVERIFY(!ops.operations[2].newDefault); // False = untouched
    QCOMPARE(ops.operations[2].newNullable, std::optional<bool>(true));
    QCOMPARE(ops.operations[3].table, QStringLiteral("items"));
    QCOMPARE(ops.operations[3].newType, std::optional<QString>(QStringLiteral("numeric(10,2)")));
}

void TestReplayOperations::indexes()
{
    const QString body = QStringLiteral(
        "op.create_index(op.f('ix_users_email'), 'users', ['email'], unique=True)\n"
        "op.create_index('ix_lower', 'users', [sa.text('lower(email)'), 'created_at desc', 'id DESC NULLS LAST'],\n"
        "    postgresql_where=sa.text('deleted_at IS NULL'), postgresql_using='btree', postgresql_include=['name'],\n"
        "    sqlite_where=sa.text('deleted_at IS NULL'))\n"
        "op.drop_index('ix_old', table_name='users')\n"
        "op.drop_index(op.f('ix_other'))\n"
        "op.create_index('ix_ops', 't', ['name', 'code DESC'], postgresql_ops={'name': 'varchar_pattern_ops', 'code': 'text_ops'})\n"
        "op.create_index('ix_bad', 'users', ['a'], postgresql_where=sa.column('a') > 5)");
    const TypedOperations pg = typed(body, Dialect::PostgreSQL);
    QCOMPARE(pg.operations.size(), 5);
    QCOMPARE(pg.operations[4].index.columns, (QStringList{QStringLiteral("name varchar_pattern_ops"),
                                                          QStringLiteral("code text_ops DESC")}));
    const Index &a = pg.operations[0].index;
    QCOMPARE(a.name, QStringLiteral("ix_users_email"));
    QCOMPARE(a.columns, QStringList{QStringLiteral("email")});
    QVERIFY(a.unique);
    QCOMPARE(pg.operations[0].table, QStringLiteral("users"));
    const Index &b = pg.operations[1].index;
    QCOMPARE(b.columns, (QStringList{QStringLiteral("lower(email)"), QStringLiteral("created_at DESC"),
                                     QStringLiteral("id DESC NULLS LAST")}));
    QCOMPARE(b.predicate, QStringLiteral("deleted_at IS NULL"));
    QCOMPARE(b.method, QStringLiteral("btree"));
    QCOMPARE(b.include, QStringList{QStringLiteral("name")});
    QCOMPARE(pg.operations[2].kind, Operation::Kind::DropIndex);
    QCOMPARE(pg.operations[2].name, QStringLiteral("ix_old"));
    QCOMPARE(pg.operations[2].table, QStringLiteral("users"));
    QCOMPARE(pg.operations[3].name, QStringLiteral("ix_other"));
    QVERIFY(hasWarning(pg.warnings, kFirstBodyLine + 7, QStringLiteral("versions/x.py:13")));
    QVERIFY(hasWarning(pg.warnings, kFirstBodyLine + 7, QStringLiteral("skipped")));

    const TypedOperations lite = typed(body, Dialect::SQLite);
    QCOMPARE(lite.operations[1].index.predicate, QStringLiteral("deleted_at IS NULL"));
    QCOMPARE(lite.operations[1].index.method, QString());
    QVERIFY(lite.operations[1].index.include.isEmpty());
}

void TestReplayOperations::constraints()
{
    const QString body = QStringLiteral(
        "op.create_foreign_key(None, 'orders', 'users', ['user_id'], ['id'], ondelete='CASCADE', deferrable=True, initially='DEFERRED', referent_schema='auth')\n"
        "op.create_foreign_key(op.f('fk_named'), 'orders', 'users', ['a', 'b'], ['x', 'y'])\n"
        "op.create_unique_constraint(None, 'users', ['email', 'org'])\n"
        "op.create_unique_constraint('uq_x', 'users', ['x'])\n"
        "op.create_primary_key(None, 'users', ['id'])\n"
        "op.create_primary_key('pk_u', 'users', ['id', 'org'])\n"
        "op.drop_constraint('uq_x', 'users', type_='unique')\n"
        "op.drop_constraint(op.f('fk_named'), 'orders')");
    const TypedOperations pg = typed(body, Dialect::PostgreSQL);
    QVERIFY2(pg.warnings.isEmpty(), qPrintable(describeWarnings(pg.warnings).join(u'\n')));
    QCOMPARE(pg.operations.size(), 8);
    const ForeignKey &fk = pg.operations[0].foreignKey;
    QCOMPARE(pg.operations[0].kind, Operation::Kind::CreateForeignKey);
    QCOMPARE(pg.operations[0].table, QStringLiteral("orders"));
    QCOMPARE(fk.name, QStringLiteral("orders_user_id_fkey"));
    QCOMPARE(fk.referencedSchema, QStringLiteral("auth"));
    QCOMPARE(fk.referencedTable, QStringLiteral("users"));
    QCOMPARE(fk.onDelete, ReferentialAction::Cascade);
    QVERIFY(fk.deferrable);
    QVERIFY(fk.initiallyDeferred);
    QCOMPARE(pg.operations[1].foreignKey.name, QStringLiteral("fk_named"));
    QCOMPARE(pg.operations[1].foreignKey.referencedColumns, (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
    QCOMPARE(pg.operations[2].unique.name, QStringLiteral("users_email_org_key"));
    QCOMPARE(pg.operations[3].unique.name, QStringLiteral("uq_x"));
    QCOMPARE(pg.operations[4].primaryKey, (PrimaryKey{QStringLiteral("users_pkey"), {QStringLiteral("id")}}));
    QCOMPARE(pg.operations[5].primaryKey.name, QStringLiteral("pk_u"));
    QCOMPARE(pg.operations[6].kind, Operation::Kind::DropConstraint);
    QCOMPARE(pg.operations[6].constraintType, QStringLiteral("unique"));
    QCOMPARE(pg.operations[7].name, QStringLiteral("fk_named"));

    const TypedOperations lite = typed(body, Dialect::SQLite);
    QCOMPARE(lite.operations[0].foreignKey.name, QString());
    QCOMPARE(lite.operations[2].unique.name, QString());
    QCOMPARE(lite.operations[4].primaryKey.name, QString());
    QCOMPARE(lite.operations[5].primaryKey.name, QStringLiteral("pk_u"));
}

void TestReplayOperations::tableLevelDirectives()
{
    const TypedOperations ops = typed(QStringLiteral(
        "op.rename_table('old', 'new', schema='s')\n"
        "op.drop_table('gone')\n"
        "op.drop_table(table_name='gone2', schema='s')"),
        Dialect::PostgreSQL);
    QCOMPARE(ops.operations.size(), 3);
    QCOMPARE(ops.operations[0].kind, Operation::Kind::RenameTable);
    QCOMPARE(ops.operations[0].table, QStringLiteral("old"));
    QCOMPARE(ops.operations[0].newName, QStringLiteral("new"));
    QCOMPARE(ops.operations[0].schema, QStringLiteral("s"));
    QCOMPARE(ops.operations[1].kind, Operation::Kind::DropTable);
    QCOMPARE(ops.operations[1].table, QStringLiteral("gone"));
    QCOMPARE(ops.operations[2].table, QStringLiteral("gone2"));
    QCOMPARE(ops.operations[2].schema, QStringLiteral("s"));
}

void TestReplayOperations::tableComments()
{
    const TypedOperations ops = typed(QStringLiteral(
        "op.create_table_comment('t', 'what it holds', existing_comment=None, schema='s')\n"
        "op.drop_table_comment('t', existing_comment='what it holds')"),
        Dialect::PostgreSQL);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    QCOMPARE(ops.operations.size(), 2);
    QCOMPARE(ops.operations[0].kind, Operation::Kind::SetTableComment);
    QCOMPARE(ops.operations[0].table, QStringLiteral("t"));
    QCOMPARE(ops.operations[0].schema, QStringLiteral("s"));
    QCOMPARE(ops.operations[0].comment, QStringLiteral("what it holds"));
    QCOMPARE(ops.operations[1].kind, Operation::Kind::SetTableComment);
    QCOMPARE(ops.operations[1].comment, QString());
}

void TestReplayOperations::enums()
{
    const TypedOperations ops = typed(QStringLiteral(
        "postgresql.ENUM('a', 'b', name='mood').create(op.get_bind(), checkfirst=True)\n"
        "sa.Enum(name='mood').drop(op.get_bind())\n"
        "op.create_table('t', sa.Column('m', postgresql.ENUM('a', 'b', name='mood', create_type=False)),\n"
        "    sa.Column('tags', postgresql.ARRAY(sa.Enum('x', name='tag'))))"),
        Dialect::PostgreSQL);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    QCOMPARE(ops.operations.size(), 3);
    QCOMPARE(ops.operations[0].kind, Operation::Kind::CreateEnum);
    QCOMPARE(ops.operations[0].enumType, (EnumType{QStringLiteral("mood"), {QStringLiteral("a"), QStringLiteral("b")}}));
    QCOMPARE(ops.operations[1].kind, Operation::Kind::DropEnum);
    QCOMPARE(ops.operations[1].enumType.name, QStringLiteral("mood"));
    // create_type=False references an existing type; the array's enum is created.
    QCOMPARE(ops.operations[2].enums, (QList<EnumType>{{QStringLiteral("tag"), {QStringLiteral("x")}}}));
    QCOMPARE(ops.operations[2].tableDef.column(QStringLiteral("tags"))->type, QStringLiteral("tag[]"));
}

void TestReplayOperations::executeAndSkips()
{
    const TypedOperations ops = typed(QStringLiteral(
        "op.execute('CREATE INDEX ix ON t (a)')\n"
        "op.execute(make_sql())\n"
        "op.create_table(table_name_of(x), sa.Column('id', sa.Integer()))\n"
        "op.add_column('t', *columns)\n"
        "op.create_table('t', sa.Column('id', f'{x}'))\n"
        "op.drop_column('t', col)\n"
        "op.bulk_insert(tbl, [{'a': 1}])\n"
        "op.create_table_comment('t', c)\n"
        "op.create_index('ix', 't', ['a'])"),
        Dialect::PostgreSQL);
    QCOMPARE(ops.operations.size(), 2);
    QCOMPARE(ops.operations[0].kind, Operation::Kind::Execute);
    QCOMPARE(ops.operations[0].sql, QStringLiteral("CREATE INDEX ix ON t (a)"));
    QCOMPARE(ops.operations[1].kind, Operation::Kind::CreateIndex);
    const QString all = describeWarnings(ops.warnings).join(u'\n');
    for (int line : {kFirstBodyLine + 1, kFirstBodyLine + 2, kFirstBodyLine + 3, kFirstBodyLine + 4,
                     kFirstBodyLine + 5, kFirstBodyLine + 7})
        QVERIFY2(hasWarning(ops.warnings, line, QStringLiteral("versions/x.py:%1").arg(line)), qPrintable(all));
    QVERIFY2(!hasWarning(ops.warnings, kFirstBodyLine + 6, QString()), qPrintable(all));
}

void TestReplayOperations::directivesFixture()
{
    // The parser's every-directive fixture types without a single warning on either dialect.
    const MigrationScript script = load(QStringLiteral("directives/a1b2c3_all_directives.py"));
    for (const Dialect dialect : {Dialect::PostgreSQL, Dialect::SQLite}) {
        const TypedOperations ops = typeOperations(script.upgrade, script, dialect);
        QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
        QCOMPARE(ops.operations.size(), script.upgrade.ops.size());
        QStringList kinds;
        for (const Operation &op : ops.operations)
            kinds.append(QString::number(op.location.line) + u' ' + operationKindName(op.kind));
        QCOMPARE(kinds.join(QLatin1String(", ")),
                 QStringLiteral("26 create_table, 36 create_table, 48 add_column, 49 alter_column, "
                                "59 create_index, 67 create_index, 68 create_foreign_key, "
                                "71 create_unique_constraint, 72 create_check_constraint, "
                                "73 create_primary_key, 74 drop_constraint, 75 rename_table, "
                                "76 execute, 82 execute, 84 create_enum, 85 add_column, "
                                "86 create_enum, 87 drop_index, 88 drop_column, 89 drop_table"));
        const Operation &users = ops.operations[0];
        QCOMPARE(users.schema, QStringLiteral("app")); // SCHEMA constant resolved
        QCOMPARE(users.tableDef.primaryKey->name, QStringLiteral("pk_users"));
        QCOMPARE(users.enums.size(), dialect == Dialect::PostgreSQL ? 1 : 0);
        const Operation &orders = ops.operations[1];
        QCOMPARE(orders.tableDef.column(QStringLiteral("id"))->identity,
                 dialect == Dialect::PostgreSQL ? Identity::Always : Identity::None);
        QCOMPARE(orders.tableDef.column(QStringLiteral("total"))->defaultExpr, QStringLiteral("'0'"));
        QCOMPARE(orders.tableDef.column(QStringLiteral("meta"))->type, QStringLiteral("jsonb"));
    }
}

void TestReplayOperations::malformedCallsWarnNeverCrash_data()
{
    QTest::addColumn<QString>("call");
    for (const char *call : {
             "op.create_table()", "op.create_table('t', sa.Column())", "op.add_column()",
             "op.add_column('t')", "op.alter_column('t')", "op.alter_column('t', 'c', type_=5)",
             "op.alter_column('t', 'c', nullable='yes')", "op.create_index(None, None, None)",
             "op.create_index('i', 't', [])", "op.create_index('i', 't', [a + b])",
             "op.create_foreign_key()", "op.create_foreign_key(None, 's', 't', ['a'], ['b', 'c'])",
             "op.create_foreign_key(None, 's', 't', ['a'], ['b'], ondelete='EXPLODE')",
             "op.create_table('t', sa.Column('a', sa.ARRAY()))",
             "op.create_table('t', sa.Column('a', postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(postgresql.ARRAY(sa.Integer()))))))))))))))))))))",
             "op.create_table('t', sa.Column('a', sa.Enum()))",
             "op.create_table('t', sa.Column('a', sa.Integer(), sa.ForeignKey('nodot')))",
             "op.create_table('t', sa.Column('a', sa.Integer()), sa.ForeignKeyConstraint(['a'], ['t.b', 'u.c']))",
             "op.create_table('t', sa.Column('a', sa.Integer()), sa.Index())",
             "op.create_table('t', sa.Column('a', sa.Integer()), sa.PrimaryKeyConstraint(x))",
             "op.create_table('t', sa.Column('a', sa.Integer(), server_default=now))",
             "op.create_table('t', sa.Column('a', sa.String(n)))",
             "op.create_table('t', sa.Column('a', sa.Integer().with_variant()))",
             "op.drop_constraint()", "op.rename_table('a')", "op.create_check_constraint('c', 't', x > 1)",
             "op.drop_index()", "op.create_primary_key(None, 't', None)", "op.execute()",
             "op.do_something_custom('t')",
         })
        QTest::newRow(call) << QString::fromUtf8(call);
}

void TestReplayOperations::malformedCallsWarnNeverCrash()
{
    QFETCH(QString, call);
    for (const Dialect dialect : {Dialect::PostgreSQL, Dialect::SQLite}) {
        const MigrationScript script = scriptOf(call);
        const TypedOperations ops = typeOperations(script.upgrade, script, dialect);
        // Each call is either typed or warned about at its own line (by the reader or by the
        // typer); never silently lost.
        const QList<ReplayWarning> warnings = script.allWarnings() + ops.warnings;
        QVERIFY2(!ops.operations.isEmpty() || hasWarning(warnings, kFirstBodyLine, QString()),
                 qPrintable(describeWarnings(warnings).join(u'\n')));
    }
}

QTEST_GUILESS_MAIN(TestReplayOperations)
#include "test_replay_operations.moc"
