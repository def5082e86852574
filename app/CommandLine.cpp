#include "CommandLine.h"

namespace migconsole {

std::optional<CommandLine> CommandLine::parse(const CommandSpec &spec, const QStringList &arguments,
                                              QString *error)
{
    CommandLine line;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString argument = arguments.at(i);
        if (!argument.startsWith(QLatin1String("--")) || argument == QLatin1String("--")) {
            line.m_positionals.append(argument);
            if (line.m_positionals.size() > spec.maxPositionals) {
                *error = QStringLiteral("unexpected argument '%1'").arg(argument);
                return std::nullopt;
            }
            continue;
        }
        QString inlineValue;
        bool hasInlineValue = false;
        if (const qsizetype eq = argument.indexOf(QLatin1Char('=')); eq > 0) {
            inlineValue = argument.mid(eq + 1);
            argument.truncate(eq);
            hasInlineValue = true;
        }
        if (spec.flags.contains(argument)) {
            if (hasInlineValue) {
                *error = QStringLiteral("%1 takes no value").arg(argument);
                return std::nullopt;
            }
            line.m_flags.insert(argument);
        } else if (spec.valueOptions.contains(argument)) {
            QString value = inlineValue;
            if (!hasInlineValue) {
                if (i + 1 >= arguments.size()) {
                    *error = QStringLiteral("%1 needs a value").arg(argument);
                    return std::nullopt;
                }
                value = arguments.at(++i);
            }
            QStringList &slot = line.m_values[argument];
            if (!slot.isEmpty() && !spec.repeatableOptions.contains(argument)) {
                *error = QStringLiteral("%1 given more than once").arg(argument);
                return std::nullopt;
            }
            slot.append(value);
        } else {
            QStringList known = spec.valueOptions + spec.flags;
            known.sort();
            *error = QStringLiteral("unknown option '%1' (%2 accepts: %3)")
                         .arg(argument, spec.name, known.join(QStringLiteral(" ")));
            return std::nullopt;
        }
    }
    return line;
}

QString CommandLine::value(const QString &option, const QString &fallback) const
{
    const auto it = m_values.constFind(option);
    return it == m_values.constEnd() || it->isEmpty() ? fallback : it->constLast();
}

QStringList CommandLine::values(const QString &option) const { return m_values.value(option); }

bool CommandLine::has(const QString &option) const
{
    return m_flags.contains(option) || m_values.contains(option);
}

} // namespace migconsole
