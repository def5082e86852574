// `migconsole check` (CLI.md) on SQLite against database files built by REAL Alembic
// (Debian's python3-alembic, batch_alter_table for what SQLite cannot ALTER) from
// tests/data/drift/sqlite: no false positives at head and at an intermediate revision,
// every drift kind SQLite can express by hand found exactly once with its origin
// file:line, and pending steps that real Alembic then really fails on predicted by the
// preflight (check and history).

#include "DriftCheckAssertions.h"

#include <QTemporaryDir>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::drift;

namespace {

/// The shipments table as Alembic created it (rev 7), with one clause swapped: SQLite
/// cannot ALTER a column, so a hand-made change is the usual rebuild (create, copy, drop,
/// rename) — exactly what people do when they "fix" a SQLite table by hand.
QString rebuildShipments(const QString &from, const QString &to)
{
    QString ddl = QStringLiteral(
        "CREATE TABLE shipments_new (\n"
        "\tid INTEGER NOT NULL, \n"
        "\torder_id INTEGER NOT NULL, \n"
        "\tcarrier VARCHAR(40) DEFAULT 'post' NOT NULL, \n"
        "\tattempts INTEGER DEFAULT 3 NOT NULL, \n"
        "\tfee NUMERIC(10, 2) DEFAULT '4.50' NOT NULL, \n"
        "\ttracking JSON, \n"
        "\tshipped_at DATETIME DEFAULT (CURRENT_TIMESTAMP), \n"
        "\tPRIMARY KEY (id), \n"
        "\tFOREIGN KEY(order_id) REFERENCES orders (id) ON DELETE CASCADE\n"
        ")");
    if (!ddl.contains(from))
        qFatal("rebuildShipments: no '%s' in the DDL", qPrintable(from));
    ddl.replace(from, to);
    return ddl + QStringLiteral(";\nINSERT INTO shipments_new SELECT * FROM shipments;\n"
                                "DROP TABLE shipments;\n"
                                "ALTER TABLE shipments_new RENAME TO shipments");
}

} // namespace

class TestDriftCheckSqlite : public QObject
{
    Q_OBJECT

    QTemporaryDir m_temp;
    QString m_project;
    QString m_base; ///< file upgraded to head by real Alembic
    QString m_mid;  ///< file upgraded to kRev6
    int m_counter = 0;

    static QString url(const QString &path) { return QStringLiteral("sqlite:///") + path; }

    QString emptyFile(const QString &name)
    {
        const QString path = m_temp.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            QTest::qFail(qPrintable(QStringLiteral("cannot create ") + path), __FILE__, __LINE__);
        return path;
    }

    QString copyOfBase()
    {
        const QString path = m_temp.filePath(QStringLiteral("copy%1.db").arg(++m_counter));
        if (!QFile::copy(m_base, path))
            QTest::qFail(qPrintable(QStringLiteral("cannot copy to ") + path), __FILE__, __LINE__);
        return path;
    }

