//! Building a Pelican site as Pelican does: when the repository has a `pelicanconf.py`,
//! its settings, its Jinja2 theme, its URLs and its page set replace twir's own.
//!
//! Which settings win: `pelicanconf.py` over Pelican's defaults, then the keys a
//! `twir.toml` sets explicitly (see [`TOML_OVERRIDES`]), then the command line (`--theme`,
//! and `twir serve`'s local links). A `twir.toml` alone (no `pelicanconf.py`) keeps twir's
//! own theme and layout.

pub mod load;
pub mod render;
pub mod rst;

use crate::error::SiteError;
use crate::project::Options;
use jiff::tz::TimeZone;
use std::path::{Path, PathBuf};
use twir_content::Site;
use twir_pelican::{PelicanConfig, PelicanSettings, Plugins, PyValue};

/// The settings file that makes a repository a Pelican site.
pub const SETTINGS_FILE: &str = "pelicanconf.py";

/// `twir.toml` keys that, when a `twir.toml` sets them, replace the Pelican setting beside
/// them.
pub const TOML_OVERRIDES: &[(&str, &str, &str)] = &[
    ("site", "name", "SITENAME"),
    ("site", "url", "SITEURL"),
    ("site", "description", "SITESUBTITLE"),
    ("site", "author", "AUTHOR"),
    ("site", "language", "DEFAULT_LANG"),
    ("site", "timezone", "TIMEZONE"),
    ("site", "per_page", "DEFAULT_PAGINATION"),
    ("site", "feed_items", "FEED_MAX_ITEMS"),
    ("paths", "theme", "THEME"),
];

/// A Pelican site's resolved settings.
#[derive(Debug, Clone)]
pub struct PelicanSite {
    /// Every setting.
    pub config: PelicanConfig,
    /// The plugins it enables.
    pub plugins: Plugins,
    /// `TIMEZONE` (UTC when unset, as Pelican assumes).
    pub tz: TimeZone,
    /// `JINJA_ENVIRONMENT`'s trim_blocks and lstrip_blocks.
    pub jinja: (bool, bool),
}

/// `ROOT/pelicanconf.py` when it exists.
pub fn settings_file(root: &Path) -> Option<PathBuf> {
    let p = root.join(SETTINGS_FILE);
    p.is_file().then_some(p)
}

impl PelicanSite {
    /// Reads `pelicanconf.py` (with the process environment for `os.environ.get`), puts
    /// the explicit `twir.toml` keys over it and checks the plugins and Jinja settings.
    pub fn load(site: &Site, file: &Path, options: &Options) -> Result<PelicanSite, SiteError> {
        let settings = PelicanSettings::load(file, &|name| std::env::var(name).ok())?;
        let mut config = PelicanConfig::new(&settings);
        apply_toml_overrides(site, &mut config)?;
        if let Some(base) = &options.base_override {
            // `twir serve`: links stay on the preview server.
            config.set("SITEURL", PyValue::Str(base.clone()), 0);
            config.set("FEED_DOMAIN", PyValue::Str(base.clone()), 0);
        }
        let plugins = config.plugins()?;
        let jinja = config.jinja_environment()?;
        let tz = match config.opt_str("TIMEZONE")? {
            Some(name) => TimeZone::get(name).map_err(|e| {
                SiteError::PelicanConfig(
                    config.error("TIMEZONE", format!("unknown time zone `{name}`: {e}")),
                )
            })?,
            None => TimeZone::UTC,
        };
        Ok(PelicanSite {
            config,
            plugins,
            tz,
            jinja,
        })
    }

    /// The theme folder: `--theme`, else `THEME` relative to the repository (None when
    /// unset: only twir's stand-ins for Pelican's built-in templates).
    pub fn theme_dir(&self, root: &Path, options: &Options) -> Result<Option<PathBuf>, SiteError> {
        if let Some(t) = &options.theme_dir {
            return Ok(Some(t.clone()));
        }
        Ok(self.config.opt_str("THEME")?.map(|t| root.join(t)))
    }

    /// The path prefix of in-site links (`""` at a domain root).
    pub fn base_path(&self) -> String {
        let url = self.config.opt_str("SITEURL").ok().flatten().unwrap_or("");
        if url.starts_with('/') || url.is_empty() {
            url.trim_end_matches('/').to_string()
        } else {
            crate::urls::base_path(url)
        }
    }

    /// Loads the theme at `dir`.
    pub fn load_theme(
        &self,
        dir: Option<&Path>,
        search: bool,
    ) -> Result<twir_pelican::PelicanTheme, SiteError> {
        let options = twir_pelican::ThemeOptions {
            static_dir: self.config.string("THEME_STATIC_DIR")?.to_string(),
            static_paths: self.config.strings("THEME_STATIC_PATHS")?,
            webassets: self.plugins.webassets,
            trim_blocks: self.jinja.0,
            lstrip_blocks: self.jinja.1,
            search_box: search
                .then(|| twir_search::search_box_html(&format!("{}/", self.base_path()))),
        };
        Ok(twir_pelican::PelicanTheme::load(dir, options)?)
    }
}

/// Puts the keys `ROOT/twir.toml` sets explicitly over the Pelican settings.
fn apply_toml_overrides(site: &Site, config: &mut PelicanConfig) -> Result<(), SiteError> {
    let path = site.root.join("twir.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(SiteError::io(&path, e)),
    };
    // Already validated by `Site::open`; here only which keys are present matters.
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    let c = &site.config;
    for (section, key, setting) in TOML_OVERRIDES {
        let present = table
            .get(*section)
            .and_then(|s| s.as_table())
            .is_some_and(|s| s.contains_key(*key));
        if !present {
            continue;
        }
        let value = match (*section, *key) {
            ("site", "name") => PyValue::Str(c.site.name.clone()),
            ("site", "url") => PyValue::Str(c.site.url.trim_end_matches('/').to_string()),
            ("site", "description") => PyValue::Str(c.site.description.clone()),
            ("site", "author") => PyValue::Str(c.site.author.clone()),
            ("site", "language") => PyValue::Str(c.site.language.clone()),
            ("site", "timezone") => PyValue::Str(c.site.timezone.clone()),
            ("site", "per_page") => {
                PyValue::Int(i64::try_from(c.site.per_page).unwrap_or(i64::MAX))
            }
            ("site", "feed_items") => {
                PyValue::Int(i64::try_from(c.site.feed_items).unwrap_or(i64::MAX))
            }
            ("paths", "theme") => match &c.paths.theme {
                Some(t) => PyValue::Str(t.clone()),
                None => continue,
            },
            _ => continue,
        };
        config.set(setting, value, 0);
        if *setting == "SITEURL" {
            config.set(
                "FEED_DOMAIN",
                config.get("SITEURL").cloned().unwrap_or(PyValue::None),
                0,
            );
        }
    }
    Ok(())
}
