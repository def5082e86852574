#include "replay/ScriptBodyReader.h"

// The call and assignment half of ScriptBodyReader: what an op call, a batch call, an enum
// object, a connection query or a helper call becomes.

namespace migconsole::replay_detail {

namespace {

using EKind = PyExpr::Kind;

bool isDirective(const QString &name)
{
    return oneOf(name, {"create_table", "drop_table", "add_column", "drop_column", "alter_column",
                        "create_index", "drop_index", "create_foreign_key",
                        "create_unique_constraint", "create_check_constraint", "create_primary_key",
                        "create_exclude_constraint", "drop_constraint", "rename_table", "execute",
                        "create_table_comment", "drop_table_comment", "bulk_insert"});
}

// Where a batch directive's missing table goes in the equivalent op call (REFERENCE §2.1).
int batchTableIndex(const QString &name)
{
    if (oneOf(name, {"add_column", "drop_column", "alter_column", "create_table_comment",
                     "drop_table_comment"}))
        return 0;
    if (oneOf(name, {"create_index", "drop_index", "drop_constraint", "create_foreign_key",
                     "create_unique_constraint", "create_check_constraint", "create_primary_key",
                     "create_exclude_constraint"}))
        return 1;
    return -1;
}

// Anything in the tree that talks to the database at run time makes a value non-declarative.
bool mentionsRuntime(const PyExpr &expr, int depth = 0)
{
    if (depth > 200)
        return true;
    if (expr.kind == EKind::Attribute &&
        oneOf(expr.text, {"get_bind", "get_context", "execute", "connection"}))
        return true;
    for (const PyExpr &item : expr.items) {
        if (mentionsRuntime(item, depth + 1))
            return true;
    }
    for (const PyKeywordArg &k : expr.keywords) {
        if (mentionsRuntime(k.value, depth + 1))
            return true;
    }
    return false;
}

// A bare lower-case function name (`compute()`, `get_name()`) is a helper whose result we
// cannot know; capitalised names and SQLAlchemy's few lower-case constructors build values.
bool isHelperName(const QString &dotted)
{
    if (dotted.isEmpty() || dotted.contains(u'.') || !dotted.at(0).isLower())
        return false;
    return !oneOf(dotted, {"text", "table", "column", "literal_column", "literal", "null", "true",
                           "false", "func", "select", "and_", "or_", "cast", "list", "tuple",
                           "dict", "set", "str", "int"});
}

PyExpr batchMarkersAsOp(const PyExpr &expr, const ScriptBodyReader::Scope &scope, int depth = 0)
{
    PyExpr out = expr;
    if (depth > 200)
        return out;
    if (out.kind == EKind::Call && out.items.first().kind == EKind::Attribute &&
        out.items.first().text == QLatin1String("f")) {
        PyExpr &receiver = out.items.first().items.first();
        if (receiver.kind == EKind::Name && scope.batches.contains(receiver.text))
            receiver.text = QStringLiteral("op");
    }
    for (PyExpr &item : out.items)
        item = batchMarkersAsOp(item, scope, depth + 1);
    for (PyKeywordArg &k : out.keywords)
        k.value = batchMarkersAsOp(k.value, scope, depth + 1);
    return out;
}

} // namespace

bool isLiteralTree(const PyExpr &expr)
{
    switch (expr.kind) {
    case EKind::String:
    case EKind::Number:
    case EKind::Bool:
    case EKind::None:
        return true;
    case EKind::Unary:
        return expr.text == QLatin1String("-") && !expr.items.isEmpty() &&
               expr.items.first().kind == EKind::Number;
    case EKind::Tuple:
    case EKind::List:
    case EKind::Set:
    case EKind::Dict:
        for (const PyExpr &item : expr.items) {
            if (!isLiteralTree(item))
                return false;
        }
        return true;
    default:
        return false;
    }
}

bool literalSql(const PyExpr &expr, QString *sql)
{
    if (expr.kind == EKind::String) {
        *sql = expr.text;
        return true;
    }
    // sa.text("…") and sa.DDL("…") both run their string verbatim.
    const QString callee = lastSegment(expr.calleeName());
    if (expr.kind == EKind::Call &&
        (callee == QLatin1String("text") || callee == QLatin1String("DDL")) &&
        expr.argCount() >= 1 && expr.arg(0)->kind == EKind::String) {
        *sql = expr.arg(0)->text;
        return true;
    }
    return false;
}

void ScriptBodyReader::readAssignment(const QList<PyExpr> &targets, const PyExpr &value,
                                      const Scope &scope)
{
    const QString callee = value.calleeName();
    const bool call = value.kind == EKind::Call;
    bool declarative =
        !mentionsRuntime(value) && !mentionsConnection(value) && value.kind != EKind::Opaque;
    if (mentionsConnection(value) && !isConnection(value) && targets.size() == 1 &&
        targets.first().kind == EKind::Name)
        warn(value.line, QStringLiteral("%1 comes from the database (%2): conditions on it are "
                                        "not evaluated")
                             .arg(targets.first().text, shortText(value)));
    if (call) {
        const QString root = rootSegment(callee);
        const QString method = lastSegment(callee);
        if (m_module.opAliases.contains(root) && isDirective(method)) {
            readCall(value, scope); // `t = op.create_table(...)` (for bulk_insert)
            declarative = false;
        } else if (m_module.functions.contains(root) || m_localFunctions.contains(root) ||
                   isHelperName(callee)) {
            readCall(value, scope);
            declarative = false;
        } else if (isConnection(value.items.first()) ||
                   (value.items.first().kind == EKind::Attribute &&
                    isConnection(value.items.first().items.first()))) {
            if (method != QLatin1String("get_bind") && method != QLatin1String("connect"))
                readCall(value, scope);
            declarative = false;
        }
    }
    for (const PyExpr &target : targets) {
        QList<PyExpr> names;
        if (target.kind == EKind::Tuple || target.kind == EKind::List)
            names = target.items;
        else
            names.append(target);
        for (const PyExpr &n : std::as_const(names)) {
            if (n.kind != EKind::Name)
                continue;
            m_locals.remove(n.text);
            m_connections.remove(n.text);
            if (names.size() == 1 && declarative)
                m_locals.insert(n.text, resolveLocals(value));
            else if (names.size() == 1 && isConnection(value))
                m_connections.insert(n.text);
        }
    }
}

bool ScriptBodyReader::isConnection(const PyExpr &expr) const
{
    if (expr.kind == EKind::Name)
        return m_connections.contains(expr.text);
    if (expr.kind == EKind::Call) {
        const QString method = lastSegment(expr.calleeName());
        if (method == QLatin1String("get_bind") || method == QLatin1String("connect"))
            return true;
        return !expr.items.isEmpty() && expr.items.first().kind == EKind::Attribute &&
               isConnection(expr.items.first().items.first());
    }
    if (expr.kind == EKind::Attribute)
        return expr.text == QLatin1String("connection") || expr.text == QLatin1String("bind") ||
               isConnection(expr.items.first());
    return false;
}

bool ScriptBodyReader::mentionsConnection(const PyExpr &expr, int depth) const
{
    if (depth > 200)
        return false;
    if (expr.kind == EKind::Name)
        return m_connections.contains(expr.text);
    if (expr.kind == EKind::Call && lastSegment(expr.calleeName()) == QLatin1String("get_bind"))
        return true;
    for (const PyExpr &item : expr.items) {
        if (mentionsConnection(item, depth + 1))
            return true;
    }
    for (const PyKeywordArg &k : expr.keywords) {
        if (mentionsConnection(k.value, depth + 1))
            return true;
    }
    return false;
}

bool ScriptBodyReader::isEnumType(const PyExpr &expr) const
{
    const PyExpr resolved = resolveLocals(expr);
    if (resolved.kind != EKind::Call)
        return false;
    const QString type = lastSegment(resolved.calleeName());
    return type == QLatin1String("ENUM") || type == QLatin1String("Enum");
}

PyExpr ScriptBodyReader::resolveLocals(const PyExpr &expr) const
{
    return m_locals.isEmpty() ? expr : resolveNames(expr, m_locals);
}

void ScriptBodyReader::readCall(const PyExpr &call, const Scope &scope)
{
    const PyExpr &callee = call.items.first();
    const QString dotted = call.calleeName();
    const QString root = rootSegment(dotted);
    // `ENUM(...).create(bind)` has no dotted name, but its method is still `create`.
    const QString method = callee.kind == EKind::Attribute ? callee.text : lastSegment(dotted);
    const int line = call.line;
    if (callee.kind == EKind::Attribute) {
        const PyExpr &receiver = callee.items.first();
        const QString receiverName = receiver.dottedName();
        if (m_module.opAliases.contains(receiverName)) {
            if (isDirective(method))
                emitOp(method, call, scope, nullptr);
            else if (oneOf(method, {"get_bind", "get_context", "f", "inline_literal"}))
                ; // no effect as a statement
            else
                warn(line, QStringLiteral("unknown operation op.%1 (a plugin or custom "
                                          "operation?) is not replayed")
                               .arg(method));
            return;
        }
        if (receiver.kind == EKind::Name && scope.batches.contains(receiverName)) {
            const Batch &batch = scope.batches[receiverName];
            if (isDirective(method))
                emitOp(method, call, scope, &batch);
            else
                warn(line, QStringLiteral("unknown batch operation %1.%2 is not replayed")
                               .arg(receiverName, method));
            return;
        }
        if ((method == QLatin1String("create") || method == QLatin1String("drop")) &&
            isEnumType(receiver)) {
            PyExpr pseudo = call;
            pseudo.items.insert(1, resolveLocals(receiver));
            emitOp(method == QLatin1String("create") ? QStringLiteral("create_enum")
                                                     : QStringLiteral("drop_enum"),
                   pseudo, scope, nullptr);
            return;
        }
        if (isConnection(receiver)) {
            warn(line, QStringLiteral("query through the database connection (%1) is not "
                                      "replayed")
                           .arg(shortText(call)));
            return;
        }
        if (oneOf(rootSegment(receiverName),
                  {"log", "logger", "logging", "LOG", "_log", "_logger", "warnings"}))
            return; // messages change no schema
    } else if (dotted == QLatin1String("print")) {
        return;
    }
    const auto helper = m_module.functions.constFind(root);
    const auto local = m_localFunctions.constFind(root);
    QString where;
    if (helper != m_module.functions.constEnd())
        where = QStringLiteral(" (defined at line %1)").arg(*helper);
    else if (local != m_localFunctions.constEnd())
        where = QStringLiteral(" (defined at line %1)").arg(*local);
    warn(line, QStringLiteral("call to %1%2 is not followed: helper calls are not replayed")
                   .arg(dotted.isEmpty() ? shortText(call) : dotted + QStringLiteral("()"), where));
}

void ScriptBodyReader::emitOp(const QString &name, const PyExpr &call, const Scope &scope,
                              const Batch *batch)
{
    OpCall op;
    op.name = name;
    op.location = SourceLocation{m_module.file, call.line};
    op.conditional = scope.conditional;
    op.autocommit = scope.autocommit;
    for (qsizetype i = 1; i < call.items.size(); ++i)
        op.args.append(resolveLocals(call.items[i]));
    for (const PyKeywordArg &k : call.keywords)
        op.keywords.append(PyKeywordArg{k.name, resolveLocals(k.value)});
    if (batch) {
        // `batch_op.f("name")` is the same marker as `op.f("name")`: one spelling downstream.
        for (PyExpr &arg : op.args)
            arg = batchMarkersAsOp(arg, scope);
        for (PyKeywordArg &k : op.keywords)
            k.value = batchMarkersAsOp(k.value, scope);
        op.inBatch = true;
        op.batchTable = batch->tableText;
        if (batch->hasSchema) {
            const PyExpr schema = resolveNames(batch->schema, m_module.constants);
            op.batchSchema = schema.kind == EKind::String ? schema.text : QString();
        }
        const int index = batchTableIndex(name);
        const bool foreignKey = name == QLatin1String("create_foreign_key");
        if (index >= 0 && op.args.size() >= index) {
            op.args.insert(index, batch->table);
        } else if (index >= 0) {
            op.keywords.append(PyKeywordArg{foreignKey ? QStringLiteral("source_table")
                                                       : QStringLiteral("table_name"),
                                            batch->table});
        }
        const QString schemaKey =
            foreignKey ? QStringLiteral("source_schema") : QStringLiteral("schema");
        if (batch->hasSchema && index >= 0 && !op.keyword(schemaKey))
            op.keywords.append(PyKeywordArg{schemaKey, batch->schema});
    }
    if (name == QLatin1String("execute")) {
        const PyExpr *sqlArg = op.arg(0) ? op.arg(0) : op.keyword(u"sqltext");
        if (sqlArg) {
            const PyExpr resolved = resolveNames(*sqlArg, m_module.constants);
            op.hasSql = literalSql(resolved, &op.sql);
        }
        if (!op.hasSql)
            warn(call.line, QStringLiteral("op.execute with SQL that is not a literal string (%1) "
                                           "is not replayed")
                                .arg(sqlArg ? shortText(*sqlArg) : QStringLiteral("no argument")));
    }
    m_out->ops.append(std::move(op));
}

} // namespace migconsole::replay_detail
