//! The whole pipeline over the real archive and deterministic mutations of it: every issue of
//! `../shared/corpus/content`, as it is and mutated (multi-byte and combining characters,
//! emoji, entities and half-entities, stray `<`, backticks, brackets, CRLF, tabs, NBSP, BOM,
//! cut and repeated lines), goes through `build` (with search), `render`, `check`, `fmt` and
//! (a deterministic sample) `email`. Nothing may panic or hang, and every error names the file
//! and the line.
//!
//! Round 0 is the archive unchanged; in each further round every issue gets two mutations of
//! the kind its position and the round select, so every kind meets about a hundred issues.
//! `TWIR_MUTATION_ROUNDS` sets the number of mutated rounds (default 3).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longest any one command may take before it counts as hung (debug build, 2 shared cores).
const HANG: Duration = Duration::from_secs(300);

/// Every how many issues one gets its email edition made, per round.
const EMAIL_EVERY: usize = 30;

#[derive(Debug, Clone, Copy)]
enum Kind {
    MultiByte,
    Combining,
    Emoji,
    Entity,
    HalfEntity,
    StrayLt,
    Backticks,
    Brackets,
    Crlf,
    Tabs,
    Nbsp,
    Bom,
    Cut,
    RepeatLine,
    CutLine,
}

const KINDS: [Kind; 15] = [
    Kind::MultiByte,
    Kind::Combining,
    Kind::Emoji,
    Kind::Entity,
    Kind::HalfEntity,
    Kind::StrayLt,
    Kind::Backticks,
    Kind::Brackets,
    Kind::Crlf,
    Kind::Tabs,
    Kind::Nbsp,
    Kind::Bom,
    Kind::Cut,
    Kind::RepeatLine,
    Kind::CutLine,
];

/// A small deterministic random sequence (xorshift64*), seeded per issue and round.
struct Rng(u64);

impl Rng {
    fn new(name: &str, round: usize) -> Rng {
        // FNV-1a of the name, mixed with the round.
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for b in name.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        Rng((h ^ (round as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1)
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % (n.max(1) as u64)) as usize
    }

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.below(options.len())]
    }
}

/// A character boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte offsets of line starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect()
}

fn insert_somewhere(text: &mut String, rng: &mut Rng, what: &str) {
    let at = boundary(text, rng.below(text.len() + 1));
    text.insert_str(at, what);
}

fn insert_at_line_start(text: &mut String, rng: &mut Rng, what: &str) {
    let starts = line_starts(text);
    let at = starts.get(rng.below(starts.len())).copied().unwrap_or(0);
    text.insert_str(at, what);
}

