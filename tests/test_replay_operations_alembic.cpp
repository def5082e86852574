// The typed operations of core/replay checked against REAL Alembic (Debian's
// python3-alembic, SQLAlchemy 1.4): `alembic upgrade head --sql` offline writes the DDL
// SQLAlchemy renders, and every column type, default, index and enum we derive must be in it.

#include "RealAlembic.h"
#include "ReplayTestSupport.h"
#include "replay/Operation.h"
#include "schema/CanonicalType.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::replaytest;

class TestReplayOperationsAlembic : public QObject
{
    Q_OBJECT

private slots:
    void agreesWithRealAlembicDdl();
    void agreesWithRealAlembicSqliteDdl();
};

namespace {

// A column as Alembic's offline DDL spells it: "name TYPE [DEFAULT x] [NOT NULL]".
struct DdlColumn
{
    QString type;
    QString defaultExpr;
};

void readDdlColumn(const QString &table, QString text, QHash<QString, DdlColumn> *out)
{
    text = text.trimmed();
    if (text.endsWith(u','))
        text.chop(1);
    static const QRegularExpression column(QStringLiteral(
        "^(\\w+) (.+?)(?: DEFAULT (.+?))?(?: NOT NULL)?(?: GENERATED .*)?$"));
    const QRegularExpressionMatch m = column.match(text.trimmed());
    if (m.hasMatch())
        out->insert(table + u'.' + m.captured(1), DdlColumn{m.captured(2), m.captured(3)});
}

// PostgreSQL stores FLOAT(p) as real up to 24 bits and double precision above.
QString ddlCanonical(Dialect dialect, const QString &ddlType)
{
    const QString t = canonicalType(dialect, ddlType);
    if (dialect != Dialect::PostgreSQL)
        return t;
    if (t == QLatin1String("float"))
        return QStringLiteral("double precision");
    static const QRegularExpression floatP(QStringLiteral("^float\\((\\d+)\\)$"));
    if (const QRegularExpressionMatch m = floatP.match(t); m.hasMatch())
        return m.captured(1).toInt() <= 24 ? QStringLiteral("real") : QStringLiteral("double precision");
    return t;
}

} // namespace

