//! Pelican's settings as a site build uses them: the values `pelicanconf.py` assigns over
//! Pelican 4.7's defaults, adjusted as Pelican adjusts them when it starts (`SITEURL`
//! without trailing slash, `FEED_DOMAIN` defaulting to it, sorted pagination rules), with
//! typed accessors whose errors name the file, line and setting.

use crate::values::{PaginationRule, py_value};
use crate::{PelicanSettings, PyValue};
use minijinja::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A setting with the wrong type or value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {setting}: {reason}", location(path, *line))]
pub struct ConfigError {
    /// The settings file.
    pub path: PathBuf,
    /// 1-based line of the assignment (0 for a default value).
    pub line: usize,
    /// The setting.
    pub setting: String,
    /// What is wrong.
    pub reason: String,
}

fn location(path: &Path, line: usize) -> String {
    if line == 0 {
        format!("{} (Pelican's default)", path.display())
    } else {
        format!("{}:{line}", path.display())
    }
}

/// The plugins `PLUGINS` enables that twir provides natively.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Plugins {
    /// `webassets` (`{% assets %}`).
    pub webassets: bool,
    /// `neighbors` (`prev_article`, `next_article`...).
    pub neighbors: bool,
    /// `search` (twir's search index replaces it).
    pub search: bool,
}

/// Every setting, file values over Pelican's defaults.
#[derive(Debug, Clone)]
pub struct PelicanConfig {
    /// The settings file.
    pub path: PathBuf,
    values: BTreeMap<String, PyValue>,
    lines: BTreeMap<String, usize>,
}

fn s(v: &str) -> PyValue {
    PyValue::Str(v.to_string())
}

fn list(items: &[&str]) -> PyValue {
    PyValue::List(items.iter().map(|i| s(i)).collect())
}

