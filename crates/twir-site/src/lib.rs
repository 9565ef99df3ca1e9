//! The website of a newsletter written as Markdown issues: the pages, feeds and sitemap
//! Pelican used to produce for This Week in Rust, at the same URLs. The development server
//! (`twir serve`) is the `twir-serve` crate, which builds through this one.
//!
//! - [`build::build`] writes the whole site into a staging folder swapped in at the end.
//! - [`project::Project`] keeps a site in memory for incremental rebuilds (`twir-serve`).
//! - [`bodies::render_bodies`] writes issue bodies alone (fidelity checks).
//!
//! # Themes
//! Templates use Jinja2 syntax (minijinja). The built-in ones ([`theme::TEMPLATES`]) can be
//! replaced file by file from `THEME/templates/`; `THEME/static/` is copied to `theme/`, with
//! `.scss` files compiled to `.css`. Every template sees `site` (`name`, `url`, `base`,
//! `description`, `language`, `subscribe_url`, `author`, `search`, `has_tags`,
//! `feeds.atom`, `feeds.rss`, `pages`) and `canonical`. Listed posts have `title`, `number`,
//! `href`, `url`, `date`, `short_date`, `datetime`, `year`, `category`, `tags`, `draft`,
//! `summary`, `author`. Per template: `issue.html` gets `issue` (a post plus `body`),
//! `newer`, `older`; `index.html` gets `posts` and `pagination` (`page`, `pages`, `newer`,
//! `older`: links to the neighbouring pages, when there are some); `archives.html` gets
//! `years` (`year`, `posts`) and `count`; `category.html` gets `category` (`name`, `href`,
//! `count`, `atom`, `rss`), the `posts` of one page and `pagination` like the index (pages
//! `categories/SLUG/`, `categories/SLUG/index2.html`...); `categories.html` gets
//! `categories`; `tag.html` gets `tag` (the same fields as `category`, feeds at
//! `tags/SLUG/atom.xml` and `rss.xml`) and `posts`; `tags.html` gets `tags`; `page.html` gets
//! `page` (`title`, `href`, `body`).

pub mod assets;
pub mod bodies;
pub mod build;
pub mod context;
pub mod dates;
pub mod error;
pub mod feeds;
pub mod livereload;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod paginate;
pub mod pelican;
pub mod project;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod urls;
pub mod xml;

pub use build::{BuildFailure, BuildReport, build};
pub use error::SiteError;
pub use project::{Options, Timings};
pub use twir_content::slug::pelican_slugify;
