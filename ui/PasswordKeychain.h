#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace migconsole {

/// Profile passwords in the system keychain (Secret Service, KWallet, … through QtKeychain),
/// never in the settings file: QtKeychain's plain-text fallback stays off. When there is no
/// keychain (no service running, built without QtKeychain) every call reports that and the
/// console asks for the password each time instead.
class PasswordKeychain : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(std::optional<QString> password, QString error)>;
    using WriteCallback = std::function<void(bool stored, QString error)>;

    explicit PasswordKeychain(QObject *parent = nullptr);

    /// False when this build has no QtKeychain, or a keychain call already found no service.
    static bool mayBeAvailable();
    /// The keychain entry's key for a profile ("profile/<name>"): never contains the password.
    static QString keyFor(const QString &profileName);

    /// Calls `done` (on this thread, later) with the stored password, or nullopt and why.
    void read(const QString &profileName, ReadCallback done);
    void write(const QString &profileName, const QString &password, WriteCallback done);
    void remove(const QString &profileName);
};

} // namespace migconsole
