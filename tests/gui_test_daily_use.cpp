// Daily use of the console, offscreen: the first-run welcome page, connection profiles
// (tag, read-only, folder; never a password in the settings file), the title and status bar
// that always say where the operator is, watch mode's "what changed", the shortcuts list and
// exporting the check as HTML, Markdown, JSON and PDF.
#include "ConnectionDialog.h"
#include "DriftController.h"
#include "FixController.h"
#include "MainWindow.h"
#include "PasswordKeychain.h"
#include "ProfileFieldsBox.h"
#include "ReportExporter.h"
#include "ShortcutsDialog.h"
#include "WatchController.h"
#include "WelcomePage.h"
#include "demo/DemoDatabase.h"
#include "log/Logging.h"
#include "profile/ConnectionProfile.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace migconsole;

namespace {

constexpr int kLoadTimeoutMs = 60000;

ConnectionSettings settingsFor(const QString &url)
{
    ConnectionSettings settings;
    if (const auto parsed = ConnectionUrl::parse(url))
        settings.url = *parsed;
    return settings;
}

/// With MIGCONSOLE_SCREENSHOT_DIR set, keeps a picture of the window for a human to look at.
void saveScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("MIGCONSOLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300); // let pending layout and paint settle
    window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QByteArray settingsFileBytes()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Waits until the window has a check of the open database (schema, history, drift) and
/// no other one follows (opening a connection and then a folder checks twice).
bool waitForCheck(MainWindow &window, QSignalSpy &checked, int count)
{
    if (!QTest::qWaitFor([&] { return checked.count() >= count && !window.isBusy(); }, kLoadTimeoutMs))
        return false;
    for (qsizetype seen = -1; seen != checked.count();) {
        seen = checked.count();
        QTest::qWait(400);
        if (!QTest::qWaitFor([&] { return !window.isBusy(); }, kLoadTimeoutMs))
            return false;
    }
    return true;
}

} // namespace

class DailyUseTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void welcomePageUntilADatabaseIsOpen();
    void profilesNeverStorePasswords();
    void connectDialogFillsAndSavesAProfile();
    void keychainKeepsThePasswordOrSaysWhy();
    void productionReadOnlyProfileShowsEverywhere();
    void watchModeReportsWhatChanged();
    void shortcutsCoverTheMainActions();
    void exportsTheCheckInEveryFormat();

private:
    QTemporaryDir m_dir;
    DemoLocation m_demo;
};

void DailyUseTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_daily_use"));
    setupLogging(spdlog::level::info);
    QVERIFY(m_dir.isValid());
    const auto demo = writeDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo.ok(), demo ? "" : qPrintable(demo.error().toString()));
    m_demo = *demo;
}

void DailyUseTest::init()
{
    QSettings().clear(); // each test starts as a first run
}

void DailyUseTest::welcomePageUntilADatabaseIsOpen()
{
    MainWindow window;
    window.show();
    QVERIFY(window.isWelcomeShown());
    WelcomePage *welcome = window.welcomePage();
    // The three ways in are the window's own actions (same shortcut, same enabled state).
    QList<QAction *> bound;
    for (auto *button : welcome->findChildren<QToolButton *>())
        bound << button->defaultAction();
    QVERIFY(bound.contains(window.demoAction()));
    QVERIFY(bound.contains(window.connectAction()));
    QVERIFY(bound.contains(window.migrationsAction()));
    // Nothing recent on a first run: a note, which cannot be activated.
    QCOMPARE(welcome->connectionList()->count(), 1);
    QCOMPARE(welcome->connectionList()->item(0)->flags(), Qt::NoItemFlags);

    // A saved profile and a recent folder show up once the page reloads.
    ConnectionProfile profile;
    profile.name = QStringLiteral("prod-eu");
    profile.url = *ConnectionUrl::parse(QStringLiteral("postgresql://dba@db.example:5432/app"));
    profile.tag = ProfileTag::Production;
    ProfileStore::save(profile);
    RecentFolders::remember(m_demo.migrationsPath);
    welcome->reload();
    QCOMPARE(welcome->profileList()->count(), 1);
    QVERIFY(welcome->profileList()->item(0)->text().contains(QStringLiteral("PRODUCTION")));
    QCOMPARE(welcome->folderList()->item(0)->text(), m_demo.migrationsPath);
    window.resize(1280, 800);
    saveScreenshot(window, QStringLiteral("welcome_page"));

    // Opening a recent SQLite connection leaves the welcome page for the schema.
    QSignalSpy checked(window.driftController(), &DriftController::driftChecked);
    emit welcome->connectionActivated(m_demo.url());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isWelcomeShown(), kLoadTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(window.displayUrl(), m_demo.url(), kLoadTimeoutMs);
    QVERIFY(ConnectionDialog::recentConnections().contains(m_demo.url()));
}

