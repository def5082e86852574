// The Fix SQL tab's widgets with hand-made plans and results (no executor): hazard notes sit
// under their own statements, a failed statement is marked where it is, the production
// confirmation wants the typed name, the connection dialog's flags reach the settings, and
// a read-only connection leaves Preview but takes Dry-run, Apply and Mark applied away.
#include "ConfirmWriteDialog.h"
#include "ConnectionDialog.h"
#include "FixController.h"
#include "FixSqlPanel.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "demo/DemoDatabase.h"
#include "log/Logging.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <Qsci/qsciscintilla.h>

#include <memory>

using namespace migconsole;

namespace {

constexpr int kTimeoutMs = 60000;
const QString kPendingDemoRevision = QStringLiteral("9e3f06a4d7b8"); // the demo's pending head

FixStatement statement(const QString &sql, const QString &summary, QStringList hazards = {})
{
    FixStatement s;
    s.sql = sql;
    s.summary = summary;
    s.hazards = std::move(hazards);
    s.lockLevel = QStringLiteral("ACCESS EXCLUSIVE");
    return s;
}

/// Three statements: the first and the third carry hazards, the second spans three lines.
FixPlan handMadePlan()
{
    FixPlan plan;
    plan.dialect = Dialect::PostgreSQL;
    plan.database = QStringLiteral("postgresql://app:***@db.internal:5432/bets");
    plan.statements = {
        statement(QStringLiteral("ALTER TABLE \"public\".\"games\" ADD COLUMN IF NOT EXISTS "
                                 "\"external_game_key\" varchar(64)"),
                  QStringLiteral("add column public.games.external_game_key"),
                  {QStringLiteral("takes an ACCESS EXCLUSIVE lock on games briefly")}),
        statement(QStringLiteral("CREATE TABLE IF NOT EXISTS \"public\".\"system_heartbeats\" (\n"
                                 "    \"id\" integer NOT NULL,\n"
                                 "    \"beat_at\" timestamp)"),
                  QStringLiteral("create table public.system_heartbeats")),
        statement(QStringLiteral("ALTER TABLE \"public\".\"documents\" ALTER COLUMN \"id\" TYPE "
                                 "varchar(36) USING \"id\"::text"),
                  QStringLiteral("change type of public.documents.id"),
                  {QStringLiteral("rewrites the table"),
                   QStringLiteral("17 rows of documents.id would not convert")}),
    };
    return plan;
}

QString firstLineOf(const QString &sql)
{
    return sql.section(QLatin1Char('\n'), 0, 0);
}

bool hasFailureMarker(QsciScintilla *editor, int line)
{
    return (editor->markersAtLine(line) & (1 << FixSqlPanel::failureMarker())) != 0;
}

bool hasFailureIndicator(QsciScintilla *editor, int line)
{
    const int position = editor->positionFromLineIndex(line, 2);
    return editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT,
                                 FixSqlPanel::failureIndicator(), position) != 0;
}

} // namespace

class FixPanelTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void planTextAndHazardAnnotationsOnTheirLines();
    void failedStatementIsMarkedAndListed();
    void productionConfirmationNeedsTypedName();
    void connectionDialogFlagsReachSettings();
    void rememberedFlagsSurviveAnOpenByUrl();
    void readOnlyConnectionDisablesWrites();
    void productionConnectionAsksForTheName();

private:
    /// A window on a fresh demo, its migrations open, the pending head selected.
    std::unique_ptr<MainWindow> openDemoWindow(bool readOnly, bool production = false);

    QTemporaryDir m_dir;
};

void FixPanelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_fix_panel"));
    setupLogging(spdlog::level::info);
    QVERIFY(m_dir.isValid());
}

void FixPanelTest::planTextAndHazardAnnotationsOnTheirLines()
{
    FixSqlPanel panel;
    const FixPlan plan = handMadePlan();
    panel.setPlan(plan);
    QsciScintilla *editor = panel.editor();
    QCOMPARE(editor->text(), plan.toSql());
    QVERIFY(!editor->isReadOnly());

    // The panel's statements are the executor's splitting of the text: one per plan statement.
    const QList<int> lines = panel.statementLines();
    QCOMPARE(lines.size(), plan.statements.size());
    for (int i = 0; i < plan.statements.size(); ++i) {
        const FixStatement &planned = plan.statements[i];
        const int line = lines[i] - 1;
        // The line the statement starts on is where its note hangs.
        QVERIFY2(editor->text(line).startsWith(firstLineOf(planned.sql)),
                 qPrintable(editor->text(line)));
        const QString note = editor->annotation(line);
        if (planned.hazards.isEmpty()) {
            QVERIFY2(note.isEmpty(), qPrintable(note));
            continue;
        }
        for (const QString &hazard : planned.hazards)
            QVERIFY2(note.contains(hazard), qPrintable(note));
        QVERIFY(note.contains(planned.lockLevel));
    }
    // No note anywhere else (a note on a comment line would sit under the wrong statement).
    int annotatedLines = 0;
    for (int line = 0; line < editor->lines(); ++line)
        annotatedLines += editor->annotation(line).isEmpty() ? 0 : 1;
    QCOMPARE(annotatedLines, 2);
    QVERIFY(panel.messageText().contains(QStringLiteral("3 statement(s)")));
    QVERIFY(panel.messageText().contains(QStringLiteral("2 with hazards")));
}

