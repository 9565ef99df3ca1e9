//! The GitHub REST client: construction, URL building and search.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use twir_net::{HttpClient, Progress, ServiceConfig, ServiceConfigBuilder, Url};

use crate::models::{Issue, SearchPage, SearchResults};
use crate::{GitHubError, Result};

/// Default API root.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";
/// Environment variable holding the (optional) token.
pub const TOKEN_ENV: &str = "GITHUB_TOKEN";
/// GitHub's page-size maximum.
pub(crate) const PER_PAGE: &str = "100";

/// Sort key for [`GitHub::search_issues`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchSort {
    /// GitHub's relevance order (no `sort` parameter).
    BestMatch,
    /// Most recently updated first.
    UpdatedDesc,
    /// Oldest created first.
    CreatedAsc,
}

/// Client for the GitHub REST API, on top of [`twir_net::HttpClient`]
/// (retries, rate-limit waits, pagination and typed errors come from there).
///
/// Works unauthenticated (60 core / 10 search requests per hour); with
/// `GITHUB_TOKEN` set the limits are 5000 / 30 per minute.
#[derive(Debug, Clone)]
pub struct GitHub {
    http: HttpClient,
}

impl GitHub {
    /// A configuration builder pre-filled for GitHub: base URL (default
    /// [`DEFAULT_BASE_URL`]), token from [`TOKEN_ENV`], and the recommended
    /// `Accept` / API-version headers. Adjust limits on it, then pass the
    /// result to [`GitHub::new`].
    pub fn config_builder(base_url: Option<Url>) -> ServiceConfigBuilder {
        let base = base_url.unwrap_or_else(default_base_url);
        ServiceConfig::builder(base)
            .token_from_env(TOKEN_ENV)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
    }

    /// A client for api.github.com with the token from `GITHUB_TOKEN`.
    pub fn from_env() -> Result<Self> {
        GitHub::new(GitHub::config_builder(None).build())
    }

    /// A client with an explicit configuration.
    pub fn new(config: ServiceConfig) -> Result<Self> {
        Ok(GitHub {
            http: HttpClient::new(config)?,
        })
    }

    /// Attaches a progress reporter (for a progress bar over long searches).
    #[must_use]
    pub fn with_progress(self, progress: Arc<dyn Progress>) -> Self {
        GitHub {
            http: self.http.with_progress(progress),
        }
    }

    /// The underlying HTTP client, for endpoints not wrapped here.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// Builds an API URL from path segments, percent-encoding each one
    /// (so a branch name like `feature/x` stays a single segment).
    pub(crate) fn url(&self, segments: &[&str], query: &[(&str, &str)]) -> Result<Url> {
        let mut url = self.http.endpoint("", query)?;
        url.path_segments_mut()
            .map_err(|()| {
                GitHubError::Net(twir_net::NetError::InvalidUrl {
                    input: self.http.config().base_url.to_string(),
                    reason: "base URL cannot have a path".into(),
                })
            })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    /// GET every page of an array endpoint.
    pub(crate) async fn list<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Result<Vec<T>> {
        let mut q = query.to_vec();
        q.push(("per_page", PER_PAGE));
        let url = self.url(segments, &q)?;
        Ok(self.http.get_paginated(url).await?)
    }

    /// Runs an issue/PR search (`/search/issues`) and gathers every page.
    ///
    /// `query` uses GitHub search syntax, e.g.
    /// `repo:rust-lang/rfcs is:pr is:merged merged:2026-08-11..2026-08-18`.
    /// GitHub caps searches at 1000 results.
    pub async fn search_issues(&self, query: &str, sort: SearchSort) -> Result<SearchResults> {
        let mut params = vec![("q", query), ("per_page", PER_PAGE)];
        params.extend(sort_params(sort));
        let url = self.url(&["search", "issues"], &params)?;
        let mut pages = self.http.pages::<SearchPage<Issue>>(url);
        let mut results = SearchResults {
            total_count: 0,
            incomplete: false,
            items: Vec::new(),
        };
        while let Some(page) = pages.next_page().await? {
            results.total_count = page.total_count;
            results.incomplete |= page.incomplete_results;
            results.items.extend(page.items);
        }
        Ok(results)
    }

    /// Number of search matches, fetched with a one-item page.
    pub async fn search_count(&self, query: &str) -> Result<u64> {
        let url = self.url(&["search", "issues"], &[("q", query), ("per_page", "1")])?;
        let page: SearchPage<serde_json::Value> = self.http.get_json(url).await?;
        Ok(page.total_count)
    }
}

fn sort_params(sort: SearchSort) -> Vec<(&'static str, &'static str)> {
    match sort {
        SearchSort::BestMatch => Vec::new(),
        SearchSort::UpdatedDesc => vec![("sort", "updated"), ("order", "desc")],
        SearchSort::CreatedAsc => vec![("sort", "created"), ("order", "asc")],
    }
}

#[expect(
    clippy::expect_used,
    reason = "a compile-time constant, covered by tests: this cannot fail at run time"
)]
fn default_base_url() -> Url {
    Url::parse(DEFAULT_BASE_URL).expect("DEFAULT_BASE_URL is a valid URL")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_segments_are_encoded() {
        let gh = GitHub::new(
            GitHub::config_builder(Some(Url::parse("https://ghe.example/api/v3").unwrap())).build(),
        )
        .unwrap();
        let u = gh
            .url(&["repos", "o", "r", "commits", "feature/x", "status"], &[])
            .unwrap();
        assert_eq!(
            u.as_str(),
            "https://ghe.example/api/v3/repos/o/r/commits/feature%2Fx/status"
        );
    }
}
