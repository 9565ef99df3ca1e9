//! Turning text into index terms.
//!
//! The same rules are implemented in `assets/search.js` (`tokenize`); both sides must agree
//! or queries miss. The browser test feeds the strings of [`CROSS_CHECK`] to the JS tokenizer
//! and compares with this one.
//!
//! Rules, in order:
//! 1. A word is a run of Unicode alphanumeric characters (`char::is_alphanumeric`, i.e. the
//!    `Alphabetic` property or a numeric category, the same as JS `[\p{Alphabetic}\p{N}]`).
//!    An apostrophe (`'` or `’`) between two word characters is dropped and the word goes on
//!    (`rust's` -> `rusts`, `don't` -> `dont`); a `.` between two digits is kept (`1.0`).
//! 2. Each character is lower-cased on its own (`char::to_lowercase`), so that no context
//!    rule (final sigma) makes the two languages differ.
//! 3. Stop words ([`STOP_WORDS`], checked after lower-casing) are dropped, and so are words
//!    longer than [`MAX_TERM_BYTES`] bytes (hashes, mangled URLs).
//! 4. A light plural stemmer (Harman's "S" stemmer with an extra `is` exception) is applied
//!    to words longer than three bytes: `ies` -> `y` (not `aies`/`eies`), `es` -> `e` (not
//!    `aes`/`ees`/`oes`), `s` -> `` (not `ss`/`us`/`is`).

/// Words dropped from both the index and queries: they are in nearly every section and
/// would make shards large without helping a search. Rust keywords (`as`, `in`, `for`, `if`,
/// `impl`...) are deliberately not here.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "be", "by", "from", "has", "have", "is", "it", "its", "of",
    "on", "or", "our", "that", "the", "this", "to", "was", "we", "will", "with", "you", "your",
];

/// Longest term kept, in UTF-8 bytes.
pub const MAX_TERM_BYTES: usize = 40;

/// Strings whose tokens the browser test compares between this module and `search.js`.
pub const CROSS_CHECK: &[&str] = &[
    "Tokio 1.0 released!",
    "Const Generics MVP hits beta",
    "The borrow checker's new rules",
    "RustConf 2024: Rust's stories",
    "async/await & std::future::Future",
    "Ünïcödé ΣΊΣΥΦΟΣ naïve café über",
    "don't panic, v0.11.0 releases series glasses status",
    "日本語のテキスト and emoji 🦀 crabs",
];

/// Calls `emit` with every term of `text`, in order, duplicates included.
pub fn tokenize(text: &str, mut emit: impl FnMut(&str)) {
    tokenize_raw(text, |_, term| emit(term));
}

/// Like [`tokenize`], but `emit` also gets the lower-cased word before stemming (used to
/// complete the last word of a query).
pub fn tokenize_raw(text: &str, mut emit: impl FnMut(&str, &str)) {
    let mut word = String::with_capacity(32);
    let mut scratch = String::with_capacity(32);
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(ch) = chars.next() {
        if ch.is_alphanumeric() {
            if ch.is_ascii() {
                word.push(ch.to_ascii_lowercase());
            } else {
                word.extend(ch.to_lowercase());
            }
        } else if !word.is_empty() {
            let next = chars.peek().copied();
            let joins = match ch {
                '\'' | '\u{2019}' => next.is_some_and(char::is_alphanumeric),
                '.' => prev.is_some_and(|p| p.is_numeric()) && next.is_some_and(|n| n.is_numeric()),
                _ => false,
            };
            if joins {
                if ch == '.' {
                    word.push('.');
                }
            } else {
                finish(&mut word, &mut scratch, &mut emit);
            }
        }
        prev = Some(ch);
    }
    finish(&mut word, &mut scratch, &mut emit);
}

/// Emits the pending word if it is a term, and clears it.
fn finish(word: &mut String, scratch: &mut String, emit: &mut impl FnMut(&str, &str)) {
    if !word.is_empty() && word.len() <= MAX_TERM_BYTES && !is_stop_word(word) {
        match stem(word) {
            Stem::Keep(len) => emit(word, &word[..len]),
            Stem::IesToY => {
                scratch.clear();
                scratch.push_str(&word[..word.len() - 3]);
                scratch.push('y');
                emit(word, scratch);
            }
        }
    }
    word.clear();
}

