//! `pelicanconf.py`: Pelican's settings file, read without Python.
//!
//! Pelican executes the file as Python and keeps every upper-case global. twir evaluates
//! the subset such files are written in, so a repository switches to twir with nothing
//! edited:
//!
//! - comments, `import os`, `from __future__ import ...`, `pass`, bare expressions
//!   (docstrings);
//! - literals: strings of every kind (`u`/`r`/`b`/`f` prefixes, single, double and triple
//!   quotes, escapes, adjacent literals concatenated; f-string fields that are a name,
//!   `f"https://{HOST}"`), ints, floats, `True`/`False`/`None`, lists, tuples, dicts with
//!   string keys;
//! - names assigned earlier (lower-case ones too, though only upper-case names become
//!   settings), `A = B = x`, `+=`, annotated assignments;
//! - `+` on strings, lists and tuples, `+ - *` on numbers, unary `-`/`+`, `not`, `and`,
//!   `or` (short-circuit, returning an operand), comparisons (`== != < <= > >= in not in
//!   is is not`, chained), `A if C else B`, `if`/`elif`/`else` blocks, `d['key']` and
//!   `l[0]`;
//! - `os.environ.get(NAME[, DEFAULT])`, `os.getenv(...)`, `os.environ[NAME]`,
//!   `NAME in os.environ`: answered by the `env` closure given to [`PelicanSettings::load`].
//!
//! Why hand-written: a Python parser crate (RustPython's, ruff's) would still leave the
//! evaluation to write, and brings a full Python grammar for files that use a few dozen
//! lines of literals; this reader (3,800 lines with its tests) reports errors in
//! terms of settings and `twir.toml` keys.
//!
//! Anything else (other function calls and attribute accesses, other imports, loops,
//! `def`, `%` formatting...) is a [`SettingsError::Unsupported`] naming the file, line,
//! setting and the `twir.toml` key that overrides it. As in Python, such a construct only
//! fails when it runs: a branch of an `if` the environment does not take may hold anything.
//!
//! ```
//! use twir_pelican::{PelicanSettings, PyValue};
//! let text = "import os\nSITEURL = 'https://example.org'\nFEED_DOMAIN = SITEURL\n\
//!             THEME = 'themes/mail' if os.environ.get('EMAIL') == '1' else 'themes/web'\n";
//! let env = |name: &str| (name == "EMAIL").then(|| "1".to_string());
//! let settings = PelicanSettings::parse("pelicanconf.py".as_ref(), text, &env).unwrap();
//! assert_eq!(settings.str("THEME").unwrap(), Some("themes/mail"));
//! assert_eq!(settings.get("FEED_DOMAIN"), Some(&PyValue::Str("https://example.org".into())));
//! ```

mod ast;
mod eval;
mod lexer;
mod parser;
mod toml_keys;

pub use toml_keys::twir_toml_key;

use serde::Serialize;
use serde::ser::SerializeMap;
use std::path::{Path, PathBuf};

/// A Python value a settings file can hold.
///
/// Serializes as the plain value (a dict as a map, in order), as templates see it.
#[derive(Debug, Clone, PartialEq)]
pub enum PyValue {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string (any quoting, `u''`/`r''` prefixes, triple quotes). Bytes literals are
    /// kept as text (invalid UTF-8 replaced).
    Str(String),
    /// A list or a tuple.
    List(Vec<PyValue>),
    /// A dict, in insertion order (keys are strings in every known settings file).
    Dict(Vec<(String, PyValue)>),
}

