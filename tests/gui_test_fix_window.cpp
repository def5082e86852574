// Fixes and stamping in the whole window, offscreen, on the bundled demo with core's real
// prepareFix / executeStatements / planAlembicStamp: Preview fixes writes the repair into the
// editor, Dry-run succeeds and leaves the database exactly as it was, Apply (confirmed) makes
// the check clean; Mark applied… shows the stamp's SQL and records the pending head.
#include "ConfirmWriteDialog.h"
#include "DriftController.h"
#include "FindingsPanel.h"
#include "FixController.h"
#include "FixSqlPanel.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"
#include "DriftPresentation.h"
#include "log/Logging.h"

#include <QAction>
#include <QDir>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <Qsci/qsciscintilla.h>

using namespace migconsole;

namespace {

constexpr int kTimeoutMs = 60000;
const QString kPendingDemoRevision = QStringLiteral("9e3f06a4d7b8"); // the demo's pending head

/// Everything a fix could change in an SQLite file: the DDL of every object, the version
/// table and each table's row count — read on a connection of the test's own.
QStringList databaseState(const QString &path)
{
    QStringList state;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(path);
        if (!db.open())
            return {QStringLiteral("cannot open ") + path};
        QSqlQuery query(db);
        QStringList tables;
        query.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"));
        while (query.next()) {
            state.append(query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString() +
                         QLatin1Char(' ') + query.value(2).toString());
            if (query.value(0).toString() == QLatin1String("table"))
                tables.append(query.value(1).toString());
        }
        for (const QString &table : tables) {
            query.exec(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table));
            if (query.next())
                state.append(table + QStringLiteral(" rows ") + query.value(0).toString());
        }
        query.exec(QStringLiteral("SELECT version_num FROM alembic_version ORDER BY 1"));
        while (query.next())
            state.append(QStringLiteral("version_num=") + query.value(0).toString());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return state;
}

/// With MIGCONSOLE_SCREENSHOT_DIR set, keeps a picture of the window for a human to look at.
void saveScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("MIGCONSOLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300); // let pending layout and paint settle
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!window.grab().save(path))
        qWarning("could not save %s", qPrintable(path));
}

QString demoDatabasePath(const MainWindow &window)
{
    const auto url = ConnectionUrl::parse(window.displayUrl());
    return url ? url->database : QString();
}

} // namespace

class FixWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void previewDryRunApplyOnDemo();
    void markAppliedStampsPendingHead();
};

void FixWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_fix_window"));
    setupLogging(spdlog::level::info);
}

