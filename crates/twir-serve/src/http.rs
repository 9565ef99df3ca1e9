//! The HTTP side of `twir serve`: the files the build wrote, the live-reload script and event
//! stream, the email previews, and the error overlay.
//!
//! Hostile browsers and clients are expected: a request whose `Host` does not name this
//! server is refused (a DNS-rebinding page in the editor's browser cannot read the drafts),
//! paths are decoded by [`crate::path`] and must lead to a regular file of the build without
//! passing a symbolic link, and the expensive email previews run a few at a time with a
//! bounded queue (503 beyond).

use crate::overlay::{error_page, not_found_page};
use crate::path::{PathError, decode};
use crate::scratch::SiteDir;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::{Semaphore, watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::{IntervalStream, WatchStream};
use tower_http::services::ServeFile;
use twir_site::livereload::{EVENTS_PATH, SCRIPT, SCRIPT_PATH};

/// What the server shares with the rebuild loop.
#[derive(Debug)]
pub struct Shared {
    /// The repository being served (for the email previews, rendered on request).
    pub root: PathBuf,
    /// The folder the site is built into.
    pub out: Arc<SiteDir>,
    /// Current build errors; while non-empty, pages show the error overlay.
    pub errors: RwLock<Vec<String>>,
    /// The site's version, bumped after every rebuild.
    pub version: watch::Sender<String>,
    /// The `Host` values this server answers to.
    pub hosts: Hosts,
    /// The gate of the email previews.
    pub expensive: Expensive,
    /// How often the event stream sends a comment, keeping an open page's connection alive
    /// through the idle time-out.
    pub heartbeat: Duration,
}

impl Shared {
    /// Records the outcome of a rebuild and tells open pages to reload.
    pub fn publish(&self, errors: Vec<String>, version: String) {
        if let Ok(mut e) = self.errors.write() {
            *e = errors;
        }
        self.version.send_replace(version);
    }
}

/// The `Host` header values naming this server: `127.0.0.1:P`, `localhost:P`, `[::1]:P` and
/// the bound address; when bound to every interface (`0.0.0.0`, `::`), any IP address with
/// the port (a DNS-rebinding attack needs a host name, never an address).
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    names: Vec<String>,
    any_address: bool,
}

impl Hosts {
    /// The names of a server bound to `bind`:`port`.
    pub fn new(bind: IpAddr, port: u16) -> Hosts {
        let mut names: Vec<String> = ["127.0.0.1", "localhost", "[::1]"]
            .into_iter()
            .map(String::from)
            .collect();
        names.push(match bind {
            IpAddr::V4(a) => a.to_string(),
            IpAddr::V6(a) => format!("[{a}]"),
        });
        Hosts {
            port,
            names,
            any_address: bind.is_unspecified(),
        }
    }

    /// Whether `host` (a `Host` header or a URL's authority) names this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p)) if !p.contains(']') => match p.parse::<u16>() {
                Ok(p) => (n, p),
                Err(_) => return false,
            },
            _ => (host.as_str(), 80),
        };
        if port != self.port {
            return false;
        }
        if self.names.iter().any(|n| n == name) {
            return true;
        }
        self.any_address
            && name
                .strip_prefix('[')
                .and_then(|n| n.strip_suffix(']'))
                .unwrap_or(name)
                .parse::<IpAddr>()
                .is_ok()
    }

    /// The address to suggest in the refusal.
    fn canonical(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

/// A bounded gate for expensive requests: `running` at once, `queue` more waiting, and 503
/// for the rest, so that a flood costs neither unbounded threads nor memory. A render keeps
/// its slot until it ends, even when its client went away.
#[derive(Debug)]
pub struct Expensive {
    permits: Arc<Semaphore>,
    inflight: Arc<AtomicUsize>,
    limit: usize,
}

/// One admitted request; frees its place in the gate when dropped.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Expensive {
    /// At most `running` at once and `queue` waiting.
    pub fn new(running: usize, queue: usize) -> Expensive {
        let running = running.max(1);
        Expensive {
            permits: Arc::new(Semaphore::new(running)),
            inflight: Arc::new(AtomicUsize::new(0)),
            limit: running + queue,
        }
    }

    /// Runs `f` on the blocking pool when there is room, else `None` (busy).
    async fn run<R: Send + 'static>(
        &self,
        f: impl FnOnce() -> R + Send + 'static,
    ) -> Option<Result<R, tokio::task::JoinError>> {
        if self.inflight.fetch_add(1, Ordering::AcqRel) >= self.limit {
            self.inflight.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        let slot = Slot(self.inflight.clone());
        let permit = self.permits.clone().acquire_owned().await.ok()?;
        Some(
            tokio::task::spawn_blocking(move || {
                let r = f();
                drop((permit, slot));
                r
            })
            .await,
        )
    }
}

