#include "replay/OperationSupport.h"
#include "replay/SqlAlchemyTypes.h"

#include <QRegularExpression>

namespace migconsole::opsupport {

namespace {

std::optional<QString> optionalName(const PyExpr *e)
{
    return e ? literalName(*e) : std::optional<QString>(QString());
}

/// "table.col" or "schema.table.col" of sa.ForeignKey / ForeignKeyConstraint.
bool splitReferent(const QString &ref, ForeignKey *fk)
{
    const QStringList parts = ref.split(u'.');
    if (parts.size() < 2 || parts.size() > 3)
        return false;
    const QString schema = parts.size() == 3 ? parts[0] : QString();
    const QString table = parts[parts.size() - 2];
    if (!fk->referencedTable.isEmpty() &&
        (fk->referencedTable != table || fk->referencedSchema != schema))
        return false; // one constraint references one table
    fk->referencedSchema = schema;
    fk->referencedTable = table;
    fk->referencedColumns.append(parts.last());
    return true;
}

bool readFkOptions(const PyExpr &call, Context &ctx, ForeignKey *fk)
{
    const std::optional<ReferentialAction> del = actionOf(call.keyword(u"ondelete"));
    const std::optional<ReferentialAction> upd = actionOf(call.keyword(u"onupdate"));
    if (!del || !upd) {
        ctx.warn(call.line, QStringLiteral("foreign key action at %1 is not a known literal; "
                                           "the constraint is left out").arg(ctx.where(call.line)));
        return false;
    }
    fk->onDelete = *del;
    fk->onUpdate = *upd;
    fk->deferrable = isTrue(call.keyword(u"deferrable"));
    const PyExpr *initially = call.keyword(u"initially");
    fk->initiallyDeferred = initially && initially->isString() &&
                            initially->text.compare(QLatin1String("DEFERRED"), Qt::CaseInsensitive) == 0;
    return true;
}

/// PostgreSQL names an unnamed CHECK after the one column its condition mentions, if one.
QString pgCheckName(Dialect dialect, const Table &table, const QString &expression)
{
    if (dialect != Dialect::PostgreSQL)
        return {};
    static const QRegularExpression word(QStringLiteral("\"([^\"]+)\"|'[^']*'|([A-Za-z_][A-Za-z0-9_$]*)"));
    QStringList mentioned;
    for (auto it = word.globalMatch(expression); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        if (!name.isEmpty() && table.column(name) && !mentioned.contains(name))
            mentioned.append(name);
    }
    return pgDefaultName(dialect, table.name, mentioned.size() == 1 ? mentioned : QStringList(),
                         QStringLiteral("check"));
}

/// Enum (non-native, or on SQLite) and Boolean (not on PostgreSQL, which has a native
/// boolean) with create_constraint=True: SQLAlchemy adds `CHECK (col IN (…))`, named after
/// the type's name= when it has one. (The default is False since SQLAlchemy 1.4.)
void appendTypeCheck(const PyExpr &type, const QString &column, Dialect dialect, Table *table)
{
    if (!type.is(PyExpr::Kind::Call) || !isTrue(type.keyword(u"create_constraint")))
        return;
    const QString cls = sqlAlchemyTypeClass(type);
    const PyExpr *name = type.keyword(u"name");
    const QString checkName = name && name->isString() ? name->text : QString();
    if (cls == QLatin1String("Boolean") && dialect != Dialect::PostgreSQL) {
        table->checks.append(CheckConstraint{checkName, column + QLatin1String(" IN (0, 1)")});
        return;
    }
    const bool enumType = cls == QLatin1String("Enum") || cls == QLatin1String("ENUM");
    if (!enumType || (dialect == Dialect::PostgreSQL && !isFalse(type.keyword(u"native_enum"))))
        return;
    QStringList labels;
    for (qsizetype i = 0; i < type.argCount(); ++i) {
        if (!type.arg(i)->isString())
            return; // a Python enum class: the labels are not known here
        QString label = type.arg(i)->text;
        labels.append(u'\'' + label.replace(u'\'', QLatin1String("''")) + u'\'');
    }
    if (!labels.isEmpty())
        table->checks.append(CheckConstraint{checkName, column + QLatin1String(" IN (") +
                                                            labels.join(QLatin1String(", ")) + u')'});
}

struct PendingColumn
{
    bool primaryKey = false;
    bool hasFk = false;
    bool integer = false;
    const PyExpr *autoincrement = nullptr;
};

bool readColumn(const PyExpr &call, Context &ctx, Table *table, QList<EnumType> *enums,
                QList<PendingColumn> *pending)
{
    const PyExpr *nameExpr = call.keyword(u"name");
    const PyExpr *typeExpr = call.keyword(u"type_");
    qsizetype next = 0;
    if (!nameExpr && call.argCount() > 0 && call.arg(0)->isString())
        nameExpr = call.arg(next++);
    if (!typeExpr && call.argCount() > next) {
        const QString cls = lastSegment(call.arg(next)->calleeName());
        if (cls != QLatin1String("ForeignKey") && cls != QLatin1String("Identity") &&
            cls != QLatin1String("Computed") && cls != QLatin1String("Sequence"))
            typeExpr = call.arg(next++);
    }
    const std::optional<QString> name = nameExpr ? literalName(*nameExpr) : std::nullopt;
    if (!name || name->isEmpty() || !typeExpr) {
        ctx.warn(call.line, QStringLiteral("column %1 at %2 has no literal name or no type")
                                .arg(call.toString().left(120), ctx.where(call.line)));
        return false;
    }
    QString typeWarning;
    const std::optional<QString> type = renderSqlAlchemyType(*typeExpr, ctx.dialect, &typeWarning, ctx.file);
    if (!typeWarning.isEmpty())
        ctx.warn(typeExpr->line ? typeExpr->line : call.line, typeWarning);
    if (!type)
        return false;

    Column column;
    column.name = *name;
    column.type = *type;
    PendingColumn p;
    p.primaryKey = isTrue(call.keyword(u"primary_key"));
    p.integer = isSqlAlchemyIntegerType(*typeExpr);
    p.autoincrement = call.keyword(u"autoincrement");
    if (const PyExpr *nullable = call.keyword(u"nullable")) {
        column.nullable = !isFalse(nullable);
    }
    if (const PyExpr *def = call.keyword(u"server_default"); def && !def->is(PyExpr::Kind::None)) {
        const std::optional<QString> sql = serverDefaultSql(*def, ctx.dialect);
        if (sql)
            column.defaultExpr = *sql;
        else
            ctx.warn(def->line, QStringLiteral("server_default %1 of column %2 at %3 cannot be read; "
                                               "the default is left out")
                                    .arg(def->toString().left(80), *name, ctx.where(def->line)));
    }
    if (const PyExpr *comment = call.keyword(u"comment"); comment && comment->isString())
        column.comment = comment->text;

    for (qsizetype i = next; i < call.argCount(); ++i) {
        const PyExpr &extra = *call.arg(i);
        const QString cls = lastSegment(extra.calleeName());
        if (cls == QLatin1String("ForeignKey") && extra.argCount() >= 1 && extra.arg(0)->isString()) {
            ForeignKey fk;
            fk.columns = {*name};
            const std::optional<QString> fkName = optionalName(extra.keyword(u"name"));
            if (!splitReferent(extra.arg(0)->text, &fk) || !fkName || !readFkOptions(extra, ctx, &fk)) {
                ctx.warn(extra.line, QStringLiteral("foreign key %1 at %2 cannot be read")
                                         .arg(extra.toString().left(80), ctx.where(extra.line)));
                continue;
            }
            fk.name = fkName->isEmpty()
                          ? pgDefaultName(ctx.dialect, table->name, fk.columns, QStringLiteral("fkey"))
                          : *fkName;
            table->foreignKeys.append(fk);
            p.hasFk = true;
        } else if (cls == QLatin1String("Identity")) {
            // SQLite has no identity columns; SQLAlchemy renders nothing there.
            if (ctx.dialect == Dialect::PostgreSQL) {
                column.identity = isTrue(extra.keyword(u"always")) ? Identity::Always : Identity::ByDefault;
                column.nullable = false; // PostgreSQL forces NOT NULL on identity columns
            }
        } else if (cls == QLatin1String("Computed") && extra.argCount() >= 1) {
            const std::optional<QString> expr = sqlText(*extra.arg(0));
            if (expr) {
                column.generatedExpr = *expr;
                column.generatedStored = !isFalse(extra.keyword(u"persisted"));
            } else {
                ctx.warn(extra.line, QStringLiteral("computed expression at %1 cannot be read")
                                         .arg(ctx.where(extra.line)));
            }
        } else if (cls == QLatin1String("CheckConstraint") && extra.argCount() >= 1) {
            const std::optional<QString> expr = sqlText(*extra.arg(0));
            const std::optional<QString> checkName = optionalName(extra.keyword(u"name"));
            if (expr && checkName) {
                table->checks.append(CheckConstraint{*checkName, *expr}); // unnamed: see below
            } else {
                ctx.warn(extra.line, QStringLiteral("check constraint at %1 cannot be read").arg(ctx.where(extra.line)));
            }
        } else if (cls != QLatin1String("Sequence")) {
            ctx.warn(extra.line, QStringLiteral("column argument %1 at %2 is not understood; ignored")
                                     .arg(extra.toString().left(80), ctx.where(extra.line)));
        }
    }

    const bool unique = isTrue(call.keyword(u"unique"));
    if (isTrue(call.keyword(u"index"))) {
        // index=True with unique=True is one UNIQUE INDEX, not a constraint (SQLAlchemy).
        Index index;
        index.name = indexTrueName(ctx.dialect, table->name, *name);
        index.columns = {*name};
        index.unique = unique;
        table->indexes.append(index);
    } else if (unique) {
        table->uniques.append(UniqueConstraint{
            pgDefaultName(ctx.dialect, table->name, {*name}, QStringLiteral("key")), {*name}});
    }
    if (ctx.dialect == Dialect::PostgreSQL && enums) {
        bool creates = true;
        if (const std::optional<EnumType> e = sqlAlchemyEnum(*typeExpr, &creates); e && creates) {
            bool seen = false;
            for (const EnumType &known : *enums)
                seen = seen || known.name == e->name;
            if (!seen)
                enums->append(*e);
        }
    }
    appendTypeCheck(*typeExpr, *name, ctx.dialect, table);
    table->columns.append(column);
    pending->append(p);
    return true;
}

bool readConstraint(const PyExpr &call, const QString &cls, Context &ctx, Table *table)
{
    const std::optional<QString> name = optionalName(call.keyword(u"name"));
    auto positionalNames = [&call](qsizetype from) -> std::optional<QStringList> {
        QStringList out;
        for (qsizetype i = from; i < call.argCount(); ++i) {
            const std::optional<QStringList> n = nameList(*call.arg(i));
            if (!n)
                return std::nullopt;
            out += *n;
        }
        return out;
    };
    if (!name)
        return false;
    if (cls == QLatin1String("PrimaryKeyConstraint")) {
        const std::optional<QStringList> cols = positionalNames(0);
        if (!cols)
            return false;
        table->primaryKey = PrimaryKey{name->isEmpty() ? pgDefaultName(ctx.dialect, table->name, {}, QStringLiteral("pkey")) : *name, *cols};
        return true;
    }
    if (cls == QLatin1String("UniqueConstraint")) {
        const std::optional<QStringList> cols = positionalNames(0);
        if (!cols || cols->isEmpty())
            return false;
        table->uniques.append(UniqueConstraint{
            name->isEmpty() ? pgDefaultName(ctx.dialect, table->name, *cols, QStringLiteral("key")) : *name, *cols});
        return true;
    }
    if (cls == QLatin1String("CheckConstraint")) {
        const std::optional<QString> expr = call.argCount() ? sqlText(*call.arg(0)) : std::nullopt;
        if (!expr)
            return false;
        table->checks.append(CheckConstraint{*name, *expr}); // unnamed: named once all columns are known
        return true;
    }
    if (cls == QLatin1String("ForeignKeyConstraint")) {
        const std::optional<QStringList> cols = call.argCount() >= 2 ? nameList(*call.arg(0)) : std::nullopt;
        const std::optional<QStringList> refs = call.argCount() >= 2 ? nameList(*call.arg(1)) : std::nullopt;
        if (!cols || !refs || cols->size() != refs->size() || cols->isEmpty())
            return false;
        ForeignKey fk;
        fk.columns = *cols;
        for (const QString &ref : *refs) {
            if (!splitReferent(ref, &fk))
                return false;
        }
        if (!readFkOptions(call, ctx, &fk))
            return false;
        fk.name = name->isEmpty() ? pgDefaultName(ctx.dialect, table->name, *cols, QStringLiteral("fkey")) : *name;
        table->foreignKeys.append(fk);
        return true;
    }
    if (cls == QLatin1String("Index")) {
        const std::optional<QString> indexName = call.argCount() ? literalName(*call.arg(0)) : std::nullopt;
        if (!indexName || indexName->isEmpty())
            return false;
        Index index;
        index.name = *indexName;
        for (qsizetype i = 1; i < call.argCount(); ++i) {
            const std::optional<QString> part = indexPart(*call.arg(i));
            if (!part)
                return false;
            index.columns.append(*part);
        }
        index.unique = isTrue(call.keyword(u"unique"));
        if (!readIndexOptions(call.keywords, ctx, call.line, &index))
            return false;
        table->indexes.append(index);
        return true;
    }
    return false;
}

} // namespace

bool readIndexOptions(const QList<PyKeywordArg> &keywords, Context &ctx, int line, Index *index)
{
    const QString prefix = ctx.dialect == Dialect::PostgreSQL ? QStringLiteral("postgresql_")
                                                              : QStringLiteral("sqlite_");
    for (const PyKeywordArg &k : keywords) {
        if (!k.name.startsWith(prefix))
            continue; // other dialects' options do not apply here
        const QString option = k.name.mid(prefix.size());
        if (option == QLatin1String("where")) {
            const std::optional<QString> where = sqlText(k.value);
            if (!where) {
                ctx.warn(line, QStringLiteral("index predicate %1 at %2 is not literal SQL")
                                   .arg(k.value.toString().left(80), ctx.where(line)));
                return false;
            }
            index->predicate = *where;
        } else if (option == QLatin1String("using") && k.value.isString()) {
            index->method = k.value.text.toLower();
        } else if (option == QLatin1String("include")) {
            index->include = nameList(k.value).value_or(QStringList());
        } else if (option == QLatin1String("ops") && k.value.is(PyExpr::Kind::Dict)) {
            // postgresql_ops={'col': 'varchar_pattern_ops'}: PostgreSQL prints the operator
            // class right after the column, before any DESC / NULLS.
            for (qsizetype i = 0; i + 1 < k.value.items.size(); i += 2) {
                const PyExpr &key = k.value.items[i];
                const PyExpr &opclass = k.value.items[i + 1];
                if (!key.isString() || !opclass.isString())
                    continue;
                for (QString &part : index->columns) {
                    if (part == key.text || part.startsWith(key.text + u' '))
                        part.insert(key.text.size(), u' ' + opclass.text);
                }
            }
        }
    }
    return true;
}

bool readTableElements(const QList<PyExpr> &elements, Context &ctx, Table *table,
                       QList<EnumType> *enums)
{
    QList<PendingColumn> pending;
    bool explicitPk = false;
    for (const PyExpr &element : elements) {
        const QString cls = lastSegment(element.calleeName());
        if (cls == QLatin1String("Column")) {
            if (!readColumn(element, ctx, table, enums, &pending))
                return false;
            continue;
        }
        explicitPk = explicitPk || cls == QLatin1String("PrimaryKeyConstraint");
        if (!readConstraint(element, cls, ctx, table))
            ctx.warn(element.line, QStringLiteral("table element %1 at %2 cannot be read; it is left out")
                                       .arg(element.toString().left(120), ctx.where(element.line)));
    }
    // Column-level and table-level CHECKs follow one rule in PostgreSQL: the one column the
    // condition mentions, among all of the table's columns.
    for (CheckConstraint &check : table->checks) {
        if (check.name.isEmpty())
            check.name = pgCheckName(ctx.dialect, *table, check.expression);
    }
    if (!explicitPk) {
        QStringList keyColumns;
        for (qsizetype i = 0; i < table->columns.size(); ++i) {
            if (pending[i].primaryKey)
                keyColumns.append(table->columns[i].name);
        }
        if (!keyColumns.isEmpty())
            table->primaryKey = PrimaryKey{pgDefaultName(ctx.dialect, table->name, {}, QStringLiteral("pkey")), keyColumns};
    }
    if (!table->primaryKey)
        return true;
    for (qsizetype i = 0; i < table->columns.size(); ++i) {
        Column &c = table->columns[i];
        if (table->primaryKey->columns.contains(c.name))
            c.nullable = false; // primary key columns are NOT NULL whatever nullable= says
    }
    // SQLAlchemy's autoincrement="auto": the lone integer key column without a server
    // default, identity or foreign key (autoincrement=True overrides the last two).
    if (table->primaryKey->columns.size() != 1)
        return true;
    for (qsizetype i = 0; i < table->columns.size(); ++i) {
        Column &c = table->columns[i];
        const PendingColumn &p = pending[i];
        if (c.name != table->primaryKey->columns.first() || !p.integer || isFalse(p.autoincrement))
            continue;
        const bool forced = isTrue(p.autoincrement) ||
                            (p.autoincrement && p.autoincrement->isString() &&
                             p.autoincrement->text == QLatin1String("ignore_fk"));
        if (c.identity != Identity::None || (!forced && (p.hasFk || !c.defaultExpr.isEmpty())))
            continue;
        // SQLite: only a column declared exactly INTEGER is the rowid alias.
        c.autoIncrement = ctx.dialect == Dialect::PostgreSQL || c.type == QLatin1String("integer");
    }
    return true;
}

} // namespace migconsole::opsupport
