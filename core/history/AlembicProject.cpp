#include "history/AlembicProject.h"

#include "history/AlembicIni.h"
#include "history/PythonLiteral.h"
#include "history/PythonSource.h"
#include "util/ParallelMap.h"
#include "util/ReadWholeFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace migconsole {

namespace {

using Kind = HistoryProblem::Kind;

HistoryProblem problem(Kind kind, const QString &file, int line, const QString &message)
{
    return HistoryProblem{kind, SourceLocation{file, line}, message};
}

// Alembic's `doc`: the docstring stripped, cut at the first blank line ("\n\n" exactly);
// we then join that paragraph's lines into the one line a list can show.
QString firstParagraph(const QString &docstring)
{
    const QString doc = docstring.trimmed();
    const qsizetype cut = doc.indexOf(QStringLiteral("\n\n"));
    const QString paragraph = cut < 0 ? doc : doc.left(cut);
    QStringList lines;
    for (const QString &line : paragraph.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            lines.append(trimmed);
    }
    return lines.join(u' ');
}

QString createDate(const QString &docstring)
{
    static const QLatin1String key("Create Date:");
    for (const QString &line : docstring.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(key))
            return trimmed.mid(key.size()).trimmed();
    }
    return {};
}

// Alembic's legacy fallback (script/base.py `_legacy_rev`): a file without `revision`
// whose whole name is lower-case hex + ".py" takes its id from the name.
QString legacyRevisionFromName(const QString &relativeFile)
{
    const QString name = QFileInfo(relativeFile).fileName();
    if (!name.endsWith(QLatin1String(".py")) || name.size() <= 3)
        return {};
    const QStringView stem = QStringView(name).left(name.size() - 3);
    for (QChar c : stem) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return {};
    }
    return stem.toString();
}

// down_revision / branch_labels / depends_on, as `util.to_tuple` sees them; items we
// cannot evaluate become warnings and are left out.
QStringList readIds(const PyModuleSummary &module, const char *name, const QString &file,
                    QList<HistoryProblem> *problems)
{
    const PyAssignment *a = module.lastAssignment(QLatin1String(name));
    if (!a)
        return {};
    QStringList unresolved;
    QStringList ids = pyValueStrings(a->value, &unresolved);
    ids.removeAll(QString()); // "" is falsy to Alembic: no id
    for (const QString &item : std::as_const(unresolved))
        problems->append(problem(Kind::UnresolvedValue, file, a->line,
                                 QStringLiteral("%1 holds %2, which cannot be read without "
                                                "running Python; it is left out")
                                     .arg(QLatin1String(name), item)));
    return ids;
}

} // namespace

