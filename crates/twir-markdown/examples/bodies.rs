//! Renders the body of every `.md`/`.markdown` issue in a directory to
//! `OUT_DIR/STEM.html`, for comparison with the Pelican reference:
//!
//! `cargo run -p twir-markdown --release --example bodies -- CONTENT_DIR OUT_DIR`

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src_dir, out_dir] = args.as_slice() else {
        return Err("usage: bodies CONTENT_DIR OUT_DIR".into());
    };
    // `-` as OUT_DIR: only time the rendering (best of 5 runs).
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
    let mut rendered = Vec::new();
    for _ in 0..if time_only { 5 } else { 1 } {
        let start = Instant::now();
        rendered = sources
            .iter()
            .map(|(_, s)| twir_markdown::render(body(s)))
            .collect();
        best = best.min(start.elapsed().as_secs_f64());
    }
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    eprintln!(
        "rendered {} files ({} bytes) in {:.1} ms",
        sources.len(),
        bytes,
        best * 1e3
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
