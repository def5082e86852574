#pragma once

#include "profile/ConnectionProfile.h"

#include <QColor>
#include <QString>

namespace migconsole {

/// Production's red: the toolbar band, the status bar band, the profile chip and the
/// confirmation dialog all use this one colour (SCREENS.md).
inline const QString kProductionRed = QStringLiteral("#c62828");

/// The colour of a profile tag wherever it is shown (chip, list entry, title badge);
/// invalid for ProfileTag::None.
QColor profileTagColour(ProfileTag tag);
/// "PRODUCTION", "staging", …: the word shown with the colour (never colour alone).
QString profileTagLabel(ProfileTag tag);

} // namespace migconsole
