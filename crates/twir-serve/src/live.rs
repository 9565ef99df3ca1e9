//! The site `twir serve` keeps in memory and rebuilds piece by piece: a changed issue is
//! re-rendered alone, then only the pages that show it are laid out again, and only files
//! whose content changed are rewritten.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use twir_content::Site;
use twir_site::SiteError;
use twir_site::context::Ctx;
use twir_site::model::{Group, Kind, SiteModel};
use twir_site::pages::{self, Job, Output};
use twir_site::project::{Options, Project, Timings};
use twir_site::{output, paginate};

/// The outcome of a (re)build.
#[derive(Debug, Clone, Default)]
pub struct Rebuilt {
    /// Wall time.
    pub elapsed: Duration,
    /// Files rewritten.
    pub written: usize,
    /// Problems to show in the browser and terminal (empty when all is well).
    pub errors: Vec<String>,
    /// Whether anything was rebuilt at all (false for changes that concern no source).
    pub changed: bool,
}

/// A site being served.
#[derive(Debug)]
pub struct LiveSite {
    root: PathBuf,
    options: Options,
    out: PathBuf,
    project: Option<Project>,
    model: SiteModel,
    order: Vec<PathBuf>,
    written: HashMap<String, u64>,
}

fn hash(s: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl LiveSite {
    /// A site read from `root`, to be written into `out` (a folder `twir serve` owns).
    pub fn new(root: &Path, options: Options, out: &Path) -> LiveSite {
        LiveSite {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            options,
            out: out.to_path_buf(),
            project: None,
            model: SiteModel::default(),
            order: Vec::new(),
            written: HashMap::new(),
        }
    }

    /// The theme folder being watched, if any.
    pub fn theme_dir(&self) -> Option<PathBuf> {
        self.project.as_ref().and_then(Project::theme_dir)
    }

    /// The repository as last opened.
    pub fn site(&self) -> Option<&Site> {
        self.project.as_ref().map(|p| &p.site)
    }

    /// Reads everything again (start-up, configuration change).
    pub fn full_build(&mut self) -> Rebuilt {
        let start = Instant::now();
        let mut errors = Vec::new();
        let project = Site::open(&self.root)
            .map_err(SiteError::from)
            .and_then(|site| Project::new(site, self.options.clone()));
        let mut project = match project {
            Ok(p) => p,
            Err(e) => {
                return Rebuilt {
                    elapsed: start.elapsed(),
                    errors: vec![e.to_string()],
                    changed: true,
                    ..Rebuilt::default()
                };
            }
        };
        if let Err(e) = project.load_all(&mut Timings::default()) {
            errors.push(e.to_string());
        }
        self.project = Some(project);
        let mut r = self.relayout(None, errors, true);
        r.elapsed = start.elapsed();
        r
    }

    /// Handles changed paths: sources are re-read one by one, theme and configuration changes
    /// reload those. Paths that concern nothing are ignored.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuilt {
        let start = Instant::now();
        let Some(project) = self.project.as_mut() else {
            return self.full_build();
        };
        let changed: Vec<PathBuf> = changed
            .iter()
            .map(|p| loader_path(&project.site, p))
            .collect();
        let config = self.root.join("twir.toml");
        let pelican = self.root.join(twir_site::pelican::SETTINGS_FILE);
        if changed.iter().any(|p| p == &config || p == &pelican) {
            return self.full_build();
        }
        let theme = project.theme_dir().map(|t| canonical_dir(&t));
        let images = canonical_dir(&project.site.images_dir());
        let mut errors = Vec::new();
        let mut theme_changed = false;
        let mut images_changed = false;
        let mut touched: Vec<(PathBuf, Kind, bool)> = Vec::new();
        for p in &changed {
            if theme.as_ref().is_some_and(|t| p.starts_with(t)) {
                theme_changed = true;
            } else if p.starts_with(&images) {
                images_changed = true;
            } else if let Some(kind) = project.classify(p) {
                let r = project.reload(p, kind);
                touched.push((p.clone(), kind, r.listing_changed));
            }
        }
        if theme_changed && let Err(e) = project.reload_theme() {
            errors.push(e.to_string());
        }
        if !theme_changed && !images_changed && touched.is_empty() {
            return Rebuilt::default();
        }
        let scope = if theme_changed { None } else { Some(touched) };
        let mut r = self.relayout(scope, errors, theme_changed || images_changed);
        r.elapsed = start.elapsed();
        r
    }

    /// Lays pages out again: all of them (`scope` None) or those showing the touched sources.
    fn relayout(
        &mut self,
        scope: Option<Vec<(PathBuf, Kind, bool)>>,
        mut errors: Vec<String>,
        with_assets: bool,
    ) -> Rebuilt {
        let Some(project) = self.project.as_ref() else {
            return Rebuilt {
                errors,
                changed: true,
                ..Rebuilt::default()
            };
        };
        errors.extend(project.errors().iter().map(|e| e.to_string()));
        let model = match project.model() {
            Ok(m) => m,
            Err(errs) => {
                errors.extend(errs.iter().map(|e| e.to_string()));
                return Rebuilt {
                    errors,
                    changed: true,
                    ..Rebuilt::default()
                };
            }
        };
        let order: Vec<PathBuf> = model
            .posts
            .iter()
            .chain(&model.pages)
            .map(|e| e.source.clone())
            .collect();
        let per_page = project.site.config.site.per_page;
        let all = pages::all_jobs(&model, per_page);
        let jobs = match scope {
            Some(touched) if order == self.order => affected_jobs(
                &self.model,
                &model,
                &touched,
                per_page,
                project.site.config.site.feed_items,
            ),
            _ => all.clone(),
        };
        let full = jobs.len() == all.len();
        let ctx = Ctx::new(&project.site.config.site, &model, project.render_settings());
        let mut written = 0;
        match project.render(&model, &ctx, &jobs) {
            Ok(outputs) => match self.write_changed(&outputs, full) {
                Ok(n) => written += n,
                Err(e) => errors.push(e.to_string()),
            },
            Err(e) => errors.push(e.to_string()),
        }
        if with_assets {
            match self.write_assets() {
                Ok(n) => written += n,
                Err(e) => errors.push(e.to_string()),
            }
        }
        self.model = model;
        self.order = order;
        Rebuilt {
            elapsed: Duration::ZERO,
            written,
            errors,
            changed: true,
        }
    }

    /// The model last laid out (for the search index).
    pub fn model(&self) -> &SiteModel {
        &self.model
    }

    /// Link settings of the current project.
    pub fn render_settings(&self) -> Option<twir_site::context::RenderSettings> {
        self.project.as_ref().map(Project::render_settings)
    }

    fn write_changed(&mut self, outputs: &[Output], full: bool) -> Result<usize, SiteError> {
        let changed: Vec<&Output> = outputs
            .iter()
            .filter(|o| self.written.get(&o.path) != Some(&hash(o.content.as_bytes())))
            .collect();
        output::make_dirs(&self.out, changed.iter().map(|o| o.path.as_str()))?;
        for o in &changed {
            let p = self.out.join(&o.path);
            replace_file(&p, o.content.as_bytes()).map_err(|e| SiteError::io(&p, e))?;
            self.written
                .insert(o.path.clone(), hash(o.content.as_bytes()));
        }
        if full {
            // Pages of renamed or deleted issues must disappear, not linger at the old URL.
            let live: HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
            let stale: Vec<String> = self
                .written
                .keys()
                .filter(|k| !live.contains(k.as_str()))
                .cloned()
                .collect();
            for k in stale {
                let _ = std::fs::remove_file(self.out.join(&k));
                self.written.remove(&k);
            }
        }
        Ok(changed.len())
    }

    fn write_assets(&mut self) -> Result<usize, SiteError> {
        let Some(project) = self.project.as_ref() else {
            return Ok(0);
        };
        let statics = project.theme.static_files()?;
        output::make_dirs(&self.out, statics.iter().map(|(p, _)| p.as_str()))?;
        for (rel, bytes) in &statics {
            let p = self.out.join(rel);
            std::fs::write(&p, bytes).map_err(|e| SiteError::io(&p, e))?;
        }
        let images = twir_site::assets::images(&project.site.images_dir())?;
        output::copy_all(&self.out, &images)?;
        Ok(statics.len() + images.len())
    }
}

