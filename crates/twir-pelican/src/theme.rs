//! A Pelican theme folder as a minijinja environment that renders it the way Pelican's
//! Jinja2 environment does.
//!
//! - Templates are looked up in `THEME/templates/`, then in twir's fallback templates (the
//!   pages Pelican's built-in "simple" theme gives, written for twir); `!theme/NAME` and
//!   `!simple/NAME` name one side explicitly. A fallback extends the theme's `base.html`.
//! - `{% assets %}...{% endassets %}` (webassets) is translated when the template is
//!   loaded, building the bundle (see [`crate::assets`]).
//! - Jinja2's settings as Pelican sets them: `trim_blocks`, `lstrip_blocks`, no
//!   auto-escaping; values print as Python prints them (`None`, `True`).
//! - Filters `striptags`, `truncate`, `wordcount`, `center`, `filesizeformat`, `strftime`;
//!   Python methods on strings, lists and dicts (`.upper()`, `.format(...)`, `.items()`);
//!   `self.BLOCK()`; the values of [`crate::values`].
//! - `twir_search_box()`: twir's search box (empty when the site is built without search).
//!
//! Render with [`PelicanTheme::render`] and a context from [`crate::context`].

use crate::assets::{AssetEnv, BuiltAsset};
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// twir's fallback templates, by name.
pub const FALLBACK_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("fallback/base.html")),
    ("index.html", include_str!("fallback/index.html")),
    ("article.html", include_str!("fallback/article.html")),
    ("page.html", include_str!("fallback/page.html")),
    ("archives.html", include_str!("fallback/archives.html")),
    (
        "period_archives.html",
        include_str!("fallback/period_archives.html"),
    ),
    ("category.html", include_str!("fallback/category.html")),
    ("categories.html", include_str!("fallback/categories.html")),
    ("tag.html", include_str!("fallback/tag.html")),
    ("tags.html", include_str!("fallback/tags.html")),
    ("author.html", include_str!("fallback/author.html")),
    ("authors.html", include_str!("fallback/authors.html")),
    ("pagination.html", include_str!("fallback/pagination.html")),
    (
        "translations.html",
        include_str!("fallback/translations.html"),
    ),
    ("search.html", include_str!("fallback/search.html")),
    (
        "_twir_feed_links.html",
        include_str!("fallback/_twir_feed_links.html"),
    ),
    (
        "_twir_term_list.html",
        include_str!("fallback/_twir_term_list.html"),
    ),
    (
        "_twir_article_list.html",
        include_str!("fallback/_twir_article_list.html"),
    ),
    (
        "_twir_dated_links.html",
        include_str!("fallback/_twir_dated_links.html"),
    ),
];

/// How to load a theme.
#[derive(Debug, Clone)]
pub struct ThemeOptions {
    /// `THEME_STATIC_DIR`: where the theme's static files (and bundles) go in the site
    /// (`themes/rusted/static`; Pelican's default is `theme`).
    pub static_dir: String,
    /// `THEME_STATIC_PATHS`: the theme's folders copied there (default `["static"]`).
    pub static_paths: Vec<String>,
    /// Whether the webassets plugin is enabled (`{% assets %}` is otherwise an unknown tag,
    /// as in Pelican).
    pub webassets: bool,
    /// `JINJA_ENVIRONMENT`'s `trim_blocks` and `lstrip_blocks` (both true by default).
    pub trim_blocks: bool,
    /// See `trim_blocks`.
    pub lstrip_blocks: bool,
    /// The HTML `twir_search_box()` returns (None: search is off, it returns nothing).
    pub search_box: Option<String>,
}

impl Default for ThemeOptions {
    fn default() -> Self {
        ThemeOptions {
            static_dir: "theme".into(),
            static_paths: vec!["static".into()],
            webassets: true,
            trim_blocks: true,
            lstrip_blocks: true,
            search_box: None,
        }
    }
}

/// Why a theme could not be loaded or a page rendered.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ThemeError {
    /// A file or folder could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        message: String,
    },
    /// A template could not be parsed or rendered (or an `assets` tag used).
    #[error("{file}{}: template error: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The template file (its path for the theme's own templates).
        file: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
}

/// A loaded Pelican theme.
#[derive(Debug)]
pub struct PelicanTheme {
    /// The theme folder (None: only the fallback templates).
    pub dir: Option<PathBuf>,
    env: Environment<'static>,
    assets: Arc<AssetEnv>,
    files: Arc<BTreeMap<String, PathBuf>>,
    options: ThemeOptions,
}