/// Pelican 4.7's default settings (those that shape the site or that templates read).
pub fn defaults() -> Vec<(&'static str, PyValue)> {
    let pagination = PyValue::List(vec![
        PyValue::List(vec![
            PyValue::Int(1),
            s("{name}{extension}"),
            s("{name}{extension}"),
        ]),
        PyValue::List(vec![
            PyValue::Int(2),
            s("{name}{number}{extension}"),
            s("{name}{number}{extension}"),
        ]),
    ]);
    let paginated = PyValue::Dict(
        ["index", "tag", "category", "author"]
            .iter()
            .map(|k| (k.to_string(), PyValue::None))
            .collect(),
    );
    vec![
        ("PATH", s(".")),
        ("ARTICLE_PATHS", list(&[""])),
        ("ARTICLE_EXCLUDES", list(&[])),
        ("PAGE_PATHS", list(&["pages"])),
        ("PAGE_EXCLUDES", list(&[])),
        ("OUTPUT_PATH", s("output")),
        ("STATIC_PATHS", list(&["images"])),
        ("STATIC_EXCLUDES", list(&[])),
        ("STATIC_EXCLUDE_SOURCES", PyValue::Bool(true)),
        ("THEME_STATIC_DIR", s("theme")),
        ("THEME_STATIC_PATHS", list(&["static"])),
        ("FEED_ALL_ATOM", s("feeds/all.atom.xml")),
        ("CATEGORY_FEED_ATOM", s("feeds/{slug}.atom.xml")),
        ("AUTHOR_FEED_ATOM", s("feeds/{slug}.atom.xml")),
        ("AUTHOR_FEED_RSS", s("feeds/{slug}.rss.xml")),
        ("TRANSLATION_FEED_ATOM", s("feeds/all-{lang}.atom.xml")),
        ("FEED_MAX_ITEMS", s("")),
        ("RSS_FEED_SUMMARY_ONLY", PyValue::Bool(true)),
        ("SITEURL", s("")),
        ("SITENAME", s("A Pelican Blog")),
        ("DISPLAY_PAGES_ON_MENU", PyValue::Bool(true)),
        ("DISPLAY_CATEGORIES_ON_MENU", PyValue::Bool(true)),
        ("OUTPUT_SOURCES", PyValue::Bool(false)),
        ("OUTPUT_SOURCES_EXTENSION", s(".text")),
        ("USE_FOLDER_AS_CATEGORY", PyValue::Bool(true)),
        ("DEFAULT_CATEGORY", s("misc")),
        ("WITH_FUTURE_DATES", PyValue::Bool(true)),
        ("CSS_FILE", s("main.css")),
        ("NEWEST_FIRST_ARCHIVES", PyValue::Bool(true)),
        ("REVERSE_CATEGORY_ORDER", PyValue::Bool(false)),
        ("INDEX_SAVE_AS", s("index.html")),
        ("ARTICLE_URL", s("{slug}.html")),
        ("ARTICLE_SAVE_AS", s("{slug}.html")),
        ("ARTICLE_ORDER_BY", s("reversed-date")),
        ("ARTICLE_LANG_URL", s("{slug}-{lang}.html")),
        ("ARTICLE_LANG_SAVE_AS", s("{slug}-{lang}.html")),
        ("DRAFT_URL", s("drafts/{slug}.html")),
        ("DRAFT_SAVE_AS", s("drafts/{slug}.html")),
        ("DRAFT_LANG_URL", s("drafts/{slug}-{lang}.html")),
        ("DRAFT_LANG_SAVE_AS", s("drafts/{slug}-{lang}.html")),
        ("PAGE_URL", s("pages/{slug}.html")),
        ("PAGE_SAVE_AS", s("pages/{slug}.html")),
        ("PAGE_ORDER_BY", s("basename")),
        ("PAGE_LANG_URL", s("pages/{slug}-{lang}.html")),
        ("PAGE_LANG_SAVE_AS", s("pages/{slug}-{lang}.html")),
        ("DRAFT_PAGE_URL", s("drafts/pages/{slug}.html")),
        ("DRAFT_PAGE_SAVE_AS", s("drafts/pages/{slug}.html")),
        ("STATIC_URL", s("{path}")),
        ("STATIC_SAVE_AS", s("{path}")),
        ("CATEGORY_URL", s("category/{slug}.html")),
        ("CATEGORY_SAVE_AS", s("category/{slug}.html")),
        ("TAG_URL", s("tag/{slug}.html")),
        ("TAG_SAVE_AS", s("tag/{slug}.html")),
        ("AUTHOR_URL", s("author/{slug}.html")),
        ("AUTHOR_SAVE_AS", s("author/{slug}.html")),
        ("PAGINATION_PATTERNS", pagination),
        ("YEAR_ARCHIVE_URL", s("")),
        ("YEAR_ARCHIVE_SAVE_AS", s("")),
        ("MONTH_ARCHIVE_URL", s("")),
        ("MONTH_ARCHIVE_SAVE_AS", s("")),
        ("DAY_ARCHIVE_URL", s("")),
        ("DAY_ARCHIVE_SAVE_AS", s("")),
        ("RELATIVE_URLS", PyValue::Bool(false)),
        ("DEFAULT_LANG", s("en")),
        ("ARTICLE_TRANSLATION_ID", s("slug")),
        ("PAGE_TRANSLATION_ID", s("slug")),
        (
            "DIRECT_TEMPLATES",
            list(&["index", "tags", "categories", "authors", "archives"]),
        ),
        ("THEME_TEMPLATES_OVERRIDES", list(&[])),
        ("PAGINATED_TEMPLATES", paginated),
        ("DEFAULT_DATE_FORMAT", s("%a %d %B %Y")),
        ("DATE_FORMATS", PyValue::Dict(Vec::new())),
        (
            "JINJA_ENVIRONMENT",
            PyValue::Dict(vec![
                ("trim_blocks".into(), PyValue::Bool(true)),
                ("lstrip_blocks".into(), PyValue::Bool(true)),
                ("extensions".into(), PyValue::List(Vec::new())),
            ]),
        ),
        ("JINJA_FILTERS", PyValue::Dict(Vec::new())),
        ("JINJA_GLOBALS", PyValue::Dict(Vec::new())),
        ("JINJA_TESTS", PyValue::Dict(Vec::new())),
        ("LOCALE", list(&[""])),
        ("DEFAULT_PAGINATION", PyValue::Bool(false)),
        ("DEFAULT_ORPHANS", PyValue::Int(0)),
        ("DEFAULT_METADATA", PyValue::Dict(Vec::new())),
        ("FILENAME_METADATA", s(r"(?P<date>\d{4}-\d{2}-\d{2}).*")),
        ("PATH_METADATA", s("")),
        ("EXTRA_PATH_METADATA", PyValue::Dict(Vec::new())),
        ("TYPOGRIFY", PyValue::Bool(false)),
        ("SUMMARY_END_SUFFIX", s("\u{2026}")),
        ("SUMMARY_MAX_LENGTH", PyValue::Int(50)),
        ("PLUGIN_PATHS", list(&[])),
        ("PLUGINS", PyValue::None),
        ("TEMPLATE_PAGES", PyValue::Dict(Vec::new())),
        ("TEMPLATE_EXTENSIONS", list(&[".html"])),
        ("IGNORE_FILES", list(&[".#*"])),
        ("SLUGIFY_SOURCE", s("title")),
        ("SLUGIFY_USE_UNICODE", PyValue::Bool(false)),
        ("SLUGIFY_PRESERVE_CASE", PyValue::Bool(false)),
        ("CACHE_CONTENT", PyValue::Bool(false)),
        ("FORMATTED_FIELDS", list(&["summary"])),
        ("PORT", PyValue::Int(8000)),
        ("BIND", s("127.0.0.1")),
    ]
}

