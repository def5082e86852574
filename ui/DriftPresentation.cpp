#include "DriftPresentation.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace migconsole::drift {

namespace {

/// A 32 px round badge with one glyph: the severity is told by shape and letter, not only hue.
QIcon paintBadge(const QString &glyph, const QColor &colour)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour.darker(130), 2));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(2, 2, 28, 28));
    QFont font;
    font.setBold(true);
    font.setPixelSize(20);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRectF(2, 2, 28, 28), Qt::AlignCenter, glyph);
    return QIcon(pixmap);
}

} // namespace

DriftState stateOf(FindingKind kind)
{
    if (isMissingKind(kind))
        return DriftState::Missing;
    if (isExtraKind(kind))
        return DriftState::Extra;
    return DriftState::Mismatch; // type, nullability, default: present on both sides
}

QColor colour(DriftState state)
{
    // Dark enough to read as text on a light row, and on the alternate row colour.
    switch (state) {
    case DriftState::Missing:
        return QColor(0xc6, 0x28, 0x28);
    case DriftState::Mismatch:
        return QColor(0xb2, 0x6a, 0x00);
    case DriftState::Extra:
        return QColor(0x75, 0x75, 0x75);
    case DriftState::Fixed:
        return QColor(0x2e, 0x7d, 0x32);
    case DriftState::None:
        break;
    }
    return {};
}

QString marker(DriftState state)
{
    switch (state) {
    case DriftState::Missing:
        return QStringLiteral("✗ missing");
    case DriftState::Mismatch:
        return QStringLiteral("≠ mismatch");
    case DriftState::Extra:
        return QStringLiteral("+ extra");
    case DriftState::Fixed:
        return QStringLiteral("✓ fixed");
    case DriftState::None:
        break;
    }
    return {};
}

QColor severityColour(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return colour(DriftState::Missing);
    case Severity::Warning:
        return colour(DriftState::Mismatch);
    case Severity::Info:
        break;
    }
    return QColor(0x1565c0);
}

QIcon severityIcon(Severity severity)
{
    static QHash<int, QIcon> cache; // painted on first use: needs a QGuiApplication
    auto it = cache.find(int(severity));
    if (it == cache.end()) {
        const QString glyph = severity == Severity::Error     ? QStringLiteral("✗")
                              : severity == Severity::Warning ? QStringLiteral("!")
                                                              : QStringLiteral("i");
        it = cache.insert(int(severity), paintBadge(glyph, severityColour(severity)));
    }
    return *it;
}

QIcon warningIcon()
{
    return severityIcon(Severity::Warning);
}

QIcon badge(const QString &glyph, const QColor &colour)
{
    return paintBadge(glyph, colour);
}

QString objectPath(const Finding &finding)
{
    QString path = finding.schema.isEmpty() ? finding.table
                                            : finding.schema + QLatin1Char('.') + finding.table;
    if (findingObject(finding.kind) == FindingObject::Table)
        return path;
    const QString object = finding.object.isEmpty() ? finding.expected : finding.object;
    return object.isEmpty() ? path : path + QLatin1Char('.') + object;
}

QString locationText(const SourceLocation &location)
{
    if (location.file.isEmpty())
        return {};
    return location.line > 0 ? location.file + QLatin1Char(':') + QString::number(location.line)
                             : location.file;
}

QString originText(const std::optional<FindingOrigin> &origin)
{
    if (!origin)
        return {};
    const QString where = locationText(origin->location);
    if (where.isEmpty())
        return origin->revision;
    return origin->revision.isEmpty() ? where : origin->revision + QStringLiteral(" — ") + where;
}

QString stepStatusText(StepStatus status)
{
    switch (status) {
    case StepStatus::Done:
        return QStringLiteral("done");
    case StepStatus::WillApply:
        return QStringLiteral("will apply");
    case StepStatus::WillFail:
        return QStringLiteral("will fail");
    }
    return {};
}

QString stepObject(const PreflightStep &step)
{
    return step.objectName.isEmpty() ? step.table
                                     : step.table + QLatin1Char('.') + step.objectName;
}

bool isHalfApplied(const QList<PreflightStep> &revisionSteps)
{
    bool inPlace = false;
    bool notInPlace = false;
    for (const PreflightStep &step : revisionSteps) {
        if (step.status == StepStatus::Done || step.alreadyInPlace)
            inPlace = true;
        else
            notInPlace = true;
    }
    return inPlace && notInPlace;
}

QString summary(const QList<Finding> &findings, const QList<PreflightStep> &steps)
{
    int counts[3] = {0, 0, 0};
    for (const Finding &finding : findings)
        ++counts[int(finding.severity)];
    int failing = 0;
    for (const PreflightStep &step : steps)
        failing += step.status == StepStatus::WillFail ? 1 : 0;
    auto count = [](int n, const char *one, const char *many) {
        return n == 1 ? QStringLiteral("1 ") + QLatin1String(one)
                      : QString::number(n) + QLatin1Char(' ') + QLatin1String(many);
    };
    QStringList parts;
    if (counts[int(Severity::Error)] > 0)
        parts.append(count(counts[int(Severity::Error)], "error", "errors"));
    if (counts[int(Severity::Warning)] > 0)
        parts.append(count(counts[int(Severity::Warning)], "warning", "warnings"));
    if (counts[int(Severity::Info)] > 0)
        parts.append(count(counts[int(Severity::Info)], "note", "notes"));
    if (failing > 0)
        parts.append(count(failing, "pending step will fail", "pending steps will fail"));
    return parts.isEmpty() ? QStringLiteral("no drift") : parts.join(QStringLiteral(" · "));
}

} // namespace migconsole::drift
