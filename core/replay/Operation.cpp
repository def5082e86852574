#include "replay/Operation.h"

#include "replay/OperationSupport.h"
#include "replay/SqlAlchemyTypes.h"

namespace migconsole {

using namespace opsupport;

QString operationKindName(Operation::Kind kind)
{
    switch (kind) {
    case Operation::Kind::CreateTable: return QStringLiteral("create_table");
    case Operation::Kind::DropTable: return QStringLiteral("drop_table");
    case Operation::Kind::AddColumn: return QStringLiteral("add_column");
    case Operation::Kind::DropColumn: return QStringLiteral("drop_column");
    case Operation::Kind::AlterColumn: return QStringLiteral("alter_column");
    case Operation::Kind::CreateIndex: return QStringLiteral("create_index");
    case Operation::Kind::DropIndex: return QStringLiteral("drop_index");
    case Operation::Kind::CreateForeignKey: return QStringLiteral("create_foreign_key");
    case Operation::Kind::CreateUniqueConstraint: return QStringLiteral("create_unique_constraint");
    case Operation::Kind::CreateCheckConstraint: return QStringLiteral("create_check_constraint");
    case Operation::Kind::CreatePrimaryKey: return QStringLiteral("create_primary_key");
    case Operation::Kind::DropConstraint: return QStringLiteral("drop_constraint");
    case Operation::Kind::RenameTable: return QStringLiteral("rename_table");
    case Operation::Kind::CreateEnum: return QStringLiteral("create_enum");
    case Operation::Kind::DropEnum: return QStringLiteral("drop_enum");
    case Operation::Kind::Execute: return QStringLiteral("execute");
    case Operation::Kind::SetTableComment: return QStringLiteral("set_table_comment");
    }
    return {};
}

std::optional<QString> literalName(const PyExpr &value)
{
    if (value.isString())
        return value.text;
    if (value.is(PyExpr::Kind::None))
        return QString();
    // op.f('name') / batch_op.f / sa.sql.elements.quoted_name-free spellings: the name as is.
    const QString callee = value.calleeName();
    if ((callee == QLatin1String("op.f") || callee == QLatin1String("f")) &&
        value.argCount() == 1 && value.arg(0)->isString())
        return value.arg(0)->text;
    return std::nullopt;
}

namespace {

/// The SQL of a SQLAlchemy column expression used as a server default (sa.func.*, sa.true(),
/// sa.literal_column), before SQLite's parentheses.
std::optional<QString> expressionDefault(const PyExpr &value, Dialect dialect)
{
    const QString callee = value.calleeName();
    const QString last = lastSegment(callee);
    if (last == QLatin1String("literal_column") && value.argCount() == 1 && value.arg(0)->isString())
        return value.arg(0)->text;
    if (last == QLatin1String("true") || last == QLatin1String("false")) {
        if (dialect == Dialect::PostgreSQL)
            return last;
        return last == QLatin1String("true") ? QStringLiteral("1") : QStringLiteral("0");
    }
    // sa.func.now(), func.current_timestamp(): the SQL function with literal arguments.
    if (!callee.startsWith(QLatin1String("sa.func.")) && !callee.startsWith(QLatin1String("func.")) &&
        !callee.startsWith(QLatin1String("sqlalchemy.func.")))
        return std::nullopt;
    QStringList args;
    for (qsizetype i = 0; i < value.argCount(); ++i) {
        const std::optional<QString> a = serverDefaultSql(*value.arg(i), dialect);
        if (!a)
            return std::nullopt;
        args.append(*a);
    }
    const bool now = last.compare(QLatin1String("now"), Qt::CaseInsensitive) == 0;
    if (args.isEmpty() &&
        (last.compare(QLatin1String("current_timestamp"), Qt::CaseInsensitive) == 0 ||
         (now && dialect == Dialect::SQLite)))
        return QStringLiteral("CURRENT_TIMESTAMP"); // ANSI, no (); SQLite's spelling of now()
    return last + u'(' + args.join(QLatin1String(", ")) + u')';
}

} // namespace

std::optional<QString> serverDefaultSql(const PyExpr &value, Dialect dialect)
{
    if (value.isString()) {
        QString text = value.text;
        return u'\'' + text.replace(u'\'', QLatin1String("''")) + u'\'';
    }
    if (value.is(PyExpr::Kind::Number))
        return value.text;
    if (value.is(PyExpr::Kind::Unary) && value.text == QLatin1String("-") && !value.items.isEmpty() &&
        value.items[0].is(PyExpr::Kind::Number))
        return u'-' + value.items[0].text;
    const QString last = lastSegment(value.calleeName());
    if (last == QLatin1String("text") && value.argCount() >= 1 && value.arg(0)->isString())
        return value.arg(0)->text; // raw SQL, never wrapped
    if (last == QLatin1String("DefaultClause") && value.argCount() == 1)
        return serverDefaultSql(*value.arg(0), dialect);
    // SQLAlchemy's SQLite compiler wraps expression defaults in parentheses, but SQLite's
    // dflt_value (what the introspector reads) gives the text inside them.
    return expressionDefault(value, dialect);
}

namespace {

class Typer
{
public:
    explicit Typer(Context ctx) : m_ctx(std::move(ctx)) {}

