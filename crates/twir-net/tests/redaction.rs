//! Servers that echo credentials back: no error message, debug output or body handed to
//! the caller contains the token, in any of the shapes it comes back in.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[macro_use]
mod common;

use common::{client, client_with, config, url};
use twir_net::{NetError, ServiceConfig, Token, Url, register_secret};
use twir_testkit::{any_get, body, post, serve};

const TOKEN: &str = "ghp_EchoedBack0123456789abcdefghijkl";
const PLAIN: &str = "meetup-token-9f8e7d6c5b4a";

fn assert_clean(e: &NetError) {
    for shown in [e.to_string(), format!("{e:?}")] {
        for secret in [TOKEN, PLAIN, "hunter2pw"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
}

#[tokio::test]
async fn echoed_tokens_never_reach_the_caller() {
    register_secret(PLAIN);
    let echoes = [
        (
            401,
            format!(r#"{{"message":"Bad credentials for Bearer {TOKEN}"}}"#),
        ),
        (403, format!(r#"{{"message":"token {PLAIN} lacks scope"}}"#)),
        (
            422,
            format!("request headers:\nAuthorization: Bearer {PLAIN}\nAccept: */*"),
        ),
        (
            400,
            format!(r#"{{"headers":{{"authorization":"token {TOKEN}"}}}}"#),
        ),
        (409, format!("conflict for {PLAIN}")),
    ];
    for (status, text) in echoes {
        let server = serve([any_get().respond_with(body(status, &text))]).await;
        let c = client_with(config(&server).token(Some(Token::new(PLAIN))));
        let e = c.get(url(&c, "/x")).await.unwrap_err();
        assert_clean(&e);
        assert!(e.to_string().contains("[redacted]") || status == 401, "{e}");
    }
    // A 500 to a POST keeps its body for the message: redacted too.
    let server = serve([post().respond_with(body(500, &format!("dump: Bearer {TOKEN}")))]).await;
    let c = client(&server);
    let e = c
        .post_json::<_, serde_json::Value>(url(&c, "/x"), &serde_json::json!({}))
        .await
        .unwrap_err();
    assert_variant!(e, NetError::Status { status: 500, .. });
    assert_clean(&e);
}

#[tokio::test]
async fn a_successful_body_loses_known_secrets_only() {
    register_secret(PLAIN);
    let server = serve([any_get().respond_with(body(
        200,
        &format!(r#"{{"title":"Bearer auth for {PLAIN}"}}"#),
    ))])
    .await;
    let c = client(&server);
    let v: serde_json::Value = c.get_json(url(&c, "/x")).await.unwrap();
    assert_eq!(v["title"], "Bearer auth for [redacted]");
}

#[tokio::test]
async fn url_credentials_are_not_shown() {
    // A refused port, with credentials in the URL.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = Url::parse(&format!("http://admin:hunter2pw@127.0.0.1:{port}/api")).unwrap();
    let c = twir_net::HttpClient::new(ServiceConfig::builder(base.clone()).max_retries(0).build())
        .unwrap();
    let e = c.get(base).await.unwrap_err();
    assert_clean(&e);
    // A 404 names the URL, without them.
    let server = serve([any_get().respond_with(body(404, ""))]).await;
    let mut with_creds = Url::parse(&server.uri()).unwrap();
    with_creds.set_username("admin").unwrap();
    with_creds.set_password(Some("hunter2pw")).unwrap();
    with_creds.set_query(Some(&format!("access_token={PLAIN}")));
    let c = client(&server);
    let e = c.get(with_creds).await.unwrap_err();
    assert_variant!(e, NetError::NotFound { .. });
    assert_clean(&e);
    assert!(e.to_string().contains("127.0.0.1"), "{e}");
}
