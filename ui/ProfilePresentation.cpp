#include "ProfilePresentation.h"

namespace migconsole {

QColor profileTagColour(ProfileTag tag)
{
    switch (tag) {
    case ProfileTag::Production:
        return QColor(kProductionRed);
    case ProfileTag::Staging:
        return QColor(0xb2, 0x6a, 0x00);
    case ProfileTag::Test:
        return QColor(0x15, 0x65, 0xc0);
    case ProfileTag::Development:
        return QColor(0x2e, 0x7d, 0x32);
    case ProfileTag::None:
        break;
    }
    return {};
}

QString profileTagLabel(ProfileTag tag)
{
    // Production shouts: it is the one tag that must never be missed.
    return tag == ProfileTag::Production ? QStringLiteral("PRODUCTION") : profileTagName(tag);
}

} // namespace migconsole
