//! A progress line on stderr for long network runs (pagination, rate-limit waits).
//!
//! Drawn by hand: one status line rewritten in place needs `\r`, a clear-line code and the
//! terminal's width (from `terminal_size`, already in the tree through clap). indicatif, used
//! before for exactly this, added 4 crates to the release binary (indicatif, console,
//! portable-atomic, unit-prefix) against issue 17's budget of 220.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use twir_github::twir_net::{Progress, ProgressEvent, WaitReason};

/// Frames of the spinner drawn before the message.
const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

/// A reporter that draws a status line on a terminal and prints waits as plain lines otherwise.
pub fn stderr_progress() -> Arc<dyn Progress> {
    let line = std::io::stderr()
        .is_terminal()
        .then(|| Mutex::new(StatusLine::default()));
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
                let text = format!(
                    "{why}: retrying {} in {:.1}s",
                    url.path(),
                    wait.as_secs_f64()
                );
                if line.is_none() {
                    eprintln!("{text}");
                }
                text
            }
            _ => return,
        };
        if let Some(line) = &line
            && let Ok(mut line) = line.lock()
        {
            line.draw(&message);
        }
    })
}

/// The status line: rewritten in place, cleared when the reporter goes away so that the
/// command's own output starts on a clean line.
#[derive(Default)]
struct StatusLine {
    frame: usize,
    drawn: bool,
}

impl StatusLine {
    fn draw(&mut self, message: &str) {
        let width = terminal_size::terminal_size().map_or(80, |(w, _)| usize::from(w.0));
        let text = fit(SPINNER[self.frame % SPINNER.len()], message, width);
        self.frame = self.frame.wrapping_add(1);
        // A status line is best effort: a closed stderr must not fail the download.
        let _ = write!(std::io::stderr().lock(), "\r\x1b[2K{text}");
        self.drawn = true;
    }
}

impl Drop for StatusLine {
    fn drop(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}

/// `spinner message`, cut to fit on one line of `width` columns (a wrapped line could not
/// be rewritten with `\r`). Messages are URLs and counts; one char is one column.
fn fit(spinner: char, message: &str, width: usize) -> String {
    let room = width.saturating_sub(3).max(1);
    let mut text: String = message.chars().take(room).collect();
    if message.chars().nth(room).is_some() {
        text.pop();
        text.push('…');
    }
    format!("{spinner} {text}")
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn lines_fit_the_terminal() {
        assert_eq!(fit('|', "page 1", 80), "| page 1");
        assert_eq!(fit('/', "abcdefghij", 8), "/ abcd…");
        assert_eq!(fit('-', "ééééé", 3), "- …");
        assert_eq!(fit('-', "", 0), "- ");
    }
}
