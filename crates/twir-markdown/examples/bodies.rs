//! Renders the body of every `.md`/`.markdown` issue in a directory to
//! `OUT_DIR/STEM.html`, for comparison with the Pelican reference:
//!
//! `cargo run -p twir-markdown --release --example bodies -- CONTENT_DIR OUT_DIR`
//!
//! With `-` as OUT_DIR nothing is written and the rendering is timed instead:
//! best of RUNS (default 5) for wall time and for the thread's CPU time
//! (`/proc/thread-self/schedstat`, Linux), the latter being the fairer figure
//! on a loaded machine. `RUNS` = 1 suits `valgrind --tool=callgrind`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a developer tool run by hand: a panic names what went wrong"
)]

use std::path::Path;
use std::time::Instant;

/// The Markdown after the metadata header (lines up to the first blank one).
fn body(src: &str) -> &str {
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        pos += line.len();
        if line.trim().is_empty() {
            return &src[pos..];
        }
    }
    ""
}

/// CPU time consumed by the current thread (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 * 1e-9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (src_dir, out_dir, runs) = match args.as_slice() {
        [s, o] => (s, o, 5),
        [s, o, r] => (s, o, r.parse::<usize>()?.max(1)),
        _ => return Err("usage: bodies CONTENT_DIR OUT_DIR|- [RUNS]".into()),
    };
    let time_only = out_dir == "-";
    if !time_only {
        std::fs::create_dir_all(out_dir)?;
    }
    let mut files: Vec<_> = std::fs::read_dir(src_dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
        .collect();
    files.sort();
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Ok((stem, std::fs::read_to_string(p)?))
        })
        .collect::<Result<_, std::io::Error>>()?;
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut rendered = Vec::new();
    for _ in 0..if time_only { runs } else { 1 } {
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        rendered = sources
            .iter()
            .map(|(_, s)| twir_markdown::render(body(s)))
            .collect();
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    let cpu = if best_cpu < f64::MAX {
        format!(", {:.1} ms CPU", best_cpu * 1e3)
    } else {
        String::new()
    };
    eprintln!(
        "rendered {} files ({} bytes) in {:.1} ms wall{cpu} (best of {})",
        sources.len(),
        bytes,
        best * 1e3,
        if time_only { runs } else { 1 }
    );
    if time_only {
        return Ok(());
    }
    for ((stem, _), html) in sources.iter().zip(&rendered) {
        let out = Path::new(out_dir).join(format!("{stem}.html"));
        let tmp = out.with_extension("html.tmp");
        std::fs::write(&tmp, html)?;
        std::fs::rename(&tmp, &out)?;
    }
    Ok(())
}
