//! One test per construct the reader evaluates and per error it reports.

use super::*;

fn no_env(_: &str) -> Option<String> {
    None
}

fn run(text: &str) -> PelicanSettings {
    run_env(text, &no_env)
}

fn run_env(text: &str, env: &dyn Fn(&str) -> Option<String>) -> PelicanSettings {
    PelicanSettings::parse(Path::new("pelicanconf.py"), text, env)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// The value of `X` after running `text`.
fn x(text: &str) -> PyValue {
    run(text).get("X").cloned().expect("X is set")
}

/// `X = <expr>`.
fn value(expr: &str) -> PyValue {
    x(&format!("X = {expr}\n"))
}

fn s(text: &str) -> PyValue {
    PyValue::Str(text.into())
}

fn list(items: &[PyValue]) -> PyValue {
    PyValue::List(items.to_vec())
}

fn dict(pairs: &[(&str, PyValue)]) -> PyValue {
    PyValue::Dict(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect(),
    )
}

/// The error of running `text`: (line, setting, reason, toml key).
fn error(text: &str) -> (usize, String, String, Option<&'static str>) {
    match PelicanSettings::parse(Path::new("conf/pelicanconf.py"), text, &no_env) {
        Ok(s) => panic!("{text:?} gave {s:?}"),
        Err(SettingsError::Unsupported {
            path,
            line,
            setting,
            reason,
            toml_key,
        }) => {
            assert_eq!(path, Path::new("conf/pelicanconf.py"));
            (line, setting, reason, toml_key)
        }
        Err(other) => panic!("{text:?}: unexpected {other:?}"),
    }
}

fn why(text: &str) -> String {
    error(text).2
}

#[test]
fn string_literals_of_every_kind() {
    assert_eq!(value("'a'"), s("a"));
    assert_eq!(value("\"a\""), s("a"));
    assert_eq!(value("u'caf\\u00e9'"), s("café"));
    assert_eq!(value("r'\\d+'"), s("\\d+"));
    assert_eq!(value("b'ab'"), s("ab"));
    assert_eq!(value("'''one\ntwo'''"), s("one\ntwo"));
    assert_eq!(value("\"\"\"it's \"quoted\".\"\"\""), s("it's \"quoted\"."));
    // As in Python, four quotes close a triple-quoted string and open another one.
    assert!(why("X = \"\"\"a \"b\"\"\"\"\n").contains("unterminated string"));
    assert_eq!(value("'tab\\there'"), s("tab\there"));
    assert_eq!(value("f'plain {{braces}}'"), s("plain {braces}"));
    assert_eq!(
        x("HOST = 'example.org'\nN = 3\nX = f'https://{HOST}/' 'issue-' f'{N}{ None }{True}'\n"),
        s("https://example.org/issue-3NoneTrue")
    );
    // Adjacent literals join, across lines inside brackets.
    assert_eq!(value("'a' \"b\" '''c'''"), s("abc"));
    assert_eq!(
        value("('http://'\n    'example.org')"),
        s("http://example.org")
    );
}

#[test]
fn numbers_and_constants() {
    assert_eq!(value("42"), PyValue::Int(42));
    assert_eq!(value("-7"), PyValue::Int(-7));
    assert_eq!(value("1_000"), PyValue::Int(1000));
    assert_eq!(value("0x10"), PyValue::Int(16));
    assert_eq!(value("2.5"), PyValue::Float(2.5));
    assert_eq!(value("1e2"), PyValue::Float(100.0));
    assert_eq!(value("True"), PyValue::Bool(true));
    assert_eq!(value("False"), PyValue::Bool(false));
    assert_eq!(value("None"), PyValue::None);
    assert_eq!(value("2 + 3 * 4 - 1"), PyValue::Int(13));
    assert_eq!(value("1 + 0.5"), PyValue::Float(1.5));
    assert_eq!(value("True + 1"), PyValue::Int(2));
}

#[test]
fn lists_tuples_and_dicts() {
    assert_eq!(value("[]"), list(&[]));
    assert_eq!(value("['a', 'b',]"), list(&[s("a"), s("b")]));
    assert_eq!(value("('a',)"), list(&[s("a")]));
    assert_eq!(value("()"), list(&[]));
    assert_eq!(value("'a', 'b'"), list(&[s("a"), s("b")]));
    assert_eq!(value("('a')"), s("a"));
    assert_eq!(
        value("(('Pelican', 'https://getpelican.com/'),\n ('Rust', 'https://rust-lang.org'),)"),
        list(&[
            list(&[s("Pelican"), s("https://getpelican.com/")]),
            list(&[s("Rust"), s("https://rust-lang.org")]),
        ])
    );
    assert_eq!(
        value("{\n  'a': {'b': [1, 2],},\n  \"c\": {},\n}"),
        dict(&[
            (
                "a",
                dict(&[("b", list(&[PyValue::Int(1), PyValue::Int(2)]))])
            ),
            ("c", dict(&[])),
        ])
    );
    // A repeated key keeps its place and takes the last value.
    assert_eq!(
        value("{'a': 1, 'b': 2, 'a': 3}"),
        dict(&[("a", PyValue::Int(3)), ("b", PyValue::Int(2))])
    );
    assert_eq!(value("{'a': {'b': 'c'}}['a']['b']"), s("c"));
    assert_eq!(value("['a', 'b'][-1]"), s("b"));
}

#[test]
fn names_concatenation_and_augmented_assignment() {
    let settings = run("SITEURL = 'https://x.org'\n\
         FEED = SITEURL + '/feeds/' + 'all.atom.xml'\n\
         base = ['a']\n\
         PLUGINS = base + ['b']\n\
         PLUGINS += ('c',)\n\
         T = (1,) + (2,)\n\
         A = B = 'same'\n\
         N: int = 3\n\
         N += 1\n");
    assert_eq!(
        settings.str("FEED").unwrap(),
        Some("https://x.org/feeds/all.atom.xml")
    );
    assert_eq!(
        settings.str_list("PLUGINS").unwrap(),
        Some(vec!["a", "b", "c"])
    );
    assert_eq!(
        settings.get("T"),
        Some(&list(&[PyValue::Int(1), PyValue::Int(2)]))
    );
    assert_eq!(settings.str("A").unwrap(), Some("same"));
    assert_eq!(settings.str("B").unwrap(), Some("same"));
    assert_eq!(settings.int("N").unwrap(), Some(4));
    assert_eq!(settings.line("N"), Some(9));
    // Only upper-case names are settings, in first-assignment order.
    let names: Vec<&str> = settings.iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["SITEURL", "FEED", "PLUGINS", "T", "A", "B", "N"]);
    assert_eq!(settings.get("base"), None);
}

