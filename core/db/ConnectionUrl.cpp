#include "db/ConnectionUrl.h"

#include <QRegularExpression>
#include <QUrl>

namespace migconsole {

namespace {

const QString kMask = QStringLiteral("***");

/// libpq connection keywords a URL may carry; anything else is a typo worth reporting.
const QStringList &knownParameters()
{
    static const QStringList keys = {
        QStringLiteral("sslmode"),          QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),          QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),           QStringLiteral("connect_timeout"),
        QStringLiteral("application_name"), QStringLiteral("options"),
        QStringLiteral("target_session_attrs"), QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"),  QStringLiteral("gssencmode"),
    };
    return keys;
}

const QStringList &sslModes()
{
    static const QStringList modes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

Error badUrl(const QString &what)
{
    return Error{ErrorCode::BadInput, QStringLiteral("Malformed database URL: %1").arg(what), {}};
}

/// Percent-decodes one URL component; fails on a broken escape such as "%G1".
std::optional<QString> decodeComponent(const QString &raw)
{
    static const QRegularExpression badEscape(QStringLiteral("%(?![0-9A-Fa-f]{2})"));
    if (badEscape.match(raw).hasMatch())
        return std::nullopt;
    return QUrl::fromPercentEncoding(raw.toUtf8());
}

QString encodeComponent(const QString &value)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(value));
}

/// A SQLite file path as the URL's tail: readable ('/' and spaces kept), but with what
/// parse() would read differently escaped — '%', the '?' that starts options, and
/// whitespace at either end, which parse() trims.
QString encodeSqlitePath(const QString &path)
{
    qsizetype first = 0;
    while (first < path.size() && path.at(first).isSpace())
        ++first;
    qsizetype last = path.size();
    while (last > first && path.at(last - 1).isSpace())
        --last;
    QString out = encodeComponent(path.left(first));
    for (qsizetype i = first; i < last; ++i) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('%'))
            out += QStringLiteral("%25");
        else if (c == QLatin1Char('?'))
            out += QStringLiteral("%3F");
        else
            out += c;
    }
    return out + encodeComponent(path.mid(last));
}

Error badSqliteUrl()
{
    return badUrl(QStringLiteral("a SQLite URL is sqlite:///relative/path.db or "
                                 "sqlite:////absolute/path.db"));
}

Expected<ConnectionUrl> parseSqlite(const QString &rest)
{
    // sqlite:///relative.db → rest "/relative.db"; sqlite:////abs.db → "//abs.db".
    if (!rest.startsWith(QLatin1Char('/')) || rest.size() < 2)
        return badSqliteUrl();
    ConnectionUrl url;
    url.dialect = Dialect::SQLite;
    QString path = rest.mid(1);
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    if (query >= 0) {
        // SQLAlchemy-style options are not used here, except SQLite's own mode=ro
        // (a read-only session, as sqlite3 URIs spell it).
        const QStringList options = path.mid(query + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts);
        if (options.contains(QLatin1String("mode=ro")))
            url.parameters.append({QStringLiteral("mode"), QStringLiteral("ro")});
        path.truncate(query);
    }
    if (path.isEmpty()) // `sqlite:///?mode=ro`: options, but no file
        return badSqliteUrl();
    const auto decoded = decodeComponent(path);
    if (!decoded)
        return badUrl(QStringLiteral("the file path has a broken %-escape"));
    url.database = *decoded;
    return url;
}