ScriptReadResult readRevisionScript(const QString &text, const QString &relativeFile)
{
    ScriptReadResult result;
    const PyModuleSummary module = summarizePythonModule(text);
    if (!module.errors.isEmpty()) {
        const PyTokenError &e = module.errors.first();
        result.problems.append(problem(Kind::Unparsable, relativeFile, e.line,
                                       QStringLiteral("not valid Python: %1").arg(e.message)));
    }
    Revision revision;
    revision.location = SourceLocation{relativeFile, 0};
    if (const PyAssignment *a = module.lastAssignment(QStringLiteral("revision"))) {
        revision.location.line = a->line;
        if (a->value.kind == PyValue::Kind::String && !a->value.text.isEmpty()) {
            revision.id = a->value.text;
        } else if (a->value.kind == PyValue::Kind::Unresolved) {
            result.problems.append(problem(
                Kind::UnresolvedValue, relativeFile, a->line,
                QStringLiteral("revision = %1 cannot be read without running Python; the file "
                               "is skipped")
                    .arg(a->value.text)));
            return result;
        } else {
            result.problems.append(problem(Kind::NoRevision, relativeFile, a->line,
                                           QStringLiteral("revision is not a non-empty string")));
            return result;
        }
    } else {
        revision.id = legacyRevisionFromName(relativeFile);
        if (revision.id.isEmpty()) {
            // A file Python cannot even parse has already been reported once.
            if (module.errors.isEmpty())
                result.problems.append(problem(
                    Kind::NoRevision, relativeFile, 1,
                    QStringLiteral("no `revision = ...` variable; Alembic refuses to load a "
                                   "script without one")));
            return result;
        }
    }
    QStringList illegal;
    for (const char *c : {"@", "-", "+"}) {
        if (revision.id.contains(QLatin1String(c)))
            illegal.append(QLatin1String(c));
    }
    if (!illegal.isEmpty())
        result.problems.append(
            problem(Kind::Unparsable, relativeFile, revision.location.line,
                    QStringLiteral("Character(s) '%1' not allowed in revision identifier '%2'")
                        .arg(illegal.join(QStringLiteral(", ")), revision.id)));

    if (!module.lastAssignment(QStringLiteral("down_revision")))
        result.problems.append(problem(
            Kind::UnresolvedValue, relativeFile, revision.location.line,
            QStringLiteral("no `down_revision = ...` variable (Alembic fails on this file); "
                           "read as a base")));
    revision.downRevisions = readIds(module, "down_revision", relativeFile, &result.problems);
    revision.branchLabels = readIds(module, "branch_labels", relativeFile, &result.problems);
    revision.dependsOn = readIds(module, "depends_on", relativeFile, &result.problems);
    if (module.docstring) {
        revision.message = firstParagraph(*module.docstring);
        revision.createDate = createDate(*module.docstring);
    }
    result.revision = std::move(revision);
    return result;
}

namespace {

class ProjectLoader
{
public:
    explicit ProjectLoader(AlembicProject &project) : m_p(project) {}

    void setRoot(const QString &root)
    {
        m_p.root = root;
        m_rootDir = QDir(root);
    }

    QString relative(const QString &absolute) const { return m_rootDir.relativeFilePath(absolute); }

    void configProblem(const QString &file, int line, const QString &message)
    {
        m_p.problems.append(problem(Kind::Configuration, file, line, message));
    }

    // script_location / version_locations entries: absolute, `package:sub/dir` (Alembic's
    // resource form, looked up beside the ini and in prepend_sys_path), or relative —
    // which Alembic takes from the working directory and we take from the ini's folder.
    QString resolveLocation(const QString &value, const QStringList &sysPaths, int line)
    {
        if (QDir::isAbsolutePath(value))
            return QDir::cleanPath(value);
        if (!value.contains(u':'))
            return QDir::cleanPath(QDir(m_p.root).absoluteFilePath(value));
        QStringList parts = value.split(u':');
        const QString package = parts.takeFirst().replace(u'.', u'/');
        const QString sub = parts.join(u'/');
        for (const QString &base : QStringList{m_p.root} + sysPaths) {
            const QString candidate =
                QDir::cleanPath(QDir(base).absoluteFilePath(package) + u'/' + sub);
            if (QFileInfo(candidate).isDir())
                return candidate;
        }
        configProblem(relative(m_p.iniPath), line,
                      QStringLiteral("'%1' names a Python package resource, and no folder "
                                     "%2/%3 was found beside the ini or in prepend_sys_path")
                          .arg(value, package, sub));
        return {};
    }

    QStringList splitPaths(const QString &value, const std::optional<QString> &separator,
                           bool legacyColon, int line)
    {
        QString sep;
        if (separator) {
            static const QHash<QString, QString> names{
                {QStringLiteral("space"), QStringLiteral(" ")},
                {QStringLiteral("newline"), QStringLiteral("\n")},
                {QStringLiteral("os"), QStringLiteral(":")},
                {QStringLiteral(":"), QStringLiteral(":")},
                {QStringLiteral(";"), QStringLiteral(";")}};
            sep = names.value(*separator);
            if (sep.isEmpty())
                configProblem(relative(m_p.iniPath), line,
                              QStringLiteral("'%1' is not a valid path separator; expected "
                                             "'space', 'newline', 'os', ':', ';'")
                                  .arg(*separator));
        }
        QStringList out;
        if (!sep.isEmpty()) {
            for (const QString &part : value.split(sep))
                if (!part.trimmed().isEmpty())
                    out.append(part.trimmed());
            return out;
        }
        // Legacy rule (no separator key): split on commas and runs of spaces (and colons
        // for prepend_sys_path), nothing else — not on tabs or newlines.
        QString current;
        for (QChar c : value) {
            if (c == u',' || c == u' ' || (legacyColon && c == u':')) {
                if (!current.isEmpty())
                    out.append(current);
                current.clear();
            } else {
                current += c;
            }
        }
        if (!current.isEmpty())
            out.append(current);
        return out;
    }

