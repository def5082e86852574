// The Python tokenizer, the literal evaluator and the module-level reader the Alembic
// loader is built on (and a later upgrade()-body parser will be): token streams, logical
// lines, strings of every form, decoding, and survival on hostile input.

#include "history/PythonLiteral.h"
#include "history/PythonSource.h"
#include "history/PythonTokenizer.h"

#include <QRandomGenerator>
#include <QTest>

using namespace migconsole;

namespace {

QString describe(const PyToken &t, QStringView src)
{
    switch (t.kind) {
    case PyToken::Kind::Name:
        return QStringLiteral("N:") + t.text(src).toString();
    case PyToken::Kind::Number:
        return QStringLiteral("#:") + t.text(src).toString();
    case PyToken::Kind::String:
        return ((t.flags & PyToken::Formatted) ? QStringLiteral("F:") : QStringLiteral("S:")) +
               t.text(src).toString();
    case PyToken::Kind::Op:
        return QStringLiteral("O:") + t.text(src).toString();
    case PyToken::Kind::Newline:
        return QStringLiteral("NL");
    case PyToken::Kind::Indent:
        return QStringLiteral("IN");
    case PyToken::Kind::Dedent:
        return QStringLiteral("DE");
    case PyToken::Kind::EndMarker:
        return QStringLiteral("END");
    }
    return {};
}

QStringList tokenize(const QString &source, QList<PyTokenError> *errors = nullptr)
{
    PythonTokenizer tokenizer(source);
    QStringList out;
    for (const PyToken &t : tokenizer.tokenizeAll())
        out.append(describe(t, tokenizer.source()));
    if (errors)
        *errors = tokenizer.errors();
    return out;
}

QString describe(const PyValue &v)
{
    switch (v.kind) {
    case PyValue::Kind::None:
        return QStringLiteral("None");
    case PyValue::Kind::Bool:
    case PyValue::Kind::Number:
        return v.text;
    case PyValue::Kind::String:
        return u'"' + v.text + u'"';
    case PyValue::Kind::Bytes:
        return QStringLiteral("b\"") + v.text + u'"';
    case PyValue::Kind::Unresolved:
        return QStringLiteral("?") + v.text;
    case PyValue::Kind::Tuple:
    case PyValue::Kind::List: {
        QStringList items;
        for (const PyValue &item : v.items)
            items.append(describe(item));
        const bool tuple = v.kind == PyValue::Kind::Tuple;
        return (tuple ? u'(' : u'[') + items.join(u',') + (tuple ? u')' : u']');
    }
    }
    return {};
}

} // namespace

