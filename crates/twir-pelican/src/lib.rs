//! Pelican compatibility: what twir needs to build a Pelican site (This Week in Rust's)
//! from the repository's own files, with no `twir.toml`.
//!
//! - [`settings`] reads `pelicanconf.py`: the plain-literal subset of Python such files use
//!   (assignments, string concatenation, `os.environ.get(...)` conditions, dicts, lists).

pub mod settings;

pub use settings::{PelicanSettings, PyValue, Setting, SettingsError};
