#pragma once

#include <QMetaType>
#include <QString>

namespace migconsole {

/// What went wrong, coarse enough for callers to decide (exit code, retry, message box).
enum class ErrorCode {
    BadInput,      ///< malformed URL, unreadable file, unknown option value
    Connect,       ///< could not open a connection (host, auth, timeout)
    Query,         ///< a statement failed on an open connection
    Cancelled,     ///< the operator cancelled long-running work
    Internal,      ///< a bug: an invariant of ours did not hold
};

/// A typed error that can cross threads (registered as a Qt metatype).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message; ///< one readable sentence naming the field, file:line or object
    QString detail;  ///< the driver's own text, when there is one

    QString toString() const
    {
        return detail.isEmpty() ? message : message + QStringLiteral(": ") + detail;
    }
};

/// Process exit code the CLI uses for an error of this kind (ARCHITECTURE.md).
inline int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadInput:
        return 2;
    case ErrorCode::Connect:
    case ErrorCode::Query:
        return 3;
    case ErrorCode::Cancelled:
    case ErrorCode::Internal:
        break;
    }
    return 4;
}

} // namespace migconsole

Q_DECLARE_METATYPE(migconsole::Error)