    static bool execOn(const QString &path, const QString &sql)
    {
        if (sql.isEmpty())
            return true;
        auto db = connectOrFail(url(path));
        return db && execScript(*db, sql);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!RealAlembic::python().isEmpty(),
                 "no python3 imports alembic: install python3-alembic (Debian)");
        QVERIFY(m_temp.isValid());
        m_project = m_temp.filePath(QStringLiteral("project"));
        m_base = emptyFile(QStringLiteral("base.db"));
        auto alembic = makeProject(QStringLiteral("sqlite"), m_project, url(m_base));
        QVERIFY(alembic);
        const auto up = alembic->run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));

        m_mid = emptyFile(QStringLiteral("mid.db"));
        const auto upMid = RealAlembic(m_project, url(m_mid)).run({QStringLiteral("upgrade"), kRev6});
        QVERIFY2(upMid.exitCode == 0, qPrintable(upMid.err));
    }

    void noFalsePositivesAtHead()
    {
        const CliRun run = runCheck(url(m_base), m_project);
        verifyClean(run);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("current"))), QStringList{kRev8});
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("heads"))), QStringList{kRev8});
        QVERIFY(run.json.value(QStringLiteral("pending")).toArray().isEmpty());
        verifyClean(runCheck(url(m_base), m_project, {QStringLiteral("--target"), QStringLiteral("head")}));
    }

    void noFalsePositivesAtIntermediateRevision()
    {
        const CliRun run = runCheck(url(m_mid), m_project);
        verifyClean(run);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("current"))), QStringList{kRev6});
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("pending"))), (QStringList{kRev7, kRev8}));
        verifyClean(runCheck(url(m_mid), m_project, {QStringLiteral("--target"), kRev6}));
        if (QTest::currentTestFailed())
            return;
        verifyPendingStepsApply(runHistory(url(m_mid), m_project));
    }

    void targetHeadReportsLaterRevisionsMissing()
    {
        const CliRun run = runCheck(url(m_mid), m_project, {QStringLiteral("--target"), QStringLiteral("head")});
        const QString all = run.describe();
        DRIFT_VERIFY2(run.parsed, QString(), all);
        DRIFT_VERIFY2(run.exitCode == 1, QString(), all);
        struct Expect
        {
            QString kind, table, key, object, revision, pattern;
        };
        const QList<Expect> expectations = {
            {QStringLiteral("missing_table"), QStringLiteral("shipments"), {}, {}, kRev7,
             QStringLiteral("op\\.create_table\\(\\s*\"shipments\"")},
            {QStringLiteral("missing_column"), QStringLiteral("orders"), QStringLiteral("column"),
             QStringLiteral("shipped_at"), kRev7, QStringLiteral("op\\.add_column\\(\"orders\"")},
            {QStringLiteral("missing_index"), QStringLiteral("orders"), QStringLiteral("index"),
             QStringLiteral("ix_orders_shipped_at"), kRev7,
             QStringLiteral("op\\.create_index\\(op\\.f\\(\"ix_orders_shipped_at\"\\)")},
            {QStringLiteral("missing_column"), QStringLiteral("tickets"), QStringLiteral("column"),
             QStringLiteral("external_ref"), kRev8,
             QStringLiteral("op\\.add_column\\(\"tickets\", sa\\.Column\\(\"external_ref\"")},
        };
        for (const Expect &e : expectations) {
            QJsonObject f;
            for (const QJsonObject &candidate : findingsOfKind(run.json, e.kind)) {
                if (candidate.value(QStringLiteral("table")).toString() == e.table &&
                    (e.key.isEmpty() || candidate.value(e.key).toString() == e.object))
                    f = candidate;
            }
            DRIFT_VERIFY2(!f.isEmpty(), QStringLiteral("no %1 %2 %3\n").arg(e.kind, e.table, e.object), all);
            const QJsonObject origin = f.value(QStringLiteral("origin")).toObject();
            const QString file = revisionFile(m_project, e.revision);
            DRIFT_VERIFY2(origin.value(QStringLiteral("revision")).toString() == e.revision, QString(), all);
            DRIFT_VERIFY2(origin.value(QStringLiteral("file")).toString() == file, QString(), all);
            DRIFT_VERIFY2(origin.value(QStringLiteral("line")).toInt() == lineOf(m_project, file, e.pattern), QStringLiteral("line of %1\n").arg(e.pattern), all);
            QCOMPARE(f.value(QStringLiteral("schema")).toString(), QStringLiteral("main"));
            QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        }
        for (const QJsonObject &f : objects(run.json.value(QStringLiteral("drift")))) {
            const QString revision = f.value(QStringLiteral("origin")).toObject().value(QStringLiteral("revision")).toString();
            if (f.value(QStringLiteral("kind")).toString().startsWith(QLatin1String("missing_")))
                DRIFT_VERIFY2(revision == kRev7 || revision == kRev8, QStringLiteral("a missing object from an applied revision\n"), all);
        }
    }

    void injectedDrift_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("pattern");
        const QString none;

        QTest::newRow("missing_table from create_table")
            << "DROP TABLE shipments" << "missing_table" << "shipments" << none << kRev7
            << "op\\.create_table\\(\\s*\"shipments\"";
        QTest::newRow("missing_table from op.execute CREATE TABLE")
            << "DROP TABLE notes" << "missing_table" << "notes" << none << kRev6
            << "op\\.execute\\(\\s*\"\"\"\\s*CREATE TABLE notes";
        QTest::newRow("missing_column from add_column")
            << "ALTER TABLE tickets DROP COLUMN external_ref" << "missing_column" << "tickets"
            << "external_ref" << kRev8 << "op\\.add_column\\(\"tickets\", sa\\.Column\\(\"external_ref\"";
        QTest::newRow("missing_column renamed in batch")
            << "ALTER TABLE accounts DROP COLUMN preferences" << "missing_column" << "accounts"
            << "preferences" << kRev3 << "batch_op\\.alter_column\\(\"settings\"";
        QTest::newRow("missing_column from create_table")
            << "ALTER TABLE orders DROP COLUMN weight" << "missing_column" << "orders" << "weight"
            << kRev2 << "op\\.create_table\\(\\s*\"orders\"";
        QTest::newRow("missing_index partial")
            << "DROP INDEX ix_orders_open" << "missing_index" << "orders" << "ix_orders_open" << kRev2
            << "op\\.create_index\\(\\s*\"ix_orders_open\"";
        QTest::newRow("missing_index expression")
            << "DROP INDEX ix_tickets_lower_subject" << "missing_index" << "tickets"
            << "ix_tickets_lower_subject" << kRev4 << "op\\.create_index\\(\"ix_tickets_lower_subject\"";
        QTest::newRow("missing_index index=True")
            << "DROP INDEX ix_users_account_id" << "missing_index" << "users" << "ix_users_account_id"
            << kRev1 << "op\\.create_table\\(\\s*\"users\"";
        QTest::newRow("missing_index guarded")
            << "DROP INDEX ix_users_phone" << "missing_index" << "users" << "ix_users_phone" << kRev6
            << "op\\.create_index\\(\"ix_users_phone\"";
        QTest::newRow("missing_index from op.execute")
            << "DROP INDEX ix_notes_pinned" << "missing_index" << "notes" << "ix_notes_pinned" << kRev6
            << "op\\.execute\\(\"CREATE INDEX ix_notes_pinned";
        QTest::newRow("missing_foreign_key (table rebuilt by hand)")
            << rebuildShipments(QStringLiteral(", \n\tFOREIGN KEY(order_id) REFERENCES orders (id) ON DELETE CASCADE"), {})
            << "missing_foreign_key" << "shipments" << none << kRev7
            << "op\\.create_table\\(\\s*\"shipments\"";
        QTest::newRow("type_mismatch (table rebuilt by hand)")
            << rebuildShipments(QStringLiteral("carrier VARCHAR(40)"), QStringLiteral("carrier INTEGER"))
            << "type_mismatch" << "shipments" << "carrier" << kRev7 << "op\\.create_table\\(\\s*\"shipments\"";
        QTest::newRow("nullability_mismatch (table rebuilt by hand)")
            << rebuildShipments(QStringLiteral("DEFAULT 3 NOT NULL"), QStringLiteral("DEFAULT 3"))
            << "nullability_mismatch" << "shipments" << "attempts" << kRev7
            << "op\\.create_table\\(\\s*\"shipments\"";
        QTest::newRow("default_mismatch (table rebuilt by hand)")
            << rebuildShipments(QStringLiteral("DEFAULT 'post'"), QStringLiteral("DEFAULT 'courier'"))
            << "default_mismatch" << "shipments" << "carrier" << kRev7
            << "op\\.create_table\\(\\s*\"shipments\"";
        QTest::newRow("missing_index unique create_index")
            << "DROP INDEX uq_tickets_order_subject" << "missing_index" << "tickets"
            << "uq_tickets_order_subject" << kRev4 << "op\\.create_index\\(\"uq_tickets_order_subject\"";
        QTest::newRow("type_mismatch numeric precision (table rebuilt by hand)")
            << rebuildShipments(QStringLiteral("fee NUMERIC(10, 2)"), QStringLiteral("fee NUMERIC(12, 2)"))
            << "type_mismatch" << "shipments" << "fee" << kRev7 << "op\\.create_table\\(\\s*\"shipments\"";
        QTest::newRow("default_mismatch dropped default (table rebuilt by hand)")
            << rebuildShipments(QStringLiteral("DEFAULT '4.50' "), {})
            << "default_mismatch" << "shipments" << "fee" << kRev7 << "op\\.create_table\\(\\s*\"shipments\"";
        QTest::newRow("extra_table named like a dropped table")
            << "CREATE TABLE audit_events (id INTEGER)" << "extra_table" << "audit_events" << none << none
            << none;
        QTest::newRow("extra_column dropped by a revision")
            << "ALTER TABLE users ADD COLUMN legacy_flag BOOLEAN" << "extra_column" << "users"
            << "legacy_flag" << none << none;
        QTest::newRow("extra_index unique")
            << "CREATE UNIQUE INDEX ix_orders_note_extra ON orders (note)" << "extra_index" << "orders"
            << "ix_orders_note_extra" << none << none;
        QTest::newRow("extra_table")
            << "CREATE TABLE scratch (id INTEGER)" << "extra_table" << "scratch" << none << none << none;
        QTest::newRow("extra_column")
            << "ALTER TABLE accounts ADD COLUMN nickname TEXT" << "extra_column" << "accounts"
            << "nickname" << none << none;
        QTest::newRow("extra_index")
            << "CREATE INDEX ix_users_email_extra ON users (email)" << "extra_index" << "users"
            << "ix_users_email_extra" << none << none;
    }

    void injectedDrift()
    {
        QFETCH(QString, sql);
        QFETCH(QString, kind);
        QFETCH(QString, table);
        QFETCH(QString, object);
        QFETCH(QString, revision);
        QFETCH(QString, pattern);
        const QString copy = copyOfBase();
        QVERIFY(execOn(copy, sql));
        DriftCase c{sql, kind, table, object, revision, pattern, {}, {}, fixableOf(kind)};
        if (QByteArray(QTest::currentDataTag()).contains("numeric precision"))
            c.fixable = false; // NUMERIC(12, 2) → NUMERIC(10, 2) narrows
        verifySingleFinding(runCheck(url(copy), m_project), c, QStringLiteral("main"), m_project);
    }

    void preflight_data()
    {
        QTest::addColumn<QString>("handSql");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("opName");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("objectKey");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("alembicError");
        const QString none;

        QTest::newRow("column_exists")
            << "ALTER TABLE accounts ADD COLUMN region VARCHAR(16)"
            << "op.add_column(\"accounts\", sa.Column(\"region\", sa.String(length=16), nullable=True))"
            << "add_column" << "column_exists" << "accounts" << "column" << "region"
            << "duplicate column name: region";
        QTest::newRow("table_exists")
            << "CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT)"
            << "op.create_table(\"regions\", sa.Column(\"id\", sa.Integer(), primary_key=True), sa.Column(\"name\", sa.Text()))"
            << "create_table" << "table_exists" << "regions" << none << none
            << "table regions already exists";
        QTest::newRow("index_exists")
            << "CREATE INDEX ix_orders_status ON orders (status)"
            << "op.create_index(\"ix_orders_status\", \"orders\", [\"status\"])"
            << "create_index" << "index_exists" << "orders" << "index" << "ix_orders_status"
            << "index ix_orders_status already exists";
        QTest::newRow("missing_table")
            << "DROP TABLE notes"
            << "op.add_column(\"notes\", sa.Column(\"color\", sa.String(length=16), nullable=True))"
            << "add_column" << "missing_table" << "notes" << "column" << "color"
            << "no such table: notes";
        QTest::newRow("missing_column")
            << "ALTER TABLE orders DROP COLUMN weight"
            << "op.drop_column(\"orders\", \"weight\")"
            << "drop_column" << "missing_column" << "orders" << "column" << "weight"
            << "no such column: \"?weight";
        QTest::newRow("column_exists in batch_alter_table")
            << "ALTER TABLE orders ADD COLUMN region VARCHAR(16)"
            << "with op.batch_alter_table(\"orders\") as batch_op:\n        batch_op.add_column(sa.Column(\"region\", sa.String(length=16)))"
            << "add_column" << "column_exists" << "orders" << "column" << "region"
            << "duplicate column name: region";
        QTest::newRow("missing_column in batch_alter_table")
            << "ALTER TABLE orders DROP COLUMN weight"
            << "with op.batch_alter_table(\"orders\") as batch_op:\n        batch_op.drop_column(\"weight\")"
            << "drop_column" << "missing_column" << "orders" << "column" << "weight"
            << "KeyError: 'weight'";
        QTest::newRow("missing_index")
            << "DROP INDEX ix_orders_open"
            << "op.drop_index(\"ix_orders_open\", table_name=\"orders\")"
            << "drop_index" << "missing_index" << "orders" << "index" << "ix_orders_open"
            << "no such index: ix_orders_open";
    }

    void preflight()
    {
        QFETCH(QString, handSql);
        QFETCH(QString, op);
        QFETCH(QString, opName);
        QFETCH(QString, kind);
        QFETCH(QString, table);
        QFETCH(QString, objectKey);
        QFETCH(QString, object);
        QFETCH(QString, alembicError);

        const QString copy = copyOfBase();
        QVERIFY(execOn(copy, handSql));
        const QString project = m_temp.filePath(QStringLiteral("pre%1").arg(m_counter));
        auto alembic = makeProject(QStringLiteral("sqlite"), project, url(copy));
        QVERIFY(alembic);
        const QString probeFile = writeProbeRevision(project, op);

        PreflightCase c{handSql, op, opName, kind, table, objectKey, object, alembicError};
        // What was added by hand is exactly what the step creates: a half-applied migration.
        const QByteArray tag = QTest::currentDataTag();
        if (tag.startsWith("column_exists") || tag == "table_exists" || tag == "index_exists")
            c.alreadyInPlace = true;
        verifyPreflight(runCheck(url(copy), project), runHistory(url(copy), project), c,
                        QStringLiteral("main"), project, probeFile);
        if (QTest::currentTestFailed())
            return;

        const auto up = alembic->run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode != 0, qPrintable(QStringLiteral("alembic upgrade head succeeded:\n") + up.err));
        QVERIFY2(QRegularExpression(alembicError).match(up.err).hasMatch(),
                 qPrintable(QStringLiteral("alembic failed otherwise than expected:\n") + up.err));
    }

    void guardedPendingStepIsDone()
    {
        const QString copy = copyOfBase();
        const QString project = m_temp.filePath(QStringLiteral("guard%1").arg(m_counter));
        auto alembic = makeProject(QStringLiteral("sqlite"), project, url(copy));
        QVERIFY(alembic);
        writeProbeRevision(project, kGuardedProbeOp);
        verifyGuardedProbe(runCheck(url(copy), project), runHistory(url(copy), project));
        if (QTest::currentTestFailed())
            return;
        const auto up = alembic->run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        const CliRun after = runCheck(url(copy), project);
        verifyClean(after);
        QVERIFY(after.json.value(QStringLiteral("pending")).toArray().isEmpty());
    }

    void noFalsePositivesOnUnmergedBranches()
    {
        const QString db = emptyFile(QStringLiteral("branch.db"));
        const RealAlembic alembic(m_project, url(db));
        verifyBranchStates(
            m_project,
            [&](const QString &revision) {
                const auto up = alembic.run({QStringLiteral("upgrade"), revision});
                if (up.exitCode != 0)
                    qWarning().noquote() << up.err;
                return up.exitCode == 0;
            },
            [&](const QStringList &extra) { return runCheck(url(db), m_project, extra); });
    }

    void targetIntermediateRevisionOnHeadDatabase()
    {
        verifyTargetRevisionOnHead(runCheck(url(m_base), m_project, {QStringLiteral("--target"), kRev6}),
                                   m_project, {});
    }

    void rowsAreNotDrift()
    {
        const QString copy = copyOfBase();
        QVERIFY(execOn(copy, QStringLiteral(
            "INSERT INTO accounts (name) VALUES ('acme');\n"
            "INSERT INTO users (account_id, email, phone) SELECT id, 'a@acme.test', '5550001' FROM accounts")));
        verifyClean(runCheck(url(copy), m_project));
    }

    void versionsFolderAndTextFormat()
    {
        // CLI.md: --migrations also takes the versions/ folder itself.
        verifyClean(runCheck(url(m_base), QDir(m_project).filePath(QStringLiteral("versions"))));
        // The exit code does not depend on the format: 0 clean, 1 with drift.
        CliRun text = runCli({QStringLiteral("check"), QStringLiteral("--db"), url(m_base),
                              QStringLiteral("--migrations"), m_project});
        QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
        const QString copy = copyOfBase();
        QVERIFY(execOn(copy, QStringLiteral("DROP TABLE shipments")));
        text = runCli({QStringLiteral("check"), QStringLiteral("--db"), url(copy), QStringLiteral("--migrations"),
                       m_project, QStringLiteral("--format"), QStringLiteral("text")});
        QVERIFY2(text.exitCode == 1, qPrintable(text.describe()));
        QVERIFY2(text.out.contains("missing_table") && text.out.contains("shipments"), qPrintable(text.describe()));
    }

    void unknownRevision()
    {
        const QString copy = copyOfBase();
        QVERIFY(execOn(copy, QStringLiteral("UPDATE alembic_version SET version_num = 'feedface9999'")));
        verifyUnknownRevision(runCheck(url(copy), m_project));
    }
};

QTEST_GUILESS_MAIN(TestDriftCheckSqlite)
#include "test_drift_check_sqlite.moc"