void FixWindowTest::previewDryRunApplyOnDemo()
{
    MainWindow window;
    window.resize(1400, 850);
    window.show();
    DriftController *drift = window.driftController();
    FixController *fix = window.fixController();
    window.resizeDocks({fix->dock()}, {400}, Qt::Vertical); // room for the SQL on screen
    QSignalSpy checked(drift, &DriftController::driftChecked);
    QSignalSpy checkFailed(drift, &DriftController::driftCheckFailed);
    QSignalSpy prepared(fix, &FixController::fixPrepared);
    QSignalSpy prepareFailed(fix, &FixController::fixFailed);
    QSignalSpy finished(fix, &FixController::executionFinished);
    window.openDemo();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count() + checkFailed.count(), 1, kTimeoutMs);
    QVERIFY(checkFailed.isEmpty());
    QVERIFY(drift->findingsPanel()->model()->rowCount() > 0);
    const QString path = demoDatabasePath(window);
    QVERIFY(QFile::exists(path));

    // Preview fixes: the repair of the demo's drift, in the editor.
    QVERIFY(fix->previewAction()->isEnabled());
    fix->previewAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(prepared.count() + prepareFailed.count(), 1, kTimeoutMs);
    QVERIFY2(prepareFailed.isEmpty(),
             prepareFailed.isEmpty() ? "" : qPrintable(prepareFailed.first().first().toString()));
    FixSqlPanel *panel = fix->panel();
    const QString sql = panel->sqlText();
    QVERIFY2(sql.contains(QStringLiteral("external_game_key")), qPrintable(sql));
    QVERIFY2(sql.contains(QStringLiteral("score_feed_sources")), qPrintable(sql));
    QVERIFY(!panel->statementLines().isEmpty());
    int annotated = 0;
    int firstAnnotated = -1;
    for (int line = 0; line < panel->editor()->lines(); ++line) {
        if (panel->editor()->annotation(line).isEmpty())
            continue;
        ++annotated;
        if (firstAnnotated < 0)
            firstAnnotated = line;
    }
    // Every hazard the plan names is on screen under its statement.
    QVERIFY(annotated > 0);
    panel->editor()->setFirstVisibleLine(std::max(0, firstAnnotated - 4));
    qInfo("plan: %lld statements, %d hazard notes", qlonglong(panel->statementLines().size()),
          annotated);
    saveScreenshot(window, QStringLiteral("fix-preview"));

    // Dry-run: every statement succeeds, and the database is exactly as it was.
    const QStringList before = databaseState(path);
    QVERIFY(fix->dryRunAction()->isEnabled());
    fix->dryRunAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(finished.first().at(0).value<ExecuteMode>(), ExecuteMode::DryRun);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(panel->messageText()));
    QListWidget *results = panel->resultsList();
    QCOMPARE(results->count(), panel->statementLines().size());
    for (int row = 0; row < results->count(); ++row)
        QVERIFY2(results->item(row)->text().contains(QStringLiteral("succeeded")),
                 qPrintable(results->item(row)->text()));
    QCOMPARE(panel->failedLine(), -1);
    QCOMPARE(databaseState(path), before);
    saveScreenshot(window, QStringLiteral("fix-dryrun"));

    // A statement the operator got wrong: the dry-run stops there, marks it in the editor
    // with the database's message, and the database is still as it was.
    const QString planned = panel->sqlText();
    panel->editor()->append(QStringLiteral("\nINSERT INTO no_such_table VALUES (1);\n"));
    const qsizetype statementCount = panel->statements().size();
    fix->dryRunAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);
    QVERIFY(!finished.at(1).at(1).toBool());
    const int badLine = panel->statementLines().last() - 1;
    QCOMPARE(panel->failedLine(), badLine);
    QVERIFY(panel->editor()->text(badLine).startsWith(QStringLiteral("INSERT INTO no_such_table")));
    QVERIFY2(panel->editor()->annotation(badLine).contains(QStringLiteral("no_such_table")),
             qPrintable(panel->editor()->annotation(badLine)));
    QCOMPARE(results->count(), statementCount);
    QVERIFY(results->item(int(statementCount) - 1)->text().contains(QStringLiteral("failed")));
    QVERIFY(panel->messageText().contains(QStringLiteral("rolled back")));
    QCOMPARE(databaseState(path), before);
    saveScreenshot(window, QStringLiteral("fix-dryrun-failed"));
    panel->editor()->setText(planned);

    // Apply, confirmed: committed, then the check runs again by itself and is clean.
    const qsizetype checksBefore = checked.count();
    fix->applyAction()->trigger();
    ConfirmWriteDialog *confirmation = fix->pendingConfirmation();
    QVERIFY(confirmation);
    QVERIFY(confirmation->questionText().contains(window.displayUrl()));
    QVERIFY(!fix->applyAction()->isEnabled()); // nothing else starts while it asks
    confirmation->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, kTimeoutMs);
    QCOMPARE(finished.at(2).at(0).value<ExecuteMode>(), ExecuteMode::Apply);
    QVERIFY2(finished.at(2).at(1).toBool(), qPrintable(panel->messageText()));
    QVERIFY(databaseState(path) != before);
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() > checksBefore, kTimeoutMs);
    QVERIFY(checkFailed.isEmpty());
    QCOMPARE(drift->findingsPanel()->model()->rowCount(), 0);
    QVERIFY2(drift->summaryText().contains(QStringLiteral("no drift")),
             qPrintable(drift->summaryText()));

    // What the apply repaired is green in the tree ("fixed in this session"), untouched
    // rows are not, and opening another database forgets it.
    SchemaTreeModel *tree = window.schemaPanel()->model();
    Finding repaired;
    repaired.kind = FindingKind::MissingColumn;
    repaired.schema = QStringLiteral("main");
    repaired.table = QStringLiteral("games");
    repaired.object = QStringLiteral("external_game_key");
    const QModelIndex fixedRow = tree->indexForFinding(repaired);
    QVERIFY(fixedRow.isValid());
    QCOMPARE(tree->data(fixedRow, SchemaTreeModel::DriftStateRole).toInt(), int(drift::DriftState::Fixed));
    QVERIFY(tree->data(fixedRow.siblingAtColumn(SchemaTreeModel::DetailsColumn)).toString()
                .contains(drift::marker(drift::DriftState::Fixed)));
    repaired.object = QStringLiteral("venue");
    QCOMPARE(tree->data(tree->indexForFinding(repaired), SchemaTreeModel::DriftStateRole).toInt(),
             int(drift::DriftState::None));
    saveScreenshot(window, QStringLiteral("fix-applied"));
    tree->forgetFixed();
    repaired.object = QStringLiteral("external_game_key");
    QCOMPARE(tree->data(tree->indexForFinding(repaired), SchemaTreeModel::DriftStateRole).toInt(),
             int(drift::DriftState::None));
}

