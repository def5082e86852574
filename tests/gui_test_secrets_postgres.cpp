// The console's flows with a password full of awkward characters (SecretScan.h), offscreen,
// against the throwaway PostgreSQL server: the connect dialog (password typed, or pasted in
// a URL), saving a profile (with "keep in keychain", which CI has none of), the recent
// connections, the title and status bar, the log pane, a fix applied and the audit pane, the
// report exported in every format, and the error banner of a failed connection. After each
// step every widget's text (labels, fields, item models, menus, editors) is searched for the
// password — except the password field's own text — and at the end every file in the run's
// private HOME (settings, audit log, reports, the process's stderr) is searched too.
//
// The process runs with HOME, XDG_* and TMPDIR in a fresh folder, no session bus (no
// keychain to reach), and its stderr (spdlog's console sink, Qt's messages) in a file there.

#include "ConfirmWriteDialog.h"
#include "ConnectionDialog.h"
#include "DriftController.h"
#include "FixController.h"
#include "FixSqlPanel.h"
#include "MainWindow.h"
#include "PasswordKeychain.h"
#include "ProfileFieldsBox.h"
#include "ReportExporter.h"
#include "SecretScan.h"
#include "fix/AuditLog.h"
#include "log/Logging.h"
#include "profile/ConnectionProfile.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMetaProperty>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

#include <fcntl.h>
#include <unistd.h>

using namespace migconsole;
using namespace migconsole::test;

namespace {

constexpr int kTimeoutMs = 60000;

/// The private HOME main() made for this run.
QString g_home;

void scanModel(const SecretScan &scan, const QAbstractItemModel *model, const QModelIndex &parent,
               const QString &where, QStringList *found, int depth = 0)
{
    if (depth > 8)
        return;
    const int roles[] = {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole, Qt::StatusTipRole,
                         Qt::WhatsThisRole, Qt::UserRole, Qt::UserRole + 1, Qt::UserRole + 2};
    for (int row = 0; row < model->rowCount(parent); ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            for (const int role : roles) {
                const QVariant value = model->data(index, role);
                const QString text = value.typeId() == QMetaType::QStringList
                                         ? value.toStringList().join(QLatin1Char('\n'))
                                         : value.toString();
                if (const QString what = scan.findIn(text); !what.isEmpty())
                    found->append(QStringLiteral("%1 row %2 column %3 role %4: %5")
                                      .arg(where).arg(row).arg(column).arg(role).arg(what));
            }
            if (column == 0 && model->hasChildren(index))
                scanModel(scan, model, index, where, found, depth + 1);
        }
    }
}

/// Every text on screen (and in hidden widgets) that holds the secret, as "widget: what".
/// A password field's own text is what it is for; its displayed text is not.
QStringList leaksOnScreen(const SecretScan &scan)
{
    QStringList found;
    auto check = [&](const QString &where, const QString &text) {
        if (const QString what = scan.findIn(text); !what.isEmpty())
            found.append(QStringLiteral("%1: %2").arg(where, what));
    };
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        const QString name = QStringLiteral("%1 '%2'").arg(QLatin1String(widget->metaObject()->className()),
                                                           widget->objectName());
        const auto *edit = qobject_cast<QLineEdit *>(widget);
        const bool passwordField = edit && edit->echoMode() != QLineEdit::Normal;
        const QMetaObject *meta = widget->metaObject();
        for (int i = 0; i < meta->propertyCount(); ++i) {
            const QMetaProperty property = meta->property(i);
            if (!property.isReadable() || (passwordField && qstrcmp(property.name(), "text") == 0))
                continue;
            const QVariant value = property.read(widget);
            if (value.typeId() == QMetaType::QString)
                check(name + QLatin1Char('.') + QLatin1String(property.name()), value.toString());
            else if (value.typeId() == QMetaType::QStringList)
                check(name + QLatin1Char('.') + QLatin1String(property.name()),
                      value.toStringList().join(QLatin1Char('\n')));
        }
        for (const QAction *action : widget->actions())
            check(name + QStringLiteral(" action"),
                  QStringList{action->text(), action->toolTip(), action->statusTip(),
                              action->whatsThis(), action->data().toString()}
                      .join(QLatin1Char('\n')));
        if (const auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model())
            scanModel(scan, view->model(), view->rootIndex(), name, &found);
        if (const auto *combo = qobject_cast<QComboBox *>(widget); combo && combo->model())
            scanModel(scan, combo->model(), {}, name, &found);
        if (const auto *window = qobject_cast<QMainWindow *>(widget))
            check(name + QStringLiteral(" status bar"), window->statusBar()->currentMessage());
        if (const auto *panel = qobject_cast<FixSqlPanel *>(widget))
            check(name + QStringLiteral(" SQL editor"), panel->sqlText());
    }
    return found;
}

} // namespace

