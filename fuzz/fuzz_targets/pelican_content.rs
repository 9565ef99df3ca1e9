//! A Pelican site's content on any source file: the metadata header read as Pelican reads it
//! (dates, tags, authors, category, slug, status, `Summary:`, `URL`/`Save_as` overrides), the
//! URL settings formatted with the file's fields, the automatic summary cut from the body, and
//! the page rendered through a theme that applies Jinja2's and Pelican's filters
//! (`striptags`, `truncate`, `wordcount`, `center`, `strftime` with the title as format) to
//! the file's text. Nothing may panic; a file that reads is saved inside the output folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use twir_pelican::reader::{Reader, SourceFile, markdown_fields};
use twir_pelican::{
    ContentKind, PelicanConfig, PelicanSettings, PelicanTheme, SharedContext, ThemeOptions,
};

/// Settings in the forms TWiR's `pelicanconf.py` uses, plus the ones that shape summaries,
/// dates and tag/author URLs.
const SETTINGS: &str = r#"
AUTHOR = u'Crab Editors'
SITENAME = u"This Week in Crabs"
SITEURL = 'https://crabs.example'
TIMEZONE = 'Europe/Paris'
DEFAULT_LANG = u'en'
ARTICLE_URL = 'blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/'
ARTICLE_SAVE_AS = 'blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html'
CATEGORY_URL = 'categories/{slug}/'
CATEGORY_SAVE_AS = 'categories/{slug}/index.html'
SUMMARY_MAX_LENGTH = 12
DATE_FORMATS = {'en': '%A %-d %B %Y %H:%M', 'fr': ('fr_FR', '%d/%m/%Y')}
"#;

/// A page using every filter a Pelican theme may apply to content.
const TEMPLATE: &str = "{{ SITENAME|striptags }}|{{ article.title|striptags|truncate(9) }}|\
{{ article.summary|striptags|truncate(20, True, '…', 0) }}|{{ article.content|wordcount }}|\
{{ article.title|center(40) }}|{{ article.locale_date }}|{{ article.date|strftime(article.title) }}|\
{{ article.date.strftime('%d %b %Y').upper() }}|{{ article.url }}|{{ article.category.url }}|\
{% for t in article.tags %}{{ t.url }} {{ t|truncate(5) }};{% endfor %}|\
{% for a in article.authors %}{{ a.url }};{% endfor %}|{{ article.content|striptags|truncate(80) }}";

struct World {
    config: PelicanConfig,
    tz: jiff::tz::TimeZone,
    theme: PelicanTheme,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let settings = PelicanSettings::parse(Path::new("pelicanconf.py"), SETTINGS, &|_| None)
            .expect("fixture settings");
        let config = PelicanConfig::new(&settings);
        let tz = jiff::tz::TimeZone::get("Europe/Paris").expect("time zone");
        let mut theme = PelicanTheme::load(None, ThemeOptions::default()).expect("fallback theme");
        theme
            .env_mut()
            .add_template("fuzz.html", TEMPLATE)
            .expect("fuzz template");
        World { config, tz, theme }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    // A header that reads, unless the input brings its own, so that both the header and
    // the body vary.
    let source = if text.contains(':') && choice & 1 == 0 {
        text.into_owned()
    } else {
        format!("Title: Crabs {text}\nDate: 2024-03-06 10:00\nTags: a, {text}\n\n{text}")
    };
    let w = world();
    let (fields, body_at) = markdown_fields(&source);
    assert!(
        source.is_char_boundary(body_at),
        "body offset inside a character"
    );
    let body = twir_markdown::render(&source[body_at..]);
    let markdown = |s: &str| twir_markdown::render(s);
    let (relative, kind) = match (choice >> 1) & 3 {
        0 => ("2024-03-06-crabs.md", ContentKind::Article),
        1 => ("notes/crabs.md", ContentKind::Article),
        2 => ("pages/crabs.md", ContentKind::Page),
        _ => ("crabs.md", ContentKind::Article),
    };
    let reader = Reader {
        config: &w.config,
        tz: &w.tz,
        markdown: &markdown,
    };
    let read = reader.read(&SourceFile {
        path: Path::new("content/crabs.md"),
        relative_path: relative,
        kind,
        fields: &fields,
        body_html: body.into(),
    });
    let Ok(content) = read else {
        return;
    };
    assert!(
        !content.save_as.starts_with('/') && !content.save_as.split('/').any(|p| p == ".."),
        "saved outside the output folder: {}",
        content.save_as
    );
    let _ = content.summary();
    let _ = content.locale_date();
    let article = Arc::new(content);
    let ctx = SharedContext::new(w.config.template_values()).page(vec![
        ("article", article.value()),
        ("output_file", "x.html".into()),
    ]);
    let _ = w.theme.render("fuzz.html", ctx);
    let _ = twir_pelican::summary::truncate_html_words(&source, usize::from(choice % 17), " …");
});
