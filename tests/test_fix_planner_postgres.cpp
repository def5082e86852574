// The fix planner against a real PostgreSQL: the expected shape is created and introspected,
// then replaced by a drifted shape WITH DATA (every finding kind, including the
// uuid ↔ varchar(36) incident with dependent foreign keys in both directions), the plan is
// run, and the diff must be clean, a second run must change nothing, and every row must
// survive.

#include "FixTestSupport.h"
#include "fix/FixPlanner.h"
#include "fix/LiveFixFacts.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::fix;

namespace {

const QString kExpected = QStringLiteral(R"SQL(
CREATE TYPE %1.status AS ENUM ('new', 'live');
CREATE TABLE %1.teams (id integer PRIMARY KEY, name varchar(64) NOT NULL,
    CONSTRAINT teams_name_key UNIQUE (name));
CREATE TABLE %1.games (id integer PRIMARY KEY, team_id integer NOT NULL,
    kickoff timestamptz, home_score integer NOT NULL DEFAULT 0,
    external_game_key varchar(64), state %1.status, notes text, rating integer DEFAULT 3,
    CONSTRAINT games_team_id_fkey FOREIGN KEY (team_id) REFERENCES %1.teams (id) ON DELETE CASCADE,
    CONSTRAINT games_home_score_check CHECK (home_score >= 0));
CREATE INDEX games_kickoff_idx ON %1.games (kickoff DESC);
CREATE INDEX games_notes_idx ON %1.games (lower(notes));
CREATE TABLE %1.system_heartbeats (id bigserial PRIMARY KEY,
    worker varchar(32) NOT NULL UNIQUE REFERENCES %1.workers_later (name),
    game_id integer REFERENCES %1.games (id),
    seen_at timestamptz NOT NULL DEFAULT now(), CHECK (length(worker) > 0));
CREATE INDEX system_heartbeats_seen_idx ON %1.system_heartbeats (seen_at);
CREATE TABLE %1.tags (id integer NOT NULL, label text, CONSTRAINT tags_pkey PRIMARY KEY (id));
CREATE TABLE %1.documents (id varchar(36) PRIMARY KEY,
    parent_document_id varchar(36) REFERENCES %1.documents (id), title text);
CREATE TABLE %1.document_questions (id integer PRIMARY KEY,
    document_id varchar(36) NOT NULL REFERENCES %1.documents (id) ON DELETE CASCADE);
CREATE TABLE %1.attachments (id uuid PRIMARY KEY, name text DEFAULT 'unnamed');
CREATE TABLE %1.attachment_refs (id integer PRIMARY KEY,
    attachment_id uuid REFERENCES %1.attachments (id));
CREATE TABLE %1.counters (id integer PRIMARY KEY, hits bigint NOT NULL, label varchar(40))
)SQL");

// workers_later must exist before system_heartbeats references it; it sorts after it, so
// the plan creates system_heartbeats first and adds that key once both tables exist.
const QString kExpectedPrelude =
    QStringLiteral("CREATE TABLE %1.workers_later (name varchar(32) PRIMARY KEY)");

const QString kDrifted = QStringLiteral(R"SQL(
CREATE TABLE %1.teams (id integer PRIMARY KEY, name varchar(64) NOT NULL);
CREATE TABLE %1.games (id integer PRIMARY KEY, team_id integer, kickoff timestamptz,
    home_score integer NOT NULL DEFAULT 0, notes text NOT NULL, rating integer DEFAULT 5,
    legacy_flag boolean);
CREATE INDEX games_legacy_idx ON %1.games (legacy_flag);
CREATE INDEX games_notes_idx ON %1.games (notes);
CREATE TABLE %1.tags (id integer NOT NULL, label text);
CREATE TABLE %1.documents (id uuid PRIMARY KEY,
    parent_document_id uuid REFERENCES %1.documents (id), title text);
CREATE TABLE %1.document_questions (id integer PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES %1.documents (id) ON DELETE CASCADE);
CREATE TABLE %1.attachments (id varchar(36) PRIMARY KEY, name text DEFAULT 'unnamed');
CREATE TABLE %1.attachment_refs (id integer PRIMARY KEY,
    attachment_id varchar(36) REFERENCES %1.attachments (id));
CREATE TABLE %1.counters (id integer PRIMARY KEY, hits integer NOT NULL, label varchar(20),
    team_ref integer CONSTRAINT counters_team_ref_fkey REFERENCES %1.teams (id));
CREATE TABLE %1.old_stuff (id integer PRIMARY KEY);
INSERT INTO %1.teams VALUES (1, 'reds'), (2, 'blues');
INSERT INTO %1.games VALUES (1, 1, '2026-01-01 12:00+00', 2, 'first', 5, true),
    (2, 2, NULL, 0, 'second', 4, NULL), (3, 1, '2026-02-01 12:00+00', 1, 'third', 5, false);
INSERT INTO %1.tags VALUES (1, 'a'), (2, NULL);
INSERT INTO %1.documents VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL, 'root'),
    ('b1eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'child'),
    ('c2eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL);
INSERT INTO %1.document_questions VALUES (1, 'b1eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'),
    (2, 'c2eebc99-9c0b-4ef8-bb6d-6bb9bd380a13');
INSERT INTO %1.attachments VALUES ('d3eebc99-9c0b-4ef8-bb6d-6bb9bd380a14', 'x'),
    ('e4eebc99-9c0b-4ef8-bb6d-6bb9bd380a15', NULL);
INSERT INTO %1.attachment_refs VALUES (1, 'd3eebc99-9c0b-4ef8-bb6d-6bb9bd380a14'), (2, NULL);
INSERT INTO %1.counters VALUES (1, 10, 'ten', 1), (2, 2147483647, NULL, NULL);
INSERT INTO %1.old_stuff VALUES (1)
)SQL");

struct Checked
{
    QString table;
    QStringList columns;
};

const QList<Checked> kData = {
    {QStringLiteral("teams"), {QStringLiteral("id"), QStringLiteral("name")}},
    {QStringLiteral("games"),
     {QStringLiteral("id"), QStringLiteral("team_id"), QStringLiteral("kickoff"),
      QStringLiteral("home_score"), QStringLiteral("notes"), QStringLiteral("rating")}},
    {QStringLiteral("tags"), {QStringLiteral("id"), QStringLiteral("label")}},
    {QStringLiteral("documents"),
     {QStringLiteral("id"), QStringLiteral("parent_document_id"), QStringLiteral("title")}},
    {QStringLiteral("document_questions"), {QStringLiteral("id"), QStringLiteral("document_id")}},
    {QStringLiteral("attachments"), {QStringLiteral("id"), QStringLiteral("name")}},
    {QStringLiteral("attachment_refs"), {QStringLiteral("id"), QStringLiteral("attachment_id")}},
    {QStringLiteral("counters"),
     {QStringLiteral("id"), QStringLiteral("hits"), QStringLiteral("label")}},
};

class TestFixPlannerPostgres : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_auditDir;
    std::unique_ptr<DbConnection> m_db;
    QStringList m_schemas;

    QString makeSchema()
    {
        const QString name = uniqueSchemaName(QStringLiteral("fixplan"));
        m_schemas.append(name);
        execScript(*m_db, QStringLiteral("CREATE SCHEMA ") + name);
        return name;
    }

    QMap<QString, QString> checksums(const QString &schema)
    {
        QMap<QString, QString> out;
        for (const Checked &c : kData)
            out.insert(c.table, checksum(*m_db, schema + QLatin1Char('.') + c.table, c.columns,
                                         QStringLiteral("id")));
        return out;
    }

    /// Expected then drifted shape in `schema`; returns {expected, actual}.
    std::pair<Schema, Schema> prepare(const QString &schema)
    {
        execScript(*m_db,
                   kExpectedPrelude.arg(schema) + QStringLiteral(";\n") + kExpected.arg(schema));
        Schema expected = introspectOrFail(*m_db, {schema});
        // The target of the deferred key stays only in the expected schema (it is one of
        // the missing tables); everything else is recreated drifted.
        execScript(*m_db, QStringLiteral("DROP SCHEMA %1 CASCADE;\nCREATE SCHEMA %1").arg(schema));
        execScript(*m_db, kDrifted.arg(schema));
        return {expected, introspectOrFail(*m_db, {schema})};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_auditDir.isValid());
        qputenv("MIGCONSOLE_AUDIT_LOG", m_auditDir.filePath(QStringLiteral("audit.log")).toUtf8());
        m_db = connectOrFail(postgresUrl());
        QVERIFY(m_db);
    }

