//! The settings reader on a fixture of our own and on TWiR's real `pelicanconf.py`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
use twir_pelican::{PelicanSettings, PyValue};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pelicanconf.py")
}

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_string())
    }
}

fn s(text: &str) -> PyValue {
    PyValue::Str(text.into())
}

#[test]
fn fixture_settings() {
    let settings = PelicanSettings::load(&fixture(), &env_of(&[])).unwrap();
    assert_eq!(settings.str("SITENAME").unwrap(), Some("Weekly Gazette"));
    assert_eq!(
        settings.str("SITESUBTITLE").unwrap(),
        Some("News, every week")
    );
    assert_eq!(
        settings.str("SITEURL").unwrap(),
        Some("https://gazette.example")
    );
    assert_eq!(settings.str("THEME").unwrap(), Some("themes/web"));
    assert_eq!(
        settings.str("THEME_STATIC_DIR").unwrap(),
        Some("themes/web/static")
    );
    assert_eq!(settings.int("DEFAULT_PAGINATION").unwrap(), Some(5));
    assert_eq!(settings.int("FEED_MAX_ITEMS").unwrap(), Some(10));
    assert_eq!(
        settings.str("ARTICLE_SAVE_AS").unwrap(),
        Some("issues/{date:%Y}/{slug}/index.html")
    );
    assert_eq!(
        settings.str_list("PLUGINS").unwrap(),
        Some(vec!["webassets", "neighbors"])
    );
    assert_eq!(settings.bool("PREVIEW").unwrap(), Some(false));
    assert_eq!(settings.str("ESCAPES").unwrap(), Some("tab\there é!"));
    let menu = settings.get("MENUITEMS").unwrap();
    assert_eq!(
        menu,
        &PyValue::List(vec![
            PyValue::List(vec![s("Archive"), s("/archive/")]),
            PyValue::List(vec![s("About"), s("/about/")]),
            PyValue::List(vec![
                s("Feed"),
                s("https://gazette.example/feeds/all.atom.xml")
            ]),
        ])
    );
    let landing = settings.get("LANDING").unwrap();
    assert_eq!(
        landing.get("details"),
        Some(&s("\nShort notes on what matters,\nwith links.\n"))
    );
    assert_eq!(
        landing.get("counts").and_then(|c| c.get("ratio")),
        Some(&PyValue::Float(0.5))
    );
    // Lower-case globals are not settings; lines are 1-based.
    assert_eq!(settings.get("menu_items"), None);
    assert_eq!(settings.line("SITENAME"), Some(11));
    assert_eq!(settings.line("THEME"), Some(21));
    assert_eq!(settings.line("PLUGINS"), Some(57));
}

#[test]
fn fixture_settings_follow_the_environment() {
    let preview = PelicanSettings::load(&fixture(), &env_of(&[("PREVIEW", "1")])).unwrap();
    assert_eq!(
        preview.str("SITEURL").unwrap(),
        Some("http://127.0.0.1:8000")
    );
    assert_eq!(
        preview.str("FEED_DOMAIN").unwrap(),
        Some("http://127.0.0.1:8000")
    );
    assert_eq!(preview.str("THEME").unwrap(), Some("themes/preview"));
    let print = PelicanSettings::load(&fixture(), &env_of(&[("EDITION", "print")])).unwrap();
    assert_eq!(print.str("THEME").unwrap(), Some("themes/print"));
    assert_eq!(print.line("THEME"), Some(17));
    assert_eq!(print.str_list("PLUGINS").unwrap(), Some(vec!["webassets"]));
    assert_eq!(print.line("PLUGINS"), Some(55));
}

#[test]
fn missing_file_names_it() {
    let err = PelicanSettings::load(Path::new("no/such/pelicanconf.py"), &env_of(&[])).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("no/such/pelicanconf.py: cannot read"),
        "{err}"
    );
}

/// Every `twir.toml` key named in errors is one twir.toml accepts.
#[test]
fn toml_keys_exist_in_twir_toml() {
    for name in [
        "SITENAME",
        "SITEURL",
        "SITESUBTITLE",
        "AUTHOR",
        "DEFAULT_LANG",
        "TIMEZONE",
        "DEFAULT_PAGINATION",
        "FEED_MAX_ITEMS",
        "THEME",
        "PATH",
        "OUTPUT_PATH",
    ] {
        let key = twir_pelican::settings::twir_toml_key(name).unwrap();
        let (table, field) = key.split_once('.').unwrap();
        let value = if matches!(field, "per_page" | "feed_items") {
            "1"
        } else {
            "\"x\""
        };
        let toml = format!("[{table}]\n{field} = {value}\n");
        twir_content::Config::parse(Path::new("twir.toml"), &toml)
            .unwrap_or_else(|e| panic!("{name} -> {key}: {e}"));
    }
}