#[test]
fn upper_case_names_follow_python_isupper() {
    assert!(is_setting_name("FEED_ALL_ATOM"));
    assert!(is_setting_name("_PRIVATE2"));
    assert!(is_setting_name("É"));
    assert!(!is_setting_name("_"));
    assert!(!is_setting_name("Sitename"));
    assert!(!is_setting_name("x"));
}

#[test]
fn comparisons_and_boolean_operators() {
    assert_eq!(value("1 == 1.0"), PyValue::Bool(true));
    assert_eq!(value("'a' != 'b'"), PyValue::Bool(true));
    assert_eq!(value("[1, 2] == [1, 2]"), PyValue::Bool(true));
    assert_eq!(value("[1] == (1,)"), PyValue::Bool(false));
    assert_eq!(
        value("{'a': 1, 'b': 2} == {'b': 2, 'a': 1}"),
        PyValue::Bool(true)
    );
    assert_eq!(value("'ust' in 'Rust'"), PyValue::Bool(true));
    assert_eq!(value("'b' not in ['a', 'b']"), PyValue::Bool(false));
    assert_eq!(value("'k' in {'k': 1}"), PyValue::Bool(true));
    assert_eq!(value("None is None"), PyValue::Bool(true));
    assert_eq!(value("0 is not None"), PyValue::Bool(true));
    assert_eq!(value("1 < 2 <= 2 < 3"), PyValue::Bool(true));
    assert_eq!(value("1 < 2 > 3"), PyValue::Bool(false));
    assert_eq!(value("'a' < 'b'"), PyValue::Bool(true));
    assert_eq!(value("not ''"), PyValue::Bool(true));
    assert_eq!(value("not not [0]"), PyValue::Bool(true));
    // `and`/`or` return an operand and short-circuit.
    assert_eq!(value("'' or 'default'"), s("default"));
    assert_eq!(value("'set' or undefined_name"), s("set"));
    assert_eq!(value("0 and undefined_name"), PyValue::Int(0));
    assert_eq!(value("1 and 'last'"), s("last"));
}

