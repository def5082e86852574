// Fuzz target: alembic.ini as AlembicIni reads it (configparser rules, %(key)s
// interpolation). Every key the text seems to define is looked up in the section it sits
// in, plus the keys loadAlembicProject asks for, so interpolation runs on fuzzed values.

#include "FuzzSupport.h"

#include "history/AlembicIni.h"

#include <QStringList>

using namespace migconsole;

namespace {

struct Lookup
{
    QString section;
    QString key;
};

// A rough reading of the `[section]` / `key =` lines; it needs only to be close enough to
// point the lookups at the keys the input defines.
QList<Lookup> lookups(const QString &text)
{
    QList<Lookup> out;
    QString section = QStringLiteral("alembic");
    for (const char *key : {"script_location", "version_locations", "path_separator",
                            "version_path_separator", "prepend_sys_path",
                            "recursive_version_locations", "here"})
        out.append({section, QLatin1String(key)});
    for (const QString &raw : text.split(u'\n')) {
        const QString line = raw.trimmed();
        if (line.startsWith(u'[') && line.contains(u']')) {
            section = line.mid(1, line.lastIndexOf(u']') - 1);
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        const qsizetype colon = line.indexOf(u':');
        const qsizetype delimiter = equals < 0 ? colon : colon < 0 ? equals : std::min(equals, colon);
        if (delimiter > 0)
            out.append({section, line.left(delimiter).trimmed()});
        if (out.size() > 200)
            break;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::inputBytes(data, size));
    const int lines = fuzz::lineBound(text);
    const AlembicIni ini = AlembicIni::parse(text, QStringLiteral("/project"));
    for (const AlembicIni::Problem &p : ini.parseProblems()) {
        FUZZ_CHECK(p.line >= 1 && p.line <= lines);
        FUZZ_CHECK(!p.message.isEmpty());
    }
    for (const Lookup &lookup : lookups(text)) {
        QList<AlembicIni::Problem> problems;
        const std::optional<QString> value = ini.value(lookup.section, lookup.key, &problems);
        const int line = ini.line(lookup.section, lookup.key);
        FUZZ_CHECK(line >= 0 && line <= lines);
        if (value)
            FUZZ_CHECK(problems.isEmpty());
        for (const AlembicIni::Problem &p : std::as_const(problems)) {
            FUZZ_CHECK(p.line >= 0 && p.line <= lines);
            FUZZ_CHECK(!p.message.isEmpty());
        }
    }
    return 0;
}