/// TWiR's own file, when `../shared` is there.
#[test]
fn twir_pelicanconf() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/repo/pelicanconf.py");
    if !path.exists() {
        println!(
            "SKIPPED twir_pelicanconf: {} is absent (../shared is not next to the project)",
            path.display()
        );
        return;
    }
    let web = PelicanSettings::load(&path, &env_of(&[])).unwrap();
    let email = PelicanSettings::load(&path, &env_of(&[("USE_EMAIL_THEME", "1")])).unwrap();
    assert_eq!(web.str("THEME").unwrap(), Some("themes/rusted"));
    assert_eq!(
        web.str("THEME_STATIC_DIR").unwrap(),
        Some("themes/rusted/static")
    );
    assert_eq!(
        web.str_list("PLUGINS").unwrap(),
        Some(vec!["webassets", "neighbors"])
    );
    assert_eq!(web.bool("USE_EMAIL_THEME").unwrap(), Some(false));
    assert_eq!(email.str("THEME").unwrap(), Some("themes/newsletter"));
    assert_eq!(
        email.str("THEME_STATIC_DIR").unwrap(),
        Some("themes/newsletter/static")
    );
    assert_eq!(email.str_list("PLUGINS").unwrap(), Some(vec!["webassets"]));
    assert_eq!(email.bool("USE_EMAIL_THEME").unwrap(), Some(true));
    // Another value of the variable is not "1".
    let other = PelicanSettings::load(&path, &env_of(&[("USE_EMAIL_THEME", "yes")])).unwrap();
    assert_eq!(other.str("THEME").unwrap(), Some("themes/rusted"));

    for settings in [&web, &email] {
        assert_eq!(settings.str("SITENAME").unwrap(), Some("This Week in Rust"));
        assert_eq!(
            settings.str("SOURCE_URL").unwrap(),
            Some("https://github.com/rust-lang/this-week-in-rust")
        );
        assert_eq!(settings.str("AUTHOR").unwrap(), Some("TWiR Contributors"));
        assert_eq!(
            settings.str("SITEURL").unwrap(),
            Some("https://this-week-in-rust.org")
        );
        assert_eq!(
            settings.str("FEED_DOMAIN").unwrap(),
            Some("https://this-week-in-rust.org")
        );
        assert_eq!(settings.str("FEED_ALL_ATOM").unwrap(), Some("atom.xml"));
        assert_eq!(settings.str("FEED_ALL_RSS").unwrap(), Some("rss.xml"));
        assert_eq!(settings.int("FEED_MAX_ITEMS").unwrap(), Some(4));
        assert_eq!(
            settings.str("CATEGORY_FEED_ATOM").unwrap(),
            Some("categories/{slug}/atom.xml")
        );
        assert_eq!(settings.bool("RSS_FEED_SUMMARY_ONLY").unwrap(), Some(false));
        assert_eq!(settings.int("DEFAULT_PAGINATION").unwrap(), Some(10));
        assert_eq!(settings.str("TIMEZONE").unwrap(), Some("America/New_York"));
        assert_eq!(settings.str("DEFAULT_LANG").unwrap(), Some("en"));
        assert_eq!(
            settings.str("ARTICLE_SAVE_AS").unwrap(),
            Some("blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html")
        );
        assert_eq!(
            settings.str("ARCHIVES_SAVE_AS").unwrap(),
            Some("blog/archives/index.html")
        );
        assert_eq!(
            settings.str_list("PLUGIN_PATHS").unwrap(),
            Some(vec!["plugins"])
        );
        assert_eq!(settings.bool("TESTING_LOCALLY").unwrap(), Some(false));
        let about = settings.get("LANDING_PAGE_ABOUT").unwrap();
        assert_eq!(
            about.get("title"),
            Some(&s("Cataloging the Rust community's awesomeness"))
        );
        let details = about.get("details").and_then(PyValue::as_str).unwrap();
        assert!(
            details.starts_with("\nA weekly newsletter about Rust")
                && details.ends_with("scattered about.\n")
        );
        let markdown = settings.get("MARKDOWN").unwrap();
        assert_eq!(markdown.get("output_format"), Some(&s("html5")));
        let configs = markdown.get("extension_configs").unwrap();
        assert_eq!(
            configs
                .get("markdown.extensions.codehilite")
                .and_then(|c| c.get("css_class")),
            Some(&s("highlight"))
        );
        assert_eq!(
            configs
                .get("markdown.extensions.toc")
                .and_then(|c| c.get("anchorlink")),
            Some(&PyValue::Bool(true))
        );
        assert_eq!(
            configs.get("markdown.extensions.extra"),
            Some(&PyValue::Dict(Vec::new()))
        );
        // The search settings are inside a string, not assigned.
        assert_eq!(settings.get("SEARCH_HTML_SELECTOR"), None);
        let names: Vec<&str> = settings.iter().map(|(n, _)| n).collect();
        assert_eq!(names.len(), 27, "{names:?}");
    }
}
