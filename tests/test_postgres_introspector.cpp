// PostgreSQL introspection against the throwaway server: a database the test creates with
// every object kind, read back and compared field by field.

#include "TestSupport.h"
#include "db/Introspector.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

const QString kFixture = QStringLiteral(R"SQL(
CREATE SCHEMA shop;
CREATE SCHEMA other;
CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE other.regions (code char(2) PRIMARY KEY, name text NOT NULL);
CREATE TABLE shop.customers (
    id serial PRIMARY KEY,
    email varchar(255) NOT NULL,
    region char(2) REFERENCES other.regions (code) ON UPDATE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_email_key UNIQUE (email)
);
COMMENT ON TABLE shop.customers IS 'people who buy';
COMMENT ON COLUMN shop.customers.email IS 'login';
CREATE TABLE shop.orders (
    id bigint GENERATED ALWAYS AS IDENTITY,
    customer_id integer NOT NULL,
    status shop.order_status NOT NULL DEFAULT 'new',
    total numeric(10,2) NOT NULL DEFAULT 0,
    tax numeric(10,2) GENERATED ALWAYS AS (total * 0.2) STORED,
    tags text[],
    payload jsonb DEFAULT '{}'::jsonb,
    external_id uuid,
    note varchar,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT ck_orders_total CHECK (total >= 0),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES shop.customers (id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX ix_orders_status_total ON shop.orders (status, total DESC);
CREATE UNIQUE INDEX ux_orders_external ON shop.orders (external_id) INCLUDE (total)
    WHERE external_id IS NOT NULL;
CREATE INDEX ix_orders_payload ON shop.orders USING gin (payload);
CREATE INDEX ix_orders_lower_note ON shop.orders (lower(note::text) NULLS FIRST);
CREATE TABLE shop.order_lines (
    order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    qty integer NOT NULL CHECK (qty > 0),
    PRIMARY KEY (order_id, line_no)
);
ALTER TABLE shop.order_lines ADD CONSTRAINT fk_lines_order FOREIGN KEY (order_id)
    REFERENCES shop.orders (id) NOT VALID;
CREATE TABLE shop.empty_table ();
CREATE VIEW shop.paid_orders AS SELECT id, total FROM shop.orders WHERE status = 'paid';
CREATE MATERIALIZED VIEW shop.order_totals AS SELECT customer_id, sum(total) AS total
    FROM shop.orders GROUP BY customer_id;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA shop;
CREATE EXTENSION IF NOT EXISTS citext SCHEMA shop
)SQL");

Column column(const char *name, const char *type, bool nullable, const char *defaultExpr = "")
{
    Column c;
    c.name = QString::fromLatin1(name);
    c.type = QString::fromLatin1(type);
    c.nullable = nullable;
    c.defaultExpr = QString::fromLatin1(defaultExpr);
    return c;
}

} // namespace

class TestPostgresIntrospector : public QObject
{
    Q_OBJECT

    QString m_databaseName;
    QString m_databaseUrl;
    std::unique_ptr<DbConnection> m_admin;
    std::unique_ptr<DbConnection> m_db;
    Schema m_schema;

    const Table &table(const char *ns, const char *name)
    {
        const Table *t = m_schema.table(QString::fromLatin1(ns), QString::fromLatin1(name));
        if (!t)
            qFatal("table %s.%s missing", ns, name);
        return *t;
    }

private slots:
    void initTestCase()
    {
        const QString serverUrl = postgresUrl();
        QVERIFY(!serverUrl.isEmpty());
        m_admin = connectOrFail(serverUrl);
        QVERIFY(m_admin);
        m_databaseName = uniqueSchemaName(QStringLiteral("introspect"));
        QVERIFY(m_admin->exec(QStringLiteral("CREATE DATABASE %1").arg(m_databaseName), {}).ok());
        m_databaseUrl = serverUrl.left(serverUrl.lastIndexOf(QLatin1Char('/')) + 1) + m_databaseName;
        m_db = connectOrFail(m_databaseUrl);
        QVERIFY(m_db);
        QVERIFY(execScript(*m_db, kFixture));
        const auto schema = introspect(*m_db, {});
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().toString()));
        m_schema = *schema;
    }

    void cleanupTestCase()
    {
        m_db.reset();
        if (m_admin && !m_databaseName.isEmpty())
            m_admin->exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_databaseName), {});
    }

    void namespacesSkipSystemSchemas()
    {
        QStringList names;
        for (const Namespace &ns : m_schema.namespaces)
            names.append(ns.name);
        QCOMPARE(names, (QStringList{QStringLiteral("other"), QStringLiteral("public"),
                                     QStringLiteral("shop")}));
        QCOMPARE(m_schema.dialect, Dialect::PostgreSQL);
    }

    void tablesAndComments()
    {
        const Namespace *shop = m_schema.findNamespace(QStringLiteral("shop"));
        QStringList tables;
        for (const Table &t : shop->tables)
            tables.append(t.name);
        QCOMPARE(tables, (QStringList{QStringLiteral("customers"), QStringLiteral("empty_table"),
                                      QStringLiteral("order_lines"), QStringLiteral("orders")}));
        QCOMPARE(table("shop", "customers").comment, QStringLiteral("people who buy"));
        QVERIFY(table("shop", "empty_table").columns.isEmpty());
    }

    void serialColumnsAndDefaults()
    {
        const Table &customers = table("shop", "customers");
        Column id = column("id", "integer", false, "nextval('shop.customers_id_seq'::regclass)");
        id.autoIncrement = true;
        QCOMPARE(customers.columns.at(0), id);
        Column email = column("email", "varchar(255)", false);
        email.comment = QStringLiteral("login");
        QCOMPARE(customers.columns.at(1), email);
        QCOMPARE(customers.columns.at(2), column("region", "char(2)", true));
        QCOMPARE(customers.columns.at(3), column("created_at", "timestamptz", false, "now()"));
    }

    void identityGeneratedEnumArrayColumns()
    {
        const Table &orders = table("shop", "orders");
        QCOMPARE(orders.columns.size(), 9);
        Column id = column("id", "bigint", false);
        id.identity = Identity::Always;
        QCOMPARE(orders.columns.at(0), id);
        QCOMPARE(orders.columns.at(2),
                 column("status", "shop.order_status", false, "'new'::shop.order_status"));
        QCOMPARE(orders.columns.at(3), column("total", "numeric(10,2)", false, "0"));
        Column tax = column("tax", "numeric(10,2)", true);
        tax.generatedExpr = QStringLiteral("(total * 0.2)");
        tax.generatedStored = true;
        QCOMPARE(orders.columns.at(4), tax);
        QCOMPARE(orders.columns.at(5), column("tags", "text[]", true));
        QCOMPARE(orders.columns.at(6), column("payload", "jsonb", true, "'{}'::jsonb"));
        QCOMPARE(orders.columns.at(7), column("external_id", "uuid", true));
        QCOMPARE(orders.columns.at(8), column("note", "varchar", true));
    }

    void keysAndConstraints()
    {
        const Table &orders = table("shop", "orders");
        QCOMPARE(orders.primaryKey, (PrimaryKey{QStringLiteral("orders_pkey"), {QStringLiteral("id")}}));
        QCOMPARE(orders.checks, (QList<CheckConstraint>{{QStringLiteral("ck_orders_total"),
                                                         QStringLiteral("total >= 0::numeric")}}));
        const Table &customers = table("shop", "customers");
        QCOMPARE(customers.uniques, (QList<UniqueConstraint>{{QStringLiteral("customers_email_key"),
                                                              {QStringLiteral("email")}}}));
        const Table &lines = table("shop", "order_lines");
        QCOMPARE(lines.primaryKey->columns, (QStringList{QStringLiteral("order_id"), QStringLiteral("line_no")}));
        QCOMPARE(lines.primaryKey->name, QStringLiteral("order_lines_pkey"));
        QCOMPARE(lines.checks.size(), 1);
        QCOMPARE(lines.checks[0].name, QStringLiteral("order_lines_qty_check"));
        QCOMPARE(lines.checks[0].expression, QStringLiteral("qty > 0"));
    }

    void foreignKeys()
    {
        ForeignKey expected;
        expected.name = QStringLiteral("fk_orders_customer");
        expected.columns = {QStringLiteral("customer_id")};
        expected.referencedSchema = QStringLiteral("shop");
        expected.referencedTable = QStringLiteral("customers");
        expected.referencedColumns = {QStringLiteral("id")};
        expected.onDelete = ReferentialAction::Cascade;
        expected.deferrable = true;
        expected.initiallyDeferred = true;
        QCOMPARE(table("shop", "orders").foreignKeys, QList<ForeignKey>{expected});

        const ForeignKey &region = table("shop", "customers").foreignKeys.at(0);
        QCOMPARE(region.name, QStringLiteral("customers_region_fkey"));
        QCOMPARE(region.referencedSchema, QStringLiteral("other"));
        QCOMPARE(region.referencedTable, QStringLiteral("regions"));
        QCOMPARE(region.onUpdate, ReferentialAction::Cascade);
        QCOMPARE(region.onDelete, ReferentialAction::NoAction);

        const ForeignKey &lines = table("shop", "order_lines").foreignKeys.at(0);
        QVERIFY(!lines.validated);
    }

    void indexes()
    {
        const Table &orders = table("shop", "orders");
        QCOMPARE(orders.indexes.size(), 4); // the PK's own index is reported as the PK
        Index payload{QStringLiteral("ix_orders_payload"), {QStringLiteral("payload")}, {}, false,
                      QStringLiteral("gin"), {}, true};
        QCOMPARE(*orders.index(QStringLiteral("ix_orders_payload")), payload);
        Index composite{QStringLiteral("ix_orders_status_total"),
                        {QStringLiteral("status"), QStringLiteral("total DESC")}, {}, false,
                        QStringLiteral("btree"), {}, true};
        QCOMPARE(*orders.index(QStringLiteral("ix_orders_status_total")), composite);
        Index partial{QStringLiteral("ux_orders_external"), {QStringLiteral("external_id")},
                      {QStringLiteral("total")}, true, QStringLiteral("btree"),
                      QStringLiteral("external_id IS NOT NULL"), true};
        QCOMPARE(*orders.index(QStringLiteral("ux_orders_external")), partial);
        Index expression{QStringLiteral("ix_orders_lower_note"),
                         {QStringLiteral("lower(note::text) NULLS FIRST")}, {}, false,
                         QStringLiteral("btree"), {}, true};
        QCOMPARE(*orders.index(QStringLiteral("ix_orders_lower_note")), expression);
        // Constraint-backed indexes are not listed twice.
        QVERIFY(table("shop", "customers").indexes.isEmpty());
    }

    void enumsAndViews()
    {
        const Namespace *shop = m_schema.findNamespace(QStringLiteral("shop"));
        QCOMPARE(shop->enums, (QList<EnumType>{{QStringLiteral("order_status"),
                                                {QStringLiteral("new"), QStringLiteral("paid"),
                                                 QStringLiteral("shipped")}}}));
        QCOMPARE(shop->views.size(), 2); // pg_stat_statements' views belong to the extension
        QCOMPARE(shop->views[0].name, QStringLiteral("order_totals"));
        QVERIFY(shop->views[0].materialized);
        QCOMPARE(shop->views[1].name, QStringLiteral("paid_orders"));
        QVERIFY(!shop->views[1].materialized);
        QVERIFY(shop->views[1].definition.contains(QStringLiteral("shop.orders")));
    }

    void namespaceFilter()
    {
        IntrospectOptions options;
        options.namespaces = {QStringLiteral("other"), QStringLiteral("it's-not-there")};
        const auto filtered = introspect(*m_db, options);
        QVERIFY(filtered.ok());
        QCOMPARE(filtered->namespaces.size(), 1);
        QCOMPARE(filtered->namespaces[0].name, QStringLiteral("other"));
        QCOMPARE(filtered->namespaces[0].tables.size(), 1);
    }

    void readingTwiceGivesTheSameSchema()
    {
        const auto again = introspect(*m_db, {});
        QVERIFY(again.ok());
        QVERIFY(*again == m_schema);
    }

    void sideConnectionReadsTheSameSchema()
    {
        // Constraints and indexes on a second connection sharing the first one's snapshot:
        // the same schema as one connection reads, and no transaction left open after.
        IntrospectOptions options;
        options.sideConnection = true;
        const auto parallel = introspect(*m_db, options);
        QVERIFY2(parallel.ok(), parallel.ok() ? "" : qPrintable(parallel.error().toString()));
        QVERIFY(*parallel == m_schema);
        QSqlQuery query(m_db->database());
        QVERIFY(query.exec(QStringLiteral(
            "SELECT xact_start = query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")));
        QVERIFY(query.next());
        QVERIFY2(query.value(0).toBool(), "the introspection left a transaction open");
    }

    void sideConnectionFallsBackWhenNoSnapshotCanBeShared()
    {
        // A role that may not export a snapshot (as on a standby): the read goes on with
        // one connection, gives the same schema and leaves no transaction open.
        const QString role = uniqueSchemaName(QStringLiteral("nosnap"));
        const QString password = QStringLiteral("n0-snap'shot");
        QVERIFY(m_db->exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'n0-snap''shot'").arg(role), {}).ok());
        QVERIFY(m_db->exec(QStringLiteral("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_export_snapshot() FROM PUBLIC"), {}).ok());
        QVERIFY(m_db->exec(QStringLiteral("GRANT USAGE ON SCHEMA shop, other TO %1").arg(role), {}).ok());
        const auto parsed = ConnectionUrl::parse(m_databaseUrl);
        QVERIFY(parsed.ok());
        ConnectionUrl url = *parsed;
        url.user = role;
        url.password = password;
        {
        auto limited = DbConnection::open(settingsFor(url));
        QVERIFY2(limited.ok(), limited.ok() ? "" : qPrintable(limited.error().toString()));
        IntrospectOptions options;
        options.sideConnection = true;
        const auto schema = introspect(**limited, options);
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().toString()));
        QVERIFY(*schema == m_schema);
        QSqlQuery query((*limited)->database());
        QVERIFY(query.exec(QStringLiteral(
            "SELECT xact_start = query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")));
        QVERIFY(query.next());
        QVERIFY2(query.value(0).toBool(), "the fallback left a transaction open");
        } // the limited connection closes before its role is dropped
        m_db->exec(QStringLiteral("GRANT EXECUTE ON FUNCTION pg_catalog.pg_export_snapshot() TO PUBLIC"), {});
        m_db->exec(QStringLiteral("REVOKE USAGE ON SCHEMA shop, other FROM %1").arg(role), {});
        m_db->exec(QStringLiteral("DROP ROLE %1").arg(role), {});
    }

    void foreignKeyIntoASchemaLeftOut()
    {
        // shop.customers references other.regions, which --schema shop does not read: its
        // names come from the one extra lookup, on either path.
        for (const bool side : {false, true}) {
            IntrospectOptions options;
            options.namespaces = {QStringLiteral("shop")};
            options.sideConnection = side;
            const auto shopOnly = introspect(*m_db, options);
            QVERIFY(shopOnly.ok());
            const Table *customers = shopOnly->table(QStringLiteral("shop"), QStringLiteral("customers"));
            QVERIFY(customers);
            QCOMPARE(customers->foreignKeys.size(), 1);
            const ForeignKey &region = customers->foreignKeys.at(0);
            QCOMPARE(region.referencedSchema, QStringLiteral("other"));
            QCOMPARE(region.referencedTable, QStringLiteral("regions"));
            QCOMPARE(region.referencedColumns, QStringList{QStringLiteral("code")});
            QCOMPARE(region.columns, QStringList{QStringLiteral("region")});
        }
    }

    void searchPathIsRestored()
    {
        QSqlQuery query(m_db->database());
        QVERIFY(query.exec(QStringLiteral("SHOW search_path")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("\"$user\", public"));
    }

    void cancelStopsEarly()
    {
        std::atomic<bool> cancel{true};
        IntrospectOptions options;
        options.cancel = &cancel;
        const auto result = introspect(*m_db, options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }

    void wrongPasswordIsAReadableConnectError()
    {
        auto url = ConnectionUrl::parse(m_databaseUrl);
        QVERIFY(url.ok());
        ConnectionUrl wrong = *url;
        wrong.password = QStringLiteral("definitely-wrong-Pa55");
        const auto connection = DbConnection::open(ConnectionSettings{wrong, {}, 10, false});
        QVERIFY(!connection.ok());
        QCOMPARE(connection.error().code, ErrorCode::Connect);
        QVERIFY2(connection.error().message.contains(QStringLiteral("authentication failed")),
                 qPrintable(connection.error().message));
        QVERIFY(!connection.error().toString().contains(wrong.password));
    }

    void unreachableServerFailsWithinTimeout()
    {
        // Nothing listens on loopback port 1: the connect must fail fast with a Connect error.
        const auto url = ConnectionUrl::parse(QStringLiteral("postgresql://u:p@127.0.0.1:1/db"));
        QElapsedTimer timer;
        timer.start();
        const auto connection = DbConnection::open(ConnectionSettings{*url, {}, 3, false});
        QVERIFY(!connection.ok());
        QCOMPARE(connection.error().code, ErrorCode::Connect);
        QVERIFY(timer.elapsed() < 10000);
    }
};

QTEST_GUILESS_MAIN(TestPostgresIntrospector)
#include "test_postgres_introspector.moc"
