//! The API key: read from the environment, split into secret and data centre, and scrubbed
//! from every text twir prints.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::fmt;
use twir_net::Token;

use crate::error::MailchimpError;

/// The environment variable holding the key.
pub const KEY_ENV: &str = "MAILCHIMP_API_KEY";

/// A Mailchimp API key (`<32 hex digits>-<data centre>`, e.g. `...-us11`).
///
/// `Debug` and `Display` never show it; [`ApiKey::redact`] removes it (and the encodings in
/// which it travels) from any text before that text is printed.
#[derive(Clone)]
pub struct ApiKey {
    raw: String,
    dc: String,
}

impl ApiKey {
    /// Reads [`KEY_ENV`]; a clear error (that never quotes the value) when unset or malformed.
    pub fn from_env() -> Result<ApiKey, MailchimpError> {
        match std::env::var(KEY_ENV) {
            Ok(v) => ApiKey::parse(&v),
            Err(std::env::VarError::NotPresent) => Err(MailchimpError::Key(format!(
                "{KEY_ENV} is not set: create an API key in Mailchimp (Account > Extras > API \
                 keys) and export it"
            ))),
            Err(std::env::VarError::NotUnicode(_)) => Err(MailchimpError::Key(format!(
                "{KEY_ENV} is not valid Unicode"
            ))),
        }
    }

    /// Parses a key; its data centre is the part after the last `-`.
    pub fn parse(value: &str) -> Result<ApiKey, MailchimpError> {
        let raw = value.trim();
        if raw.is_empty() {
            return Err(MailchimpError::Key(format!("{KEY_ENV} is empty")));
        }
        let Some((secret, dc)) = raw.rsplit_once('-') else {
            return Err(MailchimpError::Key(format!(
                "{KEY_ENV} has no data-centre suffix (a key looks like <key>-us11)"
            )));
        };
        let dc_ok = dc.len() <= 10
            && dc.starts_with(|c: char| c.is_ascii_lowercase())
            && dc
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && dc.chars().any(|c| c.is_ascii_digit());
        if secret.is_empty() || !dc_ok {
            return Err(MailchimpError::Key(format!(
                "{KEY_ENV} does not end with a data centre such as -us11"
            )));
        }
        if !raw.chars().all(|c| c.is_ascii_graphic()) {
            return Err(MailchimpError::Key(format!(
                "{KEY_ENV} contains spaces or control characters"
            )));
        }
        // twir-net then scrubs it from everything it hands back, bodies included.
        twir_net::register_secret(raw);
        twir_net::register_secret(secret);
        let key = ApiKey {
            raw: raw.to_string(),
            dc: dc.to_string(),
        };
        twir_net::register_secret(key.authorization().expose());
        Ok(key)
    }

    /// The data centre, e.g. `us11`.
    pub fn data_centre(&self) -> &str {
        &self.dc
    }

    /// The API root of the key's data centre.
    pub fn default_api_url(&self) -> String {
        format!("https://{}.api.mailchimp.com/3.0/", self.dc)
    }

    /// The `Authorization` header value (HTTP Basic, any user name, the key as password).
    pub(crate) fn authorization(&self) -> Token {
        Token::new(format!(
            "Basic {}",
            STANDARD.encode(self.basic_credentials())
        ))
    }

    fn basic_credentials(&self) -> String {
        format!("twir:{}", self.raw)
    }

    /// `text` with the key, its secret part and its Basic-auth encoding replaced by
    /// `<redacted>`, then through twir-net's shared redaction (other tokens, credentials in
    /// URLs and headers): applied to every server message and error before it is shown.
    pub fn redact(&self, text: &str) -> String {
        twir_net::redact(&self.redact_own(text))
    }

    fn redact_own(&self, text: &str) -> String {
        let mut out = text.to_string();
        let secret = self
            .raw
            .rsplit_once('-')
            .map_or(self.raw.as_str(), |(s, _)| s);
        let basic = STANDARD.encode(self.basic_credentials());
        let mut needles = vec![self.raw.as_str(), basic.as_str()];
        // A short secret would also match ordinary words; real keys are 32 characters.
        if secret.len() >= 8 {
            needles.push(secret);
        }
        for needle in needles {
            if out.contains(needle) {
                out = out.replace(needle, "<redacted>");
            }
        }
        out
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey(<redacted>-{})", self.dc)
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted>-{}", self.dc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef-us11";

    #[test]
    fn data_centre_from_the_suffix() {
        let k = ApiKey::parse(&format!(" {KEY}\n")).unwrap();
        assert_eq!(k.data_centre(), "us11");
        assert_eq!(k.default_api_url(), "https://us11.api.mailchimp.com/3.0/");
        assert!(!format!("{k:?} {k}").contains("0123456789abcdef"));
    }

    #[test]
    fn malformed_keys_are_refused_without_quoting_them() {
        for bad in [
            "",
            "-us1",
            "0123456789abcdef-nodash",
            "0123456789abcdef-",
            "0123456789abcdef-US1",
            "0123456789abcdef-us",
            "0123456789abcdef-1us",
            "0123456789 abcdef-us1",
        ] {
            let e = ApiKey::parse(bad).unwrap_err().to_string();
            assert!(e.contains(KEY_ENV), "{e}");
            assert!(!e.contains("0123456789"), "{e}");
        }
    }

    #[test]
    fn redaction_covers_every_form() {
        let k = ApiKey::parse(KEY).unwrap();
        let basic = STANDARD.encode(format!("twir:{KEY}"));
        let text = format!("key {KEY} secret 0123456789abcdef0123456789abcdef auth Basic {basic}");
        let r = k.redact(&text);
        assert!(!r.contains("0123456789abcdef"), "{r}");
        assert!(!r.contains(&basic), "{r}");
        assert_eq!(r.matches("<redacted>").count(), 3, "{r}");
        let auth = k.authorization();
        assert_eq!(auth.expose(), format!("Basic {basic}"));
    }
}
