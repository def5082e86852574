#pragma once

#include "util/Error.h"

#include <QFrame>

class QLabel;

namespace migconsole {

/// The inline error strip above the schema tree: what happened in plain words, the driver's
/// own text below it, and Dismiss. Never a blocking dialog (SCREENS.md).
class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    void showError(const migconsole::Error &error);
    /// Hides the banner and forgets its text.
    void dismiss();
    /// Message and detail, one per line; empty while hidden.
    QString text() const;

private:
    QLabel *m_text;
    QLabel *m_detail;
};

} // namespace migconsole
