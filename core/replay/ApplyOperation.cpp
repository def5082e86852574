#include "replay/ApplyOperation.h"

#include <QRegularExpression>

#include <algorithm>

namespace migconsole {

namespace {

/// Where an expression mentions column `word`: quoted ("Größe", inner quotes doubled) or,
/// for a plain name, bare and not part of a longer name, of a quoted name or a qualifier.
QRegularExpression wordPattern(const QString &word)
{
    QString doubled = word;
    doubled.replace(u'"', QLatin1String("\"\""));
    const QString quoted = QRegularExpression::escape(u'"' + doubled + u'"');
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*$"));
    if (!plain.match(word).hasMatch())
        return QRegularExpression(quoted);
    return QRegularExpression(QStringLiteral("(?<![A-Za-z0-9_$\"])%1(?![A-Za-z0-9_$\".])|%2")
                                  .arg(QRegularExpression::escape(word), quoted));
}

/// `text` with every mention of column `from` (wordPattern) renamed to `to`, quoted when
/// `to` needs it or the mention was quoted.
void renameMentions(QString &text, const QRegularExpression &mention, const QString &to)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*$"));
    QString doubled = to;
    doubled.replace(u'"', QLatin1String("\"\""));
    const QString quoted = u'"' + doubled + u'"';
    QString out;
    qsizetype last = 0;
    for (auto it = mention.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const bool wasQuoted = m.captured().startsWith(u'"');
        out += wasQuoted || !plain.match(to).hasMatch() ? quoted : to;
        last = m.capturedEnd();
    }
    if (last > 0)
        text = out + text.mid(last);
}

/// An index key part names `column` when it is the column itself, optionally with a sort
/// order ("name DESC"); expressions only mention it. A part naming another column of
/// `table` (`a.b`, `say "hi"` beside `a`, `say`) does not name it.
bool partIsColumn(const QString &part, const QString &column, const Table &table)
{
    const IndexKeyPart key = splitIndexPart(part, [&](const QString &name) {
        return name == column || table.column(name);
    });
    return key.column == column;
}

/// Whether `part` uses `column`: names it, or is an expression mentioning it.
bool partUses(const QString &part, const QString &column, const QRegularExpression &mention,
              const Table &table)
{
    const IndexKeyPart key = splitIndexPart(part, [&](const QString &name) {
        return name == column || table.column(name);
    });
    return key.column.isEmpty() ? part.contains(mention) : key.column == column;
}

class Applier
{
public:
    Applier(Schema &schema, const Operation &op, OriginMap *origins, const FindingOrigin &origin)
        : m_schema(schema), m_op(op), m_origins(origins), m_origin(origin)
    {
        m_out.schema = op.schema.isEmpty() ? defaultNamespaceName(schema.dialect) : op.schema;
        m_out.table = op.table;
    }

    ApplyOutcome run();

private:
    using K = Operation::Kind;

