#include "schema/SchemaJson.h"

#include <QJsonArray>

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

QJsonArray toArray(const QStringList &list) { return QJsonArray::fromStringList(list); }

void putString(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

void putList(QJsonObject &o, const char *key, const QStringList &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), toArray(value));
}

void putFlag(QJsonObject &o, const char *key, bool value, bool defaultValue)
{
    if (value != defaultValue)
        o.insert(QLatin1String(key), value);
}

QJsonObject columnToJson(const Column &c)
{
    QJsonObject o{{QStringLiteral("name"), c.name}, {QStringLiteral("type"), c.type},
                  {QStringLiteral("nullable"), c.nullable}};
    putString(o, "default", c.defaultExpr);
    putString(o, "identity", identityName(c.identity));
    putFlag(o, "autoincrement", c.autoIncrement, false);
    putString(o, "generated", c.generatedExpr);
    putFlag(o, "generated_stored", c.generatedStored, false);
    putString(o, "comment", c.comment);
    return o;
}

QJsonObject tableToJson(const Table &t)
{
    QJsonObject o{{QStringLiteral("name"), t.name}};
    QJsonArray columns;
    for (const Column &c : t.columns)
        columns.append(columnToJson(c));
    o.insert(QStringLiteral("columns"), columns);
    if (t.primaryKey) {
        QJsonObject pk;
        putString(pk, "name", t.primaryKey->name);
        pk.insert(QStringLiteral("columns"), toArray(t.primaryKey->columns));
        o.insert(QStringLiteral("primary_key"), pk);
    }
    QJsonArray indexes;
    for (const Index &i : t.indexes) {
        QJsonObject io{{QStringLiteral("name"), i.name},
                       {QStringLiteral("columns"), toArray(i.columns)}};
        putList(io, "include", i.include);
        putFlag(io, "unique", i.unique, false);
        putString(io, "method", i.method);
        putString(io, "where", i.predicate);
        putFlag(io, "valid", i.valid, true);
        indexes.append(io);
    }
    if (!indexes.isEmpty())
        o.insert(QStringLiteral("indexes"), indexes);
    QJsonArray uniques;
    for (const UniqueConstraint &u : t.uniques) {
        QJsonObject uo{{QStringLiteral("columns"), toArray(u.columns)}};
        putString(uo, "name", u.name);
        uniques.append(uo);
    }
    if (!uniques.isEmpty())
        o.insert(QStringLiteral("uniques"), uniques);
    QJsonArray checks;
    for (const CheckConstraint &c : t.checks) {
        QJsonObject co{{QStringLiteral("expression"), c.expression}};
        putString(co, "name", c.name);
        checks.append(co);
    }
    if (!checks.isEmpty())
        o.insert(QStringLiteral("checks"), checks);
    QJsonArray fks;
    for (const ForeignKey &f : t.foreignKeys) {
        QJsonObject fo{{QStringLiteral("columns"), toArray(f.columns)},
                       {QStringLiteral("referenced_table"), f.referencedTable},
                       {QStringLiteral("referenced_columns"), toArray(f.referencedColumns)}};
        putString(fo, "name", f.name);
        putString(fo, "referenced_schema", f.referencedSchema);
        if (f.onDelete != ReferentialAction::NoAction)
            fo.insert(QStringLiteral("on_delete"), referentialActionSql(f.onDelete));
        if (f.onUpdate != ReferentialAction::NoAction)
            fo.insert(QStringLiteral("on_update"), referentialActionSql(f.onUpdate));
        putFlag(fo, "deferrable", f.deferrable, false);
        putFlag(fo, "initially_deferred", f.initiallyDeferred, false);
        putFlag(fo, "validated", f.validated, true);
        fks.append(fo);
    }
    if (!fks.isEmpty())
        o.insert(QStringLiteral("foreign_keys"), fks);
    putString(o, "comment", t.comment);
    return o;
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

QJsonObject schemaToJson(const Schema &schema)
{
    QJsonArray namespaces;
    for (const Namespace &ns : schema.namespaces) {
        QJsonArray tables;
        for (const Table &t : ns.tables)
            tables.append(tableToJson(t));
        QJsonObject no{{QStringLiteral("name"), ns.name}, {QStringLiteral("tables"), tables}};
        QJsonArray enums;
        for (const EnumType &e : ns.enums)
            enums.append(QJsonObject{{QStringLiteral("name"), e.name},
                                     {QStringLiteral("labels"), toArray(e.labels)}});
        if (!enums.isEmpty())
            no.insert(QStringLiteral("enums"), enums);
        QJsonArray views;
        for (const View &v : ns.views) {
            QJsonObject vo{{QStringLiteral("name"), v.name}};
            putFlag(vo, "materialized", v.materialized, false);
            putString(vo, "definition", v.definition);
            views.append(vo);
        }
        if (!views.isEmpty())
            no.insert(QStringLiteral("views"), views);
        namespaces.append(no);
    }
    return QJsonObject{{QStringLiteral("dialect"), dialectName(schema.dialect)},
                       {QStringLiteral("schemas"), namespaces}};
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
