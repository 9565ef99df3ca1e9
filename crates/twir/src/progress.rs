//! A progress line on stderr for long network runs (pagination, rate-limit waits).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use twir_github::twir_net::{Progress, ProgressEvent, WaitReason};

/// A reporter that draws a spinner on a terminal and prints waits as plain lines otherwise.
pub fn stderr_progress() -> Arc<dyn Progress> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    Arc::new(move |event: &ProgressEvent<'_>| {
        let message = match event {
            ProgressEvent::Page {
                listing,
                page,
                total_pages,
            } => {
                let total = total_pages.map(|t| format!("/{t}")).unwrap_or_default();
                format!(
                    "{}{}: page {page}{total}",
                    listing.host_str().unwrap_or(""),
                    listing.path()
                )
            }
            ProgressEvent::Waiting { url, wait, reason } => {
                let why = match reason {
                    WaitReason::RateLimited => "rate limited".to_string(),
                    WaitReason::Retry(r) => r.clone(),
                    _ => "waiting".to_string(),
                };
                let line = format!(
                    "{why}: retrying {} in {:.1}s",
                    url.path(),
                    wait.as_secs_f64()
                );
                if bar.is_none() {
                    eprintln!("{line}");
                }
                line
            }
            _ => return,
        };
        if let Some(bar) = &bar {
            bar.set_message(message);
            bar.tick();
        }
    })
}
