#pragma once

#include "db/DbConnection.h"
#include "profile/ConnectionProfile.h"

#include <QDialog>
#include <QList>
#include <QPair>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace migconsole {

class PasswordKeychain;
class ProfileFieldsBox;

/// Asks where to connect: a saved profile, a recent connection, a URL, or the same thing
/// field by field (the two stay in step); optionally saves it as a named profile. Passwords
/// are never put into the URL field or a settings file (only, when asked, the keychain).
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    /// What the operator entered; only meaningful once the dialog was accepted (or
    /// validate() returned no error).
    ConnectionSettings settings() const;
    /// The profile to save and use when "Save as a profile" is ticked (no password in it).
    std::optional<ConnectionProfile> profile() const;
    /// Fills the dialog from the saved profile `name` (its password from the keychain,
    /// when it keeps one there); false when there is no such profile.
    bool selectProfile(const QString &name);
    /// Fills every field from `url` (a password in it goes to the password field).
    void setUrlText(const QString &url);
    QString urlText() const;
    /// The problem with the current input, or an empty string when it can be used.
    QString validate() const;

    /// Recently opened connections, newest first, without passwords (settings file).
    static QStringList recentConnections();
    /// Puts `url` (password dropped) at the top of the recent list.
    static void rememberConnection(const ConnectionUrl &url);
    /// Remembers the Read-only / Production flags with the connection's storable URL, so
    /// choosing it again from the recent list brings them back.
    static void rememberFlags(const ConnectionSettings &settings);
    /// Fills `settings.readOnly` / `production` from what was remembered for its URL.
    static void restoreFlags(ConnectionSettings &settings);

    QCheckBox *readOnlyBox() const { return m_readOnly; }
    QCheckBox *productionBox() const { return m_production; }
    ProfileFieldsBox *profileBox() const { return m_profileBox; }
    QComboBox *recentBox() const { return m_recent; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    bool isSqlite() const;
    void updateDialectRows();
    void fieldsEdited();
    void urlEdited(const QString &text);
    void browseForFile();
    void fillRecentBox();
    void chooseRecent(int index);
    void syncProductionWithTag();
    void showValidation();
    /// The URL the fields describe, without the password.
    ConnectionUrl urlFromFields() const;

    QComboBox *m_recent;
    QLineEdit *m_url;
    QComboBox *m_dialect;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_database;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QWidget *m_fileRow;
    QSpinBox *m_timeout;
    QCheckBox *m_readOnly;
    QCheckBox *m_production;
    ProfileFieldsBox *m_profileBox;
    PasswordKeychain *m_keychain;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QFormLayout *m_form = nullptr;
    QList<QPair<QString, QString>> m_parameters; // from the URL's query string, kept as is
    bool m_syncing = false;
};

} // namespace migconsole
