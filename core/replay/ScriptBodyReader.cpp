#include "replay/ScriptBodyReader.h"

namespace migconsole::replay_detail {

namespace {

using TKind = PyToken::Kind;
using EKind = PyExpr::Kind;

// Real bodies nest a few levels (with → if → try); past this a block is skipped with a
// warning so absurd nesting costs no stack.
constexpr int kMaxBlockDepth = 40;

} // namespace

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
        while (!parser.atStatementEnd(pos) || parser.isOp(pos, QLatin1String(";"))) {
            pos = simpleStatementEnd(parser, pos);
            if (parser.token(pos - 1).kind == TKind::Newline)
                return pos;
        }
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
            if (m_parser.token(end - 1).kind == TKind::Newline)
                break; // the inline body ends with its line
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
        static const char *compound[] = {"if",     "elif",    "else", "while", "for",   "try",
                                         "except", "finally", "with", "def",   "class", "async"};
        for (const char *k : compound) {
            if (m_parser.isName(pos, QLatin1String(k)))
                return readCompound(pos, scope, depth);
        }
        if ((m_parser.isName(pos, QLatin1String("match")) ||
             m_parser.isName(pos, QLatin1String("case"))) &&
            headerColon(m_parser, pos) &&
            m_parser.token(headerColon(m_parser, pos) + 1).kind == TKind::Newline)
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
    // Never past a Dedent: it belongs to the enclosing block.
    const TKind k = m_parser.token(pos).kind;
    return k == TKind::Dedent || k == TKind::EndMarker ? pos : simpleStatementEnd(m_parser, pos);
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
    if (m_parser.isName(pos, QLatin1String("def")) ||
        m_parser.isName(pos, QLatin1String("class"))) {
        if (m_parser.token(pos + 1).kind == TKind::Name)
            m_localFunctions.insert(m_parser.sourceText(pos + 1, pos + 2), line);
        return skipBody(m_parser, colon);
    }
    if (m_parser.isName(pos, QLatin1String("with")))
        return readWith(pos, colon, scope, depth);
    if (m_parser.isName(pos, QLatin1String("for")) ||
        m_parser.isName(pos, QLatin1String("while"))) {
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
    return m_parser.token(colon + 1).kind == TKind::Newline
               ? after == TKind::Dedent
               : m_parser.token(end - 1).kind == TKind::Newline;
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
        warn(line,
             QStringLiteral("statement not understood: %1").arg(m_parser.sourceText(begin, end)));
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
        warn(line,
             QStringLiteral("statement not understood: %1").arg(m_parser.sourceText(begin, end)));
    }
}

} // namespace migconsole::replay_detail
