#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace migconsole {

/// Writes JSON text as it goes, byte for byte what `QJsonDocument::toJson(Indented)` writes
/// for the same document (4-space indent, the same escapes), without building a QJsonObject
/// first. A 10,000-table schema as QJsonObject, then as a document, then as text is three
/// copies and most of `schema`'s time; this is one pass and, with a sink, a bounded buffer.
///
/// QJsonObject sorts its keys, so callers write an object's keys in ascending order to
/// match it (tests compare the two outputs). Misuse (a value without a key in an object, an
/// unbalanced end) is a programming error the tests catch, not something input can cause.
class JsonWriter
{
public:
    /// Without a sink the text accumulates until take(); with one, the sink receives it in
    /// pieces of about `kFlushBytes` (and the rest at finish()).
    explicit JsonWriter(std::function<void(const QByteArray &)> sink = {});

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    /// The next value's key (inside an object).
    JsonWriter &key(QLatin1String name);

    JsonWriter &value(const QString &text);
    JsonWriter &value(QLatin1String text);
    JsonWriter &value(bool flag);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &null();
    JsonWriter &stringArray(const QStringList &items);
    /// Any QJsonValue (objects and arrays recursively, keys sorted as Qt keeps them), for the
    /// small parts still built as QJsonObject.
    JsonWriter &value(const QJsonValue &json);

    /// Writes a member only when it differs from the default left out of the format.
    JsonWriter &optional(QLatin1String name, const QString &text);
    JsonWriter &optional(QLatin1String name, const QStringList &items);
    JsonWriter &optional(QLatin1String name, bool flag, bool defaultValue);

    /// The closing newline of the document; flushes the rest to the sink.
    void finish();
    /// The whole text (when there is no sink).
    QByteArray take();

    static constexpr qsizetype kFlushBytes = 1 << 20;

private:
    struct Level
    {
        bool object = false;
        int count = 0;
    };
    JsonWriter &keyText(QStringView name);
    void beforeValue();
    void open(char bracket, bool object);
    void close(char bracket);
    void writeEscaped(QStringView text);
    void indent(qsizetype levels);
    void maybeFlush();

    std::function<void(const QByteArray &)> m_sink;
    QByteArray m_out;
    std::vector<Level> m_levels;
    bool m_keyPending = false;
};

} // namespace migconsole
