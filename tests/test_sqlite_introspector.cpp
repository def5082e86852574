// SQLite introspection: a temporary database with every object kind SQLite has, read back
// and compared field by field with a Schema written out by hand, then as a whole.

#include "TestSupport.h"
#include "db/Introspector.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <tuple>

using namespace migconsole;
using namespace migconsole::test;

namespace {

// Statements end with ";\n" (execScript splits there).
const QString kFixture = QStringLiteral(R"SQL(
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email varchar(64) NOT NULL,
    status TEXT NOT NULL DEFAULT 'x',
    login_count INT DEFAULT 0,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    balance NUMERIC(10,2) CHECK (balance >= 0),
    active BOOLEAN CONSTRAINT ck_users_active CHECK ( active IN (0, 1) ),
    email_lower TEXT GENERATED ALWAYS AS (lower(email)) VIRTUAL,
    email_length INT AS (length(email)) STORED,
    CONSTRAINT uq_users_email UNIQUE (email),
    UNIQUE (status, login_count),
    CONSTRAINT ck_users_status CHECK (status <> ''),
    CHECK (login_count >= 0)
);
CREATE TABLE projects (
    -- no column list: the key points at users' primary key (pragma "to" is NULL)
    owner_id INTEGER NOT NULL REFERENCES users ON DELETE CASCADE,
    slug varchar(64) NOT NULL,
    reviewer_id INT CONSTRAINT fk_projects_reviewer REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT pk_projects PRIMARY KEY (owner_id, slug)
);
-- The key below spells the target as "Projects (Owner_Id, …)": read back as declared.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    project_owner INTEGER NOT NULL,
    project_slug varchar(64) NOT NULL,
    title TEXT NOT NULL,
    priority INT NOT NULL DEFAULT 0,
    due DATETIME,
    CONSTRAINT fk_tasks_project FOREIGN KEY (project_owner, project_slug)
        REFERENCES Projects (Owner_Id, slug) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX ix_tasks_due ON tasks (due);
CREATE UNIQUE INDEX ux_tasks_title ON tasks (project_owner, project_slug, title);
CREATE INDEX ix_tasks_open ON tasks (priority) WHERE due IS NULL;
CREATE INDEX ix_tasks_title_lower ON tasks (lower(title), priority DESC);
CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, message TEXT);
CREATE TABLE settings (key INTEGER PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE VIEW open_tasks AS SELECT id, title FROM tasks WHERE due IS NULL;
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

Column rowidAlias(const char *name)
{
    Column c = column(name, "integer", false); // the pragma says notnull = 0; a rowid is never NULL
    c.autoIncrement = true;
    return c;
}

Column generated(const char *name, const char *type, const char *expression, bool stored)
{
    Column c = column(name, type, true);
    c.generatedExpr = QString::fromLatin1(expression);
    c.generatedStored = stored;
    return c;
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list)
        out.append(QString::fromLatin1(name));
    return out;
}

ForeignKey foreignKey(const char *name, QStringList columns, const char *table,
                      QStringList referenced)
{
    ForeignKey fk;
    fk.name = QString::fromLatin1(name);
    fk.columns = std::move(columns);
    fk.referencedTable = QString::fromLatin1(table);
    fk.referencedColumns = std::move(referenced);
    return fk;
}

Index index(const char *name, QStringList columns, bool unique = false, const char *predicate = "")
{
    Index i;
    i.name = QString::fromLatin1(name);
    i.columns = std::move(columns);
    i.unique = unique;
    i.predicate = QString::fromLatin1(predicate);
    return i; // no method (SQLite has one kind of index), always valid
}