    void cleanupTestCase()
    {
        for (const QString &schema : std::as_const(m_schemas))
            QSqlQuery(m_db->database())
                .exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
    }

    void everyKindIsFixedOnceAndRowsSurvive_data()
    {
        QTest::addColumn<bool>("includeDrops");
        QTest::newRow("keep extras") << false;
        QTest::newRow("include drops") << true;
    }

    void everyKindIsFixedOnceAndRowsSurvive()
    {
        QFETCH(bool, includeDrops);
        const QString schema = makeSchema();
        auto [expected, actual] = prepare(schema);
        const QList<Finding> findings = diffSchemas(expected, actual);
        QStringList allKinds;
        for (FindingKind kind : allFindingKinds())
            allKinds.append(findingKindName(kind));
        allKinds.sort();
        QCOMPARE(kindsOf(findings), allKinds); // the scenario covers every kind
        const QMap<QString, QString> before = checksums(schema);

        LiveFixFacts facts(*m_db);
        FixOptions options;
        options.includeDrops = includeDrops;
        const FixPlan plan = planFixes(expected, actual, findings, options, &facts);
        QVERIFY2(!plan.isEmpty(), "a plan");
        // Only extras (when drops are not asked for) stay unfixed.
        for (const UnfixedFinding &u : plan.unfixed) {
            QVERIFY2(!includeDrops, qPrintable(u.reason));
            QVERIFY2(findingKindName(u.finding.kind).startsWith(QLatin1String("extra_")),
                     qPrintable(u.reason));
        }

        const RunResult first = runStatements(*m_db, plan.statements);
        QVERIFY2(first.ok, qPrintable(first.error + QStringLiteral("\n") + plan.toSql()));
        const Schema fixed = introspectOrFail(*m_db, {schema});
        const QList<Finding> after = diffSchemas(expected, fixed);
        for (const Finding &f : after)
            QVERIFY2(!includeDrops && findingKindName(f.kind).startsWith(QLatin1String("extra_")),
                     qPrintable(describeFindings(after) + QStringLiteral("\n") + plan.toSql()));
        QCOMPARE(after.size(), includeDrops ? 0 : 5); // table, 2 columns, index, foreign key

        // The second run reads the preview text back, as the console's editor runs it.
        const RunResult second = runStatements(*m_db, statementsFromPreview(plan));
        QVERIFY2(second.ok, qPrintable(second.error));
        QVERIFY2(introspectOrFail(*m_db, {schema}) == fixed, "a second run changes nothing");

        const QMap<QString, QString> now = checksums(schema);
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QVERIFY2(now.value(it.key()) == it.value(),
                     qPrintable(it.key() + QStringLiteral(": ") + it.value() +
                                QStringLiteral(" → ") + now.value(it.key())));
        QVERIFY(before.value(QStringLiteral("documents")).startsWith(QLatin1String("3|")));
    }