Expected<ConnectionUrl> parseServer(Dialect dialect, const QString &rest)
{
    if (!rest.startsWith(QLatin1String("//")))
        return badUrl(QStringLiteral("expected '//' after the scheme"));
    ConnectionUrl url;
    url.dialect = dialect;
    QString remainder = rest.mid(2);

    QString query;
    if (const qsizetype q = remainder.indexOf(QLatin1Char('?')); q >= 0) {
        query = remainder.mid(q + 1);
        remainder.truncate(q);
    }
    QString path;
    if (const qsizetype slash = remainder.indexOf(QLatin1Char('/')); slash >= 0) {
        path = remainder.mid(slash + 1);
        remainder.truncate(slash);
    }
    // The last '@' separates credentials: a password may itself contain '@' unescaped.
    QString hostPort = remainder;
    if (const qsizetype at = remainder.lastIndexOf(QLatin1Char('@')); at >= 0) {
        const QString credentials = remainder.left(at);
        hostPort = remainder.mid(at + 1);
        const qsizetype colon = credentials.indexOf(QLatin1Char(':'));
        const auto user = decodeComponent(colon < 0 ? credentials : credentials.left(colon));
        if (!user)
            return badUrl(QStringLiteral("the user name has a broken %-escape"));
        url.user = *user;
        if (colon >= 0) {
            const auto password = decodeComponent(credentials.mid(colon + 1));
            if (!password)
                return badUrl(QStringLiteral("the password has a broken %-escape"));
            url.password = *password;
        }
    }

    QString portText;
    if (hostPort.startsWith(QLatin1Char('['))) { // [::1]:5432
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close < 0)
            return badUrl(QStringLiteral("unterminated '[' in the IPv6 host"));
        url.host = hostPort.mid(1, close - 1);
        const QString after = hostPort.mid(close + 1);
        if (after.startsWith(QLatin1Char(':')))
            portText = after.mid(1);
        else if (!after.isEmpty())
            return badUrl(QStringLiteral("unexpected text after the IPv6 host"));
    } else if (const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        url.host = hostPort.left(colon);
        portText = hostPort.mid(colon + 1);
    } else {
        url.host = hostPort;
    }
    // Brackets belong only around a whole IPv6 address: any other host with them cannot be
    // written back as a URL that reads the same.
    if (url.host.contains(QLatin1Char('[')) || url.host.contains(QLatin1Char(']')))
        return badUrl(QStringLiteral("the host name '%1' contains '[' or ']' (an IPv6 host is "
                                     "written [::1])")
                          .arg(url.host));
    if (url.host.isEmpty())
        return badUrl(QStringLiteral("the host name is missing"));
    if (!portText.isEmpty() || hostPort.endsWith(QLatin1Char(':'))) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return badUrl(QStringLiteral("port '%1' is not a number from 1 to 65535").arg(portText));
        url.port = port;
    }
    const auto database = decodeComponent(path);
    if (!database)
        return badUrl(QStringLiteral("the database name has a broken %-escape"));
    url.database = *database;
    if (url.database.contains(QLatin1Char('/')))
        return badUrl(QStringLiteral("the database name '%1' contains '/'").arg(url.database));

    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? pair : pair.left(eq);
        const auto value = decodeComponent(eq < 0 ? QString() : pair.mid(eq + 1));
        if (!value)
            return badUrl(QStringLiteral("parameter '%1' has a broken %-escape").arg(key));
        if (key == QLatin1String("password")) { // libpq accepts it; keep it secret all the same
            url.password = *value;
            continue;
        }
        if (key == QLatin1String("user")) {
            url.user = *value;
            continue;
        }
        if (!knownParameters().contains(key))
            return badUrl(QStringLiteral("unknown parameter '%1' (known: %2)")
                              .arg(key, knownParameters().join(QStringLiteral(", "))));
        if (key == QLatin1String("sslmode") && !sslModes().contains(*value))
            return badUrl(QStringLiteral("sslmode '%1' is not one of %2")
                              .arg(*value, sslModes().join(QStringLiteral(", "))));
        url.parameters.append({key, *value});
    }
    return url;
}

} // namespace

Expected<ConnectionUrl> ConnectionUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return badUrl(QStringLiteral("the URL is empty"));
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return badUrl(QStringLiteral("no scheme; expected postgresql://, sqlite:/// or mysql://"));
    QString scheme = text.left(colon).toLower();
    if (const qsizetype plus = scheme.indexOf(QLatin1Char('+')); plus >= 0)
        scheme.truncate(plus); // SQLAlchemy's dialect+driver form: postgresql+psycopg2://
    const QString rest = text.mid(colon + 1);
    if (scheme == QLatin1String("sqlite"))
        return parseSqlite(rest.startsWith(QLatin1String("//")) ? rest.mid(2) : QString());
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        return parseServer(Dialect::PostgreSQL, rest);
    if (scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb"))
        return parseServer(Dialect::MySQL, rest);
    return badUrl(QStringLiteral("unknown scheme '%1'; expected postgresql://, sqlite:/// or mysql://")
                      .arg(scheme));
}

