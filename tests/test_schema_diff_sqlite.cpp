// SchemaDiff against real SQLite files: the same tables written twice — as SQLAlchemy
// emits them for SQLite and by hand in other spellings (SQLite keeps both verbatim) —
// introspected and compared: nothing to report; then one injected difference each.

#include "TestSupport.h"
#include "db/Introspector.h"
#include "drift/SchemaDiff.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

// SQLAlchemy's SQLite DDL: upper-case types, table-level keys, parenthesised defaults.
const QString kScriptSpelling = QStringLiteral(R"SQL(
CREATE TABLE teams (
    id INTEGER NOT NULL,
    code VARCHAR(8) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (code)
);
CREATE TABLE games (
    id INTEGER NOT NULL,
    team_id INTEGER NOT NULL,
    name VARCHAR(64) DEFAULT '' NOT NULL,
    score INTEGER DEFAULT '-1',
    active BOOLEAN DEFAULT 1 NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP),
    status VARCHAR(10),
    deleted_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(team_id) REFERENCES teams (id) ON DELETE CASCADE,
    CONSTRAINT ck_games_status CHECK (status IN ('a', 'b'))
);
CREATE INDEX ix_games_name ON games (name);
CREATE INDEX ix_games_live ON games (score DESC) WHERE deleted_at IS NULL
)SQL");

// The same by hand: aliases, column-level keys, other cases, names and parentheses.
const QString kHandSpelling = QStringLiteral(R"SQL(
CREATE TABLE Teams (id integer PRIMARY KEY, code varchar(8) NOT NULL UNIQUE);
CREATE TABLE games (
    id integer primary key,
    team_id int not null references teams on delete cascade,
    name varchar(64) not null default (''),
    score integer default -1,
    active boolean not null default true,
    created_at datetime default current_timestamp,
    status varchar(10) check ((status in ('a','b'))),
    deleted_at timestamp
);
CREATE INDEX games_name ON games (name ASC);
CREATE INDEX ix_games_live ON games (score desc) where (deleted_at is null)
)SQL");

QString describe(const QList<Finding> &findings)
{
    QStringList lines;
    for (const Finding &f : findings)
        lines.append(QString::fromUtf8(QJsonDocument(findingToJson(f)).toJson(QJsonDocument::Compact)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestSchemaDiffSqlite : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<DbConnection> m_script;
    std::unique_ptr<DbConnection> m_hand;

    std::unique_ptr<DbConnection> create(const QString &fileName, const QString &ddl)
    {
        const auto url = ConnectionUrl::parse(QStringLiteral("sqlite:///") + m_dir.filePath(fileName));
        if (!url)
            return nullptr;
        ConnectionSettings settings;
        settings.url = *url;
        settings.createSqliteFile = true;
        auto connection = DbConnection::open(settings);
        if (!connection)
            return nullptr;
        auto db = std::move(connection).value();
        if (!execScript(*db, ddl))
            return nullptr;
        return db;
    }

    static Schema read(DbConnection &db)
    {
        auto schema = introspect(db, {});
        if (!schema.ok())
            qFatal("introspect failed: %s", qPrintable(schema.error().toString()));
        return *schema;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_script = create(QStringLiteral("script.db"), kScriptSpelling);
        m_hand = create(QStringLiteral("hand.db"), kHandSpelling);
        QVERIFY(m_script && m_hand);
    }

    void equivalentSpellingsHaveNoFindings()
    {
        const Schema expected = read(*m_script);
        const Schema actual = read(*m_hand);
        QCOMPARE(expected.tableCount(), 2);
        QVERIFY(expected != actual); // SQLite kept both spellings verbatim
        const QList<Finding> findings = diffSchemas(expected, actual);
        QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
        const QList<Finding> reverse = diffSchemas(actual, expected);
        QVERIFY2(reverse.isEmpty(), qPrintable(describe(reverse)));
    }

    void oneInjectedDifferenceIsOneFinding()
    {
        QVERIFY(execScript(*m_hand, QStringLiteral("ALTER TABLE games ADD COLUMN note TEXT")));
        QList<Finding> findings = diffSchemas(read(*m_script), read(*m_hand));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].kind, FindingKind::ExtraColumn);
        QCOMPARE(findings[0].object, QStringLiteral("note"));

        QVERIFY(execScript(*m_hand, QStringLiteral("ALTER TABLE games DROP COLUMN note;\n"
                                                   "DROP INDEX games_name")));
        findings = diffSchemas(read(*m_script), read(*m_hand));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].kind, FindingKind::MissingIndex);
        QCOMPARE(findings[0].object, QStringLiteral("ix_games_name"));
        QCOMPARE(findings[0].schema, QStringLiteral("main"));
    }
};

QTEST_MAIN(TestSchemaDiffSqlite)
#include "test_schema_diff_sqlite.moc"
