//! Pelican compatibility: what twir needs to build a Pelican site (This Week in Rust's)
//! from the repository's own files, with no `twir.toml`.
//!
//! - [`settings`] reads `pelicanconf.py`: the plain-literal subset of Python such files use
//!   (assignments, string concatenation, `os.environ.get(...)` conditions, dicts, lists).
//!   Call [`PelicanSettings::load`] with the file and an environment lookup (for example
//!   `&|name| std::env::var(name).ok()`), then read settings with [`PelicanSettings::str`],
//!   [`PelicanSettings::int`], [`PelicanSettings::str_list`], [`PelicanSettings::dict`],
//!   [`PelicanSettings::truthy`]..., or hand the whole [`PelicanSettings`] (it is
//!   `Serialize`, as a map) to the templates.

pub mod settings;

pub use settings::{PelicanSettings, PyValue, Setting, SettingsError, twir_toml_key};
