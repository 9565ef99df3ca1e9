//! `twir serve`'s request-path decoding: never a panic, and whatever it accepts is a list of
//! plain file names (no `.`/`..`, nothing hidden, no separator or control character, at most
//! 255 bytes each) that joins under the site folder and re-encodes to the same path.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Component;
use twir_serve::path::{MAX_PATH_BYTES, MAX_SEGMENT_BYTES, PathError, decode};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    match decode(raw) {
        Ok(p) => {
            for s in &p.segments {
                assert!(!s.is_empty() && s.len() <= MAX_SEGMENT_BYTES, "{s:?}");
                assert!(!s.starts_with('.'), "{s:?}");
                assert!(!s.contains(['/', '\\', ':']), "{s:?}");
                assert!(!s.chars().any(char::is_control), "{s:?}");
            }
            let rel = p.relative();
            assert!(
                rel.components().all(|c| matches!(c, Component::Normal(_))),
                "{rel:?}"
            );
            assert_eq!(rel.components().count(), p.segments.len());
            let again = p.to_url_path();
            if again.len() <= MAX_PATH_BYTES {
                assert_eq!(decode(&again).as_ref(), Ok(&p), "{again}");
            }
        }
        Err(PathError::TooLong) => assert!(raw.len() > MAX_PATH_BYTES),
        Err(PathError::NotFound) => {}
    }
});