    std::optional<Error> configureFromIni(QString *scriptDir)
    {
        QFile file(m_p.iniPath);
        if (!file.open(QIODevice::ReadOnly))
            return Error{ErrorCode::BadInput, QStringLiteral("cannot read %1").arg(m_p.iniPath),
                         file.errorString()};
        const AlembicIni ini = AlembicIni::parse(QString::fromUtf8(file.readAll()), m_p.root);
        const QString iniRel = relative(m_p.iniPath);
        for (const AlembicIni::Problem &p : ini.parseProblems())
            configProblem(iniRel, p.line, p.message);
        const QString section = QStringLiteral("alembic");
        if (!ini.hasSection(section))
            return Error{ErrorCode::BadInput,
                         QStringLiteral("%1 has no [alembic] section").arg(m_p.iniPath),
                         {}};
        QList<AlembicIni::Problem> valueProblems;
        auto value = [&](const char *key) {
            return ini.value(section, QLatin1String(key), &valueProblems);
        };
        auto line = [&](const char *key) { return ini.line(section, QLatin1String(key)); };

        const auto pathSeparator = value("path_separator");
        const auto separator = pathSeparator ? pathSeparator : value("version_path_separator");
        QStringList sysPaths;
        if (const auto prepend = value("prepend_sys_path")) {
            for (const QString &p :
                 splitPaths(*prepend, pathSeparator, true, line("prepend_sys_path")))
                sysPaths.append(QDir::cleanPath(QDir(m_p.root).absoluteFilePath(p)));
        }
        const auto scriptLocation = value("script_location");
        if (scriptLocation && !scriptLocation->isEmpty()) {
            *scriptDir = resolveLocation(*scriptLocation, sysPaths, line("script_location"));
            if (!scriptDir->isEmpty() && !QFileInfo(*scriptDir).isDir()) {
                configProblem(iniRel, line("script_location"),
                              QStringLiteral("script_location %1 does not exist").arg(*scriptDir));
                scriptDir->clear();
            }
        } else if (valueProblems.isEmpty()) {
            return Error{ErrorCode::BadInput,
                         QStringLiteral("No 'script_location' key found in %1").arg(m_p.iniPath),
                         {}};
        }
        if (const auto locations = value("version_locations"); locations && !locations->isEmpty()) {
            for (const QString &entry :
                 splitPaths(*locations, separator, false, line("version_locations"))) {
                const QString resolved =
                    resolveLocation(entry, sysPaths, line("version_locations"));
                if (resolved.isEmpty())
                    continue;
                if (!QFileInfo(resolved).isDir())
                    configProblem(
                        iniRel, line("version_locations"),
                        QStringLiteral("version location %1 does not exist").arg(resolved));
                else if (!m_p.versionLocations.contains(resolved))
                    m_p.versionLocations.append(resolved);
            }
        } else if (!scriptDir->isEmpty()) {
            const QString versions = QDir(*scriptDir).filePath(QStringLiteral("versions"));
            if (QFileInfo(versions).isDir())
                m_p.versionLocations.append(versions);
            else
                configProblem(iniRel, line("script_location"),
                              QStringLiteral("%1 has no versions/ folder").arg(*scriptDir));
        }
        m_p.recursive = value("recursive_version_locations") == QStringLiteral("true");
        for (const AlembicIni::Problem &p : std::as_const(valueProblems))
            configProblem(iniRel, p.line, p.message);
        if (m_p.versionLocations.isEmpty())
            return Error{
                ErrorCode::BadInput,
                QStringLiteral("%1 names no existing folder of revision scripts").arg(m_p.iniPath),
                {}};
        return std::nullopt;
    }

