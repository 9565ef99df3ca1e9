//! A site in memory: every source file parsed and rendered once, kept so that a live rebuild
//! only re-reads the files that changed.

use crate::context::{Ctx, RenderSettings};
use crate::error::SiteError;
use crate::load;
use crate::model::{Entry, Kind, SiteModel};
use crate::pages::{Job, Output, Renderer};
use crate::pelican::PelicanSite;
use crate::theme::Theme;
use jiff::tz::TimeZone;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use twir_content::Site;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Theme folder; overrides `paths.theme` of the configuration.
    pub theme_dir: Option<PathBuf>,
    /// Include `draft/*.md`.
    pub drafts: bool,
    /// Write the search index and show the search box.
    pub search: bool,
    /// Skip broken files instead of failing.
    pub keep_going: bool,
    /// Add the live-reload script to every HTML page (`twir serve`).
    pub livereload: bool,
    /// Path prefix of in-site links, instead of the one in `site.url` (`twir serve` uses `""`).
    pub base_override: Option<String>,
}

/// Where the time of a build went. Phases run one after another, each in parallel.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading files and checking metadata.
    pub parse: Duration,
    /// Rendering Markdown bodies.
    pub render: Duration,
    /// Laying out pages, feeds and sitemap, and writing every file.
    pub write: Duration,
    /// Building the search index.
    pub search: Duration,
    /// Swapping the new site in and removing the old one.
    pub swap: Duration,
    /// Wall time of the whole build.
    pub total: Duration,
}

/// A source file's state.
#[derive(Debug, Clone)]
pub struct Source {
    /// What it is.
    pub kind: Kind,
    /// Its entry, or why it could not be read.
    pub entry: Result<Arc<Entry>, Arc<SiteError>>,
}

/// The site's sources, loaded.
#[derive(Debug)]
pub struct Project {
    /// The repository.
    pub site: Site,
    /// Build options.
    pub options: Options,
    /// Templates and static files.
    pub theme: Theme,
    tz: TimeZone,
    sources: BTreeMap<PathBuf, Source>,
    /// Files that are not built (the `.rst` issue), as messages.
    pub warnings: Vec<String>,
    /// The Pelican settings, when the repository has a `pelicanconf.py`.
    pub pelican: Option<Arc<PelicanSite>>,
}

impl Project {
    /// Prepares a project: time zone and theme; no content is read yet.
    /// With a `pelicanconf.py` at the root, the site is built as Pelican builds it (see
    /// [`crate::pelican`]).
    pub fn new(site: Site, options: Options) -> Result<Project, SiteError> {
        let pelican = match crate::pelican::settings_file(&site.root) {
            Some(file) => Some(Arc::new(PelicanSite::load(&site, &file, &options)?)),
            None => None,
        };
        let tz = match &pelican {
            Some(p) => p.tz.clone(),
            None => crate::dates::time_zone(&site.config.site.timezone)?,
        };
        let mut project = Project {
            theme: Theme::load(None)?,
            site,
            options,
            tz,
            sources: BTreeMap::new(),
            warnings: Vec::new(),
            pelican,
        };
        project.reload_theme()?;
        Ok(project)
    }

    /// The theme folder in use, if any.
    pub fn theme_dir(&self) -> Option<PathBuf> {
        match &self.pelican {
            Some(p) => p.theme_dir(&self.site.root, &self.options).ok().flatten(),
            None => theme_dir(&self.site, &self.options),
        }
    }

    /// Reloads the templates (after a theme change).
    pub fn reload_theme(&mut self) -> Result<(), SiteError> {
        self.theme = match &self.pelican {
            Some(p) => {
                let dir = p.theme_dir(&self.site.root, &self.options)?;
                Theme::pelican(p.load_theme(dir.as_deref(), self.options.search)?)
            }
            None => Theme::load(self.theme_dir().as_deref())?,
        };
        Ok(())
    }

    fn load_one(&self, path: &Path, kind: Kind) -> Result<Entry, SiteError> {
        match &self.pelican {
            Some(p) => crate::pelican::load::load(path, kind, &self.site, p),
            None => load::load(path, kind, &self.tz),
        }
    }

