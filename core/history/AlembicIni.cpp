#include "history/AlembicIni.h"

#include <QSet>
#include <QStringList>

namespace migconsole {

namespace {

const QString kDefault = QStringLiteral("DEFAULT");

// configparser allows ten levels of %(key)s, and ten keys per level each naming the level
// below multiply to 10^10 characters: a hostile alembic.ini would exhaust memory. No real
// path list comes near this cap.
constexpr qsizetype kMaxInterpolatedChars = 1 << 16;

qsizetype firstNonSpace(QStringView line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (!line.at(i).isSpace())
            return i;
    }
    return 0;
}

} // namespace

AlembicIni AlembicIni::parse(const QString &text, const QString &here)
{
    AlembicIni ini;
    ini.m_defaults.insert(QStringLiteral("here"), Entry{here, 0});
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    const QStringList lines = normalized.split(u'\n');

    Section *current = nullptr;
    QString sectionName;
    QString option;
    QStringList optionLines;
    int optionLine = 0;
    qsizetype indentLevel = 0;
    QSet<QString> seenSections;
    QSet<QString> seenOptions;

    // Python joins a value's lines with "\n" and strips trailing blank lines.
    auto flush = [&] {
        if (current && !option.isEmpty()) {
            QString value = optionLines.join(u'\n');
            while (!value.isEmpty() && value.back().isSpace())
                value.chop(1);
            current->insert(option, Entry{value, optionLine});
        }
        option.clear();
        optionLines.clear();
    };

    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString &line = lines[n];
        const int lineNo = int(n + 1);
        const QString value = line.trimmed();
        const bool comment = value.startsWith(u'#') || value.startsWith(u';');
        if (value.isEmpty() || comment) {
            // Blank lines belong to a multi-line value (empty_lines_in_values); comments don't.
            if (!comment && current && !option.isEmpty())
                optionLines.append(QString());
            continue;
        }
        const qsizetype indent = firstNonSpace(line);
        if (current && !option.isEmpty() && indent > indentLevel) {
            optionLines.append(value);
            continue;
        }
        flush();
        indentLevel = indent;
        const qsizetype close = value.lastIndexOf(u']');
        if (value.startsWith(u'[') && close > 1) {
            sectionName = value.mid(1, close - 1);
            if (sectionName == kDefault) {
                current = &ini.m_defaults;
            } else {
                if (seenSections.contains(sectionName))
                    ini.m_problems.append(
                        {lineNo, QStringLiteral("section [%1] appears twice").arg(sectionName)});
                seenSections.insert(sectionName);
                current = &ini.m_sections[sectionName];
            }
            continue;
        }
        if (!current) {
            ini.m_problems.append({lineNo, QStringLiteral("a line before any [section] header")});
            continue;
        }
        const qsizetype eq = value.indexOf(u'=');
        const qsizetype colon = value.indexOf(u':');
        const qsizetype delim = eq < 0 ? colon : colon < 0 ? eq : std::min(eq, colon);
        if (delim <= 0) {
            ini.m_problems.append({lineNo, QStringLiteral("a line that is not `key = value`")});
            continue;
        }
        option = value.left(delim).trimmed().toLower();
        const QString key = sectionName + u'\x1f' + option;
        if (seenOptions.contains(key))
            ini.m_problems.append(
                {lineNo,
                 QStringLiteral("option '%1' appears twice in [%2]").arg(option, sectionName)});
        seenOptions.insert(key);
        optionLines = {value.mid(delim + 1).trimmed()};
        optionLine = lineNo;
    }
    flush();
    return ini;
}

const AlembicIni::Entry *AlembicIni::find(const QString &section, const QString &key) const
{
    const auto s = m_sections.constFind(section);
    if (s != m_sections.constEnd()) {
        const auto e = s->constFind(key);
        if (e != s->constEnd())
            return &*e;
    }
    const auto d = m_defaults.constFind(key);
    return d != m_defaults.constEnd() ? &*d : nullptr;
}

int AlembicIni::line(const QString &section, const QString &key) const
{
    const Entry *entry = find(section, key.toLower());
    return entry ? entry->line : 0;
}

bool AlembicIni::interpolate(const QString &section, const QString &raw, int depth, QString *out,
                             QString *error) const
{
    if (depth > 10) {
        *error = QStringLiteral("interpolation is nested too deeply (a %(key)s loop?)");
        return false;
    }
    qsizetype i = 0;
    while (i < raw.size()) {
        const qsizetype p = raw.indexOf(u'%', i);
        if (p < 0) {
            out->append(QStringView(raw).mid(i));
            break;
        }
        out->append(QStringView(raw).mid(i, p - i));
        const QChar c = p + 1 < raw.size() ? raw.at(p + 1) : QChar();
        if (c == u'%') {
            out->append(u'%');
            i = p + 2;
            continue;
        }
        const qsizetype close = c == u'(' ? raw.indexOf(u')', p + 2) : -1;
        if (close < 0 || close == p + 2 || close + 1 >= raw.size() || raw.at(close + 1) != u's') {
            *error =
                c == u'('
                    ? QStringLiteral("bad interpolation variable reference '%1'").arg(raw.mid(p))
                    : QStringLiteral("'%' must be followed by '%' or '(', found: '%1'")
                          .arg(raw.mid(p));
            return false;
        }
        const QString name = raw.mid(p + 2, close - p - 2).toLower();
        const Entry *entry = find(section, name);
        if (!entry) {
            *error =
                QStringLiteral("'%(%1)s' names no option of [%2] or [DEFAULT]").arg(name, section);
            return false;
        }
        if (entry->raw.contains(u'%')) {
            if (!interpolate(section, entry->raw, depth + 1, out, error))
                return false;
        } else {
            out->append(entry->raw);
        }
        if (out->size() > kMaxInterpolatedChars) {
            *error = QStringLiteral("the value expands to more than %1 characters (%(key)s "
                                    "references multiplying at each level?)")
                         .arg(kMaxInterpolatedChars);
            return false;
        }
        i = close + 2;
    }
    return true;
}

std::optional<QString> AlembicIni::value(const QString &section, const QString &key,
                                         QList<Problem> *problems) const
{
    const Entry *entry = find(section, key.toLower());
    if (!entry)
        return std::nullopt;
    QString out;
    QString error;
    if (!interpolate(section, entry->raw, 1, &out, &error)) {
        if (problems)
            problems->append({entry->line, QStringLiteral("%1: %2").arg(key, error)});
        return std::nullopt;
    }
    return out;
}

} // namespace migconsole
