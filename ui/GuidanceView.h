#pragma once

#include "drift/Guidance.h"

#include <QColor>
#include <QFrame>

class QLabel;

namespace migconsole {

/// One piece of guidance on screen: "What happened" (the headline in bold, then the
/// explanation), "Usual remedy" with a badge naming the remedy kind in words (UPGRADE, STAMP,
/// FIX, INVESTIGATE, KEEP — the word, not only its colour) and what to do, and the matching
/// incident in a muted line. Every text is shown as plain text, never as markup.
class GuidanceView : public QFrame
{
    Q_OBJECT
public:
    explicit GuidanceView(QWidget *parent = nullptr);

    void setGuidance(const migconsole::Guidance &guidance);
    const Guidance &guidance() const { return m_guidance; }

    /// "UPGRADE", "STAMP", …: the badge's word for a remedy kind.
    static QString badgeText(RemedyKind kind);
    /// The badge's colour (a second cue beside the word).
    static QColor badgeColour(RemedyKind kind);

    QLabel *headlineLabel() const { return m_headline; }
    QLabel *badgeLabel() const { return m_badge; }
    QLabel *remedyLabel() const { return m_remedy; }
    QLabel *incidentLabel() const { return m_incident; }

private:
    Guidance m_guidance;
    QLabel *m_headline;
    QLabel *m_what;
    QLabel *m_badge;
    QLabel *m_remedy;
    QLabel *m_incident;
};

} // namespace migconsole