    /// Every source file to build, with its kind; unsupported files become warnings.
    pub fn list_sources(&mut self) -> Result<Vec<(PathBuf, Kind)>, SiteError> {
        if let Some(p) = &self.pelican {
            let (list, warnings) =
                crate::pelican::load::list_sources(&self.site, p, self.options.drafts)?;
            self.warnings = warnings;
            return Ok(list);
        }
        let mut out = Vec::new();
        let content = self.site.content_dir();
        if content.is_dir() {
            out.extend(
                self.site
                    .issues()?
                    .into_iter()
                    .map(|f| (f.path, Kind::Issue)),
            );
            out.extend(self.site.pages()?.into_iter().map(|f| (f.path, Kind::Page)));
            self.warnings = self
                .site
                .unsupported_issue_files()?
                .into_iter()
                .map(|p| {
                    format!(
                        "{}: skipped: unsupported format (only Markdown issues are built)",
                        p.display()
                    )
                })
                .collect();
        }
        if self.options.drafts {
            out.extend(
                self.site
                    .drafts()?
                    .into_iter()
                    .map(|f| (f.path, Kind::Draft)),
            );
        }
        Ok(out)
    }

    /// Reads, checks and renders every source, in parallel; the parse and render phases are
    /// timed separately.
    pub fn load_all(&mut self, timings: &mut Timings) -> Result<(), SiteError> {
        let list = self.list_sources()?;
        if self.pelican.is_some() {
            // Pelican sources are read and rendered in one pass (the reader needs both).
            let t = Instant::now();
            self.sources = list
                .into_par_iter()
                .map(|(p, kind)| {
                    let entry = self.load_one(&p, kind).map(Arc::new).map_err(Arc::new);
                    (p, Source { kind, entry })
                })
                .collect();
            timings.render = t.elapsed();
            return Ok(());
        }
        let t = Instant::now();
        let parsed: Vec<(PathBuf, Kind, Result<load::Parsed, SiteError>)> = list
            .into_par_iter()
            .map(|(p, k)| {
                let r = load::parse(&p, k, &self.tz);
                (p, k, r)
            })
            .collect();
        timings.parse = t.elapsed();
        let t = Instant::now();
        self.sources = parsed
            .into_par_iter()
            .map(|(p, kind, r)| {
                let entry = r.map(|parsed| Arc::new(parsed.render())).map_err(Arc::new);
                (p, Source { kind, entry })
            })
            .collect();
        timings.render = t.elapsed();
        Ok(())
    }

    /// The kind `path` would have as a source, or `None` when it is not one.
    pub fn classify(&self, path: &Path) -> Option<Kind> {
        if self.pelican.is_some() {
            return self.classify_pelican(path);
        }
        let is_md = path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown");
        if !is_md {
            return None;
        }
        let parent = path.parent()?;
        let same = |a: &Path, b: &Path| {
            a == b
                || (a
                    .canonicalize()
                    .ok()
                    .is_some_and(|x| b.canonicalize().ok() == Some(x)))
        };
        if same(parent, &self.site.content_dir()) {
            Some(Kind::Issue)
        } else if same(parent, &self.site.pages_dir()) {
            Some(Kind::Page)
        } else if self.options.drafts && same(parent, &self.site.draft_dir()) {
            Some(Kind::Draft)
        } else {
            None
        }
    }

    /// Re-reads one source file (or forgets it when it is gone). Returns whether what listing
    /// pages show of it changed (as opposed to only its body), and its old entry.
    pub fn reload(&mut self, path: &Path, kind: Kind) -> Reloaded {
        let old = self
            .sources
            .get(path)
            .and_then(|s| s.entry.as_ref().ok().cloned());
        if !path.exists() {
            self.sources.remove(path);
            return Reloaded {
                listing_changed: true,
                old,
            };
        }
        let entry = self.load_one(path, kind).map(Arc::new).map_err(Arc::new);
        let listing_changed = match (&old, &entry) {
            (Some(o), Ok(n)) => o.listing_key() != n.listing_key(),
            _ => true,
        };
        self.sources
            .insert(path.to_path_buf(), Source { kind, entry });
        Reloaded {
            listing_changed,
            old,
        }
    }

    /// Files that could not be loaded, with why.
    pub fn errors(&self) -> Vec<Arc<SiteError>> {
        self.sources
            .values()
            .filter_map(|s| s.entry.as_ref().err().cloned())
            .collect()
    }

    /// Number of sources loaded without error.
    pub fn loaded_count(&self) -> usize {
        self.sources.values().filter(|s| s.entry.is_ok()).count()
    }

    /// The site model from every source loaded without error.
    pub fn model(&self) -> Result<SiteModel, Vec<SiteError>> {
        let entries = self
            .sources
            .values()
            .filter_map(|s| s.entry.as_ref().ok().cloned())
            .collect();
        match &self.pelican {
            Some(p) => crate::pelican::render::model(p, entries),
            None => SiteModel::new(entries),
        }
    }