/// The router of the development server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(EVENTS_PATH, get(events))
        .route("/email/{number}/", get(email_preview))
        .fallback(files)
        .layer(middleware::from_fn_with_state(shared.clone(), check_host))
        .with_state(shared)
}

/// Refuses requests addressed to another host name (DNS rebinding).
async fn check_host(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let host = req
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .or_else(|| {
            req.headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned)
        });
    match host {
        Some(h) if shared.hosts.allows(&h) => next.run(req).await,
        _ => (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(
                "twir serve answers only requests addressed to this computer; open http://{}/\n",
                shared.hosts.canonical()
            ),
        )
            .into_response(),
    }
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
        .into_response()
}

async fn events(State(shared): State<Arc<Shared>>) -> Response {
    let versions = WatchStream::new(shared.version.subscribe())
        .map(|v| Ok::<_, Infallible>(Bytes::from(format!("event: version\ndata: {v}\n\n"))));
    let mut ticks = tokio::time::interval(shared.heartbeat);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let beats = IntervalStream::new(ticks)
        .skip(1)
        .map(|_| Ok::<_, Infallible>(Bytes::from_static(b": keep-alive\n\n")));
    (
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(versions.merge(beats)),
    )
        .into_response()
}

/// `/email/N/`: the email edition of issue N, rendered from the current sources on each
/// request so that it always reflects the last save.
async fn email_preview(
    State(shared): State<Arc<Shared>>,
    axum::extract::Path(number): axum::extract::Path<String>,
) -> Response {
    let Ok(number) = number.parse::<u32>() else {
        return not_found(
            &format!("/email/{number}/"),
            "the email previews are at /email/N/, N being the number of a published issue",
        );
    };
    let root = shared.root.clone();
    match shared
        .expensive
        .run(move || email_html(&root, number))
        .await
    {
        None => busy(),
        Some(Ok(Ok(html))) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            html,
        )
            .into_response(),
        Some(Ok(Err(message))) => not_found(&format!("/email/{number}/"), &message),
        Some(Err(e)) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            error_page(&[format!("the email edition of issue {number} failed: {e}")]),
        )
            .into_response(),
    }
}

fn email_html(root: &Path, number: u32) -> Result<String, String> {
    let site = twir_content::Site::open(root).map_err(|e| e.to_string())?;
    let doc = twir_email::choose_issue(&site, &twir_email::IssueChoice::Number(number))
        .map_err(|e| format!("no email edition of issue {number}: {e}"))?;
    twir_email::preview_html(&site, &doc).map_err(|e| e.to_string())
}

fn busy() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::RETRY_AFTER, "1"),
        ],
        "twir serve is busy rendering other email previews; try again in a moment\n",
    )
        .into_response()
}

fn wants_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    path.ends_with('/') || last.ends_with(".html") || !last.contains('.')
}

/// What a decoded path leads to in the site folder.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// A regular file to send.
    File,
    /// A folder asked for without its final `/`.
    Folder,
    /// Nothing (or something other than a plain file or folder: links are never followed).
    Missing,
}

/// Walks `rel` down from `out` without following any symbolic link.
fn resolve(out: &Path, rel: &Path, folder: bool) -> Resolved {
    let mut p = out.to_path_buf();
    let mut components = rel.components().peekable();
    while let Some(c) = components.next() {
        p.push(c);
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            return Resolved::Missing;
        };
        let last = components.peek().is_none();
        if meta.is_dir() {
            continue;
        }
        return if last && meta.is_file() && !folder {
            Resolved::File
        } else {
            Resolved::Missing
        };
    }
    // A folder: served by its index page, itself a plain file.
    if !folder {
        return Resolved::Folder;
    }
    match std::fs::symlink_metadata(p.join("index.html")) {
        Ok(m) if m.is_file() => Resolved::File,
        _ => Resolved::Missing,
    }
}