void FixWindowTest::markAppliedStampsPendingHead()
{
    MainWindow window;
    FixController *fix = window.fixController();
    QSignalSpy history(&window, &MainWindow::historyLoaded);
    QSignalSpy planned(fix, &FixController::stampPlanned);
    QSignalSpy stamped(fix, &FixController::stampFinished);
    window.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(history.count() >= 1 &&
                                 !window.historyPanel()->model()->history().pending.isEmpty(),
                             kTimeoutMs);
    const QString path = demoDatabasePath(window);
    QVERIFY(!databaseState(path).contains(QStringLiteral("version_num=") + kPendingDemoRevision));
    QVERIFY(window.historyPanel()->selectRevision(kPendingDemoRevision));
    QVERIFY(fix->markAppliedAction()->isEnabled());
    fix->markAppliedAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(planned.count() + stamped.count(), 1, kTimeoutMs);
    QVERIFY2(stamped.isEmpty(),
             stamped.isEmpty() ? "" : qPrintable(stamped.first().at(1).toString()));

    // The exact SQL, naming the revision, waits for the operator.
    ConfirmWriteDialog *confirmation = fix->pendingConfirmation();
    QVERIFY(confirmation);
    QVERIFY(confirmation->sqlView());
    const QString stampSql = confirmation->sqlView()->toPlainText();
    QVERIFY2(stampSql.contains(kPendingDemoRevision), qPrintable(stampSql));
    QVERIFY2(stampSql.contains(QStringLiteral("alembic_version")), qPrintable(stampSql));
    QVERIFY(confirmation->questionText().contains(kPendingDemoRevision));
    const qsizetype historiesBefore = history.count();
    confirmation->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(stamped.count(), 1, kTimeoutMs);
    QVERIFY2(stamped.first().at(0).toBool(), qPrintable(stamped.first().at(1).toString()));
    QCOMPARE(databaseState(path).filter(QStringLiteral("version_num=")),
             QStringList{QStringLiteral("version_num=") + kPendingDemoRevision});
    // The history is read again and shows the head as the current revision.
    QTRY_VERIFY_WITH_TIMEOUT(history.count() > historiesBefore, kTimeoutMs);
    const HistoryEntry *entry =
        window.historyPanel()->model()->history().entry(kPendingDemoRevision);
    QVERIFY(entry);
    QCOMPARE(entry->status, RevisionStatus::Current);
}

QTEST_MAIN(FixWindowTest)
#include "gui_test_fix_window.moc"
