//! How big the HTML is against Gmail's limit: Gmail shows only the start of a message whose
//! HTML exceeds about 102 KB, behind a "[Message clipped]" link.

use std::fmt;

/// Gmail's clipping threshold in bytes (102 KiB).
pub const GMAIL_CLIP_BYTES: usize = 102 * 1024;
/// Within this many bytes of the limit the report warns too: a few more links tip it over.
pub const NEAR_MARGIN_BYTES: usize = 10 * 1024;

/// The size of an edition's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeReport {
    /// Bytes of the HTML document.
    pub html: usize,
    /// Bytes of the plain text.
    pub text: usize,
    /// Bytes of the whole `.eml`, when one is made.
    pub eml: Option<usize>,
}

/// How the HTML size compares with Gmail's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Comfortably under.
    Fine,
    /// Under, but by less than [`NEAR_MARGIN_BYTES`]; holds the bytes left.
    Near(usize),
    /// Over; holds the excess in bytes.
    Over(usize),
}

impl SizeReport {
    /// The verdict for the HTML part.
    pub fn verdict(&self) -> Verdict {
        if self.html > GMAIL_CLIP_BYTES {
            Verdict::Over(self.html - GMAIL_CLIP_BYTES)
        } else if GMAIL_CLIP_BYTES - self.html < NEAR_MARGIN_BYTES {
            Verdict::Near(GMAIL_CLIP_BYTES - self.html)
        } else {
            Verdict::Fine
        }
    }

    /// Whether the report deserves a warning.
    pub fn is_warning(&self) -> bool {
        self.verdict() != Verdict::Fine
    }
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

impl fmt::Display for SizeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = kb(GMAIL_CLIP_BYTES);
        match self.verdict() {
            Verdict::Over(excess) => write!(
                f,
                "warning: the HTML is {} ({} bytes), {} ({excess} bytes) over Gmail's {limit} \
                 clipping limit: Gmail will cut the message and hide the rest behind \
                 \"[Message clipped]\"",
                kb(self.html),
                self.html,
                kb(excess)
            )?,
            Verdict::Near(left) => write!(
                f,
                "warning: the HTML is {} ({} bytes), only {} ({left} bytes) under Gmail's \
                 {limit} clipping limit",
                kb(self.html),
                self.html,
                kb(left)
            )?,
            Verdict::Fine => write!(
                f,
                "size: HTML {}, {} under Gmail's {limit} clipping limit",
                kb(self.html),
                kb(GMAIL_CLIP_BYTES - self.html)
            )?,
        }
        write!(f, "; text {}", kb(self.text))?;
        if let Some(eml) = self.eml {
            write!(f, ", message {}", kb(eml))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(html: usize) -> SizeReport {
        SizeReport {
            html,
            text: 1000,
            eml: Some(html * 2),
        }
    }

    #[test]
    fn verdicts_and_messages() {
        assert_eq!(report(50_000).verdict(), Verdict::Fine);
        assert!(!report(50_000).is_warning());
        let near = report(GMAIL_CLIP_BYTES - 2048);
        assert_eq!(near.verdict(), Verdict::Near(2048));
        assert!(
            near.to_string().contains("only 2.0 KB (2048 bytes) under"),
            "{near}"
        );
        let over = report(GMAIL_CLIP_BYTES + 5120);
        assert_eq!(over.verdict(), Verdict::Over(5120));
        let msg = over.to_string();
        assert!(msg.starts_with("warning: the HTML is 107.0 KB"), "{msg}");
        assert!(
            msg.contains("5.0 KB (5120 bytes) over Gmail's 102.0 KB"),
            "{msg}"
        );
    }
}
