#pragma once

#include "fix/FixPlan.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QAction;

namespace migconsole {

struct CheckReportInput;
class DriftController;
class FixController;
class MainWindow;

/// Hands the current check to the team: Export report… (HTML, Markdown or JSON), Save as
/// PDF… and Print…. A report carries the fix plan, so when the plan shown is older than the
/// check (or there is none) it is planned first — read-only work, nothing is executed.
class ReportExporter : public QObject
{
    Q_OBJECT
public:
    enum class Format { Html, Markdown, Json, Pdf };

    ReportExporter(MainWindow *window, DriftController *drift, FixController *fix);

    QAction *exportAction() const { return m_export; }
    QAction *pdfAction() const { return m_pdf; }
    QAction *printAction() const { return m_print; }

    /// Writes the current check to `path`, planning the fixes first when needed. Ends in
    /// exported() or exportFailed(); returns at once.
    void exportTo(const QString &path, Format format);
    /// The format a file name asks for (by suffix); nullopt for an unknown one.
    static std::optional<Format> formatForPath(const QString &path);

    void showExportDialog();
    void showPdfDialog();
    void showPrintDialog();

signals:
    void exported(const QString &path);
    void exportFailed(const QString &message);

private:
    /// Calls `use` with the current check and a plan made from it (or none when it could
    /// not be made), now or once Preview fixes has answered.
    void withReport(std::function<void(const CheckReportInput &)> use);
    CheckReportInput input(const std::optional<FixPlan> &plan) const;
    void writeFile(const QString &path, Format format, const CheckReportInput &report);
    void updateActions();

    MainWindow *m_window;
    DriftController *m_drift;
    FixController *m_fix;
    QAction *m_export;
    QAction *m_pdf;
    QAction *m_print;
    bool m_planIsCurrent = false; // the fix controller's last plan was made from the last check
    std::function<void(const CheckReportInput &)> m_waiting; // for the plan being made
};

} // namespace migconsole