/// The schema the fixture must read back as, written out by hand.
Schema expectedSchema()
{
    Table users;
    users.name = QStringLiteral("users");
    users.columns = {rowidAlias("id"),
                     column("email", "varchar(64)", false),
                     column("status", "text", false, "'x'"),
                     column("login_count", "integer", true, "0"),
                     column("created_at", "timestamp", true, "CURRENT_TIMESTAMP"),
                     column("balance", "numeric(10,2)", true),
                     column("active", "boolean", true),
                     generated("email_lower", "text", "lower(email)", false),
                     generated("email_length", "integer", "length(email)", true)};
    users.primaryKey = PrimaryKey{QString(), names({"id"})};
    users.uniques = {{QStringLiteral("sqlite_autoindex_users_2"), names({"status", "login_count"})},
                     {QStringLiteral("uq_users_email"), names({"email"})}};
    users.checks = {{QString(), QStringLiteral("balance >= 0")},
                    {QString(), QStringLiteral("login_count >= 0")},
                    {QStringLiteral("ck_users_active"), QStringLiteral("active IN (0, 1)")},
                    {QStringLiteral("ck_users_status"), QStringLiteral("status <> ''")}};

    Table projects;
    projects.name = QStringLiteral("projects");
    projects.columns = {column("owner_id", "integer", false), column("slug", "varchar(64)", false),
                        column("reviewer_id", "integer", true)};
    projects.primaryKey = PrimaryKey{QStringLiteral("pk_projects"), names({"owner_id", "slug"})};
    ForeignKey owner = foreignKey("", names({"owner_id"}), "users", names({"id"}));
    owner.onDelete = ReferentialAction::Cascade;
    ForeignKey reviewer =
        foreignKey("fk_projects_reviewer", names({"reviewer_id"}), "users", names({"id"}));
    reviewer.onDelete = ReferentialAction::SetNull;
    projects.foreignKeys = {owner, reviewer};

    Table tasks;
    tasks.name = QStringLiteral("tasks");
    tasks.columns = {rowidAlias("id"),
                     column("project_owner", "integer", false),
                     column("project_slug", "varchar(64)", false),
                     column("title", "text", false),
                     column("priority", "integer", false, "0"),
                     column("due", "timestamp", true)};
    tasks.primaryKey = PrimaryKey{QString(), names({"id"})};
    tasks.indexes = {
        index("ix_tasks_due", names({"due"})),
        index("ix_tasks_open", names({"priority"}), false, "due IS NULL"),
        index("ix_tasks_title_lower", names({"lower(title)", "priority DESC"})),
        index("ux_tasks_title", names({"project_owner", "project_slug", "title"}), true)};
    ForeignKey project = foreignKey("fk_tasks_project", names({"project_owner", "project_slug"}),
                                    "projects", names({"owner_id", "slug"}));
    project.onUpdate = ReferentialAction::Cascade;
    project.deferrable = true;
    project.initiallyDeferred = true;
    tasks.foreignKeys = {project};

    Table audit;
    audit.name = QStringLiteral("audit_log");
    audit.columns = {rowidAlias("id"), column("message", "text", true)};
    audit.primaryKey = PrimaryKey{QString(), names({"id"})};

    Table settings; // WITHOUT ROWID: INTEGER PRIMARY KEY is an ordinary, NOT NULL key
    settings.name = QStringLiteral("settings");
    settings.columns = {column("key", "integer", false), column("value", "text", true)};
    settings.primaryKey = PrimaryKey{QString(), names({"key"})};

    Namespace mainNs{QStringLiteral("main"), {audit, projects, settings, tasks, users}, {}, {}};
    mainNs.views = {View{QStringLiteral("open_tasks"), false,
                         QStringLiteral("SELECT id, title FROM tasks WHERE due IS NULL")}};
    Schema schema;
    schema.dialect = Dialect::SQLite;
    schema.namespaces = {mainNs};
    return schema;
}

/// Schema::sortByName() orders by name only; unnamed checks and keys tie. Order ties by
/// content on both sides so the comparison does not depend on how std::sort breaks them.
Schema normalised(Schema schema)
{
    for (Namespace &ns : schema.namespaces) {
        for (Table &t : ns.tables) {
            std::stable_sort(t.checks.begin(), t.checks.end(), [](const auto &a, const auto &b) {
                return std::tie(a.name, a.expression) < std::tie(b.name, b.expression);
            });
            std::stable_sort(t.foreignKeys.begin(), t.foreignKeys.end(),
                             [](const auto &a, const auto &b) {
                                 return std::tie(a.name, a.columns) < std::tie(b.name, b.columns);
                             });
        }
    }
    return schema;
}

