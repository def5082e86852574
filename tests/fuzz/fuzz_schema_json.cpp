// Fuzz target: a snapshot file (`--snapshot FILE`) read as DriftCheck reads it: JSON text,
// then schemaFromJson. A schema that loads must survive the documented round trip
// schemaFromJson(schemaToJson(s)) == s, and the streaming writer must write the same JSON.

#include "FuzzSupport.h"

#include "schema/SchemaJson.h"
#include "util/JsonWriter.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace migconsole;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(fuzz::inputBytes(data, size), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const Expected<Schema> schema = schemaFromJson(document.object());
    if (!schema) {
        FUZZ_CHECK(!schema.error().message.isEmpty());
        return 0;
    }
    const QJsonObject json = schemaToJson(*schema);
    const Expected<Schema> again = schemaFromJson(json);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(*again == *schema);

    JsonWriter writer;
    writer.beginObject();
    writeSchemaMembers(writer, *schema);
    writer.endObject().finish();
    FUZZ_CHECK(QJsonDocument::fromJson(writer.take()).object() == json);
    return 0;
}
