#include "history/Revision.h"

namespace migconsole {

QString problemKindName(HistoryProblem::Kind kind)
{
    using K = HistoryProblem::Kind;
    switch (kind) {
    case K::Unparsable:
        return QStringLiteral("unparsable");
    case K::NoRevision:
        return QStringLiteral("no_revision");
    case K::DuplicateId:
        return QStringLiteral("duplicate_id");
    case K::MissingParent:
        return QStringLiteral("missing_parent");
    case K::Cycle:
        return QStringLiteral("cycle");
    case K::UnresolvedValue:
        return QStringLiteral("unresolved_value");
    case K::MultipleHeads:
        return QStringLiteral("multiple_heads");
    case K::UnknownVersion:
        return QStringLiteral("unknown_version");
    case K::Configuration:
        return QStringLiteral("configuration");
    }
    return {};
}

} // namespace migconsole
