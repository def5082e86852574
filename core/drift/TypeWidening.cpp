#include "drift/TypeWidening.h"

#include <QStringList>

#include <utility>

namespace migconsole::drift {

namespace {

/// "varchar(64)" → {"varchar", "64"}; no modifier → {"varchar", ""}.
std::pair<QString, QStringList> splitType(const QString &type)
{
    const qsizetype open = type.indexOf(QLatin1Char('('));
    if (open < 0 || !type.endsWith(QLatin1Char(')')))
        return {type, {}};
    return {type.left(open), type.mid(open + 1, type.size() - open - 2).split(QLatin1Char(','))};
}

} // namespace

bool isTypeWidening(const QString &actualType, const QString &expectedType)
{
    static const QStringList integers = {QStringLiteral("smallint"), QStringLiteral("integer"),
                                         QStringLiteral("bigint")};
    const auto [from, fromMod] = splitType(actualType);
    const auto [to, toMod] = splitType(expectedType);
    if (integers.contains(from) && integers.contains(to))
        return integers.indexOf(to) > integers.indexOf(from);
    if (from == QLatin1String("real") && to == QLatin1String("double precision"))
        return true;
    if (from == QLatin1String("varchar")) {
        if (to == QLatin1String("text") || (to == QLatin1String("varchar") && toMod.isEmpty()))
            return true;
        return to == QLatin1String("varchar") && !fromMod.isEmpty() &&
               toMod.value(0).toInt() >= fromMod.value(0).toInt();
    }
    if (from == QLatin1String("numeric") && to == QLatin1String("numeric") && !fromMod.isEmpty()) {
        if (toMod.isEmpty())
            return true; // unbounded numeric holds every value
        const int fromScale = fromMod.value(1).toInt();
        const int toScale = toMod.value(1).toInt();
        return toScale >= fromScale &&
               toMod.value(0).toInt() - toScale >= fromMod.value(0).toInt() - fromScale;
    }
    return false;
}

} // namespace migconsole::drift
