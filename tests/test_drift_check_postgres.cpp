// `migconsole check` (CLI.md) on PostgreSQL against databases built by REAL Alembic
// (Debian's python3-alembic) from tests/data/drift/postgresql: no false positives at head
// and at an intermediate revision, every drift kind injected by hand found exactly once
// with its origin file:line, and pending steps that real Alembic then really fails on
// predicted by the preflight (check and history).

#include "DriftCheckAssertions.h"
#include "ThrowawayDatabases.h"

#include <QTemporaryDir>
#include <QThread>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::drift;

class TestDriftCheckPostgres : public QObject
{
    Q_OBJECT

    ThrowawayDatabases m_databases;
    QTemporaryDir m_temp;
    QString m_project;    ///< the drift project, a real Alembic project
    QString m_base;       ///< database upgraded to head (template of every copy)
    QString m_mid;        ///< database upgraded to kRev6

    QString ourUrl(const QString &database) const { return m_databases.url(database); }
    QString alembicUrl(const QString &database) const { return m_databases.alembicUrl(database); }
    QString createDatabase(const QString &prefix, const QString &templateDb = {})
    {
        return m_databases.create(prefix, templateDb);
    }

    bool execOn(const QString &database, const QString &sql)
    {
        if (sql.isEmpty())
            return true;
        auto db = connectOrFail(ourUrl(database));
        return db && execScript(*db, sql);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!RealAlembic::python().isEmpty(),
                 "no python3 imports alembic: install python3-alembic (Debian)");
        QVERIFY(m_databases.open());
        QVERIFY(m_temp.isValid());

