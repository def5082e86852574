// Hostile identifiers on a real PostgreSQL (issue 8): names with quotes, spaces, dots, mixed
// case, unicode, reserved words, `\`, `;` / `--`, `$$` and 63-byte multibyte names
// (HostileIdentifiers.h) in a hostile schema, through introspect → diff → fix → apply →
// check, the CLI's JSON and text, and an Alembic project replayed and compared with the
// database real Alembic upgraded; a 64-byte name is cut as PostgreSQL cuts it, with a warning.

#include "DriftTestSupport.h"
#include "FixTestSupport.h"
#include "HostileIdentifiers.h"
#include "ThrowawayDatabases.h"
#include "fix/FixPlanner.h"
#include "fix/LiveFixFacts.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::hostile;

namespace {

const QString kSchema = QStringLiteral("Sch.ema \"1\"; --x");

/// (kind, table, object) of each finding, for comparing with expectedFindings().
FindingNames namesOf(const QList<Finding> &findings)
{
    FindingNames out;
    for (const Finding &f : findings)
        out.insert({findingKindName(f.kind), f.table, f.object});
    return out;
}

FindingNames namesOfJson(const QJsonObject &report, QString *schemas)
{
    FindingNames out;
    for (const QJsonObject &f : test::drift::objects(report.value(QStringLiteral("drift")))) {
        const QString kind = f.value(QStringLiteral("kind")).toString();
        const QString key = test::drift::objectKeyOf(kind);
        out.insert({kind, f.value(QStringLiteral("table")).toString(),
                    key.isEmpty() ? QString() : f.value(key).toString()});
        schemas->append(f.value(QStringLiteral("schema")).toString() + QLatin1Char('\n'));
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

} // namespace

class TestHostileIdentifiersPostgres : public QObject
{
    Q_OBJECT

    ThrowawayDatabases m_databases;
    QTemporaryDir m_temp;
    QString m_reference; ///< database names
    QString m_target;
    Schema m_expected;

    /// A fresh copy of the drifted target database, connected.
    std::pair<QString, std::unique_ptr<DbConnection>> targetCopy()
    {
        const QString name = m_databases.create(QStringLiteral("hostile_copy"), m_target);
        return {name, name.isEmpty() ? nullptr : connectOrFail(m_databases.url(name))};
    }

    static const Table *hostileTable(const Schema &schema)
    {
        return schema.table(kSchema, kTable);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_temp.isValid());
        qputenv("MIGCONSOLE_AUDIT_LOG", m_temp.filePath(QStringLiteral("audit.log")).toUtf8());
        QVERIFY(m_databases.open());
        for (bool reference : {true, false}) {
            const QString name = m_databases.create(QStringLiteral("hostile_base"));
            QVERIFY(!name.isEmpty());
            auto db = connectOrFail(m_databases.url(name));
            QVERIFY(db);
            QVERIFY(run(*db, QStringList{QStringLiteral("CREATE SCHEMA ") + q(kSchema)} +
                                 schemaStatements(true, reference, kSchema)));
            (reference ? m_reference : m_target) = name;
            if (reference)
                m_expected = test::fix::introspectOrFail(*db, {kSchema});
        }
    }

    void cleanupTestCase() { m_databases.dropAll(); }

    void introspectionKeepsEveryNameByteExact()
    {
        const Table *table = hostileTable(m_expected);
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
        QVERIFY2(table->checks.first().expression.contains(q(kDotted)), qPrintable(table->checks.first().expression));
        QCOMPARE(table->foreignKeys.size(), 1);
        QCOMPARE(table->foreignKeys.first().name, kForeignKey);
        QCOMPARE(table->foreignKeys.first().columns, QStringList{kUser});
        QCOMPARE(table->foreignKeys.first().referencedSchema, kSchema);
        QCOMPARE(table->foreignKeys.first().referencedTable, kUserTable);
        const Index *index = table->index(kIndex);
        QVERIFY(index);
        QCOMPARE(index->columns, (QStringList{kMixedCase, kEmoji + QStringLiteral(" DESC")}));
        const Index *longIndex = table->index(kLongIndex);
        QVERIFY(longIndex);
        QCOMPARE(longIndex->columns, (QStringList{kBackslash, kComment}));
        QVERIFY(table->index(kExpressionIndex));

        const Namespace *ns = m_expected.findNamespace(kSchema);
        QVERIFY(ns);
        QCOMPARE(ns->enums.size(), 2);
        const auto enumNamed = [ns](const QString &name) -> const EnumType * {
            for (const EnumType &e : ns->enums)
                if (e.name == name)
                    return &e;
            return nullptr;
        };
        QVERIFY(enumNamed(kEnum));
        QCOMPARE(enumNamed(kEnum)->labels, enumLabels());
        QVERIFY(enumNamed(kMissingEnum));
        QVERIFY(ns->table(kMissingTable));
        QVERIFY(ns->table(kLongTable));
        QCOMPARE(kLongTable.toUtf8().size(), 63);
        QCOMPARE(ns->table(kLongTable)->columns.first().name, kLongColumn);
        QCOMPARE(kLongLabel.toUtf8().size(), 63);
    }

    void diffFindsExactlyTheDriftByName()
    {
        auto db = connectOrFail(m_databases.url(m_target));
        QVERIFY(db);
        const Schema actual = test::fix::introspectOrFail(*db, {kSchema});
        const QList<Finding> findings = diffSchemas(m_expected, actual);
        const FindingNames found = namesOf(findings);
        QVERIFY2(found == expectedFindings(),
                 qPrintable(describe(found) + QStringLiteral("\n--- expected ---\n") +
                            describe(expectedFindings())));
        for (const Finding &f : findings)
            QCOMPARE(f.schema, kSchema);
    }

    void fixQuotesEveryNameAndApplyLeavesNoDrift()
    {
        auto [name, db] = targetCopy();
        QVERIFY(db);
        const Schema before = test::fix::introspectOrFail(*db, {kSchema});
        const QList<Finding> findings = diffSchemas(m_expected, before);
        LiveFixFacts facts(*db);
        const FixPlan plan = planFixes(m_expected, before, findings, {}, &facts);
        QVERIFY2(plan.unfixed.isEmpty(), qPrintable(plan.toSql()));
        const QString sql = plan.toSql();
        // The table name's inner quotes are doubled wherever it is an identifier.
        QVERIFY2(sql.contains(QStringLiteral("\"Order \"\"Items\"\"\"")), qPrintable(sql));
        QVERIFY2(!sql.contains(QStringLiteral("\"Order \"Items\"\"")), qPrintable(sql));
        QVERIFY2(sql.contains(QStringLiteral("\"it's\"")), qPrintable(sql));

        const test::fix::RunResult first = test::fix::runStatements(*db, plan.statements);
        QVERIFY2(first.ok, qPrintable(first.error + QStringLiteral("\n") + sql));
        const Schema fixed = test::fix::introspectOrFail(*db, {kSchema});
        const QList<Finding> after = diffSchemas(m_expected, fixed);
        QVERIFY2(after.isEmpty(), qPrintable(test::fix::describeFindings(after) + QStringLiteral("\n") + sql));
        QCOMPARE(fixed.findNamespace(kSchema)->enums, m_expected.findNamespace(kSchema)->enums);

        // The preview text, read back as the console's editor runs it, changes nothing.
        const test::fix::RunResult second = test::fix::runStatements(*db, test::fix::statementsFromPreview(plan));
        QVERIFY2(second.ok, qPrintable(second.error));
        QVERIFY2(test::fix::introspectOrFail(*db, {kSchema}) == fixed, "a second run changes nothing");
        QCOMPARE(test::fix::checksum(*db, q(kSchema) + QLatin1Char('.') + q(kTable),
                               {q(kQuoted), q(kGroesse), q(kMixedCase)}, q(kKey)),
                 test::fix::checksum(*db, q(kSchema) + QLatin1Char('.') + q(kTable),
                               {QStringLiteral("'ä \"x\" ''y'''"), QStringLiteral("'G'"),
                                QStringLiteral("NULL::bigint")},
                               q(kKey)));
    }

    void cliCheckCarriesTheNamesIntact()
    {
        const QString target = m_databases.url(m_target);
        const QString reference = m_databases.url(m_reference);
        const test::drift::CliRun json = test::drift::runCli({QStringLiteral("check"), QStringLiteral("--db"), target,
                                                  QStringLiteral("--reference"), reference,
                                                  QStringLiteral("--format"), QStringLiteral("json")});
        DRIFT_VERIFY2(json.parsed && json.exitCode == 1, QStringLiteral("exit 1 with JSON"), json.describe());
        QString schemas;
        const FindingNames found = namesOfJson(json.json, &schemas);
        DRIFT_VERIFY2(found == expectedFindings(), describe(found), json.describe());
        QCOMPARE(schemas, QString(kSchema + QLatin1Char('\n')).repeated(int(found.size())));

        const test::drift::CliRun text = test::drift::runCli({QStringLiteral("check"), QStringLiteral("--db"), target,
                                                  QStringLiteral("--reference"), reference});
        QCOMPARE(text.exitCode, 1);
        const QString out = QString::fromUtf8(text.out);
        for (const auto &[kind, table, object] : expectedFindings()) {
            // The report prints the path as the names are, byte for byte.
            const QString path = kSchema + QLatin1Char('.') + table +
                                 (object.isEmpty() ? QString() : QLatin1Char('.') + object);
            DRIFT_VERIFY2(out.contains(path), kind + QLatin1Char(' ') + path, text.describe());
        }
    }

    void alembicReplayMatchesTheUpgradedDatabase()
    {
        const QString name = m_databases.create(QStringLiteral("hostile_alembic"));
        QVERIFY(!name.isEmpty());
        const QString project = m_temp.filePath(QStringLiteral("alembic"));
        RealAlembic alembic(project, m_databases.alembicUrl(name));
        QVERIFY(writeFile(project + QStringLiteral("/versions/a1_hostile.py"),
                          alembicRevision(true, QStringLiteral("a1"), {})));
        const auto up = alembic.run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));

