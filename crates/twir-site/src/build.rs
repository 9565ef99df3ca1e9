//! `twir build`: the whole site, from scratch, into a staging folder swapped in at the end.

use crate::context::Ctx;
use crate::error::SiteError;
use crate::model::Kind;
use crate::output::{self, Staging};
use crate::pages;
use crate::project::{Options, Project, Timings};
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use twir_content::Site;

/// What a successful build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Published issues built.
    pub issues: usize,
    /// Drafts built.
    pub drafts: usize,
    /// Pages built.
    pub pages: usize,
    /// Files written (pages, feeds, static files, images, search index).
    pub files: usize,
    /// Files not built, and why (e.g. the `.rst` issue).
    pub warnings: Vec<String>,
    /// Broken files skipped thanks to `keep_going`.
    pub skipped: Vec<Arc<SiteError>>,
    /// Where the time went.
    pub timings: Timings,
    /// What the search indexer reported, if it ran.
    pub search: Option<String>,
}

/// Why a build failed; the previous output is left untouched.
#[derive(Debug, Default)]
pub struct BuildFailure {
    /// Every error found (all broken files, not just the first).
    pub errors: Vec<Arc<SiteError>>,
    /// Warnings found before failing.
    pub warnings: Vec<String>,
}

impl fmt::Display for BuildFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildFailure {}

impl From<SiteError> for BuildFailure {
    fn from(e: SiteError) -> Self {
        BuildFailure {
            errors: vec![Arc::new(e)],
            warnings: Vec::new(),
        }
    }
}

/// Builds `site` into `out`. Broken sources fail the build (listing all of them) unless
/// `options.keep_going`; on any failure `out` is left as it was.
pub fn build(site: Site, out: &Path, options: Options) -> Result<BuildReport, BuildFailure> {
    let start = Instant::now();
    let mut timings = Timings::default();
    let mut project = Project::new(site, options)?;
    project.load_all(&mut timings)?;
    let errors = project.errors();
    let warnings = project.warnings.clone();
    if !errors.is_empty() && !project.options.keep_going {
        return Err(BuildFailure { errors, warnings });
    }
    let model = project.model().map_err(|errs| BuildFailure {
        errors: errs.into_iter().map(Arc::new).collect(),
        warnings: warnings.clone(),
    })?;

    let t = Instant::now();
    let staging = Staging::new(out, &project.site.root)?;
    let ctx = Ctx::new(&project.site.config.site, &model, project.render_settings());
    let jobs = pages::all_jobs(&model, project.site.config.site.per_page);
    let outputs = project.render(&model, &ctx, &jobs)?;
    output::write_all(staging.dir(), &outputs)?;
    let statics = project.theme.static_files()?;
    output::make_dirs(staging.dir(), statics.iter().map(|(p, _)| p.as_str()))?;
    for (rel, bytes) in &statics {
        let p = staging.dir().join(rel);
        std::fs::write(&p, bytes).map_err(|e| SiteError::io(&p, e))?;
    }
    let images = project.static_copies()?;
    output::copy_all(staging.dir(), &images)?;
    timings.write = t.elapsed();

    let mut files = outputs.len() + statics.len() + images.len();
    let mut search = None;
    if project.options.search {
        let t = Instant::now();
        let stats = crate::search::write_index(&model, &ctx.settings, staging.dir())?;
        timings.search = t.elapsed();
        files += stats.files;
        search = Some(stats.summary);
    }
    let t = Instant::now();
    staging.commit()?;
    timings.swap = t.elapsed();
    timings.total = start.elapsed();
    Ok(report(&model, files, warnings, errors, timings, search))
}

fn report(
    model: &crate::model::SiteModel,
    files: usize,
    warnings: Vec<String>,
    skipped: Vec<Arc<SiteError>>,
    timings: Timings,
    search: Option<String>,
) -> BuildReport {
    BuildReport {
        issues: model.posts.iter().filter(|e| e.kind == Kind::Issue).count(),
        drafts: model
            .posts
            .iter()
            .chain(&model.unlisted)
            .filter(|e| e.kind == Kind::Draft)
            .count(),
        pages: model.pages.len(),
        files,
        warnings,
        skipped,
        timings,
        search,
    }
}
