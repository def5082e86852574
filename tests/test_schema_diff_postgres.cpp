// SchemaDiff against a real PostgreSQL: the same tables created twice, in two schemas and
// two spellings, introspected and compared — nothing to report; then one injected
// difference — exactly its one finding.

#include "TestSupport.h"
#include "db/Introspector.h"
#include "drift/SchemaDiff.h"

#include <QJsonDocument>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

// As a migration script would write it (aliases, bare literals, CURRENT_TIMESTAMP).
const QString kScriptSpelling = QStringLiteral(R"SQL(
CREATE TABLE %1.teams (
    id serial PRIMARY KEY,
    code varchar(8) NOT NULL UNIQUE
);
CREATE TABLE %1.games (
    id serial4 PRIMARY KEY,
    team_id int4 NOT NULL REFERENCES %1.teams,
    name varchar(64) NOT NULL DEFAULT '',
    score int4 DEFAULT '-1',
    active bool NOT NULL DEFAULT 't',
    created_at timestamptz DEFAULT CURRENT_TIMESTAMP,
    kind varchar(10) DEFAULT 'x',
    payload jsonb DEFAULT '{}',
    ratio decimal(10, 2) DEFAULT 0,
    status varchar(10) CHECK (status IN ('a', 'b')),
    deleted_at timestamp,
    CONSTRAINT ck_games_name CHECK (name LIKE 'g%' AND score BETWEEN -1 AND 100),
    UNIQUE (team_id, name)
);
CREATE INDEX ix_games_name ON %1.games (name);
CREATE INDEX ix_games_live ON %1.games (score DESC) WHERE (deleted_at IS NULL);
CREATE INDEX ix_games_lower ON %1.games (lower(kind))
)SQL");

// As PostgreSQL prints it back (full type names, casts, other constraint/index names).
const QString kDatabaseSpelling = QStringLiteral(R"SQL(
CREATE TABLE %1.teams (
    id integer NOT NULL,
    code character varying(8) NOT NULL,
    CONSTRAINT teams_pk PRIMARY KEY (id),
    CONSTRAINT uq_teams_code UNIQUE (code)
);
CREATE SEQUENCE %1.teams_id_seq OWNED BY %1.teams.id;
ALTER TABLE %1.teams ALTER COLUMN id SET DEFAULT nextval('%1.teams_id_seq'::regclass);
CREATE TABLE %1.games (
    id serial NOT NULL,
    team_id integer NOT NULL,
    name character varying(64) NOT NULL DEFAULT ''::character varying,
    score integer DEFAULT -1,
    active boolean NOT NULL DEFAULT true,
    created_at timestamp with time zone DEFAULT now(),
    kind character varying(10) DEFAULT 'x'::character varying,
    payload jsonb DEFAULT '{}'::jsonb,
    ratio numeric(10,2) DEFAULT 0::numeric,
    status character varying(10),
    deleted_at timestamp without time zone,
    CONSTRAINT games_pkey PRIMARY KEY (id),
    CONSTRAINT fk_games_team FOREIGN KEY (team_id) REFERENCES %1.teams (id),
    CONSTRAINT ck_games_status CHECK ((status)::text = ANY (ARRAY['a'::text, 'b'::text])),
    CONSTRAINT ck_games_name CHECK (((name)::text ~~ 'g%'::text) AND (score >= '-1'::integer) AND (score <= 100)),
    CONSTRAINT uq_games_team_name UNIQUE (name, team_id)
);
CREATE INDEX games_name_idx ON %1.games USING btree (name ASC);
CREATE INDEX ix_games_live ON %1.games (score DESC NULLS FIRST) WHERE deleted_at IS NULL;
CREATE INDEX ix_games_lower ON %1.games USING btree (lower((kind)::text))
)SQL");

} // namespace

class TestSchemaDiffPostgres : public QObject
{
    Q_OBJECT

    std::unique_ptr<DbConnection> m_db;
    QString m_script;
    QString m_live;

    /// One schema read back, renamed to "app" (namespace and foreign-key targets) so the
    /// two copies can be compared as the same database.
    Schema read(const QString &ns)
    {
        IntrospectOptions options;
        options.namespaces = {ns};
        auto schema = introspect(*m_db, options);
        if (!schema.ok())
            qFatal("introspect failed: %s", qPrintable(schema.error().toString()));
        Schema out = *schema;
        for (Namespace &n : out.namespaces) {
            n.name = QStringLiteral("app");
            for (Table &t : n.tables) {
                for (ForeignKey &fk : t.foreignKeys)
                    fk.referencedSchema = QStringLiteral("app");
            }
        }
        return out;
    }

    static QString describe(const QList<Finding> &findings)
    {
        QStringList lines;
        for (const Finding &f : findings)
            lines.append(QString::fromUtf8(QJsonDocument(findingToJson(f)).toJson(QJsonDocument::Compact)));
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        const QString url = postgresUrl();
        QVERIFY(!url.isEmpty());
        m_db = connectOrFail(url);
        QVERIFY(m_db);
        m_script = uniqueSchemaName(QStringLiteral("diff_script"));
        m_live = uniqueSchemaName(QStringLiteral("diff_live"));
        QVERIFY(execScript(*m_db, QStringLiteral("CREATE SCHEMA %1;\nCREATE SCHEMA %2")
                                      .arg(m_script, m_live)));
        QVERIFY(execScript(*m_db, kScriptSpelling.arg(m_script)));
        QVERIFY(execScript(*m_db, kDatabaseSpelling.arg(m_live)));
    }

    void cleanupTestCase()
    {
        if (m_db && !m_script.isEmpty())
            m_db->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1, %2 CASCADE").arg(m_script, m_live), {});
    }

    void equivalentSpellingsHaveNoFindings()
    {
        const Schema expected = read(m_script);
        const Schema actual = read(m_live);
        QCOMPARE(expected.tableCount(), 2);
        QVERIFY(expected != actual); // the spellings really differ as read back
        const Table *games = actual.table(QStringLiteral("app"), QStringLiteral("games"));
        QVERIFY(games && games->checks.size() == 2 && games->indexes.size() == 3);
        const QList<Finding> findings = diffSchemas(expected, actual);
        QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
        const QList<Finding> reverse = diffSchemas(actual, expected);
        QVERIFY2(reverse.isEmpty(), qPrintable(describe(reverse)));
    }

    void oneInjectedDifferenceIsOneFinding()
    {
        QVERIFY(execScript(*m_db, QStringLiteral("ALTER TABLE %1.games ALTER COLUMN score SET DEFAULT 0")
                                      .arg(m_live)));
        const QList<Finding> findings = diffSchemas(read(m_script), read(m_live));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].kind, FindingKind::DefaultMismatch);
        QCOMPARE(findings[0].table, QStringLiteral("games"));
        QCOMPARE(findings[0].object, QStringLiteral("score"));
        QCOMPARE(findings[0].expected, QStringLiteral("'-1'::integer"));
        QCOMPARE(findings[0].actual, QStringLiteral("0"));

        QVERIFY(execScript(*m_db, QStringLiteral("ALTER TABLE %1.games ALTER COLUMN score SET DEFAULT -1;\n"
                                                 "DROP INDEX %1.games_name_idx")
                                      .arg(m_live)));
        const QList<Finding> missing = diffSchemas(read(m_script), read(m_live));
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing[0].kind, FindingKind::MissingIndex);
        QCOMPARE(missing[0].object, QStringLiteral("ix_games_name"));
    }
};

QTEST_MAIN(TestSchemaDiffPostgres)
#include "test_schema_diff_postgres.moc"
