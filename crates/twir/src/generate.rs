//! Shared plumbing of the section generators (`events`, `rfcs`, `prs`): which issue date to
//! use, running async collectors, and printing a section or replacing it in a draft in place.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use twir_content::write::write_atomic;
use twir_content::{Document, Site};

/// The only draft in `draft/`.
pub fn single_draft(site: &Site) -> Result<PathBuf> {
    let drafts = site.drafts()?;
    match drafts.as_slice() {
        [one] => Ok(one.path.clone()),
        [] => anyhow::bail!("no draft in {}; name the file", site.draft_dir().display()),
        _ if twir_workflow::journal_path(&site.draft_dir()).exists() => anyhow::bail!(
            "several drafts in {}: a `twir publish` was interrupted; run `twir publish` to finish it",
            site.draft_dir().display()
        ),
        _ => anyhow::bail!(
            "several drafts in {}; name the file",
            site.draft_dir().display()
        ),
    }
}

/// The date of the draft (`into`, or the only one in `draft/`), used when `--date` is not given.
pub fn draft_date(site: &Site, into: Option<&Path>) -> Result<jiff::civil::Date> {
    let path = match into {
        Some(p) => p.to_path_buf(),
        None => single_draft(site)?,
    };
    let doc = Document::load(&path)?;
    doc.meta.date().with_context(|| {
        let line = doc.meta.field("date").map(|f| f.line).unwrap_or(1);
        format!(
            "{}:{line}: no valid `Date:` in the draft; give --date",
            path.display()
        )
    })
}

/// A current-thread tokio runtime for one command's network work.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Prints `body`, or with `into` replaces the body of the section titled `title` in that
/// draft, leaving the rest of the file byte-identical.
pub fn emit(title: &str, body: &str, into: Option<&PathBuf>) -> Result<()> {
    let Some(path) = into else {
        print!("{body}");
        return Ok(());
    };
    let doc = Document::load(path)?;
    let new = doc
        .replace_section_body(title, &format!("\n{}", body.trim_end_matches('\n')))
        .with_context(|| format!("{}: no `{title}` section to replace", path.display()))?;
    write_atomic(path, new.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    eprintln!("updated the `{title}` section of {}", path.display());
    Ok(())
}

/// With `into`, replaces each named section (heading included) by its new text; else prints
/// the parts in order.
pub fn emit_sections(parts: &[(&str, &str)], into: Option<&PathBuf>) -> Result<()> {
    let Some(path) = into else {
        let texts: Vec<&str> = parts
            .iter()
            .map(|(_, t)| t.trim_end_matches('\n'))
            .collect();
        println!("{}", texts.join("\n\n"));
        return Ok(());
    };
    let mut text = Document::load(path)?.source;
    for (title, part) in parts {
        let doc = Document::parse(text.as_str());
        text = doc
            .replace_section(title, part)
            .with_context(|| format!("{}: no `{title}` section to replace", path.display()))?;
    }
    write_atomic(path, text.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    let titles: Vec<&str> = parts.iter().map(|(t, _)| *t).collect();
    eprintln!("updated {} of {}", titles.join(", "), path.display());
    Ok(())
}

/// A GitHub client for `--api-url` (default: config or api.github.com), token from GITHUB_TOKEN.
pub fn github(site: &Site, api_url: Option<&str>) -> Result<twir_github::GitHub> {
    let raw = api_url.unwrap_or(&site.config.github.api_url);
    let url = twir_github::twir_net::Url::parse(raw)
        .with_context(|| format!("invalid GitHub API URL `{raw}`"))?;
    let client = twir_github::GitHub::new(twir_github::GitHub::config_builder(Some(url)).build())?;
    Ok(client.with_progress(crate::progress::stderr_progress()))
}
