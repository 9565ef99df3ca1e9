//! Writes the email edition of one issue file: `cargo run -p twir-email --example edition --
//! ROOT ISSUE.md OUT_DIR` (the library's equivalent of `twir email FILE --out DIR`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a developer tool run by hand: a panic names what went wrong"
)]

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, root, issue, out] = args.as_slice() else {
        return Err("usage: edition ROOT ISSUE.md OUT_DIR".into());
    };
    let site = twir_content::Site::open(Path::new(root))?;
    let doc = twir_content::Document::load(Path::new(issue))?;
    let edition = twir_email::build(&site, &doc, &twir_email::Options::default())?;
    for path in twir_email::write_edition(&edition, Path::new(out))? {
        println!("{}", path.display());
    }
    eprintln!("{}", edition.size);
    Ok(())
}
