// Splitting SQL scripts into statements without breaking quotes, comments or $$ bodies.

#include "util/SqlStatementSplitter.h"

#include <QTest>

using namespace migconsole;

class TestSqlStatementSplitter : public QObject
{
    Q_OBJECT

private slots:
    void splits()
    {
        const QString script = QStringLiteral(
            "-- header; not a statement\n"
            "CREATE TABLE a (x text DEFAULT 'a;b');\n"
            "\n"
            "/* block; comment */ INSERT INTO a VALUES ('it''s; fine');\n"
            "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
            "DO $$ BEGIN PERFORM 1; END $$;\n"
            "SELECT \"odd;name\" FROM a\n");
        const QList<SqlStatement> statements = splitSqlStatements(script);
        QCOMPARE(statements.size(), 5);
        QCOMPARE(statements[0].text, QStringLiteral("-- header; not a statement\nCREATE TABLE a (x text DEFAULT 'a;b')"));
        QCOMPARE(statements[1].line, 4);
        QVERIFY(statements[2].text.endsWith(QStringLiteral("LANGUAGE sql")));
        QCOMPARE(statements[3].text, QStringLiteral("DO $$ BEGIN PERFORM 1; END $$"));
        QCOMPARE(statements[4].text, QStringLiteral("SELECT \"odd;name\" FROM a"));
        QCOMPARE(statements[4].line, 7);
    }

    // A trigger body's statements end with ';' too: the CREATE ends after END.
    void triggerBodiesStayWhole()
    {
        const QString script = QStringLiteral(
            "-- keeps the stamp fresh; recreated by a rebuild\n"
            "CREATE TRIGGER touch AFTER UPDATE ON t FOR EACH ROW\n"
            "BEGIN\n"
            "  UPDATE t SET at = 'x;y' WHERE id = NEW.id;\n"
            "  INSERT INTO log VALUES (NEW.id);\n"
            "END;\n"
            "CREATE TABLE after_it (x int);\n"
            "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
            "CREATE FUNCTION h() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;\n"
            "SELECT 3;\n");
        const QList<SqlStatement> statements = splitSqlStatements(script);
        QCOMPARE(statements.size(), 5);
        QVERIFY(statements[0].text.endsWith(QStringLiteral("INSERT INTO log VALUES (NEW.id);\nEND")));
        QCOMPARE(statements[1].text, QStringLiteral("CREATE TABLE after_it (x int)"));
        QVERIFY(statements[2].text.endsWith(QStringLiteral("SELECT 2; END")));
        QVERIFY(statements[3].text.endsWith(QStringLiteral("LANGUAGE plpgsql")));
        QCOMPARE(statements[4].text, QStringLiteral("SELECT 3"));
    }

    void dropsEmptyStatements()
    {
        QCOMPARE(splitSqlStatements(QStringLiteral(";;  ; -- only a comment\n")).size(), 0);
        QCOMPARE(splitSqlStatements(QString()).size(), 0);
    }

    void positionalParameterIsNotADollarQuote()
    {
        const auto statements = splitSqlStatements(QStringLiteral("SELECT $1; SELECT 2;"));
        QCOMPARE(statements.size(), 2);
    }

    void malformedInputEndsCleanly()
    {
        QCOMPARE(splitSqlStatements(QStringLiteral("SELECT 'unterminated; SELECT 2")).size(), 1);
        QCOMPARE(splitSqlStatements(QStringLiteral("SELECT 1; /* never closed ; ")).size(), 1);
        QCOMPARE(splitSqlStatements(QStringLiteral("DO $x$ no end; ")).size(), 1);
    }
};

QTEST_APPLESS_MAIN(TestSqlStatementSplitter)
#include "test_sql_statement_splitter.moc"