        m_base = createDatabase(QStringLiteral("drift_base"));
        QVERIFY(!m_base.isEmpty());
        m_project = m_temp.filePath(QStringLiteral("project"));
        auto alembic = makeProject(QStringLiteral("postgresql"), m_project, alembicUrl(m_base));
        QVERIFY(alembic);
        const auto up = alembic->run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));

        m_mid = createDatabase(QStringLiteral("drift_mid"));
        QVERIFY(!m_mid.isEmpty());
        // Same project, another database: the URL reaches env.py through the environment.
        const auto upMid = RealAlembic(m_project, alembicUrl(m_mid))
                               .run({QStringLiteral("upgrade"), kRev6});
        QVERIFY2(upMid.exitCode == 0, qPrintable(upMid.err));
    }

    void cleanupTestCase()
    {
        m_databases.dropAll();
    }

    void noFalsePositivesAtHead()
    {
        const CliRun run = runCheck(ourUrl(m_base), m_project);
        verifyClean(run);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("current"))), QStringList{kRev8});
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("heads"))), QStringList{kRev8});
        QVERIFY(run.json.value(QStringLiteral("pending")).toArray().isEmpty());
        // --target head is the same schema here.
        verifyClean(runCheck(ourUrl(m_base), m_project, {QStringLiteral("--target"), QStringLiteral("head")}));
    }

    void noFalsePositivesAtIntermediateRevision()
    {
        const CliRun run = runCheck(ourUrl(m_mid), m_project);
        verifyClean(run);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("current"))), QStringList{kRev6});
        QCOMPARE(sortedStrings(run.json.value(QStringLiteral("pending"))), (QStringList{kRev7, kRev8}));
        // --target REV naming the current revision is the default's schema.
        verifyClean(runCheck(ourUrl(m_mid), m_project, {QStringLiteral("--target"), kRev6}));
        if (QTest::currentTestFailed())
            return;
        verifyPendingStepsApply(runHistory(ourUrl(m_mid), m_project));
    }

    void targetHeadReportsLaterRevisionsMissing()
    {
        const CliRun run = runCheck(ourUrl(m_mid), m_project, {QStringLiteral("--target"), QStringLiteral("head")});
        const QString all = run.describe();
        DRIFT_VERIFY2(run.parsed, QString(), all);
        DRIFT_VERIFY2(run.exitCode == 1, QString(), all);
        const auto find = [&](const QString &kind, const QString &table, const QString &key,
                              const QString &object) {
            for (const QJsonObject &f : findingsOfKind(run.json, kind)) {
                if (f.value(QStringLiteral("table")).toString() == table &&
                    (key.isEmpty() || f.value(key).toString() == object))
                    return f;
            }
            return QJsonObject();
        };
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
            const QJsonObject f = find(e.kind, e.table, e.key, e.object);
            DRIFT_VERIFY2(!f.isEmpty(), QStringLiteral("no %1 %2 %3\n").arg(e.kind, e.table, e.object), all);
            const QJsonObject origin = f.value(QStringLiteral("origin")).toObject();
            const QString file = revisionFile(m_project, e.revision);
            DRIFT_VERIFY2(origin.value(QStringLiteral("revision")).toString() == e.revision, QString(), all);
            DRIFT_VERIFY2(origin.value(QStringLiteral("file")).toString() == file, QString(), all);
            DRIFT_VERIFY2(origin.value(QStringLiteral("line")).toInt() == lineOf(m_project, file, e.pattern), QStringLiteral("line of %1\n").arg(e.pattern), all);
            QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        }
        // Nothing the database has is reported as coming from a revision after its own.
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
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("actual");
        const QString none;

        QTest::newRow("missing_table from create_table")
            << "DROP TABLE shipments" << "missing_table" << "shipments" << none << kRev7
            << "op\\.create_table\\(\\s*\"shipments\"" << none << none;
        QTest::newRow("missing_table from op.execute CREATE TABLE")
            << "DROP TABLE notes" << "missing_table" << "notes" << none << kRev6
            << "op\\.execute\\(\\s*\"\"\"\\s*CREATE TABLE notes" << none << none;
        QTest::newRow("missing_column from add_column")
            << "ALTER TABLE tickets DROP COLUMN external_ref" << "missing_column" << "tickets"
            << "external_ref" << kRev8 << "op\\.add_column\\(\"tickets\", sa\\.Column\\(\"external_ref\""
            << "varchar(36)" << none;
        QTest::newRow("missing_column renamed by alter_column")
            << "ALTER TABLE accounts DROP COLUMN preferences" << "missing_column" << "accounts"
            << "preferences" << kRev3 << "op\\.alter_column\\(\"accounts\", \"settings\"" << none << none;
        QTest::newRow("missing_column from create_table")
            << "ALTER TABLE orders DROP COLUMN weight" << "missing_column" << "orders" << "weight"
            << kRev2 << "op\\.create_table\\(\\s*\"orders\"" << none << none;
        QTest::newRow("missing_index partial")
            << "DROP INDEX ix_orders_open" << "missing_index" << "orders" << "ix_orders_open" << kRev2
            << "op\\.create_index\\(\\s*\"ix_orders_open\"" << none << none;
        QTest::newRow("missing_index gin op.f")
            << "DROP INDEX ix_orders_payload" << "missing_index" << "orders" << "ix_orders_payload"
            << kRev2 << "op\\.create_index\\(op\\.f\\(\"ix_orders_payload\"\\)" << none << none;
        QTest::newRow("missing_index expression")
            << "DROP INDEX ix_tickets_lower_subject" << "missing_index" << "tickets"
            << "ix_tickets_lower_subject" << kRev4 << "op\\.create_index\\(\"ix_tickets_lower_subject\""
            << none << none;
        QTest::newRow("missing_index index=True")
            << "DROP INDEX ix_users_account_id" << "missing_index" << "users" << "ix_users_account_id"
            << kRev1 << "op\\.create_table\\(\\s*\"users\"" << none << none;
        QTest::newRow("missing_index guarded")
            << "DROP INDEX ix_users_phone" << "missing_index" << "users" << "ix_users_phone" << kRev6
            << "op\\.create_index\\(\"ix_users_phone\"" << none << none;
        QTest::newRow("missing_index from op.execute")
            << "DROP INDEX ix_notes_pinned" << "missing_index" << "notes" << "ix_notes_pinned" << kRev6
            << "op\\.execute\\(\"CREATE INDEX ix_notes_pinned" << none << none;
        QTest::newRow("missing_foreign_key create_foreign_key")
            << "ALTER TABLE tickets DROP CONSTRAINT fk_tickets_order" << "missing_foreign_key"
            << "tickets" << "fk_tickets_order" << kRev4 << "op\\.create_foreign_key\\(\"fk_tickets_order\""
            << none << none;
        QTest::newRow("missing_foreign_key ForeignKeyConstraint")
            << "ALTER TABLE orders DROP CONSTRAINT fk_orders_customer" << "missing_foreign_key"
            << "orders" << "fk_orders_customer" << kRev2 << "op\\.create_table\\(\\s*\"orders\"" << none
            << none;
        QTest::newRow("missing_foreign_key from op.execute")
            << "ALTER TABLE notes DROP CONSTRAINT fk_notes_order" << "missing_foreign_key" << "notes"
            << "fk_notes_order" << kRev6 << "op\\.execute\\(\\s*\"ALTER TABLE notes ADD CONSTRAINT fk_notes_order"
            << none << none;
        QTest::newRow("missing_unique create_unique_constraint")
            << "ALTER TABLE users DROP CONSTRAINT uq_users_phone" << "missing_unique" << "users"
            << "uq_users_phone" << kRev3 << "op\\.create_unique_constraint\\(\"uq_users_phone\"" << none
            << none;
        QTest::newRow("missing_unique unique=True")
            << "ALTER TABLE accounts DROP CONSTRAINT accounts_name_key" << "missing_unique"
            << "accounts" << "accounts_name_key" << kRev1 << "op\\.create_table\\(\\s*\"accounts\""
            << none << none;
        QTest::newRow("missing_check")
            << "ALTER TABLE orders DROP CONSTRAINT ck_orders_total_positive" << "missing_check"
            << "orders" << "ck_orders_total_positive" << kRev2 << "op\\.create_table\\(\\s*\"orders\""
            << none << none;
        QTest::newRow("missing_primary_key")
            << "ALTER TABLE tickets DROP CONSTRAINT pk_tickets" << "missing_primary_key" << "tickets"
            << "pk_tickets" << kRev4 << "op\\.create_primary_key\\(\"pk_tickets\"" << none << none;
        QTest::newRow("type_mismatch")
            << "ALTER TABLE users ALTER COLUMN display_name TYPE text" << "type_mismatch" << "users"
            << "display_name" << kRev3 << "op\\.alter_column\\(\\s*\"users\",\\s*\"display_name\""
            << "varchar(150)" << "text";
        QTest::newRow("nullability_mismatch")
            << "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL" << "nullability_mismatch"
            << "orders" << "note" << kRev3 << "op\\.alter_column\\(\"orders\", \"note\"" << none << none;
        QTest::newRow("default_mismatch")
            << "ALTER TABLE users ALTER COLUMN login_count SET DEFAULT 5" << "default_mismatch"
            << "users" << "login_count" << kRev1 << "op\\.create_table\\(\\s*\"users\"" << none << none;
        QTest::newRow("missing_index unique create_index")
            << "DROP INDEX uq_tickets_order_subject" << "missing_index" << "tickets"
            << "uq_tickets_order_subject" << kRev4 << "op\\.create_index\\(\"uq_tickets_order_subject\""
            << none << none;
        QTest::newRow("missing_unique UniqueConstraint")
            << "ALTER TABLE users DROP CONSTRAINT uq_users_account_email" << "missing_unique" << "users"
            << "uq_users_account_email" << kRev1 << "op\\.create_table\\(\\s*\"users\"" << none << none;
        QTest::newRow("missing_check CheckConstraint of users")
            << "ALTER TABLE users DROP CONSTRAINT ck_users_login_count" << "missing_check" << "users"
            << "ck_users_login_count" << kRev1 << "op\\.create_table\\(\\s*\"users\"" << none << none;
        QTest::newRow("missing_column renamed at head")
            << "ALTER TABLE tickets DROP COLUMN rating" << "missing_column" << "tickets" << "rating"
            << kRev8 << "op\\.alter_column\\(\"tickets\", \"score\"" << none << none;
        QTest::newRow("type_mismatch numeric precision")
            << "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)" << "type_mismatch" << "orders"
            << "total" << kRev2 << "op\\.create_table\\(\\s*\"orders\"" << "numeric(10,2)" << "numeric(12,2)";
        QTest::newRow("nullability_mismatch set not null")
            << "ALTER TABLE tickets ALTER COLUMN due_on SET NOT NULL" << "nullability_mismatch"
            << "tickets" << "due_on" << kRev4 << "op\\.create_table\\(\\s*\"tickets\"" << none << none;
        QTest::newRow("default_mismatch sa.true()")
            << "ALTER TABLE accounts ALTER COLUMN is_active SET DEFAULT false" << "default_mismatch"
            << "accounts" << "is_active" << kRev1 << "op\\.create_table\\(\\s*\"accounts\"" << none << none;
        QTest::newRow("default_mismatch dropped default")
            << "ALTER TABLE orders ALTER COLUMN note DROP DEFAULT" << "default_mismatch" << "orders"
            << "note" << kRev3 << "op\\.alter_column\\(\"orders\", \"note\"" << none << none;
        QTest::newRow("default_mismatch from op.execute")
            << "ALTER TABLE notes ALTER COLUMN pinned SET DEFAULT true" << "default_mismatch" << "notes"
            << "pinned" << kRev6 << "op\\.execute\\(\"ALTER TABLE notes ADD COLUMN pinned" << none << none;
        QTest::newRow("extra_table named like a dropped table")
            << "CREATE TABLE audit_events (id bigint)" << "extra_table" << "audit_events" << none << none
            << none << none << none;
        QTest::newRow("extra_column dropped by a revision")
            << "ALTER TABLE users ADD COLUMN legacy_flag boolean" << "extra_column" << "users"
            << "legacy_flag" << none << none << none << none;
        QTest::newRow("extra_index unique")
            << "CREATE UNIQUE INDEX ix_orders_note_extra ON orders (note)" << "extra_index" << "orders"
            << "ix_orders_note_extra" << none << none << none << none;
        QTest::newRow("missing_index from a multi-statement op.execute")
            << "DROP INDEX ix_shipments_label" << "missing_index" << "shipments" << "ix_shipments_label"
            << kRev7 << "op\\.execute\\(\\s*\"ALTER TABLE shipments ADD COLUMN label" << none << none;
        QTest::newRow("missing_table in another schema")
            << "DROP TABLE billing.invoices" << "missing_table" << "billing.invoices" << none << kRev7
            << "op\\.create_table\\(\\s*\"invoices\"" << none << none;
        QTest::newRow("missing_index in another schema")
            << "DROP INDEX billing.ix_invoices_order_id" << "missing_index" << "billing.invoices"
            << "ix_invoices_order_id" << kRev7 << "op\\.create_index\\(\"ix_invoices_order_id\"" << none << none;
        QTest::newRow("missing_foreign_key across schemas")
            << "ALTER TABLE billing.invoices DROP CONSTRAINT invoices_order_id_fkey" << "missing_foreign_key"
            << "billing.invoices" << "invoices_order_id_fkey" << kRev7 << "op\\.create_table\\(\\s*\"invoices\""
            << none << none;
        QTest::newRow("extra_table in a migrated schema")
            << "CREATE TABLE billing.scratch (id integer)" << "extra_table" << "billing.scratch" << none
            << none << none << none << none;
        QTest::newRow("extra_table")
            << "CREATE TABLE scratch (id integer)" << "extra_table" << "scratch" << none << none
            << none << none << none;
        QTest::newRow("extra_column")
            << "ALTER TABLE accounts ADD COLUMN nickname text" << "extra_column" << "accounts"
            << "nickname" << none << none << none << none;
        QTest::newRow("extra_index")
            << "CREATE INDEX ix_users_email_extra ON users (email)" << "extra_index" << "users"
            << "ix_users_email_extra" << none << none << none << none;
        QTest::newRow("extra_foreign_key")
            << "ALTER TABLE notes ADD CONSTRAINT fk_notes_ticket FOREIGN KEY (order_id) REFERENCES tickets (id)"
            << "extra_foreign_key" << "notes" << "fk_notes_ticket" << none << none << none << none;
    }

    void injectedDrift()
    {
        QFETCH(QString, sql);
        QFETCH(QString, kind);
        QFETCH(QString, table);
        QFETCH(QString, object);
        QFETCH(QString, revision);
        QFETCH(QString, pattern);
        QFETCH(QString, expected);
        QFETCH(QString, actual);
        const QString copy = createDatabase(QStringLiteral("drift_copy"), m_base);
        QVERIFY(!copy.isEmpty());
        QVERIFY(execOn(copy, sql));
        QString schema = QStringLiteral("public");
        if (table.contains(QLatin1Char('.'))) { // "billing.invoices": a table of another schema
            schema = table.section(QLatin1Char('.'), 0, 0);
            table = table.section(QLatin1Char('.'), 1);
        }
        DriftCase c{sql, kind, table, object, revision, pattern, expected, actual, fixableOf(kind)};
        if (kind == QLatin1String("type_mismatch"))
            c.fixable = false; // both rows narrow (text → varchar(150), numeric(12,2) → numeric(10,2))
        verifySingleFinding(runCheck(ourUrl(copy), m_project), c, schema, m_project);
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
            << "ALTER TABLE accounts ADD COLUMN region varchar(16)"
            << "op.add_column(\"accounts\", sa.Column(\"region\", sa.String(length=16), nullable=True))"
            << "add_column" << "column_exists" << "accounts" << "column" << "region"
            << "DuplicateColumn.*already exists";
        QTest::newRow("table_exists")
            << "CREATE TABLE regions (id integer PRIMARY KEY, name text)"
            << "op.create_table(\"regions\", sa.Column(\"id\", sa.Integer(), primary_key=True), sa.Column(\"name\", sa.Text()))"
            << "create_table" << "table_exists" << "regions" << none << none
            << "DuplicateTable.*already exists";
        QTest::newRow("index_exists")
            << "CREATE INDEX ix_orders_status ON orders (status)"
            << "op.create_index(\"ix_orders_status\", \"orders\", [\"status\"])"
            << "create_index" << "index_exists" << "orders" << "index" << "ix_orders_status"
            << "DuplicateTable.*already exists";
        QTest::newRow("constraint_exists")
            << "ALTER TABLE orders ADD CONSTRAINT ck_orders_weight CHECK (weight >= 0)"
            << "op.create_check_constraint(\"ck_orders_weight\", \"orders\", \"weight >= 0\")"
            << "create_check_constraint" << "constraint_exists" << "orders" << "constraint"
            << "ck_orders_weight" << "DuplicateObject.*already exists";
        QTest::newRow("constraint_exists with another definition")
            << "ALTER TABLE orders ADD CONSTRAINT ck_orders_weight CHECK (weight < 1000)"
            << "op.create_check_constraint(\"ck_orders_weight\", \"orders\", \"weight >= 0\")"
            << "create_check_constraint" << "constraint_exists" << "orders" << "constraint"
            << "ck_orders_weight" << "DuplicateObject.*already exists";
        QTest::newRow("missing_table")
            << "DROP TABLE notes"
            << "op.add_column(\"notes\", sa.Column(\"color\", sa.String(length=16), nullable=True))"
            << "add_column" << "missing_table" << "notes" << "column" << "color"
            << "UndefinedTable.*does not exist";
        QTest::newRow("missing_column")
            << "ALTER TABLE orders DROP COLUMN weight"
            << "op.drop_column(\"orders\", \"weight\")"
            << "drop_column" << "missing_column" << "orders" << "column" << "weight"
            << "UndefinedColumn.*does not exist";
        QTest::newRow("missing_index")
            << "DROP INDEX ix_orders_open"
            << "op.drop_index(\"ix_orders_open\", table_name=\"orders\")"
            << "drop_index" << "missing_index" << "orders" << "index" << "ix_orders_open"
            << "UndefinedObject.*does not exist";
        // A renamed index is no drift finding (same definition), but a later step naming the
        // old name fails: the preflight must see that.
        QTest::newRow("missing_index renamed by hand")
            << "ALTER INDEX ix_orders_open RENAME TO ix_orders_open_old"
            << "op.drop_index(\"ix_orders_open\", table_name=\"orders\")"
            << "drop_index" << "missing_index" << "orders" << "index" << "ix_orders_open"
            << "UndefinedObject.*does not exist";
        QTest::newRow("missing_constraint renamed by hand")
            << "ALTER TABLE tickets RENAME CONSTRAINT fk_tickets_order TO fk_tickets_order_old"
            << "op.drop_constraint(\"fk_tickets_order\", \"tickets\", type_=\"foreignkey\")"
            << "drop_constraint" << "missing_constraint" << "tickets" << "constraint" << "fk_tickets_order"
            << "UndefinedObject.*does not exist";
        QTest::newRow("missing_constraint")
            << "ALTER TABLE users DROP CONSTRAINT uq_users_phone"
            << "op.drop_constraint(\"uq_users_phone\", \"users\", type_=\"unique\")"
            << "drop_constraint" << "missing_constraint" << "users" << "constraint" << "uq_users_phone"
            << "UndefinedObject.*does not exist";
        QTest::newRow("type_incompatible_fk")
            << none
            << "op.create_foreign_key(\"fk_tickets_external_order\", \"tickets\", \"orders\", [\"external_ref\"], [\"public_id\"])"
            << "create_foreign_key" << "type_incompatible_fk" << "tickets" << "constraint"
            << "fk_tickets_external_order" << "cannot be implemented|incompatible types";
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

        const QString copy = createDatabase(QStringLiteral("drift_pre"), m_base);
        QVERIFY(!copy.isEmpty());
        QVERIFY(execOn(copy, handSql));
        const QString project = m_temp.filePath(QStringLiteral("pre%1").arg(m_databases.counter()));
        auto alembic = makeProject(QStringLiteral("postgresql"), project, alembicUrl(copy));
        QVERIFY(alembic);
        const QString probeFile = writeProbeRevision(project, op);

        PreflightCase c{handSql, op, opName, kind, table, objectKey, object, alembicError};
        // What was added by hand is exactly what the step creates (a half-applied migration)…
        const QByteArray tag = QTest::currentDataTag();
        if (tag == "column_exists" || tag == "table_exists" || tag == "index_exists")
            c.alreadyInPlace = true;
        // …or is not.
        if (tag == "constraint_exists with another definition")
            c.alreadyInPlace = false;
        verifyPreflight(runCheck(ourUrl(copy), project), runHistory(ourUrl(copy), project), c,
                        QStringLiteral("public"), project, probeFile);
        if (QTest::currentTestFailed())
            return;

        // The prediction is only worth something if real Alembic really fails there.
        const auto up = alembic->run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode != 0, qPrintable(QStringLiteral("alembic upgrade head succeeded:\n") + up.err));
        QVERIFY2(QRegularExpression(alembicError).match(up.err).hasMatch(),
                 qPrintable(QStringLiteral("alembic failed otherwise than expected:\n") + up.err));
    }

    void guardedPendingStepIsDone()
    {
        const QString copy = createDatabase(QStringLiteral("drift_guard"), m_base);
        QVERIFY(!copy.isEmpty());
        const QString project = m_temp.filePath(QStringLiteral("guard%1").arg(m_databases.counter()));
        auto alembic = makeProject(QStringLiteral("postgresql"), project, alembicUrl(copy));
        QVERIFY(alembic);
        writeProbeRevision(project, kGuardedProbeOp);
        verifyGuardedProbe(runCheck(ourUrl(copy), project), runHistory(ourUrl(copy), project));
        if (QTest::currentTestFailed())
            return;
        // Real Alembic agrees: the upgrade runs, and afterwards nothing is pending or drifting.
        const auto up = alembic->run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        const CliRun after = runCheck(ourUrl(copy), project);
        verifyClean(after);
        QVERIFY(after.json.value(QStringLiteral("pending")).toArray().isEmpty());
    }

    void noFalsePositivesOnUnmergedBranches()
    {
        const QString db = createDatabase(QStringLiteral("drift_branch"));
        QVERIFY(!db.isEmpty());
        const RealAlembic alembic(m_project, alembicUrl(db));
        verifyBranchStates(
            m_project,
            [&](const QString &revision) {
                const auto up = alembic.run({QStringLiteral("upgrade"), revision});
                if (up.exitCode != 0)
                    qWarning().noquote() << up.err;
                return up.exitCode == 0;
            },
            [&](const QStringList &extra) { return runCheck(ourUrl(db), m_project, extra); });
    }

    void targetIntermediateRevisionOnHeadDatabase()
    {
        verifyTargetRevisionOnHead(runCheck(ourUrl(m_base), m_project, {QStringLiteral("--target"), kRev6}),
                                   m_project, QStringLiteral("score"));
    }

    void rowsOtherSchemasAndPasswordAreNotDrift()
    {
        const QString copy = createDatabase(QStringLiteral("drift_rows"), m_base);
        QVERIFY(!copy.isEmpty());
        QVERIFY(execOn(copy, QStringLiteral(
            "INSERT INTO accounts (name) VALUES ('acme');\n"
            "INSERT INTO users (account_id, email, phone) SELECT id, 'a@acme.test', '5550001' FROM accounts;\n"
            "CREATE SCHEMA reporting;\n"
            "CREATE TABLE reporting.daily_totals (day date PRIMARY KEY, total numeric(12,2))")));
        const CliRun run = runCheck(ourUrl(copy), m_project);
        verifyClean(run);
        if (QTest::currentTestFailed())
            return;
        // CLI.md: the database is shown with its password masked.
        const QString shown = run.json.value(QStringLiteral("database")).toString();
        QVERIFY2(shown.contains(QLatin1String("***")) && !shown.contains(QLatin1String("t3st")) &&
                     !run.out.contains("t3st") && !run.err.contains("t3st"),
                 qPrintable(shown));
    }

    void versionsFolderAndTextFormat()
    {
        verifyClean(runCheck(ourUrl(m_base), QDir(m_project).filePath(QStringLiteral("versions"))));
        const QString copy = createDatabase(QStringLiteral("drift_text"), m_base);
        QVERIFY(!copy.isEmpty());
        QVERIFY(execOn(copy, QStringLiteral("ALTER TABLE users DROP CONSTRAINT uq_users_phone")));
        const CliRun text = runCli({QStringLiteral("check"), QStringLiteral("--db"), ourUrl(copy),
                                    QStringLiteral("--migrations"), m_project});
        QVERIFY2(text.exitCode == 1, qPrintable(text.describe()));
        QVERIFY2(text.out.contains("missing_unique") && text.out.contains("uq_users_phone") &&
                     !text.out.contains("t3st"),
                 qPrintable(text.describe()));
    }

    void unknownRevision()
    {
        const QString copy = createDatabase(QStringLiteral("drift_unknown"), m_base);
        QVERIFY(!copy.isEmpty());
        QVERIFY(execOn(copy, QStringLiteral("UPDATE alembic_version SET version_num = 'feedface9999'")));
        verifyUnknownRevision(runCheck(ourUrl(copy), m_project));
    }
};

QTEST_GUILESS_MAIN(TestDriftCheckPostgres)
#include "test_drift_check_postgres.moc"
