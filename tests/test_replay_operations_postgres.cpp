// Default constraint names derived by core/replay checked against a REAL PostgreSQL: the DDL
// REAL Alembic writes offline (`upgrade head --sql`, constraints left unnamed) is run in a
// fresh schema and the names PostgreSQL chose must be exactly the ones we derive.

#include "RealAlembic.h"
#include "ReplayTestSupport.h"
#include "TestSupport.h"
#include "replay/Operation.h"

#include <QFile>
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

private:
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
    for (const QString &statement : result.out.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
        QStringList lines;
        for (const QString &line : statement.split(u'\n')) {
            if (!line.startsWith(QLatin1String("--")))
                lines.append(line);
        }
        const QString sql = lines.join(u'\n').trimmed();
        if (sql.isEmpty() || sql.contains(QLatin1String("alembic_version")) ||
            sql == QLatin1String("BEGIN") || sql == QLatin1String("COMMIT"))
            continue;
        statements.append(sql);
    }
    QVERIFY(test::execScript(*m_db, statements.join(QLatin1String(";\n"))));

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

QTEST_GUILESS_MAIN(TestReplayOperationsPostgres)
#include "test_replay_operations_postgres.moc"
