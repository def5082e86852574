// Hostile identifiers on SQLite (issue 8): the names of HostileIdentifiers.h through
// introspect (catalogue pragmas and the stored CREATE text) → diff → fix (table rebuilds)
// → apply → check, the CLI's JSON and text, and an Alembic project (batch mode where SQLite
// cannot ALTER) replayed and compared with the file real Alembic upgraded.

#include "DriftTestSupport.h"
#include "FixTestSupport.h"
#include "HostileIdentifiers.h"
#include "fix/FixPlanner.h"
#include "fix/LiveFixFacts.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::hostile;

namespace {

const QString kMain = QStringLiteral("main");

FindingNames namesOf(const QList<Finding> &findings)
{
    FindingNames out;
    for (const Finding &f : findings)
        out.insert({findingKindName(f.kind), f.table, f.object});
    return out;
}

FindingNames namesOfJson(const QJsonObject &report)
{
    FindingNames out;
    for (const QJsonObject &f : test::drift::objects(report.value(QStringLiteral("drift")))) {
        const QString kind = f.value(QStringLiteral("kind")).toString();
        const QString key = test::drift::objectKeyOf(kind);
        out.insert({kind, f.value(QStringLiteral("table")).toString(),
                    key.isEmpty() ? QString() : f.value(key).toString()});
    }
    return out;
}

QString describe(const FindingNames &set)
{
    QStringList lines;
    for (const auto &[kind, table, object] : set)
        lines.append(kind + QStringLiteral(" | ") + table + QStringLiteral(" | ") + object);
    return lines.join(QLatin1Char('\n'));
}

QString url(const QString &path)
{
    return QStringLiteral("sqlite:///") + path;
}

} // namespace

class TestHostileIdentifiersSqlite : public QObject
{
    Q_OBJECT

    QTemporaryDir m_temp;
    QString m_reference; ///< database files
    QString m_target;
    Schema m_expected;
    int m_copies = 0;