    void type(const OpCall &call, QList<Operation> *out);

private:
    /// Positional argument `pos` or keyword `kw` (Alembic accepts both).
    const PyExpr *argOf(qsizetype pos, const char *kw) const
    {
        if (const PyExpr *k = m_call->keyword(QString::fromLatin1(kw)))
            return k;
        return pos < 0 ? nullptr : m_call->arg(pos);
    }
    /// A required name argument; warns and returns false when it is not a literal.
    bool name(qsizetype pos, const char *kw, QString *out, bool allowNone = false)
    {
        const PyExpr *e = argOf(pos, kw);
        const std::optional<QString> n = e ? literalName(*e) : std::nullopt;
        if (!n || (!allowNone && n->isEmpty()))
            return skip(QStringLiteral("its %1 is not a literal").arg(QLatin1String(kw)));
        *out = *n;
        return true;
    }
    bool skip(const QString &why)
    {
        m_ctx.warn(m_call->location.line, QStringLiteral("op.%1 at %2 is skipped: %3")
                                              .arg(m_call->name, m_ctx.where(m_call->location.line), why));
        return false;
    }
    bool typeCall(Operation *op);
    bool alterColumn(Operation *op);
    bool createIndex(Operation *op);
    bool createForeignKey(Operation *op);

    Context m_ctx;
    const OpCall *m_call = nullptr;
};

void Typer::type(const OpCall &call, QList<Operation> *out)
{
    m_call = &call;
    Operation op;
    op.location = call.location;
    op.conditional = call.conditional;
    if (const PyExpr *schema = call.keyword(u"schema"); schema && schema->isString())
        op.schema = schema->text;
    if (typeCall(&op))
        out->append(op);
}

bool Typer::typeCall(Operation *op)
{
    const QString &d = m_call->name;
    using K = Operation::Kind;
    if (d == QLatin1String("create_table") || d == QLatin1String("add_column")) {
        const bool create = d == QLatin1String("create_table");
        op->kind = create ? K::CreateTable : K::AddColumn;
        if (!name(0, "table_name", &op->table))
            return false;
        QList<PyExpr> elements;
        for (qsizetype i = 1; i < m_call->args.size(); ++i)
            elements.append(m_call->args[i]);
        if (const PyExpr *column = m_call->keyword(u"column"); column && !create)
            elements.append(*column);
        for (const PyExpr &e : elements) {
            if (e.is(PyExpr::Kind::Starred) || e.is(PyExpr::Kind::Opaque) || e.calleeName().isEmpty())
                return skip(QStringLiteral("element %1 cannot be read").arg(e.toString().left(80)));
        }
        if (!create && elements.size() != 1)
            return skip(QStringLiteral("it has no single sa.Column"));
        op->tableDef.name = op->table;
        if (const PyExpr *comment = m_call->keyword(u"comment"); comment && comment->isString() && create)
            op->tableDef.comment = comment->text;
        if (!readTableElements(elements, m_ctx, &op->tableDef, create ? &op->enums : nullptr))
            return skip(QStringLiteral("a column cannot be typed"));
        if (!create)
            op->column = op->tableDef.columns.value(0);
        return true;
    }
    if (d == QLatin1String("drop_table")) {
        op->kind = K::DropTable;
        return name(0, "table_name", &op->table);
    }
    if (d == QLatin1String("drop_column")) {
        op->kind = K::DropColumn;
        return name(0, "table_name", &op->table) && name(1, "column_name", &op->name);
    }
    if (d == QLatin1String("alter_column"))
        return alterColumn(op);
    if (d == QLatin1String("create_index"))
        return createIndex(op);
    if (d == QLatin1String("drop_index")) {
        op->kind = K::DropIndex;
        return name(0, "index_name", &op->name) && (!argOf(1, "table_name") || name(1, "table_name", &op->table, true));
    }
    if (d == QLatin1String("create_foreign_key"))
        return createForeignKey(op);
    if (d == QLatin1String("create_unique_constraint") || d == QLatin1String("create_primary_key")) {
        const bool pk = d == QLatin1String("create_primary_key");
        op->kind = pk ? K::CreatePrimaryKey : K::CreateUniqueConstraint;
        QString constraintName;
        if (!name(0, "constraint_name", &constraintName, true) || !name(1, "table_name", &op->table))
            return false;
        const PyExpr *cols = argOf(2, "columns");
        const std::optional<QStringList> columns = cols ? nameList(*cols) : std::nullopt;
        if (!columns || columns->isEmpty())
            return skip(QStringLiteral("its columns are not literal names"));
        if (pk)
            op->primaryKey = PrimaryKey{constraintName.isEmpty() ? pgDefaultName(m_ctx.dialect, op->table, {}, QStringLiteral("pkey")) : constraintName, *columns};
        else
            op->unique = UniqueConstraint{constraintName.isEmpty() ? pgDefaultName(m_ctx.dialect, op->table, *columns, QStringLiteral("key")) : constraintName, *columns};
        return true;
    }
    if (d == QLatin1String("create_check_constraint")) {
        op->kind = K::CreateCheckConstraint;
        if (!name(0, "constraint_name", &op->check.name, true) || !name(1, "table_name", &op->table))
            return false;
        const PyExpr *condition = argOf(2, "condition");
        const std::optional<QString> sql = condition ? sqlText(*condition) : std::nullopt;
        if (!sql)
            return skip(QStringLiteral("its condition is not literal SQL"));
        op->check.expression = *sql;
        return true;
    }
    if (d == QLatin1String("drop_constraint")) {
        op->kind = K::DropConstraint;
        if (const PyExpr *t = argOf(-1, "type_"); t && t->isString())
            op->constraintType = t->text;
        return name(0, "constraint_name", &op->name) && name(1, "table_name", &op->table);
    }
    if (d == QLatin1String("rename_table")) {
        op->kind = K::RenameTable;
        return name(0, "old_table_name", &op->table) && name(1, "new_table_name", &op->newName);
    }
    if (d == QLatin1String("create_enum") || d == QLatin1String("drop_enum")) {
        op->kind = d == QLatin1String("create_enum") ? K::CreateEnum : K::DropEnum;
        const std::optional<EnumType> e = m_call->args.isEmpty() ? std::nullopt : sqlAlchemyEnum(m_call->args[0]);
        if (!e)
            return skip(QStringLiteral("the enum type has no literal name"));
        op->enumType = *e;
        if (const PyExpr *schema = m_call->args[0].keyword(u"schema"); schema && schema->isString())
            op->schema = schema->text;
        if (op->kind == K::CreateEnum && e->labels.isEmpty())
            return skip(QStringLiteral("the labels of enum %1 are not literals").arg(e->name));
        return true;
    }
    if (d == QLatin1String("execute")) {
        op->kind = K::Execute;
        if (!m_call->hasSql)
            return skip(QStringLiteral("its SQL is not a literal"));
        op->sql = m_call->sql;
        return true;
    }
    if (d == QLatin1String("create_table_comment") || d == QLatin1String("drop_table_comment")) {
        op->kind = K::SetTableComment;
        if (!name(0, "table_name", &op->table))
            return false;
        if (d == QLatin1String("drop_table_comment"))
            return true;
        const PyExpr *comment = argOf(1, "comment");
        if (!comment || !comment->isString())
            return skip(QStringLiteral("its comment is not a literal string"));
        op->comment = comment->text;
        return true;
    }
    if (d == QLatin1String("bulk_insert"))
        return false; // rows only: nothing in the schema changes
    return skip(QStringLiteral("this directive is not replayed"));
}

bool Typer::alterColumn(Operation *op)
{
    op->kind = Operation::Kind::AlterColumn;
    if (!name(0, "table_name", &op->table) || !name(1, "column_name", &op->name))
        return false;
    if (const PyExpr *t = argOf(-1, "type_"); t && !t->is(PyExpr::Kind::None)) {
        QString warning;
        op->newType = renderSqlAlchemyType(*t, m_ctx.dialect, &warning, m_ctx.file);
        if (!warning.isEmpty())
            m_ctx.warn(t->line ? t->line : m_call->location.line, warning);
        if (!op->newType)
            return skip(QStringLiteral("its type_ cannot be read"));
    }
    if (const PyExpr *n = argOf(-1, "nullable"); n && !n->is(PyExpr::Kind::None)) {
        if (!n->is(PyExpr::Kind::Bool))
            return skip(QStringLiteral("nullable= is not True or False"));
        op->newNullable = isTrue(n);
    }
    if (const PyExpr *def = argOf(-1, "server_default"); def && !isFalse(def)) {
        // None drops the default; False (Alembic's own default) leaves it alone.
        op->newDefault = def->is(PyExpr::Kind::None) ? std::optional<QString>(QString())
                                                     : serverDefaultSql(*def, m_ctx.dialect);
        if (!op->newDefault)
            return skip(QStringLiteral("server_default %1 cannot be read").arg(def->toString().left(80)));
    }
    if (argOf(-1, "new_column_name") && !name(-1, "new_column_name", &op->newName))
        return false;
    if (const PyExpr *using_ = argOf(-1, "postgresql_using"); using_ && m_ctx.dialect == Dialect::PostgreSQL) {
        const std::optional<QString> sql = sqlText(*using_);
        if (!sql)
            return skip(QStringLiteral("postgresql_using is not literal SQL"));
        op->usingExpr = *sql;
    }
    return true;
}

bool Typer::createIndex(Operation *op)
{
    op->kind = Operation::Kind::CreateIndex;
    if (!name(0, "index_name", &op->index.name) || !name(1, "table_name", &op->table))
        return false;
    const PyExpr *cols = argOf(2, "columns");
    if (!cols)
        return skip(QStringLiteral("it has no columns"));
    const QList<PyExpr> parts = (cols->is(PyExpr::Kind::List) || cols->is(PyExpr::Kind::Tuple)) ? cols->items : QList<PyExpr>{*cols};
    for (const PyExpr &p : parts) {
        const std::optional<QString> part = indexPart(p);
        if (!part)
            return skip(QStringLiteral("index column %1 cannot be read").arg(p.toString().left(80)));
        op->index.columns.append(*part);
    }
    if (op->index.columns.isEmpty())
        return skip(QStringLiteral("it has no columns"));
    op->index.unique = isTrue(argOf(-1, "unique"));
    return readIndexOptions(m_call->keywords, m_ctx, m_call->location.line, &op->index) ||
           skip(QStringLiteral("its predicate cannot be read"));
}

bool Typer::createForeignKey(Operation *op)
{
    op->kind = Operation::Kind::CreateForeignKey;
    ForeignKey &fk = op->foreignKey;
    if (!name(0, "constraint_name", &fk.name, true) || !name(1, "source_table", &op->table) ||
        !name(2, "referent_table", &fk.referencedTable))
        return false;
    const PyExpr *local = argOf(3, "local_cols");
    const PyExpr *remote = argOf(4, "remote_cols");
    const std::optional<QStringList> l = local ? nameList(*local) : std::nullopt;
    const std::optional<QStringList> r = remote ? nameList(*remote) : std::nullopt;
    if (!l || !r || l->size() != r->size() || l->isEmpty())
        return skip(QStringLiteral("its column lists are not literal names of equal length"));
    fk.columns = *l;
    fk.referencedColumns = *r;
    const std::optional<ReferentialAction> del = actionOf(argOf(-1, "ondelete"));
    const std::optional<ReferentialAction> upd = actionOf(argOf(-1, "onupdate"));
    if (!del || !upd)
        return skip(QStringLiteral("ondelete/onupdate is not a known action"));
    fk.onDelete = *del;
    fk.onUpdate = *upd;
    fk.deferrable = isTrue(argOf(-1, "deferrable"));
    const PyExpr *initially = argOf(-1, "initially");
    fk.initiallyDeferred = initially && initially->isString() &&
                           initially->text.compare(QLatin1String("DEFERRED"), Qt::CaseInsensitive) == 0;
    if (const PyExpr *s = argOf(-1, "source_schema"); s && s->isString())
        op->schema = s->text;
    if (const PyExpr *s = argOf(-1, "referent_schema"); s && s->isString())
        fk.referencedSchema = s->text;
    if (fk.name.isEmpty())
        fk.name = pgDefaultName(m_ctx.dialect, op->table, fk.columns, QStringLiteral("fkey"));
    return true;
}

} // namespace

TypedOperations typeOperations(const MigrationFunction &fn, const MigrationScript &script,
                               Dialect dialect)
{
    TypedOperations result;
    Typer typer(Context{dialect, script.file, &result.warnings});
    for (OpCall call : fn.ops) {
        for (PyExpr &a : call.args)
            a = resolveNames(a, script.constants);
        for (PyKeywordArg &k : call.keywords)
            k.value = resolveNames(k.value, script.constants);
        typer.type(call, &result.operations);
    }
    return result;
}

} // namespace migconsole
