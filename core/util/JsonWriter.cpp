#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonObject>

namespace migconsole {

namespace {

char hexDigit(unsigned value) { return char(value < 10 ? '0' + value : 'a' + value - 10); }

} // namespace

JsonWriter::JsonWriter(std::function<void(const QByteArray &)> sink) : m_sink(std::move(sink))
{
    m_out.reserve(m_sink ? kFlushBytes + 4096 : 4096);
}

void JsonWriter::indent(qsizetype levels) { m_out.append(levels * 4, ' '); }

void JsonWriter::beforeValue()
{
    if (m_levels.empty())
        return;
    Level &level = m_levels.back();
    if (level.object && m_keyPending) { // the key already wrote the separator and indent
        m_keyPending = false;
        return;
    }
    if (level.count++ > 0)
        m_out.append(",\n");
    indent(qsizetype(m_levels.size()));
}

JsonWriter &JsonWriter::key(QLatin1String name) { return keyText(QString(name)); }

JsonWriter &JsonWriter::keyText(QStringView name)
{
    Level &level = m_levels.back();
    if (level.count++ > 0)
        m_out.append(",\n");
    indent(qsizetype(m_levels.size()));
    m_out.append('"');
    writeEscaped(name);
    m_out.append("\": ");
    m_keyPending = true;
    return *this;
}

void JsonWriter::open(char bracket, bool object)
{
    beforeValue();
    m_out.append(bracket);
    m_out.append('\n');
    m_levels.push_back(Level{object, 0});
}

void JsonWriter::close(char bracket)
{
    const bool empty = m_levels.back().count == 0;
    m_levels.pop_back();
    if (!empty)
        m_out.append('\n');
    indent(qsizetype(m_levels.size()));
    m_out.append(bracket);
    maybeFlush();
}

JsonWriter &JsonWriter::beginObject()
{
    open('{', true);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    close('}');
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    open('[', false);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    close(']');
    return *this;
}

// Qt's escapes: the two JSON specials, the short forms, \u00xx for other controls; every
// other character as UTF-8, a lone surrogate as \uxxxx.
void JsonWriter::writeEscaped(QStringView text)
{
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            if (u >= 0x20 && u != u'"' && u != u'\\') {
                m_out.append(char(u));
                continue;
            }
            m_out.append('\\');
            switch (u) {
            case u'"': m_out.append('"'); break;
            case u'\\': m_out.append('\\'); break;
            case 0x08: m_out.append('b'); break;
            case 0x0c: m_out.append('f'); break;
            case 0x0a: m_out.append('n'); break;
            case 0x0d: m_out.append('r'); break;
            case 0x09: m_out.append('t'); break;
            default:
                m_out.append("u00");
                m_out.append(hexDigit(u >> 4));
                m_out.append(hexDigit(u & 0xf));
            }
        } else if (u < 0x800) {
            m_out.append(char(0xc0 | (u >> 6)));
            m_out.append(char(0x80 | (u & 0x3f)));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            m_out.append(char(0xf0 | (c >> 18)));
            m_out.append(char(0x80 | ((c >> 12) & 0x3f)));
            m_out.append(char(0x80 | ((c >> 6) & 0x3f)));
            m_out.append(char(0x80 | (c & 0x3f)));
        } else if (QChar::isSurrogate(u)) {
            m_out.append("\\u");
            for (int shift = 12; shift >= 0; shift -= 4)
                m_out.append(hexDigit((u >> shift) & 0xf));
        } else {
            m_out.append(char(0xe0 | (u >> 12)));
            m_out.append(char(0x80 | ((u >> 6) & 0x3f)));
            m_out.append(char(0x80 | (u & 0x3f)));
        }
    }
}

JsonWriter &JsonWriter::value(const QString &text)
{
    beforeValue();
    m_out.append('"');
    writeEscaped(text);
    m_out.append('"');
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1String text) { return value(QString(text)); }

JsonWriter &JsonWriter::value(bool flag)
{
    beforeValue();
    m_out.append(flag ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out.append(QByteArray::number(number));
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out.append("null");
    return *this;
}

JsonWriter &JsonWriter::stringArray(const QStringList &items)
{
    beginArray();
    for (const QString &item : items)
        value(item);
    return endArray();
}

JsonWriter &JsonWriter::value(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return null();
    case QJsonValue::Bool:
        return value(json.toBool());
    case QJsonValue::Double:
        if (const double d = json.toDouble(); d == double(qint64(d)))
            return value(qint64(d));
        beforeValue();
        m_out.append(QByteArray::number(json.toDouble(), 'g', QLocale::FloatingPointShortest));
        return *this;
    case QJsonValue::String:
        return value(json.toString());
    case QJsonValue::Array:
        beginArray();
        for (const QJsonValue &item : json.toArray())
            value(item);
        return endArray();
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            keyText(it.key()).value(it.value());
        return endObject();
    }
    }
    return *this;
}

JsonWriter &JsonWriter::optional(QLatin1String name, const QString &text)
{
    if (!text.isEmpty())
        key(name).value(text);
    return *this;
}

JsonWriter &JsonWriter::optional(QLatin1String name, const QStringList &items)
{
    if (!items.isEmpty())
        key(name).stringArray(items);
    return *this;
}

JsonWriter &JsonWriter::optional(QLatin1String name, bool flag, bool defaultValue)
{
    if (flag != defaultValue)
        key(name).value(flag);
    return *this;
}

void JsonWriter::maybeFlush()
{
    if (m_sink && m_out.size() >= kFlushBytes) {
        m_sink(m_out);
        m_out.clear();
    }
}

void JsonWriter::finish()
{
    m_out.append('\n');
    if (m_sink) {
        m_sink(m_out);
        m_out.clear();
    }
}

QByteArray JsonWriter::take() { return std::exchange(m_out, QByteArray()); }

} // namespace migconsole
