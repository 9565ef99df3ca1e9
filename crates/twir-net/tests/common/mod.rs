//! Shared set-up for the `HttpClient` tests: a client with tiny limits for a
//! mock server (see `mock`), and a progress recorder.

#![allow(dead_code, unused_macros)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use twir_net::{
    HttpClient, NetError, Progress, ProgressEvent, ServiceConfig, ServiceConfigBuilder, Url,
};
use wiremock::MockServer;

/// Fails the test unless `value` matches `pattern`, showing the value.
macro_rules! assert_variant {
    ($value:expr, $pattern:pat) => {{
        let value = &$value;
        assert!(matches!(value, $pattern), "{value:?}");
    }};
}

/// The JSON object most tests fetch.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Item {
    pub id: u32,
}

/// Small limits so every failure path finishes in well under a second
/// (except the tests that deliberately honour a one-second `Retry-After`).
pub fn config(server: &MockServer) -> ServiceConfigBuilder {
    ServiceConfig::builder(Url::parse(&server.uri()).unwrap())
        .timeout(Duration::from_millis(300))
        .connect_timeout(Duration::from_millis(300))
        .max_retries(2)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .max_rate_limit_wait(Duration::from_secs(2))
}

/// A client for `server` with the small limits of [`config`].
pub fn client(server: &MockServer) -> HttpClient {
    client_with(config(server))
}

/// A client for `server` that names `GITHUB_TOKEN` in its errors.
pub fn github_client(server: &MockServer) -> HttpClient {
    client_with(config(server).token_env_var("GITHUB_TOKEN"))
}

/// A client built from `config` (usually [`config`] with one change).
pub fn client_with(config: ServiceConfigBuilder) -> HttpClient {
    HttpClient::new(config.build()).unwrap()
}

/// A client for `server` that reports its progress to the returned recorder.
pub fn recorded_client(server: &MockServer) -> (HttpClient, Arc<Recorder>) {
    let recorder = Arc::new(Recorder::default());
    let client = client(server).with_progress(recorder.clone());
    (client, recorder)
}

/// The client's URL for `path` (no query).
pub fn url(client: &HttpClient, path: &str) -> Url {
    client.endpoint(path, &[]).unwrap()
}

/// GETs `path` as an [`Item`].
pub async fn get_item(client: &HttpClient, path: &str) -> Result<Item, NetError> {
    client.get_json(url(client, path)).await
}

/// Progress events as short lines (`page 1/Some(3)`, `wait 1s RateLimited`).
#[derive(Default)]
pub struct Recorder(Mutex<Vec<String>>);

impl Recorder {
    /// The lines recorded so far.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

impl Progress for Recorder {
    fn report(&self, event: &ProgressEvent<'_>) {
        let line = match event {
            ProgressEvent::Page {
                page, total_pages, ..
            } => format!("page {page}/{total_pages:?}"),
            ProgressEvent::Waiting { wait, reason, .. } => format!("wait {wait:?} {reason:?}"),
            _ => "other".to_owned(),
        };
        self.0.lock().unwrap().push(line);
    }
}
