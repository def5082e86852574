#include "history/PythonSource.h"

#include <QStringDecoder>

#include <cctype>

namespace migconsole {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// PEP 263: `# ... coding[:=] name` in a comment on line 1, or on line 2 when line 1 is
// blank or a comment.
QByteArray codingCookie(const QByteArray &bytes, qsizetype from)
{
    qsizetype lineStart = from;
    for (int lineNo = 0; lineNo < 2 && lineStart < bytes.size(); ++lineNo) {
        qsizetype lineEnd = bytes.indexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = bytes.size();
        const QByteArray line = bytes.mid(lineStart, lineEnd - lineStart);
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith('#')) {
            const qsizetype at = trimmed.indexOf("coding");
            if (at >= 0 && at + 6 < trimmed.size() &&
                (trimmed.at(at + 6) == ':' || trimmed.at(at + 6) == '=')) {
                qsizetype i = at + 7;
                while (i < trimmed.size() && (trimmed.at(i) == ' ' || trimmed.at(i) == '\t'))
                    ++i;
                qsizetype j = i;
                while (j < trimmed.size() &&
                       (std::isalnum(uchar(trimmed.at(j))) || trimmed.at(j) == '-' ||
                        trimmed.at(j) == '_' || trimmed.at(j) == '.'))
                    ++j;
                if (j > i)
                    return trimmed.mid(i, j - i);
            }
        } else if (!trimmed.isEmpty()) {
            return {};
        }
        lineStart = lineEnd + 1;
    }
    return {};
}

int lineOfOffset(const QByteArray &bytes, qsizetype offset)
{
    int line = 1;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n')
            ++line;
    }
    return line;
}

// Offset of the first byte that is not valid UTF-8 (or -1), for the error's line.
qsizetype firstInvalidUtf8(const QByteArray &bytes, qsizetype from)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = from; i < n;) {
        const uchar b = p[i];
        if (b < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        uint cp = 0;
        if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
            cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
            cp = b & 0x07;
        } else {
            return i;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n || (p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += extra + 1;
    }
    return -1;
}

} // namespace

DecodedPythonSource decodePythonSource(const QByteArray &bytes)
{
    DecodedPythonSource result;
    qsizetype from = 0;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        from = 3;
    const qsizetype nul = bytes.indexOf('\0', from);
    if (nul >= 0) {
        result.ok = false;
        result.errorLine = lineOfOffset(bytes, nul);
        result.error = QStringLiteral("source code cannot contain null bytes");
    }
    QByteArray codec = codingCookie(bytes, from).toLower().replace('_', '-');
    const bool utf8 =
        codec.isEmpty() || codec == "utf-8" || codec.startsWith("utf-8-") || codec == "utf8";
    const bool latin1 = codec == "latin-1" || codec == "iso-8859-1" || codec == "iso-latin-1" ||
                        codec.startsWith("latin-1-") || codec.startsWith("iso-8859-1-") ||
                        codec.startsWith("iso-latin-1-");
    if (utf8) {
        const QByteArrayView body = QByteArrayView(bytes).sliced(from);
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        result.text = decoder.decode(body);
        if (decoder.hasError() && result.ok) {
            const qsizetype bad = firstInvalidUtf8(bytes, from);
            result.ok = false;
            result.errorLine = lineOfOffset(bytes, bad < 0 ? bytes.size() : bad);
            result.error = QStringLiteral("invalid UTF-8 (a binary file, or a coding "
                                          "declaration is missing)");
        }
        return result;
    }
    if (latin1) {
        result.text = QString::fromLatin1(QByteArrayView(bytes).sliced(from));
        return result;
    }
    QStringDecoder decoder(codec.constData(), QStringDecoder::Flag::Stateless);
    if (!decoder.isValid()) {
        result.ok = false;
        result.errorLine = 1;
        result.error = QStringLiteral("unknown encoding: %1").arg(QString::fromLatin1(codec));
        result.text = QString::fromUtf8(QByteArrayView(bytes).sliced(from));
        return result;
    }
    result.text = decoder.decode(QByteArrayView(bytes).sliced(from));
    if (decoder.hasError() && result.ok) {
        result.ok = false;
        result.errorLine = 1;
        result.error =
            QStringLiteral("bytes that are not valid %1").arg(QString::fromLatin1(codec));
    }
    return result;
}

QString decodeStringLiteral(const PyToken &token, QStringView source)
{
    const QStringView text = token.text(source);
    const qsizetype quoteLength = (token.flags & PyToken::Triple) ? 3 : 1;
    qsizetype from = token.prefixLength + quoteLength;
    qsizetype to = text.size();
    if (!(token.flags & PyToken::Unterminated))
        to -= quoteLength;
    if (from >= to)
        return {};
    const QStringView body = text.mid(from, to - from);
    const bool raw = token.flags & PyToken::Raw;
    const bool bytes = token.flags & PyToken::Bytes;
    QString out;
    out.reserve(body.size());
    const qsizetype n = body.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = body.at(i);
        if (c == u'\r') {
            out += u'\n';
            if (i + 1 < n && body.at(i + 1) == u'\n')
                ++i;
            continue;
        }
        if (c != u'\\' || i + 1 >= n) {
            out += c;
            continue;
        }
        const QChar e = body.at(i + 1);
        if (raw) {
            // A backslash keeps the next character from closing the string, and stays.
            out += c;
            continue;
        }
        i += 1;
        switch (e.unicode()) {
        case u'\n':
            continue; // backslash-newline: a line continuation inside the literal
        case u'\r':
            if (i + 1 < n && body.at(i + 1) == u'\n')
                ++i;
            continue;
        case u'\\':
            out += u'\\';
            continue;
        case u'\'':
            out += u'\'';
            continue;
        case u'"':
            out += u'"';
            continue;
        case u'a':
            out += QChar(7);
            continue;
        case u'b':
            out += QChar(8);
            continue;
        case u'f':
            out += QChar(12);
            continue;
        case u'n':
            out += u'\n';
            continue;
        case u'r':
            out += u'\r';
            continue;
        case u't':
            out += u'\t';
            continue;
        case u'v':
            out += QChar(11);
            continue;
        default:
            break;
        }
        if (e >= u'0' && e <= u'7') {
            uint value = 0;
            int digits = 0;
            while (digits < 3 && i < n && body.at(i) >= u'0' && body.at(i) <= u'7') {
                value = value * 8 + (body.at(i).unicode() - u'0');
                ++i;
                ++digits;
            }
            --i;
            out += QChar(char16_t(value & (bytes ? 0xFF : 0x1FF)));
            continue;
        }
        const int width = e == u'x' ? 2 : (!bytes && e == u'u') ? 4 : (!bytes && e == u'U') ? 8 : 0;
        if (width) {
            char32_t value = 0;
            bool ok = i + width < n; // the digits are body[i+1 .. i+width]
            for (int k = 1; k <= width && ok; ++k) {
                const int h = hexValue(body.at(i + k));
                ok = h >= 0;
                value = value * 16 + char32_t(std::max(h, 0));
            }
            if (ok && value <= 0x10FFFF) {
                out += QString::fromUcs4(&value, 1);
                i += width;
                continue;
            }
        }
        // Unknown escapes (and \N{…}, which needs Unicode names) are kept verbatim.
        out += u'\\';
        out += e;
    }
    return out;
}

} // namespace migconsole
