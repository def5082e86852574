#include "replay/OperationSupport.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace migconsole::opsupport {

void Context::warn(int line, const QString &message) const
{
    if (warnings)
        warnings->append(ReplayWarning{SourceLocation{file, line}, message});
}

QString Context::where(int line) const
{
    return file + u':' + QString::number(line);
}

QString lastSegment(const QString &dotted)
{
    const qsizetype dot = dotted.lastIndexOf(u'.');
    return dot < 0 ? dotted : dotted.mid(dot + 1);
}

bool isTrue(const PyExpr *e)
{
    return e && e->is(PyExpr::Kind::Bool) && e->text == QLatin1String("True");
}

bool isFalse(const PyExpr *e)
{
    return e && e->is(PyExpr::Kind::Bool) && e->text == QLatin1String("False");
}

std::optional<QStringList> nameList(const PyExpr &e)
{
    if (const std::optional<QString> one = literalName(e); one && !e.is(PyExpr::Kind::None))
        return QStringList{*one};
    if (!e.is(PyExpr::Kind::List) && !e.is(PyExpr::Kind::Tuple))
        return std::nullopt;
    QStringList out;
    for (const PyExpr &item : e.items) {
        const std::optional<QString> n = literalName(item);
        if (!n || item.is(PyExpr::Kind::None))
            return std::nullopt;
        out.append(*n);
    }
    return out;
}

std::optional<QString> sqlText(const PyExpr &e)
{
    if (e.isString())
        return e.text;
    const QString callee = lastSegment(e.calleeName());
    if ((callee == QLatin1String("text") || callee == QLatin1String("literal_column")) &&
        e.argCount() >= 1 && e.arg(0)->isString())
        return e.arg(0)->text;
    return std::nullopt;
}

std::optional<QString> indexPart(const PyExpr &e)
{
    if (e.isString()) {
        // "col DESC" / "col desc nulls last": SQLAlchemy passes the text through; the
        // database prints the ordering keywords in upper case.
        static const QRegularExpression ordering(
            QStringLiteral("\\s+(asc|desc)?\\s*(nulls\\s+(first|last))?\\s*$"),
            QRegularExpression::CaseInsensitiveOption);
        QString text = e.text.trimmed();
        const QRegularExpressionMatch m = ordering.match(text);
        if (m.hasMatch() && m.capturedLength() > 0 && !text.endsWith(u')')) {
            const QString tail = m.captured(0).simplified().toUpper();
            text = text.left(m.capturedStart()) + (tail.isEmpty() ? QString() : u' ' + tail);
            if (text.endsWith(QLatin1String(" ASC")))
                text.chop(4); // ASC is the default and is never printed
        }
        return text;
    }
    const QString callee = lastSegment(e.calleeName());
    if ((callee == QLatin1String("desc") || callee == QLatin1String("asc")) && e.argCount() == 1) {
        const std::optional<QString> inner = indexPart(*e.arg(0));
        if (!inner)
            return std::nullopt;
        return callee == QLatin1String("desc") ? *inner + QLatin1String(" DESC") : *inner;
    }
    if (callee == QLatin1String("column") && e.argCount() == 1 && e.arg(0)->isString())
        return e.arg(0)->text;
    return sqlText(e);
}

std::optional<ReferentialAction> actionOf(const PyExpr *e)
{
    if (!e || e->is(PyExpr::Kind::None))
        return ReferentialAction::NoAction;
    if (!e->isString())
        return std::nullopt;
    return referentialActionFromSql(e->text.simplified().toUpper());
}

namespace {

/// `text` cut to at most `bytes` UTF-8 bytes without splitting a character (pg_mbcliplen).
QByteArray clip(const QByteArray &text, qsizetype bytes)
{
    if (text.size() <= bytes)
        return text;
    while (bytes > 0 && (quint8(text[bytes]) & 0xC0) == 0x80)
        --bytes;
    return text.left(bytes);
}

} // namespace