#[test]
fn conditional_expressions_and_if_blocks() {
    assert_eq!(value("'a' if True else 'b'"), s("a"));
    assert_eq!(value("'a' if 0 else 'b' if 1 else 'c'"), s("b"));
    // The branch not taken is not evaluated.
    assert_eq!(value("'a' if True else undefined()"), s("a"));
    let text = "MODE = 2\n\
         if MODE == 1:\n    X = 'one'\n\
         elif MODE == 2:\n    X = 'two'\n    if True:\n        Y = 'nested'\n\
         else:\n    X = 'other'\n    for i in range(3):\n        pass\n\
         if MODE: Z = 'same line'; W = 1\n";
    let settings = run(text);
    assert_eq!(settings.str("X").unwrap(), Some("two"));
    assert_eq!(settings.str("Y").unwrap(), Some("nested"));
    assert_eq!(settings.str("Z").unwrap(), Some("same line"));
    assert_eq!(settings.int("W").unwrap(), Some(1));
    assert_eq!(settings.line("X"), Some(5));
}

#[test]
fn environment() {
    let env = |name: &str| match name {
        "SET" => Some("1".to_string()),
        "EMPTY" => Some(String::new()),
        _ => None,
    };
    let text = "import os\n\
         A = os.environ.get('SET')\n\
         B = os.environ.get('UNSET')\n\
         C = os.environ.get('UNSET', 'default')\n\
         D = os.getenv('SET', 'default')\n\
         E = os.environ['EMPTY']\n\
         F = 'SET' in os.environ\n\
         G = 'UNSET' not in os.environ\n\
         H = True if os.environ.get('SET') == '1' else False\n";
    let settings = run_env(text, &env);
    assert_eq!(settings.str("A").unwrap(), Some("1"));
    assert_eq!(settings.get("B"), Some(&PyValue::None));
    assert_eq!(settings.str("C").unwrap(), Some("default"));
    assert_eq!(settings.str("D").unwrap(), Some("1"));
    assert_eq!(settings.str("E").unwrap(), Some(""));
    assert_eq!(settings.bool("F").unwrap(), Some(true));
    assert_eq!(settings.bool("G").unwrap(), Some(true));
    assert_eq!(settings.bool("H").unwrap(), Some(true));
    // `import os as o` and a lower-case alias of os.environ work too.
    let settings = run_env(
        "import os as o\nenv = o.environ\nX = env.get('SET')\n",
        &env,
    );
    assert_eq!(settings.str("X").unwrap(), Some("1"));
}

