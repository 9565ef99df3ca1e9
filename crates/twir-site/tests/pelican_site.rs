//! A small Pelican site of our own (`tests/fixtures/pelican-site`: `pelicanconf.py`, a
//! theme with `{% assets %}` and the neighbors plugin's links, pages without a theme
//! template, a `.rst` article) built with no `twir.toml`: the files Pelican would write,
//! snapshots of the main pages, and the errors a broken theme or settings file gives.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::{files, read};
use std::path::{Path, PathBuf};
use twir_site::{BuildReport, Options};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pelican-site")
}

fn build_at(root: &Path, options: Options) -> (tempfile::TempDir, PathBuf, BuildReport) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let site = twir_content::Site::open(root).unwrap();
    let report =
        twir_site::build(site, &out, options).unwrap_or_else(|e| panic!("build failed: {e}"));
    (tmp, out, report)
}

fn build(options: Options) -> (tempfile::TempDir, PathBuf, BuildReport) {
    build_at(&fixture(), options)
}

/// A copy of the fixture to break.
fn copy_fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixture();
    for rel in files(&src) {
        let to = tmp.path().join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(&rel), to).unwrap();
    }
    tmp
}

fn build_error(root: &Path) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let site = twir_content::Site::open(root).unwrap();
    match twir_site::build(site, &tmp.path().join("out"), Options::default()) {
        Ok(_) => panic!("the build should fail"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn writes_the_files_pelican_writes() {
    let (_tmp, out, report) = build(Options::default());
    insta::assert_snapshot!("pelican_files", files(&out).join("\n"));
    assert_eq!(report.issues, 5, "four Markdown articles and the .rst one");
    assert_eq!(report.pages, 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        std::fs::read(out.join("images/crab.png")).unwrap(),
        std::fs::read(fixture().join("content/images/crab.png")).unwrap()
    );
    // The theme's static folder is copied as it is, SCSS sources included.
    assert_eq!(
        read(&out, "themes/mini/static/css/main.scss"),
        std::fs::read_to_string(fixture().join("themes/mini/static/css/main.scss")).unwrap()
    );
}

#[test]
fn assets_bundle_is_compiled_minified_and_hashed() {
    use md5::{Digest, Md5};
    let (_tmp, out, _) = build(Options::default());
    let css = read(&out, "themes/mini/static/css/site-min.css");
    assert_eq!(
        css,
        "body{color:#9c9c9c;margin:0 0}a{color:#d2691e}a:hover{color:white}@media(max-width:600px){body{font-size:.9em}}"
    );
    let hash: String = Md5::digest(css.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    let index = read(&out, "index.html");
    assert!(
        index.contains(&format!(
            "href=\"/themes/mini/static/css/site-min.css?{hash}\""
        )),
        "{index}"
    );
}

#[test]
fn pages_snapshots() {
    let (_tmp, out, _) = build(Options::default());
    for rel in [
        "index.html",
        "index2.html",
        "blog/2024/01/17/this-week-in-crabs-3/index.html",
        "blog/2024/01/10/this-week-in-crabs-2/index.html",
        "blog/2023/12/15/state-of-crabs-2023/index.html",
        "blog/archives/index.html",
        "drafts/not-yet.html",
        "pages/about-the-crabs.html",
        "tags.html",
        "tag/crabs.html",
        "categories.html",
        "categories/this-week-in-crabs/index.html",
        "authors.html",
        "author/crab-editors2.html",
        "atom.xml",
        "rss.xml",
        "feeds/all-en.atom.xml",
        "feeds/crab-editors.rss.xml",
        "categories/notes/atom.xml",
    ] {
        let name = format!("pelican_{}", rel.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, read(&out, rel));
    }
}

#[test]
fn neighbors_and_categories_follow_pelican() {
    let (_tmp, out, _) = build(Options::default());
    // Issue 3 (newest published): no newer article; the older one is the molting note.
    let third = read(&out, "blog/2024/01/17/this-week-in-crabs-3/index.html");
    assert!(!third.contains("rel=\"next\""), "{third}");
    assert!(
        third.contains("<a rel=\"prev\" href=\"https://crabs.example/blog/2024/01/12/molting-season/\">Molting Season</a>"),
        "{third}"
    );
    // In its category, the older one is issue 1 (issue 2's header ends before its
    // `Category:` line, so it is in the default category).
    assert!(
        third.contains("<a rel=\"prev-in-category\" href=\"https://crabs.example/blog/2024/01/03/this-week-in-crabs-1/\">"),
        "{third}"
    );
    let second = read(&out, "blog/2024/01/10/this-week-in-crabs-2/index.html");
    assert!(second.contains(">misc</a>"), "{second}");
    assert!(
        second.contains("<p>Category: This Week in Crabs</p>"),
        "{second}"
    );
    // The draft is written but listed nowhere.
    assert!(!read(&out, "index.html").contains("Not Yet"));
    assert!(!read(&out, "atom.xml").contains("Not Yet"));
}

#[test]
fn drafts_folder_and_search_page() {
    let options = Options {
        drafts: true,
        search: true,
        ..Options::default()
    };
    let (_tmp, out, report) = build(options);
    assert_eq!(report.drafts, 2, "Status: draft and draft/");
    let draft = read(&out, "drafts/this-week-in-crabs-4.html");
    assert!(draft.contains("<h1>This Week in Crabs 4</h1>"), "{draft}");
    // The search page is the theme's frame around twir's search box.
    let search = read(&out, "search/index.html");
    assert!(
        search.contains("<header><a href=\"https://crabs.example/\">This Week in Crabs</a>"),
        "{search}"
    );
    assert!(search.contains("id=\"twir-search-input\""), "{search}");
    assert!(
        search.contains("<title>This Week in Crabs - Search</title>"),
        "{search}"
    );
    assert!(out.join("search/index.json").is_file());
    // The theme has no search box; other pages do not get one.
    assert!(!read(&out, "index.html").contains("twir-search"));
}

#[test]
fn theme_and_settings_errors_name_file_line_and_what() {
    let tmp = copy_fixture();
    let base = tmp.path().join("themes/mini/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace("{% block content %}", "{% cache 60 %}{% block content %}"),
    )
    .unwrap();
    let e = build_error(tmp.path());
    assert!(
        e.contains(&format!("{}:12: template error", base.display())),
        "{e}"
    );
    assert!(e.contains("unknown statement cache"), "{e}");
    std::fs::write(
        &base,
        text.replace("{{ SITENAME|striptags }}", "{{ SITENAME|nosuchfilter }}"),
    )
    .unwrap();
    let e = build_error(tmp.path());
    assert!(
        e.contains(&format!("{}:4: template error", base.display())),
        "{e}"
    );
    assert!(e.contains("nosuchfilter"), "{e}");
    std::fs::write(
        &base,
        text.replace(
            "output=\"css/site-min.css\"",
            "output=\"css/site-min.css\", \"css/missing.scss\"",
        ),
    )
    .unwrap();
    let e = build_error(tmp.path());
    assert!(
        e.contains(&format!(
            "{}:5: template error: asset input `css/missing.scss` not found",
            base.display()
        )),
        "{e}"
    );
    std::fs::write(&base, &text).unwrap();

    let conf = tmp.path().join("pelicanconf.py");
    let settings = std::fs::read_to_string(&conf).unwrap();
    std::fs::write(
        &conf,
        settings.replace(
            "PLUGINS = ['webassets', 'neighbors']",
            "PLUGINS = ['webassets', 'sitemap']",
        ),
    )
    .unwrap();
    let e = build_error(tmp.path());
    assert!(
        e.contains("pelicanconf.py:39: PLUGINS: unknown Pelican plugin `sitemap`"),
        "{e}"
    );
    std::fs::write(
        &conf,
        settings.replace("TIMEZONE = 'Europe/Paris'", "TIMEZONE = open('tz').read()"),
    )
    .unwrap();
    let e = build_error(tmp.path());
    assert!(
        e.contains("pelicanconf.py:14: cannot evaluate TIMEZONE"),
        "{e}"
    );
    assert!(e.contains("site.timezone"), "{e}");
}

#[test]
fn twir_toml_keys_override_pelican_settings() {
    let tmp = copy_fixture();
    std::fs::write(
        tmp.path().join("twir.toml"),
        "[site]\nname = \"Crab Weekly\"\nper_page = 10\n",
    )
    .unwrap();
    let (_t, out, _) = build_at(tmp.path(), Options::default());
    let index = read(&out, "index.html");
    assert!(index.contains("<title>Crab Weekly</title>"), "{index}");
    assert!(
        !out.join("index2.html").exists(),
        "10 per page: one index page"
    );
    // What twir.toml does not set still comes from pelicanconf.py.
    assert!(index.contains("https://crabs.example/"), "{index}");
}

#[test]
fn period_archives_name_the_month_as_python_does() {
    let tmp = copy_fixture();
    let conf = tmp.path().join("pelicanconf.py");
    let mut settings = std::fs::read_to_string(&conf).unwrap();
    settings.push_str(
        "\nYEAR_ARCHIVE_SAVE_AS = 'blog/{date:%Y}/index.html'\n\
         MONTH_ARCHIVE_SAVE_AS = 'blog/{date:%Y}/{date:%m}/index.html'\n\
         DAY_ARCHIVE_SAVE_AS = 'blog/{date:%Y}/{date:%m}/{date:%d}/index.html'\n",
    );
    std::fs::write(&conf, settings).unwrap();
    std::fs::write(
        tmp.path()
            .join("themes/mini/templates/period_archives.html"),
        "{% for p in period %}[{{ p }}]{% endfor %}",
    )
    .unwrap();
    let (_t, out, _) = build_at(tmp.path(), Options::default());
    assert_eq!(read(&out, "blog/2024/index.html"), "[2024]");
    assert_eq!(read(&out, "blog/2024/01/index.html"), "[2024][January]");
    assert_eq!(
        read(&out, "blog/2024/01/17/index.html"),
        "[2024][January][17]"
    );
}
