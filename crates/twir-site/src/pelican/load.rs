//! Which files a Pelican site is made of, and reading one into an [`Entry`] (with the
//! [`twir_pelican::Content`] its theme sees).

use super::PelicanSite;
use crate::error::SiteError;
use crate::model::{Entry, Kind, Term};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use twir_content::Site;
use twir_pelican::ContentKind;
use twir_pelican::reader::{Reader, SourceFile, markdown_fields};

/// Extensions Pelican reads as Markdown.
const MARKDOWN: &[&str] = &["md", "markdown", "mkd", "mdown"];

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Whether Pelican would read `path` as a source file.
pub fn is_source(path: &Path) -> bool {
    extension(path).is_some_and(|e| MARKDOWN.contains(&e.as_str()) || e == "rst")
}

/// `path` relative to `dir`, `/`-separated.
pub fn relative(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn under(rel: &str, folder: &str) -> bool {
    let folder = folder.trim_matches('/');
    folder.is_empty() || rel == folder || rel.starts_with(&format!("{folder}/"))
}

/// Sources with their kind, and warnings about files skipped.
pub type Listing = (Vec<(PathBuf, Kind)>, Vec<String>);

/// Every source of the site with its kind: articles under `ARTICLE_PATHS` (less
/// `ARTICLE_EXCLUDES` and `PAGE_PATHS`), pages under `PAGE_PATHS`, and with `drafts` the
/// files of `draft/`. Files Pelican reads as HTML are skipped with a warning.
pub fn list_sources(site: &Site, p: &PelicanSite, drafts: bool) -> Result<Listing, SiteError> {
    let content = site.content_dir();
    let article_paths = p.config.strings("ARTICLE_PATHS")?;
    let mut article_excludes = p.config.strings("ARTICLE_EXCLUDES")?;
    let page_paths = p.config.strings("PAGE_PATHS")?;
    let page_excludes = p.config.strings("PAGE_EXCLUDES")?;
    article_excludes.extend(page_paths.iter().cloned());
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    if content.is_dir() {
        for path in crate::assets::walk(&content)? {
            let rel = relative(&path, &content);
            let is_page = page_paths.iter().any(|d| under(&rel, d))
                && !page_excludes.iter().any(|d| under(&rel, d));
            let is_article = article_paths.iter().any(|d| under(&rel, d))
                && !article_excludes.iter().any(|d| under(&rel, d));
            if !is_page && !is_article {
                continue;
            }
            if is_source(&path) {
                out.push((path, if is_page { Kind::Page } else { Kind::Issue }));
            } else if matches!(extension(&path).as_deref(), Some("html" | "htm")) {
                warnings.push(format!(
                    "{}: skipped: HTML sources are not read by twir (write it as Markdown)",
                    path.display()
                ));
            }
        }
    }
    if drafts {
        let dir = site.draft_dir();
        if dir.is_dir() {
            for path in crate::assets::walk(&dir)? {
                if is_source(&path) && path.parent() == Some(dir.as_path()) {
                    out.push((path, Kind::Draft));
                }
            }
        }
    }
    Ok((out, warnings))
}

/// Reads one source file.
pub fn load(path: &Path, kind: Kind, site: &Site, p: &PelicanSite) -> Result<Entry, SiteError> {
    let is_rst = extension(path).as_deref() == Some("rst");
    let text = if is_rst {
        let bytes = std::fs::read(path).map_err(|e| SiteError::io(path, e))?;
        twir_content::load::decode(path, bytes)?
    } else {
        twir_content::load::read_text(path)?
    };
    let (fields, html, headings): (Vec<(String, String, usize)>, String, Vec<_>) = if is_rst {
        let doc = twir_rst::parse(path, &text)?;
        let mut fields = vec![("title".to_string(), doc.title.clone(), 1)];
        fields.extend(
            doc.metadata
                .iter()
                .map(|(k, v, l)| (k.clone(), v.clone(), *l)),
        );
        (fields, doc.body_html, Vec::new())
    } else {
        let (fields, body_at) = markdown_fields(&text);
        let (html, headings) = crate::markdown::render(&text[body_at..]);
        (fields, p.toc.apply(html), headings)
    };
    let html: Arc<str> = Arc::from(html);
    let content_dir = site.content_dir();
    let relative_path = if kind == Kind::Draft {
        relative(path, &site.draft_dir())
    } else {
        relative(path, &content_dir)
    };
    // `Summary:` is Markdown in Markdown files; twir-rst already renders it.
    let markdown = |s: &str| {
        if is_rst {
            s.to_string()
        } else {
            twir_markdown::render(s)
        }
    };
    let reader = Reader {
        config: &p.config,
        tz: &p.tz,
        markdown: &markdown,
    };
    let mut fields = fields;
    // Pelican records which reader read the file (`article.reader`); the file's own field
    // of that name wins.
    fields.push((
        "reader".into(),
        if is_rst { "rst" } else { "markdown" }.into(),
        0,
    ));
    if kind == Kind::Draft
        && !fields
            .iter()
            .any(|(k, _, _)| k.eq_ignore_ascii_case("status"))
    {
        // `draft/` holds the issue in progress: a Pelican draft.
        fields.push(("status".into(), "draft".into(), 0));
    }
    let content = reader.read(&SourceFile {
        path,
        relative_path: &relative_path,
        kind: if kind == Kind::Page {
            ContentKind::Page
        } else {
            ContentKind::Article
        },
        fields: &fields,
        body_html: html.clone(),
    })?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v, _)| v.trim().to_string())
    };
    let kind = match content.kind {
        ContentKind::Page => Kind::Page,
        ContentKind::Draft => Kind::Draft,
        ContentKind::Article => Kind::Issue,
    };
    Ok(Entry {
        kind,
        source: path.to_path_buf(),
        stem: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        title: content.title.clone(),
        number: field("number").and_then(|n| n.parse().ok()),
        slug: content.slug.clone(),
        date: content.date.clone(),
        category: content.category.as_ref().map(|c| Term {
            name: c.name.clone(),
            slug: c.slug.clone(),
        }),
        tags: content
            .tags
            .iter()
            .flatten()
            .map(|t| Term {
                name: t.name.clone(),
                slug: t.slug.clone(),
            })
            .collect(),
        author: content.authors.first().map(|a| a.name.clone()),
        summary: field("summary"),
        url: content.url.clone(),
        html,
        headings,
        pelican: Some(Arc::new(content)),
    })
}
