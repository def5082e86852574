// Fuzz target: an Alembic revision script as the history and replay readers see it — the
// bytes decoded like Python (BOM, PEP 263), the header read for revision/down_revision/
// docstring (readRevisionScript), the upgrade()/downgrade() bodies read into op calls
// (parseMigrationScript), typed for both dialects, op.execute SQL expanded and everything
// applied to a schema, as `check` does.

#include "FuzzSupport.h"

#include "history/AlembicProject.h"
#include "history/PythonSource.h"
#include "replay/ApplyOperation.h"
#include "replay/MigrationScriptParser.h"
#include "replay/Operation.h"
#include "replay/SqlDdlReader.h"

using namespace migconsole;

namespace {

const QString kFile = QStringLiteral("versions/fuzz.py");

void checkWarnings(const QList<ReplayWarning> &warnings, int lines)
{
    for (const ReplayWarning &w : warnings) {
        FUZZ_CHECK(w.location.file == kFile);
        FUZZ_CHECK(w.location.line >= 0 && w.location.line <= lines);
        FUZZ_CHECK(!w.message.isEmpty());
    }
}

void replay(const MigrationFunction &function, const MigrationScript &script, Dialect dialect,
            int lines)
{
    const TypedOperations typed = typeOperations(function, script, dialect);
    checkWarnings(typed.warnings, lines);
    Schema schema;
    schema.dialect = dialect;
    for (const Operation &op : typed.operations) {
        FUZZ_CHECK(op.location.line >= 1 && op.location.line <= lines);
        if (op.kind != Operation::Kind::Execute) {
            applyOperation(schema, op);
            continue;
        }
        const TypedOperations ddl = readSqlDdl(op.sql, op.location, dialect);
        checkWarnings(ddl.warnings, lines);
        for (const Operation &statement : ddl.operations)
            applyOperation(schema, statement);
    }
    schema.sortByName();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const DecodedPythonSource source = decodePythonSource(fuzz::inputBytes(data, size));
    const int lines = fuzz::lineBound(source.text);
    if (!source.ok)
        FUZZ_CHECK(source.errorLine >= 1 && !source.error.isEmpty());

    const ScriptReadResult header = readRevisionScript(source.text, kFile);
    for (const HistoryProblem &p : header.problems) {
        FUZZ_CHECK(p.location.file == kFile);
        FUZZ_CHECK(p.location.line >= 0 && p.location.line <= lines);
        FUZZ_CHECK(!p.message.isEmpty());
    }
    if (header.revision)
        FUZZ_CHECK(!header.revision->id.isEmpty() && !header.revision->downRevisions.contains(QString()));

    const MigrationScript script = parseMigrationScript(source.text, kFile);
    checkWarnings(script.allWarnings(true), lines);
    checkWarnings(script.allWarnings(false), lines);
    for (const MigrationFunction *function : {&script.upgrade, &script.downgrade}) {
        for (const OpCall &call : function->ops) {
            FUZZ_CHECK(call.location.line >= 1 && call.location.line <= lines);
            FUZZ_CHECK(!call.name.isEmpty());
            (void)call.toString();
        }
    }
    replay(script.upgrade, script, Dialect::PostgreSQL, lines);
    replay(script.downgrade, script, Dialect::SQLite, lines);
    return 0;
}
