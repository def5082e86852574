#include "replay/ScriptBodyReader.h"

namespace migconsole::replay_detail {

namespace {

using TKind = PyToken::Kind;
using EKind = PyExpr::Kind;

// Real bodies nest a few levels (with → if → try); past this a block is skipped with a
// warning so absurd nesting costs no stack.
constexpr int kMaxBlockDepth = 40;

bool oneOf(const QString &word, std::initializer_list<const char *> words)
{
    for (const char *w : words) {
        if (word == QLatin1String(w))
            return true;
    }
    return false;
}

bool isDirective(const QString &name)
{
    return oneOf(name, {"create_table", "drop_table", "add_column", "drop_column", "alter_column",
                        "create_index", "drop_index", "create_foreign_key",
                        "create_unique_constraint", "create_check_constraint",
                        "create_primary_key", "create_exclude_constraint", "drop_constraint",
                        "rename_table", "execute", "create_table_comment", "drop_table_comment",
                        "bulk_insert"});
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

QString lastSegment(const QString &dotted)
{
    return dotted.mid(dotted.lastIndexOf(u'.') + 1);
}

QString rootSegment(const QString &dotted)
{
    const qsizetype dot = dotted.indexOf(u'.');
    return dot < 0 ? dotted : dotted.left(dot);
}

QString shortText(const PyExpr &expr)
{
    QString text = expr.toString();
    if (text.size() > 80)
        text = text.left(77) + QStringLiteral("...");
    return text;
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
    return !oneOf(dotted, {"text", "table", "column", "literal_column", "literal", "null",
                           "true", "false", "func", "select", "and_", "or_", "cast", "list",
                           "tuple", "dict", "set", "str", "int"});
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
    if (expr.kind == EKind::Call && lastSegment(expr.calleeName()) == QLatin1String("text") &&
        expr.argCount() >= 1 && expr.arg(0)->kind == EKind::String) {
        *sql = expr.arg(0)->text;
        return true;
    }
    return false;
}

ScriptBodyReader::ScriptBodyReader(const PyExprParser &parser, const ModuleContext &module,
                                   MigrationFunction *out)
    : m_parser(parser), m_module(module), m_out(out)
{
}

void ScriptBodyReader::warn(int line, const QString &message)
{
    m_out->warnings.append(ReplayWarning{SourceLocation{m_module.file, line}, message});
}

size_t ScriptBodyReader::headerColon(const PyExprParser &parser, size_t pos)
{
    while (!parser.atStatementEnd(pos) || parser.isOp(pos, QLatin1String(";"))) {
        if (parser.token(pos).kind == TKind::EndMarker || parser.token(pos).kind == TKind::Newline)
            break;
        if (parser.isOp(pos, QLatin1String(":")))
            return pos;
        const size_t close = parser.matchingClose(pos);
        pos = close ? close + 1 : pos + 1;
    }
    return 0;
}

size_t ScriptBodyReader::simpleStatementEnd(const PyExprParser &parser, size_t pos)
{
    const size_t start = pos;
    while (!parser.atStatementEnd(pos)) {
        const size_t close = parser.matchingClose(pos);
        pos = close ? close + 1 : pos + 1;
    }
    const TKind k = parser.token(pos).kind;
    // Always past at least one token (an Indent or Dedent included) unless at the end, so
    // every loop over statements advances.
    if (k == TKind::Newline || parser.isOp(pos, QLatin1String(";")) ||
        (pos == start && k != TKind::EndMarker))
        ++pos;
    return pos;
}

size_t ScriptBodyReader::skipBody(const PyExprParser &parser, size_t colon)
{
    size_t pos = colon + 1;
    if (parser.token(pos).kind != TKind::Newline) {
        // An inline body `if x: a; b` ends with its line.
        while (!parser.atStatementEnd(pos) || parser.isOp(pos, QLatin1String(";")))
            pos = simpleStatementEnd(parser, pos);
        return parser.token(pos).kind == TKind::Newline ? pos + 1 : pos;
    }
    ++pos;
    if (parser.token(pos).kind != TKind::Indent)
        return pos; // a header without a body: the tokenizer already reported it
    return skipBlock(parser, pos);
}

size_t ScriptBodyReader::skipBlock(const PyExprParser &parser, size_t indent)
{
    int level = 0;
    for (size_t pos = indent;; ++pos) {
        const TKind k = parser.token(pos).kind;
        if (k == TKind::EndMarker)
            return pos;
        if (k == TKind::Indent)
            ++level;
        else if (k == TKind::Dedent && --level == 0)
            return pos + 1;
    }
}

size_t ScriptBodyReader::readFunctionBody(size_t colon)
{
    return readBody(colon, Scope{}, 0, true);
}

size_t ScriptBodyReader::readBody(size_t colon, const Scope &scope, int depth, bool topLevel)
{
    size_t pos = colon + 1;
    if (m_parser.token(pos).kind != TKind::Newline) {
        bool stop = false;
        while (!stop && !m_parser.atStatementEnd(pos)) {
            const size_t end = simpleStatementEnd(m_parser, pos);
            readSimple(pos, end, scope, topLevel, &stop);
            pos = end;
        }
        return skipBody(m_parser, colon);
    }
    ++pos;
    if (m_parser.token(pos).kind != TKind::Indent)
        return pos;
    return readBlock(pos, scope, depth, topLevel);
}

size_t ScriptBodyReader::readBlock(size_t indent, const Scope &scope, int depth, bool topLevel)
{
    if (depth > kMaxBlockDepth) {
        warn(m_parser.token(indent).line,
             QStringLiteral("blocks nested more than %1 deep are not read").arg(kMaxBlockDepth));
        return skipBlock(m_parser, indent);
    }
    size_t pos = indent + 1;
    bool stop = false;
    while (!stop) {
        const TKind k = m_parser.token(pos).kind;
        if (k == TKind::EndMarker)
            return pos;
        if (k == TKind::Dedent)
            return pos + 1;
        const size_t next = readStatement(pos, scope, depth, topLevel, &stop);
        if (stop && topLevel) {
            const TKind after = m_parser.token(next).kind;
            if (after != TKind::Dedent && after != TKind::EndMarker)
                warn(m_parser.token(next).line,
                     QStringLiteral("statements after an unconditional return/raise are not "
                                    "read (Python never runs them)"));
        }
        pos = std::max(next, pos + 1);
    }
    return skipBlock(m_parser, indent);
}

size_t ScriptBodyReader::readStatement(size_t pos, const Scope &scope, int depth, bool topLevel,
                                       bool *stop)
{
    const PyToken &t = m_parser.token(pos);
    if (t.kind == TKind::Newline)
        return pos + 1;
    if (t.kind == TKind::Indent) {
        // An unexpected indent (already a tokenizer error): read the block in this scope.
        return readBlock(pos, scope, depth + 1, false);
    }
    if (m_parser.isOp(pos, QLatin1String("@")))
        return simpleStatementEnd(m_parser, pos); // decorator of a nested def
    if (t.kind == TKind::Name) {
        static const char *compound[] = {"if",  "elif",  "else",   "while", "for", "try",
                                         "except", "finally", "with", "def", "class", "async"};
        for (const char *k : compound) {
            if (m_parser.isName(pos, QLatin1String(k)))
                return readCompound(pos, scope, depth);
        }
        if ((m_parser.isName(pos, QLatin1String("match")) ||
             m_parser.isName(pos, QLatin1String("case"))) &&
            headerColon(m_parser, pos) && m_parser.token(headerColon(m_parser, pos) + 1).kind ==
                                              TKind::Newline)
            return readCompound(pos, scope, depth);
    }
    // One line of simple statements separated by `;`.
    while (!*stop && !m_parser.atStatementEnd(pos)) {
        const size_t end = simpleStatementEnd(m_parser, pos);
        readSimple(pos, end, scope, topLevel, stop);
        pos = end;
        if (m_parser.token(end - 1).kind == TKind::Newline)
            return end;
    }
    return simpleStatementEnd(m_parser, pos);
}

size_t ScriptBodyReader::readCompound(size_t pos, const Scope &scope, int depth)
{
    const int line = m_parser.token(pos).line;
    if (m_parser.isName(pos, QLatin1String("async")))
        ++pos;
    const size_t colon = headerColon(m_parser, pos);
    if (!colon) {
        warn(line, QStringLiteral("statement not understood: %1")
                       .arg(m_parser.sourceText(pos, simpleStatementEnd(m_parser, pos))));
        return simpleStatementEnd(m_parser, pos);
    }
    Scope inner = scope;
    if (m_parser.isName(pos, QLatin1String("def")) || m_parser.isName(pos, QLatin1String("class"))) {
        if (m_parser.token(pos + 1).kind == TKind::Name)
            m_localFunctions.insert(m_parser.sourceText(pos + 1, pos + 2), line);
        return skipBody(m_parser, colon);
    }
    if (m_parser.isName(pos, QLatin1String("with")))
        return readWith(pos, colon, scope, depth);
    if (m_parser.isName(pos, QLatin1String("for")) || m_parser.isName(pos, QLatin1String("while"))) {
        warn(line, QStringLiteral("loop (%1): operations inside are read once and marked "
                                  "conditional; how often they run is not known")
                       .arg(m_parser.sourceText(pos, colon)));
        // A loop variable holds changing values: never substitute an older binding of it.
        if (m_parser.isName(pos, QLatin1String("for"))) {
            for (size_t i = pos + 1; i < colon && !m_parser.isName(i, QLatin1String("in")); ++i) {
                if (m_parser.token(i).kind == TKind::Name)
                    m_locals.remove(m_parser.sourceText(i, i + 1));
            }
        }
    } else if (m_parser.isName(pos, QLatin1String("if")) && isEarlyReturnGuard(colon)) {
        warn(line, QStringLiteral("early-return guard `%1` treated as not taken (its body is only "
                                  "a return)")
                       .arg(m_parser.sourceText(pos, colon)));
        return skipBody(m_parser, colon);
    }
    inner.conditional = true;
    return readBody(colon, inner, depth + 1, false);
}

bool ScriptBodyReader::isEarlyReturnGuard(size_t colon) const
{
    size_t pos = colon + 1;
    if (m_parser.token(pos).kind == TKind::Newline) {
        if (m_parser.token(pos + 1).kind != TKind::Indent)
            return false;
        pos += 2;
    }
    if (!m_parser.isName(pos, QLatin1String("return")))
        return false;
    const size_t end = simpleStatementEnd(m_parser, pos);
    const TKind after = m_parser.token(end).kind;
    // Only `return` and nothing else in the body.
    return m_parser.token(colon + 1).kind == TKind::Newline ? after == TKind::Dedent
                                                           : m_parser.token(end - 1).kind ==
                                                                 TKind::Newline;
}

size_t ScriptBodyReader::readWith(size_t pos, size_t colon, const Scope &scope, int depth)
{
    Scope inner = scope;
    size_t p = pos + 1;
    while (p < colon) {
        const size_t before = p;
        const PyExpr item = m_parser.parseExpression(&p);
        QString alias;
        if (m_parser.isName(p, QLatin1String("as"))) {
            ++p;
            if (m_parser.token(p).kind == TKind::Name && p < colon)
                alias = m_parser.sourceText(p, p + 1);
            while (p < colon && !m_parser.isOp(p, QLatin1String(",")))
                p = m_parser.matchingClose(p) ? m_parser.matchingClose(p) + 1 : p + 1;
        }
        const QString callee = item.calleeName();
        const QString root = rootSegment(callee);
        if (m_module.opAliases.contains(root) &&
            lastSegment(callee) == QLatin1String("batch_alter_table") && item.argCount() >= 1) {
            Batch batch;
            batch.table = resolveLocals(*item.arg(0));
            const PyExpr table = resolveNames(batch.table, m_module.constants);
            batch.tableText = table.kind == EKind::String ? table.text : QString();
            if (const PyExpr *schema = item.keyword(u"schema")) {
                batch.schema = resolveLocals(*schema);
                batch.hasSchema = batch.schema.kind != EKind::None;
            }
            if (alias.isEmpty())
                warn(item.line, QStringLiteral("batch_alter_table without `as`: its operations "
                                               "cannot be attributed"));
            else
                inner.batches.insert(alias, batch);
            if (batch.tableText.isEmpty())
                warn(item.line, QStringLiteral("batch_alter_table table is not a literal: %1")
                                    .arg(shortText(*item.arg(0))));
        } else if (item.kind == EKind::Call && item.items.first().kind == EKind::Attribute &&
                   item.items.first().text == QLatin1String("autocommit_block") &&
                   item.toString().contains(QLatin1String("get_context"))) {
            inner.autocommit = true;
        } else {
            warn(item.line, QStringLiteral("with %1: the body is read as if the context manager "
                                           "did nothing")
                                .arg(shortText(item)));
        }
        if (!alias.isEmpty() && !inner.batches.contains(alias))
            m_locals.remove(alias);
        if (p == before || !m_parser.isOp(p, QLatin1String(",")))
            break;
        ++p;
    }
    return readBody(colon, inner, depth + 1, false);
}

void ScriptBodyReader::readSimple(size_t begin, size_t end, const Scope &scope, bool topLevel,
                                  bool *stop)
{
    const PyToken &first = m_parser.token(begin);
    const int line = first.line;
    if (first.kind != TKind::Name && first.kind != TKind::String && first.kind != TKind::Op &&
        first.kind != TKind::Number)
        return;
    for (const char *k : {"pass", "break", "continue", "global", "nonlocal", "del", "assert"}) {
        if (m_parser.isName(begin, QLatin1String(k)))
            return;
    }
    if (m_parser.isName(begin, QLatin1String("import")) ||
        m_parser.isName(begin, QLatin1String("from")))
        return; // imports inside the body change no schema
    if (m_parser.isName(begin, QLatin1String("return")) ||
        m_parser.isName(begin, QLatin1String("raise"))) {
        const bool raise = m_parser.isName(begin, QLatin1String("raise"));
        if (topLevel && !scope.conditional) {
            *stop = true;
            if (raise)
                warn(line, QStringLiteral("the function raises (%1): nothing after it runs")
                               .arg(m_parser.sourceText(begin, end)));
        } else if (!raise) {
            warn(line, QStringLiteral("return inside a block: the statements after the block "
                                      "are read as if it is not taken"));
        }
        return;
    }
    size_t p = begin;
    QList<PyExpr> targets;
    PyExpr value = m_parser.parseExpressionList(&p);
    if (m_parser.isOp(p, QLatin1String(":"))) {
        ++p; // an annotated assignment: the annotation is skipped
        m_parser.parseExpression(&p);
        if (!m_parser.isOp(p, QLatin1String("=")))
            return;
    }
    while (m_parser.isOp(p, QLatin1String("="))) {
        ++p;
        targets.append(std::move(value));
        value = m_parser.parseExpressionList(&p);
    }
    if (!m_parser.atStatementEnd(p)) {
        warn(line, QStringLiteral("statement not understood: %1")
                       .arg(m_parser.sourceText(begin, end)));
        return;
    }
    if (!targets.isEmpty()) {
        readAssignment(targets, value, scope);
        return;
    }
    switch (value.kind) {
    case EKind::Call:
        readCall(value, scope);
        return;
    case EKind::String:
    case EKind::Name:
    case EKind::Number:
    case EKind::None:
    case EKind::Bool:
        return; // docstrings, `...`-like no-ops
    default:
        if (value.kind == EKind::Opaque && value.text == QLatin1String("..."))
            return;
        warn(line, QStringLiteral("statement not understood: %1")
                       .arg(m_parser.sourceText(begin, end)));
    }
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
        if (oneOf(rootSegment(receiverName), {"log", "logger", "logging", "LOG", "_log",
                                              "_logger", "warnings"}))
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
            op.keywords.append(PyKeywordArg{
                foreignKey ? QStringLiteral("source_table") : QStringLiteral("table_name"),
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
