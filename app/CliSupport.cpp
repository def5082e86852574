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

std::optional<QString> outputFormat(const QString &command, const CommandLine &line,
                                    const QStringList &allowed, int *exitCode)
{
    const QString format = line.value(kFormat, allowed.constFirst());
    if (allowed.contains(format))
        return format;
    // "text or json", "text, json, html or markdown"
    const QString names = allowed.size() == 1
                              ? allowed.constFirst()
                              : allowed.first(allowed.size() - 1).join(QStringLiteral(", ")) +
                                    QStringLiteral(" or ") + allowed.constLast();
    *exitCode = usageError(command, QStringLiteral("--format must be %1, not '%2'").arg(names, format));
    return std::nullopt;
}

std::optional<bool> wantsJson(const QString &command, const CommandLine &line, int *exitCode)
{
    const auto format = outputFormat(command, line, {QStringLiteral("text"), QStringLiteral("json")}, exitCode);
    if (!format)
        return std::nullopt;
    return *format == QLatin1String("json");
}

void writeOutBytes(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void printJson(const QJsonObject &object)
{
    writeOutBytes(QJsonDocument(object).toJson(QJsonDocument::Indented));
    std::fflush(stdout);
}

void printJsonStreamed(const std::function<void(JsonWriter &)> &members)
{
    JsonWriter writer(writeOutBytes);
    writer.beginObject();
    members(writer);
    writer.endObject().finish();
    std::fflush(stdout);
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

namespace migconsole::cli {

std::optional<DriftRequest> driftRequestFromLine(const QString &command, const CommandLine &line,
                                                 const ConnectionSettings &settings, int *exitCode)
{
    auto refuse = [&](const QString &message) {
        *exitCode = usageError(command, message);
        return std::nullopt;
    };
    const int sources = int(line.has(kMigrations)) + int(line.has(kReference)) + int(line.has(kSnapshot));
    if (sources != 1)
        return refuse(QStringLiteral("give exactly one of --migrations DIR, --reference URL "
                                     "or --snapshot FILE as the expected schema"));
    if (line.has(kTarget) && !line.has(kMigrations))
        return refuse(QStringLiteral("--target applies to --migrations only"));

    DriftRequest request;
    request.target = line.value(kTarget, QStringLiteral("current"));
    request.versionTable = VersionTableOptions{line.value(kVersionTable), line.value(kVersionTableSchema)};
    for (const QString &value : line.values(kSchema))
        request.namespaces += value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (line.has(kMigrations)) {
        request.source = ExpectedSource::Migrations;
        request.migrationsPath = line.value(kMigrations);
    } else if (line.has(kSnapshot)) {
        request.source = ExpectedSource::Snapshot;
        request.snapshotPath = line.value(kSnapshot);
    } else {
        request.source = ExpectedSource::Reference;
        auto url = ConnectionUrl::parse(line.value(kReference));
        if (!url) {
            *exitCode = fail(command, Error{ErrorCode::BadInput,
                                            QStringLiteral("--reference: %1").arg(url.error().message), {}});
            return std::nullopt;
        }
        request.reference.url = *url;
        request.reference.passwordEnv = line.value(kReferencePasswordEnv);
        request.reference.connectTimeoutSeconds = settings.connectTimeoutSeconds;
    }
    return request;
}

} // namespace migconsole::cli
