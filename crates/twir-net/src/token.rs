//! Secret API tokens that never leak into logs.

use std::fmt;

/// A secret API token (for example a GitHub personal access token).
///
/// `Debug` and `Display` print `<redacted>` so a token can sit inside configs
/// and errors that get logged. Call [`Token::expose`] only where the raw value
/// is really needed (building the `Authorization` header).
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a raw token string; surrounding whitespace (a common artefact of
    /// copy-pasting or `$(cat file)`) is trimmed.
    pub fn new(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let trimmed = raw.trim();
        if trimmed.len() == raw.len() {
            Token(raw)
        } else {
            Token(trimmed.to_owned())
        }
    }

    /// Reads a token from the environment variable `var`.
    ///
    /// Returns `None` when the variable is unset, empty or not valid Unicode,
    /// because every client built on this crate also works unauthenticated.
    pub fn from_env(var: &str) -> Option<Self> {
        let raw = std::env::var(var).ok()?;
        let token = Token::new(raw);
        if token.0.is_empty() {
            None
        } else {
            Some(token)
        }
    }

    /// The raw secret. Never log or display the result.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_are_redacted() {
        let t = Token::new("ghp_secret123");
        assert_eq!(format!("{t:?}"), "Token(<redacted>)");
        assert_eq!(t.to_string(), "<redacted>");
        assert!(!format!("{t:?} {t} {:?}", Some(&t)).contains("secret"));
        assert_eq!(t.expose(), "ghp_secret123");
    }

    #[test]
    fn whitespace_is_trimmed() {
        assert_eq!(Token::new("  abc\n").expose(), "abc");
    }

    #[test]
    fn missing_or_empty_env_var_is_none() {
        assert!(Token::from_env("TWIR_NET_TEST_SURELY_UNSET_VAR").is_none());
    }
}
