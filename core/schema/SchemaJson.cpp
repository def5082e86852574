#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace migconsole {

namespace {

QString identityName(Identity identity)
{
    switch (identity) {
    case Identity::Always:
        return QStringLiteral("always");
    case Identity::ByDefault:
        return QStringLiteral("by_default");
    case Identity::None:
        break;
    }
    return {};
}

using L1 = QLatin1String;

// Keys are written in ascending order: QJsonObject sorts them, and both outputs must be
// the same bytes (test_json_writer).
void writeColumn(JsonWriter &w, const Column &c)
{
    w.beginObject();
    w.optional(L1("autoincrement"), c.autoIncrement, false);
    w.optional(L1("comment"), c.comment);
    w.optional(L1("default"), c.defaultExpr);
    w.optional(L1("generated"), c.generatedExpr);
    w.optional(L1("generated_stored"), c.generatedStored, false);
    w.optional(L1("identity"), identityName(c.identity));
    w.key(L1("name")).value(c.name);
    w.key(L1("nullable")).value(c.nullable);
    w.key(L1("type")).value(c.type);
    w.endObject();
}

void writeIndex(JsonWriter &w, const Index &i)
{
    w.beginObject();
    w.key(L1("columns")).stringArray(i.columns);
    w.optional(L1("include"), i.include);
    w.optional(L1("method"), i.method);
    w.key(L1("name")).value(i.name);
    w.optional(L1("unique"), i.unique, false);
    w.optional(L1("valid"), i.valid, true);
    w.optional(L1("where"), i.predicate);
    w.endObject();
}

void writeForeignKey(JsonWriter &w, const ForeignKey &f)
{
    w.beginObject();
    w.key(L1("columns")).stringArray(f.columns);
    w.optional(L1("deferrable"), f.deferrable, false);
    w.optional(L1("initially_deferred"), f.initiallyDeferred, false);
    w.optional(L1("name"), f.name);
    if (f.onDelete != ReferentialAction::NoAction)
        w.key(L1("on_delete")).value(referentialActionSql(f.onDelete));
    if (f.onUpdate != ReferentialAction::NoAction)
        w.key(L1("on_update")).value(referentialActionSql(f.onUpdate));
    w.key(L1("referenced_columns")).stringArray(f.referencedColumns);
    w.optional(L1("referenced_schema"), f.referencedSchema);
    w.key(L1("referenced_table")).value(f.referencedTable);
    w.optional(L1("validated"), f.validated, true);
    w.endObject();
}

void writeTable(JsonWriter &w, const Table &t)
{
    w.beginObject();
    if (!t.checks.isEmpty()) {
        w.key(L1("checks")).beginArray();
        for (const CheckConstraint &c : t.checks) {
            w.beginObject();
            w.key(L1("expression")).value(c.expression);
            w.optional(L1("name"), c.name);
            w.endObject();
        }
        w.endArray();
    }
    w.key(L1("columns")).beginArray();
    for (const Column &c : t.columns)
        writeColumn(w, c);
    w.endArray();
    w.optional(L1("comment"), t.comment);
    if (!t.foreignKeys.isEmpty()) {
        w.key(L1("foreign_keys")).beginArray();
        for (const ForeignKey &f : t.foreignKeys)
            writeForeignKey(w, f);
        w.endArray();
    }
    if (!t.indexes.isEmpty()) {
        w.key(L1("indexes")).beginArray();
        for (const Index &i : t.indexes)
            writeIndex(w, i);
        w.endArray();
    }
    w.key(L1("name")).value(t.name);
    if (t.primaryKey) {
        w.key(L1("primary_key")).beginObject();
        w.key(L1("columns")).stringArray(t.primaryKey->columns);
        w.optional(L1("name"), t.primaryKey->name);
        w.endObject();
    }
    if (!t.uniques.isEmpty()) {
        w.key(L1("uniques")).beginArray();
        for (const UniqueConstraint &u : t.uniques) {
            w.beginObject();
            w.key(L1("columns")).stringArray(u.columns);
            w.optional(L1("name"), u.name);
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
}

void writeNamespace(JsonWriter &w, const Namespace &ns)
{
    w.beginObject();
    if (!ns.enums.isEmpty()) {
        w.key(L1("enums")).beginArray();
        for (const EnumType &e : ns.enums) {
            w.beginObject();
            w.key(L1("labels")).stringArray(e.labels);
            w.key(L1("name")).value(e.name);
            w.endObject();
        }
        w.endArray();
    }
    w.key(L1("name")).value(ns.name);
    w.key(L1("tables")).beginArray();
    for (const Table &t : ns.tables)
        writeTable(w, t);
    w.endArray();
    if (!ns.views.isEmpty()) {
        w.key(L1("views")).beginArray();
        for (const View &v : ns.views) {
            w.beginObject();
            w.optional(L1("definition"), v.definition);
            w.optional(L1("materialized"), v.materialized, false);
            w.key(L1("name")).value(v.name);
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
}

/// Reads JSON into value types, remembering the path for error messages.
class Reader
{
public:
    std::optional<Error> error;

    QString string(const QJsonObject &o, const QString &path, const char *key, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString()) {
            fail(path + QLatin1Char('.') + QLatin1String(key),
                 v.isUndefined() ? QStringLiteral("is missing")
                                 : QStringLiteral("must be a string"));
            return {};
        }
        return v.toString();
    }

    bool flag(const QJsonObject &o, const QString &path, const char *key, bool defaultValue)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return defaultValue;
        if (!v.isBool()) {
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be true or false"));
            return defaultValue;
        }
        return v.toBool();
    }

    QStringList strings(const QJsonObject &o, const QString &path, const char *key, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString where = path + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined()) {
            if (required)
                fail(where, QStringLiteral("is missing"));
            return {};
        }
        if (!v.isArray()) {
            fail(where, QStringLiteral("must be a list of strings"));
            return {};
        }
        QStringList out;
        const QJsonArray array = v.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString()) {
                fail(where + QStringLiteral("[%1]").arg(i), QStringLiteral("must be a string"));
                return {};
            }
            out.append(array.at(i).toString());
        }
        return out;
    }

