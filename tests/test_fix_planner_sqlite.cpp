// The fix planner against a real SQLite file: the expected shape is created and
// introspected, then replaced by a drifted shape WITH DATA (every finding kind, the
// uuid ↔ varchar(36) change with dependent keys both ways), the plan is run as the
// executor runs it, and the diff must be clean, a second run must skip every guarded
// statement and change nothing, rows must survive, and views and triggers must outlive
// the table rebuilds.

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
CREATE TABLE teams (id integer PRIMARY KEY, name varchar(64) NOT NULL, short_name varchar(8),
    CONSTRAINT teams_name_key UNIQUE (name));
CREATE TABLE games (id integer PRIMARY KEY, team_id integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    kickoff timestamp, home_score integer NOT NULL DEFAULT 0 CHECK (home_score >= 0),
    notes text, rating integer DEFAULT 3, external_game_key varchar(64));
CREATE INDEX games_kickoff_idx ON games (kickoff DESC);
CREATE INDEX games_notes_idx ON games (lower(notes));
CREATE TABLE system_heartbeats (id integer PRIMARY KEY, worker varchar(32) NOT NULL UNIQUE REFERENCES workers (name),
    seen_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CHECK (length(worker) > 0));
CREATE INDEX system_heartbeats_seen_idx ON system_heartbeats (seen_at);
CREATE TABLE workers (name varchar(32) PRIMARY KEY);
CREATE TABLE tags (id integer NOT NULL, label text, PRIMARY KEY (id));
CREATE TABLE documents (id varchar(36) PRIMARY KEY, parent_document_id varchar(36) REFERENCES documents (id), title text);
CREATE TABLE document_questions (id integer PRIMARY KEY,
    document_id varchar(36) NOT NULL REFERENCES documents (id) ON DELETE CASCADE);
CREATE TABLE attachments (id uuid PRIMARY KEY, name text);
CREATE TABLE attachment_refs (id integer PRIMARY KEY, attachment_id uuid REFERENCES attachments (id));
CREATE TABLE counters (id integer PRIMARY KEY, hits bigint NOT NULL, label varchar(40))
)SQL");

