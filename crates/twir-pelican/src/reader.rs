//! From a source file's metadata to the [`Content`] Pelican makes of it: metadata names
//! lower-cased and processed (`tags`, `date`, `category`, `author`...), the mandatory
//! fields checked, the slug, category, author and date defaults applied, and the URL and
//! output path formatted from the settings (`ARTICLE_URL`, `PAGE_SAVE_AS`...).

use crate::PyValue;
use crate::config::PelicanConfig;
use crate::pyformat::{self, FormatValue};
use crate::values::{Content, ContentKind, Date, Term, TermKind};
use jiff::ZonedDateTime as Zoned;
use jiff::tz::TimeZone;
use minijinja::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One source file, read.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    /// The file (for error messages).
    pub path: &'a Path,
    /// Its path relative to the content folder, `/`-separated (`2024-01-03-x.md`,
    /// `pages/about.md`).
    pub relative_path: &'a str,
    /// Whether it is read as an article or a page (drafts come from `Status: draft`).
    pub kind: ContentKind,
    /// Metadata fields: name as written, value, 1-based line.
    pub fields: &'a [(String, String, usize)],
    /// The body, rendered.
    pub body_html: Arc<str>,
}

/// Why a file cannot be an article or page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", path.display())]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line (of the field at fault, or 1).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// What reading needs besides the file.
pub struct Reader<'a> {
    /// The settings.
    pub config: &'a PelicanConfig,
    /// `TIMEZONE`.
    pub tz: &'a TimeZone,
    /// Renders a `FORMATTED_FIELDS` value (`Summary:`) as Markdown.
    pub markdown: &'a (dyn Fn(&str) -> String + Sync),
}

/// The metadata header of a Markdown source (`Key: value` lines up to the first blank
/// line) as [`SourceFile::fields`], and the byte offset where the body starts.
pub fn markdown_fields(source: &str) -> (Vec<(String, String, usize)>, usize) {
    let meta = twir_content::Metadata::parse(source);
    let fields = meta
        .fields
        .into_iter()
        .map(|f| (f.key, f.value, f.line))
        .collect();
    (fields, meta.span.end)
}

fn split_list(v: &str) -> Vec<String> {
    let sep = if v.contains(';') { ';' } else { ',' };
    v.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Parses a metadata date: `2013-06-07`, `2013-06-07 18:46`, `2013-06-07T18:46:10`,
/// `2020-12-2` (the forms Pelican's date parser accepts in this archive).
pub fn parse_date(raw: &str, tz: &TimeZone) -> Option<Zoned> {
    let raw = raw.trim().replace('_', " ");
    let (day, time) = match raw.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (raw.as_str(), None),
    };
    let date = twir_content::metadata::parse_date_lenient(day)?;
    let time = match time.filter(|t| !t.is_empty()) {
        None => jiff::civil::Time::midnight(),
        Some(t) => {
            let mut parts = t.split(':');
            let h: i8 = parts.next()?.trim().parse().ok()?;
            let m: i8 = parts.next().unwrap_or("0").trim().parse().ok()?;
            let s: i8 = match parts.next() {
                Some(s) => s.split('.').next()?.trim().parse().ok()?,
                None => 0,
            };
            if parts.next().is_some() {
                return None;
            }
            jiff::civil::Time::new(h, m, s, 0).ok()?
        }
    };
    date.to_datetime(time).to_zoned_datetime(tz.clone()).ok()
}

/// The date a file name starts with under the default `FILENAME_METADATA`
/// (`\d{4}-\d{2}-\d{2}`).
fn filename_date(relative_path: &str, tz: &TimeZone) -> Option<Zoned> {
    let name = relative_path.rsplit('/').next()?;
    let b = name.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() < 10
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
    {
        return None;
    }
    parse_date(&name[..10], tz)
}

