// `migconsole stamp` on a real PostgreSQL server, through the binary: the DuplicateColumn
// incident (a column the pending revision adds was added by hand) resolved by stamping, with
// REAL Alembic agreeing afterwards and upgrading past it; --preview and a refused
// confirmation write nothing; Flyway, golang-migrate and Prisma stamps are read back by
// readToolHistory as applied, with the rank and checksums those tools compute.

#include "RealAlembic.h"
#include "TestSupport.h"
#include "history/MigrationHistory.h"
#include "history/ToolHistory.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text) == text.size();
}

const char *kCreateTable = R"PY("""create player_wellness_state

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("player_wellness_state",
                    sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("player_id", sa.Integer(), nullable=False))


def downgrade():
    op.drop_table("player_wellness_state")
)PY";

const char *kAddUpdatedAt = R"PY("""add updated_at to player_wellness_state

Revision ID: 28e1ce4c3187
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "28e1ce4c3187"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("player_wellness_state", sa.Column("updated_at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("player_wellness_state", "updated_at")
)PY";

const char *kAddNote = R"PY("""add note

Revision ID: 0003
Revises: 28e1ce4c3187
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "28e1ce4c3187"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("player_wellness_state", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("player_wellness_state", "note")
)PY";

/// Flyway's checksum computed by Python's zlib, line by line as Flyway's ChecksumCalculator.
qint32 pythonFlywayChecksum(const QByteArray &text)
{
    QProcess python;
    python.start(
        QStringLiteral("/usr/bin/python3"),
        {QStringLiteral("-c"),
         QStringLiteral("import sys,zlib\n"
                        "c=0\n"
                        "for line in sys.stdin.buffer.read().decode('utf-8-sig').splitlines():\n"
                        "    c=zlib.crc32(line.encode('utf-8'),c)\n"
                        "print(c-(1<<32) if c>=(1<<31) else c)")});
    python.write(text);
    python.closeWriteChannel();
    python.waitForFinished(30000);
    return python.readAllStandardOutput().trimmed().toInt();
}

QStringList alembicRows(DbConnection &db)
{
    const auto rows = readAlembicVersions(db, QStringLiteral("alembic_version"), {});
    return rows && *rows ? **rows : QStringList{QStringLiteral("<none>")};
}

} // namespace

class TestStampPostgres : public QObject
{
    Q_OBJECT

    QString m_serverUrl;
    std::unique_ptr<DbConnection> m_server;
    QTemporaryDir m_temp;
    QStringList m_databases;

    /// A fresh database of its own: readToolHistory and Alembic look at the search_path.
    QString makeDatabase(const QString &prefix)
    {
        const QString name = uniqueSchemaName(prefix);
        if (!m_server->exec(QStringLiteral("CREATE DATABASE %1").arg(name), {}).ok())
            return {};
        m_databases.append(name);
        return m_serverUrl.left(m_serverUrl.lastIndexOf(u'/') + 1) + name;
    }

    int stamp(const QString &url, const QString &folder, const QStringList &extra, QByteArray *out,
              QByteArray *err)
    {
        return runMigconsole(QStringList{QStringLiteral("stamp"), QStringLiteral("--db"), url,
                                         QStringLiteral("--migrations"), folder} +
                                 extra,
                             out, err);
    }