/// Python's truthiness.
pub fn truthy(v: &PyValue) -> bool {
    match v {
        PyValue::None => false,
        PyValue::Bool(b) => *b,
        PyValue::Int(i) => *i != 0,
        PyValue::Float(f) => *f != 0.0,
        PyValue::Str(s) => !s.is_empty(),
        PyValue::List(l) => !l.is_empty(),
        PyValue::Dict(d) => !d.is_empty(),
    }
}

impl PelicanConfig {
    /// The settings of `file` over the defaults, adjusted as Pelican does at start-up.
    pub fn new(file: &PelicanSettings) -> PelicanConfig {
        let mut c = PelicanConfig {
            path: file.path.clone(),
            values: defaults()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            lines: BTreeMap::new(),
        };
        for setting in &file.settings {
            c.values.insert(setting.name.clone(), setting.value.clone());
            c.lines.insert(setting.name.clone(), setting.line);
        }
        c.adjust(file.get("FEED_DOMAIN").is_some());
        c
    }

    /// Replaces a setting (a `twir.toml` override; `line` 0 when it has none).
    pub fn set(&mut self, name: &str, value: PyValue, line: usize) {
        self.values.insert(name.to_string(), value);
        self.lines.insert(name.to_string(), line);
    }

    fn adjust(&mut self, feed_domain_set: bool) {
        if let Some(PyValue::Str(url)) = self.values.get_mut("SITEURL") {
            while url.ends_with('/') {
                url.pop();
            }
        }
        if !feed_domain_set && let Some(url) = self.values.get("SITEURL").cloned() {
            self.values.insert("FEED_DOMAIN".into(), url);
        }
        if let Some(PyValue::Str(lang)) = self.values.get_mut("DEFAULT_LANG") {
            *lang = lang.to_lowercase();
        }
    }

    /// The value of `name`, if set (in the file or by default).
    pub fn get(&self, name: &str) -> Option<&PyValue> {
        self.values.get(name)
    }

    /// Line of `name` in the file (0: a default).
    pub fn line(&self, name: &str) -> usize {
        self.lines.get(name).copied().unwrap_or(0)
    }

    /// An error about `name`.
    pub fn error(&self, name: &str, reason: impl Into<String>) -> ConfigError {
        ConfigError {
            path: self.path.clone(),
            line: self.line(name),
            setting: name.to_string(),
            reason: reason.into(),
        }
    }

    /// Whether `name` is set to a true value (Python's truthiness); unset is false.
    pub fn truthy(&self, name: &str) -> bool {
        self.get(name).is_some_and(truthy)
    }

