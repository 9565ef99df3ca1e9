//! Templates and static files: the built-in theme, embedded in the binary, overridden file by
//! file by a theme folder (`templates/NAME.html`, `static/...`).

use crate::error::SiteError;
use minijinja::Environment;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The built-in templates.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../theme/templates/base.html")),
    (
        "macros.html",
        include_str!("../theme/templates/macros.html"),
    ),
    ("issue.html", include_str!("../theme/templates/issue.html")),
    ("index.html", include_str!("../theme/templates/index.html")),
    (
        "archives.html",
        include_str!("../theme/templates/archives.html"),
    ),
    (
        "category.html",
        include_str!("../theme/templates/category.html"),
    ),
    (
        "categories.html",
        include_str!("../theme/templates/categories.html"),
    ),
    ("tag.html", include_str!("../theme/templates/tag.html")),
    ("tags.html", include_str!("../theme/templates/tags.html")),
    ("page.html", include_str!("../theme/templates/page.html")),
    ("404.html", include_str!("../theme/templates/404.html")),
    (
        "search.html",
        include_str!("../theme/templates/search.html"),
    ),
];

/// The built-in stylesheet (SCSS).
pub const DEFAULT_SCSS: &str = include_str!("../theme/static/style.scss");

/// Folder (under the site root) static files are written to.
pub const STATIC_PREFIX: &str = "theme/";

/// A loaded theme: its template environment and where its overrides come from, or a
/// Pelican theme (sites built from `pelicanconf.py`).
#[derive(Debug)]
pub struct Theme {
    /// The theme folder, if any.
    pub dir: Option<PathBuf>,
    env: Environment<'static>,
    overridden: BTreeMap<String, PathBuf>,
    pelican: Option<twir_pelican::PelicanTheme>,
}

impl Theme {
    /// Loads the built-in templates, then every `*.html` of `DIR/templates/` over them.
    /// Syntax errors are reported with the override's file and line.
    pub fn load(dir: Option<&Path>) -> Result<Theme, SiteError> {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_formatter(html_formatter);
        let mut overridden = BTreeMap::new();
        let mut sources: BTreeMap<String, String> = TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(SiteError::io(
                    dir,
                    std::io::Error::new(std::io::ErrorKind::NotFound, "theme folder not found"),
                ));
            }
            let tdir = dir.join("templates");
            if tdir.is_dir() {
                for path in crate::assets::walk(&tdir)? {
                    let Ok(rel) = path.strip_prefix(&tdir) else {
                        continue;
                    };
                    let name = rel.to_string_lossy().replace('\\', "/");
                    if !(name.ends_with(".html")
                        || name.ends_with(".xml")
                        || name.ends_with(".txt"))
                    {
                        continue;
                    }
                    let text =
                        std::fs::read_to_string(&path).map_err(|e| SiteError::io(&path, e))?;
                    sources.insert(name.clone(), text);
                    overridden.insert(name, path);
                }
            }
        }
        for (name, text) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), text) {
                return Err(with_file(SiteError::template(&e), &overridden));
            }
        }
        Ok(Theme {
            dir: dir.map(Path::to_path_buf),
            env,
            overridden,
            pelican: None,
        })
    }

    /// A Pelican theme.
    pub fn pelican(theme: twir_pelican::PelicanTheme) -> Theme {
        Theme {
            dir: theme.dir.clone(),
            env: Environment::new(),
            overridden: BTreeMap::new(),
            pelican: Some(theme),
        }
    }

    /// The Pelican theme, when the site is a Pelican site.
    pub fn as_pelican(&self) -> Option<&twir_pelican::PelicanTheme> {
        self.pelican.as_ref()
    }

    /// The template environment.
    pub fn env(&self) -> &Environment<'static> {
        &self.env
    }

    /// Renders template `name` with `ctx`, naming the override file in errors.
    pub fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, SiteError> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| with_file(SiteError::template(&e), &self.overridden))?;
        tmpl.render(ctx)
            .map_err(|e| with_file(SiteError::template(&e), &self.overridden))
    }

    /// The static files of the site: the built-in stylesheet, then the theme's `static/` tree
    /// (replacing files of the same name). `.scss` files are compiled to `.css`; partials
    /// (`_name.scss`) are only imported. Paths are relative to the site root.
    pub fn static_files(&self) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
        let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        if let Some(p) = &self.pelican {
            // Pelican copies the theme's static folders as they are; webassets bundles go
            // beside them.
            for (rel, path) in p.static_files()? {
                let bytes = std::fs::read(&path).map_err(|e| SiteError::io(&path, e))?;
                out.insert(rel, bytes);
            }
            for b in p.built_assets() {
                out.insert(b.path, b.bytes);
            }
            return Ok(out.into_iter().collect());
        }
        out.insert(
            format!("{STATIC_PREFIX}style.css"),
            default_css()?.as_bytes().to_vec(),
        );
        let Some(sdir) = self.dir.as_ref().map(|d| d.join("static")) else {
            return Ok(out.into_iter().collect());
        };
        if !sdir.is_dir() {
            return Ok(out.into_iter().collect());
        }
        for path in crate::assets::walk(&sdir)? {
            let Ok(rel) = path.strip_prefix(&sdir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            if let Some(stem) = rel.strip_suffix(".scss") {
                if file_name.starts_with('_') {
                    continue;
                }
                let css = compile_scss_file(&path, &sdir)?;
                out.insert(format!("{STATIC_PREFIX}{stem}.css"), css.into_bytes());
            } else {
                let bytes = std::fs::read(&path).map_err(|e| SiteError::io(&path, e))?;
                out.insert(format!("{STATIC_PREFIX}{rel}"), bytes);
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// Escapes like minijinja's default formatter, except that `/` stays as it is: URLs are
/// everywhere in these pages, and `&#x2f;` only makes them harder to read.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if matches!(state.auto_escape(), minijinja::AutoEscape::Html)
        && !value.is_safe()
        && let Some(s) = value.as_str()
    {
        // markupsafe's form (`'` as `&#39;`); C0 controls are errors in HTML and metadata may
        // still carry one, so they are dropped.
        return Ok(twir_escape::write_template_value(out, s)?);
    }
    minijinja::escape_formatter(out, state, value)
}

fn with_file(err: SiteError, overridden: &BTreeMap<String, PathBuf>) -> SiteError {
    match err {
        SiteError::Template {
            name,
            line,
            message,
        } => SiteError::Template {
            name: overridden
                .get(&name)
                .map(|p| p.display().to_string())
                .unwrap_or(name),
            line,
            message,
        },
        other => other,
    }
}

fn scss_options(load_path: Option<&Path>) -> grass::Options<'_> {
    let opts = grass::Options::default().style(grass::OutputStyle::Compressed);
    match load_path {
        Some(p) => opts.load_path(p),
        None => opts,
    }
}

/// The built-in stylesheet, compiled once per process.
pub fn default_css() -> Result<&'static str, SiteError> {
    static CSS: OnceLock<Result<String, String>> = OnceLock::new();
    CSS.get_or_init(|| {
        grass::from_string(DEFAULT_SCSS, &scss_options(None)).map_err(|e| e.to_string())
    })
    .as_deref()
    .map_err(|message| SiteError::Scss {
        path: PathBuf::from("<built-in theme>/static/style.scss"),
        message: message.clone(),
    })
}

