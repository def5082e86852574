#pragma once

// Looks for a password wherever a run could have left it: output, files, settings. It is
// looked for in every form a leak could take — as is, percent-encoded (as in a URL), JSON-
// and HTML-escaped (reports) — and not only whole: any run of kMinFragment characters of it
// counts, so a password cut in two by a bad parse or a masking regex is still caught. The
// findings name the characters found (their positions) and where, never the characters.
// Also here: the password itself and a role on the throwaway server that logs in with it.

#include "TestSupport.h"

#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QUrl>

namespace migconsole::test {

/// `p@ss:w/rd?#%&"'\ ü 🔑`: every URL delimiter, both quotes, a backslash, spaces, Latin-1
/// and a character outside the BMP.
inline QString secretPassword()
{
    return QStringLiteral("p@ss:w/rd?#%&\"'\\ \u00fc ") + QString::fromUcs4(U"\U0001F511");
}

/// A login role with secretPassword() that owns a database of its own on the throwaway server.
class SecretRole
{
public:
    /// Creates both through `admin`; false after failing the test (without quoting the SQL,
    /// which holds the password).
    bool create(DbConnection &admin)
    {
        m_server = QStringLiteral("%1:%2").arg(admin.url().host).arg(admin.url().effectivePort());
        role = uniqueSchemaName(QStringLiteral("secret_role"));
        database = uniqueSchemaName(QStringLiteral("secret_db"));
        QString literal = secretPassword();
        literal.replace(QLatin1Char('\''), QStringLiteral("''")); // standard_conforming_strings
        if (!admin.exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, literal), {}).ok() ||
            !admin.exec(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(database, role), {}).ok()) {
            QTest::qFail("cannot create the role with the secret password and its database", __FILE__,
                         __LINE__);
            return false;
        }
        return true;
    }

    void drop(DbConnection &admin) const
    {
        admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database), {});
        admin.exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role), {});
    }

    /// As the role: a database Alembic says is at 0002 but without 0002's column, and the two
    /// scripts in `versionsDir` — a drift check finds a missing column, a fix adds it.
    bool setUpDrift(const QString &versionsDir) const
    {
        auto asRole = DbConnection::open(settingsFor(*ConnectionUrl::parse(url(secretPassword()))));
        if (!asRole) {
            QTest::qFail("the role cannot log in with its password", __FILE__, __LINE__);
            return false;
        }
        if (!execScript(**asRole, QStringLiteral("CREATE TABLE items (id serial PRIMARY KEY, name text);\n"
                                                 "CREATE TABLE alembic_version (version_num varchar(32) "
                                                 "NOT NULL PRIMARY KEY);\n"
                                                 "INSERT INTO alembic_version VALUES ('0002');\n")))
            return false;
        const QList<std::pair<const char *, const char *>> scripts = {
            {"0001_items.py", "\"\"\"create items\n\nRevision ID: 0001\nRevises:\n\"\"\"\n"
                              "from alembic import op\nimport sqlalchemy as sa\n\n"
                              "revision = \"0001\"\ndown_revision = None\n\n\ndef upgrade():\n"
                              "    op.create_table(\"items\",\n"
                              "                    sa.Column(\"id\", sa.Integer(), primary_key=True),\n"
                              "                    sa.Column(\"name\", sa.Text(), nullable=True))\n"},
            {"0002_note.py", "\"\"\"add note\n\nRevision ID: 0002\nRevises: 0001\n\"\"\"\n"
                             "from alembic import op\nimport sqlalchemy as sa\n\n"
                             "revision = \"0002\"\ndown_revision = \"0001\"\n\n\ndef upgrade():\n"
                             "    op.add_column(\"items\", sa.Column(\"note\", sa.Text(), nullable=True))\n"}};
        QDir().mkpath(versionsDir);
        for (const auto &[name, text] : scripts) {
            QFile file(versionsDir + QLatin1Char('/') + QLatin1String(name));
            if (!file.open(QIODevice::WriteOnly) || file.write(text) < 0) {
                QTest::qFail("cannot write the migration scripts", __FILE__, __LINE__);
                return false;
            }
        }
        return true;
    }

    /// The role's database URL with `password` percent-encoded in it.
    QString url(const QString &password) const
    {
        return QStringLiteral("postgresql://%1:%2@%3/%4")
            .arg(role, QString::fromUtf8(QUrl::toPercentEncoding(password)), m_server, database);
    }
    QString urlWithoutPassword() const
    {
        return QStringLiteral("postgresql://%1@%2/%3").arg(role, m_server, database);
    }
    /// "host:port" of the server.
    QString server() const { return m_server; }

    QString role;
    QString database;

private:
    QString m_server;
};

class SecretScan
{
public:
    /// Fragments this long (in characters, i.e. Unicode code points) or longer count.
    static constexpr int kMinFragment = 5;