    /// A string setting; `None` when unset or set to a false value (`None`, `''`, `False`),
    /// which Pelican reads as "off".
    pub fn opt_str(&self, name: &str) -> Result<Option<&str>, ConfigError> {
        match self.get(name) {
            None => Ok(None),
            Some(PyValue::Str(s)) if s.is_empty() => Ok(None),
            Some(PyValue::Str(s)) => Ok(Some(s)),
            Some(v) if !truthy(v) => Ok(None),
            Some(_) => Err(self.error(name, "expected a string")),
        }
    }

    /// A string setting that must be there (Pelican's defaults included).
    pub fn string(&self, name: &str) -> Result<&str, ConfigError> {
        match self.get(name) {
            Some(PyValue::Str(s)) => Ok(s),
            Some(_) => Err(self.error(name, "expected a string")),
            None => Err(self.error(name, "not set")),
        }
    }

    /// A list of strings (a single string is a misconfiguration Pelican replaces with the
    /// default; twir says so instead).
    pub fn strings(&self, name: &str) -> Result<Vec<String>, ConfigError> {
        match self.get(name) {
            None | Some(PyValue::None) => Ok(Vec::new()),
            Some(PyValue::List(items)) => items
                .iter()
                .map(|i| match i {
                    PyValue::Str(s) => Ok(s.clone()),
                    _ => Err(self.error(name, "expected a list of strings")),
                })
                .collect(),
            Some(_) => Err(self.error(name, "expected a list of strings")),
        }
    }

    /// A positive number, or `None` when set to a false value (`DEFAULT_PAGINATION = False`,
    /// `FEED_MAX_ITEMS = ''`).
    pub fn opt_count(&self, name: &str) -> Result<Option<usize>, ConfigError> {
        match self.get(name) {
            Some(PyValue::Int(i)) if *i > 0 => Ok(Some(usize::try_from(*i).unwrap_or(usize::MAX))),
            Some(v) if !truthy(v) => Ok(None),
            None => Ok(None),
            Some(_) => Err(self.error(name, "expected a whole number")),
        }
    }

    /// `PAGINATION_PATTERNS`, sorted by first page.
    pub fn pagination_rules(&self) -> Result<Vec<PaginationRule>, ConfigError> {
        let name = "PAGINATION_PATTERNS";
        let bad = || self.error(name, "expected a list of (min_page, URL, SAVE_AS)");
        let Some(PyValue::List(rules)) = self.get(name) else {
            return Err(bad());
        };
        let mut out = Vec::new();
        for r in rules {
            match r {
                PyValue::List(t) => match t.as_slice() {
                    [PyValue::Int(min), PyValue::Str(url), PyValue::Str(save_as)] => {
                        out.push(PaginationRule {
                            min_page: *min,
                            url: url.clone(),
                            save_as: save_as.clone(),
                        })
                    }
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            }
        }
        out.sort_by_key(|r| r.min_page);
        Ok(out)
    }

    /// Items per page of paginated template `template` (`index`, `tag`, `category`,
    /// `author`...), or `None` when it is not paginated (one page with everything still
    /// gets `articles_page`).
    pub fn pagination_of(&self, template: &str) -> Result<Option<Option<usize>>, ConfigError> {
        let name = "PAGINATED_TEMPLATES";
        let Some(PyValue::Dict(pairs)) = self.get(name) else {
            return Err(self.error(name, "expected a dict of template names"));
        };
        let Some((_, v)) = pairs.iter().find(|(k, _)| k == template) else {
            return Ok(None);
        };
        let per_page = match v {
            PyValue::Int(n) if *n > 0 => Some(usize::try_from(*n).unwrap_or(usize::MAX)),
            v if !truthy(v) => self.opt_count("DEFAULT_PAGINATION")?,
            _ => return Err(self.error(name, format!("`{template}`: expected a number or None"))),
        };
        Ok(Some(per_page))
    }

    /// The plugins `PLUGINS` enables; any twir does not provide is an error.
    pub fn plugins(&self) -> Result<Plugins, ConfigError> {
        let mut p = Plugins::default();
        for name in self.strings("PLUGINS")? {
            let short = name
                .trim_start_matches("pelican.plugins.")
                .trim_start_matches("pelican_");
            match short {
                "webassets" | "assets" => p.webassets = true,
                "neighbors" => p.neighbors = true,
                "search" => p.search = true,
                _ => {
                    return Err(self.error(
                        "PLUGINS",
                        format!(
                            "unknown Pelican plugin `{name}`: twir provides webassets, neighbors and search natively"
                        ),
                    ));
                }
            }
        }
        Ok(p)
    }

    /// `JINJA_ENVIRONMENT`'s `trim_blocks` and `lstrip_blocks`; extensions other than
    /// webassets' are errors.
    pub fn jinja_environment(&self) -> Result<(bool, bool), ConfigError> {
        let name = "JINJA_ENVIRONMENT";
        let Some(PyValue::Dict(pairs)) = self.get(name) else {
            return Err(self.error(name, "expected a dict"));
        };
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v);
        for (k, v) in pairs {
            match k.as_str() {
                "trim_blocks" | "lstrip_blocks" | "keep_trailing_newline" => {}
                "extensions" if !truthy(v) => {}
                other => {
                    return Err(self.error(
                        name,
                        format!("`{other}` is not supported by twir's template engine"),
                    ));
                }
            }
        }
        Ok((
            get("trim_blocks").is_none_or(truthy),
            get("lstrip_blocks").is_none_or(truthy),
        ))
    }