static // Runs REAL Alembic offline (`upgrade head --sql`) on `script` and checks that every column
// we type appears in its DDL with the same type and default, and our indexes and enums too.
void compareWithAlembic(const QString &script, Dialect dialect, qsizetype opCount, QString *ddlOut)
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::RealAlembic alembic(dir.path(), dialect == Dialect::PostgreSQL ? QStringLiteral("postgresql://") : QStringLiteral("sqlite://"));
    QVERIFY2(!test::RealAlembic::python().isEmpty(), "no python3 that imports alembic");
    QFile file(dir.filePath(QStringLiteral("versions/a1_types.py")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(script.toUtf8());
    file.close();
    const test::RealAlembic::Result result =
        alembic.run({QStringLiteral("upgrade"), QStringLiteral("head"), QStringLiteral("--sql")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    *ddlOut = result.out;
    const QString &ddl = result.out;

    QHash<QString, DdlColumn> columns;
    QString table;
    static const QRegularExpression addColumn(QStringLiteral("^ALTER TABLE (\\w+) ADD COLUMN (.*);$"));
    for (const QString &line : ddl.split(u'\n')) {
        if (line.startsWith(QLatin1String("CREATE TABLE "))) {
            table = line.section(u' ', 2, 2);
            if (table == QLatin1String("alembic_version"))
                table.clear(); // Alembic's own bookkeeping
        } else if (line.startsWith(QLatin1String(")"))) {
            table.clear();
        } else if (!table.isEmpty() && line.startsWith(QLatin1String("    ")) &&
                   !line.trimmed().startsWith(QLatin1String("PRIMARY KEY")) &&
                   !line.trimmed().startsWith(QLatin1String("UNIQUE"))) {
            readDdlColumn(table, line, &columns);
        } else if (const QRegularExpressionMatch m = addColumn.match(line); m.hasMatch()) {
            readDdlColumn(m.captured(1), m.captured(2), &columns);
        }
    }

    const MigrationScript parsed = parseMigrationScript(script, QStringLiteral("versions/a1_types.py"));
    const TypedOperations ops = typeOperations(parsed.upgrade, parsed, dialect);
    QVERIFY2(ops.warnings.isEmpty(), qPrintable(describeWarnings(ops.warnings).join(u'\n')));
    QCOMPARE(ops.operations.size(), opCount);
    int checked = 0;
    for (const Operation &op : ops.operations) {
        for (const Column &c : op.tableDef.columns) {
            const QString key = op.table + u'.' + c.name;
            QVERIFY2(columns.contains(key), qPrintable(key + QLatin1String(" not in DDL:\n") + ddl));
            const DdlColumn &d = columns[key];
            const bool serial = d.type.endsWith(QLatin1String("SERIAL"));
            QVERIFY2(ddlCanonical(dialect, d.type) == c.type,
                     qPrintable(key + QLatin1String(": alembic ") + d.type + QLatin1String(", ours ") + c.type));
            if (dialect == Dialect::PostgreSQL) // SQLite's rowid alias is not visible in DDL
                QCOMPARE(c.autoIncrement, serial);
            QString ddlDefault = d.defaultExpr;
            if (dialect == Dialect::SQLite && ddlDefault.startsWith(u'(') && ddlDefault.endsWith(u')'))
                ddlDefault = ddlDefault.mid(1, ddlDefault.size() - 2); // SQLite stores the inside
            QCOMPARE(c.defaultExpr, ddlDefault);
            ++checked;
        }
        for (const Index &index : op.tableDef.indexes) {
            const QString create = QStringLiteral("CREATE %1INDEX %2 ON %3 (%4)")
                                       .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), index.name,
                                            op.table, index.columns.join(QLatin1String(", ")));
            QVERIFY2(ddl.contains(create), qPrintable(create));
        }
        for (const EnumType &e : op.enums)
            QVERIFY2(ddl.contains(QStringLiteral("CREATE TYPE %1 AS ENUM").arg(e.name)), qPrintable(e.name));
    }
    QCOMPARE(checked, columns.size());
}

void TestReplayOperationsAlembic::agreesWithRealAlembicDdl()
{
    // Debian 12 ships SQLAlchemy 1.4: no sa.Uuid / sa.Double there.
    const QString script = QStringLiteral(
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        "from sqlalchemy.dialects import postgresql\n"
        "revision = 'a1'\n"
        "down_revision = None\n"
        "def upgrade():\n"
        "    op.create_table('orders',\n"
        "        sa.Column('id', sa.Integer(), primary_key=True),\n"
        "        sa.Column('code', sa.String(20), unique=True, server_default='x'),\n"
        "        sa.Column('status', sa.Enum('new', 'paid', name='order_status')),\n"
        "        sa.Column('created', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),\n"
        "        sa.Column('stamp', sa.TIMESTAMP(timezone=True), server_default=sa.func.now()),\n"
        "        sa.Column('local', sa.DateTime()),\n"
        "        sa.Column('day', sa.Date()), sa.Column('at', sa.Time()),\n"
        "        sa.Column('price', sa.Numeric(10, 2), server_default='0'),\n"
        "        sa.Column('ratio', sa.Float()), sa.Column('small', sa.Float(24)),\n"
        "        sa.Column('blob', sa.LargeBinary()), sa.Column('doc', sa.JSON()),\n"
        "        sa.Column('docb', postgresql.JSONB(astext_type=sa.Text())),\n"
        "        sa.Column('u', postgresql.UUID(as_uuid=True)),\n"
        "        sa.Column('tags', postgresql.ARRAY(sa.String())),\n"
        "        sa.Column('cc', sa.CHAR(2)), sa.Column('body', sa.Text()),\n"
        "        sa.Column('flag', sa.Boolean(), server_default=sa.false(), nullable=False),\n"
        "        sa.Column('span', sa.Interval()), sa.Column('ip', postgresql.INET()),\n"
        "        sa.Column('ref', sa.String(20), index=True),\n"
        "        sa.Column('slug', sa.String(20), index=True, unique=True))\n"
        "    op.create_table('big', sa.Column('id', sa.BigInteger(), primary_key=True),\n"
        "        sa.Column('n', sa.SmallInteger(), nullable=False))\n"
        "    op.create_table('ident', sa.Column('id', sa.BigInteger(), sa.Identity(always=True), primary_key=True))\n"
        "    op.create_table('small', sa.Column('id', sa.SmallInteger(), primary_key=True))\n"
        "    op.add_column('orders', sa.Column('total', sa.BigInteger(), nullable=False, server_default='0'))\n"
        "    op.add_column('orders', sa.Column('note', sa.Unicode(40), server_default=\"it's\"))\n"
        "def downgrade():\n"
        "    pass\n");
    QString ddl;
    compareWithAlembic(script, Dialect::PostgreSQL, 6, &ddl);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(ddl.contains(QLatin1String("GENERATED ALWAYS AS IDENTITY")));
    const MigrationScript parsed = parseMigrationScript(script, QStringLiteral("versions/a1_types.py"));
    const TypedOperations ops = typeOperations(parsed.upgrade, parsed, Dialect::PostgreSQL);
    QCOMPARE(ops.operations[2].tableDef.columns[0].identity, Identity::Always);
}

void TestReplayOperationsAlembic::agreesWithRealAlembicSqliteDdl()
{
    const QString script = QStringLiteral(
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        "revision = 'a1'\n"
        "down_revision = None\n"
        "def upgrade():\n"
        "    op.create_table('orders',\n"
        "        sa.Column('id', sa.Integer(), primary_key=True),\n"
        "        sa.Column('code', sa.String(20), unique=True, server_default='x'),\n"
        "        sa.Column('status', sa.Enum('new', 'paid', name='order_status')),\n"
        "        sa.Column('created', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),\n"
        "        sa.Column('stamp', sa.TIMESTAMP(), server_default=sa.func.now()),\n"
        "        sa.Column('f', sa.Float()), sa.Column('f2', sa.Float(24)), sa.Column('n', sa.Numeric(10, 2)),\n"
        "        sa.Column('b', sa.LargeBinary()), sa.Column('j', sa.JSON()),\n"
        "        sa.Column('flag', sa.Boolean(), server_default=sa.true()), sa.Column('off', sa.Boolean(), server_default=sa.false()),\n"
        "        sa.Column('span', sa.Interval()), sa.Column('cc', sa.CHAR(2)), sa.Column('t', sa.Text()),\n"
        "        sa.Column('d', sa.Date()), sa.Column('tm', sa.Time(timezone=True)), sa.Column('u', sa.Unicode(9)),\n"
        "        sa.Column('lc', sa.Integer(), server_default=sa.literal_column('7')),\n"
        "        sa.Column('ref', sa.String(20), index=True))\n"
        "    op.create_table('big', sa.Column('id', sa.BigInteger(), primary_key=True), sa.Column('s', sa.SmallInteger()))\n"
        "    op.add_column('orders', sa.Column('big', sa.BigInteger(), nullable=False, server_default='0'))\n"
        "def downgrade():\n"
        "    pass\n");
    QString ddl;
    compareWithAlembic(script, Dialect::SQLite, 3, &ddl);
    if (QTest::currentTestFailed())
        return;

    // Run the DDL in a real SQLite: its PRAGMA table_info (what the introspector reads) must
    // show our types, NOT NULL flags and default texts exactly.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("replay_ops"));
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        for (const QString &sql : test::RealAlembic::offlineSchemaStatements(ddl)) {
            QSqlQuery q(db);
            QVERIFY2(q.exec(sql), qPrintable(sql + u'\n' + q.lastError().text()));
        }
        const MigrationScript parsed = parseMigrationScript(script, QStringLiteral("versions/a1_types.py"));
        const TypedOperations ops = typeOperations(parsed.upgrade, parsed, Dialect::SQLite);
        QHash<QString, Column> ours;
        for (const Operation &op : ops.operations) {
            for (const Column &c : op.tableDef.columns)
                ours.insert(op.table + u'.' + c.name, c);
        }
        int checked = 0;
        for (const QString &table : {QStringLiteral("orders"), QStringLiteral("big")}) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)));
            while (q.next()) {
                const QString key = table + u'.' + q.value(1).toString();
                QVERIFY2(ours.contains(key), qPrintable(key));
                const Column &c = ours[key];
                QCOMPARE(c.type, canonicalType(Dialect::SQLite, q.value(2).toString()));
                QCOMPARE(!c.nullable, q.value(3).toInt() != 0 || q.value(5).toInt() != 0);
                QCOMPARE(c.defaultExpr, q.value(4).isNull() ? QString() : q.value(4).toString());
                ++checked;
            }
        }
        QCOMPARE(checked, ours.size());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("replay_ops"));
}

QTEST_GUILESS_MAIN(TestReplayOperationsAlembic)
#include "test_replay_operations_alembic.moc"