int ConnectionUrl::effectivePort() const
{
    if (port != 0)
        return port;
    return dialect == Dialect::MySQL ? 3306 : 5432;
}

QString ConnectionUrl::parameter(const QString &key) const
{
    for (const auto &[k, v] : parameters) {
        if (k == key)
            return v;
    }
    return {};
}

namespace {

QString format(const ConnectionUrl &url, bool includeMaskedPassword)
{
    if (url.dialect == Dialect::SQLite)
        return QStringLiteral("sqlite:///") + encodeSqlitePath(url.database) +
               (url.parameter(QStringLiteral("mode")) == QLatin1String("ro") ? QStringLiteral("?mode=ro")
                                                                            : QString());
    QString out = dialectName(url.dialect) + QStringLiteral("://");
    if (!url.user.isEmpty() || !url.password.isEmpty()) {
        out += encodeComponent(url.user);
        if (includeMaskedPassword && !url.password.isEmpty())
            out += QLatin1Char(':') + kMask;
        out += QLatin1Char('@');
    }
    out += url.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + url.host + QLatin1Char(']')
                                               : url.host;
    if (url.port != 0)
        out += QLatin1Char(':') + QString::number(url.port);
    out += QLatin1Char('/') + encodeComponent(url.database);
    QStringList query;
    for (const auto &[k, v] : url.parameters)
        query.append(k + QLatin1Char('=') + encodeComponent(v));
    if (!query.isEmpty())
        out += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return out;
}

} // namespace

QString ConnectionUrl::toDisplayString() const { return format(*this, true); }
QString ConnectionUrl::toStorableString() const { return format(*this, false); }

Expected<QString> resolvePassword(const ConnectionUrl &url, const QString &passwordEnvName)
{
    if (!url.password.isEmpty())
        return url.password;
    if (!passwordEnvName.isEmpty()) {
        if (!qEnvironmentVariableIsSet(passwordEnvName.toLocal8Bit().constData()))
            return Error{ErrorCode::BadInput,
                         QStringLiteral("--password-env names '%1', but that environment "
                                        "variable is not set")
                             .arg(passwordEnvName),
                         {}};
        return qEnvironmentVariable(passwordEnvName.toLocal8Bit().constData());
    }
    if (url.dialect == Dialect::PostgreSQL)
        return qEnvironmentVariable("PGPASSWORD");
    return QString();
}

QString maskUrlPasswords(const QString &text)
{
    // scheme://user:password@host — a password typed without percent-encoding may itself hold
    // '@', '/', ':' or spaces, so it runs to the LAST '@' before the next URL (or the end of
    // the text). Masking a little too much (an '@' later in the message) is the safe mistake.
    static const QRegularExpression userPart(
        QStringLiteral("[A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s]*:"));
    QString out;
    qsizetype copied = 0;
    QRegularExpressionMatch match = userPart.match(text);
    while (match.hasMatch()) {
        const qsizetype passwordStart = match.capturedEnd();
        const QRegularExpressionMatch nextUrl = userPart.match(text, passwordStart);
        const qsizetype segmentEnd = nextUrl.hasMatch() ? nextUrl.capturedStart() : text.size();
        const qsizetype at = text.lastIndexOf(QLatin1Char('@'), segmentEnd - 1);
        if (at >= passwordStart) {
            out += text.mid(copied, passwordStart - copied) + kMask;
            copied = at;
        }
        match = nextUrl;
    }
    out += text.mid(copied);
    static const QRegularExpression passwordParam(QStringLiteral("(password=)[^&\\s]*"),
                                                  QRegularExpression::CaseInsensitiveOption);
    out.replace(passwordParam, QStringLiteral("\\1") + kMask);
    return out;
}

} // namespace migconsole