        const QString url = m_databases.url(name);
        const test::drift::CliRun clean = test::drift::runCheck(url, project);
        DRIFT_VERIFY2(clean.parsed && clean.exitCode == 0, QStringLiteral("clean at head"), clean.describe());
        DRIFT_VERIFY2(clean.json.value(QStringLiteral("warnings")).toArray().isEmpty(),
                      QStringLiteral("no warnings"), clean.describe());

        // Two objects dropped by hand: the check names them exactly, with their origin.
        auto db = connectOrFail(url);
        QVERIFY(db);
        QVERIFY(run(*db, {QStringLiteral("DROP INDEX public.%1").arg(q(kIndex)),
                          QStringLiteral("ALTER TABLE public.%1 DROP COLUMN %2").arg(q(kTable), q(kApostrophe))}));
        const test::drift::CliRun drifted = test::drift::runCheck(url, project);
        QString schemas;
        const FindingNames found = namesOfJson(drifted.json, &schemas);
        const FindingNames want = {{QStringLiteral("missing_column"), kTable, kApostrophe},
                               {QStringLiteral("missing_index"), kTable, kIndex}};
        DRIFT_VERIFY2(drifted.exitCode == 1 && found == want, describe(found), drifted.describe());
        for (const QJsonObject &f : test::drift::objects(drifted.json.value(QStringLiteral("drift"))))
            QCOMPARE(f.value(QStringLiteral("origin")).toObject().value(QStringLiteral("file")).toString(),
                     QStringLiteral("versions/a1_hostile.py"));
    }

    void aNameOverSixtyThreeBytesIsCutAsPostgresCutsItWithAWarning()
    {
        const QString name = m_databases.create(QStringLiteral("hostile_long"));
        QVERIFY(!name.isEmpty());
        const QString project = m_temp.filePath(QStringLiteral("alembic_long"));
        RealAlembic alembic(project, m_databases.alembicUrl(name));
        QVERIFY(writeFile(project + QStringLiteral("/versions/b1_long.py"),
                          alembicRevision(true, QStringLiteral("b1"), {},
                                          QStringLiteral("    op.create_table(%1, sa.Column(\"id\", sa.Integer()))\n")
                                              .arg(py(kTooLongTable)))));
        const auto up = alembic.run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        auto db = connectOrFail(m_databases.url(name));
        QVERIFY(db);
        const QString cut = kTooLongTable.left(31); // 62 bytes: no half character
        QVERIFY(test::fix::introspectOrFail(*db, {QStringLiteral("public")}).table(QStringLiteral("public"), cut));

        const test::drift::CliRun check = test::drift::runCheck(m_databases.url(name), project);
        DRIFT_VERIFY2(check.parsed && check.exitCode == 0, QStringLiteral("clean: the cut name is expected"),
                      check.describe());
        const QJsonArray warnings = check.json.value(QStringLiteral("warnings")).toArray();
        DRIFT_VERIFY2(warnings.size() == 1, QStringLiteral("one warning"), check.describe());
        const QJsonObject warning = warnings.first().toObject();
        QCOMPARE(warning.value(QStringLiteral("file")).toString(), QStringLiteral("versions/b1_long.py"));
        QVERIFY(warning.value(QStringLiteral("line")).toInt() > 0);
        const QString message = warning.value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(kTooLongTable) && message.contains(cut), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestHostileIdentifiersPostgres)
#include "test_hostile_identifiers_postgres.moc"