/// Replaces a file being served through a temporary file and a rename, so a request never
/// reads it half-written. Not fsynced: the served folder is temporary.
pub fn replace_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.twir-tmp"));
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// `path` with its folders resolved (links, `.`, `..`) but not its last component: the file
/// may be gone (a deleted source is reported too), or be a link, which names a file here
/// whatever it points to.
fn canonical(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => dir
            .canonicalize()
            .unwrap_or_else(|_| canonical(dir))
            .join(name),
        _ => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// A folder fully resolved (itself too, when it is a link).
fn canonical_dir(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| canonical(dir))
}

/// A changed path as the loader names it: a source file is keyed by its folder as the site
/// names it (`ROOT/content/x.md`, even when `content` is a link or the watcher reported the
/// path another way), so that an edit replaces the file's entry instead of adding a second
/// one; any other path in its canonical form. Without this, a relative root and the watcher's
/// absolute paths were taken for two files with the same URL.
fn loader_path(site: &Site, path: &Path) -> PathBuf {
    let canon = canonical(path);
    let (Some(dir), Some(name)) = (canon.parent(), canon.file_name()) else {
        return canon;
    };
    for source_dir in [site.content_dir(), site.pages_dir(), site.draft_dir()] {
        if canonical_dir(&source_dir) == dir {
            return source_dir.join(name);
        }
    }
    canon
}