    Namespace &ns()
    {
        for (Namespace &n : m_schema.namespaces) {
            if (n.name == m_out.schema)
                return n;
        }
        m_schema.namespaces.append(Namespace{m_out.schema, {}, {}, {}});
        return m_schema.namespaces.last();
    }
    Table *findTable(const QString &name)
    {
        for (Table &t : ns().tables) {
            if (t.name == name)
                return &t;
        }
        return nullptr;
    }
    Table *tableInSchema(const QString &schemaName, const QString &name)
    {
        for (Namespace &n : m_schema.namespaces) {
            if (n.name != schemaName)
                continue;
            for (Table &t : n.tables) {
                if (t.name == name)
                    return &t;
            }
        }
        return nullptr;
    }
    bool conflict(StepConflict kind, FindingObject object, const QString &name, const QString &message)
    {
        m_out.conflict = kind;
        m_out.object = object;
        m_out.objectName = name;
        m_out.message = message;
        return false;
    }
    QString qualified(const QString &object = {}) const
    {
        return object.isEmpty() ? m_op.table : m_op.table + u'.' + object;
    }
    void note(FindingObject object, const QString &name)
    {
        m_out.object = object;
        m_out.objectName = name;
    }
    void remember(FindingObject object, const QString &name)
    {
        if (m_origins && !name.isEmpty())
            m_origins->setObject(m_out.schema, m_op.table, object, name, m_origin);
    }
    /// The table the step acts on; when it is missing, the step keeps naming its own object
    /// (the column it would add, the index it would create) beside the missing_table reason.
    Table *requireTable()
    {
        Table *t = findTable(m_op.table);
        if (!t) {
            m_out.conflict = StepConflict::MissingTable;
            m_out.message = QStringLiteral("table %1 does not exist").arg(m_op.table);
        }
        return t;
    }
    /// What the step is about, before anything can fail.
    void noteOwnObject()
    {
        switch (m_op.kind) {
        case K::AddColumn: note(FindingObject::Column, m_op.column.name); break;
        case K::DropColumn:
        case K::AlterColumn: note(FindingObject::Column, m_op.name); break;
        case K::CreateIndex: note(FindingObject::Index, m_op.index.name); break;
        case K::DropIndex: note(FindingObject::Index, m_op.name); break;
        case K::CreateForeignKey: note(FindingObject::Constraint, m_op.foreignKey.name); break;
        case K::CreateUniqueConstraint: note(FindingObject::Constraint, m_op.unique.name); break;
        case K::CreateCheckConstraint: note(FindingObject::Constraint, m_op.check.name); break;
        case K::CreatePrimaryKey: note(FindingObject::Constraint, m_op.primaryKey.name); break;
        case K::DropConstraint: note(FindingObject::Constraint, m_op.name); break;
        default: break;
        }
    }

    /// Index names share the schema's relation namespace with tables and the indexes behind
    /// primary keys and unique constraints (PostgreSQL); SQLite's are database-wide.
    bool relationNameTaken(const QString &name)
    {
        if (name.isEmpty())
            return false;
        for (const Table &t : ns().tables) {
            if (t.name == name || t.index(name))
                return true;
            if (m_schema.dialect != Dialect::PostgreSQL)
                continue;
            if (t.primaryKey && t.primaryKey->name == name)
                return true;
            for (const UniqueConstraint &u : t.uniques) {
                if (u.name == name)
                    return true;
            }
        }
        return false;
    }
    static bool constraintNameTaken(const Table &t, const QString &name)
    {
        if (name.isEmpty())
            return false;
        if (t.primaryKey && t.primaryKey->name == name)
            return true;
        const auto named = [&](const auto &list) {
            return std::any_of(list.cbegin(), list.cend(), [&](const auto &c) { return c.name == name; });
        };
        return named(t.uniques) || named(t.checks) || named(t.foreignKeys);
    }
    bool columnsExist(const Table &t, const QStringList &columns)
    {
        for (const QString &c : columns) {
            if (!t.column(c))
                return conflict(StepConflict::MissingColumn, FindingObject::Column, c,
                                QStringLiteral("column %1.%2 does not exist").arg(t.name, c));
        }
        return true;
    }
    /// PostgreSQL checks a new foreign key's target and key types when it is created.
    bool foreignKeyFits(const Table &owner, const ForeignKey &fk)
    {
        if (m_schema.dialect != Dialect::PostgreSQL)
            return true;
        const QString targetSchema = fk.referencedSchema.isEmpty() ? m_out.schema : fk.referencedSchema;
        const Table *target = (targetSchema == m_out.schema && fk.referencedTable == owner.name)
                                  ? &owner
                                  : tableInSchema(targetSchema, fk.referencedTable);
        if (!target)
            return conflict(StepConflict::MissingTable, FindingObject::Constraint, fk.name,
                            QStringLiteral("foreign key %1 references table %2, which does not exist")
                                .arg(fk.name, fk.referencedTable));
        const QStringList targetColumns = fk.referencedColumns.isEmpty() && target->primaryKey
                                              ? target->primaryKey->columns
                                              : fk.referencedColumns;
        for (qsizetype i = 0; i < fk.columns.size() && i < targetColumns.size(); ++i) {
            const Column *local = owner.column(fk.columns[i]);
            const Column *remote = target->column(targetColumns[i]);
            if (!remote)
                return conflict(StepConflict::MissingColumn, FindingObject::Constraint, fk.name,
                                QStringLiteral("foreign key %1 references column %2.%3, which does not exist")
                                    .arg(fk.name, target->name, targetColumns[i]));
            if (local && !foreignKeyTypesCompatible(local->type, remote->type))
                return conflict(StepConflict::TypeIncompatibleFk, FindingObject::Constraint, fk.name,
                                QStringLiteral("foreign key %1: %2.%3 is %4 but %5.%6 is %7 — the types are incompatible")
                                    .arg(fk.name, owner.name, local->name, local->type, target->name,
                                         remote->name, remote->type));
        }
        return true;
    }

