//! Builds a site with timings: `cargo run --release -p twir-site --example build_site ROOT OUT [--search]`.
//! Handy for profiling the library without the CLI.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a developer tool run by hand: a panic names what went wrong"
)]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(root), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: build_site ROOT OUT [--search]");
        std::process::exit(2);
    };
    let site = match twir_content::Site::open(std::path::Path::new(root)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let options = twir_site::Options {
        search: args.iter().any(|a| a == "--search"),
        keep_going: true,
        ..Default::default()
    };
    match twir_site::build(site, std::path::Path::new(out), options) {
        Ok(r) => {
            let t = r.timings;
            println!(
                "{} issues, {} files; parse {:?} render {:?} write {:?} search {:?} swap {:?} total {:?}",
                r.issues, r.files, t.parse, t.render, t.write, t.search, t.swap, t.total
            );
            for w in r.warnings {
                eprintln!("warning: {w}");
            }
            for e in r.skipped {
                eprintln!("skipped: {e}");
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
