#include "CliSupport.h"

#include "db/ConnectionUrl.h"

#include <QJsonDocument>

#include <cstdio>
#include <iostream>
#include <string>

#include <unistd.h>

namespace migconsole::cli {

void writeOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

int fail(const QString &command, const Error &error)
{
    QString text = QStringLiteral("migconsole %1: %2\n").arg(command, error.message);
    if (!error.detail.isEmpty())
        text += QStringLiteral("  %1\n").arg(error.detail);
    const QByteArray bytes = maskUrlPasswords(text).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    return exitCodeFor(error.code);
}

int usageError(const QString &command, const QString &message)
{
    return fail(command, Error{ErrorCode::BadInput,
                               message + QStringLiteral(" (see 'migconsole --help')"), {}});
}

std::optional<bool> wantsJson(const QString &command, const CommandLine &line, int *exitCode)
{
    const QString format = line.value(kFormat, QStringLiteral("text"));
    if (format == QLatin1String("json"))
        return true;
    if (format == QLatin1String("text"))
        return false;
    *exitCode = usageError(command, QStringLiteral("--format must be text or json, not '%1'").arg(format));
    return std::nullopt;
}

void printJson(const QJsonObject &object)
{
    writeOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

bool confirmWrite(const QString &command, const CommandLine &line, const QString &question)
{
    if (line.has(kYes))
        return true;
    if (!isatty(STDIN_FILENO)) {
        fail(command, Error{ErrorCode::BadInput,
                            QStringLiteral("refusing to write without confirmation: no terminal to ask "
                                           "on; add --yes to confirm"),
                            {}});
        return false;
    }
    const QByteArray prompt = maskUrlPasswords(question + QStringLiteral(" Type 'yes' to go ahead: ")).toUtf8();
    std::fwrite(prompt.constData(), 1, size_t(prompt.size()), stderr);
    std::fflush(stderr);
    std::string answer;
    std::getline(std::cin, answer);
    if (QString::fromStdString(answer).trimmed() == QLatin1String("yes"))
        return true;
    fail(command, Error{ErrorCode::BadInput, QStringLiteral("not confirmed: nothing was written"), {}});
    return false;
}

} // namespace migconsole::cli
