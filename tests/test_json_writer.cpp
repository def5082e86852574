// JsonWriter writes what QJsonDocument::toJson(Indented) writes, without the QJsonObject:
// every check compares the streamed bytes with Qt's rendering of the same document.

#include "TestSupport.h"
#include "history/MigrationHistory.h"
#include "report/HistoryReport.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace migconsole;

namespace {

QByteArray qtRendering(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return "not JSON: " + error.errorString().toUtf8() + " at " + QByteArray::number(error.offset);
    return document.toJson(QJsonDocument::Indented);
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void escapesLikeQt()
    {
        QString nasty = QStringLiteral("quote\" back\\ nl\n tab\t bs\b ff\f cr\r ");
        nasty += QChar(0x01);
        nasty += QChar(0x1f);
        nasty += QChar(0x7f);
        nasty += QStringLiteral(" é ü ß 中文 😀 /slash");
        JsonWriter writer;
        writer.beginObject();
        writer.key(QLatin1String("a")).value(nasty);
        writer.key(QLatin1String("b")).value(true);
        writer.key(QLatin1String("c")).value(qint64(-1234567890123));
        writer.key(QLatin1String("d")).null();
        writer.key(QLatin1String("e")).beginArray().endArray();
        writer.key(QLatin1String("f")).beginObject().endObject();
        writer.key(QLatin1String("g")).beginArray().value(1).beginArray().value(false).endArray().endArray();
        writer.endObject().finish();
        const QByteArray streamed = writer.take();
        QCOMPARE(streamed, qtRendering(streamed));
        // And the value survives the round trip.
        QCOMPARE(QJsonDocument::fromJson(streamed).object().value(QStringLiteral("a")).toString(), nasty);
    }

    void loneSurrogateIsEscapedLikeQt()
    {
        QString text = QStringLiteral("x");
        text += QChar(0xd800);
        text += QStringLiteral("y");
        JsonWriter writer;
        writer.beginObject().key(QLatin1String("s")).value(text).endObject().finish();
        const QByteArray streamed = writer.take();
        QJsonObject object;
        object.insert(QStringLiteral("s"), text);
        QCOMPARE(streamed, QJsonDocument(object).toJson(QJsonDocument::Indented));
    }

    void qjsonValuesKeepQtsKeyOrder()
    {
        const QJsonObject object{{QStringLiteral("zeta"), 1},
                                 {QStringLiteral("alpha"), QJsonArray{QStringLiteral("x"), 2.5, QJsonValue()}},
                                 {QStringLiteral("ünï"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}}};
        JsonWriter writer;
        writer.value(QJsonValue(object));
        writer.finish();
        QCOMPARE(writer.take(), QJsonDocument(object).toJson(QJsonDocument::Indented));
    }

    void sinkReceivesEverythingInPieces()
    {
        QByteArray received;
        int pieces = 0;
        JsonWriter writer([&](const QByteArray &piece) {
            received += piece;
            ++pieces;
        });
        writer.beginObject().key(QLatin1String("items")).beginArray();
        const QString item(200, QLatin1Char('x'));
        for (int i = 0; i < 20000; ++i) // ~4.4 MB: several flushes
            writer.beginObject().key(QLatin1String("n")).value(i).key(QLatin1String("s")).value(item).endObject();
        writer.endArray().endObject().finish();
        QVERIFY2(pieces > 2, qPrintable(QString::number(pieces)));
        QCOMPARE(received, qtRendering(received));
        QCOMPARE(QJsonDocument::fromJson(received).object().value(QStringLiteral("items")).toArray().size(), 20000);
    }

    void historyJsonIsQtsRendering()
    {
        // A branched project with merges and labels, scripts only (database null).
        const QString project = QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/alembic/branched");
        auto history = loadMigrationHistory(nullptr, project, VersionTableOptions{});
        QVERIFY2(history.ok(), history.ok() ? "" : qPrintable(history.error().toString()));
        QVERIFY(history->entries.size() > 2);
        JsonWriter writer;
        writer.beginObject();
        writeHistoryJson(writer, *history, QString());
        writer.endObject().finish();
        const QByteArray streamed = writer.take();
        QCOMPARE(streamed, qtRendering(streamed));
        const QJsonObject json = QJsonDocument::fromJson(streamed).object();
        QVERIFY(json.value(QStringLiteral("database")).isNull());
        QCOMPARE(json.value(QStringLiteral("revisions")).toArray().size(), history->entries.size());
        QCOMPARE(json.value(QStringLiteral("heads")).toArray().size(), history->heads.size());
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "test_json_writer.moc"