impl PelicanTheme {
    /// Loads every template of `DIR/templates/` (translating `{% assets %}` and building the
    /// bundles) and checks their syntax, so that errors name the file and line before any
    /// page is rendered. `dir` None gives the fallback templates alone.
    pub fn load(dir: Option<&Path>, options: ThemeOptions) -> Result<PelicanTheme, ThemeError> {
        let sources_dirs: Vec<PathBuf> = dir
            .map(|d| options.static_paths.iter().map(|p| d.join(p)).collect())
            .unwrap_or_default();
        let assets = Arc::new(AssetEnv::new(sources_dirs, &options.static_dir));
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(ThemeError::Io {
                    path: dir.to_path_buf(),
                    message: "theme folder not found".into(),
                });
            }
            let tdir = dir.join("templates");
            for path in walk(&tdir)? {
                let Ok(rel) = path.strip_prefix(&tdir) else {
                    continue;
                };
                let name = rel.to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(&path).map_err(|e| ThemeError::Io {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                let text = if options.webassets {
                    crate::assets::translate(&text, &assets).map_err(|e| ThemeError::Template {
                        file: path.display().to_string(),
                        line: Some(e.line),
                        message: e.message,
                    })?
                } else {
                    text
                };
                sources.insert(name.clone(), text);
                files.insert(name, path);
            }
        }
        let fallback: BTreeMap<&'static str, &'static str> =
            FALLBACK_TEMPLATES.iter().copied().collect();
        let sources = Arc::new(sources);
        let mut env = Environment::new();
        env.set_trim_blocks(options.trim_blocks);
        env.set_lstrip_blocks(options.lstrip_blocks);
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_formatter(python_formatter);
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        crate::filters::register(&mut env);
        let search_box = Value::from_safe_string(options.search_box.clone().unwrap_or_default());
        env.add_function("twir_search_box", move || search_box.clone());
        let theme_sources = sources.clone();
        env.set_loader(move |name| {
            if let Some(rest) = name.strip_prefix("!simple/") {
                return Ok(fallback.get(rest).map(|s| s.to_string()));
            }
            if let Some(rest) = name.strip_prefix("!theme/") {
                return Ok(theme_sources.get(rest).cloned());
            }
            Ok(theme_sources
                .get(name)
                .cloned()
                .or_else(|| fallback.get(name).map(|s| s.to_string())))
        });
        let files = Arc::new(files);
        let theme = PelicanTheme {
            dir: dir.map(Path::to_path_buf),
            env,
            assets,
            files,
            options,
        };
        for name in sources.keys() {
            theme.env.get_template(name).map_err(|e| theme.error(&e))?;
        }
        Ok(theme)
    }

    /// The options the theme was loaded with.
    pub fn options(&self) -> &ThemeOptions {
        &self.options
    }