fn compile_scss_file(path: &Path, load_path: &Path) -> Result<String, SiteError> {
    grass::from_path(path, &scss_options(Some(load_path))).map_err(|e| SiteError::Scss {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_theme_loads_and_compiles() {
        let t = Theme::load(None).unwrap();
        assert!(t.env().get_template("issue.html").is_ok());
        let css = default_css().unwrap();
        let squashed = css.replace(' ', "");
        assert!(
            squashed.contains("@media(prefers-color-scheme:dark)"),
            "{css}"
        );
        assert!(squashed.contains("overflow-wrap:break-word"), "{css}");
        assert!(squashed.contains("overflow-x:auto"), "{css}");
        let files = t.static_files().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "theme/style.css");
    }

    #[test]
    fn overrides_and_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(
            dir.path().join("templates/404.html"),
            "gone {{ site.name }}",
        )
        .unwrap();
        std::fs::write(dir.path().join("static/_vars.scss"), "$c: red;").unwrap();
        std::fs::write(
            dir.path().join("static/extra.scss"),
            "@use 'vars';\na { b { color: vars.$c; } }",
        )
        .unwrap();
        std::fs::write(dir.path().join("static/img/x.svg"), "<svg/>").unwrap();
        let t = Theme::load(Some(dir.path())).unwrap();
        let out = t
            .render(
                "404.html",
                minijinja::context! { site => minijinja::context! { name => "N" } },
            )
            .unwrap();
        assert_eq!(out, "gone N");
        let files = t.static_files().unwrap();
        let names: Vec<_> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            ["theme/extra.css", "theme/img/x.svg", "theme/style.css"]
        );
        assert_eq!(String::from_utf8_lossy(&files[0].1), "a b{color:red}");

        std::fs::write(dir.path().join("templates/issue.html"), "line\n{% if %}").unwrap();
        let e = Theme::load(Some(dir.path())).unwrap_err().to_string();
        assert!(e.contains("templates/issue.html:2: template error"), "{e}");
        std::fs::write(dir.path().join("templates/issue.html"), "ok").unwrap();
        std::fs::write(dir.path().join("static/bad.scss"), "a { color: $nope; }").unwrap();
        let e = Theme::load(Some(dir.path()))
            .unwrap()
            .static_files()
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.scss: SCSS error"), "{e}");
    }
}
