//! Building a Pelican site as Pelican does: when the repository has a `pelicanconf.py`,
//! its settings, its Jinja2 theme, its URLs and its page set replace twir's own.
//!
//! Which settings win: `pelicanconf.py` over Pelican's defaults, then the keys a
//! `twir.toml` sets explicitly (see [`twir_pelican::TOML_OVERRIDES`]), then the command line (`--theme`,
//! and `twir serve`'s local links). A `twir.toml` alone (no `pelicanconf.py`) keeps twir's
//! own theme and layout.

pub mod load;
pub mod render;

use crate::error::SiteError;
use crate::project::Options;
use jiff::tz::TimeZone;
use std::path::{Path, PathBuf};
use twir_content::Site;
use twir_pelican::{PelicanConfig, PelicanSettings, Plugins, PyValue};

/// The settings file that makes a repository a Pelican site.
pub const SETTINGS_FILE: &str = "pelicanconf.py";

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
    /// What the `MARKDOWN` setting's `toc` extension gives headings.
    pub toc: Toc,
}

/// Heading ids and self-links, as the `toc` extension in the `MARKDOWN` setting gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toc {
    /// No `toc`: plain headings.
    Off,
    /// `toc`: headings get ids.
    Ids,
    /// `toc` with `anchorlink`: ids, and the heading text links to itself (TWiR's setting).
    AnchorLinks,
}

impl Toc {
    /// Reads `MARKDOWN` (`extensions` and `extension_configs`).
    pub fn from_config(config: &PelicanConfig) -> Toc {
        let Some(PyValue::Dict(markdown)) = config.get("MARKDOWN") else {
            return Toc::Off;
        };
        let is_toc = |name: &str| name == "toc" || name.ends_with(".toc");
        let mut toc = Toc::Off;
        for (key, value) in markdown {
            match (key.as_str(), value) {
                ("extensions", PyValue::List(items))
                    if toc == Toc::Off
                        && items
                            .iter()
                            .any(|i| matches!(i, PyValue::Str(s) if is_toc(s))) =>
                {
                    toc = Toc::Ids;
                }
                ("extension_configs", PyValue::Dict(exts)) => {
                    for (name, conf) in exts {
                        if !is_toc(name) {
                            continue;
                        }
                        let anchor = match conf {
                            PyValue::Dict(c) => c
                                .iter()
                                .any(|(k, v)| k == "anchorlink" && twir_pelican::config::truthy(v)),
                            _ => false,
                        };
                        toc = if anchor { Toc::AnchorLinks } else { Toc::Ids };
                    }
                }
                _ => {}
            }
        }
        toc
    }

    /// Takes off what twir's renderer adds (ids and self-links) beyond this setting.
    pub fn apply(self, html: String) -> String {
        if self == Toc::AnchorLinks || !html.contains("class=\"toclink\"") {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(at) = rest.find("<h") {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            match strip_heading(rest, self == Toc::Ids) {
                Some((replacement, used)) => {
                    out.push_str(&replacement);
                    rest = &rest[used..];
                }
                None => {
                    out.push_str("<h");
                    rest = &rest[2..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// `<hN id="X"><a class="toclink" href="#X">...</a></hN>` without the link (and the id
/// unless `keep_id`): the replacement and the bytes of `s` it replaces.
fn strip_heading(s: &str, keep_id: bool) -> Option<(String, usize)> {
    let level = s.as_bytes().get(2).filter(|b| (b'1'..=b'6').contains(b))?;
    let level = *level as char;
    let open_end = s.find('>')? + 1;
    let open = &s[..open_end];
    let id = open
        .strip_prefix(&format!("<h{level} id=\""))?
        .strip_suffix("\">")?;
    let link = format!("<a class=\"toclink\" href=\"#{id}\">");
    let inner_start = open_end + link.len();
    if !s[open_end..].starts_with(&link) {
        return None;
    }
    let close = format!("</a></h{level}>");
    let inner_len = s[inner_start..].find(&close)?;
    let inner = &s[inner_start..inner_start + inner_len];
    let start = if keep_id {
        open.to_string()
    } else {
        format!("<h{level}>")
    };
    Some((
        format!("{start}{inner}</h{level}>"),
        inner_start + inner_len + close.len(),
    ))
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
        twir_pelican::apply_twir_toml(site, &mut config)
            .map_err(|e| SiteError::io(e.path, e.source))?;
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
            toc: Toc::from_config(&config),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_settings_shape_headings() {
        let html = "<h2 id=\"a-b\"><a class=\"toclink\" href=\"#a-b\">A <a href=\"x\">b</a></a></h2>\n<p>t</p><h3 id=\"c\">C</h3>";
        assert_eq!(Toc::AnchorLinks.apply(html.into()), html);
        assert_eq!(
            Toc::Ids.apply(html.into()),
            "<h2 id=\"a-b\">A <a href=\"x\">b</a></h2>\n<p>t</p><h3 id=\"c\">C</h3>"
        );
        assert_eq!(
            Toc::Off.apply(html.into()),
            "<h2>A <a href=\"x\">b</a></h2>\n<p>t</p><h3 id=\"c\">C</h3>"
        );
        assert_eq!(
            Toc::Off.apply("<h2 id=\"é\"><a class=\"toclink\" href=\"#é\">É".into()),
            "<h2 id=\"é\"><a class=\"toclink\" href=\"#é\">É"
        );
    }
}