    /// The environment (to add globals before rendering).
    pub fn env_mut(&mut self) -> &mut Environment<'static> {
        &mut self.env
    }

    /// Whether the theme folder itself has template `name` (as opposed to a fallback).
    pub fn has_own_template(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Renders template `name` (`article.html`...) with `ctx`.
    pub fn render(&self, name: &str, ctx: Value) -> Result<String, ThemeError> {
        self.render_sized(name, ctx, 16 * 1024)
    }

    /// Like [`PelicanTheme::render`], into a buffer of `capacity` bytes to start with: a
    /// page that holds an article body is at least that long, and growing a buffer by
    /// doubling copies it and touches fresh memory each time.
    pub fn render_sized(
        &self,
        name: &str,
        ctx: Value,
        capacity: usize,
    ) -> Result<String, ThemeError> {
        let tmpl = self.env.get_template(name).map_err(|e| self.error(&e))?;
        let mut out = Vec::with_capacity(capacity);
        tmpl.render_captured_to(ctx, &mut out)
            .map_err(|e| self.error(&e))?;
        String::from_utf8(out).map_err(|e| ThemeError::Template {
            file: name.to_string(),
            line: None,
            message: format!("rendered text is not UTF-8: {e}"),
        })
    }

    /// The bundles `{% assets %}` tags built.
    pub fn built_assets(&self) -> Vec<BuiltAsset> {
        self.assets.built()
    }

    /// The theme's static files and where Pelican copies them: every file under each of
    /// `THEME_STATIC_PATHS`, to `THEME_STATIC_DIR/` (relative site paths, sorted).
    pub fn static_files(&self) -> Result<Vec<(String, PathBuf)>, ThemeError> {
        let Some(dir) = &self.dir else {
            return Ok(Vec::new());
        };
        let prefix = self.options.static_dir.trim_matches('/');
        let mut out = BTreeMap::new();
        for sp in &self.options.static_paths {
            let src = dir.join(sp);
            if src.is_file() {
                let name = src
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.insert(join(prefix, &name), src);
                continue;
            }
            for path in walk(&src)? {
                if let Ok(rel) = path.strip_prefix(&src) {
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    out.insert(join(prefix, &rel), path);
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    fn error(&self, e: &minijinja::Error) -> ThemeError {
        // An error inside an extended or included template is wrapped by the one of the
        // template being rendered: report the innermost place that has a template and line.
        let mut inner = e;
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            if let Some(m) = s.downcast_ref::<minijinja::Error>()
                && m.name().is_some()
                && m.line().is_some()
            {
                inner = m;
            }
            source = s.source();
        }
        let name = inner.name().unwrap_or("template").to_string();
        let file = self
            .files
            .get(&name)
            .map(|p| p.display().to_string())
            .unwrap_or(name);
        let mut message = inner.kind().to_string();
        if let Some(detail) = inner.detail() {
            message.push_str(": ");
            message.push_str(detail);
        }
        let mut source = std::error::Error::source(inner);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        if !std::ptr::eq(inner, e)
            && let Some(outer) = e.name()
        {
            message.push_str(&format!(" (rendering {outer})"));
        }
        ThemeError::Template {
            file,
            line: inner.line(),
            message,
        }
    }
}

fn join(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() {
        rel.to_string()
    } else {
        format!("{prefix}/{rel}")
    }
}

/// Every regular file under `dir`, sorted; hidden files and folders skipped (Pelican's
/// `IGNORE_FILES` default ignores `.#*`; editors' swap files start with `.` too). A
/// missing folder has no files.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, ThemeError> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| ThemeError::Io {
            path: d.clone(),
            message: e.to_string(),
        })?;
        for entry in rd {
            let entry = entry.map_err(|e| ThemeError::Io {
                path: d.clone(),
                message: e.to_string(),
            })?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let meta = std::fs::metadata(&path).map_err(|e| ThemeError::Io {
                path: path.clone(),
                message: e.to_string(),
            })?;
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Prints values as Jinja2 does in Python: `None`, `True`/`False`, lists and dicts in
/// Python's notation; undefined prints nothing.
fn python_formatter(
    out: &mut minijinja::Output,
    state: &State,
    value: &Value,
) -> Result<(), Error> {
    match value.kind() {
        ValueKind::Undefined => Ok(()),
        ValueKind::None => Ok(out.write_str("None")?),
        ValueKind::Bool => Ok(out.write_str(if value.is_true() { "True" } else { "False" })?),
        ValueKind::Seq | ValueKind::Map => {
            let mut s = String::new();
            python_repr(&mut s, value, 0).map_err(|_| Error::from(ErrorKind::WriteFailure))?;
            Ok(out.write_str(&s)?)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

fn python_repr(s: &mut String, v: &Value, depth: usize) -> std::fmt::Result {
    if depth > 32 {
        return s.write_str("...");
    }
    match v.kind() {
        ValueKind::None | ValueKind::Undefined => s.write_str("None"),
        ValueKind::Bool => s.write_str(if v.is_true() { "True" } else { "False" }),
        ValueKind::String => {
            let text = v.as_str().unwrap_or_default();
            let q = if text.contains('\'') && !text.contains('"') {
                '"'
            } else {
                '\''
            };
            s.write_char(q)?;
            for c in text.chars() {
                match c {
                    '\\' => s.write_str("\\\\")?,
                    '\n' => s.write_str("\\n")?,
                    c if c == q => {
                        s.write_char('\\')?;
                        s.write_char(c)?;
                    }
                    c => s.write_char(c)?,
                }
            }
            s.write_char(q)
        }
        ValueKind::Seq => {
            s.write_char('[')?;
            if let Ok(iter) = v.try_iter() {
                for (i, item) in iter.enumerate() {
                    if i > 0 {
                        s.write_str(", ")?;
                    }
                    python_repr(s, &item, depth + 1)?;
                }
            }
            s.write_char(']')
        }
        ValueKind::Map => {
            s.write_char('{')?;
            if let Ok(iter) = v.try_iter() {
                for (i, key) in iter.enumerate() {
                    if i > 0 {
                        s.write_str(", ")?;
                    }
                    python_repr(s, &key, depth + 1)?;
                    s.write_str(": ")?;
                    python_repr(s, &v.get_item(&key).unwrap_or_default(), depth + 1)?;
                }
            }
            s.write_char('}')
        }
        _ => write!(s, "{v}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    fn theme_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Result<PelicanTheme, ThemeError>) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let t = PelicanTheme::load(
            Some(dir.path()),
            ThemeOptions {
                static_dir: "themes/t/static".into(),
                ..ThemeOptions::default()
            },
        );
        (dir, t)
    }

    #[test]
    fn fallbacks_extend_the_theme_base() {
        let (_d, t) = theme_with(&[(
            "templates/base.html",
            "<title>{% block title %}{{ SITENAME }}{% endblock %}</title>\n{% block content %}{% endblock %}",
        )]);
        let t = t.unwrap();
        assert!(t.has_own_template("base.html"));
        assert!(!t.has_own_template("tags.html"));
        let out = t
            .render(
                "tags.html",
                context! { SITENAME => "S & Co", SITEURL => "https://x", tags => Vec::<Value>::new() },
            )
            .unwrap();
        assert!(out.starts_with("<title>S & Co - Tags</title>"), "{out}");
        assert!(out.contains("<h1>Tags for S & Co</h1>"), "{out}");
        let out = t
            .render("!simple/base.html", context! { SITENAME => "S" })
            .unwrap();
        assert!(out.contains("<!DOCTYPE html>"), "{out}");
    }

    #[test]
    fn python_printing_methods_and_self_blocks() {
        let (_d, t) = theme_with(&[(
            "templates/x.html",
            "{% block t %}T{{ n }}{% endblock %}|{{ self.t() }}|{{ none_value }}|{{ yes }}|{{ lst }}|{{ 'a-b'.upper() }}|{{ 'c/{slug}.xml'.format(slug='s') }}|{{ missing }}|{{ '<b>x</b>' }}",
        )]);
        let t = t.unwrap();
        let out = t
            .render(
                "x.html",
                context! { n => 1, none_value => (), yes => true, lst => vec!["a", "b"] },
            )
            .unwrap();
        assert_eq!(out, "T1|T1|None|True|['a', 'b']|A-B|c/s.xml||<b>x</b>");
    }

    #[test]
    fn unknown_tags_and_filters_name_the_file_and_line() {
        let (d, t) = theme_with(&[("templates/base.html", "a\n{% cache 10 %}x{% endcache %}")]);
        let e = t.unwrap_err().to_string();
        let file = d.path().join("templates/base.html").display().to_string();
        assert!(e.starts_with(&format!("{file}:2: template error")), "{e}");
        assert!(e.contains("unknown statement cache"), "{e}");
        let (d, t) = theme_with(&[("templates/base.html", "a\n\n{{ x|nosuch }}")]);
        let e = t
            .unwrap()
            .render("base.html", context! { x => 1 })
            .unwrap_err()
            .to_string();
        let file = d.path().join("templates/base.html").display().to_string();
        assert!(e.starts_with(&format!("{file}:3: template error")), "{e}");
        assert!(e.contains("nosuch"), "{e}");
    }

    #[test]
    fn assets_statics_and_search_box() {
        let (_d, t) = theme_with(&[
            (
                "templates/base.html",
                "{% assets filters=\"libsass,cssmin\", output=\"css/min.css\", \"css/a.scss\" %}<link href=\"/{{ ASSET_URL }}\">{% endassets %}{{ twir_search_box() }}",
            ),
            ("static/css/a.scss", "a { b { color: red; } }"),
            ("static/js/x.js", "x"),
        ]);
        let t = t.unwrap();
        let out = t.render("base.html", context! {}).unwrap();
        let built = t.built_assets();
        assert_eq!(built.len(), 1);
        assert_eq!(out, format!("<link href=\"/{}\">", built[0].url));
        assert!(built[0].url.starts_with("themes/t/static/css/min.css?"));
        assert_eq!(built[0].bytes, b"a b{color:red}");
        let statics: Vec<String> = t.static_files().unwrap().into_iter().map(|s| s.0).collect();
        assert_eq!(
            statics,
            ["themes/t/static/css/a.scss", "themes/t/static/js/x.js"]
        );
    }
}