    bool createTable();
    bool addColumn();
    bool dropColumn();
    bool alterColumn();
    bool createIndex();
    bool dropIndex();
    bool addConstraint();
    bool dropConstraint();
    bool renameTable();
    void renameColumnEverywhere(Table &t, const QString &from, const QString &to);

    Schema &m_schema;
    const Operation &m_op;
    OriginMap *m_origins;
    FindingOrigin m_origin;
    ApplyOutcome m_out;
};

ApplyOutcome Applier::run()
{
    noteOwnObject();
    switch (m_op.kind) {
    case K::CreateTable: createTable(); break;
    case K::DropTable:
        if (requireTable()) {
            auto &tables = ns().tables;
            tables.removeIf([&](const Table &t) { return t.name == m_op.table; });
            if (m_origins)
                m_origins->removeTable(m_out.schema, m_op.table);
        }
        break;
    case K::AddColumn: addColumn(); break;
    case K::DropColumn: dropColumn(); break;
    case K::AlterColumn: alterColumn(); break;
    case K::CreateIndex: createIndex(); break;
    case K::DropIndex: dropIndex(); break;
    case K::CreateForeignKey:
    case K::CreateUniqueConstraint:
    case K::CreateCheckConstraint:
    case K::CreatePrimaryKey: addConstraint(); break;
    case K::DropConstraint: dropConstraint(); break;
    case K::RenameTable: renameTable(); break;
    case K::CreateEnum: {
        auto &enums = ns().enums;
        enums.removeIf([&](const EnumType &e) { return e.name == m_op.enumType.name; });
        enums.append(m_op.enumType);
        break;
    }
    case K::DropEnum:
        ns().enums.removeIf([&](const EnumType &e) { return e.name == m_op.enumType.name; });
        break;
    case K::SetTableComment:
        if (Table *t = requireTable())
            t->comment = m_op.comment;
        break;
    case K::Execute:
        break; // expanded by readSqlDdl before it gets here
    }
    return m_out;
}

bool Applier::createTable()
{
    if (findTable(m_op.table))
        return conflict(StepConflict::TableExists, FindingObject::Table, {},
                        QStringLiteral("table %1 already exists").arg(m_op.table));
    for (const Index &index : m_op.tableDef.indexes) {
        if (relationNameTaken(index.name))
            return conflict(StepConflict::IndexExists, FindingObject::Index, index.name,
                            QStringLiteral("index %1 already exists").arg(index.name));
    }
    for (const ForeignKey &fk : m_op.tableDef.foreignKeys) {
        if (!foreignKeyFits(m_op.tableDef, fk))
            return false;
    }
    Namespace &n = ns();
    for (const EnumType &e : m_op.enums) {
        if (std::none_of(n.enums.cbegin(), n.enums.cend(), [&](const EnumType &x) { return x.name == e.name; }))
            n.enums.append(e);
    }
    n.tables.append(m_op.tableDef);
    if (m_origins) {
        m_origins->removeTable(m_out.schema, m_op.table);
        m_origins->setTable(m_out.schema, m_op.table, m_origin);
    }
    return true;
}

bool Applier::addColumn()
{
    Table *t = requireTable();
    if (!t)
        return false;
    const Column &c = m_op.column;
    note(FindingObject::Column, c.name);
    if (t->column(c.name))
        return conflict(StepConflict::ColumnExists, FindingObject::Column, c.name,
                        QStringLiteral("column %1 already exists").arg(qualified(c.name)));
    const Table &def = m_op.tableDef;
    for (const Index &index : def.indexes) {
        if (relationNameTaken(index.name))
            return conflict(StepConflict::IndexExists, FindingObject::Index, index.name,
                            QStringLiteral("index %1 already exists").arg(index.name));
    }
    Table extended = *t;
    extended.columns.append(c);
    for (const ForeignKey &fk : def.foreignKeys) {
        if (!foreignKeyFits(extended, fk))
            return false;
    }
    *t = extended;
    remember(FindingObject::Column, c.name);
    if (def.primaryKey && !t->primaryKey) {
        t->primaryKey = def.primaryKey;
        remember(FindingObject::Constraint, def.primaryKey->name);
    }
    const auto addAll = [&](const auto &from, auto &to, FindingObject object) {
        for (const auto &item : from) {
            to.append(item);
            remember(object, item.name);
        }
    };
    addAll(def.uniques, t->uniques, FindingObject::Constraint);
    addAll(def.checks, t->checks, FindingObject::Constraint);
    addAll(def.foreignKeys, t->foreignKeys, FindingObject::Constraint);
    addAll(def.indexes, t->indexes, FindingObject::Index);
    return true;
}

bool Applier::dropColumn()
{
    Table *t = requireTable();
    if (!t)
        return false;
    const QString &name = m_op.name;
    note(FindingObject::Column, name);
    if (!t->column(name))
        return conflict(StepConflict::MissingColumn, FindingObject::Column, name,
                        QStringLiteral("column %1 does not exist").arg(qualified(name)));
    t->columns.removeIf([&](const Column &c) { return c.name == name; });
    // The database drops what depends on the column along with it.
    const auto uses = [&](const QStringList &columns) { return columns.contains(name); };
    const QRegularExpression mention = wordPattern(name);
    if (t->primaryKey && uses(t->primaryKey->columns))
        t->primaryKey.reset();
    t->uniques.removeIf([&](const UniqueConstraint &u) { return uses(u.columns); });
    t->foreignKeys.removeIf([&](const ForeignKey &fk) { return uses(fk.columns); });
    t->checks.removeIf([&](const CheckConstraint &c) { return c.expression.contains(mention); });
    t->indexes.removeIf([&](const Index &index) {
        return std::any_of(index.columns.cbegin(), index.columns.cend(),
                           [&](const QString &part) { return partUses(part, name, mention, *t); }) ||
               index.include.contains(name) || index.predicate.contains(mention);
    });
    if (m_origins)
        m_origins->remove(m_out.schema, m_op.table, FindingObject::Column, name);
    return true;
}

void Applier::renameColumnEverywhere(Table &t, const QString &from, const QString &to)
{
    const QRegularExpression mention = wordPattern(from);
    // Column lists hold names: only the exact name changes (renaming `a` leaves `a.b`).
    const auto renameIn = [&](QStringList &columns) {
        for (QString &c : columns) {
            if (c == from)
                c = to;
        }
    };
    // Key parts are names or expressions (see splitIndexPart).
    const auto renameParts = [&](QStringList &parts) {
        for (QString &part : parts) {
            if (partIsColumn(part, from, t))
                part = to + splitIndexPart(part, [&](const QString &n) { return n == from; }).order;
            else if (splitIndexPart(part, t).column.isEmpty())
                renameMentions(part, mention, to);
        }
    };
    if (t.primaryKey)
        renameIn(t.primaryKey->columns);
    for (UniqueConstraint &u : t.uniques)
        renameIn(u.columns);
    for (ForeignKey &fk : t.foreignKeys)
        renameIn(fk.columns);
    for (CheckConstraint &c : t.checks)
        renameMentions(c.expression, mention, to);
    for (Index &index : t.indexes) {
        renameParts(index.columns);
        renameIn(index.include);
        renameMentions(index.predicate, mention, to);
    }
    // Keys of other tables that point at the renamed column follow it.
    for (Namespace &n : m_schema.namespaces) {
        for (Table &other : n.tables) {
            for (ForeignKey &fk : other.foreignKeys) {
                const QString target = fk.referencedSchema.isEmpty() ? n.name : fk.referencedSchema;
                if (target == m_out.schema && fk.referencedTable == t.name)
                    renameIn(fk.referencedColumns);
            }
        }
    }
}

bool Applier::alterColumn()
{
    Table *t = requireTable();
    if (!t)
        return false;
    note(FindingObject::Column, m_op.name);
    auto column = std::find_if(t->columns.begin(), t->columns.end(),
                               [&](const Column &c) { return c.name == m_op.name; });
    if (column == t->columns.end())
        return conflict(StepConflict::MissingColumn, FindingObject::Column, m_op.name,
                        QStringLiteral("column %1 does not exist").arg(qualified(m_op.name)));
    if (!m_op.newName.isEmpty() && m_op.newName != m_op.name && t->column(m_op.newName))
        return conflict(StepConflict::ColumnExists, FindingObject::Column, m_op.newName,
                        QStringLiteral("column %1 already exists").arg(qualified(m_op.newName)));
    if (m_op.newType)
        column->type = *m_op.newType;
    if (m_op.newNullable)
        column->nullable = *m_op.newNullable;
    if (m_op.newDefault)
        column->defaultExpr = *m_op.newDefault;
    if (m_origins)
        m_origins->remove(m_out.schema, m_op.table, FindingObject::Column, m_op.name);
    if (!m_op.newName.isEmpty() && m_op.newName != m_op.name) {
        column->name = m_op.newName;
        renameColumnEverywhere(*t, m_op.name, m_op.newName);
        note(FindingObject::Column, m_op.newName);
    }
    remember(FindingObject::Column, column->name);
    return true;
}

bool Applier::createIndex()
{
    Table *t = requireTable();
    if (!t)
        return false;
    const Index &index = m_op.index;
    note(FindingObject::Index, index.name);
    if (relationNameTaken(index.name))
        return conflict(StepConflict::IndexExists, FindingObject::Index, index.name,
                        QStringLiteral("index %1 already exists").arg(index.name));
    for (const QString &part : index.columns) {
        // A part is a column (`semi;colon -- x`, `a b DESC`, `"x"`) unless it is an expression.
        const IndexKeyPart key = splitIndexPart(part, *t);
        const QString column = key.column.isEmpty() ? key.expression : key.column;
        const bool plainName = !key.column.isEmpty() || !key.expression.contains(u'(');
        if (plainName && !t->column(column))
            return conflict(StepConflict::MissingColumn, FindingObject::Index, index.name,
                            QStringLiteral("index %1: column %2 does not exist").arg(index.name, qualified(column)));
    }
    t->indexes.append(index);
    remember(FindingObject::Index, index.name);
    return true;
}

bool Applier::dropIndex()
{
    note(FindingObject::Index, m_op.name);
    for (Table &t : ns().tables) {
        if (!m_op.table.isEmpty() && t.name != m_op.table)
            continue;
        if (t.index(m_op.name)) {
            t.indexes.removeIf([&](const Index &i) { return i.name == m_op.name; });
            m_out.table = t.name;
            if (m_origins)
                m_origins->remove(m_out.schema, t.name, FindingObject::Index, m_op.name);
            return true;
        }
    }
    return conflict(StepConflict::MissingIndex, FindingObject::Index, m_op.name,
                    QStringLiteral("index %1 does not exist").arg(m_op.name));
}

bool Applier::addConstraint()
{
    Table *t = requireTable();
    if (!t)
        return false;
    QString name;
    QStringList columns;
    switch (m_op.kind) {
    case K::CreateForeignKey: name = m_op.foreignKey.name; columns = m_op.foreignKey.columns; break;
    case K::CreateUniqueConstraint: name = m_op.unique.name; columns = m_op.unique.columns; break;
    case K::CreatePrimaryKey: name = m_op.primaryKey.name; columns = m_op.primaryKey.columns; break;
    default: name = m_op.check.name; break;
    }
    note(FindingObject::Constraint, name);
    if (m_op.kind == K::CreatePrimaryKey && t->primaryKey)
        return conflict(StepConflict::ConstraintExists, FindingObject::Constraint, t->primaryKey->name,
                        QStringLiteral("table %1 already has a primary key (%2)")
                            .arg(m_op.table, t->primaryKey->name));
    if (m_schema.dialect == Dialect::PostgreSQL &&
        (constraintNameTaken(*t, name) ||
         ((m_op.kind == K::CreateUniqueConstraint || m_op.kind == K::CreatePrimaryKey) && relationNameTaken(name))))
        return conflict(StepConflict::ConstraintExists, FindingObject::Constraint, name,
                        QStringLiteral("constraint %1 already exists on %2").arg(name, m_op.table));
    if (!columnsExist(*t, columns))
        return false;
    switch (m_op.kind) {
    case K::CreateForeignKey:
        if (!foreignKeyFits(*t, m_op.foreignKey))
            return false;
        t->foreignKeys.append(m_op.foreignKey);
        break;
    case K::CreateUniqueConstraint: t->uniques.append(m_op.unique); break;
    case K::CreatePrimaryKey:
        t->primaryKey = m_op.primaryKey;
        for (Column &c : t->columns) {
            if (columns.contains(c.name))
                c.nullable = false; // ADD PRIMARY KEY sets NOT NULL on its columns
        }
        break;
    default: t->checks.append(m_op.check); break;
    }
    remember(FindingObject::Constraint, name);
    return true;
}

bool Applier::dropConstraint()
{
    Table *t = requireTable();
    if (!t)
        return false;
    const QString &name = m_op.name;
    note(FindingObject::Constraint, name);
    bool dropped = false;
    if (t->primaryKey && t->primaryKey->name == name) {
        t->primaryKey.reset();
        dropped = true;
    }
    const auto drop = [&](auto &list) { dropped = list.removeIf([&](const auto &c) { return c.name == name; }) > 0 || dropped; };
    drop(t->uniques);
    drop(t->checks);
    drop(t->foreignKeys);
    // SQLite's batch mode and MySQL treat a unique index as the constraint.
    if (!dropped && m_schema.dialect != Dialect::PostgreSQL)
        dropped = t->indexes.removeIf([&](const Index &i) { return i.name == name; }) > 0;
    if (!dropped)
        return conflict(StepConflict::MissingConstraint, FindingObject::Constraint, name,
                        QStringLiteral("constraint %1 of %2 does not exist").arg(name, m_op.table));
    if (m_origins)
        m_origins->remove(m_out.schema, m_op.table, FindingObject::Constraint, name);
    return true;
}

bool Applier::renameTable()
{
    Table *t = requireTable();
    if (!t)
        return false;
    if (findTable(m_op.newName))
        return conflict(StepConflict::TableExists, FindingObject::Table, {},
                        QStringLiteral("table %1 already exists").arg(m_op.newName));
    t->name = m_op.newName;
    for (Namespace &n : m_schema.namespaces) {
        for (Table &other : n.tables) {
            for (ForeignKey &fk : other.foreignKeys) {
                const QString target = fk.referencedSchema.isEmpty() ? n.name : fk.referencedSchema;
                if (target == m_out.schema && fk.referencedTable == m_op.table)
                    fk.referencedTable = m_op.newName;
            }
        }
    }
    if (m_origins) {
        m_origins->renameTable(m_out.schema, m_op.table, m_op.newName);
    }
    return true;
}

} // namespace

ApplyOutcome applyOperation(Schema &schema, const Operation &op, OriginMap *origins,
                            const FindingOrigin &origin)
{
    return Applier(schema, op, origins, origin).run();
}

} // namespace migconsole