#[test]
fn statements_without_effect() {
    let settings = run("#!/usr/bin/env python\n\
         # -*- coding: utf-8 -*- #\n\
         from __future__ import unicode_literals, print_function\n\
         from __future__ import (division,\n    absolute_import)\n\
         import os\n\
         import os.path\n\
         \"\"\"Module docstring.\"\"\"\n\
         pass\n\
         X = 1  # trailing comment\n\
         ANNOTATED: str\n");
    assert_eq!(settings.int("X").unwrap(), Some(1));
    assert_eq!(settings.get("ANNOTATED"), None);
    // A byte order mark and Windows line ends are fine.
    assert_eq!(run("\u{feff}X = 1\r\nY = 2\r\n").int("Y").unwrap(), Some(2));
}

#[test]
fn typed_accessors() {
    let settings = run("S = 's'\nI = 3\nB = True\nL = ['a', 'b']\nM = ['a', 1]\n\
         D = {'k': 'v'}\nE = ''\n");
    assert_eq!(settings.str("S").unwrap(), Some("s"));
    assert_eq!(settings.str("NOPE").unwrap(), None);
    assert_eq!(settings.int("I").unwrap(), Some(3));
    assert_eq!(settings.bool("B").unwrap(), Some(true));
    assert_eq!(settings.str_list("L").unwrap(), Some(vec!["a", "b"]));
    assert_eq!(settings.dict("D").unwrap().map(<[_]>::len), Some(1));
    assert_eq!(settings.get("D").and_then(|d| d.get("k")), Some(&s("v")));
    assert!(settings.truthy("B") && settings.truthy("S"));
    assert!(!settings.truthy("E") && !settings.truthy("NOPE"));
    let err = settings.str_list("M").unwrap_err();
    assert_eq!(err.line(), Some(5));
    assert_eq!(
        err.to_string(),
        "pelicanconf.py:5: M must be a list of strings, not a list (twir.toml has no key for this setting: write it as a plain literal)"
    );
    let err = settings.int("S").unwrap_err().to_string();
    assert!(err.contains("S must be an integer, not a string"), "{err}");
    let with_key = run("SITEURL = 1\n").str("SITEURL").unwrap_err().to_string();
    assert!(
        with_key.ends_with("(set `site.url` in twir.toml instead)"),
        "{with_key}"
    );
}

#[test]
fn serializes_as_templates_see_it() {
    let settings = run("SITENAME = 'Site'\nMENU = [('a', 1)]\nMD = {'x': {'y': None}, 'f': 1.5}\n");
    let json = serde_json::to_string(&settings).unwrap();
    assert_eq!(
        json,
        r#"{"SITENAME":"Site","MENU":[["a",1]],"MD":{"x":{"y":null},"f":1.5}}"#
    );
}