    void typeChangeDropsAndRecreatesDependentKeysInOrder()
    {
        const QString schema = makeSchema();
        auto [expected, actual] = prepare(schema);
        const FixPlan plan =
            planFixes(expected, actual, diffSchemas(expected, actual), {}, nullptr);
        qsizetype dropQuestions = -1, changeId = -1, changeQuestion = -1, addQuestions = -1;
        for (qsizetype i = 0; i < plan.statements.size(); ++i) {
            const FixStatement &s = plan.statements.at(i);
            if (s.sql.contains(QLatin1String(
                    "DROP CONSTRAINT IF EXISTS \"document_questions_document_id_fkey\"")))
                dropQuestions = i;
            if (s.sql.contains(QLatin1String("ALTER COLUMN \"id\" TYPE varchar(36)")) &&
                s.summary.contains(QLatin1String("documents.id")))
                changeId = i;
            if (s.sql.contains(QLatin1String(
                    "ALTER COLUMN \"document_id\" TYPE varchar(36) USING \"document_id\"::text")))
                changeQuestion = i;
            if (s.sql.contains(
                    QLatin1String("ADD CONSTRAINT \"document_questions_document_id_fkey\"")))
                addQuestions = i;
        }
        QVERIFY(dropQuestions >= 0 && changeId > dropQuestions && changeQuestion > dropQuestions);
        QVERIFY(addQuestions > changeId && addQuestions > changeQuestion);
        QVERIFY(plan.statements.at(changeId).sql.contains(QLatin1String("format_type")));
    }