    QJsonArray objects(const QJsonObject &o, const QString &path, const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        const QString where = path + QLatin1Char('.') + QLatin1String(key);
        if (!v.isArray()) {
            fail(where, QStringLiteral("must be a list"));
            return {};
        }
        const QJsonArray array = v.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isObject()) {
                fail(where + QStringLiteral("[%1]").arg(i), QStringLiteral("must be an object"));
                return {};
            }
        }
        return array;
    }

    ReferentialAction action(const QJsonObject &o, const QString &path, const char *key)
    {
        const QString text = string(o, path, key, false);
        if (text.isEmpty())
            return ReferentialAction::NoAction;
        if (auto a = referentialActionFromSql(text))
            return *a;
        fail(path + QLatin1Char('.') + QLatin1String(key),
             QStringLiteral("unknown referential action '%1'").arg(text));
        return ReferentialAction::NoAction;
    }

    void fail(const QString &path, const QString &what)
    {
        if (!error)
            error = Error{ErrorCode::BadInput, QStringLiteral("%1 %2").arg(path, what), {}};
    }
};

Column columnFromJson(Reader &r, const QJsonObject &o, const QString &path)
{
    Column c;
    c.name = r.string(o, path, "name", true);
    c.type = r.string(o, path, "type", true);
    c.nullable = r.flag(o, path, "nullable", true);
    c.defaultExpr = r.string(o, path, "default", false);
    const QString identity = r.string(o, path, "identity", false);
    if (identity == QLatin1String("always"))
        c.identity = Identity::Always;
    else if (identity == QLatin1String("by_default"))
        c.identity = Identity::ByDefault;
    else if (!identity.isEmpty())
        r.fail(path + QStringLiteral(".identity"),
               QStringLiteral("must be \"always\" or \"by_default\""));
    c.autoIncrement = r.flag(o, path, "autoincrement", false);
    c.generatedExpr = r.string(o, path, "generated", false);
    c.generatedStored = r.flag(o, path, "generated_stored", false);
    c.comment = r.string(o, path, "comment", false);
    return c;
}

