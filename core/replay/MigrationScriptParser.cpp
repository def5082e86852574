#include "replay/MigrationScriptParser.h"

#include "history/PythonSource.h"
#include "replay/ScriptBodyReader.h"
#include "util/ReadWholeFile.h"


namespace migconsole {

using namespace replay_detail;

namespace {

using TKind = PyToken::Kind;

// Module-level statements: finds the two functions, helper defs, op aliases and literal
// constants. Blocks other than the two functions are skipped without being read.
class ModuleReader
{
public:
    ModuleReader(const PyExprParser &parser, MigrationScript *script, ModuleContext *module)
        : m_parser(parser), m_script(script), m_module(module)
    {
    }

    // First pass: names only (helper defs may be defined after upgrade() and still count).
    void collectNames(size_t pos)
    {
        while (m_parser.token(pos).kind != TKind::EndMarker) {
            const size_t next = statementEnd(pos);
            if (m_parser.isName(pos, QLatin1String("def")) &&
                m_parser.token(pos + 1).kind == TKind::Name)
                m_module->functions.insert(m_parser.sourceText(pos + 1, pos + 2),
                                           m_parser.token(pos).line);
            else if (m_parser.isName(pos, QLatin1String("from")) ||
                     m_parser.isName(pos, QLatin1String("import")))
                readImport(pos, next);
            else if (!isCompound(pos))
                readConstant(pos, next);
            pos = std::max(next, pos + 1);
        }
        m_script->constants = m_module->constants;
    }

    // Second pass: the function bodies, now that every module name is known.
    void readFunctions(size_t pos)
    {
        while (m_parser.token(pos).kind != TKind::EndMarker) {
            size_t defAt = pos;
            if (m_parser.isName(defAt, QLatin1String("async")))
                ++defAt;
            const size_t next = statementEnd(pos);
            if (m_parser.isName(defAt, QLatin1String("def")) &&
                m_parser.token(defAt + 1).kind == TKind::Name) {
                const QString name = m_parser.sourceText(defAt + 1, defAt + 2);
                MigrationFunction *function = name == QLatin1String("upgrade") ? &m_script->upgrade
                                              : name == QLatin1String("downgrade")
                                                  ? &m_script->downgrade
                                                  : nullptr;
                const size_t colon = ScriptBodyReader::headerColon(m_parser, defAt);
                if (function && colon) {
                    if (function->found)
                        m_script->warnings.append(ReplayWarning{
                            SourceLocation{m_module->file, m_parser.token(defAt).line},
                            QStringLiteral("%1() is defined again here; the last definition "
                                           "counts, as in Python")
                                .arg(name)});
                    *function = MigrationFunction{};
                    function->found = true;
                    function->line = m_parser.token(defAt).line;
                    ScriptBodyReader reader(m_parser, *m_module, function);
                    reader.readFunctionBody(colon);
                }
            }
            pos = std::max(next, pos + 1);
        }
    }

private:
    bool isCompound(size_t pos) const
    {
        for (const char *k : {"if", "elif", "else", "while", "for", "try", "except", "finally",
                              "with", "def", "class", "async", "@"}) {
            if (m_parser.isName(pos, QLatin1String(k)) || m_parser.isOp(pos, QLatin1String(k)))
                return true;
        }
        return false;
    }

    // The first token of the next module-level statement.
    size_t statementEnd(size_t pos) const
    {
        const TKind k = m_parser.token(pos).kind;
        if (k == TKind::Indent)
            return ScriptBodyReader::skipBlock(m_parser, pos); // stray indented block
        if (k == TKind::Newline || k == TKind::Dedent)
            return pos + 1;
        if (isCompound(pos) && !m_parser.isOp(pos, QLatin1String("@"))) {
            const size_t colon = ScriptBodyReader::headerColon(m_parser, pos);
            if (colon)
                return ScriptBodyReader::skipBody(m_parser, colon);
        }
        // A line of `;`-separated simple statements ends after its Newline.
        size_t end = pos;
        do {
            end = ScriptBodyReader::simpleStatementEnd(m_parser, end);
        } while (m_parser.token(end - 1).kind != TKind::Newline &&
                 m_parser.token(end).kind != TKind::EndMarker &&
                 m_parser.token(end).kind != TKind::Dedent);
        return end;
    }

    // `from alembic import op [as x]` or `import alembic.op as x` binds another name to op.
    void readImport(size_t pos, size_t end)
    {
        const QString text = m_parser.sourceText(pos, end).simplified();
        static const QLatin1String fromAlembic("from alembic import ");
        if (!text.startsWith(fromAlembic))
            return;
        for (const QString &part :
             text.mid(fromAlembic.size()).remove(u'(').remove(u')').split(u',')) {
            const QStringList words = part.simplified().split(u' ');
            if (words.size() == 3 && words[0] == QLatin1String("op") &&
                words[1] == QLatin1String("as"))
                m_module->opAliases.insert(words[2]);
        }
    }

