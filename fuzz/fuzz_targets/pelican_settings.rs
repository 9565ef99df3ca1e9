//! The pelicanconf.py reader never panics, and every line it names is inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use twir_pelican::PelicanSettings;

/// Lines as Python counts them: `\r\n`, `\r` and `\n` each end one.
fn line_count(text: &str) -> usize {
    1 + text.replace("\r\n", "\n").matches(['\n', '\r']).count()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = line_count(text);
    // The environment answers for a few names, so both branches of env conditions run.
    let env = |name: &str| match name {
        "A" => Some("1".to_string()),
        "B" => Some(String::new()),
        _ => None,
    };
    match PelicanSettings::parse(Path::new("pelicanconf.py"), text, &env) {
        Ok(settings) => {
            for s in &settings.settings {
                assert!((1..=lines).contains(&s.line), "{} at line {} of {lines}", s.name, s.line);
            }
        }
        Err(e) => {
            let line = e.line().expect("parse errors name a line");
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {e}");
            let _ = e.to_string();
        }
    }
});