impl Reader<'_> {
    fn term(
        &self,
        kind: TermKind,
        name: &str,
        path: &Path,
        line: usize,
    ) -> Result<Arc<Term>, ReadError> {
        let prefix = kind.setting_prefix();
        let url_key = format!("{prefix}_URL");
        let save_key = format!("{prefix}_SAVE_AS");
        let err = |message: String| ReadError {
            path: path.to_path_buf(),
            line,
            message,
        };
        let url = self
            .config
            .string(&url_key)
            .map_err(|e| err(e.to_string()))?;
        let save_as = self
            .config
            .string(&save_key)
            .map_err(|e| err(e.to_string()))?;
        let slug = twir_content::slug::pelican_slugify(name);
        Term::new(kind, name, &slug, url, save_as)
            .map(Arc::new)
            .map_err(|e| err(format!("{url_key}/{save_key}: {e}")))
    }

    /// Reads one file.
    pub fn read(&self, src: &SourceFile) -> Result<Content, ReadError> {
        let path = src.path;
        let err = |line: usize, message: String| ReadError {
            path: path.to_path_buf(),
            line,
            message,
        };
        let first_line = src.fields.iter().map(|f| f.2).find(|&l| l > 0).unwrap_or(1);
        let field = |name: &str| {
            src.fields
                .iter()
                .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v, l)| (v.as_str(), *l))
        };
        let title = field("title")
            .map(|(v, _)| v.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| err(first_line, "missing `Title:` in the metadata header".into()))?;
        let mut c = Content::new(src.kind, &title, src.body_html.clone());
        c.source_path = path.display().to_string();
        c.relative_source_path = src.relative_path.to_string();
        let default_lang = self
            .config
            .string("DEFAULT_LANG")
            .map_err(|e| err(1, e.to_string()))?
            .to_string();
        c.lang = field("lang").map_or(default_lang.clone(), |(v, _)| v.trim().to_string());
        let mut metadata: Vec<(String, Value)> = Vec::new();
        for (key, value, line) in src.fields {
            let key = key.to_ascii_lowercase();
            if metadata.iter().any(|(k, _)| *k == key) {
                continue;
            }
            let processed = match key.as_str() {
                "tags" => {
                    let tags = split_list(value)
                        .iter()
                        .map(|t| self.term(TermKind::Tag, t, path, *line))
                        .collect::<Result<Vec<_>, _>>()?;
                    let v = Value::from(
                        tags.iter()
                            .map(|t| Value::from_dyn_object(t.clone()))
                            .collect::<Vec<_>>(),
                    );
                    c.tags = Some(tags);
                    v
                }
                "date" | "modified" => {
                    let z = parse_date(value, self.tz).ok_or_else(|| {
                        err(*line, format!("invalid `{key}:` value `{value}`: expected YYYY-MM-DD or YYYY-MM-DD HH:MM"))
                    })?;
                    let v = Date::value(&z);
                    if key == "date" {
                        c.date = Some(z);
                    } else {
                        c.modified = Some(z);
                    }
                    v
                }
                "status" => {
                    c.status = value.trim().to_lowercase();
                    Value::from(c.status.as_str())
                }
                "category" => {
                    let t = self.term(TermKind::Category, value.trim(), path, *line)?;
                    let v = Value::from_dyn_object(t.clone());
                    c.category = Some(t);
                    v
                }
                "author" => {
                    let t = self.term(TermKind::Author, value.trim(), path, *line)?;
                    if field("authors").is_none() {
                        c.authors = vec![t.clone()];
                    }
                    Value::from_dyn_object(t)
                }
                "authors" => {
                    c.authors = split_list(value)
                        .iter()
                        .map(|a| self.term(TermKind::Author, a, path, *line))
                        .collect::<Result<Vec<_>, _>>()?;
                    Value::from(
                        c.authors
                            .iter()
                            .map(|t| Value::from_dyn_object(t.clone()))
                            .collect::<Vec<_>>(),
                    )
                }
                "slug" => Value::from(value.trim()),
                "summary" => {
                    let html: Arc<str> = Arc::from((self.markdown)(value));
                    c.explicit_summary = Some(html.clone());
                    Value::from(html)
                }
                "template" => {
                    c.template = value.trim().to_string();
                    Value::from(value.trim())
                }
                _ => Value::from(value.as_str()),
            };
            metadata.push((key, processed));
        }
        if c.authors.is_empty()
            && let Ok(Some(author)) = self.config.opt_str("AUTHOR")
        {
            c.authors = vec![self.term(TermKind::Author, author, path, first_line)?];
        }
        if c.status == "draft" && c.kind == ContentKind::Article {
            c.kind = ContentKind::Draft;
        }
        if !matches!(c.status.as_str(), "published" | "draft" | "hidden") {
            let line = field("status").map_or(first_line, |f| f.1);
            return Err(err(
                line,
                format!(
                    "unknown `Status:` value `{}` (published, draft or hidden)",
                    c.status
                ),
            ));
        }
        // Pelican's metadata layers: the file's own fields over the file name's date and
        // the folder's category (`USE_FOLDER_AS_CATEGORY`), over `DEFAULT_CATEGORY`. Pages
        // get them too (`pages/x.md` is in category `pages`).
        if c.date.is_none() {
            c.date = filename_date(src.relative_path, self.tz);
        }
        if c.category.is_none() {
            let folder = src
                .relative_path
                .rsplit_once('/')
                .map(|(d, _)| d.rsplit('/').next().unwrap_or(d))
                .filter(|d| !d.is_empty() && self.config.truthy("USE_FOLDER_AS_CATEGORY"));
            let name = match folder {
                Some(f) => Some(f.to_string()),
                None => self
                    .config
                    .opt_str("DEFAULT_CATEGORY")
                    .map_err(|e| err(1, e.to_string()))?
                    .map(str::to_string),
            };
            if let Some(n) = name {
                c.category = Some(self.term(TermKind::Category, &n, path, first_line)?);
            }
        }
        if c.kind != ContentKind::Page {
            if c.date.is_none() {
                return Err(err(first_line, "missing `Date:` in the metadata header (and no date at the start of the file name)".into()));
            }
            if c.category.is_none() {
                return Err(err(
                    first_line,
                    "missing `Category:` in the metadata header".into(),
                ));
            }
        }
        c.slug = match field("slug") {
            Some((s, line)) => {
                let s = s.trim();
                if s.is_empty() || s.contains(['/', '\\', '?', '#']) || s == "." || s == ".." {
                    return Err(err(
                        line,
                        format!("invalid `Slug:` value `{s}`: expected a URL path segment"),
                    ));
                }
                s.to_string()
            }
            None => {
                let source = match self.config.opt_str("SLUGIFY_SOURCE").ok().flatten() {
                    Some("basename") => src
                        .relative_path
                        .rsplit('/')
                        .next()
                        .and_then(|n| n.rsplit_once('.').map(|(s, _)| s).or(Some(n)))
                        .unwrap_or_default()
                        .to_string(),
                    _ => title.clone(),
                };
                let s = twir_content::slug::pelican_slugify(&source);
                if s.is_empty() {
                    let line = field("title").map_or(first_line, |f| f.1);
                    return Err(err(
                        line,
                        "`Title:` gives an empty URL slug; add a `Slug:`".into(),
                    ));
                }
                s
            }
        };
        c.date_format = match self.config.get("DATE_FORMATS") {
            Some(PyValue::Dict(pairs)) => {
                pairs
                    .iter()
                    .find(|(k, _)| *k == c.lang)
                    .and_then(|(_, v)| match v {
                        PyValue::Str(s) => Some(s.clone()),
                        PyValue::List(t) => match t.last() {
                            Some(PyValue::Str(s)) => Some(s.clone()),
                            _ => None,
                        },
                        _ => None,
                    })
            }
            _ => None,
        }
        .unwrap_or(
            self.config
                .string("DEFAULT_DATE_FORMAT")
                .map_err(|e| err(1, e.to_string()))?
                .to_string(),
        );
        c.summary_max_length = self
            .config
            .opt_count("SUMMARY_MAX_LENGTH")
            .map_err(|e| err(1, e.to_string()))?;
        if let Some(PyValue::Int(0)) = self.config.get("SUMMARY_MAX_LENGTH") {
            c.summary_max_length = Some(0);
        }
        c.summary_end_suffix = self
            .config
            .opt_str("SUMMARY_END_SUFFIX")
            .map_err(|e| err(1, e.to_string()))?
            .unwrap_or("")
            .to_string();
        let klass = match (c.kind, c.status.as_str()) {
            (ContentKind::Page, "draft") => "DRAFT_PAGE",
            (ContentKind::Page, _) => "PAGE",
            (ContentKind::Draft, _) => "DRAFT",
            (ContentKind::Article, _) => "ARTICLE",
        };
        let lang_part = if c.lang == default_lang { "" } else { "_LANG" };
        let url_format = |key: &str| -> Option<FormatValue> {
            Some(match key {
                "slug" => FormatValue::Str(c.slug.clone()),
                "lang" => FormatValue::Str(c.lang.clone()),
                "path" => FormatValue::Str(src.relative_path.to_string()),
                "date" => FormatValue::Date(
                    c.date
                        .clone()
                        .unwrap_or_else(|| Zoned::now().with_time_zone(self.tz.clone())),
                ),
                "author" => FormatValue::Str(
                    c.authors
                        .first()
                        .map(|a| a.slug.clone())
                        .unwrap_or_default(),
                ),
                "category" => FormatValue::Str(
                    c.category
                        .as_ref()
                        .map(|a| a.slug.clone())
                        .unwrap_or_default(),
                ),
                other => FormatValue::Str(field(other)?.0.trim().to_string()),
            })
        };
        for (what, target) in [("URL", &mut c.url), ("SAVE_AS", &mut c.save_as)] {
            let override_field = field(&what.to_ascii_lowercase());
            *target = match override_field {
                Some((v, _)) => v.trim().to_string(),
                None => {
                    let key = format!("{klass}{lang_part}_{what}");
                    let pattern = self
                        .config
                        .string(&key)
                        .map_err(|e| err(1, e.to_string()))?;
                    pyformat::format(pattern, &url_format)
                        .map_err(|e| err(first_line, format!("{key}: {e}")))?
                }
            };
        }
        if c.save_as.split('/').any(|p| p == "..") || c.save_as.starts_with('/') {
            return Err(err(
                first_line,
                format!(
                    "would be written outside the output folder: `{}`",
                    c.save_as
                ),
            ));
        }
        c.metadata = metadata;
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PelicanSettings, Setting};

    fn config(extra: &[(&str, PyValue)]) -> PelicanConfig {
        let mut settings = vec![
            ("AUTHOR", PyValue::Str("TWiR Contributors".into())),
            (
                "ARTICLE_URL",
                PyValue::Str("blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/".into()),
            ),
            (
                "ARTICLE_SAVE_AS",
                PyValue::Str("blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html".into()),
            ),
        ];
        settings.extend(extra.iter().cloned());
        PelicanConfig::new(&PelicanSettings {
            path: "pelicanconf.py".into(),
            settings: settings
                .into_iter()
                .enumerate()
                .map(|(i, (n, v))| Setting {
                    name: n.into(),
                    value: v,
                    line: i + 1,
                })
                .collect(),
        })
    }

    fn read(
        cfg: &PelicanConfig,
        rel: &str,
        kind: ContentKind,
        fields: &[(&str, &str)],
    ) -> Result<Content, ReadError> {
        let tz = TimeZone::get("America/New_York").unwrap();
        let md = |s: &str| format!("<p>{s}</p>");
        let r = Reader {
            config: cfg,
            tz: &tz,
            markdown: &md,
        };
        let fields: Vec<(String, String, usize)> = fields
            .iter()
            .enumerate()
            .map(|(i, (k, v))| (k.to_string(), v.to_string(), i + 1))
            .collect();
        r.read(&SourceFile {
            path: Path::new(rel),
            relative_path: rel,
            kind,
            fields: &fields,
            body_html: Arc::from("<p>x</p>"),
        })
    }

    #[test]
    fn articles_get_pelican_defaults_and_urls() {
        let cfg = config(&[]);
        let a = read(
            &cfg,
            "2025-06-18-x.md",
            ContentKind::Article,
            &[
                ("Title", "This Week in Rust 604"),
                ("Number", "604"),
                ("Date", "2025-06-18"),
            ],
        )
        .unwrap();
        assert_eq!(a.url, "blog/2025/06/18/this-week-in-rust-604/");
        assert_eq!(
            a.save_as,
            "blog/2025/06/18/this-week-in-rust-604/index.html"
        );
        assert_eq!(a.category.as_ref().unwrap().name, "misc");
        assert_eq!(a.category.as_ref().unwrap().url, "category/misc.html");
        assert_eq!(a.authors[0].slug, "twir-contributors");
        assert_eq!(a.authors[0].url, "author/twir-contributors.html");
        assert!(a.tags.is_none());
        assert_eq!(a.metadata[1].1.as_str(), Some("604"));
        let b = read(
            &cfg,
            "sub/2013-06-07-x.md",
            ContentKind::Article,
            &[
                ("Title", "A"),
                ("Tags", "rust, programming"),
                ("Slug", "custom"),
                ("Summary", "*s*"),
            ],
        )
        .unwrap();
        assert_eq!(b.url, "blog/2013/06/07/custom/");
        assert_eq!(b.category.as_ref().unwrap().name, "sub");
        assert_eq!(b.tags.as_ref().unwrap().len(), 2);
        assert_eq!(&*b.summary(), "<p>*s*</p>");
        let d = read(
            &cfg,
            "x.md",
            ContentKind::Article,
            &[
                ("Title", "D"),
                ("Date", "2024-01-01 18:46"),
                ("Status", "Draft"),
            ],
        )
        .unwrap();
        assert_eq!(d.kind, ContentKind::Draft);
        assert_eq!(d.url, "drafts/d.html");
        let p = read(
            &cfg,
            "pages/about.md",
            ContentKind::Page,
            &[("Title", "About Us")],
        )
        .unwrap();
        assert_eq!(
            (p.url.as_str(), p.save_as.as_str(), p.template.as_str()),
            ("pages/about-us.html", "pages/about-us.html", "page")
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let cfg = config(&[]);
        let e = read(
            &cfg,
            "x.md",
            ContentKind::Article,
            &[("Number", "1"), ("Date", "2024-01-01")],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.md:1: missing `Title:` in the metadata header"
        );
        let e = read(&cfg, "x.md", ContentKind::Article, &[("Title", "A")]).unwrap_err();
        assert!(e.to_string().contains("missing `Date:`"), "{e}");
        let e = read(
            &cfg,
            "x.md",
            ContentKind::Article,
            &[("Title", "A"), ("Date", "2024-13-01")],
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("x.md:2: invalid `date:` value"),
            "{e}"
        );
        let e = read(
            &cfg,
            "x.md",
            ContentKind::Article,
            &[("Title", "A"), ("Date", "2024-01-01"), ("Status", "weird")],
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("x.md:3: unknown `Status:`"),
            "{e}"
        );
        let e = read(
            &cfg,
            "x.md",
            ContentKind::Article,
            &[
                ("Title", "A"),
                ("Date", "2024-01-01"),
                ("Save_as", "../../etc/x"),
            ],
        )
        .unwrap_err();
        assert!(e.to_string().contains("outside the output folder"), "{e}");
        let cfg = config(&[("ARTICLE_URL", PyValue::Str("{nope}/".into()))]);
        let e = read(
            &cfg,
            "x.md",
            ContentKind::Article,
            &[("Title", "A"), ("Date", "2024-01-01")],
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("ARTICLE_URL: unknown field `{nope}`"),
            "{e}"
        );
    }
}