void FixPanelTest::failedStatementIsMarkedAndListed()
{
    FixSqlPanel panel;
    const FixPlan plan = handMadePlan();
    panel.setPlan(plan);
    QsciScintilla *editor = panel.editor();
    QList<int> lines;
    const QList<FixStatement> statements = panel.statements(&lines);
    QCOMPARE(statements.size(), 3);

    panel.beginRun(ExecuteMode::DryRun, statements, lines);
    QVERIFY(editor->isReadOnly()); // the lines must keep meaning the statements
    QVERIFY(panel.progressBar()->isVisibleTo(&panel));
    QCOMPARE(panel.progressBar()->maximum(), 3);
    panel.setProgress(2, 3);
    QCOMPARE(panel.progressBar()->value(), 2);

    const QString error = QStringLiteral("ERROR:  could not convert 'abc' to uuid");
    ExecutionResult result;
    result.mode = ExecuteMode::DryRun;
    result.results.resize(3);
    result.results[0].outcome = StatementOutcome::RolledBack;
    result.results[1].outcome = StatementOutcome::RolledBack;
    result.results[2].outcome = StatementOutcome::Failed;
    result.results[2].error = error;
    result.failedIndex = 2;
    result.error = QStringLiteral("statement 3 failed");
    panel.showResult(result);

    QVERIFY(!editor->isReadOnly());
    const int failed = lines[2] - 1;
    QCOMPARE(panel.failedLine(), failed);
    QVERIFY(hasFailureMarker(editor, failed));
    QVERIFY(hasFailureIndicator(editor, failed));
    for (int i = 0; i < 2; ++i) {
        QVERIFY(!hasFailureMarker(editor, lines[i] - 1));
        QVERIFY(!hasFailureIndicator(editor, lines[i] - 1));
    }
    // The error sits under the statement, with its hazard note kept.
    QVERIFY(editor->annotation(failed).contains(error));
    QVERIFY(editor->annotation(failed).contains(QStringLiteral("rewrites the table")));
    QVERIFY(panel.messageText().contains(error));
    QVERIFY(panel.messageText().contains(QStringLiteral("statement 3 of 3")));

    QListWidget *list = panel.resultsList();
    QCOMPARE(list->count(), 3);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("rolled back")));
    QVERIFY(list->item(0)->text().contains(plan.statements[0].summary));
    QVERIFY(list->item(2)->text().contains(QStringLiteral("failed")));
    QVERIFY(list->item(2)->text().contains(error));

    // Clicking a result selects its statement in the editor.
    list->setCurrentRow(1);
    int lineFrom = -1, indexFrom = -1, lineTo = -1, indexTo = -1;
    editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
    QCOMPARE(lineFrom, lines[1] - 1);
    QCOMPARE(lineTo, lines[1] - 1 + 2); // the CREATE TABLE spans three lines
    QVERIFY(editor->selectedText().contains(QStringLiteral("system_heartbeats")));

    // A later successful run takes the marks away and gives the hazard note back alone.
    panel.beginRun(ExecuteMode::DryRun, statements, lines);
    ExecutionResult ok;
    ok.mode = ExecuteMode::DryRun;
    ok.results.resize(3);
    for (StatementResult &r : ok.results)
        r.outcome = StatementOutcome::Succeeded;
    panel.showResult(ok);
    QCOMPARE(panel.failedLine(), -1);
    QVERIFY(!hasFailureMarker(editor, failed));
    QVERIFY(!hasFailureIndicator(editor, failed));
    QVERIFY(!editor->annotation(failed).contains(error));
    QVERIFY(editor->annotation(failed).contains(QStringLiteral("rewrites the table")));
    QVERIFY(panel.messageText().contains(QStringLiteral("database is unchanged")));
}

