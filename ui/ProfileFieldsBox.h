#pragma once

#include "profile/ConnectionProfile.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace migconsole {

/// The Connect dialog's "Save as profile" box: name, colour tag, migrations folder, version
/// table and whether the password goes to the system keychain. Checkable: unchecked = a
/// one-off connection, nothing saved but the recent-connection entry.
class ProfileFieldsBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit ProfileFieldsBox(QWidget *parent = nullptr);

    /// Fills every field from `profile` and checks the box.
    void setProfile(const ConnectionProfile &profile);
    /// The fields as a profile (url and readOnly are the dialog's to fill in).
    ConnectionProfile profile() const;
    ProfileTag tag() const;
    void setTag(ProfileTag tag);
    /// Unticks and disables "keep the password in the keychain", saying why.
    void setKeychainUnavailable(const QString &why);

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *tagBox() const { return m_tag; }
    QLineEdit *migrationsEdit() const { return m_migrations; }
    QCheckBox *keychainBox() const { return m_keychain; }

signals:
    void tagChanged(migconsole::ProfileTag tag);

private:
    void browseForFolder();

    QLineEdit *m_name;
    QComboBox *m_tag;
    QLineEdit *m_migrations;
    QLineEdit *m_versionTable;
    QCheckBox *m_keychain;
};

} // namespace migconsole