impl PyValue {
    /// Python's truth value: `None`, `False`, zero and empty containers are false.
    pub fn truthy(&self) -> bool {
        match self {
            PyValue::None => false,
            PyValue::Bool(b) => *b,
            PyValue::Int(i) => *i != 0,
            PyValue::Float(f) => *f != 0.0,
            PyValue::Str(s) => !s.is_empty(),
            PyValue::List(items) => !items.is_empty(),
            PyValue::Dict(pairs) => !pairs.is_empty(),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            PyValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The dict entry `key`, if this is a dict that has it.
    pub fn get(&self, key: &str) -> Option<&PyValue> {
        match self {
            PyValue::Dict(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Python's name for the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            PyValue::None => "None",
            PyValue::Bool(_) => "a bool",
            PyValue::Int(_) => "an int",
            PyValue::Float(_) => "a float",
            PyValue::Str(_) => "a string",
            PyValue::List(_) => "a list",
            PyValue::Dict(_) => "a dict",
        }
    }
}

/// One upper-case setting and where it was last assigned.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The setting's name, e.g. `SITEURL`.
    pub name: String,
    /// Its value after the whole file ran.
    pub value: PyValue,
    /// 1-based line of the assignment that gave the value.
    pub line: usize,
}

/// The settings a `pelicanconf.py` defines, in first-assignment order.
///
/// Serializes as a map from setting name to value, as templates see them.
#[derive(Debug, Clone, PartialEq)]
pub struct PelicanSettings {
    /// The file they were read from.
    pub path: PathBuf,
    /// Every upper-case global the file assigns.
    pub settings: Vec<Setting>,
}

/// Why a settings file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A statement or expression twir does not evaluate (or that Python would reject).
    #[error("{path}:{line}: cannot evaluate {setting}: {reason} ({})", override_hint(*toml_key))]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The setting being assigned (several, comma-separated, for an `if` condition),
        /// or `(statement)` outside an assignment.
        setting: String,
        /// What could not be evaluated.
        reason: String,
        /// The `twir.toml` key that overrides this setting, when there is one.
        toml_key: Option<&'static str>,
    },
    /// A setting has a value of the wrong type for what twir reads it as.
    #[error("{path}:{line}: {setting} must be {expected}, not {found} ({})", override_hint(*toml_key))]
    WrongType {
        /// The file.
        path: PathBuf,
        /// 1-based line of the assignment.
        line: usize,
        /// The setting.
        setting: String,
        /// What twir expected, e.g. "a string".
        expected: &'static str,
        /// What the file gives, e.g. "a list".
        found: &'static str,
        /// The `twir.toml` key that overrides this setting, when there is one.
        toml_key: Option<&'static str>,
    },
}

fn override_hint(toml_key: Option<&str>) -> String {
    match toml_key {
        Some(key) => format!("set `{key}` in twir.toml instead"),
        None => "twir.toml has no key for this setting: write it as a plain literal".into(),
    }
}

impl SettingsError {
    /// The 1-based line the error is about, when it is about a line.
    pub fn line(&self) -> Option<usize> {
        match self {
            SettingsError::Io { .. } => None,
            SettingsError::Unsupported { line, .. } | SettingsError::WrongType { line, .. } => {
                Some(*line)
            }
        }
    }
}

/// An error inside the reader, before it is tied to the file.
#[derive(Debug, Clone, PartialEq)]
struct Fault {
    line: usize,
    reason: String,
    /// The settings the failing statement assigns.
    settings: Vec<String>,
}

/// Pelican keeps the globals whose name `str.isupper()`: at least one cased character and
/// no lower-case one.
fn is_setting_name(name: &str) -> bool {
    name.chars().any(char::is_uppercase) && !name.chars().any(char::is_lowercase)
}

impl PelicanSettings {
    /// Reads and evaluates `path`; `env` answers `os.environ.get(NAME)`.
    pub fn load(path: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(path, &text, env)
    }

    /// Evaluates the text of a settings file read from `path`.
    pub fn parse(
        path: &Path,
        text: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, SettingsError> {
        let error = |fault: Fault| {
            let toml_key = fault.settings.iter().find_map(|s| twir_toml_key(s));
            let setting = if fault.settings.is_empty() {
                "(statement)".to_string()
            } else {
                fault.settings.join(", ")
            };
            SettingsError::Unsupported {
                path: path.to_path_buf(),
                line: fault.line,
                setting,
                reason: fault.reason,
                toml_key,
            }
        };
        let tokens = lexer::tokenize(text);
        let stmts = parser::parse(&tokens).map_err(error)?;
        let globals = eval::run(&stmts, env, eval::Limits::for_text(text)).map_err(error)?;
        let mut settings = Vec::with_capacity(globals.settings.len());
        for (name, value, line) in globals.settings {
            let value = eval::to_py(value).map_err(|reason| {
                error(Fault {
                    line,
                    reason: reason.into(),
                    settings: vec![name.clone()],
                })
            })?;
            settings.push(Setting { name, value, line });
        }
        Ok(PelicanSettings {
            path: path.to_path_buf(),
            settings,
        })
    }

    /// The setting `name`, with its line.
    pub fn setting(&self, name: &str) -> Option<&Setting> {
        self.settings.iter().find(|s| s.name == name)
    }

    /// The value of `name`, if the file assigns it.
    pub fn get(&self, name: &str) -> Option<&PyValue> {
        self.setting(name).map(|s| &s.value)
    }

    /// The 1-based line where `name` was last assigned.
    pub fn line(&self, name: &str) -> Option<usize> {
        self.setting(name).map(|s| s.line)
    }

    /// Settings names and values, in first-assignment order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &PyValue)> {
        self.settings.iter().map(|s| (s.name.as_str(), &s.value))
    }