void FixPanelTest::productionConfirmationNeedsTypedName()
{
    ConnectionSettings settings;
    settings.url = *ConnectionUrl::parse(QStringLiteral("postgresql://app:secret@db:5432/bets"));
    settings.production = true;
    ConfirmWriteDialog dialog(settings, QStringLiteral("Apply"),
                              QStringLiteral("Run 2 statements?"), QStringLiteral("SELECT 1;"));
    // Names the database (password masked) and shows the SQL.
    QVERIFY(dialog.questionText().contains(QStringLiteral("postgresql://app:***@db:5432/bets")));
    QVERIFY(!dialog.questionText().contains(QStringLiteral("secret")));
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("Apply")));
    QCOMPARE(dialog.sqlView()->toPlainText(), QStringLiteral("SELECT 1;"));
    QVERIFY(dialog.nameEdit());
    QVERIFY(!dialog.okButton()->isEnabled());
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("bet"));
    QVERIFY(!dialog.okButton()->isEnabled());
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("s"));
    QVERIFY(dialog.okButton()->isEnabled());
    QTest::keyClick(dialog.nameEdit(), Qt::Key_Backspace);
    QVERIFY(!dialog.okButton()->isEnabled());

    // Not production: no name to type.
    settings.production = false;
    ConfirmWriteDialog plain(settings, QStringLiteral("Apply"), QStringLiteral("Run?"), {});
    QVERIFY(!plain.nameEdit());
    QVERIFY(plain.okButton()->isEnabled());
    QVERIFY(!plain.sqlView());

    // SQLite: the file's name, not its whole path.
    const auto sqlite = ConnectionUrl::parse(QStringLiteral("sqlite:////srv/data/ledger.db"));
    QCOMPARE(ConfirmWriteDialog::confirmationName(*sqlite), QStringLiteral("ledger.db"));
}

void FixPanelTest::connectionDialogFlagsReachSettings()
{
    ConnectionDialog dialog;
    dialog.setUrlText(QStringLiteral("postgresql://app@db:5432/bets"));
    QVERIFY(!dialog.settings().readOnly);
    QVERIFY(!dialog.settings().production);
    dialog.readOnlyBox()->setChecked(true);
    QVERIFY(dialog.settings().readOnly);
    QVERIFY(!dialog.settings().production);
    dialog.productionBox()->setChecked(true);
    QVERIFY(dialog.settings().production);

    // Remembered with the connection, and back when it is chosen again.
    ConnectionDialog::rememberFlags(dialog.settings());
    ConnectionSettings again;
    again.url = dialog.settings().url;
    ConnectionDialog::restoreFlags(again);
    QVERIFY(again.readOnly);
    QVERIFY(again.production);

    // `mode=ro` in the URL makes a session read-only without the flag.
    ConnectionSettings fromUrl;
    const auto readOnlyUrl = ConnectionUrl::parse(QStringLiteral("sqlite:////srv/bets.db?mode=ro"));
    QVERIFY(readOnlyUrl.ok());
    fromUrl.url = *readOnlyUrl;
    QVERIFY(wantsReadOnly(fromUrl));
    fromUrl.url = *ConnectionUrl::parse(QStringLiteral("sqlite:////srv/bets.db"));
    QVERIFY(!wantsReadOnly(fromUrl));
}

// A database once ticked read-only and production in the dialog stays so when it is opened
// by URL (--db), and such an open does not erase what was remembered.
void FixPanelTest::rememberedFlagsSurviveAnOpenByUrl()
{
    const auto demo = writeDemo(m_dir.filePath(QStringLiteral("remembered")));
    QVERIFY(demo.ok());
    ConnectionSettings ticked;
    ticked.url = *ConnectionUrl::parse(demo->url());
    ticked.readOnly = true;
    ticked.production = true;
    ConnectionDialog::rememberFlags(ticked);

    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    ConnectionSettings plain;
    plain.url = ticked.url;
    window.openConnection(plain);
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() == 1; }, kTimeoutMs));
    QVERIFY(window.connectionSettings().readOnly);
    QVERIFY(window.connectionSettings().production);
    QVERIFY(window.fixController()->isReadOnly());

    ConnectionSettings again;
    again.url = ticked.url;
    ConnectionDialog::restoreFlags(again);
    QVERIFY(again.readOnly && again.production);
}

