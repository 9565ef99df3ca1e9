//! `pelicanconf.py`: Pelican's settings file, read without Python.
//!
//! Pelican executes the file as Python and keeps every upper-case global. twir evaluates
//! the subset such files are written in (literals, names already assigned, `+` on strings
//! and lists, `if`/`else` statements and conditional expressions, `os.environ.get`,
//! comparisons, `not`/`and`/`or`), so a repository switches to twir with nothing edited.
//! Anything outside that subset is a [`SettingsError`] naming the file, line and setting.

use serde::Serialize;
use std::path::{Path, PathBuf};

/// A Python value a settings file can hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PyValue {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string (any quoting, `u''`/`r''` prefixes, triple quotes).
    Str(String),
    /// A list or a tuple.
    List(Vec<PyValue>),
    /// A dict, in insertion order (keys are strings in every known settings file).
    Dict(Vec<(String, PyValue)>),
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
    /// A statement or expression twir does not evaluate.
    #[error(
        "{path}:{line}: cannot evaluate {setting}: {reason} (set `{toml_key}` in twir.toml instead)"
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The setting being assigned, or `(statement)` outside an assignment.
        setting: String,
        /// What could not be evaluated.
        reason: String,
        /// The `twir.toml` key that overrides this setting.
        toml_key: String,
    },
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
        _text: &str,
        _env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, SettingsError> {
        // The evaluator is being written (issue 14); until it lands, say so rather than
        // pretend the file is empty.
        Err(SettingsError::Unsupported {
            path: path.to_path_buf(),
            line: 1,
            setting: "(file)".into(),
            reason: "the pelicanconf.py reader is not implemented yet".into(),
            toml_key: "site".into(),
        })
    }

    /// The value of `name`, if the file assigns it.
    pub fn get(&self, name: &str) -> Option<&PyValue> {
        self.settings
            .iter()
            .find(|s| s.name == name)
            .map(|s| &s.value)
    }

    /// The string value of `name`: `Ok(None)` when unset, an error naming the line when
    /// it is set to something other than a string.
    pub fn str(&self, name: &str) -> Result<Option<&str>, SettingsError> {
        match self.settings.iter().find(|s| s.name == name) {
            None => Ok(None),
            Some(Setting {
                value: PyValue::Str(s),
                ..
            }) => Ok(Some(s)),
            Some(s) => Err(SettingsError::Unsupported {
                path: self.path.clone(),
                line: s.line,
                setting: name.into(),
                reason: "expected a string".into(),
                toml_key: "site".into(),
            }),
        }
    }
}
