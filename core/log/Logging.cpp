#include "log/Logging.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace migconsole {

namespace {

void forwardQtMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const std::string text = message.toStdString();
    // The offscreen platform (tests, screenshots) warns on every top-level resize; that is
    // noise, not news, and it would drown the log pane.
    if (type == QtWarningMsg && message.startsWith(QLatin1String("This plugin does not support"))) {
        spdlog::debug("qt: {}", text);
        return;
    }
    switch (type) {
    case QtDebugMsg:
        spdlog::debug("qt: {}", text);
        break;
    case QtInfoMsg:
        spdlog::info("qt: {}", text);
        break;
    case QtWarningMsg:
        spdlog::warn("qt: {}", text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        spdlog::error("qt: {}", text);
        break;
    }
}

class SignalSink : public spdlog::sinks::base_sink<std::mutex>
{
public:
    explicit SignalSink(LogSignalRelay *relay) : m_relay(relay) {}

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        QString text = QString::fromUtf8(formatted.data(), qsizetype(formatted.size()));
        emit m_relay->messageLogged(int(msg.level), text.trimmed());
    }
    void flush_() override {}

private:
    LogSignalRelay *m_relay;
};

} // namespace

void setupLogging(spdlog::level::level_enum level)
{
    static std::once_flag once;
    std::call_once(once, [] {
        auto logger = spdlog::stderr_color_mt("migconsole");
        logger->set_pattern("%H:%M:%S.%e %^%l%$ %v");
        spdlog::set_default_logger(logger);
        qInstallMessageHandler(forwardQtMessage);
    });
    spdlog::set_level(level);
}

LogSignalRelay *LogSignalRelay::install()
{
    auto *relay = new LogSignalRelay; // deliberately never deleted: the sink outlives windows
    auto sink = std::make_shared<SignalSink>(relay);
    sink->set_pattern("%H:%M:%S %l %v");
    spdlog::default_logger()->sinks().push_back(sink);
    return relay;
}

} // namespace migconsole