void DailyUseTest::profilesNeverStorePasswords()
{
    const QString secret = QStringLiteral("Sup3r:s3cr@t/pw");
    ConnectionProfile profile;
    profile.name = QStringLiteral("staging / eu");
    auto url = ConnectionUrl::parse(QStringLiteral("postgresql://app@db.example:6432/app"));
    QVERIFY(url.ok());
    profile.url = *url;
    profile.url.password = secret; // a careless caller: the store must drop it
    profile.tag = ProfileTag::Staging;
    profile.readOnly = true;
    profile.migrationsPath = m_demo.migrationsPath;
    profile.versionTable.table = QStringLiteral("schema_version");
    profile.passwordInKeychain = true;
    ProfileStore::save(profile);

    const auto back = ProfileStore::find(QStringLiteral("staging / eu"));
    QVERIFY(back.has_value());
    QVERIFY(back->url.password.isEmpty());
    QCOMPARE(back->url.host, QStringLiteral("db.example"));
    QCOMPARE(back->url.port, 6432);
    QCOMPARE(back->tag, ProfileTag::Staging);
    QVERIFY(back->readOnly);
    QCOMPARE(back->migrationsPath, m_demo.migrationsPath);
    QCOMPARE(back->versionTable.table, QStringLiteral("schema_version"));
    QVERIFY(back->passwordInKeychain);
    QVERIFY(ProfileStore::findByUrl(QStringLiteral("postgresql://app@db.example:6432/app")));

    const QByteArray stored = settingsFileBytes();
    QVERIFY(stored.contains("db.example"));
    QVERIFY2(!stored.contains(secret.toUtf8()), "the password reached the settings file");
    QVERIFY(!stored.contains("s3cr"));

    // Saving again under the same name replaces; removing removes.
    profile.tag = ProfileTag::Test;
    ProfileStore::save(profile);
    QCOMPARE(ProfileStore::all().size(), 1);
    QCOMPARE(ProfileStore::all().constFirst().tag, ProfileTag::Test);
    ProfileStore::remove(profile.name);
    QVERIFY(ProfileStore::all().isEmpty());
}

void DailyUseTest::connectDialogFillsAndSavesAProfile()
{
    ConnectionProfile saved;
    saved.name = QStringLiteral("prod-eu");
    saved.url = *ConnectionUrl::parse(QStringLiteral("postgresql://dba@db.example:5432/app"));
    saved.tag = ProfileTag::Production;
    saved.readOnly = true;
    saved.migrationsPath = m_demo.migrationsPath;
    ProfileStore::save(saved);

    ConnectionDialog dialog;
    // The profile is offered first, and choosing it fills every field.
    QVERIFY(dialog.recentBox()->itemText(1).startsWith(QStringLiteral("prod-eu")));
    QVERIFY(dialog.selectProfile(QStringLiteral("prod-eu")));
    QCOMPARE(dialog.urlText(), QStringLiteral("postgresql://dba@db.example:5432/app"));
    QVERIFY(dialog.readOnlyBox()->isChecked());
    QVERIFY(dialog.productionBox()->isChecked()); // the production tag is the production flag
    QVERIFY(dialog.profileBox()->isChecked());
    QCOMPARE(dialog.profileBox()->migrationsEdit()->text(), m_demo.migrationsPath);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate()));
    QVERIFY(dialog.errorLabel()->isHidden()); // no stale complaint from before the name was filled

    // Typed password: used for the connection, absent from the profile.
    dialog.passwordEdit()->setText(QStringLiteral("typed-secret"));
    QCOMPARE(dialog.settings().url.password, QStringLiteral("typed-secret"));
    const auto profile = dialog.profile();
    QVERIFY(profile.has_value());
    QVERIFY(profile->url.password.isEmpty());
    QCOMPARE(profile->tag, ProfileTag::Production);
    dialog.show();
    saveScreenshot(dialog, QStringLiteral("connect_dialog_profile"));

    // Unticking production moves the tag off production; a profile needs a name.
    dialog.productionBox()->setChecked(false);
    QVERIFY(dialog.profileBox()->tag() != ProfileTag::Production);
    dialog.profileBox()->nameEdit()->clear();
    QVERIFY(dialog.validate().contains(QStringLiteral("Name the profile")));
    dialog.profileBox()->setChecked(false);
    QVERIFY(dialog.validate().isEmpty());
    QVERIFY(!dialog.profile().has_value());
}