    QString targetCopy()
    {
        const QString path = m_temp.filePath(QStringLiteral("copy%1.db").arg(++m_copies));
        if (!QFile::copy(m_target, path))
            QTest::qFail(qPrintable(QStringLiteral("cannot copy to ") + path), __FILE__, __LINE__);
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_temp.isValid());
        qputenv("MIGCONSOLE_AUDIT_LOG", m_temp.filePath(QStringLiteral("audit.log")).toUtf8());
        for (bool reference : {true, false}) {
            const QString path = m_temp.filePath(reference ? QStringLiteral("reference.db")
                                                           : QStringLiteral("target.db"));
            QVERIFY(writeFile(path, {}));
            auto db = connectOrFail(url(path));
            QVERIFY(db);
            QVERIFY(run(*db, schemaStatements(false, reference)));
            (reference ? m_reference : m_target) = path;
            if (reference)
                m_expected = test::fix::introspectOrFail(*db, {});
        }
    }

    void introspectionKeepsEveryNameByteExact()
    {
        const Table *table = m_expected.table(kMain, kTable);
        QVERIFY2(table, "the hostile table is read under its own name");
        QStringList columns;
        for (const Column &c : table->columns)
            columns.append(c.name);
        QCOMPARE(columns, tableColumns());
        QVERIFY(table->primaryKey);
        QCOMPARE(table->primaryKey->name, kPrimaryKey);
        QCOMPARE(table->primaryKey->columns, QStringList{kKey});
        QCOMPARE(table->uniques.size(), 1);
        QCOMPARE(table->uniques.first().name, kUnique);
        QCOMPARE(table->uniques.first().columns, (QStringList{kGroesse, kHan}));
        QCOMPARE(table->checks.size(), 1);
        QCOMPARE(table->checks.first().name, kCheck);
        QCOMPARE(table->checks.first().expression, q(kDotted) + QStringLiteral(" > 0"));
        QCOMPARE(table->foreignKeys.size(), 1);
        QCOMPARE(table->foreignKeys.first().name, kForeignKey);
        QCOMPARE(table->foreignKeys.first().columns, QStringList{kUser});
        QCOMPARE(table->foreignKeys.first().referencedTable, kUserTable);
        QCOMPARE(table->foreignKeys.first().referencedColumns, QStringList{QStringLiteral("id")});
        const Index *index = table->index(kIndex);
        QVERIFY(index);
        QCOMPARE(index->columns, (QStringList{kMixedCase, kEmoji + QStringLiteral(" DESC")}));
        const Index *longIndex = table->index(kLongIndex);
        QVERIFY(longIndex);
        QCOMPARE(longIndex->columns, (QStringList{kBackslash, kComment}));
        QVERIFY(table->index(kExpressionIndex));
        const Table *missing = m_expected.table(kMain, kMissingTable);
        QVERIFY(missing);
        QCOMPARE(missing->foreignKeys.size(), 1);
        QCOMPARE(missing->foreignKeys.first().name, kMissingKey);
        QCOMPARE(missing->foreignKeys.first().referencedTable, kTable);
        QVERIFY(m_expected.table(kMain, kLongTable));
        QCOMPARE(m_expected.table(kMain, kLongTable)->columns.first().name, kLongColumn);
    }

    void diffFindsExactlyTheDriftByName()
    {
        auto db = connectOrFail(url(m_target));
        QVERIFY(db);
        const FindingNames found = namesOf(diffSchemas(m_expected, test::fix::introspectOrFail(*db, {})));
        QVERIFY2(found == expectedFindings(),
                 qPrintable(describe(found) + QStringLiteral("\n--- expected ---\n") +
                            describe(expectedFindings())));
    }

    void fixQuotesEveryNameAndApplyLeavesNoDrift()
    {
        auto db = connectOrFail(url(targetCopy()));
        QVERIFY(db);
        const Schema before = test::fix::introspectOrFail(*db, {});
        LiveFixFacts facts(*db);
        const FixPlan plan = planFixes(m_expected, before, diffSchemas(m_expected, before), {}, &facts);
        QVERIFY2(plan.unfixed.isEmpty(), qPrintable(plan.toSql()));
        const QString sql = plan.toSql();
        QVERIFY2(sql.contains(QStringLiteral("\"Order \"\"Items\"\"\"")), qPrintable(sql));
        QVERIFY2(!sql.contains(QStringLiteral("\"Order \"Items\"\"")), qPrintable(sql));

        const test::fix::RunResult first = test::fix::runStatements(*db, plan.statements);
        QVERIFY2(first.ok, qPrintable(first.error + QStringLiteral("\n") + sql));
        const Schema fixed = test::fix::introspectOrFail(*db, {});
        const QList<Finding> after = diffSchemas(m_expected, fixed);
        QVERIFY2(after.isEmpty(), qPrintable(test::fix::describeFindings(after) + QStringLiteral("\n") + sql));

        const test::fix::RunResult second = test::fix::runStatements(*db, test::fix::statementsFromPreview(plan));
        QVERIFY2(second.ok, qPrintable(second.error));
        QVERIFY2(test::fix::introspectOrFail(*db, {}) == fixed, "a second run changes nothing");
        // The row survived the rebuild, every hostile value intact.
        QSqlQuery row(db->database());
        QVERIFY(row.exec(QStringLiteral("SELECT %1, %2, %3 FROM %4")
                             .arg(q(kQuoted), q(kGroesse), q(kUser), q(kTable))));
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toString(), QStringLiteral("ä \"x\" 'y'"));
        QCOMPARE(row.value(1).toString(), QStringLiteral("G"));
        QCOMPARE(row.value(2).toInt(), 7);
    }

    void cliCheckCarriesTheNamesIntact()
    {
        const test::drift::CliRun json = test::drift::runCli({QStringLiteral("check"), QStringLiteral("--db"), url(m_target),
                                                  QStringLiteral("--reference"), url(m_reference),
                                                  QStringLiteral("--format"), QStringLiteral("json")});
        DRIFT_VERIFY2(json.parsed && json.exitCode == 1, QStringLiteral("exit 1 with JSON"), json.describe());
        const FindingNames found = namesOfJson(json.json);
        DRIFT_VERIFY2(found == expectedFindings(), describe(found), json.describe());

        const test::drift::CliRun text = test::drift::runCli({QStringLiteral("check"), QStringLiteral("--db"), url(m_target),
                                                  QStringLiteral("--reference"), url(m_reference)});
        QCOMPARE(text.exitCode, 1);
        const QString out = QString::fromUtf8(text.out);
        for (const auto &[kind, table, object] : expectedFindings()) {
            // The report prints the path as the names are, byte for byte.
            const QString path = kMain + QLatin1Char('.') + table +
                                 (object.isEmpty() ? QString() : QLatin1Char('.') + object);
            DRIFT_VERIFY2(out.contains(path), kind + QLatin1Char(' ') + path, text.describe());
        }
    }

    void alembicReplayMatchesTheUpgradedDatabase()
    {
        const QString path = m_temp.filePath(QStringLiteral("alembic.db"));
        QVERIFY(writeFile(path, {}));
        const QString project = m_temp.filePath(QStringLiteral("alembic"));
        RealAlembic alembic(project, url(path));
        QVERIFY(writeFile(project + QStringLiteral("/versions/a1_hostile.py"),
                          alembicRevision(false, QStringLiteral("a1"), {})));
        const auto up = alembic.run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));

        const test::drift::CliRun clean = test::drift::runCheck(url(path), project);
        DRIFT_VERIFY2(clean.parsed && clean.exitCode == 0, QStringLiteral("clean at head"), clean.describe());
        DRIFT_VERIFY2(clean.json.value(QStringLiteral("warnings")).toArray().isEmpty(),
                      QStringLiteral("no warnings"), clean.describe());

        auto db = connectOrFail(url(path));
        QVERIFY(db);
        QVERIFY(run(*db, {QStringLiteral("DROP INDEX %1").arg(q(kIndex)),
                          QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(q(kTable), q(kApostrophe))}));
        db.reset();
        const test::drift::CliRun drifted = test::drift::runCheck(url(path), project);
        const FindingNames found = namesOfJson(drifted.json);
        const FindingNames want = {{QStringLiteral("missing_column"), kTable, kApostrophe},
                               {QStringLiteral("missing_index"), kTable, kIndex}};
        DRIFT_VERIFY2(drifted.exitCode == 1 && found == want, describe(found), drifted.describe());
        for (const QJsonObject &f : test::drift::objects(drifted.json.value(QStringLiteral("drift"))))
            QCOMPARE(f.value(QStringLiteral("origin")).toObject().value(QStringLiteral("file")).toString(),
                     QStringLiteral("versions/a1_hostile.py"));
    }
};

QTEST_GUILESS_MAIN(TestHostileIdentifiersSqlite)
#include "test_hostile_identifiers_sqlite.moc"
