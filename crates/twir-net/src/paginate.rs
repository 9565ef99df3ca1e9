//! Following `Link: <...>; rel="next"` across pages.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use url::Url;

use crate::link::{page_number, parse_link_header};
use crate::progress::ProgressEvent;
use crate::{HttpClient, NetError};

/// A paginated listing being walked page by page.
///
/// Created by [`HttpClient::pages`]. Each page body is deserialised as `T`
/// (for GitHub list endpoints `T = Vec<Item>`, for search endpoints the
/// wrapper object). Stop early simply by dropping it.
#[derive(Debug)]
#[must_use = "pages are fetched only when `next_page` is awaited"]
pub struct Pages<'c, T> {
    client: &'c HttpClient,
    first: Url,
    next: Option<Url>,
    fetched: usize,
    _page: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Pages<'_, T> {
    /// Fetches the next page, or `Ok(None)` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<T>, NetError> {
        let Some(url) = self.next.take() else {
            return Ok(None);
        };
        let max_pages = self.client.config().max_pages;
        if self.fetched >= max_pages {
            return Err(NetError::TooManyPages {
                url: Box::new(self.first.clone()),
                max_pages,
            });
        }
        let fetched = self.client.get(url).await?;
        let page: T = fetched.json()?;
        self.fetched += 1;

        let links = fetched
            .header("link")
            .map(parse_link_header)
            .unwrap_or_default();
        let total_pages = links
            .last
            .as_deref()
            .and_then(|l| fetched.url.join(l).ok())
            .and_then(|u| page_number(&u));
        if let Some(next) = links.next {
            let next = fetched.url.join(&next).map_err(|e| NetError::InvalidUrl {
                input: next.clone(),
                reason: e.to_string(),
            })?;
            if next.origin() != self.first.origin() {
                return Err(NetError::ForeignLink {
                    url: Box::new(fetched.url.clone()),
                    next: next.to_string(),
                });
            }
            self.next = Some(next);
        }
        self.client.report(&ProgressEvent::Page {
            listing: &self.first,
            page: self.fetched,
            total_pages,
        });
        Ok(Some(page))
    }

    /// Number of pages fetched so far.
    pub fn fetched(&self) -> usize {
        self.fetched
    }
}

impl HttpClient {
    /// Starts walking a paginated listing at `first`.
    pub fn pages<T: DeserializeOwned>(&self, first: Url) -> Pages<'_, T> {
        Pages {
            client: self,
            next: Some(first.clone()),
            first,
            fetched: 0,
            _page: PhantomData,
        }
    }

    /// Fetches every page of a listing, returning the page bodies in order.
    pub async fn get_all_pages<T: DeserializeOwned>(&self, first: Url) -> Result<Vec<T>, NetError> {
        let mut pages = self.pages::<T>(first);
        let mut out = Vec::new();
        while let Some(page) = pages.next_page().await? {
            out.push(page);
        }
        Ok(out)
    }

    /// Fetches every page of a listing whose pages are JSON arrays, returning
    /// all items concatenated.
    pub async fn get_paginated<I: DeserializeOwned>(&self, first: Url) -> Result<Vec<I>, NetError> {
        let mut pages = self.pages::<Vec<I>>(first);
        let mut out = Vec::new();
        while let Some(page) = pages.next_page().await? {
            out.extend(page);
        }
        Ok(out)
    }
}