void DailyUseTest::keychainKeepsThePasswordOrSaysWhy()
{
    // Whatever this machine has (a Secret Service, or none as on CI), the answer comes back,
    // agrees between write and read, and never lands in the settings file.
    const QString secret = QStringLiteral("k3ych@in:pw/%1").arg(QCoreApplication::applicationPid());
    PasswordKeychain keychain;
    std::optional<bool> stored;
    QString writeError;
    keychain.write(QStringLiteral("keychain-test"), secret, [&](bool ok, const QString &why) {
        stored = ok;
        writeError = why;
    });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 30000);
    bool answered = false;
    std::optional<QString> readBack;
    keychain.read(QStringLiteral("keychain-test"), [&](std::optional<QString> password, const QString &) {
        answered = true;
        readBack = password;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
    if (*stored) {
        QCOMPARE(readBack.value_or(QString()), secret);
        keychain.remove(QStringLiteral("keychain-test"));
    } else {
        QVERIFY(!writeError.isEmpty());
        QVERIFY(!readBack.has_value());
        QVERIFY(!PasswordKeychain::mayBeAvailable()); // the dialog then asks each time
        ConnectionDialog dialog;
        QVERIFY(!dialog.profileBox()->keychainBox()->isEnabled());
    }
    QVERIFY(!settingsFileBytes().contains(secret.toUtf8()));
}

void DailyUseTest::productionReadOnlyProfileShowsEverywhere()
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("prod-eu");
    profile.url = *ConnectionUrl::parse(m_demo.url());
    profile.tag = ProfileTag::Production;
    profile.readOnly = true;
    profile.migrationsPath = m_demo.migrationsPath;
    ProfileStore::save(profile);

    MainWindow window;
    window.resize(1400, 850);
    window.show();
    QSignalSpy checked(window.driftController(), &DriftController::driftChecked);
    // Opened by URL alone: the profile is found by it, with its tag, flag and folder.
    window.openConnection(settingsFor(m_demo.url()));
    QVERIFY(waitForCheck(window, checked, 1));
    QVERIFY(window.profile().has_value());
    QCOMPARE(window.profile()->name, QStringLiteral("prod-eu"));
    QCOMPARE(window.migrationsPath(), m_demo.migrationsPath);

    const QString title = window.windowTitle();
    QVERIFY2(title.contains(QStringLiteral("prod-eu [PRODUCTION]")), qPrintable(title));
    QVERIFY2(title.contains(m_demo.url()), qPrintable(title));
    QVERIFY2(title.contains(window.revisionStatusText()) && !window.revisionStatusText().isEmpty(),
             qPrintable(title));
    QVERIFY2(title.endsWith(QStringLiteral("read-only")), qPrintable(title));
    QCOMPARE(window.profileStatusText(), QStringLiteral("prod-eu [PRODUCTION]"));

    FixController *fix = window.fixController();
    QVERIFY(fix->isReadOnly());
    QVERIFY(!fix->productionBadge()->isHidden());
    QVERIFY(!fix->readOnlyBadge()->isHidden());
    QVERIFY(!fix->applyAction()->isEnabled());
    QVERIFY(!fix->markAppliedAction()->isEnabled());
    saveScreenshot(window, QStringLiteral("production_read_only"));
}