std::unique_ptr<DbConnection> openSqlite(const QString &path, bool create = false)
{
    const auto url = ConnectionUrl::parse(QStringLiteral("sqlite:///") + path);
    if (!url) {
        QTest::qFail(qPrintable(url.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    ConnectionSettings settings;
    settings.url = *url;
    settings.createSqliteFile = create;
    auto connection = DbConnection::open(settings);
    if (!connection) {
        QTest::qFail(qPrintable(connection.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    return std::move(connection).value();
}

} // namespace

// Readable QCOMPARE failures (QTest finds these by argument-dependent lookup).
namespace migconsole {
// clang-format off
namespace {
QString flag(bool on, const char *text) { return on ? QString::fromLatin1(text) : QString(); }
QString list(const QStringList &names) { return names.join(QLatin1Char(',')); }
char *describe(const QStringList &parts) { return QTest::toString(parts.join(QLatin1String(" | "))); }
} // namespace
char *toString(const PrimaryKey &k) { return describe({k.name, list(k.columns)}); }
char *toString(const UniqueConstraint &u) { return describe({u.name, list(u.columns)}); }
char *toString(const CheckConstraint &c) { return describe({c.name, c.expression}); }
char *toString(const View &v) { return describe({v.name, v.definition}); }
char *toString(const Column &c)
{
    return describe({c.name, c.type, flag(!c.nullable, "not null"), c.defaultExpr,
                     flag(c.autoIncrement, "rowid"), c.generatedExpr, flag(c.generatedStored, "stored")});
}
char *toString(const Index &i)
{
    return describe({i.name, list(i.columns), flag(i.unique, "unique"), i.predicate});
}
char *toString(const ForeignKey &f)
{
    return describe({f.name, list(f.columns), f.referencedTable, list(f.referencedColumns),
                     referentialActionSql(f.onDelete), referentialActionSql(f.onUpdate),
                     flag(f.deferrable, "deferrable"), flag(f.initiallyDeferred, "initially deferred")});
}
// clang-format on
} // namespace migconsole

class TestSqliteIntrospector : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<DbConnection> m_db;
    Schema m_schema;
    const Schema m_expected = expectedSchema();

    const Table &table(const Schema &schema, const QString &name)
    {
        const Table *t = schema.table(QStringLiteral("main"), name);
        if (!t)
            qFatal("table %s missing", qPrintable(name));
        return *t;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("fixture.db"));
        {
            auto writer = openSqlite(m_path, true);
            QVERIFY(writer);
            QVERIFY(execScript(*writer, kFixture));
        }
        m_db = openSqlite(m_path); // an ordinary connection to an existing file
        QVERIFY(m_db);
        const auto schema = introspectSqlite(*m_db, {});
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().toString()));
        m_schema = *schema;
    }

    void oneMainNamespaceWithoutInternalTables()
    {
        QCOMPARE(m_schema.dialect, Dialect::SQLite);
        QCOMPARE(m_schema.namespaces.size(), 1);
        QCOMPARE(m_schema.namespaces[0].name, QStringLiteral("main"));
        QStringList tables;
        for (const Table &t : m_schema.namespaces[0].tables)
            tables.append(t.name);
        // AUTOINCREMENT created sqlite_sequence; it must not show.
        QCOMPARE(tables, names({"audit_log", "projects", "settings", "tasks", "users"}));
        QVERIFY(m_schema.namespaces[0].enums.isEmpty());
    }

    void tables_data()
    {
        QTest::addColumn<QString>("name");
        for (const Table &t : m_expected.namespaces[0].tables)
            QTest::newRow(qPrintable(t.name)) << t.name;
    }

    /// Columns, keys, constraints and indexes, struct by struct.
    void tables()
    {
        QFETCH(QString, name);
        const Schema actualSchema = normalised(m_schema);
        const Schema expectedSchema = normalised(m_expected);
        const Table &actual = table(actualSchema, name);
        const Table &expected = table(expectedSchema, name);
        QCOMPARE(actual.columns, expected.columns);
        QCOMPARE(actual.primaryKey.has_value(), expected.primaryKey.has_value());
        if (expected.primaryKey)
            QCOMPARE(*actual.primaryKey, *expected.primaryKey);
        QCOMPARE(actual.uniques, expected.uniques);
        QCOMPARE(actual.checks, expected.checks);
        QCOMPARE(actual.indexes, expected.indexes);
        QCOMPARE(actual.foreignKeys, expected.foreignKeys);
        QCOMPARE(actual, expected);
    }

    void views() { QCOMPARE(m_schema.namespaces[0].views, m_expected.namespaces[0].views); }

    void wholeSchemaEquals() { QVERIFY(normalised(m_schema) == normalised(m_expected)); }

    void introspectDispatchesToSqlite()
    {
        const auto again = introspect(*m_db, {});
        QVERIFY(again.ok());
        QVERIFY(normalised(*again) == normalised(m_schema));
    }

    void namespaceFilter_data()
    {
        QTest::addColumn<QStringList>("filter");
        QTest::addColumn<bool>("readsMain");
        QTest::newRow("none") << QStringList() << true;
        QTest::newRow("main") << names({"main"}) << true;
        QTest::newRow("main among others") << names({"public", "main"}) << true;
        QTest::newRow("other only") << names({"public", "temp"}) << false;
        QTest::newRow("case matters") << names({"MAIN"}) << false;
    }

    void namespaceFilter()
    {
        QFETCH(QStringList, filter);
        QFETCH(bool, readsMain);
        IntrospectOptions options;
        options.namespaces = filter;
        const auto result = introspectSqlite(*m_db, options);
        QVERIFY(result.ok());
        QCOMPARE(result->dialect, Dialect::SQLite);
        if (readsMain)
            QVERIFY(normalised(*result) == normalised(m_schema));
        else
            QVERIFY(result->namespaces.isEmpty());
    }

    void cancelledReadReturnsCancelled()
    {
        std::atomic<bool> cancel{true};
        IntrospectOptions options;
        options.cancel = &cancel;
        const auto result = introspectSqlite(*m_db, options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }

    void tempTableDoesNotShadowMain()
    {
        auto connection = openSqlite(m_path);
        QVERIFY(connection);
        QVERIFY(connection->exec(QStringLiteral("CREATE TEMP TABLE users (other TEXT)"), {}).ok());
        const auto result = introspectSqlite(*connection, {});
        QVERIFY(result.ok());
        QCOMPARE(table(*result, QStringLiteral("users")), table(m_schema, QStringLiteral("users")));
    }

    /// Inside the caller's own transaction the reader sees its uncommitted DDL and leaves
    /// the transaction open for the caller to end.
    void readsInsideAnOpenTransaction()
    {
        auto connection = openSqlite(m_path);
        QVERIFY(connection);
        QVERIFY(connection->database().transaction());
        QVERIFY(connection->exec(QStringLiteral("CREATE TABLE scratch (x INT)"), {}).ok());
        const auto result = introspectSqlite(*connection, {});
        QVERIFY(result.ok());
        QVERIFY(result->table(QStringLiteral("main"), QStringLiteral("scratch")));
        QVERIFY(connection->database().rollback());
        const auto after = introspectSqlite(*connection, {});
        QVERIFY(after.ok());
        QVERIFY(normalised(*after) == normalised(m_schema));
    }

    void emptyDatabaseHasAnEmptyMain()
    {
        auto connection = openSqlite(m_dir.filePath(QStringLiteral("empty.db")), true);
        QVERIFY(connection);
        const auto result = introspectSqlite(*connection, {});
        QVERIFY(result.ok());
        QCOMPARE(result->namespaces.size(), 1);
        QCOMPARE(result->namespaces[0], (Namespace{QStringLiteral("main"), {}, {}, {}}));
    }

    void failedQueryIsAQueryError()
    {
        auto connection = openSqlite(m_path);
        QVERIFY(connection);
        connection->database().close();
        const auto result = introspectSqlite(*connection, {});
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Query);
        QVERIFY2(result.error().message.contains(QStringLiteral("tables")),
                 qPrintable(result.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestSqliteIntrospector)
#include "test_sqlite_introspector.moc"
