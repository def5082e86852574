#include "drift/Finding.h"

#include <QJsonObject>

#include <array>
#include <tuple>

namespace migconsole {

namespace {

struct KindInfo
{
    FindingKind kind;
    const char *name;
    FindingObject object;
    Severity severity;
};

// The one table of finding kinds: their JSON names, object keys and severities.
constexpr std::array<KindInfo, 14> kKinds = {{
    {FindingKind::MissingTable, "missing_table", FindingObject::Table, Severity::Error},
    {FindingKind::MissingColumn, "missing_column", FindingObject::Column, Severity::Error},
    {FindingKind::MissingIndex, "missing_index", FindingObject::Index, Severity::Error},
    {FindingKind::MissingForeignKey, "missing_foreign_key", FindingObject::Constraint,
     Severity::Error},
    {FindingKind::MissingUnique, "missing_unique", FindingObject::Constraint, Severity::Error},
    {FindingKind::MissingCheck, "missing_check", FindingObject::Constraint, Severity::Error},
    {FindingKind::MissingPrimaryKey, "missing_primary_key", FindingObject::Constraint,
     Severity::Error},
    {FindingKind::TypeMismatch, "type_mismatch", FindingObject::Column, Severity::Error},
    {FindingKind::NullabilityMismatch, "nullability_mismatch", FindingObject::Column,
     Severity::Warning},
    {FindingKind::DefaultMismatch, "default_mismatch", FindingObject::Column, Severity::Warning},
    {FindingKind::ExtraTable, "extra_table", FindingObject::Table, Severity::Info},
    {FindingKind::ExtraColumn, "extra_column", FindingObject::Column, Severity::Info},
    {FindingKind::ExtraIndex, "extra_index", FindingObject::Index, Severity::Info},
    {FindingKind::ExtraForeignKey, "extra_foreign_key", FindingObject::Constraint,
     Severity::Info},
}};

const KindInfo &info(FindingKind kind)
{
    return kKinds[static_cast<size_t>(kind)];
}

constexpr std::array<const char *, 3> kSeverities = {"error", "warning", "info"};

bool isMismatch(FindingKind kind)
{
    return kind == FindingKind::TypeMismatch || kind == FindingKind::NullabilityMismatch ||
           kind == FindingKind::DefaultMismatch;
}

} // namespace

QList<FindingKind> allFindingKinds()
{
    QList<FindingKind> kinds;
    for (const KindInfo &k : kKinds)
        kinds.append(k.kind);
    return kinds;
}

QString findingKindName(FindingKind kind)
{
    return QString::fromLatin1(info(kind).name);
}

std::optional<FindingKind> findingKindFromName(const QString &name)
{
    for (const KindInfo &k : kKinds) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

FindingObject findingObject(FindingKind kind)
{
    return info(kind).object;
}

bool isMissingKind(FindingKind kind)
{
    switch (kind) {
    case FindingKind::MissingTable:
    case FindingKind::MissingColumn:
    case FindingKind::MissingIndex:
    case FindingKind::MissingForeignKey:
    case FindingKind::MissingUnique:
    case FindingKind::MissingCheck:
    case FindingKind::MissingPrimaryKey:
        return true;
    default:
        return false;
    }
}

bool isExtraKind(FindingKind kind)
{
    return kind == FindingKind::ExtraTable || kind == FindingKind::ExtraColumn ||
           kind == FindingKind::ExtraIndex || kind == FindingKind::ExtraForeignKey;
}

bool isMismatchKind(FindingKind kind)
{
    return !isMissingKind(kind) && !isExtraKind(kind);
}

Severity defaultSeverity(FindingKind kind)
{
    return info(kind).severity;
}

QString severityName(Severity severity)
{
    return QString::fromLatin1(kSeverities[static_cast<size_t>(severity)]);
}

std::optional<Severity> severityFromName(const QString &name)
{
    for (size_t i = 0; i < kSeverities.size(); ++i) {
        if (name == QLatin1String(kSeverities[i]))
            return static_cast<Severity>(i);
    }
    return std::nullopt;
}

QJsonObject findingToJson(const Finding &finding)
{
    QJsonObject json;
    json.insert(QStringLiteral("kind"), findingKindName(finding.kind));
    json.insert(QStringLiteral("schema"), finding.schema);
    json.insert(QStringLiteral("table"), finding.table);
    if (!finding.object.isEmpty()) {
        switch (findingObject(finding.kind)) {
        case FindingObject::Column:
            json.insert(QStringLiteral("column"), finding.object);
            break;
        case FindingObject::Index:
            json.insert(QStringLiteral("index"), finding.object);
            break;
        case FindingObject::Constraint:
            json.insert(QStringLiteral("constraint"), finding.object);
            break;
        case FindingObject::Table:
            break;
        }
    }
    // A mismatch always shows both sides ("" = no default); elsewhere an empty text
    // means the kind has nothing to say there.
    const bool both = isMismatch(finding.kind);
    if (both || !finding.expected.isEmpty())
        json.insert(QStringLiteral("expected"), finding.expected);
    if (both || !finding.actual.isEmpty())
        json.insert(QStringLiteral("actual"), finding.actual);
    json.insert(QStringLiteral("severity"), severityName(finding.severity));
    json.insert(QStringLiteral("fixable"), finding.fixable);
    if (finding.origin) {
        QJsonObject origin;
        if (!finding.origin->revision.isEmpty())
            origin.insert(QStringLiteral("revision"), finding.origin->revision);
        if (!finding.origin->location.file.isEmpty())
            origin.insert(QStringLiteral("file"), finding.origin->location.file);
        if (finding.origin->location.line > 0)
            origin.insert(QStringLiteral("line"), finding.origin->location.line);
        json.insert(QStringLiteral("origin"), origin);
    }
    return json;
}

bool findingLessThan(const Finding &a, const Finding &b)
{
    return std::forward_as_tuple(a.schema, a.table, a.kind, a.object, a.expected) <
           std::forward_as_tuple(b.schema, b.table, b.kind, b.object, b.expected);
}

} // namespace migconsole