std::unique_ptr<MainWindow> FixPanelTest::openDemoWindow(bool readOnly, bool production)
{
    const QString directory = m_dir.filePath(production ? QStringLiteral("prod")
                                             : readOnly ? QStringLiteral("ro")
                                                        : QStringLiteral("rw"));
    const auto demo = writeDemo(directory);
    if (!demo) {
        qWarning("%s", qPrintable(demo.error().toString()));
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>();
    window->show(); // the toolbar lays out (and shows) its badges only when shown
    QSignalSpy loaded(window.get(), &MainWindow::schemaLoaded);
    QSignalSpy history(window.get(), &MainWindow::historyLoaded);
    ConnectionSettings settings;
    settings.url = *ConnectionUrl::parse(demo->url());
    settings.readOnly = readOnly;
    settings.production = production;
    window->openConnection(settings);
    if (!QTest::qWaitFor([&] { return loaded.count() == 1 && history.count() == 1; }, kTimeoutMs))
        return nullptr;
    window->openMigrations(demo->migrationsPath);
    if (!QTest::qWaitFor([&] { return history.count() == 2; }, kTimeoutMs))
        return nullptr;
    if (!window->historyPanel()->selectRevision(kPendingDemoRevision))
        return nullptr;
    return window;
}

void FixPanelTest::readOnlyConnectionDisablesWrites()
{
    const auto writable = openDemoWindow(false);
    QVERIFY(writable);
    const auto readOnly = openDemoWindow(true);
    QVERIFY(readOnly);

    for (MainWindow *window : {writable.get(), readOnly.get()}) {
        FixController *fix = window->fixController();
        const bool ro = window == readOnly.get();
        QCOMPARE(fix->isReadOnly(), ro);
        fix->panel()->setSqlText(QStringLiteral("SELECT 1;"), Dialect::SQLite);
        QVERIFY(fix->previewAction()->isEnabled());
        QCOMPARE(fix->dryRunAction()->isEnabled(), !ro);
        QCOMPARE(fix->panel()->dryRunButton()->isEnabled(), !ro);
        QCOMPARE(fix->applyAction()->isEnabled(), !ro);
        QCOMPARE(fix->panel()->applyButton()->isEnabled(), !ro);
        // The pending head is selected: only the read-only window refuses to stamp it.
        QCOMPARE(fix->markAppliedAction()->isEnabled(), !ro);
        QCOMPARE(fix->readOnlyBadge()->isVisibleTo(window), ro);
        QCOMPARE(fix->readOnlyStatus()->isVisibleTo(window), ro);
        QVERIFY(!fix->productionBadge()->isVisibleTo(window));
        if (ro) {
            // Disabled with the reason in the tooltip.
            QVERIFY2(fix->applyAction()->toolTip().contains(QStringLiteral("read-only")),
                     qPrintable(fix->applyAction()->toolTip()));
            QVERIFY(fix->markAppliedAction()->toolTip().contains(QStringLiteral("read-only")));
            // A shortcut or a direct call does not get around it either.
            fix->apply();
            QVERIFY(!fix->pendingConfirmation());
        }
    }

    // An applied revision cannot be marked applied again.
    FixController *fix = writable->fixController();
    const HistoryModel *model = writable->historyPanel()->model();
    QString applied;
    for (const HistoryEntry &entry : model->history().entries) {
        if (entry.status == RevisionStatus::Applied)
            applied = entry.revision.id;
    }
    QVERIFY(!applied.isEmpty());
    QVERIFY(writable->historyPanel()->selectRevision(applied));
    QVERIFY(!fix->markAppliedAction()->isEnabled());
    QVERIFY(fix->markAppliedAction()->toolTip().contains(QStringLiteral("pending")));
}

void FixPanelTest::productionConnectionAsksForTheName()
{
    const auto window = openDemoWindow(false, true);
    QVERIFY(window);
    FixController *fix = window->fixController();
    QVERIFY(fix->productionBadge()->isVisibleTo(window.get()));
    QVERIFY(!fix->readOnlyBadge()->isVisibleTo(window.get()));
    QVERIFY(fix->toolBar()->styleSheet().contains(QStringLiteral("border"))); // the red band

    // Apply asks, naming the database, and waits for its name (demo.db) to be typed.
    fix->panel()->setSqlText(QStringLiteral("CREATE TABLE IF NOT EXISTS t (id integer);"),
                             Dialect::SQLite);
    QSignalSpy finished(fix, &FixController::executionFinished);
    fix->applyAction()->trigger();
    ConfirmWriteDialog *confirmation = fix->pendingConfirmation();
    QVERIFY(confirmation);
    QVERIFY(confirmation->nameEdit());
    QVERIFY(confirmation->questionText().contains(window->displayUrl()));
    QVERIFY(!confirmation->okButton()->isEnabled());
    QTest::keyClicks(confirmation->nameEdit(), QStringLiteral("demo.db"));
    QVERIFY(confirmation->okButton()->isEnabled());
    // Cancelled: nothing runs, and the actions come back.
    confirmation->reject();
    QTRY_VERIFY(!fix->pendingConfirmation());
    QTest::qWait(200);
    QCOMPARE(finished.count(), 0);
    QVERIFY(fix->applyAction()->isEnabled());
}

QTEST_MAIN(FixPanelTest)
#include "gui_test_fix_panel.moc"