#[test]
fn unsupported_constructs_name_line_setting_and_toml_key() {
    let (line, setting, reason, key) = error("A = 1\nSITEURL = get_url()\n");
    assert_eq!(
        (line, setting.as_str(), key),
        (2, "SITEURL", Some("site.url"))
    );
    assert!(
        reason.contains("function calls") && reason.contains("get_url(...)"),
        "{reason}"
    );
    let message = PelicanSettings::parse(Path::new("p.py"), "SITEURL = f()\n", &no_env)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "p.py:1: cannot evaluate SITEURL: function calls other than os.environ.get and os.getenv are not supported (`f(...)`) (set `site.url` in twir.toml instead)"
    );
    let (_, setting, _, key) = error("PLUGINS = load()\n");
    assert_eq!((setting.as_str(), key), ("PLUGINS", None));

    assert!(why("import sys\n").contains("`import sys`"));
    assert!(why("from pelican import signals\n").contains("from pelican import"));
    assert!(why("for i in []:\n    pass\n").contains("`for` loops"));
    assert!(why("while False:\n    pass\nelse:\n    pass\n").contains("`while` loops"));
    assert!(why("def f():\n    return 1\n").contains("function definitions"));
    assert!(why("class C:\n    pass\n").contains("class definitions"));
    assert!(why("try:\n    pass\nexcept E:\n    pass\nfinally:\n    pass\n").contains("`try`"));
    assert!(why("with f() as g: pass\n").contains("`with`"));
    assert!(why("@dec\ndef f(): pass\n").contains("decorators"));
    assert!(why("del X\n").contains("`del`"));
    assert!(why("X = 'a'.upper\n").contains("attribute access"));
    assert!(why("X = '%s' % 'a'\n").contains("`%` formatting"));
    assert!(why("X = '{}'.format(1)\n").contains("`'...'.format(...)`"));
    assert!(why("Y = 1\nX = f'{Y!r}'\n").contains("f-string fields other than a name"));
    assert!(why("Y = [1]\nX = f'{Y}'\n").contains("holds a list value"));
    assert!(why("X = f'{Y}'\n").contains("name `Y` is not defined"));
    assert!(why("X = [i for i in []]\n").contains("list comprehensions"));
    assert!(why("X = {1, 2}\n").contains("set literals"));
    assert!(why("X = lambda: 1\n").contains("lambda"));
    assert!(why("X = [1][0:1]\n").contains("slices"));
    assert!(why("X = {1: 'a'}\n").contains("dict keys other than strings"));
    assert!(why("X = 1 / 2\n").contains("divisions"));
    assert!(why("X, Y = 1, 2\n").contains("several names"));
    assert!(why("MARKDOWN['x'] = 1\n").contains("attributes or items"));
    assert_eq!(error("MARKDOWN['x'] = 1\n").1, "MARKDOWN");
    assert!(why("X = os.environ.get('A')\n").contains("not defined (add `import os`)"));
    assert!(why("X = undefined_function(1)\n").contains("function calls"));
    assert!(why("import os\nX = os.path.join('a')\n").contains("attribute access"));
    assert!(why("import os\nX = os.environ.get('A', default='b')\n").contains("without keywords"));
    assert!(why("import os\nX = os.environ\n").contains("not a setting value"));
    assert!(why("import os\nX = os.environ['HOME_NOT_SET']\n").contains("KeyError"));
}

#[test]
fn unsupported_code_in_a_branch_not_taken_is_not_an_error() {
    let text = "import os\n\
         if os.environ.get('DEV'):\n    import sys\n    PLUGINS = load_plugins()\n\
         else:\n    PLUGINS = ['neighbors']\n";
    assert_eq!(
        run(text).str_list("PLUGINS").unwrap(),
        Some(vec!["neighbors"])
    );
    let dev = |name: &str| (name == "DEV").then(|| "1".to_string());
    let err = PelicanSettings::parse(Path::new("p.py"), text, &dev).unwrap_err();
    assert_eq!(err.line(), Some(3));
}

#[test]
fn runtime_errors() {
    let (line, setting, reason, _) = error("X = 1\nSITENAME = NAME + 'x'\n");
    assert_eq!((line, setting.as_str()), (2, "SITENAME"));
    assert!(reason.contains("name `NAME` is not defined"));
    assert!(why("X = 'a' + 1\n").contains("unsupported operand types for +: str and int"));
    assert!(why("X = [] - []\n").contains("unsupported operand types for -"));
    assert!(why("X = -'a'\n").contains("bad operand type"));
    assert!(why("X = 1 in 1\n").contains("`in` needs a container"));
    assert!(why("X = 'a' < 1\n").contains("ordering comparisons"));
    assert!(why("X = 1 is 1\n").contains("`is` tests"));
    assert!(why("X = {'a': 1}['b']\n").contains("KeyError"));
    assert!(why("X = [1][5]\n").contains("IndexError"));
    assert!(why("X = 9223372036854775807 + 1\n").contains("overflow"));
    assert!(why("X = -9223372036854775807 - 2\n").contains("overflow"));
    assert!(why("X = 3037000500 * 3037000500\n").contains("overflow"));
    assert!(why("X += 1\n").contains("not defined"));
    // An `if` condition names the settings its branches assign.
    let (line, setting, _, key) =
        error("A = 1\nif undefined:\n    THEME = 'a'\nelse:\n    SITEURL = 'b'\n");
    assert_eq!(
        (line, setting.as_str(), key),
        (2, "THEME, SITEURL", Some("paths.theme"))
    );
    // Outside any assignment.
    assert_eq!(error("undefined\n").1, "(statement)");
}

