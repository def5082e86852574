#include "GuidanceView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace migconsole {

namespace {

QLabel *wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // names and messages are data, never markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

/// A small caption above each part ("What happened", "Usual remedy").
QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

} // namespace

QString GuidanceView::badgeText(RemedyKind kind)
{
    return remedyKindName(kind).toUpper();
}

QColor GuidanceView::badgeColour(RemedyKind kind)
{
    // Apart from the drift colours (missing red, mismatch amber, extra grey, fixed green), so
    // a badge never reads as a finding's state.
    switch (kind) {
    case RemedyKind::Upgrade:
        return QColor(0x1565c0);
    case RemedyKind::Stamp:
        return QColor(0x00695c);
    case RemedyKind::Fix:
        return QColor(0x4527a0);
    case RemedyKind::Investigate:
        return QColor(0x5d4037);
    case RemedyKind::Keep:
        return QColor(0x455a64);
    }
    return QColor(0x455a64);
}

GuidanceView::GuidanceView(QWidget *parent)
    : QFrame(parent), m_headline(wrappingLabel(this)), m_what(wrappingLabel(this)),
      m_badge(new QLabel(this)), m_remedy(wrappingLabel(this)), m_incident(wrappingLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette background = palette();
    background.setColor(QPalette::Window, background.color(QPalette::AlternateBase));
    setPalette(background);
    setAccessibleName(QStringLiteral("Guidance"));

    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);

    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setAlignment(Qt::AlignCenter);
    QFont badgeFont = m_badge->font();
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    m_badge->setFont(badgeFont);
    m_badge->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    QFont muted = m_incident->font();
    muted.setItalic(true);
    m_incident->setFont(muted);
    QPalette mutedPalette = m_incident->palette();
    mutedPalette.setColor(QPalette::WindowText, mutedPalette.color(QPalette::PlaceholderText));
    m_incident->setPalette(mutedPalette);

    auto *remedyRow = new QHBoxLayout;
    remedyRow->setContentsMargins(0, 0, 0, 0);
    remedyRow->setSpacing(6);
    remedyRow->addWidget(caption(QStringLiteral("Usual remedy"), this));
    remedyRow->addWidget(m_badge);
    remedyRow->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(3);
    layout->addWidget(caption(QStringLiteral("What happened"), this));
    layout->addWidget(m_headline);
    layout->addWidget(m_what);
    layout->addSpacing(4);
    layout->addLayout(remedyRow);
    layout->addWidget(m_remedy);
    layout->addSpacing(2);
    layout->addWidget(m_incident);
}

void GuidanceView::setGuidance(const Guidance &guidance)
{
    m_guidance = guidance;
    m_headline->setText(guidance.headline);
    m_what->setText(guidance.whatHappened);
    m_what->setVisible(!guidance.whatHappened.isEmpty());
    const QString word = badgeText(guidance.remedy);
    m_badge->setText(word);
    // A rounded badge: the word in white on the kind's colour (the word carries the meaning).
    m_badge->setStyleSheet(
        QStringLiteral("QLabel { color: white; background-color: %1; border-radius: 3px; "
                       "padding: 1px 6px; }")
            .arg(badgeColour(guidance.remedy).name()));
    m_badge->setAccessibleName(QStringLiteral("Usual remedy: ") + word);
    m_remedy->setText(guidance.remedyText);
    m_incident->setText(guidance.incident);
    m_incident->setVisible(!guidance.incident.isEmpty());
}

} // namespace migconsole
