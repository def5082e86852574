#pragma once

#include "history/PythonTokenizer.h"

#include <QByteArray>
#include <QString>

namespace migconsole {

/// Revision scripts longer than this are not read (a problem says so): every script is read
/// twice, header and body, and a data dump of tens of megabytes is not a migration anyone
/// reviews. Real scripts, bulk inserts included, stay far below it.
constexpr qint64 kMaxPythonSourceBytes = 8 << 20;

/// Source bytes decoded the way Python reads a module: a UTF-8 BOM is dropped, a PEP 263
/// `coding:` comment on line 1 or 2 picks the codec, UTF-8 otherwise. Invalid bytes and
/// NUL bytes are errors (Python refuses such a file), reported with their line.
struct DecodedPythonSource
{
    QString text;
    bool ok = true;
    int errorLine = 0;
    QString error;
};
DecodedPythonSource decodePythonSource(const QByteArray &bytes);

/// The value of one String token: prefix and quotes removed, escapes applied unless raw,
/// line breaks normalised to "\n" (as Python reads source). f-strings are not evaluated:
/// the caller must check PyToken::Formatted first.
QString decodeStringLiteral(const PyToken &token, QStringView source);

} // namespace migconsole
