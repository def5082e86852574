#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole {

/// What one sub-command accepts: options that take a value, flags that don't.
struct CommandSpec
{
    QString name;
    QStringList valueOptions;   ///< e.g. "--db", "--format"
    QStringList repeatableOptions; ///< value options that may be given several times
    QStringList flags;          ///< e.g. "--verbose"
    int maxPositionals = 0;
};

/// A parsed sub-command line. Accepts `--opt value` and `--opt=value`.
class CommandLine
{
public:
    /// Parses `arguments` (after the sub-command name); on failure `error` says what is wrong.
    static std::optional<CommandLine> parse(const CommandSpec &spec, const QStringList &arguments,
                                            QString *error);

    QString value(const QString &option, const QString &fallback = {}) const;
    QStringList values(const QString &option) const;
    bool has(const QString &option) const;
    const QStringList &positionals() const { return m_positionals; }

private:
    QHash<QString, QStringList> m_values;
    QSet<QString> m_flags;
    QStringList m_positionals;
};

} // namespace migconsole
