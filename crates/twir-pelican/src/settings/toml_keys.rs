//! Which `twir.toml` key stands for which Pelican setting, for error messages: when twir
//! cannot evaluate a setting, the error says what to write in `twir.toml` instead.

/// Pelican setting → `twir.toml` key (see `twir_content::config`).
const KEYS: [(&str, &str); 11] = [
    ("SITENAME", "site.name"),
    ("SITEURL", "site.url"),
    ("SITESUBTITLE", "site.description"),
    ("AUTHOR", "site.author"),
    ("DEFAULT_LANG", "site.language"),
    ("TIMEZONE", "site.timezone"),
    ("DEFAULT_PAGINATION", "site.per_page"),
    ("FEED_MAX_ITEMS", "site.feed_items"),
    ("THEME", "paths.theme"),
    ("PATH", "paths.content"),
    ("OUTPUT_PATH", "paths.output"),
];

/// The `twir.toml` key that overrides the Pelican setting `name`, if there is one.
pub fn twir_toml_key(name: &str) -> Option<&'static str> {
    KEYS.iter().find(|(n, _)| *n == name).map(|(_, key)| *key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_settings() {
        assert_eq!(twir_toml_key("SITEURL"), Some("site.url"));
        assert_eq!(twir_toml_key("THEME"), Some("paths.theme"));
        assert_eq!(twir_toml_key("PLUGINS"), None);
        assert_eq!(twir_toml_key("siteurl"), None);
    }
}
