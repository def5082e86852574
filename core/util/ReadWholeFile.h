#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace migconsole {

/// A whole file's bytes, or nullopt with the system's reason in `error` ("No such file or
/// directory", the text QFile would give). On POSIX it is open + fstat + read + close:
/// QFile spends three stat calls and an extra read per file, which on a 5,000-script
/// project read twice (history, then replay) was a third of `check`'s time.
/// With `maxBytes` >= 0 a longer file is not read: nullopt, and `error` gives both sizes.
std::optional<QByteArray> readWholeFile(const QString &path, QString *error, qint64 maxBytes = -1);

} // namespace migconsole