/// The jobs showing the touched sources, when the order of posts is unchanged: the source's
/// own page, the feeds that carry its body, and when listing data changed, its neighbours
/// (their previous/next links) and the lists it appears in (old and new category and tags
/// alike). Anything that makes a page appear or disappear falls back to every job, since only
/// a full pass removes files that are no longer generated.
fn affected_jobs(
    old: &SiteModel,
    new: &SiteModel,
    touched: &[(PathBuf, Kind, bool)],
    per_page: usize,
    feed_items: usize,
) -> Vec<Job> {
    let all = || pages::all_jobs(new, per_page);
    let mut jobs = BTreeSet::new();
    for (path, kind, listing) in touched {
        if *kind == Kind::Page {
            if let Some(i) = new.pages.iter().position(|p| &p.source == path) {
                jobs.insert(Job::Page(i));
            }
            if *listing {
                // Page titles appear in every page's footer.
                return all();
            }
            continue;
        }
        let Some(i) = new.post_index(path) else {
            return all();
        };
        if old.posts.get(i).is_some_and(|o| o.url != new.posts[i].url) {
            // A new URL: the page at the old one must go, which a full pass does.
            return all();
        }
        jobs.insert(Job::Post(i));
        // Feeds hold full bodies, so a body edit reaches every feed the post is in.
        if in_feed(new, None, i, feed_items) {
            jobs.insert(Job::Feeds);
        }
        for (k, g) in new.categories.iter().enumerate() {
            if in_feed(new, Some(&g.members), i, feed_items) {
                jobs.insert(Job::CategoryFeeds(k));
            }
        }
        for (k, g) in new.tags.iter().enumerate() {
            if in_feed(new, Some(&g.members), i, feed_items) {
                jobs.insert(Job::TagFeeds(k));
            }
        }
        if !*listing {
            continue;
        }
        let terms =
            |a: &[Group], b: &[Group]| a.iter().map(|g| &g.term).eq(b.iter().map(|g| &g.term));
        if !terms(&old.categories, &new.categories) || !terms(&old.tags, &new.tags) {
            // Group indices are only comparable when both models have the same terms.
            return all();
        }
        if i > 0 {
            jobs.insert(Job::Post(i - 1));
        }
        if i + 1 < new.posts.len() {
            jobs.insert(Job::Post(i + 1));
        }
        jobs.insert(Job::Index(paginate::page_of(i, per_page)));
        jobs.extend([Job::Archives, Job::Feeds, Job::Sitemap, Job::Categories]);
        for c in groups_of(&old.categories, i).chain(groups_of(&new.categories, i)) {
            let (before, after) = (&old.categories[c].members, &new.categories[c].members);
            let pages = paginate::page_count(after.len(), per_page);
            if paginate::page_count(before.len(), per_page) != pages {
                return all();
            }
            // Pages before the first difference list the same posts. Same members: only the
            // post's own page shows it differently. Otherwise posts moved from there on.
            let (first, last) = if before == after {
                let page =
                    paginate::page_of(after.iter().position(|&m| m == i).unwrap_or(0), per_page);
                (page, page)
            } else {
                let from = before
                    .iter()
                    .zip(after)
                    .position(|(a, b)| a != b)
                    .unwrap_or(before.len().min(after.len()));
                (paginate::page_of(from, per_page), pages)
            };
            jobs.extend((first..=last).map(|page| Job::Category { term: c, page }));
            jobs.insert(Job::CategoryFeeds(c));
        }
        for t in groups_of(&old.tags, i).chain(groups_of(&new.tags, i)) {
            jobs.extend([Job::Tag(t), Job::TagFeeds(t)]);
        }
        if !new.tags.is_empty() {
            jobs.insert(Job::Tags);
        }
    }
    jobs.into_iter().collect()
}

