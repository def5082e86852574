// Default constraint names derived by core/replay checked against a REAL PostgreSQL: the DDL
// REAL Alembic writes offline (`upgrade head --sql`, constraints left unnamed) is run in a
// fresh schema and the names PostgreSQL chose must be exactly the ones we derive.

#include "RealAlembic.h"
#include "ReplayTestSupport.h"
#include "TestSupport.h"
#include "replay/Operation.h"
#include "schema/CanonicalType.h"

#include <QFile>
#include <QHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::replaytest;

class TestReplayOperationsPostgres : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void derivedNamesMatchPostgres();
    void typesMatchPostgres();

private:
    /// Runs REAL Alembic offline on `script` and its DDL (without Alembic's bookkeeping) in
    /// m_schema.
    void applyOffline(const QString &script);

    std::unique_ptr<DbConnection> m_db;
    QString m_schema;
};

void TestReplayOperationsPostgres::initTestCase()
{
    const QString url = test::postgresUrl();
    QVERIFY(!url.isEmpty());
    m_db = test::connectOrFail(url);
    QVERIFY(m_db);
    m_schema = test::uniqueSchemaName(QStringLiteral("replay_ops"));
    QVERIFY(test::execScript(*m_db, QStringLiteral("CREATE SCHEMA ") + m_schema));
}

void TestReplayOperationsPostgres::cleanupTestCase()
{
    if (m_db && !m_schema.isEmpty())
        m_db->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema), {});
}