    /// The migration tool's rows as readToolHistory sees them.
    std::optional<ToolHistory> toolHistory(const QString &url)
    {
        auto db = connectOrFail(url);
        if (!db)
            return std::nullopt;
        const auto history = readToolHistory(*db);
        if (!history) {
            QTest::qFail(qPrintable(history.error().toString()), __FILE__, __LINE__);
            return std::nullopt;
        }
        return *history;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!RealAlembic::python().isEmpty(),
                 "no python3 that imports alembic (python3-alembic)");
        m_serverUrl = postgresUrl();
        QVERIFY(!m_serverUrl.isEmpty());
        m_server = connectOrFail(m_serverUrl);
        QVERIFY(m_server);
        QVERIFY2(QFileInfo::exists(migconsoleBinary()), "build the migconsole target first");
        qputenv("MIGCONSOLE_AUDIT_LOG", m_temp.filePath(QStringLiteral("audit.log")).toUtf8());
    }

    void cleanupTestCase()
    {
        for (const QString &name : std::as_const(m_databases))
            m_server->exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name), {});
    }

    void duplicateColumnIncident()
    {
        const QString url = makeDatabase(QStringLiteral("stamp_dup"));
        QVERIFY(!url.isEmpty());
        QString alembicUrl = url;
        alembicUrl.replace(QStringLiteral("postgresql://"),
                           QStringLiteral("postgresql+psycopg2://"));
        const QString folder = m_temp.filePath(QStringLiteral("incident"));
        const RealAlembic alembic(folder, alembicUrl);
        QVERIFY(writeFile(folder + QStringLiteral("/versions/0001_create.py"), kCreateTable));
        QVERIFY(writeFile(folder + QStringLiteral("/versions/28e1ce4c3187_add_updated_at.py"),
                          kAddUpdatedAt));
        QCOMPARE(alembic.run({QStringLiteral("upgrade"), QStringLiteral("0001")}).exitCode, 0);

        // Someone added the column by hand; the deployment's upgrade then fails.
        auto db = connectOrFail(url);
        QVERIFY(db);
        QVERIFY(execScript(
            *db,
            QStringLiteral("ALTER TABLE player_wellness_state ADD COLUMN updated_at timestamp")));
        const auto failed = alembic.run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY(failed.exitCode != 0);
        QVERIFY2(failed.err.contains(QStringLiteral("DuplicateColumn")), qPrintable(failed.err));
        QCOMPARE(alembicRows(*db), QStringList{QStringLiteral("0001")});

        // --preview: the exact SQL, nothing written.
        QByteArray out, err;
        QCOMPARE(
            stamp(url, folder, {QStringLiteral("28e1"), QStringLiteral("--preview")}, &out, &err),
            0);
        QVERIFY2(
            out.contains("UPDATE \"alembic_version\" SET \"version_num\" = '28e1ce4c3187' WHERE "
                         "\"version_num\" = '0001';"),
            out.constData());
        const QString password = ConnectionUrl::parse(url)->password;
        QVERIFY(password.isEmpty() || !out.contains(password.toUtf8()));
        QCOMPARE(alembicRows(*db), QStringList{QStringLiteral("0001")});
        QCOMPARE(stamp(url, folder,
                       {QStringLiteral("28e1ce4c3187"), QStringLiteral("--preview"),
                        QStringLiteral("--format"), QStringLiteral("json")},
                       &out, &err),
                 0);
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json[QStringLiteral("before")].toArray(), QJsonArray{QStringLiteral("0001")});
        QCOMPARE(json[QStringLiteral("after")].toArray(),
                 QJsonArray{QStringLiteral("28e1ce4c3187")});
        const QJsonArray statements = json[QStringLiteral("statements")].toArray();
        QCOMPARE(statements.size(), 1);
        QCOMPARE(statements[0][QStringLiteral("revision")].toString(),
                 QStringLiteral("28e1ce4c3187"));
        QVERIFY(
            statements[0][QStringLiteral("sql")].toString().startsWith(QStringLiteral("UPDATE")));
        QVERIFY(password.isEmpty() ||
                json[QStringLiteral("database")].toString().contains(QStringLiteral(":***@")));
        QCOMPARE(alembicRows(*db), QStringList{QStringLiteral("0001")});

        // No terminal and no --yes: refused, nothing written.
        QCOMPARE(stamp(url, folder, {QStringLiteral("28e1ce4c3187")}, &out, &err), 2);
        QVERIFY2(err.contains("--yes"), err.constData());
        QCOMPARE(alembicRows(*db), QStringList{QStringLiteral("0001")});

        // An unknown revision is bad input.
        QCOMPARE(
            stamp(url, folder, {QStringLiteral("ffff0000"), QStringLiteral("--yes")}, &out, &err),
            2);
        QCOMPARE(alembicRows(*db), QStringList{QStringLiteral("0001")});

        QVERIFY2(stamp(url, folder, {QStringLiteral("28e1ce4c3187"), QStringLiteral("--yes")}, &out,
                       &err) == 0,
                 err.constData());
        QCOMPARE(alembicRows(*db), QStringList{QStringLiteral("28e1ce4c3187")});
        QFile audit(m_temp.filePath(QStringLiteral("audit.log")));
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray log = audit.readAll();
        QVERIFY2(log.contains("28e1ce4c3187"), log.constData());
        QVERIFY(password.isEmpty() || !log.contains(password.toUtf8()));
        RealAlembic::Result current;
        QCOMPARE(alembic.current(&current), QStringList{QStringLiteral("28e1ce4c3187")});
        QCOMPARE(current.exitCode, 0);

        // Stamping again has nothing to write.
        QCOMPARE(stamp(url, folder, {QStringLiteral("28e1ce4c3187"), QStringLiteral("--yes")}, &out,
                       &err),
                 0);
        QVERIFY2(out.contains("Nothing to write"), out.constData());

        // The next deployment upgrades past the stamped revision.
        QVERIFY(writeFile(folder + QStringLiteral("/versions/0003_add_note.py"), kAddNote));
        RealAlembic::Result upgrade;
        QCOMPARE(alembic.upgradeHeads(&upgrade), QStringList{QStringLiteral("0003")});
        QVERIFY2(upgrade.exitCode == 0, qPrintable(upgrade.err));
        QCOMPARE(alembic.current(), QStringList{QStringLiteral("0003")});
        QSqlQuery note(db->database());
        QVERIFY(note.exec(QStringLiteral("SELECT note, updated_at FROM player_wellness_state")));
    }

    void stampCreatesTheTableWithPurge()
    {
        const QString url = makeDatabase(QStringLiteral("stamp_purge"));
        QVERIFY(!url.isEmpty());
        const QString folder = m_temp.filePath(QStringLiteral("purge"));
        QString alembicUrl = url;
        alembicUrl.replace(QStringLiteral("postgresql://"),
                           QStringLiteral("postgresql+psycopg2://"));
        const RealAlembic alembic(folder, alembicUrl);
        QVERIFY(writeFile(folder + QStringLiteral("/versions/0001_create.py"), kCreateTable));
        QVERIFY(writeFile(folder + QStringLiteral("/versions/28e1ce4c3187_add_updated_at.py"),
                          kAddUpdatedAt));
        auto db = connectOrFail(url);
        QVERIFY(db);
        QByteArray out, err;
        QVERIFY2(
            stamp(url, folder, {QStringLiteral("0001"), QStringLiteral("--yes")}, &out, &err) == 0,
            err.constData());
        QCOMPARE(alembic.current(), QStringList{QStringLiteral("0001")});

        QVERIFY(
            execScript(*db, QStringLiteral("INSERT INTO alembic_version VALUES ('deadbeef0000')")));
        QCOMPARE(stamp(url, folder, {QStringLiteral("heads"), QStringLiteral("--yes")}, &out, &err),
                 2);
        QVERIFY2(err.contains("deadbeef0000") && err.contains("--purge"), err.constData());
        QVERIFY2(
            stamp(url, folder,
                  {QStringLiteral("heads"), QStringLiteral("--purge"), QStringLiteral("--yes")},
                  &out, &err) == 0,
            err.constData());
        QCOMPARE(alembicRows(*db), QStringList{QStringLiteral("28e1ce4c3187")});
        QCOMPARE(alembic.current(), QStringList{QStringLiteral("28e1ce4c3187")});
    }

    void flyway()
    {
        const QString url = makeDatabase(QStringLiteral("stamp_flyway"));
        QVERIFY(!url.isEmpty());
        auto db = connectOrFail(url);
        QVERIFY(db);
        QVERIFY(execScript(
            *db,
            QStringLiteral("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL, "
                           "version VARCHAR(50), "
                           "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script "
                           "VARCHAR(1000) NOT NULL, "
                           "checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on "
                           "TIMESTAMP NOT NULL DEFAULT now(), "
                           "execution_time INT NOT NULL, success BOOLEAN NOT NULL, "
                           "CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank));\n"
                           "INSERT INTO flyway_schema_history (installed_rank, version, "
                           "description, type, script, checksum, "
                           "installed_by, execution_time, success) VALUES (1, '1', 'init', 'SQL', "
                           "'V1__init.sql', 12345, 'app', 7, "
                           "true)")));
        const QString folder = m_temp.filePath(QStringLiteral("flyway"));
        const QByteArray v2 =
            "-- users\r\nCREATE TABLE users (id int);\r\n\r\nINSERT INTO users VALUES (1);\r\n";
        QVERIFY(writeFile(folder + QStringLiteral("/V1__init.sql"), "CREATE TABLE t (id int);\n"));
        QVERIFY(writeFile(folder + QStringLiteral("/V2__add_users.sql"), v2));
        QVERIFY(writeFile(folder + QStringLiteral("/sub/V2_1__more_things.sql"), "SELECT 1;\n"));

        QByteArray out, err;
        QVERIFY2(stamp(url, folder, {QStringLiteral("2"), QStringLiteral("--yes")}, &out, &err) ==
                     0,
                 err.constData());
        QVERIFY2(stamp(url, folder, {QStringLiteral("2.1"), QStringLiteral("--yes")}, &out, &err) ==
                     0,
                 err.constData());
        QCOMPARE(stamp(url, folder, {QStringLiteral("2"), QStringLiteral("--yes")}, &out, &err),
                 0); // no-op
        QCOMPARE(stamp(url, folder, {QStringLiteral("9"), QStringLiteral("--yes")}, &out, &err), 2);

        QSqlQuery query(db->database());
        QVERIFY(query.exec(
            QStringLiteral("SELECT installed_rank, version, description, type, script, checksum, "
                           "installed_by = current_user, execution_time, success "
                           "FROM flyway_schema_history ORDER BY installed_rank")));
        QVERIFY(query.next());
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 2);
        QCOMPARE(query.value(1).toString(), QStringLiteral("2"));
        QCOMPARE(query.value(2).toString(), QStringLiteral("add users"));
        QCOMPARE(query.value(3).toString(), QStringLiteral("SQL"));
        QCOMPARE(query.value(4).toString(), QStringLiteral("V2__add_users.sql"));
        QCOMPARE(query.value(5).toInt(), pythonFlywayChecksum(v2));
        QVERIFY(query.value(6).toBool());
        QCOMPARE(query.value(7).toInt(), 0);
        QVERIFY(query.value(8).toBool());
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 3);
        QCOMPARE(query.value(1).toString(), QStringLiteral("2.1"));
        QCOMPARE(query.value(4).toString(), QStringLiteral("sub/V2_1__more_things.sql"));
        QVERIFY(!query.next());

        const auto history = toolHistory(url);
        QVERIFY(history);
        QCOMPARE(history->tool, QStringLiteral("flyway"));
        QCOMPARE(history->migrations.size(), 3);
        QCOMPARE(history->migrations[1].version, QStringLiteral("2"));
        QVERIFY(!history->migrations[1].failed);
        QCOMPARE(history->migrations[2].version, QStringLiteral("2.1"));
        QVERIFY(!history->migrations[2].failed);
    }

    void golangMigrate()
    {
        const QString url = makeDatabase(QStringLiteral("stamp_golang"));
        QVERIFY(!url.isEmpty());
        auto db = connectOrFail(url);
        QVERIFY(db);
        QVERIFY(execScript(
            *db,
            QStringLiteral("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, "
                           "dirty boolean NOT NULL);\n"
                           "INSERT INTO schema_migrations VALUES (3, true)")));
        const QString folder = m_temp.filePath(QStringLiteral("golang"));
        for (const char *name :
             {"1_init.up.sql", "1_init.down.sql", "2_users.up.sql", "3_orders.up.sql"})
            QVERIFY(writeFile(folder + u'/' + QString::fromLatin1(name), "SELECT 1;\n"));
        QByteArray out, err;
        QCOMPARE(stamp(url, folder, {QStringLiteral("7"), QStringLiteral("--yes")}, &out, &err), 2);
        QVERIFY2(stamp(url, folder, {QStringLiteral("3"), QStringLiteral("--yes")}, &out, &err) ==
                     0,
                 err.constData());
        auto history = toolHistory(url);
        QVERIFY(history);
        QCOMPARE(history->tool, QStringLiteral("golang-migrate"));
        QCOMPARE(history->migrations.size(), 1);
        QCOMPARE(history->migrations[0].version, QStringLiteral("3"));
        QVERIFY(!history->migrations[0].failed);
        // Forcing back to an earlier version keeps the one row.
        QVERIFY2(stamp(url, folder, {QStringLiteral("2"), QStringLiteral("--yes")}, &out, &err) ==
                     0,
                 err.constData());
        history = toolHistory(url);
        QVERIFY(history);
        QCOMPARE(history->migrations.size(), 1);
        QCOMPARE(history->migrations[0].version, QStringLiteral("2"));
        QVERIFY(!history->migrations[0].failed);
    }

    void prisma()
    {
        const QString url = makeDatabase(QStringLiteral("stamp_prisma"));
        QVERIFY(!url.isEmpty());
        auto db = connectOrFail(url);
        QVERIFY(db);
        QVERIFY(execScript(
            *db,
            QStringLiteral(
                "CREATE TABLE \"_prisma_migrations\" (\"id\" VARCHAR(36) PRIMARY KEY NOT NULL, "
                "\"checksum\" VARCHAR(64) NOT NULL, \"finished_at\" TIMESTAMPTZ, "
                "\"migration_name\" VARCHAR(255) NOT NULL, "
                "\"logs\" TEXT, \"rolled_back_at\" TIMESTAMPTZ, \"started_at\" TIMESTAMPTZ NOT "
                "NULL DEFAULT now(), "
                "\"applied_steps_count\" INTEGER NOT NULL DEFAULT 0);\n"
                "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, "
                "applied_steps_count) VALUES "
                "('11111111-1111-4111-8111-111111111111', 'aa', now(), '20240101000000_init', 1);\n"
                "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, "
                "applied_steps_count) "
                "VALUES ('22222222-2222-4222-8222-222222222222', 'bb', NULL, "
                "'20240201000000_add_x', 'boom', 0)")));
        const QString folder = m_temp.filePath(QStringLiteral("prisma"));
        const QByteArray sql = "ALTER TABLE \"User\" ADD COLUMN \"x\" TEXT;\n";
        QVERIFY(writeFile(folder + QStringLiteral("/20240101000000_init/migration.sql"),
                          "CREATE TABLE \"User\" (id int);\n"));
        QVERIFY(writeFile(folder + QStringLiteral("/20240201000000_add_x/migration.sql"), sql));
        QVERIFY(writeFile(folder + QStringLiteral("/migration_lock.toml"),
                          "provider = \"postgresql\"\n"));

        auto before = toolHistory(url);
        QVERIFY(before);
        QCOMPARE(before->tool, QStringLiteral("prisma"));
        QVERIFY(before->migrations[1].failed);

        QByteArray out, err;
        QCOMPARE(stamp(url, folder,
                       {QStringLiteral("20240101000000_init"), QStringLiteral("--yes")}, &out,
                       &err),
                 2);
        QVERIFY2(err.contains("already"), err.constData());
        QVERIFY2(stamp(url, folder,
                       {QStringLiteral("20240201000000_add_x"), QStringLiteral("--yes")}, &out,
                       &err) == 0,
                 err.constData());
        QCOMPARE(stamp(url, folder,
                       {QStringLiteral("20240201000000_add_x"), QStringLiteral("--yes")}, &out,
                       &err),
                 2);

        const auto history = toolHistory(url);
        QVERIFY(history);
        for (const ToolMigration &migration : history->migrations)
            QVERIFY2(!migration.failed, qPrintable(migration.version));
        QSqlQuery query(db->database());
        QVERIFY(
            query.exec(QStringLiteral("SELECT checksum, finished_at = started_at, "
                                      "applied_steps_count, length(id), rolled_back_at IS NULL "
                                      "FROM _prisma_migrations WHERE migration_name = "
                                      "'20240201000000_add_x' ORDER BY finished_at NULLS FIRST")));
        QVERIFY(query.next()); // the failed attempt, now rolled back
        QVERIFY(!query.value(4).toBool());
        QVERIFY(query.next()); // the resolved row
        QCOMPARE(
            query.value(0).toString(),
            QString::fromLatin1(QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex()));
        QVERIFY(query.value(1).toBool());
        QCOMPARE(query.value(2).toInt(), 0);
        QCOMPARE(query.value(3).toInt(), 36);
        QVERIFY(query.value(4).toBool());
        QVERIFY(!query.next());
    }
};

QTEST_GUILESS_MAIN(TestStampPostgres)
#include "test_stamp_postgres.moc"