class GuiTestSecretsPostgres : public QObject
{
    Q_OBJECT

    const QString m_password = secretPassword();
    SecretScan m_scan{secretPassword()};
    std::unique_ptr<DbConnection> m_admin;
    SecretRole m_role;
    QString m_migrations;
    std::unique_ptr<MainWindow> m_window;

    void expectNothingOnScreen(const char *step)
    {
        const QStringList leaks = leaksOnScreen(m_scan);
        QVERIFY2(leaks.isEmpty(), qPrintable(QStringLiteral("%1:\n%2")
                                                 .arg(QLatin1String(step), leaks.join(QLatin1Char('\n')))));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!g_home.isEmpty());
        const QString adminUrl = postgresUrl();
        QVERIFY(!adminUrl.isEmpty());
        m_admin = connectOrFail(adminUrl);
        QVERIFY(m_admin);
        QVERIFY(m_role.create(*m_admin));
        m_migrations = g_home + QStringLiteral("/project/versions");
        QVERIFY(m_role.setUpDrift(m_migrations));

        m_window = std::make_unique<MainWindow>();
        m_window->show();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        if (m_admin)
            m_role.drop(*m_admin);
    }

    void theWidgetWalkSeesWhatIsShown()
    {
        // Control: the same walk does find the password when a label shows it.
        auto *label = new QLabel(QStringLiteral("pw: ") + m_password.toHtmlEscaped(), m_window.get());
        QVERIFY(!leaksOnScreen(m_scan).isEmpty());
        delete label;
        QVERIFY(leaksOnScreen(m_scan).isEmpty());
    }

    void pastedUrlMovesThePasswordToItsField()
    {
        ConnectionDialog dialog;
        dialog.show();
        dialog.setUrlText(m_role.url(m_password));
        QCOMPARE(dialog.passwordEdit()->text(), m_password);
        QVERIFY(dialog.passwordEdit()->echoMode() == QLineEdit::Password);
        QCOMPARE(dialog.urlText(), m_role.urlWithoutPassword());
        QCOMPARE(dialog.settings().url.password, m_password);
        expectNothingOnScreen("connect dialog after pasting a URL with the password");
    }

    void connectWithTypedPasswordAndSaveAProfile()
    {
        QSignalSpy loaded(m_window.get(), &MainWindow::schemaLoaded);
        QSignalSpy failed(m_window.get(), &MainWindow::connectionFailed);
        bool filled = false;
        QStringList onScreenInDialog;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->setUrlText(m_role.urlWithoutPassword());
            dialog->passwordEdit()->setFocus();
            dialog->passwordEdit()->insert(m_password); // as typed
            dialog->profileBox()->setChecked(true);
            dialog->profileBox()->nameEdit()->setText(QStringLiteral("secret-profile"));
            if (dialog->profileBox()->keychainBox()->isEnabled())
                dialog->profileBox()->keychainBox()->setChecked(true);
            onScreenInDialog = leaksOnScreen(m_scan);
            filled = dialog->validate().isEmpty();
            dialog->accept();
        });
        m_window->showConnectDialog();
        QVERIFY(filled);
        QVERIFY2(onScreenInDialog.isEmpty(), qPrintable(onScreenInDialog.join(QLatin1Char('\n'))));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, kTimeoutMs);
        QVERIFY2(failed.isEmpty(), "the connection with the typed password failed");
        QVERIFY(m_window->displayUrl().contains(QStringLiteral(":***@")));

        const auto profile = ProfileStore::find(QStringLiteral("secret-profile"));
        QVERIFY(profile.has_value());
        QVERIFY(profile->url.password.isEmpty());
        QVERIFY(ConnectionDialog::recentConnections().contains(m_role.urlWithoutPassword()));
        QTest::qWait(200); // the keychain's answer (a status message) arrives by the event loop
        expectNothingOnScreen("connected: title, status bar, log pane, schema tree");
    }

    void migrationsFixAndAuditPane()
    {
        DriftController *drift = m_window->driftController();
        FixController *fix = m_window->fixController();
        QSignalSpy checked(drift, &DriftController::driftChecked);
        QSignalSpy checkFailed(drift, &DriftController::driftCheckFailed);
        m_window->openMigrations(m_migrations);
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() + checkFailed.count() > 0 && !m_window->isBusy(), kTimeoutMs);
        QVERIFY(checkFailed.isEmpty());
        expectNothingOnScreen("history and drift check");

        QSignalSpy prepared(fix, &FixController::fixPrepared);
        QSignalSpy prepareFailed(fix, &FixController::fixFailed);
        QSignalSpy finished(fix, &FixController::executionFinished);
        fix->previewAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(prepared.count() + prepareFailed.count() > 0, kTimeoutMs);
        QVERIFY(prepareFailed.isEmpty());
        QVERIFY(fix->panel()->sqlText().contains(QStringLiteral("note")));
        fix->dryRunAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        fix->applyAction()->trigger();
        ConfirmWriteDialog *confirmation = fix->pendingConfirmation();
        QVERIFY(confirmation);
        expectNothingOnScreen("the apply confirmation");
        confirmation->okButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);
        QVERIFY(finished.at(1).at(1).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), kTimeoutMs);
        QVERIFY(QFileInfo(auditLogPath()).size() > 0);
        QVERIFY(auditLogPath().startsWith(g_home));
        expectNothingOnScreen("after the apply: results, audit pane");
    }

    void reportsExportedInEveryFormat()
    {
        ReportExporter *exporter = m_window->reportExporter();
        QSignalSpy done(exporter, &ReportExporter::exported);
        QSignalSpy failed(exporter, &ReportExporter::exportFailed);
        const QList<std::pair<QString, ReportExporter::Format>> formats = {
            {QStringLiteral("report.html"), ReportExporter::Format::Html},
            {QStringLiteral("report.md"), ReportExporter::Format::Markdown},
            {QStringLiteral("report.json"), ReportExporter::Format::Json}};
        for (const auto &[file, format] : formats) {
            const QString path = g_home + QStringLiteral("/reports/") + file;
            QDir().mkpath(QFileInfo(path).absolutePath());
            const qsizetype before = done.count();
            exporter->exportTo(path, format);
            QTRY_VERIFY_WITH_TIMEOUT(done.count() > before || !failed.isEmpty(), kTimeoutMs);
            QVERIFY(failed.isEmpty());
            QFile report(path);
            QVERIFY(report.open(QIODevice::ReadOnly));
            const QByteArray bytes = report.readAll();
            QVERIFY(bytes.contains(m_role.database.toUtf8())); // it is about this database
            const QString leak = m_scan.findIn(bytes);
            QVERIFY2(leak.isEmpty(), qPrintable(file + QStringLiteral(": ") + leak));
        }
    }

    void failedConnectionShowsNoPassword()
    {
        QSignalSpy failed(m_window.get(), &MainWindow::connectionFailed);
        ConnectionSettings wrong;
        wrong.url = *ConnectionUrl::parse(m_role.url(m_password + QStringLiteral("x")));
        m_window->openConnection(wrong);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeoutMs);
        const QString message = failed.first().first().toString();
        QVERIFY(message.contains(QStringLiteral("authentication")));
        QVERIFY2(m_scan.findIn(message).isEmpty(), qPrintable(m_scan.findIn(message)));
        QVERIFY(!m_window->bannerText().isEmpty());
        expectNothingOnScreen("error banner after a wrong password");
    }

    void recentConnectionAsksForThePasswordAgain()
    {
        ConnectionDialog dialog;
        dialog.show();
        const int recent = dialog.recentBox()->findData(QStringLiteral("recent:") + m_role.urlWithoutPassword());
        QVERIFY(recent > 0);
        dialog.recentBox()->setCurrentIndex(recent);
        emit dialog.recentBox()->activated(recent);
        QCOMPARE(dialog.urlText(), m_role.urlWithoutPassword());
        QVERIFY(dialog.passwordEdit()->text().isEmpty());
        QVERIFY(dialog.selectProfile(QStringLiteral("secret-profile")));
        QTest::qWait(200); // the keychain's (lack of an) answer
        if (!PasswordKeychain::mayBeAvailable())
            QVERIFY(dialog.passwordEdit()->text().isEmpty());
        expectNothingOnScreen("recent connections and profiles in the dialog and menus");
    }

    void nothingLeftInHome()
    {
        m_window.reset(); // saves its geometry and state to the settings file
        QSettings().sync();
        std::fflush(stderr);
        QStringList scanned;
        const QStringList leaks = m_scan.findInTree(g_home, &scanned);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
        // The scan saw the files that matter.
        auto saw = [&](const QString &ending) {
            return std::any_of(scanned.cbegin(), scanned.cend(),
                               [&](const QString &path) { return path.endsWith(ending); });
        };
        QVERIFY(saw(QStringLiteral("/audit.log")));
        QVERIFY(saw(QStringLiteral(".conf")));
        QVERIFY(saw(QStringLiteral("/stderr.log")));
        QVERIFY(saw(QStringLiteral("/report.html")));
    }
};