/// Indices of the `groups` post `i` belongs to.
fn groups_of(groups: &[Group], i: usize) -> impl Iterator<Item = usize> + '_ {
    groups
        .iter()
        .enumerate()
        .filter(move |(_, g)| g.members.contains(&i))
        .map(|(k, _)| k)
}

/// Whether post `i` is among the syndicated posts of `members` (all posts when `None`).
fn in_feed(m: &SiteModel, members: Option<&[usize]>, i: usize, feed_items: usize) -> bool {
    m.feed_posts(members, feed_items)
        .iter()
        .any(|e| Arc::ptr_eq(e, &m.posts[i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    /// A copy of the site fixture under `tmp`, and where to build it.
    fn fixture_copy(tmp: &Path) -> (PathBuf, PathBuf) {
        let root = tmp.join("site");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/site"),
            &root,
        );
        (root, tmp.join("out"))
    }

    #[test]
    fn rebuilds_only_what_a_change_touches() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, out) = fixture_copy(tmp.path());
        let options = Options {
            drafts: true,
            livereload: true,
            base_override: Some(String::new()),
            ..Options::default()
        };
        let mut live = LiveSite::new(&root, options, &out);
        let first = live.full_build();
        assert!(first.errors.is_empty(), "{:?}", first.errors);
        assert!(first.written > 20);

        // A body edit of an old issue rewrites its page and the feeds that carry its body: it
        // is too old for the site's feed (3 items) but not for its category's (the draft
        // before it is never syndicated) nor its two tags'.
        let issue = root.join("content/2024-01-03-this-week-in-rust.md");
        let text = std::fs::read_to_string(&issue).unwrap();
        std::fs::write(&issue, text.replace("the first", "the very first")).unwrap();
        let r = live.rebuild(std::slice::from_ref(&issue));
        assert!(r.errors.is_empty());
        assert_eq!(r.written, 7);
        let page = std::fs::read_to_string(out.join("blog/2024/01/03/fixture-weekly-1/index.html"))
            .unwrap();
        assert!(page.contains("the very first") && page.contains("livereload.js"));
        for feed in [
            "categories/this-week-in-rust/atom.xml",
            "categories/this-week-in-rust/rss.xml",
            "tags/rust/atom.xml",
            "tags/community/rss.xml",
        ] {
            let text = std::fs::read_to_string(out.join(feed)).unwrap();
            assert!(text.contains("the very first"), "{feed}");
        }
        let site_feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
        assert!(!site_feed.contains("fixture-weekly-1"));

        // A date change moves the page: the old URL disappears.
        let text = std::fs::read_to_string(&issue).unwrap();
        std::fs::write(&issue, text.replace("Date: 2024-01-03", "Date: 2024-01-04")).unwrap();
        let r = live.rebuild(std::slice::from_ref(&issue));
        assert!(r.errors.is_empty());
        assert!(
            out.join("blog/2024/01/04/fixture-weekly-1/index.html")
                .is_file()
        );
        assert!(
            !out.join("blog/2024/01/03/fixture-weekly-1/index.html")
                .exists()
        );

        // Unrelated files change nothing.
        let r = live.rebuild(&[root.join("notes.txt")]);
        assert!(!r.changed);

        // A broken file is reported; fixing it clears the error.
        let broken = root.join("content/2024-02-01-x.md");
        std::fs::write(&broken, "Title: X\n\nNo date.\n").unwrap();
        let r = live.rebuild(std::slice::from_ref(&broken));
        assert_eq!(r.errors.len(), 1);
        assert!(
            r.errors[0].contains("2024-02-01-x.md:1: missing `Date:`"),
            "{:?}",
            r.errors
        );
        std::fs::remove_file(&broken).unwrap();
        let r = live.rebuild(std::slice::from_ref(&broken));
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }

    /// Edits `file` in `root` with `f` and rebuilds, returning the jobs the change touched.
    fn edit(live: &mut LiveSite, file: &Path, f: impl Fn(&str) -> String) -> Vec<Job> {
        let before = live.model.clone();
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, f(&text)).unwrap();
        let r = live.rebuild(&[file.to_path_buf()]);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        affected_jobs(
            &before,
            &live.model,
            &[(file.to_path_buf(), Kind::Issue, true)],
            2,
            3,
        )
    }

    #[test]
    fn rebuilds_the_category_pages_a_change_reaches() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, out) = fixture_copy(tmp.path());
        let options = Options {
            drafts: true,
            base_override: Some(String::new()),
            ..Options::default()
        };
        let mut live = LiveSite::new(&root, options, &out);
        assert!(live.full_build().errors.is_empty());
        let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
        let twir = "categories/this-week-in-rust/";
        // Two per page: the draft and issue 3, then issues 2 and 1.
        assert!(read(&format!("{twir}index2.html")).contains("Fixture Weekly 2"));
        let term = |name: &str| {
            live.model
                .categories
                .iter()
                .position(|g| g.term.slug == name)
                .unwrap()
        };
        let (twir_i, specials_i) = (term("this-week-in-rust"), term("specials"));

        // A new summary: only the category page showing the issue is laid out again.
        let second = root.join("content/2024-01-10-this-week-in-rust.md");
        let jobs = edit(&mut live, &second, |t| {
            t.replace(
                "Tags: rust\n",
                "Tags: rust\nSummary: The evening edition.\n",
            )
        });
        assert!(
            jobs.contains(&Job::Category {
                term: twir_i,
                page: 2
            }),
            "{jobs:?}"
        );
        assert!(
            !jobs.contains(&Job::Category {
                term: twir_i,
                page: 1
            }),
            "{jobs:?}"
        );
        assert!(read(&format!("{twir}index2.html")).contains("The evening edition."));

        // Moved to another category: both lists change from where it was (or went) on.
        let jobs = edit(&mut live, &second, |t| {
            t.replace("Category: This Week in Rust", "Category: Specials")
        });
        for job in [
            Job::Category {
                term: twir_i,
                page: 2,
            },
            Job::Category {
                term: specials_i,
                page: 1,
            },
            Job::CategoryFeeds(twir_i),
            Job::CategoryFeeds(specials_i),
        ] {
            assert!(jobs.contains(&job), "{job:?} not in {jobs:?}");
        }
        assert!(!jobs.contains(&Job::Category {
            term: twir_i,
            page: 1
        }));
        let page2 = read(&format!("{twir}index2.html"));
        assert!(page2.contains("Fixture Weekly 1") && !page2.contains("Fixture Weekly 2"));
        assert!(read("categories/specials/index.html").contains("Fixture Weekly 2"));
        assert!(read("categories/specials/atom.xml").contains("Fixture Weekly 2"));

        // One more moved: this category's second page goes, the other one gets a second page.
        let third = root.join("content/2024-01-17-this-week-in-rust.md");
        edit(&mut live, &third, |t| {
            t.replace("Category: This Week in Rust", "Category: Specials")
        });
        assert!(!out.join(format!("{twir}index2.html")).exists());
        assert!(read("categories/specials/index2.html").contains("Fixture Weekly 2"));
        assert!(read("sitemap.xml").contains("/categories/specials/index2.html"));
    }
}
