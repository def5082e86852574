// Guidance on the bundled demo, read from a REAL drift check on SQLite: the missing column,
// index and table of a recorded revision (FIX), the column widened by hand (KEEP), and the
// pending head's table and column made by hand (STAMP). The seed incidents one by one are in
// test_guidance.cpp.

#include "GuidanceTestSupport.h"

using namespace migconsole;
using namespace migconsole::guidancetest;

class TestGuidanceDemo : public QObject
{
    Q_OBJECT

private slots:
    void remedyKindNames()
    {
        QCOMPARE(remedyKindName(RemedyKind::Upgrade), QStringLiteral("upgrade"));
        QCOMPARE(remedyKindName(RemedyKind::Stamp), QStringLiteral("stamp"));
        QCOMPARE(remedyKindName(RemedyKind::Fix), QStringLiteral("fix"));
        QCOMPARE(remedyKindName(RemedyKind::Investigate), QStringLiteral("investigate"));
        QCOMPARE(remedyKindName(RemedyKind::Keep), QStringLiteral("keep"));
    }

    // The bundled demo: 8b2c6d5e3f06 is recorded but its column, index and table are missing;
    // mood was widened by hand; the pending head's table and column were made by hand.
    void demo()
    {
        QTemporaryDir dir;
        const auto demo = writeDemo(dir.path());
        QVERIFY2(demo, demo ? "" : qPrintable(demo.error().toString()));
        ConnectionSettings settings;
        settings.url = *ConnectionUrl::parse(demo->url());
        auto connection = DbConnection::open(settings);
        QVERIFY(connection);
        DriftRequest request;
        request.migrationsPath = demo->migrationsPath;
        const auto checked = runDriftCheck(**connection, request);
        QVERIFY(checked);
        const DriftReport &report = *checked;
        const QString applied = QStringLiteral("8b2c6d5e3f06");
        const QString pending = QStringLiteral("9e3f06a4d7b8");

        // Every finding gets the three parts, whatever its kind.
        for (const Finding &f : report.drift) {
            const Guidance g = explainFinding(f, report);
            GUIDANCE_VERIFY(
                !g.headline.isEmpty() && !g.whatHappened.isEmpty() && !g.remedyText.isEmpty(), g);
            GUIDANCE_VERIFY(g.headline.at(0).isUpper() && g.whatHappened.at(0).isUpper(), g);
        }

        const Finding *column =
            findingOf(report, FindingKind::MissingColumn, QStringLiteral("games"),
                      QStringLiteral("external_game_key"));
        QVERIFY2(column && column->origin, qPrintable(describe(report)));
        const Guidance missing = explainFinding(*column, report);
        QCOMPARE(missing.remedy, RemedyKind::Fix);
        QCOMPARE(missing.headline,
                 QStringLiteral("A migration recorded as applied did not add this column"));
        const QString where = locationText(column->origin->location);
        QVERIFY2(where.contains(QStringLiteral("8b2c6d5e3f06_create_player_wellness_state.py:")),
                 qPrintable(where));
        {
            // The origin's line is the add_column call in the script.
            QFile script(QDir(demo->migrationsPath).filePath(column->origin->location.file));
            QVERIFY(script.open(QIODevice::ReadOnly));
            const QStringList lines = QString::fromUtf8(script.readAll()).split(QLatin1Char('\n'));
            QVERIFY(column->origin->location.line > 0 &&
                    column->origin->location.line <= lines.size());
            QVERIFY(lines[column->origin->location.line - 1].contains(
                QStringLiteral("op.add_column(\"games\"")));
        }
        GUIDANCE_VERIFY(missing.whatHappened.contains(
                            QStringLiteral("Revision 8b2c6d5e3f06 adds column "
                                           "games.external_game_key (varchar(64)) at ") +
                            where),
                        missing);
        // Its siblings from the same revision are named: the revision's later part never ran.
        GUIDANCE_VERIFY(
            missing.whatHappened.contains(
                QStringLiteral("index ix_games_external_game_key on games")) &&
                missing.whatHappened.contains(QStringLiteral("table score_feed_sources")),
            missing);
        GUIDANCE_VERIFY(missing.remedyText.contains(QStringLiteral("Preview fixes")) &&
                            missing.remedyText.contains(applied),
                        missing);
        QCOMPARE(
            missing.incident,
            QStringLiteral("Like a deploy that fails with 'column games.external_game_key does "
                           "not exist' after its migration was recorded but never ran."));

        const Guidance table = explainFinding(
            *findingOf(report, FindingKind::MissingTable, QStringLiteral("score_feed_sources")),
            report);
        QCOMPARE(table.remedy, RemedyKind::Fix);
        QCOMPARE(table.headline,
                 QStringLiteral("A migration recorded as applied did not create this table"));
        GUIDANCE_VERIFY(table.incident.contains(
                            QStringLiteral("relation \"score_feed_sources\" does not exist")),
                        table);

        // The unique index: check for duplicates first.
        const Guidance index =
            explainFinding(*findingOf(report, FindingKind::MissingIndex, QStringLiteral("games"),
                                      QStringLiteral("ix_games_external_game_key")),
                           report);
        QCOMPARE(index.remedy, RemedyKind::Fix);
        GUIDANCE_VERIFY(index.remedyText.contains(
                            QStringLiteral("no two rows share a value in (external_game_key)")),
                        index);

        // Widened by hand: keep it and record it.
        const Finding *mood =
            findingOf(report, FindingKind::TypeMismatch, QStringLiteral("player_wellness_state"),
                      QStringLiteral("mood"));
        QVERIFY(mood);
        const Guidance widened = explainFinding(*mood, report);
        QCOMPARE(widened.remedy, RemedyKind::Keep);
        GUIDANCE_VERIFY(widened.whatHappened.contains(QStringLiteral("varchar(32)")) &&
                            widened.whatHappened.contains(QStringLiteral("varchar(16)")),
                        widened);

        // What the pending head creates is already there, exactly: stamp it.
        const Finding *heartbeats =
            findingOf(report, FindingKind::ExtraTable, QStringLiteral("system_heartbeats"));
        QVERIFY(heartbeats);
        const Guidance extraTable = explainFinding(*heartbeats, report);
        QCOMPARE(extraTable.remedy, RemedyKind::Stamp);
        GUIDANCE_VERIFY(extraTable.remedyText.startsWith(
                            QStringLiteral("Mark 9e3f06a4d7b8 as applied (stamp)")),
                        extraTable);
        GUIDANCE_VERIFY(extraTable.incident.contains(
                            QStringLiteral("relation \"system_heartbeats\" already exists")),
                        extraTable);
        const Finding *updated =
            findingOf(report, FindingKind::ExtraColumn, QStringLiteral("player_wellness_state"),
                      QStringLiteral("updated_at"));
        QVERIFY(updated);
        const Guidance extraColumn = explainFinding(*updated, report);
        QCOMPARE(extraColumn.remedy, RemedyKind::Stamp);
        GUIDANCE_VERIFY(extraColumn.incident.contains(
                            QStringLiteral("DuplicateColumn: column \"updated_at\" of relation "
                                           "\"player_wellness_state\" already exists")),
                        extraColumn);

        // The failing step says the same, naming its own line.
        const PreflightStep *add =
            stepOf(report, QStringLiteral("add_column"), QStringLiteral("player_wellness_state"));
        QVERIFY(add && add->status == StepStatus::WillFail && add->alreadyInPlace);
        const Guidance step = explainStep(*add, report);
        QCOMPARE(step.remedy, RemedyKind::Stamp);
        GUIDANCE_VERIFY(step.whatHappened.contains(locationText(add->location)) &&
                            step.whatHappened.contains(pending),
                        step);

        const auto history = explainHistory(report);
        QVERIFY(history);
        QCOMPARE(history->remedy, RemedyKind::Stamp);
        GUIDANCE_VERIFY(history->whatHappened.contains(pending), *history);
    }

    // Seed 000: the version table says the revision ran; its column is not there.
};

QTEST_GUILESS_MAIN(TestGuidanceDemo)
#include "test_guidance_demo.moc"