Table tableFromJson(Reader &r, const QJsonObject &o, const QString &path)
{
    Table t;
    t.name = r.string(o, path, "name", true);
    const QJsonArray columns = r.objects(o, path, "columns");
    for (qsizetype i = 0; i < columns.size(); ++i)
        t.columns.append(
            columnFromJson(r, columns.at(i).toObject(), path + QStringLiteral(".columns[%1]").arg(i)));
    if (o.contains(QStringLiteral("primary_key"))) {
        const QString pkPath = path + QStringLiteral(".primary_key");
        const QJsonValue pkValue = o.value(QStringLiteral("primary_key"));
        if (!pkValue.isObject()) {
            r.fail(pkPath, QStringLiteral("must be an object"));
        } else {
            const QJsonObject pk = pkValue.toObject();
            t.primaryKey = PrimaryKey{r.string(pk, pkPath, "name", false),
                                      r.strings(pk, pkPath, "columns", true)};
        }
    }
    const QJsonArray indexes = r.objects(o, path, "indexes");
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        const QJsonObject io = indexes.at(i).toObject();
        const QString p = path + QStringLiteral(".indexes[%1]").arg(i);
        Index index;
        index.name = r.string(io, p, "name", true);
        index.columns = r.strings(io, p, "columns", true);
        index.include = r.strings(io, p, "include", false);
        index.unique = r.flag(io, p, "unique", false);
        index.method = r.string(io, p, "method", false);
        index.predicate = r.string(io, p, "where", false);
        index.valid = r.flag(io, p, "valid", true);
        t.indexes.append(index);
    }
    const QJsonArray uniques = r.objects(o, path, "uniques");
    for (qsizetype i = 0; i < uniques.size(); ++i) {
        const QJsonObject uo = uniques.at(i).toObject();
        const QString p = path + QStringLiteral(".uniques[%1]").arg(i);
        t.uniques.append({r.string(uo, p, "name", false), r.strings(uo, p, "columns", true)});
    }
    const QJsonArray checks = r.objects(o, path, "checks");
    for (qsizetype i = 0; i < checks.size(); ++i) {
        const QJsonObject co = checks.at(i).toObject();
        const QString p = path + QStringLiteral(".checks[%1]").arg(i);
        t.checks.append({r.string(co, p, "name", false), r.string(co, p, "expression", true)});
    }
    const QJsonArray fks = r.objects(o, path, "foreign_keys");
    for (qsizetype i = 0; i < fks.size(); ++i) {
        const QJsonObject fo = fks.at(i).toObject();
        const QString p = path + QStringLiteral(".foreign_keys[%1]").arg(i);
        ForeignKey fk;
        fk.name = r.string(fo, p, "name", false);
        fk.columns = r.strings(fo, p, "columns", true);
        fk.referencedSchema = r.string(fo, p, "referenced_schema", false);
        fk.referencedTable = r.string(fo, p, "referenced_table", true);
        fk.referencedColumns = r.strings(fo, p, "referenced_columns", true);
        fk.onDelete = r.action(fo, p, "on_delete");
        fk.onUpdate = r.action(fo, p, "on_update");
        fk.deferrable = r.flag(fo, p, "deferrable", false);
        fk.initiallyDeferred = r.flag(fo, p, "initially_deferred", false);
        fk.validated = r.flag(fo, p, "validated", true);
        t.foreignKeys.append(fk);
    }
    t.comment = r.string(o, path, "comment", false);
    return t;
}

} // namespace

void writeSchemaMembers(JsonWriter &writer, const Schema &schema)
{
    writer.key(L1("dialect")).value(dialectName(schema.dialect));
    writer.key(L1("schemas")).beginArray();
    for (const Namespace &ns : schema.namespaces)
        writeNamespace(writer, ns);
    writer.endArray();
}

QJsonObject schemaToJson(const Schema &schema)
{
    JsonWriter writer;
    writer.beginObject();
    writeSchemaMembers(writer, schema);
    writer.endObject().finish();
    return QJsonDocument::fromJson(writer.take()).object();
}

Expected<Schema> schemaFromJson(const QJsonObject &json)
{
    Reader r;
    Schema schema;
    const QString dialect = r.string(json, QStringLiteral("$"), "dialect", true);
    if (auto d = dialectFromName(dialect))
        schema.dialect = *d;
    else if (!r.error)
        r.fail(QStringLiteral("$.dialect"), QStringLiteral("unknown dialect '%1'").arg(dialect));

    const QJsonArray namespaces = r.objects(json, QStringLiteral("$"), "schemas");
    for (qsizetype n = 0; n < namespaces.size() && !r.error; ++n) {
        const QJsonObject no = namespaces.at(n).toObject();
        const QString path = QStringLiteral("$.schemas[%1]").arg(n);
        Namespace ns;
        ns.name = r.string(no, path, "name", true);
        const QJsonArray tables = r.objects(no, path, "tables");
        for (qsizetype i = 0; i < tables.size(); ++i)
            ns.tables.append(tableFromJson(r, tables.at(i).toObject(),
                                           path + QStringLiteral(".tables[%1]").arg(i)));
        const QJsonArray enums = r.objects(no, path, "enums");
        for (qsizetype i = 0; i < enums.size(); ++i) {
            const QJsonObject eo = enums.at(i).toObject();
            const QString p = path + QStringLiteral(".enums[%1]").arg(i);
            ns.enums.append({r.string(eo, p, "name", true), r.strings(eo, p, "labels", true)});
        }
        const QJsonArray views = r.objects(no, path, "views");
        for (qsizetype i = 0; i < views.size(); ++i) {
            const QJsonObject vo = views.at(i).toObject();
            const QString p = path + QStringLiteral(".views[%1]").arg(i);
            ns.views.append({r.string(vo, p, "name", true), r.flag(vo, p, "materialized", false),
                             r.string(vo, p, "definition", false)});
        }
        schema.namespaces.append(ns);
    }
    if (r.error)
        return *r.error;
    return schema;
}

} // namespace migconsole
