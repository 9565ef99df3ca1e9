//! The HTTP side of `twir serve`: static files from the build folder, the live-reload script
//! and event stream, the error overlay, and a guard against paths leaving the site.

use super::overlay::error_page;
use super::reload::{EVENTS_PATH, SCRIPT, SCRIPT_PATH};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::watch;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;
use tower_http::services::{ServeDir, ServeFile};

/// What the server shares with the rebuild loop.
#[derive(Debug)]
pub struct Shared {
    /// The repository being served (for the email previews, rendered on request).
    pub root: PathBuf,
    /// The folder the site is built into.
    pub out: PathBuf,
    /// Current build errors; while non-empty, pages show the error overlay.
    pub errors: RwLock<Vec<String>>,
    /// The site's version, bumped after every rebuild.
    pub version: watch::Sender<String>,
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

/// The router of the development server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(EVENTS_PATH, get(events))
        .route("/email/{number}/", get(email_preview))
        .fallback(files)
        .with_state(shared)
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
    let stream = WatchStream::new(shared.version.subscribe())
        .map(|v| Ok::<_, Infallible>(Bytes::from(format!("event: version\ndata: {v}\n\n"))));
    (
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(stream),
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
        return not_found(&shared).await;
    };
    let root = shared.root.clone();
    let rendered = tokio::task::spawn_blocking(move || email_html(&root, number)).await;
    match rendered {
        Ok(Ok(html)) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            html,
        )
            .into_response(),
        Ok(Err(message)) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            error_page(&[message]),
        )
            .into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn email_html(root: &std::path::Path, number: u32) -> Result<String, String> {
    let site = twir_content::Site::open(root).map_err(|e| e.to_string())?;
    let doc = twir_email::choose_issue(&site, &twir_email::IssueChoice::Number(number))
        .map_err(|e| e.to_string())?;
    twir_email::preview_html(&site, &doc).map_err(|e| e.to_string())
}

/// Whether a request path tries to leave the site folder, literally or percent-encoded.
pub fn escapes_root(path: &str) -> bool {
    let decoded = percent_decode(path);
    let Some(decoded) = decoded else { return true };
    decoded.contains('\0')
        || decoded.contains('\\')
        || decoded
            .split('/')
            .any(|seg| seg == ".." || seg.contains(':'))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn wants_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    path.ends_with('/') || last.ends_with(".html") || !last.contains('.')
}

async fn files(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if escapes_root(&path) {
        return not_found(&shared).await;
    }
    let errors = shared.errors.read().map(|e| e.clone()).unwrap_or_default();
    if !errors.is_empty() && wants_page(&path) {
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
    let mut dir =
        ServeDir::new(&shared.out).not_found_service(ServeFile::new(shared.out.join("404.html")));
    match dir.try_call(req).await {
        Ok(res) => {
            let mut res = res.map(Body::new);
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            res
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn not_found(shared: &Shared) -> Response {
    let body = tokio::fs::read(shared.out.join("404.html"))
        .await
        .unwrap_or_else(|_| b"Not found".to_vec());
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_detected_in_any_spelling() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/..%2f..%2fx",
            "/%00",
            "/a%5c..%5cx",
            "/%zz",
            "/C:/x",
        ] {
            assert!(escapes_root(bad), "{bad}");
        }
        for good in [
            "/",
            "/blog/2023/11/22/x/",
            "/a..b/c.html",
            "/images/a%20b.png",
        ] {
            assert!(!escapes_root(good), "{good}");
        }
        assert!(wants_page("/blog/x/"));
        assert!(wants_page("/index2.html"));
        assert!(wants_page("/blog/archives"));
        assert!(!wants_page("/theme/style.css"));
    }
}