/// Applies one mutation of `kind` to `text`.
fn mutate(text: &mut String, kind: Kind, rng: &mut Rng) {
    match kind {
        Kind::MultiByte => {
            let w = rng.pick(&["é", "…", "中文", "ß", "ǅ", "İ", "\u{fffd}", "€"]);
            insert_somewhere(text, rng, w);
        }
        Kind::Combining => {
            let w = rng.pick(&["e\u{301}", "\u{301}", "a\u{308}\u{304}", "\u{20dd}"]);
            if rng.below(2) == 0 {
                insert_at_line_start(text, rng, w);
            } else {
                insert_somewhere(text, rng, w);
            }
        }
        Kind::Emoji => {
            let w = rng.pick(&["🦀", "👩‍👩‍👧", "🇫🇷", "❤️", "🏳️‍🌈", "\u{1f3fb}"]);
            insert_somewhere(text, rng, w);
        }
        Kind::Entity => {
            let w = rng.pick(&["&amp;", "&lt;", "&#x1F980;", "&#128;", "&nbsp;", "&hellip;"]);
            insert_somewhere(text, rng, w);
        }
        Kind::HalfEntity => {
            let w = rng.pick(&["&amp", "&amp…", "&#x", "&#", "&", "&nbsp", "&#12345678901;"]);
            insert_somewhere(text, rng, w);
        }
        Kind::StrayLt => {
            let w = rng.pick(&["<", "</", "<!--", "<div>", "<a href=\"", "<![CDATA[", "<?x"]);
            if rng.below(2) == 0 {
                insert_at_line_start(text, rng, w);
            } else {
                insert_somewhere(text, rng, w);
            }
        }
        Kind::Backticks => {
            let w = rng.pick(&["`", "``", "```", "```rust\n", "~~~\n"]);
            if w.ends_with('\n') {
                insert_at_line_start(text, rng, w);
            } else {
                insert_somewhere(text, rng, w);
            }
        }
        Kind::Brackets => {
            let w = rng.pick(&["[", "]", "](", "![", "[x][", "]: ", "[^1]", "(("]);
            insert_somewhere(text, rng, w);
        }
        Kind::Crlf => *text = text.replace('\n', "\r\n"),
        Kind::Tabs => {
            if rng.below(2) == 0 {
                insert_at_line_start(text, rng, "\t");
            } else {
                *text = text.replace("\n    ", "\n\t");
            }
        }
        Kind::Nbsp => {
            if rng.below(2) == 0 {
                *text = text.replacen(" ", "\u{a0}", 1 + rng.below(40));
            } else {
                insert_somewhere(text, rng, "\u{a0}");
            }
        }
        Kind::Bom => {
            if rng.below(2) == 0 {
                text.insert(0, '\u{feff}');
            } else {
                insert_at_line_start(text, rng, "\u{feff}");
            }
        }
        Kind::Cut => {
            let at = boundary(text, rng.below(text.len() + 1));
            text.truncate(at);
        }
        Kind::RepeatLine => {
            let starts = line_starts(text);
            if let Some(&start) = starts.get(rng.below(starts.len())) {
                let end = text[start..]
                    .find('\n')
                    .map(|i| start + i + 1)
                    .unwrap_or(text.len());
                let line = text[start..end].to_string();
                let times = 1 + rng.below(3);
                text.insert_str(end, &line.repeat(times));
            }
        }
        Kind::CutLine => {
            let starts = line_starts(text);
            if let Some(&start) = starts.get(rng.below(starts.len())) {
                let end = text[start..]
                    .find('\n')
                    .map(|i| start + i)
                    .unwrap_or(text.len());
                let from = boundary(text, start + rng.below(end - start + 1));
                let to = boundary(text, from + rng.below(end - from + 1));
                text.replace_range(from..to.max(from), "");
            }
        }
    }
}

/// Writes `round` of the archive under `dir/content`: unchanged for round 0.
fn write_round(corpus: &Path, dir: &Path, round: usize) -> Vec<PathBuf> {
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(corpus.join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".markdown"))
        .collect();
    names.sort();
    let mut files = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let mut text = std::fs::read_to_string(corpus.join("content").join(name)).unwrap();
        if round > 0 {
            let kind = KINDS[(i + round * 7) % KINDS.len()];
            let mut rng = Rng::new(name, round);
            mutate(&mut text, kind, &mut rng);
            mutate(&mut text, kind, &mut rng);
        }
        let path = content.join(name);
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    files
}

/// Runs `twir` with `args` in `root`; fails the test on a panic, an abort or a hang. Adds the
/// time it took to `spent` under the command's name.
fn run(root: &Path, args: &[&str], spent: &mut BTreeMap<String, Duration>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twir"))
        .arg("--root")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes on threads so a chatty command never blocks on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).unwrap();
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).unwrap();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("twir {args:?} hung (over {HANG:?}) in {}", root.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    *spent.entry(args[0].to_string()).or_default() += start.elapsed();
    let out = Output {
        status,
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && status.code().is_some_and(|c| c != 101),
        "twir {args:?} crashed ({status}) in {}:\n{stderr}",
        root.display()
    );
    out
}