    /// Every setting as templates see it.
    pub fn template_values(&self) -> BTreeMap<String, Value> {
        self.values
            .iter()
            .map(|(k, v)| (k.clone(), py_value(v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Setting;

    fn file(settings: &[(&str, PyValue, usize)]) -> PelicanSettings {
        PelicanSettings {
            path: PathBuf::from("pelicanconf.py"),
            settings: settings
                .iter()
                .map(|(n, v, l)| Setting {
                    name: n.to_string(),
                    value: v.clone(),
                    line: *l,
                })
                .collect(),
        }
    }

    #[test]
    fn file_over_defaults_adjusted_like_pelican() {
        let c = PelicanConfig::new(&file(&[
            ("SITEURL", s("https://x.org/"), 3),
            ("DEFAULT_PAGINATION", PyValue::Int(10), 4),
            ("PLUGINS", list(&["webassets", "neighbors"]), 5),
            ("DEFAULT_LANG", s("EN"), 6),
        ]));
        assert_eq!(c.string("SITEURL").unwrap(), "https://x.org");
        assert_eq!(c.string("FEED_DOMAIN").unwrap(), "https://x.org");
        assert_eq!(c.string("DEFAULT_LANG").unwrap(), "en");
        assert_eq!(c.string("TAG_URL").unwrap(), "tag/{slug}.html");
        assert_eq!(c.pagination_of("index").unwrap(), Some(Some(10)));
        assert_eq!(c.pagination_of("archives").unwrap(), None);
        assert_eq!(c.opt_count("FEED_MAX_ITEMS").unwrap(), None);
        assert_eq!(c.opt_str("FEED_RSS").unwrap(), None);
        assert_eq!(c.pagination_rules().unwrap().len(), 2);
        let p = c.plugins().unwrap();
        assert!(p.webassets && p.neighbors && !p.search);
        assert_eq!(c.jinja_environment().unwrap(), (true, true));
        assert!(c.template_values().contains_key("AUTHOR_FEED_RSS"));
    }

    #[test]
    fn errors_name_file_line_and_setting() {
        let c = PelicanConfig::new(&file(&[
            ("PLUGINS", list(&["sitemap"]), 7),
            ("SITENAME", PyValue::Int(3), 2),
        ]));
        assert_eq!(
            c.plugins().unwrap_err().to_string(),
            "pelicanconf.py:7: PLUGINS: unknown Pelican plugin `sitemap`: twir provides webassets, neighbors and search natively"
        );
        assert_eq!(
            c.string("SITENAME").unwrap_err().to_string(),
            "pelicanconf.py:2: SITENAME: expected a string"
        );
        assert_eq!(
            c.string("NOPE").unwrap_err().to_string(),
            "pelicanconf.py (Pelican's default): NOPE: not set"
        );
    }
}