void TestReplayOperationsPostgres::applyOffline(const QString &script)
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::RealAlembic alembic(dir.path(), QStringLiteral("postgresql://"));
    QVERIFY2(!test::RealAlembic::python().isEmpty(), "no python3 that imports alembic");
    QFile file(dir.filePath(QStringLiteral("versions/a1_names.py")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(script.toUtf8());
    file.close();
    const test::RealAlembic::Result result =
        alembic.run({QStringLiteral("upgrade"), QStringLiteral("head"), QStringLiteral("--sql")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));

    // Alembic's own bookkeeping and the transaction wrapper stay out of the test schema.
    QStringList statements{QStringLiteral("SET search_path TO ") + m_schema};
    statements += test::RealAlembic::offlineSchemaStatements(result.out);
    QVERIFY(test::execScript(*m_db, statements.join(QLatin1String(";\n"))));
}

void TestReplayOperationsPostgres::derivedNamesMatchPostgres()
{
    const QString script = QStringLiteral(
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        "revision = 'a1'\n"
        "down_revision = None\n"
        "def upgrade():\n"
        "    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True),\n"
        "        sa.Column('email', sa.String(50), unique=True),\n"
        "        sa.Column('org', sa.Integer()), sa.Column('age', sa.Integer()),\n"
        "        sa.Column('nick', sa.String(20), index=True),\n"
        "        sa.UniqueConstraint('org', 'email'),\n"
        "        sa.CheckConstraint('age > 0'), sa.CheckConstraint('age > org'))\n"
        "    op.create_table('a_really_long_table_name_for_testing_truncation_of_names',\n"
        "        sa.Column('id', sa.Integer(), primary_key=True),\n"
        "        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE')),\n"
        "        sa.Column('an_equally_long_column_name_here', sa.Integer(), unique=True),\n"
        "        sa.Column('b', sa.Integer(), sa.CheckConstraint('b > 0')))\n"
        "    op.create_table('pairs', sa.Column('a', sa.Integer()), sa.Column('b', sa.Integer()),\n"
        "        sa.PrimaryKeyConstraint('a', 'b'),\n"
        "        sa.ForeignKeyConstraint(['a'], ['users.id']))\n"
        "    op.add_column('users', sa.Column('boss', sa.Integer(), sa.ForeignKey('users.id'), unique=True))\n"
        "    op.create_unique_constraint(None, 'pairs', ['b', 'a'])\n"
        "    op.create_foreign_key(None, 'pairs', 'users', ['b'], ['id'])\n"
        "def downgrade():\n"
        "    pass\n");
    applyOffline(script);
    if (QTest::currentTestFailed())
        return;

    QStringList actual;
    QSqlQuery query(m_db->database());
    QVERIFY(query.exec(QStringLiteral(
        "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE n.nspname = '%1' AND c.contype IN ('p', 'u', 'f', 'c') "
        "UNION ALL SELECT indexname FROM pg_indexes i WHERE schemaname = '%1' AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))")
                           .arg(m_schema)));
    while (query.next())
        actual.append(query.value(0).toString());
    actual.sort();

    const MigrationScript parsed = parseMigrationScript(script, QStringLiteral("versions/a1_names.py"));
    const TypedOperations ops = typeOperations(parsed.upgrade, parsed, Dialect::PostgreSQL);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    QStringList derived;
    for (const Operation &op : ops.operations) {
        const Table &t = op.tableDef;
        if (t.primaryKey)
            derived.append(t.primaryKey->name);
        for (const UniqueConstraint &u : t.uniques)
            derived.append(u.name);
        for (const ForeignKey &fk : t.foreignKeys)
            derived.append(fk.name);
        for (const CheckConstraint &c : t.checks)
            derived.append(c.name);
        for (const Index &i : t.indexes)
            derived.append(i.name);
        if (op.kind == Operation::Kind::CreateUniqueConstraint)
            derived.append(op.unique.name);
        if (op.kind == Operation::Kind::CreateForeignKey)
            derived.append(op.foreignKey.name);
    }
    derived.sort();
    QCOMPARE(derived, actual);
    QCOMPARE(actual.size(), 16); // every constraint and index of the script, none lost
    QVERIFY(actual.contains(QStringLiteral("users_check"))); // a CHECK on two columns
}

void TestReplayOperationsPostgres::typesMatchPostgres()
{
    // Debian 12 ships SQLAlchemy 1.4: no sa.Uuid / sa.Double there.
    const QString script = QStringLiteral(
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        "from sqlalchemy.dialects import postgresql\n"
        "revision = 'a1'\n"
        "down_revision = None\n"
        "def upgrade():\n"
        "    op.create_table('typed',\n"
        "        sa.Column('id', sa.Integer(), primary_key=True),\n"
        "        sa.Column('code', sa.String(20)), sa.Column('any', sa.String()),\n"
        "        sa.Column('status', sa.Enum('new', 'paid', name='typed_status')),\n"
        "        sa.Column('created', sa.DateTime(timezone=True)), sa.Column('stamp', sa.TIMESTAMP()),\n"
        "        sa.Column('local', sa.DateTime()), sa.Column('day', sa.Date()), sa.Column('at', sa.Time()),\n"
        "        sa.Column('attz', sa.Time(timezone=True)),\n"
        "        sa.Column('price', sa.Numeric(10, 2)), sa.Column('num', sa.Numeric()),\n"
        "        sa.Column('ratio', sa.Float()), sa.Column('small', sa.Float(24)), sa.Column('r', sa.REAL()),\n"
        "        sa.Column('blob', sa.LargeBinary()), sa.Column('doc', sa.JSON()),\n"
        "        sa.Column('docb', postgresql.JSONB(astext_type=sa.Text())),\n"
        "        sa.Column('u', postgresql.UUID(as_uuid=True)),\n"
        "        sa.Column('tags', postgresql.ARRAY(sa.String())), sa.Column('ints', postgresql.ARRAY(sa.Integer())),\n"
        "        sa.Column('cc', sa.CHAR(2)), sa.Column('body', sa.Text()), sa.Column('flag', sa.Boolean()),\n"
        "        sa.Column('span', sa.Interval()), sa.Column('ip', postgresql.INET()), sa.Column('net', postgresql.CIDR()),\n"
        "        sa.Column('mac', postgresql.MACADDR()), sa.Column('ts', postgresql.TSVECTOR()),\n"
        "        sa.Column('dp', postgresql.DOUBLE_PRECISION()), sa.Column('bits', postgresql.BIT(3)),\n"
        "        sa.Column('ms', postgresql.TIMESTAMP(timezone=True, precision=3)),\n"
        "        sa.Column('big', sa.BigInteger()), sa.Column('sm', sa.SmallInteger()),\n"
        "        sa.Column('uni', sa.Unicode(30)), sa.Column('ut', sa.UnicodeText()))\n"
        "def downgrade():\n"
        "    pass\n");
    applyOffline(script);
    if (QTest::currentTestFailed())
        return;
    QSqlQuery query(m_db->database());
    QVERIFY(query.exec(QStringLiteral(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        "COALESCE(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%' "
        "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = '%1.typed'::regclass AND a.attnum > 0 AND NOT a.attisdropped").arg(m_schema)));
    QHash<QString, QString> live;
    QHash<QString, bool> notNull;
    QHash<QString, bool> serial;
    while (query.next()) {
        const QString name = query.value(0).toString();
        live.insert(name, canonicalType(Dialect::PostgreSQL, query.value(1).toString()));
        notNull.insert(name, query.value(2).toBool());
        serial.insert(name, query.value(3).toBool());
    }

    const MigrationScript parsed = parseMigrationScript(script, QStringLiteral("versions/a1_names.py"));
    const TypedOperations ops = typeOperations(parsed.upgrade, parsed, Dialect::PostgreSQL);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    const QList<Column> &columns = ops.operations.value(0).tableDef.columns;
    QCOMPARE(columns.size(), live.size());
    for (const Column &c : columns)
        QVERIFY2(live.value(c.name) == c.type,
                 qPrintable(c.name + QLatin1String(": PostgreSQL ") + live.value(c.name) +
                            QLatin1String(", ours ") + c.type));
    for (const Column &c : columns) {
        QCOMPARE(!c.nullable, notNull.value(c.name));
        QCOMPARE(c.autoIncrement, serial.value(c.name));
    }
    QVERIFY(serial.value(QStringLiteral("id")));
}

QTEST_GUILESS_MAIN(TestReplayOperationsPostgres)
#include "test_replay_operations_postgres.moc"