/// Every `error` line of `stderr` names a Markdown file and a line (`FILE.md:LINE`).
fn errors_name_file_and_line(what: &str, stderr: &str, problems: &mut Vec<String>) {
    for line in stderr.lines().filter(|l| l.starts_with("error")) {
        let named = line.split_whitespace().any(|word| {
            let word = word.trim_start_matches(['(', '`']);
            [".md:", ".markdown:"].iter().any(|ext| {
                word.split_once(ext)
                    .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_digit()))
            })
        });
        // The summary lines of a failed build repeat what was reported above them.
        let summary = line.starts_with("error: build failed");
        if !named && !summary {
            problems.push(format!("{what}: {line}"));
        }
    }
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn the_archive_and_its_mutations_go_through_the_whole_pipeline() {
    let corpus = twir_testkit::corpus();
    let rounds: usize = std::env::var("TWIR_MUTATION_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut problems = Vec::new();
    let started = Instant::now();
    let mut figures = Vec::new();
    let mut spent = BTreeMap::new();
    for round in 0..=rounds {
        let t = Instant::now();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = write_round(&corpus, root, round);
        let names: Vec<String> = files
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();

        let build = run(root, &["build", "--keep-going"], &mut spent);
        let stderr = String::from_utf8_lossy(&build.stderr);
        errors_name_file_and_line(&format!("round {round} build"), &stderr, &mut problems);
        if round == 0 {
            assert!(build.status.success(), "the archive must build: {stderr}");
            assert!(root.join("output/search").is_dir() || root.join("output").is_dir());
        }

        let bodies = root.join("bodies");
        let render = run(
            root,
            &["render", "--bodies", bodies.to_str().unwrap()],
            &mut spent,
        );
        let stderr = String::from_utf8_lossy(&render.stderr);
        errors_name_file_and_line(&format!("round {round} render"), &stderr, &mut problems);

        let mut check_args = vec!["check", "--format", "json"];
        check_args.extend(&names);
        let check = run(root, &check_args, &mut spent);
        let stdout = String::from_utf8_lossy(&check.stdout);
        let json: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("round {round}: check --format json: {e}: {stdout}"));
        for d in json.as_array().expect("an array of diagnostics") {
            if d["file"].as_str().is_none() || d["line"].as_u64().is_none_or(|l| l == 0) {
                problems.push(format!("round {round} check: no file or line in {d}"));
            }
        }
        let stderr = String::from_utf8_lossy(&check.stderr);
        errors_name_file_and_line(&format!("round {round} check"), &stderr, &mut problems);

        let mut fmt_args = vec!["fmt", "--check"];
        fmt_args.extend(&names);
        let fmt = run(root, &fmt_args, &mut spent);
        let stderr = String::from_utf8_lossy(&fmt.stderr);
        errors_name_file_and_line(&format!("round {round} fmt"), &stderr, &mut problems);

        let mail = root.join("email");
        let mut emails = 0;
        for (i, file) in names.iter().enumerate() {
            if (i + round) % EMAIL_EVERY != 0 {
                continue;
            }
            emails += 1;
            let email = run(
                root,
                &["email", file, "--out", mail.to_str().unwrap()],
                &mut spent,
            );
            let stderr = String::from_utf8_lossy(&email.stderr);
            errors_name_file_and_line(&format!("round {round} email"), &stderr, &mut problems);
        }
        figures.push(format!(
            "round {round}: {} issues built, rendered, checked and formatted, {emails} emails, {:.1} s",
            files.len(),
            t.elapsed().as_secs_f64()
        ));
    }
    let per_command: Vec<String> = spent
        .iter()
        .map(|(c, d)| format!("{c} {:.1} s", d.as_secs_f64()))
        .collect();
    eprintln!(
        "{}\ntotal {:.1} s ({})",
        figures.join("\n"),
        started.elapsed().as_secs_f64(),
        per_command.join(", ")
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn mutations_are_deterministic_and_keep_text_valid() {
    let sample =
        "Title: T\nNumber: 1\nDate: 2026-01-07\n\n## Héllo 🦀\n* [a](https://a)\n    * x\n";
    for (k, kind) in KINDS.iter().enumerate() {
        let mut a = sample.to_string();
        let mut b = sample.to_string();
        mutate(&mut a, *kind, &mut Rng::new("x.md", k + 1));
        mutate(&mut b, *kind, &mut Rng::new("x.md", k + 1));
        assert_eq!(a, b, "{kind:?}");
    }
    let mut t = sample.to_string();
    mutate(&mut t, Kind::Crlf, &mut Rng::new("x", 1));
    assert!(t.contains("\r\n") && !t.contains("\n\n"));
}