    // Alembic's file walk (script/base.py `_list_py_dir`): a folder's files sorted by name,
    // then its sub-folders sorted, when recursive; symlinked folders and __pycache__ are
    // not entered. Names must end in ".py" and not start with "__init__" or ".#".
    void listScripts(const QString &folder, QStringList *out) const
    {
        QDir dir(folder);
        QStringList files =
            dir.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::NoSort);
        std::sort(files.begin(), files.end());
        for (const QString &name : std::as_const(files)) {
            if (name.endsWith(QLatin1String(".py")) && !name.startsWith(QLatin1String(".#")) &&
                !name.startsWith(QLatin1String("__init__")))
                out->append(dir.filePath(name));
        }
        if (!m_p.recursive)
            return;
        QFileInfoList subdirs =
            dir.entryInfoList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::NoSort);
        std::sort(subdirs.begin(), subdirs.end(), [](const QFileInfo &a, const QFileInfo &b) {
            return a.fileName() < b.fileName();
        });
        for (const QFileInfo &sub : std::as_const(subdirs)) {
            if (!sub.isSymLink() && sub.fileName() != QLatin1String("__pycache__"))
                listScripts(sub.filePath(), out);
        }
    }

    void loadScripts()
    {
        QStringList files;
        for (const QString &location : std::as_const(m_p.versionLocations))
            listScripts(location, &files);
        QSet<QString> seen; // overlapping locations: Alembic loads a file once
        const bool overlapPossible = m_p.versionLocations.size() > 1;
        // Relative names are made here, on this thread: QDir caches lazily and is not
        // safe to share between threads.
        std::vector<std::pair<QString, QString>> unique; // path, relative name
        for (const QString &path : std::as_const(files)) {
            if (overlapPossible) {
                const QString canonical = QFileInfo(path).canonicalFilePath();
                if (seen.contains(canonical))
                    continue;
                seen.insert(canonical);
            }
            unique.emplace_back(path, relative(path));
        }
        // Each file is read on its own (all cores); the results are merged in file order.
        std::vector<ScriptReadResult> reads =
            parallelMap(unique, [](const std::pair<QString, QString> &file) {
                return readScriptFile(file.first, file.second);
            });
        for (ScriptReadResult &read : reads) {
            m_p.problems.append(read.problems);
            if (read.revision)
                m_p.revisions.append(std::move(*read.revision));
        }
    }

    static ScriptReadResult readScriptFile(const QString &path, const QString &rel)
    {
        QString error;
        const std::optional<QByteArray> bytes = readWholeFile(path, &error, kMaxPythonSourceBytes);
        if (!bytes) {
            ScriptReadResult failed;
            failed.problems.append(
                problem(Kind::Unparsable, rel, 1, QStringLiteral("cannot read: %1").arg(error)));
            return failed;
        }
        const DecodedPythonSource source = decodePythonSource(*bytes);
        ScriptReadResult read = readRevisionScript(source.text, rel);
        if (!source.ok) {
            // Undecodable bytes: one problem for the file, not the tokenizer's echo of it.
            read.problems.removeIf([](const HistoryProblem &p) {
                return p.kind == Kind::Unparsable || p.kind == Kind::NoRevision;
            });
            read.problems.prepend(
                problem(Kind::Unparsable, rel, source.errorLine,
                        QStringLiteral("not a Python source file: %1").arg(source.error)));
        }
        if (read.revision)
            read.revision->filePath = path;
        return read;
    }

    // version_table / version_table_schema keyword arguments in env.py (context.configure),
    // string literals or module-level names bound to them; anything else is a warning.
    void readEnvPy(const QString &envPath)
    {
        QFile file(envPath);
        if (!file.open(QIODevice::ReadOnly))
            return;
        const QString text = decodePythonSource(file.readAll()).text;
        const PyModuleSummary module = summarizePythonModule(text);
        QHash<QString, PyValue> names;
        for (const PyAssignment &a : module.assignments)
            names.insert(a.name, a.value);
        const auto &t = module.tokens;
        int depth = 0;
        QSet<QString> done;
        for (size_t i = 0; i < t.size(); ++i) {
            const QStringView word = t[i].text(text);
            if (t[i].kind == PyToken::Kind::Op && t[i].length == 1) {
                const QChar c = word.at(0);
                depth += (c == u'(' || c == u'[' || c == u'{')   ? 1
                         : (c == u')' || c == u']' || c == u'}') ? -1
                                                                 : 0;
                continue;
            }
            const bool table = word == QLatin1String("version_table");
            if (t[i].kind != PyToken::Kind::Name || depth <= 0 ||
                !(table || word == QLatin1String("version_table_schema")) || i + 2 >= t.size() ||
                !t[i + 1].isOp(text, QLatin1String("=")) || done.contains(word.toString()))
                continue;
            size_t end = i + 2;
            for (int d = 0; end < t.size() && t[end].kind != PyToken::Kind::EndMarker; ++end) {
                const QStringView v = t[end].text(text);
                if (t[end].kind != PyToken::Kind::Op)
                    continue;
                if (v == QLatin1String("(") || v == QLatin1String("[") || v == QLatin1String("{"))
                    ++d;
                else if (v == QLatin1String(",") && d == 0)
                    break;
                else if (v == QLatin1String(")") || v == QLatin1String("]") ||
                         v == QLatin1String("}"))
                    if (d-- == 0)
                        break;
            }
            done.insert(word.toString());
            const PyValue value = evaluateLiteral(t, i + 2, end, text, &names);
            if (value.kind == PyValue::Kind::String) {
                (table ? m_p.versionTable : m_p.versionTableSchema) = value.text;
            } else if (value.kind != PyValue::Kind::None) {
                m_p.problems.append(problem(
                    Kind::UnresolvedValue, relative(envPath), t[i].line,
                    QStringLiteral("env.py sets %1 = %2, which cannot be read without running "
                                   "Python; assuming %3")
                        .arg(word.toString(), value.text,
                             table ? QStringLiteral("'alembic_version'")
                                   : QStringLiteral("no schema"))));
            }
        }
    }

