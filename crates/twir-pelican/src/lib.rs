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
//! - [`config`] puts those settings over Pelican's defaults, with typed accessors;
//!   [`twir_toml`] puts the keys a `twir.toml` sets over them.
//! - [`theme`] renders a Pelican (Jinja2) theme folder with minijinja: Pelican's template
//!   names and fallbacks, the webassets `{% assets %}` tag ([`assets`]), Jinja2's filters.
//! - [`values`] are the objects templates receive (articles, dates, categories, paginator),
//!   [`context`] builds a page's context from the shared one.
//! - [`feeds`] writes Atom and RSS the way Pelican does; [`summary`] cuts Pelican's
//!   automatic summaries; [`pyformat`] and [`strftime`] are Python's `str.format` and
//!   `datetime.strftime` for URL settings and templates.

pub mod assets;
pub mod config;
pub mod context;
pub mod cssmin;
pub mod feeds;
pub mod filters;
pub mod pyformat;
pub mod reader;
pub mod settings;
pub mod strftime;
pub mod summary;
pub mod theme;
pub mod twir_toml;
pub mod values;

pub use config::{ConfigError, PelicanConfig, Plugins};
pub use context::SharedContext;
pub use settings::{PelicanSettings, PyValue, Setting, SettingsError, twir_toml_key};
pub use theme::{PelicanTheme, ThemeError, ThemeOptions};
pub use twir_toml::{TOML_OVERRIDES, TwirTomlError, apply_twir_toml};
pub use values::{Content, ContentKind, ContentSet, Date, Paginator, Term, TermKind};
