#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace migconsole {

/// An .ini file read the way Python's configparser.ConfigParser reads alembic.ini: `[section]`
/// headers, `key = value` or `key: value` (keys lower-cased), `#`/`;` comment lines (no
/// inline comments: `a = b # c` keeps the `# c`), indented continuation lines joined with
/// "\n", a [DEFAULT] section, and BasicInterpolation (`%(key)s`, `%%`) with the `here`
/// default Alembic adds (the ini's folder).
class AlembicIni
{
public:
    struct Problem
    {
        int line = 0;
        QString message;
    };

    static AlembicIni parse(const QString &text, const QString &here);

    bool hasSection(const QString &section) const { return m_sections.contains(section); }

    /// The interpolated value; nullopt when absent. Interpolation errors (unknown key,
    /// lone '%', too deep) are appended to `problems` and give nullopt, as Python raises.
    std::optional<QString> value(const QString &section, const QString &key,
                                 QList<Problem> *problems) const;
    /// Line of `key` in `section` (0 when absent), for problem locations.
    int line(const QString &section, const QString &key) const;

    /// Lines Python would refuse (no section header, no `=`, duplicates).
    const QList<Problem> &parseProblems() const { return m_problems; }

private:
    struct Entry
    {
        QString raw;
        int line = 0;
    };
    using Section = QHash<QString, Entry>;

    const Entry *find(const QString &section, const QString &key) const;
    bool interpolate(const QString &section, const QString &raw, int depth, QString *out,
                     QString *error) const;

    QHash<QString, Section> m_sections;
    Section m_defaults;
    QList<Problem> m_problems;
};

} // namespace migconsole