class TestPythonTokenizer : public QObject
{
    Q_OBJECT

private slots:
    // ---- tokenizer -----------------------------------------------------------------------
    void tokenizer_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("tokens");
        const auto l = [](const char *s) { return QString::fromUtf8(s); };
        const auto list = [](const char *s) { return QString::fromUtf8(s).split(u' '); };
        QTest::newRow("assignment")
            << l("revision = 'ab12'  # id\n") << list("N:revision O:= S:'ab12' NL END");
        QTest::newRow("annotated")
            << l("x: Union[str, None] = None")
            << list("N:x O:: N:Union O:[ N:str O:, N:None O:] O:= N:None NL END");
        QTest::newRow("brackets join lines")
            << l("a = (1,\n     2)\nb = 3\n")
            << list("N:a O:= O:( #:1 O:, #:2 O:) NL N:b O:= #:3 NL END");
        QTest::newRow("backslash joins lines")
            << l("a = 1 + \\\n    2\n") << list("N:a O:= #:1 O:+ #:2 NL END");
        QTest::newRow("indent and dedent")
            << l("def f():\n    if x:\n        pass\n\n    # c\n    return\ny = 1\n")
            << list("N:def N:f O:( O:) O:: NL IN N:if N:x O:: NL IN N:pass NL DE N:return NL DE "
                    "N:y O:= #:1 NL END");
        QTest::newRow("tabs")
            << l("if a:\n\tif b:\n\t\tc = 1\n\td = 2\n")
            << list(
                   "N:if N:a O:: NL IN N:if N:b O:: NL IN N:c O:= #:1 NL DE N:d O:= #:2 NL DE END");
        QTest::newRow("dedent at end of input")
            << l("class A:\n    x = 1") << list("N:class N:A O:: NL IN N:x O:= #:1 NL DE END");
        QTest::newRow("crlf and lone cr")
            << l("a = 1\r\nb = 2\rc = 3")
            << list("N:a O:= #:1 NL N:b O:= #:2 NL N:c O:= #:3 NL END");
        QTest::newRow("bom") << (QChar(0xFEFF) + l("a = 1\n")) << list("N:a O:= #:1 NL END");
        QTest::newRow("string prefixes")
            << l("r'\\d' b\"x\" Rb'y' u'z' BR\"q\" f'{a}' rF'{b}' t'{c}'")
            << list(
                   "S:r'\\d' S:b\"x\" S:Rb'y' S:u'z' S:BR\"q\" F:f'{a}' F:rF'{b}' F:t'{c}' NL END");
        QTest::newRow("names that are not prefixes")
            << l("bf'x' ur'y'") << list("N:bf S:'x' N:ur S:'y' NL END");
        QTest::newRow("triple quotes span lines")
            << l("\"\"\"a\n'b'\n\"\"\"\nx = '''c''' ")
            << QStringList{QStringLiteral("S:\"\"\"a\n'b'\n\"\"\""),
                           QStringLiteral("NL"),
                           QStringLiteral("N:x"),
                           QStringLiteral("O:="),
                           QStringLiteral("S:'''c'''"),
                           QStringLiteral("NL"),
                           QStringLiteral("END")};
        QTest::newRow("escaped quotes")
            << l("'it\\'s' \"a\\\\\" r'\\''") << list("S:'it\\'s' S:\"a\\\\\" S:r'\\'' NL END");
        QTest::newRow("f-string with nested quotes")
            << l("f\"{d['k']}{{x}}\" f'''{d[\"a\"]}''' f\"{x:{w}}\"")
            << list("F:f\"{d['k']}{{x}}\" F:f'''{d[\"a\"]}''' F:f\"{x:{w}}\" NL END");
        QTest::newRow("numbers") << l("0x1F 1_000 1.5e-3 .5 2j 0o17 1e+9")
                                 << list("#:0x1F #:1_000 #:1.5e-3 #:.5 #:2j #:0o17 #:1e+9 NL END");
        QTest::newRow("operators")
            << l("a **= b // c -> d := e != f ... @g")
            << list("N:a O:**= N:b O:// N:c O:-> N:d O::= N:e O:!= N:f O:... O:@ N:g NL END");
        QTest::newRow("non-ascii names")
            << l("naïve = 'é' # ü\n") << list("N:naïve O:= S:'é' NL END");
        QTest::newRow("comment only and blank lines") << l("# a\n\n   \n# b") << list("END");
    }

    void tokenizer()
    {
        QFETCH(QString, source);
        QFETCH(QStringList, tokens);
        QList<PyTokenError> errors;
        QCOMPARE(tokenize(source, &errors), tokens);
        QVERIFY2(errors.isEmpty(),
                 qPrintable(errors.isEmpty() ? QString() : errors.first().message));
    }

    void tokenizerLinesAndErrors()
    {
        PythonTokenizer t(QStringLiteral("a = '''x\ny'''\nb = (\n1)\nc = 'open\nd = 1 $ 2\n"));
        const std::vector<PyToken> tokens = t.tokenizeAll();
        QCOMPARE(tokens[2].line, 1);
        QCOMPARE(tokens[2].endLine, 2);
        QCOMPARE(tokens[4].line, 3); // b
        QCOMPARE(tokens[7].line, 4); // 1 inside the bracket
        QCOMPARE(t.errors().size(), 2);
        QCOMPARE(t.errors()[0].line, 5);
        QVERIFY(t.errors()[0].message.startsWith(QLatin1String("unterminated string literal")));
        QCOMPARE(t.errors()[1].line, 6);
        QVERIFY(t.errors()[1].message.contains(QLatin1String("'$'")));

        QList<PyTokenError> errors;
        tokenize(QStringLiteral("def f(:\n    x = [1, 2\n"), &errors);
        QCOMPARE(errors.size(), 1); // like CPython: the innermost bracket
        QCOMPARE(errors[0].message, QStringLiteral("'[' was never closed"));
        QCOMPARE(errors[0].line, 2);
        tokenize(QStringLiteral("if a:\n\tb = 1\n        c = 2\n"), &errors); // TabError
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].line, 3);
        tokenize(QStringLiteral("if a:\n        b\n    c\n"), &errors);
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].message.contains(QLatin1String("unindent")));
        tokenize(QStringLiteral("x = ]\n'''never"), &errors);
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors[1].line, 2);
    }

    // Hostile input: every call terminates, tokens stay inside the source and in order.
    void tokenizerSurvivesJunk()
    {
        QRandomGenerator rng(20240601);
        const QString alphabet =
            QStringLiteral("abc_019 \t\n\r\\'\"#()[]{}:;=.,+-*/%@!$?`~é€\x01") + QChar(0xFEFF) +
            QChar(0xD83C) + QChar(0xDFB2) + QChar(0xD800);
        for (int round = 0; round < 400; ++round) {
            QString source;
            const int length = int(rng.bounded(400));
            for (int i = 0; i < length; ++i)
                source += alphabet.at(int(rng.bounded(int(alphabet.size()))));
            PythonTokenizer tokenizer(source);
            const std::vector<PyToken> tokens = tokenizer.tokenizeAll();
            QVERIFY(!tokens.empty() && tokens.back().kind == PyToken::Kind::EndMarker);
            QVERIFY(tokens.size() <= size_t(source.size()) * 4 + 8);
            qsizetype last = 0;
            for (const PyToken &t : tokens) {
                QVERIFY(t.start >= last && t.end() <= source.size());
                last = t.start;
            }
            summarizePythonModule(source); // must not crash either
        }
        // Binary bytes decoded lossily, 300,000 nested brackets, a huge unterminated string.
        QByteArray bytes(4096, '\0');
        for (char &c : bytes)
            c = char(rng.bounded(256));
        QVERIFY(!decodePythonSource(bytes).ok);
        summarizePythonModule(decodePythonSource(bytes).text);
        const QString deep = QString(300000, u'(') + QStringLiteral("'x'") + QString(300000, u')');
        const PyModuleSummary nested = summarizePythonModule(QStringLiteral("revision = ") + deep);
        QCOMPARE(nested.assignments.size(), 1);
        QCOMPARE(nested.assignments[0].value.kind, PyValue::Kind::Unresolved);
        QVERIFY(summarizePythonModule(QString(200000, u'[')).errors.size() >= 1);
        PythonTokenizer longString(QStringLiteral("x = '''") + QString(500000, u'a'));
        QCOMPARE(longString.tokenizeAll().size(), size_t(5));
        QCOMPARE(longString.errorCount(), 1);
    }

    void decoding()
    {
        QVERIFY(decodePythonSource("\xEF\xBB\xBF"
                                   "a = 1\n")
                    .ok);
        QCOMPARE(decodePythonSource("\xEF\xBB\xBF"
                                    "a = 1\n")
                     .text,
                 QStringLiteral("a = 1\n"));
        const auto latin = decodePythonSource(
            "#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\nx = '\xE9'\n");
        QVERIFY(latin.ok);
        QVERIFY(latin.text.contains(QStringLiteral("x = '\u00e9'")));
        const auto bad = decodePythonSource("a = 1\nb = '\xE9'\n");
        QVERIFY(!bad.ok);
        QCOMPARE(bad.errorLine, 2);
        const auto nul = decodePythonSource(QByteArray("a\nb\nc\0", 6));
        QVERIFY(!nul.ok);
        QCOMPARE(nul.errorLine, 3);
        QVERIFY(!decodePythonSource("# coding: no-such-codec\n").ok);
    }

    // ---- literals ------------------------------------------------------------------------
    void literal_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("value");
        const auto row = [](const char *e, const char *v) {
            const QString name = QString::fromUtf8(e).replace(u'\n', QStringLiteral("\\n"));
            QTest::newRow(qPrintable(name)) << QString::fromUtf8(e) << QString::fromUtf8(v);
        };
        row("'ab12'", "\"ab12\"");
        row("\"a\" 'b' \"\"\"c\"\"\"", "\"abc\"");
        row("('a'\n 'b')", "\"ab\"");
        row("None", "None");
        row("()", "()");
        row("('a',)", "(\"a\")");
        row("('a')", "\"a\"");
        row("'a', 'b'", "(\"a\",\"b\")");
        row("['a', ('b', None)]", "[\"a\",(\"b\",None)]");
        row("[]", "[]");
        row("(cli.EXPAND_BRANCH,)", "(?cli.EXPAND_BRANCH)");
        row("get_id()", "?get_id()");
        row("f'{x}'", "?f'{x}'");
        row("'a' + 'b'", "?'a' + 'b'");
        row("b'x' 'y'", "?b'x' 'y'");
        row("-1", "-1");
        row("True", "True");
        row("'\\x41\\u00e9\\n\\101\\N{DASH}\\q'", "\"A\u00e9\n"
                                                  "A\\N{DASH}\\q\"");
        row("r'\\n\\''", "\"\\n\\'\"");
        row("b'\\x41\\u00e9'", "b\"A\\u00e9\"");
        row("'''a\\\nb'''", "\"ab\"");
        row("('a',,)", "?'a',,");
    }

    void literal()
    {
        QFETCH(QString, expression);
        QFETCH(QString, value);
        PythonTokenizer tokenizer(expression);
        std::vector<PyToken> tokens = tokenizer.tokenizeAll();
        size_t end = 0;
        while (end < tokens.size() && tokens[end].kind != PyToken::Kind::Newline)
            ++end;
        QCOMPARE(describe(evaluateLiteral(tokens, 0, end, expression)), value);
    }

    void moduleSummary()
    {
        const QString source = QStringLiteral("\"\"\"Doc\"\"\"\n"
                                              "A = 'a'\n"
                                              "b = c = A\n"
                                              "d, e = 'x', None\n"
                                              "f: int\n"
                                              "if x: g = 'no'; h = 'no'\n"
                                              "i = 1; j = 'j'\n"
                                              "obj.attr = 'no'\n"
                                              "class K:\n    k = 'no'\n"
                                              "match = 'soft keyword'\n"
                                              "__doc__ = 'New doc'\n");
        const PyModuleSummary m = summarizePythonModule(source);
        QStringList seen;
        for (const PyAssignment &a : m.assignments)
            seen.append(a.name + u'=' + describe(a.value) + u'@' + QString::number(a.line));
        QCOMPARE(seen, QStringList({QStringLiteral("A=\"a\"@2"), QStringLiteral("b=\"a\"@3"),
                                    QStringLiteral("c=\"a\"@3"), QStringLiteral("d=\"x\"@4"),
                                    QStringLiteral("e=None@4"), QStringLiteral("i=1@7"),
                                    QStringLiteral("j=\"j\"@7"),
                                    QStringLiteral("match=\"soft keyword\"@11"),
                                    QStringLiteral("__doc__=\"New doc\"@12")}));
        QCOMPARE(m.docstring.value_or(QString()), QStringLiteral("New doc"));
        QVERIFY(!summarizePythonModule(QStringLiteral("import x\n'not a docstring'\n")).docstring);
        QVERIFY(!summarizePythonModule(QStringLiteral("f'not a docstring'\n")).docstring);
    }
};

QTEST_GUILESS_MAIN(TestPythonTokenizer)
#include "test_python_tokenizer.moc"