    /// Settings for rendering links.
    pub fn render_settings(&self) -> RenderSettings {
        if let Some(p) = &self.pelican {
            return RenderSettings {
                site_url: p
                    .config
                    .opt_str("SITEURL")
                    .ok()
                    .flatten()
                    .unwrap_or("")
                    .to_string(),
                base: p.base_path(),
                search: self.options.search,
            };
        }
        let cfg = &self.site.config.site;
        let site_url = cfg.url.trim_end_matches('/').to_string();
        RenderSettings {
            base: self
                .options
                .base_override
                .clone()
                .unwrap_or_else(|| crate::urls::base_path(&site_url)),
            site_url,
            search: self.options.search,
        }
    }

    /// Renders `jobs` in parallel. HTML pages get the live-reload script when enabled.
    pub fn render(
        &self,
        model: &SiteModel,
        ctx: &Ctx,
        jobs: &[Job],
    ) -> Result<Vec<Output>, SiteError> {
        let mut outputs: Vec<Output> = match (&self.pelican, self.theme.as_pelican()) {
            (Some(site), Some(theme)) => {
                // A Pelican site's pages depend on each other in ways the jobs of twir's
                // layout do not describe; it is laid out whole (about as fast).
                crate::pelican::render::Renderer {
                    site,
                    theme,
                    model,
                    search: self.options.search,
                }
                .render_all()?
            }
            _ => {
                let r = Renderer {
                    theme: &self.theme,
                    model,
                    ctx,
                    config: &self.site.config.site,
                };
                let nested: Vec<Vec<Output>> = jobs
                    .par_iter()
                    .map(|&j| r.render(j))
                    .collect::<Result<_, _>>()?;
                nested.into_iter().flatten().collect()
            }
        };
        if self.options.livereload {
            for o in outputs.iter_mut().filter(|o| o.path.ends_with(".html")) {
                crate::livereload::inject(&mut o.content);
            }
        }
        Ok(outputs)
    }
}

/// What [`Project::reload`] found.
#[derive(Debug)]
pub struct Reloaded {
    /// Whether anything listing pages show changed (title, date, category, tags, URL...).
    pub listing_changed: bool,
    /// The entry before the change.
    pub old: Option<Arc<Entry>>,
}

impl Project {
    /// Files copied as they are: (path relative to the site root, source). twir copies
    /// `content/images/` to `images/`; a Pelican site copies each of `STATIC_PATHS` (under
    /// the content folder) to the same relative path, source files excluded.
    pub fn static_copies(&self) -> Result<Vec<(String, PathBuf)>, SiteError> {
        let Some(p) = &self.pelican else {
            return crate::assets::images(&self.site.images_dir());
        };
        let content = self.site.content_dir();
        let exclude_sources = p.config.truthy("STATIC_EXCLUDE_SOURCES");
        let excludes = p.config.strings("STATIC_EXCLUDES")?;
        let mut out = BTreeMap::new();
        for sp in p.config.strings("STATIC_PATHS")? {
            let src = content.join(&sp);
            let files = if src.is_file() {
                vec![src]
            } else if src.is_dir() {
                crate::assets::walk(&src)?
            } else {
                Vec::new()
            };
            for f in files {
                let rel = crate::pelican::load::relative(&f, &content);
                if (exclude_sources && crate::pelican::load::is_source(&f))
                    || excludes
                        .iter()
                        .any(|x| rel == *x || rel.starts_with(&format!("{x}/")))
                {
                    continue;
                }
                out.insert(rel, f);
            }
        }
        Ok(out.into_iter().collect())
    }

    /// The kind of a changed file of a Pelican site, or `None`.
    fn classify_pelican(&self, path: &Path) -> Option<Kind> {
        if !crate::pelican::load::is_source(path) {
            return None;
        }
        let content = self.site.content_dir();
        let same_root = |p: &Path, root: &Path| -> Option<PathBuf> {
            p.strip_prefix(root)
                .ok()
                .map(Path::to_path_buf)
                .or_else(|| {
                    let c = p.canonicalize().ok()?;
                    c.strip_prefix(root.canonicalize().ok()?)
                        .ok()
                        .map(Path::to_path_buf)
                })
        };
        if let Some(rel) = same_root(path, &content) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            let pages = self
                .pelican
                .as_ref()
                .and_then(|p| p.config.strings("PAGE_PATHS").ok())
                .unwrap_or_default();
            let in_pages = pages
                .iter()
                .any(|d| rel.starts_with(&format!("{}/", d.trim_matches('/'))));
            return Some(if in_pages { Kind::Page } else { Kind::Issue });
        }
        let draft = self.site.draft_dir();
        if self.options.drafts
            && same_root(path, &draft).is_some_and(|r| r.components().count() == 1)
        {
            return Some(Kind::Draft);
        }
        None
    }
}

fn theme_dir(site: &Site, options: &Options) -> Option<PathBuf> {
    options
        .theme_dir
        .clone()
        .or_else(|| site.config.paths.theme.as_ref().map(|t| site.root.join(t)))
}
