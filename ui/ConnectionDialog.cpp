#include "ConnectionDialog.h"

#include "PasswordKeychain.h"
#include "ProfileFieldsBox.h"
#include "ProfilePresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace migconsole {

namespace {

const QString kRecentKey = QStringLiteral("connections/recent");
const QString kFlagsGroup = QStringLiteral("connectionFlags");
const QString kReadOnlyFlag = QStringLiteral("readOnly");
const QString kProductionFlag = QStringLiteral("production");
// What an entry of the Profile/recent box stands for (its user data).
const QString kProfileEntry = QStringLiteral("profile:");
const QString kRecentEntry = QStringLiteral("recent:");

/// A settings key for `url`: '/' and '\\' would make QSettings nest groups.
QString flagsKey(const ConnectionUrl &url)
{
    return QString::fromLatin1(url.toStorableString().toUtf8().toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
constexpr int kMaxRecent = 10;

} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent), m_recent(new QComboBox(this)), m_url(new QLineEdit(this)),
      m_dialect(new QComboBox(this)), m_host(new QLineEdit(this)), m_port(new QSpinBox(this)),
      m_user(new QLineEdit(this)), m_password(new QLineEdit(this)), m_database(new QLineEdit(this)),
      m_file(new QLineEdit(this)), m_browse(new QPushButton(QStringLiteral("Browse…"), this)),
      m_fileRow(new QWidget(this)), m_timeout(new QSpinBox(this)),
      m_readOnly(new QCheckBox(QStringLiteral("Read-only: never write (Apply and Mark applied "
                                              "are disabled)"),
                               this)),
      m_production(new QCheckBox(QStringLiteral("Production: writes ask to type the database "
                                                "name"),
                                 this)),
      m_profileBox(new ProfileFieldsBox(this)), m_keychain(new PasswordKeychain(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(QStringLiteral("Connect to a database"));

    fillRecentBox();
    if (!PasswordKeychain::mayBeAvailable())
        m_profileBox->setKeychainUnavailable(QStringLiteral("No keychain service answered"));
    m_url->setPlaceholderText(
        QStringLiteral("postgresql://user@host:5432/db  or  sqlite:////path/file.db"));
    m_url->setClearButtonEnabled(true);
    m_dialect->addItem(QStringLiteral("PostgreSQL"), int(Dialect::PostgreSQL));
    m_dialect->addItem(QStringLiteral("SQLite"), int(Dialect::SQLite));
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(QStringLiteral("default (5432)")); // 0 = the dialect's default
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(QStringLiteral("empty: use PGPASSWORD / ~/.pgpass"));
    m_file->setPlaceholderText(QStringLiteral("/path/to/database.db"));
    m_timeout->setRange(1, 600);
    m_timeout->setValue(10);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Connect"));

    auto *fileLayout = new QHBoxLayout(m_fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    fileLayout->addWidget(m_file, 1);
    fileLayout->addWidget(m_browse);

    auto *form = m_form = new QFormLayout;
    form->addRow(QStringLiteral("&Open:"), m_recent);
    form->addRow(QStringLiteral("&URL:"), m_url);
    form->addRow(QStringLiteral("&Dialect:"), m_dialect);
    form->addRow(QStringLiteral("&Host:"), m_host);
    form->addRow(QStringLiteral("&Port:"), m_port);
    form->addRow(QStringLiteral("U&ser:"), m_user);
    form->addRow(QStringLiteral("Pass&word:"), m_password);
    form->addRow(QStringLiteral("Data&base:"), m_database);
    form->addRow(QStringLiteral("&File:"), m_fileRow);
    form->addRow(QStringLiteral("Connect &timeout:"), m_timeout);
    form->addRow(QString(), m_readOnly);
    form->addRow(QString(), m_production);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_profileBox);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_recent, &QComboBox::activated, this, &ConnectionDialog::chooseRecent);
    connect(m_profileBox, &ProfileFieldsBox::tagChanged, this, &ConnectionDialog::syncProductionWithTag);
    connect(m_production, &QCheckBox::toggled, this, [this](bool production) {
        // One fact, two controls: the production tick and the production tag agree.
        if (production && m_profileBox->tag() != ProfileTag::Production)
            m_profileBox->setTag(ProfileTag::Production);
        else if (!production && m_profileBox->tag() == ProfileTag::Production)
            m_profileBox->setTag(ProfileTag::None);
    });
    connect(m_profileBox, &QGroupBox::toggled, this, &ConnectionDialog::showValidation);
    connect(m_profileBox->nameEdit(), &QLineEdit::textEdited, this, &ConnectionDialog::showValidation);
    connect(m_url, &QLineEdit::textEdited, this, &ConnectionDialog::urlEdited);
    // A password typed into the URL moves to the password field once the URL is done.
    connect(m_url, &QLineEdit::editingFinished, this, [this] {
        const auto parsed = ConnectionUrl::parse(m_url->text());
        if (parsed && !parsed->password.isEmpty() && parsed->dialect != Dialect::MySQL)
            fieldsEdited();
    });
    connect(m_dialect, &QComboBox::currentIndexChanged, this, [this] {
        updateDialectRows();
        fieldsEdited();
    });
    for (QLineEdit *edit : {m_host, m_user, m_database, m_file})
        connect(edit, &QLineEdit::textEdited, this, &ConnectionDialog::fieldsEdited);
    connect(m_password, &QLineEdit::textEdited, this, &ConnectionDialog::showValidation);
    connect(m_port, &QSpinBox::valueChanged, this, &ConnectionDialog::fieldsEdited);
    connect(m_browse, &QPushButton::clicked, this, &ConnectionDialog::browseForFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    updateDialectRows();
    resize(560, sizeHint().height());
}

bool ConnectionDialog::isSqlite() const
{
    return m_dialect->currentData().toInt() == int(Dialect::SQLite);
}

void ConnectionDialog::updateDialectRows()
{
    const bool sqlite = isSqlite();
    for (QWidget *field : {static_cast<QWidget *>(m_host), static_cast<QWidget *>(m_port),
                           static_cast<QWidget *>(m_user), static_cast<QWidget *>(m_password),
                           static_cast<QWidget *>(m_database)})
        m_form->setRowVisible(field, !sqlite);
    m_form->setRowVisible(m_fileRow, sqlite);
}

ConnectionUrl ConnectionDialog::urlFromFields() const
{
    ConnectionUrl url;
    url.dialect = isSqlite() ? Dialect::SQLite : Dialect::PostgreSQL;
    if (url.dialect == Dialect::SQLite) {
        url.database = m_file->text().trimmed();
        return url;
    }
    url.host = m_host->text().trimmed();
    url.port = m_port->value();
    url.user = m_user->text().trimmed();
    url.database = m_database->text().trimmed();
    url.parameters = m_parameters;
    return url;
}

void ConnectionDialog::fieldsEdited()
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_url->setText(urlFromFields().toStorableString());
    m_syncing = false;
    showValidation();
}

void ConnectionDialog::urlEdited(const QString &text)
{
    if (m_syncing)
        return;
    const auto parsed = ConnectionUrl::parse(text);
    if (parsed && parsed->dialect != Dialect::MySQL) {
        m_syncing = true;
        m_dialect->setCurrentIndex(m_dialect->findData(int(parsed->dialect)));
        updateDialectRows();
        if (parsed->dialect == Dialect::SQLite) {
            m_file->setText(parsed->database);
        } else {
            m_host->setText(parsed->host);
            m_port->setValue(parsed->port);
            m_user->setText(parsed->user);
            m_database->setText(parsed->database);
            m_parameters = parsed->parameters;
            if (!parsed->password.isEmpty())
                m_password->setText(parsed->password);
        }
        m_syncing = false;
    }
    showValidation();
}

void ConnectionDialog::setUrlText(const QString &url)
{
    m_url->setText(url);
    urlEdited(url);
    // Never leave a typed password on display in the URL field: it lives in its own field.
    if (!m_password->text().isEmpty() && ConnectionUrl::parse(url).ok())
        fieldsEdited();
}

QString ConnectionDialog::urlText() const
{
    return m_url->text();
}

QString ConnectionDialog::validate() const
{
    const QString typed = m_url->text().trimmed();
    if (!typed.isEmpty()) {
        const auto parsed = ConnectionUrl::parse(typed);
        if (!parsed)
            return parsed.error().message;
        if (parsed->dialect == Dialect::MySQL)
            return QStringLiteral("MySQL/MariaDB connections are not supported yet");
    }
    if (m_profileBox->isChecked() && m_profileBox->nameEdit()->text().trimmed().isEmpty())
        return QStringLiteral("Name the profile, or untick \"Save as a profile\"");
    if (isSqlite() && m_file->text().trimmed().isEmpty())
        return QStringLiteral("Choose the SQLite database file");
    if (!isSqlite() && m_host->text().trimmed().isEmpty())
        return QStringLiteral("Enter the server's host name (or a URL)");
    const auto parsed = ConnectionUrl::parse(urlFromFields().toStorableString());
    return parsed ? QString() : parsed.error().message;
}

void ConnectionDialog::showValidation()
{
    const QString problem = validate();
    m_error->setText(problem.isEmpty() ? QString() : QStringLiteral("⚠ ") + problem);
    m_error->setVisible(!problem.isEmpty());
}

ConnectionSettings ConnectionDialog::settings() const
{
    ConnectionSettings settings;
    const auto parsed = ConnectionUrl::parse(urlFromFields().toStorableString());
    if (parsed)
        settings.url = *parsed;
    settings.url.password = isSqlite() ? QString() : m_password->text();
    settings.connectTimeoutSeconds = m_timeout->value();
    settings.readOnly = m_readOnly->isChecked();
    settings.production = m_production->isChecked();
    return settings;
}

void ConnectionDialog::accept()
{
    showValidation();
    if (!validate().isEmpty())
        return;
    QDialog::accept();
}

void ConnectionDialog::browseForFile()
{
    const QString start = m_file->text().isEmpty() ? QString() : QFileInfo(m_file->text()).path();
    const QString path = QFileDialog::getOpenFileName(
        this, QStringLiteral("Open SQLite database"), start,
        QStringLiteral("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (path.isEmpty())
        return;
    m_file->setText(path);
    fieldsEdited();
}

std::optional<ConnectionProfile> ConnectionDialog::profile() const
{
    if (!m_profileBox->isChecked() || m_profileBox->nameEdit()->text().trimmed().isEmpty())
        return std::nullopt;
    ConnectionProfile profile = m_profileBox->profile();
    const auto parsed = ConnectionUrl::parse(urlFromFields().toStorableString());
    if (parsed)
        profile.url = *parsed;
    profile.url.password.clear();
    profile.readOnly = m_readOnly->isChecked();
    return profile;
}

void ConnectionDialog::fillRecentBox()
{
    m_recent->clear();
    m_recent->addItem(QStringLiteral("(choose a profile or a recent connection)"));
    for (const ConnectionProfile &profile : ProfileStore::all()) {
        const QString tag = profile.tag == ProfileTag::None
                                ? QString()
                                : QStringLiteral("  [%1]").arg(profileTagLabel(profile.tag));
        m_recent->addItem(QStringLiteral("%1 — %2%3")
                              .arg(profile.name, profile.url.toDisplayString(), tag),
                          kProfileEntry + profile.name);
        const QColor colour = profileTagColour(profile.tag);
        if (colour.isValid())
            m_recent->setItemData(m_recent->count() - 1, colour, Qt::ForegroundRole);
    }
    for (const QString &url : recentConnections())
        m_recent->addItem(url, kRecentEntry + url);
    m_recent->setEnabled(m_recent->count() > 1);
}

void ConnectionDialog::chooseRecent(int index)
{
    const QString entry = m_recent->itemData(index).toString();
    if (entry.startsWith(kProfileEntry)) {
        selectProfile(entry.mid(kProfileEntry.size()));
        return;
    }
    if (!entry.startsWith(kRecentEntry))
        return;
    const QString url = entry.mid(kRecentEntry.size());
    m_password->clear(); // a stored connection never carries one
    setUrlText(url);
    ConnectionSettings remembered;
    if (const auto parsed = ConnectionUrl::parse(url))
        remembered.url = *parsed;
    restoreFlags(remembered);
    m_readOnly->setChecked(remembered.readOnly);
    m_production->setChecked(remembered.production);
    m_profileBox->setChecked(false);
}

bool ConnectionDialog::selectProfile(const QString &name)
{
    const auto profile = ProfileStore::find(name);
    if (!profile)
        return false;
    m_recent->setCurrentIndex(m_recent->findData(kProfileEntry + name));
    m_password->clear();
    setUrlText(profile->url.toStorableString());
    m_readOnly->setChecked(profile->readOnly);
    m_profileBox->setProfile(*profile);
    m_production->setChecked(profile->isProduction());
    m_password->setPlaceholderText(QStringLiteral("not stored: type it (or PGPASSWORD / ~/.pgpass)"));
    showValidation();
    if (profile->passwordInKeychain && !isSqlite()) {
        m_password->setPlaceholderText(QStringLiteral("reading the system keychain…"));
        m_keychain->read(name, [this, name](std::optional<QString> password, const QString &) {
            // Only if the operator still has this profile chosen and typed nothing meanwhile.
            if (m_profileBox->nameEdit()->text() != name || !m_password->text().isEmpty())
                return;
            if (password)
                m_password->setText(*password);
            m_password->setPlaceholderText(
                password ? QString()
                         : QStringLiteral("not in the keychain: type it (it is not stored)"));
        });
    }
    return true;
}

void ConnectionDialog::syncProductionWithTag()
{
    m_production->setChecked(m_profileBox->tag() == ProfileTag::Production);
}

QStringList ConnectionDialog::recentConnections()
{
    return QSettings().value(kRecentKey).toStringList();
}

void ConnectionDialog::rememberConnection(const ConnectionUrl &url)
{
    const QString storable = url.toStorableString(); // never a password in a settings file
    QStringList recent = recentConnections();
    recent.removeAll(storable);
    recent.prepend(storable);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
}

} // namespace migconsole

namespace migconsole {

void ConnectionDialog::rememberFlags(const ConnectionSettings &settings)
{
    QSettings store;
    store.beginGroup(kFlagsGroup);
    const QString key = flagsKey(settings.url);
    if (!settings.readOnly && !settings.production) {
        store.remove(key);
        return;
    }
    store.setValue(key + QLatin1Char('/') + kReadOnlyFlag, settings.readOnly);
    store.setValue(key + QLatin1Char('/') + kProductionFlag, settings.production);
}

void ConnectionDialog::restoreFlags(ConnectionSettings &settings)
{
    QSettings store;
    store.beginGroup(kFlagsGroup);
    const QString key = flagsKey(settings.url);
    settings.readOnly = store.value(key + QLatin1Char('/') + kReadOnlyFlag, false).toBool();
    settings.production = store.value(key + QLatin1Char('/') + kProductionFlag, false).toBool();
}

} // namespace migconsole