async fn files(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let raw = req.uri().path().to_string();
    let site_path = match decode(&raw) {
        Ok(p) => p,
        Err(PathError::TooLong) => {
            return (
                StatusCode::URI_TOO_LONG,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "request path too long\n",
            )
                .into_response();
        }
        Err(PathError::NotFound) => return site_not_found(&shared).await,
    };
    let errors = shared.errors.read().map(|e| e.clone()).unwrap_or_default();
    if !errors.is_empty() && wants_page(&raw) {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            error_page(&errors),
        )
            .into_response();
    }
    let out = shared.out.path().to_path_buf();
    let rel = site_path.relative();
    let folder = site_path.trailing_slash;
    let found = {
        let (out, rel) = (out.clone(), rel.clone());
        tokio::task::spawn_blocking(move || resolve(&out, &rel, folder))
            .await
            .unwrap_or(Resolved::Missing)
    };
    match found {
        Resolved::Missing => site_not_found(&shared).await,
        Resolved::Folder => {
            let mut to = site_path.clone();
            to.trailing_slash = true;
            let location = match req.uri().query() {
                Some(q) => format!("{}?{q}", to.to_url_path()),
                None => to.to_url_path(),
            };
            (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response()
        }
        Resolved::File => {
            let file = if folder {
                out.join(&rel).join("index.html")
            } else {
                out.join(&rel)
            };
            match ServeFile::new(&file).try_call(req).await {
                Ok(res) => {
                    let mut res = res.map(Body::new);
                    res.headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                    res
                }
                Err(_) => site_not_found(&shared).await,
            }
        }
    }
}

/// The site's own 404 page (as built), or a plain one.
async fn site_not_found(shared: &Shared) -> Response {
    let body = tokio::fs::read(shared.out.path().join("404.html"))
        .await
        .unwrap_or_else(|_| b"Not found".to_vec());
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// A 404 that says why (`reason`), for pages twir makes on request.
fn not_found(path: &str, reason: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        not_found_page(path, reason),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_of_the_bound_address_only() {
        let h = Hosts::new("127.0.0.1".parse().unwrap(), 8000);
        for ok in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LOCALHOST:8000",
            "[::1]:8000",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "127.0.0.1:8001",
            "localhost",
            "evil.example:8000",
            "localhost.evil.example:8000",
            "127.0.0.1:8000.evil",
            "192.168.1.2:8000",
            "",
            ":8000",
            "[::1]",
            "localhost:80000",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
        let h = Hosts::new("192.168.1.2".parse().unwrap(), 80);
        assert!(h.allows("192.168.1.2") && h.allows("192.168.1.2:80"));
        assert!(!h.allows("10.0.0.1"));
        let h = Hosts::new("::".parse().unwrap(), 8000);
        assert!(h.allows("10.1.2.3:8000") && h.allows("[fe80::1]:8000") && h.allows("[::]:8000"));
        assert!(!h.allows("rebind.example:8000"));
    }

    #[test]
    fn only_plain_files_and_folders_of_the_build_resolve() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(out.join("blog/x")).unwrap();
        std::fs::write(out.join("blog/x/index.html"), "x").unwrap();
        std::fs::write(out.join("a.css"), "a").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        let r = |p: &str, folder| resolve(&out, Path::new(p), folder);
        assert_eq!(r("a.css", false), Resolved::File);
        assert_eq!(r("a.css", true), Resolved::Missing);
        assert_eq!(r("blog/x", true), Resolved::File);
        assert_eq!(r("blog/x", false), Resolved::Folder);
        assert_eq!(r("blog/y", true), Resolved::Missing);
        assert_eq!(r("a.css/b", false), Resolved::Missing);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret"), out.join("s")).unwrap();
            std::os::unix::fs::symlink(tmp.path(), out.join("up")).unwrap();
            assert_eq!(r("s", false), Resolved::Missing);
            assert_eq!(r("up/secret", false), Resolved::Missing);
        }
        assert!(wants_page("/blog/x/"));
        assert!(wants_page("/index2.html"));
        assert!(wants_page("/blog/archives"));
        assert!(!wants_page("/theme/style.css"));
    }
}
