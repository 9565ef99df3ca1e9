//! Errors of building the site. Each names the file (and line when there is one) it is about.

use std::path::PathBuf;

/// Why (part of) the site could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// An issue or page could not be read (I/O, encoding, unsupported format).
    #[error(transparent)]
    Content(#[from] twir_content::ContentError),
    /// A required metadata field is missing.
    #[error("{path}:{line}: missing `{field}:` in the metadata header")]
    MissingField {
        /// The file.
        path: PathBuf,
        /// Line where the header is (1 when there is no header at all).
        line: usize,
        /// The field, e.g. `Title`.
        field: &'static str,
    },
    /// A metadata key is given twice.
    #[error(
        "{path}:{line}: `{key}:` given twice in the metadata header (also on line {first_line})"
    )]
    RepeatedField {
        /// The file.
        path: PathBuf,
        /// Line of the second occurrence.
        line: usize,
        /// Line of the first.
        first_line: usize,
        /// The key as written the second time.
        key: String,
    },
    /// A metadata value cannot be understood.
    #[error("{path}:{line}: invalid `{field}:` value `{value}`: {reason}")]
    InvalidField {
        /// The file.
        path: PathBuf,
        /// Line of the field.
        line: usize,
        /// The field.
        field: &'static str,
        /// Its value.
        value: String,
        /// What is expected.
        reason: String,
    },
    /// Two documents would be written to the same URL.
    #[error("{second}: same URL `{url}` as {first}; give one of them a `Slug:`")]
    DuplicateUrl {
        /// The URL both map to.
        url: String,
        /// The file that got it first.
        first: PathBuf,
        /// The other file.
        second: PathBuf,
    },
    /// A template could not be parsed or rendered.
    #[error("{name}{}: template error: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// Template name or file.
        name: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// A stylesheet could not be compiled.
    #[error("{path}: SCSS error: {message}")]
    Scss {
        /// The `.scss` file.
        path: PathBuf,
        /// The compiler's message (with its own line information).
        message: String,
    },
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The time zone in the configuration is unknown.
    #[error("twir.toml: unknown time zone `{name}` in site.timezone: {message}")]
    TimeZone {
        /// The configured name.
        name: String,
        /// Why it failed.
        message: String,
    },
    /// The output folder cannot safely be replaced.
    #[error("{path}: {reason}")]
    Output {
        /// The output folder.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// Writing the search index failed.
    #[error("search index: {0}")]
    Search(String),
    /// `pelicanconf.py` could not be read or evaluated.
    #[error(transparent)]
    PelicanSettings(#[from] twir_pelican::SettingsError),
    /// A Pelican setting has a value twir cannot use.
    #[error(transparent)]
    PelicanConfig(#[from] twir_pelican::ConfigError),
    /// A Pelican theme could not be loaded or a page rendered with it.
    #[error(transparent)]
    PelicanTheme(#[from] twir_pelican::ThemeError),
    /// A source cannot be an article or page under Pelican's rules.
    #[error(transparent)]
    PelicanRead(#[from] twir_pelican::reader::ReadError),
    /// A reStructuredText source uses markup twir does not render.
    #[error(transparent)]
    Rst(#[from] twir_rst::RstError),
    /// Two files would be written to the same path.
    #[error("{second}: would be written to `{save_as}` like {first}; give one of them a `Slug:`")]
    DuplicateOutput {
        /// The output path both map to.
        save_as: String,
        /// The file that got it first.
        first: PathBuf,
        /// The other file.
        second: PathBuf,
    },
}

impl SiteError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> SiteError {
        SiteError::Io {
            path: path.into(),
            source,
        }
    }

    /// Converts a template error, keeping its template name and line.
    pub fn template(err: &minijinja::Error) -> SiteError {
        let mut message = err.kind().to_string();
        if let Some(detail) = err.detail() {
            message.push_str(": ");
            message.push_str(detail);
        }
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        SiteError::Template {
            name: err.name().unwrap_or("template").to_string(),
            line: err.line(),
            message,
        }
    }
}