    void readConstant(size_t pos, size_t end)
    {
        for (size_t p = pos; p < end && !m_parser.atStatementEnd(p);) {
            const size_t stmtEnd = ScriptBodyReader::simpleStatementEnd(m_parser, p);
            size_t q = p;
            QList<PyExpr> targets;
            PyExpr value = m_parser.parseExpressionList(&q);
            if (m_parser.isOp(q, QLatin1String(":"))) {
                ++q; // `revision: str = "…"`: the annotation is skipped
                m_parser.parseExpression(&q);
            }
            while (m_parser.isOp(q, QLatin1String("="))) {
                ++q;
                targets.append(std::move(value));
                value = m_parser.parseExpressionList(&q);
            }
            for (const PyExpr &target : std::as_const(targets)) {
                if (target.kind != PyExpr::Kind::Name)
                    continue;
                if (isLiteralTree(value))
                    m_module->constants.insert(target.text, value);
                else
                    m_module->constants.remove(target.text);
            }
            p = stmtEnd;
        }
    }

    const PyExprParser &m_parser;
    MigrationScript *m_script;
    ModuleContext *m_module;
};

} // namespace

const PyExpr *OpCall::arg(qsizetype index) const
{
    return index >= 0 && index < args.size() ? &args[index] : nullptr;
}

const PyExpr *OpCall::keyword(QStringView keywordName) const
{
    for (const PyKeywordArg &k : keywords) {
        if (k.name == keywordName)
            return &k.value;
    }
    return nullptr;
}

QString OpCall::toString() const
{
    PyExpr call;
    call.kind = PyExpr::Kind::Call;
    PyExpr op;
    op.kind = PyExpr::Kind::Name;
    op.text = QStringLiteral("op");
    PyExpr callee;
    callee.kind = PyExpr::Kind::Attribute;
    callee.text = name;
    callee.items.append(op);
    call.items.append(callee);
    call.items.append(args);
    call.keywords = keywords;
    return call.toString();
}

QList<ReplayWarning> MigrationScript::allWarnings(bool upgradeSide) const
{
    return warnings + (upgradeSide ? upgrade.warnings : downgrade.warnings);
}

MigrationScript parseMigrationScript(const QString &source, const QString &file)
{
    MigrationScript script;
    script.file = file;
    PythonTokenizer tokenizer(source);
    const std::vector<PyToken> tokens = tokenizer.tokenizeAll();
    // Binary junk yields hundreds of errors; the first few locate the damage well enough.
    constexpr int kListedSyntaxErrors = 10;
    const QList<PyTokenError> &errors = tokenizer.errors();
    for (qsizetype i = 0; i < std::min<qsizetype>(errors.size(), kListedSyntaxErrors); ++i)
        script.warnings.append(ReplayWarning{SourceLocation{file, errors[i].line},
                                             QStringLiteral("syntax: ") + errors[i].message});
    if (tokenizer.errorCount() > kListedSyntaxErrors)
        script.warnings.append(ReplayWarning{
            SourceLocation{file, 0}, QStringLiteral("%1 more syntax errors not listed")
                                         .arg(tokenizer.errorCount() - kListedSyntaxErrors)});

    PyExprParser parser(tokens, tokenizer.source());
    ModuleContext module;
    module.file = file;
    module.opAliases.insert(QStringLiteral("op"));
    ModuleReader reader(parser, &script, &module);
    reader.collectNames(0);
    reader.readFunctions(0);
    if (!script.upgrade.found)
        script.warnings.append(
            ReplayWarning{SourceLocation{file, 0},
                          QStringLiteral("no module-level def upgrade(): nothing to replay")});
    return script;
}

Expected<MigrationScript> readMigrationScript(const QString &path, const QString &displayFile)
{
    QString error;
    const std::optional<QByteArray> bytes = readWholeFile(path, &error, kMaxPythonSourceBytes);
    if (!bytes) // the reason in the message too: the replayer keeps only the message
        return Error{ErrorCode::BadInput,
                     QStringLiteral("cannot read migration script %1: %2").arg(displayFile, error),
                     error};
    const DecodedPythonSource decoded = decodePythonSource(*bytes);
    MigrationScript script = parseMigrationScript(decoded.text, displayFile);
    if (!decoded.ok)
        script.warnings.prepend(ReplayWarning{SourceLocation{displayFile, decoded.errorLine},
                                              QStringLiteral("encoding: ") + decoded.error});
    return script;
}

} // namespace migconsole