/// A private HOME for the whole process, set before Qt reads any of it; stderr into a file
/// in it. Afterwards the file is copied to the real stderr, unless it holds the secret.
int main(int argc, char **argv)
{
    char pattern[] = "/tmp/gui_test_secrets_XXXXXX";
    if (!mkdtemp(pattern))
        return 2;
    g_home = QString::fromLocal8Bit(pattern);
    for (const auto &[name, sub] : {std::pair{"HOME", ""}, std::pair{"XDG_CONFIG_HOME", "/.config"},
                                    std::pair{"XDG_DATA_HOME", "/.local/share"},
                                    std::pair{"XDG_CACHE_HOME", "/.cache"},
                                    std::pair{"XDG_STATE_HOME", "/.local/state"},
                                    std::pair{"XDG_RUNTIME_DIR", "/run"}, std::pair{"TMPDIR", "/tmp"}}) {
        const QByteArray path = g_home.toLocal8Bit() + sub;
        QDir().mkpath(QString::fromLocal8Bit(path));
        qputenv(name, path);
    }
    QFile::setPermissions(g_home + QStringLiteral("/run"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qunsetenv("MIGCONSOLE_AUDIT_LOG");
    // No session bus: the keychain answers "none" at once, as on CI.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + g_home.toLocal8Bit() + "/run/no-bus");
    qputenv("QT_QPA_PLATFORM", "offscreen");

    const QByteArray stderrPath = g_home.toLocal8Bit() + "/stderr.log";
    std::fflush(stderr);
    const int realStderr = dup(STDERR_FILENO);
    const int captured = open(stderrPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(captured, STDERR_FILENO);
    close(captured);

    int result = 0;
    {
        QApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("migconsole"));
        setupLogging(spdlog::level::debug); // the most a log could say
        GuiTestSecretsPostgres test;
        result = QTest::qExec(&test, argc, argv);
    }

    std::fflush(stderr);
    dup2(realStderr, STDERR_FILENO);
    close(realStderr);
    QFile log(QString::fromLocal8Bit(stderrPath));
    if (log.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = log.readAll();
        if (SecretScan(secretPassword()).findIn(bytes).isEmpty())
            std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        else
            std::fputs("stderr held the password: not shown\n", stderr);
    }
    QDir(g_home).removeRecursively();
    return result;
}

#include "gui_test_secrets_postgres.moc"
