#include "ProfileFieldsBox.h"

#include "ProfilePresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>

namespace migconsole {

namespace {

QIcon tagIcon(ProfileTag tag)
{
    QPixmap chip(14, 14);
    const QColor colour = profileTagColour(tag);
    chip.fill(colour.isValid() ? colour : QColor(Qt::transparent));
    return QIcon(chip);
}

} // namespace

ProfileFieldsBox::ProfileFieldsBox(QWidget *parent)
    : QGroupBox(QStringLiteral("Save as a &profile"), parent), m_name(new QLineEdit(this)),
      m_tag(new QComboBox(this)), m_migrations(new QLineEdit(this)),
      m_versionTable(new QLineEdit(this)),
      m_keychain(new QCheckBox(QStringLiteral("Keep the password in the system keychain"), this))
{
    setCheckable(true);
    setChecked(false);
    m_name->setPlaceholderText(QStringLiteral("prod-eu, staging, …"));
    for (ProfileTag tag : allProfileTags())
        m_tag->addItem(tagIcon(tag), profileTagLabel(tag), int(tag));
    m_tag->setToolTip(QStringLiteral("Production is red everywhere and every write asks for the "
                                     "database's name"));
    m_migrations->setPlaceholderText(QStringLiteral("the Alembic folder for this database"));
    m_versionTable->setPlaceholderText(QStringLiteral("alembic_version"));
    m_keychain->setToolTip(QStringLiteral(
        "Never written to a settings file. Unticked: the password is asked for each time."));

    auto *browse = new QPushButton(QStringLiteral("Browse…"), this);
    auto *folderRow = new QWidget(this);
    auto *folderLayout = new QHBoxLayout(folderRow);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    folderLayout->addWidget(m_migrations, 1);
    folderLayout->addWidget(browse);

    auto *form = new QFormLayout(this);
    form->addRow(QStringLiteral("&Name:"), m_name);
    form->addRow(QStringLiteral("&Tag:"), m_tag);
    form->addRow(QStringLiteral("&Migrations:"), folderRow);
    form->addRow(QStringLiteral("&Version table:"), m_versionTable);
    form->addRow(QString(), m_keychain);

    connect(browse, &QPushButton::clicked, this, &ProfileFieldsBox::browseForFolder);
    connect(m_tag, &QComboBox::currentIndexChanged, this, [this] { emit tagChanged(tag()); });
}

void ProfileFieldsBox::setProfile(const ConnectionProfile &profile)
{
    m_name->setText(profile.name); // before checking the box: its toggle validates the name
    setChecked(true);
    setTag(profile.tag);
    m_migrations->setText(profile.migrationsPath);
    m_versionTable->setText(profile.versionTable.table);
    if (m_keychain->isEnabled())
        m_keychain->setChecked(profile.passwordInKeychain);
}

ConnectionProfile ProfileFieldsBox::profile() const
{
    ConnectionProfile profile;
    profile.name = m_name->text().trimmed();
    profile.tag = tag();
    profile.migrationsPath = m_migrations->text().trimmed();
    profile.versionTable.table = m_versionTable->text().trimmed();
    profile.passwordInKeychain = m_keychain->isEnabled() && m_keychain->isChecked();
    return profile;
}

ProfileTag ProfileFieldsBox::tag() const
{
    return ProfileTag(m_tag->currentData().toInt());
}

void ProfileFieldsBox::setTag(ProfileTag tag)
{
    m_tag->setCurrentIndex(m_tag->findData(int(tag)));
}

void ProfileFieldsBox::setKeychainUnavailable(const QString &why)
{
    m_keychain->setChecked(false);
    m_keychain->setEnabled(false);
    m_keychain->setText(QStringLiteral("No system keychain: the password is asked each time"));
    m_keychain->setToolTip(why);
}

void ProfileFieldsBox::browseForFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, QStringLiteral("The Alembic migrations folder for this database"), m_migrations->text());
    if (!folder.isEmpty())
        m_migrations->setText(folder);
}

} // namespace migconsole