private:
    AlembicProject &m_p;
    QDir m_rootDir;
};

} // namespace

Expected<AlembicProject> loadAlembicProject(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{
            ErrorCode::BadInput, QStringLiteral("no such file or folder: %1").arg(path), {}};
    AlembicProject project;
    ProjectLoader loader(project);
    QString scriptDir;
    if (info.isFile()) {
        project.iniPath = info.absoluteFilePath();
    } else if (QFileInfo(QDir(info.absoluteFilePath()).filePath(QStringLiteral("alembic.ini")))
                   .isFile()) {
        project.iniPath = QDir(info.absoluteFilePath()).filePath(QStringLiteral("alembic.ini"));
    }
    if (!project.iniPath.isEmpty()) {
        loader.setRoot(QFileInfo(project.iniPath).absolutePath());
        if (auto error = loader.configureFromIni(&scriptDir))
            return *error;
    } else {
        // No ini: a script folder (env.py + versions/), or a bare versions folder whose
        // sub-folders hold revisions too (REFERENCE.md §6).
        const QDir dir(info.absoluteFilePath());
        loader.setRoot(dir.absolutePath());
        project.recursive = true;
        const QString versions = dir.filePath(QStringLiteral("versions"));
        if (QFileInfo::exists(dir.filePath(QStringLiteral("env.py"))) &&
            QFileInfo(versions).isDir()) {
            scriptDir = project.root;
            project.versionLocations.append(versions);
        } else {
            project.versionLocations.append(project.root);
            const QString parent = QFileInfo(project.root).absolutePath();
            if (QFileInfo::exists(QDir(parent).filePath(QStringLiteral("env.py"))))
                scriptDir = parent;
        }
    }
    loader.loadScripts();
    if (!scriptDir.isEmpty())
        loader.readEnvPy(QDir(scriptDir).filePath(QStringLiteral("env.py")));
    return project;
}

} // namespace migconsole