#[test]
fn syntax_errors() {
    let (line, setting, reason, _) = error("A = 1\nSITENAME = (1,\n");
    assert_eq!((line, setting.as_str()), (2, "SITENAME"));
    assert!(reason.contains("never closed"), "{reason}");
    let (line, setting, reason, _) = error("A = 1\nB = 'unterminated\nC = 2\n");
    assert_eq!((line, setting.as_str()), (2, "B"));
    assert!(reason.contains("unterminated string"));
    assert!(why("A = \n").contains("expected an expression, found the end of the line"));
    assert!(why("A = 1 2\n").contains("expected the end of the statement"));
    assert!(why("if True\n    A = 1\n").contains("expected `:`"));
    assert!(why("if True:\nA = 1\n").contains("expected an indented block"));
    assert!(why("  A = 1\n").contains("unexpected indent"));
    assert!(why("else:\n    A = 1\n").contains("expected a statement"));
    assert!(why("A = 1 if True\n").contains("expected `else`"));
    assert!(why("1 = A\n").contains("cannot assign"));
    assert!(why("A = b'x' 'y'\n").contains("cannot mix bytes"));
    assert!(why("A = [1, 2\n").contains("never closed"));
    assert!(why("A = {'a' 1}\n").contains("expected `:`"));
    assert!(why("if (a := 1):\n    pass\n").contains("`:=`"));
    assert!(why("A = import\n").contains("expected an expression"));
}

#[test]
fn nesting_and_size_are_bounded() {
    let deep = format!("X = {}1{}\n", "[".repeat(200), "]".repeat(200));
    assert!(why(&deep).contains("nested more than"));
    let nots = format!("X = {}1\n", "not ".repeat(200));
    assert!(why(&nots).contains("nested more than"));
    let negs = format!("X = {}1\n", "-".repeat(5000));
    assert!(why(&negs).contains("nested more than"));
    let ifs = format!("X = {}1\n", "1 if 1 else ".repeat(200));
    assert!(why(&ifs).contains("nested more than"));
    // Values built up statement by statement are bounded too.
    let wrapped = format!("X = 1\n{}", "X = [X]\n".repeat(100));
    assert!(why(&wrapped).contains("value nested more than"));
    let doubled = format!("X = 'ab'\n{}", "X = X + X\n".repeat(64));
    assert!(why(&doubled).contains("value too large"));
    let listed = format!("X = [1]\n{}", "X = X + X\n".repeat(64));
    assert!(why(&listed).contains("value too large"));
    let augmented = format!("X = [1]\n{}", "X += X\n".repeat(64));
    assert!(why(&augmented).contains("value too large"));
}

#[test]
fn long_chains_do_not_recurse_deeply() {
    let sum = format!("X = 1{}\n", " + 1".repeat(20_000));
    assert_eq!(x(&sum), PyValue::Int(20_001));
    let ors = format!("X = 0{} or 'last'\n", " or 0".repeat(20_000));
    assert_eq!(x(&ors), s("last"));
    let ands = format!("X = 1{}\n", " and 1".repeat(20_000));
    assert_eq!(x(&ands), PyValue::Int(1));
    let attributes = format!("X = os{}\n", ".environ".repeat(20_000));
    assert!(why(&attributes).contains("nested more than"));
    let calls = format!("X = f{}\n", "()".repeat(20_000));
    assert!(why(&calls).contains("nested more than"));
    let concatenated = format!("X = ''{}\n", " 'a'".repeat(20_000));
    assert_eq!(x(&concatenated), s(&"a".repeat(20_000)));
}
