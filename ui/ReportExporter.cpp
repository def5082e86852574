#include "ReportExporter.h"

#include "DriftController.h"
#include "FixController.h"
#include "MainWindow.h"
#include "report/CheckReport.h"

#include <QAction>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPrintDialog>
#include <QPrinter>
#include <QSaveFile>
#include <QStatusBar>
#include <QStyle>
#include <QTextDocument>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

void printHtml(const QString &html, QPrinter *printer)
{
    QTextDocument document;
    document.setHtml(html);
    document.print(printer);
}

} // namespace

ReportExporter::ReportExporter(MainWindow *window, DriftController *drift, FixController *fix)
    : QObject(window), m_window(window), m_drift(drift), m_fix(fix),
      m_export(new QAction(QStringLiteral("Export report…"), window)),
      m_pdf(new QAction(QStringLiteral("Save report as PDF…"), window)),
      m_print(new QAction(QStringLiteral("Print report…"), window))
{
    m_export->setIcon(window->style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setToolTip(QStringLiteral("Save the current check — summary, history, findings, "
                                        "preflight and fix plan — as HTML, Markdown or JSON (Ctrl+E)"));
    m_pdf->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_print->setShortcut(QKeySequence::Print);
    connect(m_export, &QAction::triggered, this, &ReportExporter::showExportDialog);
    connect(m_pdf, &QAction::triggered, this, &ReportExporter::showPdfDialog);
    connect(m_print, &QAction::triggered, this, &ReportExporter::showPrintDialog);

    connect(drift, &DriftController::driftChecked, this, [this] {
        m_planIsCurrent = false;
        updateActions();
    });
    connect(fix, &FixController::fixPrepared, this, [this] {
        m_planIsCurrent = true; // its check was shown (driftChecked) just before this
        if (auto use = std::exchange(m_waiting, nullptr))
            use(input(m_fix->lastPreparation() ? std::optional(m_fix->lastPreparation()->plan)
                                               : std::nullopt));
    });
    connect(fix, &FixController::fixFailed, this, [this](const QString &message) {
        if (auto use = std::exchange(m_waiting, nullptr)) {
            spdlog::warn("report: exported without a fix plan: {}", message.toStdString());
            use(input(std::nullopt));
        }
    });
    connect(window, &MainWindow::connectionOpened, this, [this] {
        m_planIsCurrent = false;
        m_waiting = nullptr;
        updateActions();
    });
    updateActions();
}

void ReportExporter::updateActions()
{
    const bool haveCheck = m_drift->lastReport().has_value();
    for (QAction *action : {m_export, m_pdf, m_print}) {
        action->setEnabled(haveCheck);
        action->setStatusTip(haveCheck ? QString()
                                       : QStringLiteral("Open a database and its migrations first"));
    }
}

std::optional<ReportExporter::Format> ReportExporter::formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return Format::Html;
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return Format::Markdown;
    if (suffix == QLatin1String("json"))
        return Format::Json;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

CheckReportInput ReportExporter::input(const std::optional<FixPlan> &plan) const
{
    CheckReportInput report;
    report.report = *m_drift->lastReport();
    report.plan = plan;
    // With its UTC offset: a report read in another time zone must not mislead.
    const QDateTime now = QDateTime::currentDateTime();
    report.generatedAt = now.toOffsetFromUtc(now.offsetFromUtc()).toString(Qt::ISODate);
    report.profileName = m_window->profile() ? m_window->profile()->name : QString();
    report.readOnly = m_fix->isReadOnly();
    report.production = m_window->connectionSettings().production;
    report.toolVersion = QStringLiteral("migconsole " MIGCONSOLE_VERSION);
    return report;
}

void ReportExporter::withReport(std::function<void(const CheckReportInput &)> use)
{
    if (!m_drift->lastReport()) {
        emit exportFailed(QStringLiteral("There is no check to report yet: open a database and its "
                                         "migrations first"));
        return;
    }
    if (m_planIsCurrent && m_fix->lastPreparation()) {
        use(input(m_fix->lastPreparation()->plan));
        return;
    }
    if (!m_fix->previewAction()->isEnabled()) { // busy, or nothing a plan could be made from
        use(input(std::nullopt));
        return;
    }
    m_waiting = std::move(use);
    m_window->statusBar()->showMessage(QStringLiteral("Planning the fixes for the report…"));
    m_fix->previewFixes();
}

void ReportExporter::exportTo(const QString &path, Format format)
{
    withReport([this, path, format](const CheckReportInput &report) { writeFile(path, format, report); });
}

void ReportExporter::writeFile(const QString &path, Format format, const CheckReportInput &report)
{
    if (format == Format::Pdf) {
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(path);
        printer.setDocName(QStringLiteral("Migration Console report"));
        printHtml(checkReportToHtml(report), &printer);
        if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
            emit exportFailed(QStringLiteral("Could not write the PDF %1").arg(path));
            return;
        }
    } else {
        QByteArray bytes;
        switch (format) {
        case Format::Html:
            bytes = checkReportToHtml(report).toUtf8();
            break;
        case Format::Markdown:
            bytes = checkReportToMarkdown(report).toUtf8();
            break;
        case Format::Json:
            bytes = QJsonDocument(checkReportToJson(report)).toJson(QJsonDocument::Indented);
            break;
        case Format::Pdf:
            break;
        }
        // All or nothing: a half-written report must not replace a good one.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            emit exportFailed(QStringLiteral("Could not write %1: %2").arg(path, file.errorString()));
            return;
        }
    }
    spdlog::info("report: wrote {}", path.toStdString());
    m_window->statusBar()->showMessage(QStringLiteral("Report written to %1").arg(path), 10000);
    emit exported(path);
}

void ReportExporter::showExportDialog()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        m_window, QStringLiteral("Export the check report"), QStringLiteral("migration-report.html"),
        QStringLiteral("HTML report (*.html);;Markdown (*.md);;JSON (*.json)"), &selected);
    if (path.isEmpty())
        return;
    QString target = path;
    auto format = formatForPath(target);
    if (!format || *format == Format::Pdf) { // no suffix typed: the chosen filter decides
        format = selected.contains(QLatin1String("*.md"))     ? Format::Markdown
                 : selected.contains(QLatin1String("*.json")) ? Format::Json
                                                              : Format::Html;
        target += *format == Format::Markdown ? QStringLiteral(".md")
                  : *format == Format::Json   ? QStringLiteral(".json")
                                              : QStringLiteral(".html");
    }
    exportTo(target, *format);
}

void ReportExporter::showPdfDialog()
{
    QString path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Save the check report as PDF"),
                                                QStringLiteral("migration-report.pdf"),
                                                QStringLiteral("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    exportTo(path, Format::Pdf);
}

void ReportExporter::showPrintDialog()
{
    withReport([this](const CheckReportInput &report) {
        QPrinter printer(QPrinter::HighResolution);
        QPrintDialog dialog(&printer, m_window);
        dialog.setWindowTitle(QStringLiteral("Print the check report"));
        if (dialog.exec() != QDialog::Accepted)
            return;
        printHtml(checkReportToHtml(report), &printer);
        spdlog::info("report: printed");
    });
}

} // namespace migconsole