    explicit SecretScan(const QString &secret)
    {
        const QList<uint> points = secret.toUcs4();
        const int length = int(points.size());
        const int span = std::min<int>(kMinFragment, length);
        // Every longer fragment contains one of this length, in each form below: each form
        // encodes character by character.
        for (int start = 0; start + span <= length; ++start) {
            const QString fragment =
                QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()) + start, span);
            const QString where = QStringLiteral("characters %1-%2 of the password")
                                      .arg(start + 1)
                                      .arg(start + span);
            for (const auto &[form, bytes] : forms(fragment))
                add(bytes, QStringLiteral("%1 (%2)").arg(where, form));
        }
    }

    /// What of the secret `bytes` hold, described without it; empty when nothing.
    QString findIn(const QByteArray &bytes) const
    {
        for (const Needle &needle : m_needles) {
            if (bytes.contains(needle.bytes))
                return needle.what;
        }
        return {};
    }
    QString findIn(const QString &text) const { return findIn(text.toUtf8()); }

    /// Every file under `dir` (hidden ones too) that holds the secret, as "path: what".
    /// Settings files are also read back through QSettings (which escapes non-ASCII text).
    /// `scanned`, when given, receives the files looked at.
    QStringList findInTree(const QString &dir, QStringList *scanned = nullptr) const
    {
        QStringList found;
        QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (scanned)
                scanned->append(path);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue; // a socket in XDG_RUNTIME_DIR: nothing stored
            if (const QString what = findIn(file.readAll()); !what.isEmpty())
                found.append(QStringLiteral("%1: %2").arg(path, what));
            const QString suffix = QFileInfo(path).suffix();
            if (suffix == QLatin1String("conf") || suffix == QLatin1String("ini")) {
                if (const QString what = findInSettings(path); !what.isEmpty())
                    found.append(QStringLiteral("%1 (read back by QSettings): %2").arg(path, what));
            }
        }
        return found;
    }

private:
    struct Needle
    {
        QByteArray bytes;
        QString what;
    };

    static QList<std::pair<QString, QByteArray>> forms(const QString &fragment)
    {
        QList<std::pair<QString, QByteArray>> out;
        out.append({QStringLiteral("as is"), fragment.toUtf8()});
        const QByteArray percent = QUrl::toPercentEncoding(fragment);
        out.append({QStringLiteral("percent-encoded"), percent});
        out.append({QStringLiteral("percent-encoded, lower-case hex"), lowerCaseHex(percent)});
        QByteArray json = QJsonDocument(QJsonArray{fragment}).toJson(QJsonDocument::Compact);
        out.append({QStringLiteral("JSON string"), json.mid(2, json.size() - 4)}); // ["…"]
        out.append({QStringLiteral("JSON string, \\u escapes"), jsonAsciiEscaped(fragment)});
        const QString html = fragment.toHtmlEscaped();
        out.append({QStringLiteral("HTML-escaped"), html.toUtf8()});
        out.append({QStringLiteral("HTML-escaped, &#39;"),
                    QString(html).replace(QLatin1Char('\''), QStringLiteral("&#39;")).toUtf8()});
        out.append({QStringLiteral("HTML-escaped, &#x27;"),
                    QString(html).replace(QLatin1Char('\''), QStringLiteral("&#x27;")).toUtf8()});
        return out;
    }

    static QByteArray lowerCaseHex(QByteArray percent)
    {
        for (qsizetype i = 0; i + 2 < percent.size(); ++i) {
            if (percent.at(i) == '%') {
                percent[i + 1] = char(QChar::toLower(uint(uchar(percent.at(i + 1)))));
                percent[i + 2] = char(QChar::toLower(uint(uchar(percent.at(i + 2)))));
            }
        }
        return percent;
    }

    /// JSON escaping that writes every non-ASCII UTF-16 unit as \uXXXX.
    static QByteArray jsonAsciiEscaped(const QString &fragment)
    {
        QByteArray out;
        for (const QChar c : fragment) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                out += '\\' + QByteArray(1, char(c.unicode()));
            else if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                out += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
            else
                out += char(c.unicode());
        }
        return out;
    }

    void add(const QByteArray &bytes, const QString &what)
    {
        for (const Needle &needle : std::as_const(m_needles)) {
            if (needle.bytes == bytes)
                return;
        }
        m_needles.append({bytes, what});
    }

    QString findInSettings(const QString &path) const
    {
        QSettings settings(path, QSettings::IniFormat);
        for (const QString &key : settings.allKeys()) {
            if (const QString what = findIn(key); !what.isEmpty())
                return QStringLiteral("key %1").arg(what);
            const QVariant value = settings.value(key);
            const QString text = value.typeId() == QMetaType::QStringList
                                     ? value.toStringList().join(QLatin1Char('\n'))
                                     : value.toString();
            if (const QString what = findIn(text); !what.isEmpty())
                return QStringLiteral("value of %1: %2").arg(key, what);
            if (const QString what = findIn(value.toByteArray()); !what.isEmpty())
                return QStringLiteral("value of %1: %2").arg(key, what);
        }
        return {};
    }

    QList<Needle> m_needles;
};

} // namespace migconsole::test