    /// Whether `name` is set to a true value (Python truthiness); false when unset.
    pub fn truthy(&self, name: &str) -> bool {
        self.get(name).is_some_and(PyValue::truthy)
    }

    fn wrong_type(&self, setting: &Setting, expected: &'static str) -> SettingsError {
        SettingsError::WrongType {
            path: self.path.clone(),
            line: setting.line,
            setting: setting.name.clone(),
            expected,
            found: setting.value.type_name(),
            toml_key: twir_toml_key(&setting.name),
        }
    }

    /// Reads `name` with `read`: `Ok(None)` when unset, an error naming the line when
    /// `read` does not accept the value.
    fn typed<'a, T>(
        &'a self,
        name: &str,
        expected: &'static str,
        read: impl Fn(&'a PyValue) -> Option<T>,
    ) -> Result<Option<T>, SettingsError> {
        match self.setting(name) {
            None => Ok(None),
            Some(s) => read(&s.value)
                .map(Some)
                .ok_or_else(|| self.wrong_type(s, expected)),
        }
    }

    /// The string value of `name`: `Ok(None)` when unset, an error naming the line when
    /// it is set to something other than a string.
    pub fn str(&self, name: &str) -> Result<Option<&str>, SettingsError> {
        self.typed(name, "a string", PyValue::as_str)
    }

    /// The integer value of `name` (`True`/`False` are not accepted as integers).
    pub fn int(&self, name: &str) -> Result<Option<i64>, SettingsError> {
        self.typed(name, "an integer", |v| match v {
            PyValue::Int(i) => Some(*i),
            _ => None,
        })
    }

    /// The boolean value of `name` (exactly `True` or `False`; see [`Self::truthy`]).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, SettingsError> {
        self.typed(name, "True or False", |v| match v {
            PyValue::Bool(b) => Some(*b),
            _ => None,
        })
    }

    /// A list (or tuple) of strings, e.g. `PLUGINS`.
    pub fn str_list(&self, name: &str) -> Result<Option<Vec<&str>>, SettingsError> {
        self.typed(name, "a list of strings", |v| match v {
            PyValue::List(items) => items.iter().map(PyValue::as_str).collect(),
            _ => None,
        })
    }

    /// A dict's entries, in order, e.g. `MARKDOWN`.
    pub fn dict(&self, name: &str) -> Result<Option<&[(String, PyValue)]>, SettingsError> {
        self.typed(name, "a dict", |v| match v {
            PyValue::Dict(pairs) => Some(pairs.as_slice()),
            _ => None,
        })
    }
}

impl Serialize for PyValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PyValue::None => serializer.serialize_none(),
            PyValue::Bool(b) => serializer.serialize_bool(*b),
            PyValue::Int(i) => serializer.serialize_i64(*i),
            PyValue::Float(f) => serializer.serialize_f64(*f),
            PyValue::Str(s) => serializer.serialize_str(s),
            PyValue::List(items) => serializer.collect_seq(items),
            PyValue::Dict(pairs) => {
                let mut map = serializer.serialize_map(Some(pairs.len()))?;
                for (key, value) in pairs {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for PelicanSettings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.settings.len()))?;
        for setting in &self.settings {
            map.serialize_entry(&setting.name, &setting.value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests;