void DailyUseTest::watchModeReportsWhatChanged()
{
    QTemporaryDir dir;
    const auto demo = writeDemo(dir.filePath(QStringLiteral("demo")));
    QVERIFY(demo.ok());
    MainWindow window;
    window.show();
    QSignalSpy checked(window.driftController(), &DriftController::driftChecked);
    window.openConnection(settingsFor(demo->url()));
    QVERIFY(QTest::qWaitFor([&] { return !window.displayUrl().isEmpty() && !window.isBusy(); },
                            kLoadTimeoutMs));
    window.openMigrations(demo->migrationsPath);
    QVERIFY(waitForCheck(window, checked, 1));
    const auto before = window.driftController()->lastReport();
    QVERIFY(before.has_value());
    // The demo's incident: the column a migration should have added is missing.
    bool missingColumn = false;
    QStringList kinds;
    for (const Finding &f : before->drift) {
        missingColumn |= f.kind == FindingKind::MissingColumn;
        kinds << findingKindName(f.kind);
    }
    QVERIFY2(missingColumn, qPrintable(kinds.join(u',') + u' ' + before->sourceDisplay));

    WatchController *watch = window.watchController();
    QSignalSpy changes(watch, &WatchController::changesFound);
    watch->setIntervalSeconds(1);
    watch->watchAction()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() >= 1, kLoadTimeoutMs);
    QVERIFY2(watch->lastChanges()->isEmpty(), qPrintable(watch->lastChanges()->summary()));

    // Someone repairs the database by hand (another session): the next tick says so.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hand"));
        db.setDatabaseName(demo->databasePath);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const Finding &f : before->drift) {
            if (f.kind != FindingKind::MissingColumn)
                continue;
            QVERIFY2(query.exec(QStringLiteral("ALTER TABLE \"%1\" ADD COLUMN \"%2\" %3")
                                    .arg(f.table, f.object, f.expected.section(u' ', 0, 0))),
                     qPrintable(query.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("hand"));
    const int seen = int(changes.count());
    QTRY_VERIFY_WITH_TIMEOUT(changes.count() > seen && !watch->lastChanges()->isEmpty(), kLoadTimeoutMs);
    watch->watchAction()->setChecked(false);
    const ReportChanges last = *watch->lastChanges();
    QVERIFY2(!last.resolved.isEmpty(), qPrintable(last.summary()));
    QVERIFY(last.resolved.join(u' ').contains(QStringLiteral("missing_column")));
    QVERIFY(watch->changesLabel()->text().contains(QStringLiteral("resolved")));
}

void DailyUseTest::shortcutsCoverTheMainActions()
{
    MainWindow window;
    ShortcutsDialog dialog(&window);
    QStringList listed;
    for (int row = 0; row < dialog.table()->rowCount(); ++row)
        listed << dialog.table()->item(row, 0)->text();
    for (const char *action : {"Connect…", "Open demo", "Open migrations…", "Refresh", "Run the check",
                               "Preview fixes", "Dry-run", "Apply", "Mark applied…", "Watch",
                               "Export report…", "Save report as PDF…", "Print report…", "Quit"})
        QVERIFY2(listed.contains(QString::fromUtf8(action)), action);
    // No two actions share a key.
    QStringList keys;
    for (int row = 0; row < dialog.table()->rowCount(); ++row)
        keys << dialog.table()->item(row, 1)->text();
    keys.removeDuplicates();
    QCOMPARE(keys.size(), dialog.table()->rowCount());
}

void DailyUseTest::exportsTheCheckInEveryFormat()
{
    MainWindow window;
    window.show();
    QSignalSpy checked(window.driftController(), &DriftController::driftChecked);
    window.openConnection(settingsFor(m_demo.url()));
    QVERIFY(QTest::qWaitFor([&] { return !window.displayUrl().isEmpty() && !window.isBusy(); },
                            kLoadTimeoutMs));
    window.openMigrations(m_demo.migrationsPath);
    QVERIFY(waitForCheck(window, checked, 1));
    QVERIFY(!window.driftController()->lastReport()->drift.isEmpty());

    ReportExporter *exporter = window.reportExporter();
    QVERIFY(exporter->exportAction()->isEnabled());
    QSignalSpy done(exporter, &ReportExporter::exported);
    QSignalSpy failed(exporter, &ReportExporter::exportFailed);
    QTemporaryDir out;
    const QString html = out.filePath(QStringLiteral("report.html"));
    exporter->exportTo(html, ReportExporter::Format::Html);
    // No plan yet: the exporter plans the fixes first (read-only), then writes.
    QTRY_COMPARE_WITH_TIMEOUT(done.count() + failed.count(), 1, kLoadTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(window.fixController()->lastPreparation().has_value());
    // The report is of the check the plan was made from, which the window now shows.
    const DriftReport report = *window.driftController()->lastReport();
    QFile htmlFile(html);
    QVERIFY(htmlFile.open(QIODevice::ReadOnly));
    const QString htmlText = QString::fromUtf8(htmlFile.readAll());
    QVERIFY(htmlText.contains(QStringLiteral("<html")));
    for (const Finding &f : report.drift)
        QVERIFY2(htmlText.contains(f.table.toHtmlEscaped()), qPrintable(f.table));
    const auto &plan = window.fixController()->lastPreparation()->plan;
    QVERIFY(!plan.statements.isEmpty());
    QVERIFY(htmlText.contains(plan.statements.constFirst().summary.toHtmlEscaped()));

    // With the plan current, the other formats are written at once.
    const QString md = out.filePath(QStringLiteral("report.md"));
    exporter->exportTo(md, ReportExporter::Format::Markdown);
    QCOMPARE(done.count(), 2);
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(mdFile.readAll()).contains(report.drift.constFirst().table));

    const QString json = out.filePath(QStringLiteral("report.json"));
    exporter->exportTo(json, ReportExporter::Format::Json);
    QCOMPARE(done.count(), 3);
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject object = QJsonDocument::fromJson(jsonFile.readAll()).object();
    QCOMPARE(object.value(QStringLiteral("drift")).toArray().size(), report.drift.size());
    QCOMPARE(object.value(QStringLiteral("database")).toString(), report.database);

    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    exporter->exportTo(pdf, ReportExporter::Format::Pdf);
    QCOMPARE(done.count(), 4);
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");
    QVERIFY(pdfFile.size() > 2000);

    QCOMPARE(ReportExporter::formatForPath(QStringLiteral("x.MD")), ReportExporter::Format::Markdown);
    QVERIFY(!ReportExporter::formatForPath(QStringLiteral("x.txt")).has_value());
}

QTEST_MAIN(DailyUseTest)
#include "gui_test_daily_use.moc"
