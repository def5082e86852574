#include "util/ReadWholeFile.h"

#include <QFile>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace migconsole {

namespace {

QString tooLarge(qint64 size, qint64 maxBytes)
{
    const auto megabytes = [](qint64 bytes) { return QString::number(double(bytes) / (1 << 20), 'f', 1); };
    return QStringLiteral("the file is %1 MB, more than the %2 MB limit")
        .arg(megabytes(size), megabytes(maxBytes));
}

} // namespace

#ifdef Q_OS_UNIX

std::optional<QByteArray> readWholeFile(const QString &path, QString *error, qint64 maxBytes)
{
    const QByteArray name = QFile::encodeName(path);
    int fd = -1;
    do {
        fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        *error = qt_error_string(errno);
        return std::nullopt;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        *error = S_ISDIR(info.st_mode) ? qt_error_string(EISDIR) : qt_error_string(errno);
        ::close(fd);
        return std::nullopt;
    }
    if (maxBytes >= 0 && S_ISREG(info.st_mode) && qint64(info.st_size) > maxBytes) {
        *error = tooLarge(qint64(info.st_size), maxBytes);
        ::close(fd);
        return std::nullopt;
    }
    // The size from fstat is a hint: a file that is not regular (a pipe) or changes while
    // read is read until end of file all the same.
    QByteArray bytes;
    bytes.resize(qsizetype(info.st_size > 0 ? info.st_size : 64 * 1024));
    qsizetype total = 0;
    for (;;) {
        if (total == bytes.size()) {
            if (S_ISREG(info.st_mode) && total == qsizetype(info.st_size))
                break; // all of it: no read just to see end of file
            bytes.resize(bytes.size() * 2);
        }
        const ssize_t n = ::read(fd, bytes.data() + total, size_t(bytes.size() - total));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = qt_error_string(errno);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0)
            break;
        total += n;
        if (maxBytes >= 0 && total > maxBytes) { // grew while read, or not a regular file
            *error = tooLarge(total, maxBytes);
            ::close(fd);
            return std::nullopt;
        }
    }
    ::close(fd);
    bytes.truncate(total);
    return bytes;
}

#else

std::optional<QByteArray> readWholeFile(const QString &path, QString *error, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    if (maxBytes >= 0 && file.size() > maxBytes) {
        *error = tooLarge(file.size(), maxBytes);
        return std::nullopt;
    }
    return file.readAll();
}

#endif

} // namespace migconsole
