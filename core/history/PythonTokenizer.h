#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace migconsole {

/// One token of Python source. The text is not copied: `start`/`length` index the source
/// the tokenizer was given (UTF-16 units), so a token is a handful of integers and a file
/// of 100,000 tokens costs no allocations beyond the token array.
struct PyToken
{
    enum class Kind : quint8
    {
        Name,      ///< identifiers and keywords alike (`def`, `revision`, `None`)
        Number,    ///< any numeric literal, spelled as written (`0x1F`, `1_000`, `2.5e-3j`)
        String,    ///< one string literal with its prefix and quotes; see `flags`
        Op,        ///< operators and brackets, longest match (`**=`, `->`, `:=`, `(`)
        Newline,   ///< end of a logical line (not inside brackets, not after a `\`)
        Indent,    ///< the next logical line is indented deeper
        Dedent,    ///< one indentation level closed (several in a row for several levels)
        EndMarker, ///< end of input; returned forever after
    };
    /// String flags (bit set).
    enum StringFlag : quint8
    {
        Raw = 0x01,          ///< r/R prefix: backslashes are kept
        Bytes = 0x02,        ///< b/B prefix
        Formatted = 0x04,    ///< f/F (or t/T) prefix: an opaque token, never evaluated
        Triple = 0x08,       ///< ''' or """
        Unterminated = 0x10, ///< the closing quote is missing (an error was reported)
    };

    Kind kind = Kind::EndMarker;
    quint8 flags = 0;        ///< StringFlag bits, for String tokens
    quint8 prefixLength = 0; ///< letters before the opening quote, for String tokens
    int line = 1;            ///< 1-based line of the first character
    int column = 0;          ///< 0-based column (UTF-16 units) of the first character
    int endLine = 1;         ///< line of the last character (differs for multi-line strings)
    qsizetype start = 0;
    qsizetype length = 0;

    QStringView text(QStringView source) const { return source.mid(start, length); }
    qsizetype end() const { return start + length; }
    bool isOp(QStringView source, QLatin1String op) const
    {
        return kind == Kind::Op && length == op.size() && text(source) == op;
    }
    bool isName(QStringView source, QLatin1String name) const
    {
        return kind == Kind::Name && length == name.size() && text(source) == name;
    }
};

/// A syntax error the tokenizer noticed. Tokenizing always continues after one.
struct PyTokenError
{
    int line = 1;
    int column = 0;
    QString message;
};

/// A tokenizer for Python 3 source, close to CPython's `tokenize` module: logical lines
/// (newlines inside brackets and after a backslash continuation do not end one), INDENT /
/// DEDENT from the indentation stack (tabs to multiples of 8, inconsistent tab/space use
/// reported like TabError), comments and blank lines skipped, all string forms (any
/// combination of r/b/u/f prefixes, single/double/triple quotes; f-strings are scanned
/// with their replacement fields so nested literals in other quotes — or any quotes in a
/// triple-quoted f-string, as Python 3.12 allows — do not end them).
///
/// It is built for hostile input: binary junk, unterminated strings, unbalanced or
/// million-deep brackets, stray characters. Every call to next() advances or returns
/// EndMarker, nothing recurses, and each problem becomes a PyTokenError (the first
/// `kMaxErrors` are kept) while tokens keep coming.
class PythonTokenizer
{
public:
    static constexpr int kMaxErrors = 50;
    /// Nested blocks Python accepts: CPython's MAXINDENT (100) counts the module level too.
    static constexpr size_t kMaxIndentLevels = 99;

    /// `source` is decoded text (see PythonSource.h); a leading BOM is skipped.
    explicit PythonTokenizer(QString source);

    PyToken next();

    /// Every remaining token, ending with EndMarker.
    std::vector<PyToken> tokenizeAll();

    const QString &source() const { return m_source; }
    const QList<PyTokenError> &errors() const { return m_errors; }
    int errorCount() const { return m_errorCount; } ///< including the ones not kept

private:
    bool atEnd() const { return m_pos >= m_source.size(); }
    char16_t peek(qsizetype ahead = 0) const;
    bool isNewlineAt(qsizetype pos) const;
    void consumeNewline();
    void error(int line, int column, const QString &message);
    void errorHere(const QString &message);
    PyToken make(PyToken::Kind kind, qsizetype start, int line, int column) const;
    bool handleLineStart(PyToken *out);
    PyToken scanName();
    PyToken scanNumber();
    PyToken scanString(qsizetype tokenStart, int prefixLength, quint8 flags);
    void scanQuotedBody(char16_t quote, bool triple, bool formatted, quint8 *flags, int startLine,
                        int startColumn);
    bool scanOperator(PyToken *out);

    QString m_source;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0;
    std::vector<int> m_indents{0};
    std::vector<int> m_altIndents{0}; ///< the same stack with tabs counted as 1 column
    int m_pendingDedents = 0;
    std::vector<char16_t> m_brackets; ///< open brackets, innermost last
    std::vector<int> m_bracketLines;
    bool m_atLineStart = true;
    bool m_lineHasContent = false;
    bool m_finished = false;
    QList<PyTokenError> m_errors;
    int m_errorCount = 0;
};

} // namespace migconsole