/// True for the words of [`STOP_WORDS`].
pub fn is_stop_word(word: &str) -> bool {
    // Every stop word has 1 to 4 bytes, so a word is one `u32` to compare: this runs for
    // every token of the archive, and string comparisons showed in profiles.
    word.len() <= 4 && STOP_PACKED.contains(&pack(word.as_bytes()))
}

/// Up to 4 bytes as one number (words have no NUL bytes, so lengths cannot collide).
const fn pack(bytes: &[u8]) -> u32 {
    let mut v = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        v = (v << 8) | bytes[i] as u32;
        i += 1;
    }
    v
}

const STOP_PACKED: [u32; STOP_WORDS.len()] = {
    let mut out = [0u32; STOP_WORDS.len()];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        out[i] = pack(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    out
};

/// What the plural stemmer of rule 4 does to a word.
enum Stem {
    /// Keep this many leading bytes.
    Keep(usize),
    /// Replace the trailing `ies` with `y`.
    IesToY,
}

fn stem(word: &str) -> Stem {
    let n = word.len();
    if n <= 3 {
        return Stem::Keep(n);
    }
    if word.ends_with("ies") && !word.ends_with("aies") && !word.ends_with("eies") {
        Stem::IesToY
    } else if word.ends_with("es") {
        let keep = word.ends_with("aes") || word.ends_with("ees") || word.ends_with("oes");
        Stem::Keep(if keep { n } else { n - 1 })
    } else if word.ends_with('s')
        && !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is"))
    {
        Stem::Keep(n - 1)
    } else {
        Stem::Keep(n)
    }
}

/// All terms of `text` as owned strings (convenience for tests and queries).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    tokenize(text, |t| out.push(t.to_owned()));
    out
}

/// The prefix used to complete the last, possibly unfinished, word of a query, given that
/// word lower-cased (`raw`) and its `term`: their longest common prefix (`stories`/`story`
/// -> `stor`), so that completions of both the typed letters and the stem are found.
pub fn completion_prefix<'a>(raw: &'a str, term: &str) -> &'a str {
    let common = raw
        .char_indices()
        .zip(term.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, a), _)| i + a.len_utf8());
    &raw[..common]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| (1..=4).contains(&w.len())));
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        for w in ["", "x", "ann", "then", "thes", "rust", "tokio", "i"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }

    #[test]
    fn splits_lowercases_and_stems() {
        assert_eq!(terms("Tokio 1.0 released!"), ["tokio", "1.0", "released"]);
        assert_eq!(terms("Const Generics MVP"), ["const", "generic", "mvp"]);
        assert_eq!(
            terms("The borrow checker's rules"),
            ["borrow", "checker", "rule"]
        );
        assert_eq!(
            terms("stories glasses status this"),
            ["story", "glasse", "status"]
        );
        assert_eq!(terms("v0.11.0, 3. Then"), ["v0.11.0", "3", "then"]);
        assert_eq!(
            terms("async/await std::fs"),
            ["async", "await", "std", "fs"]
        );
    }

    #[test]
    fn unicode_words() {
        assert_eq!(terms("Ünïcödé café"), ["ünïcödé", "café"]);
        // Each sigma is lower-cased on its own: no final-sigma form.
        assert_eq!(terms("ΣΟΣ"), ["σοσ"]);
        assert_eq!(terms("日本語 🦀"), ["日本語"]);
    }

    #[test]
    fn drops_stop_words_and_long_words() {
        assert!(terms("the and of a").is_empty());
        let long = "x".repeat(MAX_TERM_BYTES + 1);
        assert!(terms(&long).is_empty());
        assert!(terms("it's").is_empty());
    }

    #[test]
    fn completion_prefix_covers_stem_and_raw() {
        let mut seen = Vec::new();
        tokenize_raw("Stories generics asy", |raw, term| {
            seen.push(completion_prefix(raw, term).to_owned())
        });
        assert_eq!(seen, ["stor", "generic", "asy"]);
    }
}