const QString kDrifted = QStringLiteral(R"SQL(
CREATE TABLE teams (id integer PRIMARY KEY, name varchar(64) NOT NULL);
CREATE TABLE games (id integer PRIMARY KEY, team_id integer, kickoff timestamp,
    home_score integer NOT NULL DEFAULT 0, notes text NOT NULL, rating integer DEFAULT 5, legacy_flag boolean);
CREATE INDEX games_legacy_idx ON games (legacy_flag);
CREATE INDEX games_notes_idx ON games (notes);
CREATE TABLE tags (id integer NOT NULL, label text);
CREATE TABLE documents (id uuid PRIMARY KEY, parent_document_id uuid REFERENCES documents (id), title text);
CREATE TABLE document_questions (id integer PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE);
CREATE TABLE attachments (id varchar(36) PRIMARY KEY, name text);
CREATE TABLE attachment_refs (id integer PRIMARY KEY, attachment_id varchar(36) REFERENCES attachments (id));
CREATE TABLE counters (id integer PRIMARY KEY, hits integer NOT NULL, label varchar(20),
    team_ref integer REFERENCES teams (id));
CREATE TABLE old_stuff (id integer PRIMARY KEY);
CREATE VIEW game_notes AS SELECT id, notes FROM games;
CREATE TRIGGER games_touch AFTER UPDATE ON games BEGIN UPDATE counters SET hits = hits + 1 WHERE id = 1; END;
CREATE TRIGGER counters_read AFTER INSERT ON tags BEGIN SELECT id FROM games; END;
INSERT INTO teams VALUES (1, 'reds'), (2, 'blues');
INSERT INTO games VALUES (1, 1, '2026-01-01 12:00', 2, 'first', 5, 1), (2, 2, NULL, 0, 'second', 4, NULL),
    (3, 1, '2026-02-01 12:00', 1, 'third', 5, 0);
INSERT INTO tags VALUES (1, 'a'), (2, NULL);
INSERT INTO documents VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL, 'root'),
    ('b1eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'child');
INSERT INTO document_questions VALUES (1, 'b1eebc99-9c0b-4ef8-bb6d-6bb9bd380a12');
INSERT INTO attachments VALUES ('d3eebc99-9c0b-4ef8-bb6d-6bb9bd380a14', 'x');
INSERT INTO attachment_refs VALUES (1, 'd3eebc99-9c0b-4ef8-bb6d-6bb9bd380a14'), (2, NULL);
INSERT INTO counters VALUES (1, 10, 'ten', 1), (2, 2147483647, NULL, NULL);
INSERT INTO old_stuff VALUES (1)
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

class TestFixPlannerSqlite : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<DbConnection> openFresh()
    {
        const QString path = m_dir.filePath(QStringLiteral("fix%1.sqlite").arg(++m_files));
        const auto url = ConnectionUrl::parse(QStringLiteral("sqlite:///") + path);
        if (!url)
            return nullptr;
        ConnectionSettings settings;
        settings.url = *url;
        settings.createSqliteFile = true;
        auto connection = DbConnection::open(settings);
        return connection ? std::move(connection).value() : nullptr;
    }

    static void dropEverything(DbConnection &db)
    {
        QSqlQuery list(db.database());
        list.exec(
            QStringLiteral("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
                           "AND type IN ('table', 'view')"));
        QStringList drops;
        while (list.next())
            drops.append(QStringLiteral("DROP %1 \"%2\"")
                             .arg(list.value(0).toString().toUpper(), list.value(1).toString()));
        for (const QString &drop : std::as_const(drops))
            QSqlQuery(db.database()).exec(drop);
    }

    static QMap<QString, QString> checksums(DbConnection &db)
    {
        QMap<QString, QString> out;
        for (const Checked &c : kData)
            out.insert(c.table, checksum(db, QLatin1Char('"') + c.table + QLatin1Char('"'),
                                         c.columns, QStringLiteral("id")));
        return out;
    }

    static QStringList objects(DbConnection &db, const QString &type)
    {
        QSqlQuery q(db.database());
        q.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = '%1' ORDER BY name")
                   .arg(type));
        QStringList names;
        while (q.next())
            names.append(q.value(0).toString());
        return names;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("MIGCONSOLE_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.log")).toUtf8());
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
        auto db = openFresh();
        QVERIFY(db);
        const QStringList main = {QStringLiteral("main")};
        QVERIFY(execScript(*db, kExpected));
        const Schema expected = introspectOrFail(*db, main);
        dropEverything(*db);
        QVERIFY(execScript(*db, kDrifted));
        const Schema actual = introspectOrFail(*db, main);
        const QList<Finding> findings = diffSchemas(expected, actual);
        QStringList allKinds;
        for (FindingKind kind : allFindingKinds())
            allKinds.append(findingKindName(kind));
        allKinds.sort();
        QVERIFY2(kindsOf(findings) == allKinds, qPrintable(describeFindings(findings)));
        const QMap<QString, QString> before = checksums(*db);

        LiveFixFacts facts(*db);
        FixOptions options;
        options.includeDrops = includeDrops;
        const FixPlan plan = planFixes(expected, actual, findings, options, &facts);
        for (const UnfixedFinding &u : plan.unfixed)
            QVERIFY2(!includeDrops &&
                         findingKindName(u.finding.kind).startsWith(QLatin1String("extra_")),
                     qPrintable(u.reason));

        const RunResult first = runStatements(*db, plan.statements);
        QVERIFY2(first.ok, qPrintable(first.error + QStringLiteral("\n") + plan.toSql()));
        const Schema fixed = introspectOrFail(*db, main);
        const QList<Finding> after = diffSchemas(expected, fixed);
        for (const Finding &f : after)
            QVERIFY2(!includeDrops && findingKindName(f.kind).startsWith(QLatin1String("extra_")),
                     qPrintable(describeFindings(after) + QStringLiteral("\n") + plan.toSql()));
        QVERIFY2(after.size() == (includeDrops ? 0 : 5), qPrintable(describeFindings(after)));

        // Guards skip every rebuild step and every ADD COLUMN the second time.
        // The plan's own statements: its preview text cannot be split back while a trigger
        // is recreated (the splitter does not know SQLite's BEGIN … END bodies).
        const RunResult second = runStatements(*db, plan.statements);
        QVERIFY2(second.ok, qPrintable(second.error));
        int guarded = 0;
        for (const FixStatement &s : plan.statements)
            guarded += s.skipIfSql.isEmpty() ? 0 : 1;
        QVERIFY(guarded > 0);
        QCOMPARE(second.skipped, guarded);
        QVERIFY2(introspectOrFail(*db, main) == fixed, "a second run changes nothing");

        const QMap<QString, QString> now = checksums(*db);
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QVERIFY2(now.value(it.key()) == it.value(),
                     qPrintable(it.key() + QStringLiteral(": ") + it.value() +
                                QStringLiteral(" → ") + now.value(it.key())));
        QCOMPARE(objects(*db, QStringLiteral("view")), QStringList{QStringLiteral("game_notes")});
        QCOMPARE(objects(*db, QStringLiteral("trigger")),
                 (QStringList{QStringLiteral("counters_read"), QStringLiteral("games_touch")}));
        QVERIFY(QSqlQuery(db->database()).exec(QStringLiteral("SELECT count(*) FROM game_notes")));
        QSqlQuery check(db->database());
        QVERIFY(check.exec(QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check")));
        QVERIFY(check.next());
        QCOMPARE(check.value(0).toInt(), 0);
    }

    void aRebuildThatBreaksAKeyAppliesNothing()
    {
        auto db = openFresh();
        QVERIFY(db);
        const QStringList main = {QStringLiteral("main")};
        QVERIFY(execScript(*db, QStringLiteral("CREATE TABLE teams (id integer PRIMARY KEY);\n"
                                               "CREATE TABLE games (id integer PRIMARY KEY, "
                                               "team_id integer REFERENCES teams (id))")));
        const Schema expected = introspectOrFail(*db, main);
        QVERIFY(execScript(
            *db,
            QStringLiteral(
                "DROP TABLE games;\nCREATE TABLE games (id integer PRIMARY KEY, team_id integer);\n"
                "INSERT INTO teams VALUES (1);\nINSERT INTO games VALUES (1, 1), (2, 99)")));
        const Schema actual = introspectOrFail(*db, main);
        const QString before =
            checksum(*db, QStringLiteral("games"),
                     {QStringLiteral("id"), QStringLiteral("team_id")}, QStringLiteral("id"));
        LiveFixFacts facts(*db);
        const FixPlan plan = planFixes(expected, actual, diffSchemas(expected, actual), {}, &facts);
        QVERIFY(!plan.isEmpty());
        const RunResult run = runStatements(*db, plan.statements);
        QVERIFY2(!run.ok && run.error.contains(QLatin1String("reference missing rows")),
                 qPrintable(run.error));
        QCOMPARE(introspectOrFail(*db, main), actual);
        QCOMPARE(checksum(*db, QStringLiteral("games"),
                          {QStringLiteral("id"), QStringLiteral("team_id")}, QStringLiteral("id")),
                 before);
    }

    void whatARebuildWouldLoseIsLeftUnfixed()
    {
        auto db = openFresh();
        QVERIFY(db);
        const QStringList main = {QStringLiteral("main")};
        QVERIFY(execScript(*db, QStringLiteral("CREATE TABLE log (id integer PRIMARY KEY "
                                               "AUTOINCREMENT, note text NOT NULL)")));
        const Schema expected = introspectOrFail(*db, main);
        QVERIFY(execScript(*db, QStringLiteral("DROP TABLE log;\nCREATE TABLE log (id integer "
                                               "PRIMARY KEY AUTOINCREMENT, note text)")));
        const Schema actual = introspectOrFail(*db, main);
        LiveFixFacts facts(*db);
        const FixPlan plan = planFixes(expected, actual, diffSchemas(expected, actual), {}, &facts);
        QVERIFY(plan.isEmpty());
        QCOMPARE(plan.unfixed.size(), 1);
        QVERIFY2(plan.unfixed.first().reason.contains(QLatin1String("uses AUTOINCREMENT")),
                 qPrintable(plan.unfixed.first().reason));
    }

    void unconvertibleValuesAreCounted()
    {
        auto db = openFresh();
        QVERIFY(db);
        const QStringList main = {QStringLiteral("main")};
        QVERIFY(execScript(
            *db, QStringLiteral("CREATE TABLE codes (id integer PRIMARY KEY, ref integer)")));
        const Schema expected = introspectOrFail(*db, main);
        QVERIFY(execScript(
            *db,
            QStringLiteral(
                "DROP TABLE codes;\nCREATE TABLE codes (id integer PRIMARY KEY, ref varchar(36));\n"
                "INSERT INTO codes VALUES (1, '12'), (2, 'not-a-number'), (3, NULL), (4, ' 7 '), "
                "(5, 'x1'), (6, '1.5')")));
        const Schema actual = introspectOrFail(*db, main);
        LiveFixFacts facts(*db);
        QCOMPARE(facts.unconvertibleRows(QStringLiteral("main"), QStringLiteral("codes"),
                                         QStringLiteral("ref"), QStringLiteral("integer")),
                 std::optional<qint64>(2));
        const FixPlan plan = planFixes(expected, actual, diffSchemas(expected, actual), {}, &facts);
        const QString hazards = plan.statements.value(0).hazards.join(QLatin1Char('\n'));
        QVERIFY2(hazards.contains(QLatin1String("2 rows of codes.ref would not convert")),
                 qPrintable(hazards));
        QVERIFY2(runStatements(*db, plan.statements).ok, "SQLite keeps what does not convert");
        // No trigger here: the preview text reads back, and every guarded step is skipped.
        const QList<FixStatement> back = statementsFromPreview(plan);
        QCOMPARE(back.size(), plan.statements.size());
        const RunResult again = runStatements(*db, back);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.skipped, 5);
        QSqlQuery q(db->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM codes WHERE typeof(ref) = 'text'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2); // exactly the rows counted stayed text
        QVERIFY(diffSchemas(expected, introspectOrFail(*db, main)).isEmpty());
    }
};

} // namespace

QTEST_GUILESS_MAIN(TestFixPlannerSqlite)
#include "test_fix_planner_sqlite.moc"
