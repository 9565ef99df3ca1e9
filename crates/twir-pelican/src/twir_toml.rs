//! The `twir.toml` keys that, when a repository's `twir.toml` sets them, win over its
//! `pelicanconf.py`: one home for the website and the email edition, which both read a
//! Pelican repository's settings.

use crate::{PelicanConfig, PyValue};
use std::path::PathBuf;
use twir_content::Site;

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

/// `twir.toml` exists but cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot read: {source}", path.display())]
pub struct TwirTomlError {
    /// `ROOT/twir.toml`.
    pub path: PathBuf,
    /// Why.
    pub source: std::io::Error,
}

/// Puts the keys `ROOT/twir.toml` sets explicitly over the Pelican settings.
pub fn apply_twir_toml(site: &Site, config: &mut PelicanConfig) -> Result<(), TwirTomlError> {
    let path = site.root.join("twir.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(TwirTomlError { path, source }),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PelicanSettings;

    fn config(root: &std::path::Path) -> PelicanConfig {
        let settings = PelicanSettings::parse(
            &root.join("pelicanconf.py"),
            "SITEURL = 'https://old.example.org'\nSITENAME = 'Old'\nTHEME = 'themes/a'\n",
            &|_| None,
        )
        .unwrap();
        PelicanConfig::new(&settings)
    }

    #[test]
    fn only_the_keys_twir_toml_sets_win() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("twir.toml"),
            "[site]\nurl = \"https://new.example.org/\"\n[paths]\ntheme = \"themes/b\"\n",
        )
        .unwrap();
        let site = Site::open(dir.path()).unwrap();
        let mut c = config(dir.path());
        apply_twir_toml(&site, &mut c).unwrap();
        assert_eq!(c.string("SITEURL").unwrap(), "https://new.example.org");
        assert_eq!(c.string("FEED_DOMAIN").unwrap(), "https://new.example.org");
        assert_eq!(c.string("THEME").unwrap(), "themes/b");
        assert_eq!(c.string("SITENAME").unwrap(), "Old");
    }

    #[test]
    fn no_twir_toml_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::open(dir.path()).unwrap();
        let mut c = config(dir.path());
        apply_twir_toml(&site, &mut c).unwrap();
        assert_eq!(c.string("SITEURL").unwrap(), "https://old.example.org");
    }
}
