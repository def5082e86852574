// Fuzz target: the SQL that op.execute replays — split into statements
// (splitSqlStatements) and read as DDL (readSqlDdl) for both dialects, the operations then
// applied to a schema as the replayer does.

#include "FuzzSupport.h"

#include "replay/ApplyOperation.h"
#include "replay/SqlDdlReader.h"
#include "util/SqlStatementSplitter.h"

using namespace migconsole;

namespace {

const SourceLocation kLocation{QStringLiteral("versions/fuzz.py"), 7};

void replay(const QString &sql, Dialect dialect)
{
    const TypedOperations ddl = readSqlDdl(sql, kLocation, dialect);
    for (const ReplayWarning &w : ddl.warnings) {
        FUZZ_CHECK(w.location == kLocation);
        FUZZ_CHECK(!w.message.isEmpty());
    }
    Schema schema;
    schema.dialect = dialect;
    for (const Operation &op : ddl.operations) {
        FUZZ_CHECK(op.location == kLocation);
        FUZZ_CHECK(op.kind != Operation::Kind::Execute); // readSqlDdl expands, never defers
        applyOperation(schema, op);
    }
    schema.sortByName();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString sql = QString::fromUtf8(fuzz::inputBytes(data, size));
    const int lines = fuzz::lineBound(sql);
    int previousLine = 1;
    for (const SqlStatement &statement : splitSqlStatements(sql)) {
        FUZZ_CHECK(statement.line >= previousLine && statement.line <= lines);
        FUZZ_CHECK(!statement.text.trimmed().isEmpty());
        previousLine = statement.line;
    }
    replay(sql, Dialect::PostgreSQL);
    replay(sql, Dialect::SQLite);
    return 0;
}