    void unconvertibleValuesAreCountedAndTheFixFailsWhole()
    {
        const QString schema = makeSchema();
        execScript(
            *m_db,
            QStringLiteral("CREATE TABLE %1.codes (id integer PRIMARY KEY, ref uuid)").arg(schema));
        const Schema expected = introspectOrFail(*m_db, {schema});
        execScript(
            *m_db,
            QStringLiteral(
                "DROP TABLE %1.codes;\nCREATE TABLE %1.codes (id integer PRIMARY KEY, ref "
                "varchar(36));\n"
                "INSERT INTO %1.codes VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, "
                "'not-a-uuid'),"
                " (3, NULL), (4, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), (5, 'xyz'), (6, '')")
                .arg(schema));
        const Schema actual = introspectOrFail(*m_db, {schema});
        const QString before =
            checksum(*m_db, schema + QStringLiteral(".codes"),
                     {QStringLiteral("id"), QStringLiteral("ref")}, QStringLiteral("id"));

        // Counted exactly, also inside a read-only transaction.
        LiveFixFacts facts(*m_db);
        QVERIFY(QSqlQuery(m_db->database()).exec(QStringLiteral("BEGIN READ ONLY")));
        const std::optional<qint64> bad = facts.unconvertibleRows(
            schema, QStringLiteral("codes"), QStringLiteral("ref"), QStringLiteral("uuid"));
        QVERIFY(QSqlQuery(m_db->database()).exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(bad, std::optional<qint64>(3)); // 'not-a-uuid', 'xyz', ''

        const QList<Finding> findings = diffSchemas(expected, actual);
        QCOMPARE(findings.size(), 1);
        const FixPlan plan = planFixes(expected, actual, findings, {}, &facts);
        QCOMPARE(plan.statements.size(), 1);
        QVERIFY2(plan.statements.first()
                     .hazards.join(QLatin1Char('\n'))
                     .contains(QLatin1String("3 rows of ") + schema +
                               QStringLiteral(".codes.ref would not convert to uuid")),
                 qPrintable(plan.statements.first().hazards.join(QLatin1Char('\n'))));

        const RunResult run = runStatements(*m_db, plan.statements);
        QVERIFY(!run.ok);
        QVERIFY2(run.error.contains(QLatin1String("uuid")), qPrintable(run.error));
        QCOMPARE(introspectOrFail(*m_db, {schema}), actual);
        QCOMPARE(checksum(*m_db, schema + QStringLiteral(".codes"),
                          {QStringLiteral("id"), QStringLiteral("ref")}, QStringLiteral("id")),
                 before);
    }

    void narrowingToVarcharCountsLongValuesAndNeverTruncates()
    {
        const QString schema = makeSchema();
        execScript(*m_db,
                   QStringLiteral("CREATE TABLE %1.names (id integer PRIMARY KEY, name varchar(4))")
                       .arg(schema));
        const Schema expected = introspectOrFail(*m_db, {schema});
        execScript(
            *m_db,
            QStringLiteral(
                "DROP TABLE %1.names;\nCREATE TABLE %1.names (id integer PRIMARY KEY, name text);\n"
                "INSERT INTO %1.names VALUES (1, 'abcd'), (2, 'abcdef'), (3, NULL)")
                .arg(schema));
        const Schema actual = introspectOrFail(*m_db, {schema});
        LiveFixFacts facts(*m_db);
        const FixPlan plan = planFixes(expected, actual, diffSchemas(expected, actual), {}, &facts);
        QCOMPARE(plan.statements.size(), 1);
        QVERIFY(plan.statements.first()
                    .hazards.join(QLatin1Char('\n'))
                    .contains(QLatin1String("1 row of")));
        const RunResult run = runStatements(*m_db, plan.statements);
        QVERIFY2(!run.ok && run.error.contains(QLatin1String("too long")), qPrintable(run.error));
    }

    void serialWidensWithItsSequence()
    {
        const QString schema = makeSchema();
        execScript(*m_db,
                   QStringLiteral("CREATE TABLE %1.events (id bigserial PRIMARY KEY, name text)")
                       .arg(schema));
        const Schema expected = introspectOrFail(*m_db, {schema});
        execScript(*m_db, QStringLiteral("DROP TABLE %1.events;\nCREATE TABLE %1.events (id serial "
                                         "PRIMARY KEY, name text);\n"
                                         "INSERT INTO %1.events (name) VALUES ('a'), ('b')")
                              .arg(schema));
        const Schema actual = introspectOrFail(*m_db, {schema});
        const QList<Finding> findings = diffSchemas(expected, actual);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().kind, FindingKind::TypeMismatch);
        const FixPlan plan = planFixes(expected, actual, findings, {}, nullptr);
        QVERIFY2(runStatements(*m_db, plan.statements).ok, qPrintable(plan.toSql()));
        QVERIFY2(runStatements(*m_db, statementsFromPreview(plan)).ok, "second run");
        QVERIFY(diffSchemas(expected, introspectOrFail(*m_db, {schema})).isEmpty());
        QSqlQuery q(m_db->database());
        QVERIFY(q.exec(QStringLiteral("SELECT s.seqtypid::regtype::text, "
                                      "nextval('%1.events_id_seq') FROM pg_catalog.pg_sequence s "
                                      "WHERE s.seqrelid = '%1.events_id_seq'::regclass")
                           .arg(schema)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("bigint"));
        QCOMPARE(q.value(1).toLongLong(), 3); // the sequence kept its position
    }

    void concurrentIndexRunsOutsideTheTransaction()
    {
        const QString schema = makeSchema();
        execScript(*m_db, QStringLiteral("CREATE TABLE %1.t (id integer PRIMARY KEY, a integer);\n"
                                         "CREATE UNIQUE INDEX t_a_idx ON %1.t (a) WHERE a > 0")
                              .arg(schema));
        const Schema expected = introspectOrFail(*m_db, {schema});
        execScript(*m_db,
                   QStringLiteral(
                       "DROP INDEX %1.t_a_idx;\nINSERT INTO %1.t VALUES (1, 1), (2, -1), (3, -1)")
                       .arg(schema));
        const Schema actual = introspectOrFail(*m_db, {schema});
        FixOptions options;
        options.concurrentIndexes = true;
        const FixPlan plan =
            planFixes(expected, actual, diffSchemas(expected, actual), options, nullptr);
        QCOMPARE(plan.statements.size(), 1);
        QVERIFY(!plan.statements.first().inTransaction);
        QVERIFY(plan.statements.first().sql.startsWith(
            QLatin1String("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS")));
        QVERIFY(plan.toSql().contains(QLatin1String("OUTSIDE the transaction")));
        QVERIFY2(runStatements(*m_db, plan.statements).ok, "concurrent build");
        QVERIFY2(runStatements(*m_db, plan.statements).ok, "second run");
        QVERIFY(diffSchemas(expected, introspectOrFail(*m_db, {schema})).isEmpty());
    }
};

} // namespace

QTEST_GUILESS_MAIN(TestFixPlannerPostgres)
#include "test_fix_planner_postgres.moc"