QString pgDefaultName(Dialect dialect, const QString &table, const QStringList &columns,
                      const QString &suffix)
{
    if (dialect != Dialect::PostgreSQL)
        return {};
    // PostgreSQL's makeObjectName(): within NAMEDATALEN-1 = 63 bytes, shorten the longer of
    // table and column part one byte at a time; the label always survives.
    const QByteArray name1 = table.toUtf8();
    const QByteArray name2 = columns.join(u'_').toUtf8();
    const QByteArray label = suffix.toUtf8();
    const qsizetype overhead = (name2.isEmpty() ? 0 : 1) + label.size() + 1;
    const qsizetype avail = 63 - overhead;
    qsizetype n1 = name1.size();
    qsizetype n2 = name2.size();
    while (n1 + n2 > avail) {
        if (n1 > n2)
            --n1;
        else
            --n2;
    }
    QByteArray out = clip(name1, n1);
    if (!name2.isEmpty())
        out += '_' + clip(name2, n2);
    out += '_' + label;
    return QString::fromUtf8(out);
}

QString indexTrueName(Dialect dialect, const QString &table, const QString &column)
{
    const QString name = QStringLiteral("ix_%1_%2").arg(table, column);
    // SQLAlchemy shortens convention names past the dialect's identifier limit (63 on
    // PostgreSQL; SQLite has none): first limit-8 characters, "_", last 4 hex of the md5.
    // Characters as Python counts them (code points), not UTF-16 units.
    const QList<uint> characters = name.toUcs4();
    if (dialect != Dialect::PostgreSQL || characters.size() <= 63)
        return name;
    const QByteArray md5 = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Md5).toHex();
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(characters.constData()), 63 - 8) +
           u'_' + QString::fromLatin1(md5.right(4));
}

namespace {

/// Cuts the names of one op, remembering each distinct cut for one warning.
class NameClipper
{
public:
    void operator()(QString &name)
    {
        const QByteArray bytes = name.toUtf8();
        if (bytes.size() <= 63)
            return;
        const QString cut = QString::fromUtf8(clip(bytes, 63));
        if (!m_cut.contains(name)) {
            m_cut.append(name);
            m_to.append(cut);
        }
        name = cut;
    }
    void operator()(QStringList &names)
    {
        for (QString &name : names)
            (*this)(name);
    }
    void operator()(Table &table)
    {
        (*this)(table.name);
        for (Column &column : table.columns)
            (*this)(column.name);
        if (table.primaryKey) {
            (*this)(table.primaryKey->name);
            (*this)(table.primaryKey->columns);
        }
        for (Index &index : table.indexes)
            (*this)(index);
        for (UniqueConstraint &unique : table.uniques) {
            (*this)(unique.name);
            (*this)(unique.columns);
        }
        for (CheckConstraint &check : table.checks)
            (*this)(check.name);
        for (ForeignKey &fk : table.foreignKeys)
            (*this)(fk);
    }
    void operator()(Index &index)
    {
        (*this)(index.name);
        (*this)(index.include);
        for (QString &part : index.columns) { // a column part only, never an expression
            IndexKeyPart key = splitIndexPart(part, [](const QString &name) {
                return !name.contains(u'(') && name.toUtf8().size() > 63;
            });
            const QString before = key.column;
            (*this)(key.column);
            if (key.column != before)
                part = key.column + key.order;
        }
    }
    void operator()(ForeignKey &fk)
    {
        (*this)(fk.name);
        (*this)(fk.columns);
        (*this)(fk.referencedSchema);
        (*this)(fk.referencedTable);
        (*this)(fk.referencedColumns);
    }

    void warn(const SourceLocation &location, QList<ReplayWarning> *warnings) const
    {
        for (qsizetype i = 0; i < m_cut.size(); ++i)
            warnings->append(ReplayWarning{
                location, QStringLiteral("name \"%1\" is longer than 63 bytes: PostgreSQL "
                                         "truncates it to \"%2\"")
                              .arg(m_cut.at(i), m_to.at(i))});
    }

private:
    QStringList m_cut;
    QStringList m_to;
};

} // namespace

void clipPostgresNames(Dialect dialect, Operation &op, QList<ReplayWarning> *warnings)
{
    if (dialect != Dialect::PostgreSQL)
        return;
    NameClipper clipper;
    clipper(op.schema);
    clipper(op.table);
    clipper(op.tableDef);
    for (EnumType &e : op.enums)
        clipper(e.name);
    clipper(op.column.name);
    clipper(op.index);
    clipper(op.foreignKey);
    clipper(op.unique.name);
    clipper(op.unique.columns);
    clipper(op.check.name);
    clipper(op.primaryKey.name);
    clipper(op.primaryKey.columns);
    clipper(op.enumType.name);
    clipper(op.name);
    clipper(op.newName);
    clipper.warn(op.location, warnings);
}

} // namespace migconsole::opsupport
