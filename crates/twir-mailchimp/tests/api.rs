//! The Mailchimp routine against a local mock of the Marketing API (wiremock on 127.0.0.1):
//! create, update, content, test send, schedule, send, and the failures an editor can meet.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::time::Duration;

use base64::Engine;
use serde_json::json;
use twir_mailchimp::publish::State;
use twir_mailchimp::{ApiKey, Delivery, Mailchimp, MailchimpError, Plan, Sender, publish};
use twir_testkit::{body, mount};
use wiremock::matchers::{body_partial_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "0123456789abcdef0123456789abcdef-us11";
const SECRET: &str = "0123456789abcdef0123456789abcdef";
const LIST: &str = "0ed8b72485";
const TITLE: &str = "This Week in Rust 665";

fn client(server: &MockServer) -> Mailchimp {
    let key = ApiKey::parse(KEY).unwrap();
    let config = Mailchimp::config_builder(&key, Some(&server.uri()))
        .unwrap()
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .max_rate_limit_wait(Duration::from_secs(2))
        .max_retries(2)
        .build();
    Mailchimp::new(key, config).unwrap()
}

fn plan(delivery: Delivery, tests: &[String]) -> Plan<'_> {
    Plan {
        list_id: LIST,
        title: TITLE,
        subject: "This Week in Rust 665",
        preview_text: "Hello and welcome to another issue",
        sender: Sender {
            from_name: Some("This Week in Rust".into()),
            reply_to: Some("editors@example.org".into()),
        },
        html: "<html><body><p>Hi</p></body></html>",
        text: "Hi\n",
        tests,
        delivery,
    }
}

async fn run(
    server: &MockServer,
    plan: &Plan<'_>,
) -> (Result<twir_mailchimp::Outcome, MailchimpError>, Vec<String>) {
    let mc = client(server);
    let mut log = Vec::new();
    let out = publish(&mc, plan, &mut |l| log.push(l.to_string())).await;
    (out, log)
}

fn campaign(id: &str, status: &str) -> serde_json::Value {
    json!({
        "id": id, "web_id": 4242, "status": status,
        "send_time": if status == "schedule" { "2099-08-26T15:00:00+00:00" } else { "" },
        "settings": { "title": TITLE },
        "recipients": { "list_id": LIST }
    })
}

fn listing(campaigns: &[serde_json::Value]) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({ "campaigns": campaigns, "total_items": campaigns.len() }))
}

/// `GET /campaigns` of the list.
fn campaigns_request() -> wiremock::MockBuilder {
    Mock::given(method("GET"))
        .and(path("/campaigns"))
        .and(query_param("list_id", LIST))
}

/// Mocks `GET /campaigns` answering `campaigns`.
fn list_campaigns(campaigns: &[serde_json::Value]) -> Mock {
    campaigns_request().respond_with(listing(campaigns))
}

fn action(name: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path(format!("/campaigns/c1/actions/{name}")))
}

/// Nothing may be sent to the audience in this test.
fn never_sends() -> [Mock; 2] {
    [
        action("send")
            .respond_with(ResponseTemplate::new(204))
            .expect(0),
        action("schedule")
            .respond_with(ResponseTemplate::new(204))
            .expect(0),
    ]
}

fn content_put() -> Mock {
    Mock::given(method("PUT"))
        .and(path("/campaigns/c1/content"))
        .and(body_partial_json(json!({
            "html": "<html><body><p>Hi</p></body></html>",
            "plain_text": "Hi\n"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"html": "x"})))
        .expect(1)
}

#[tokio::test]
async fn creates_a_draft_with_basic_auth_and_sends_nothing() {
    let server = MockServer::start().await;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("twir:{KEY}"));
    mount(
        &server,
        [
            campaigns_request()
                .and(header("Authorization", format!("Basic {basic}").as_str()))
                .respond_with(listing(&[]))
                .expect(1),
            Mock::given(method("POST"))
                .and(path("/campaigns"))
                .and(body_partial_json(json!({
                    "type": "regular",
                    "recipients": { "list_id": LIST },
                    "settings": {
                        "title": TITLE, "subject_line": "This Week in Rust 665",
                        "preview_text": "Hello and welcome to another issue",
                        "from_name": "This Week in Rust", "reply_to": "editors@example.org"
                    }
                })))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save")))
                .expect(1),
            content_put(),
        ],
    )
    .await;
    mount(&server, never_sends()).await;
    let (out, log) = run(&server, &plan(Delivery::Draft, &[])).await;
    let out = out.unwrap();
    assert!(out.created);
    assert_eq!(out.state, State::Draft);
    assert_eq!(
        out.admin_url.as_deref(),
        Some("https://us11.admin.mailchimp.com/campaigns/edit?id=4242")
    );
    assert!(log[0].starts_with("created campaign"), "{log:?}");
    assert!(log.last().unwrap().contains("nothing was sent"), "{log:?}");
}

#[tokio::test]
async fn a_second_run_updates_the_same_campaign() {
    let server = MockServer::start().await;
    mount(
        &server,
        [
            // The first run finds nothing; the second finds what the first created (among
            // other campaigns of the list).
            list_campaigns(&[]).up_to_n_times(1).expect(1),
            list_campaigns(&[
                json!({"id": "other", "status": "sent", "settings": {"title": "This Week in Rust 664"}}),
                campaign("c1", "save"),
            ])
            .expect(1),
            Mock::given(method("POST"))
                .and(path("/campaigns"))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save")))
                .expect(1),
            Mock::given(method("PATCH"))
                .and(path("/campaigns/c1"))
                .and(body_partial_json(json!({"settings": {"title": TITLE}})))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save")))
                .expect(1),
            Mock::given(method("PUT"))
                .and(path("/campaigns/c1/content"))
                .respond_with(ResponseTemplate::new(200))
                .expect(2),
        ],
    )
    .await;
    mount(&server, never_sends()).await;
    let (first, _) = run(&server, &plan(Delivery::Draft, &[])).await;
    assert!(first.unwrap().created);
    let (second, log) = run(&server, &plan(Delivery::Draft, &[])).await;
    let second = second.unwrap();
    assert!(!second.created);
    assert_eq!(second.id, "c1");
    assert!(log[0].starts_with("updated campaign"), "{log:?}");
}

#[tokio::test]
async fn finds_the_campaign_on_a_later_page() {
    let server = MockServer::start().await;
    let others: Vec<_> = (0..1000)
        .map(|i| json!({"id": format!("o{i}"), "status": "sent", "settings": {"title": format!("T {i}")}}))
        .collect();
    mount(
        &server,
        [
            campaigns_request()
                .and(query_param("offset", "0"))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"campaigns": others, "total_items": 1001})),
                )
                .expect(1),
            campaigns_request()
                .and(query_param("offset", "1000"))
                .respond_with(ResponseTemplate::new(200).set_body_json(
                    json!({"campaigns": [campaign("c1", "save")], "total_items": 1001}),
                ))
                .expect(1),
        ],
    )
    .await;
    let mc = client(&server);
    let found = mc.find_campaign(LIST, TITLE).await.unwrap().unwrap();
    assert_eq!(found.id, "c1");
}

#[tokio::test]
async fn sends_tests_then_schedules_after_the_checklist() {
    let server = MockServer::start().await;
    let tests = vec!["a@example.org".to_string(), "b@example.org".to_string()];
    mount(
        &server,
        [
            list_campaigns(&[campaign("c1", "save")]).expect(1),
            Mock::given(method("PATCH"))
                .and(path("/campaigns/c1"))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save")))
                .expect(1),
            content_put(),
            action("test")
                .and(body_partial_json(json!({
                    "test_emails": ["a@example.org", "b@example.org"], "send_type": "html"
                })))
                .respond_with(ResponseTemplate::new(204))
                .expect(1),
            Mock::given(method("GET"))
                .and(path("/campaigns/c1/send-checklist"))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"is_ready": true, "items": []})),
                )
                .expect(1),
            action("schedule")
                .and(body_partial_json(
                    json!({"schedule_time": "2099-08-26T15:00:00+00:00"}),
                ))
                .respond_with(ResponseTemplate::new(204))
                .expect(1),
            action("send")
                .respond_with(ResponseTemplate::new(204))
                .expect(0),
        ],
    )
    .await;
    let when: jiff::Timestamp = "2099-08-26T15:00:00Z".parse().unwrap();
    let (out, log) = run(&server, &plan(Delivery::Schedule(when), &tests)).await;
    assert_eq!(
        out.unwrap().state,
        State::Scheduled("2099-08-26T15:00:00Z".into())
    );
    assert!(
        log.iter()
            .any(|l| l == "sent a test to a@example.org, b@example.org"),
        "{log:?}"
    );
}

#[tokio::test]
async fn send_now_and_a_checklist_that_refuses() {
    let server = MockServer::start().await;
    mount(
        &server,
        [
            list_campaigns(&[campaign("c1", "save")]),
            Mock::given(method("PATCH"))
                .and(path("/campaigns/c1"))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save"))),
            Mock::given(method("PUT"))
                .and(path("/campaigns/c1/content"))
                .respond_with(ResponseTemplate::new(200)),
            Mock::given(method("GET"))
                .and(path("/campaigns/c1/send-checklist"))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                    "is_ready": true, "items": [] })))
                .up_to_n_times(1),
            Mock::given(method("GET"))
                .and(path("/campaigns/c1/send-checklist"))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "is_ready": false,
                "items": [
                    {"type": "success", "heading": "Subject", "details": "ok"},
                    {"type": "error", "heading": "Sender", "details": "Verify the domain"}
                ]}))),
            action("send")
                .respond_with(ResponseTemplate::new(204))
                .expect(1),
        ],
    )
    .await;
    let (out, _) = run(&server, &plan(Delivery::Now, &[])).await;
    assert_eq!(out.unwrap().state, State::Sent);
    let (out, _) = run(&server, &plan(Delivery::Now, &[])).await;
    let e = out.unwrap_err().to_string();
    assert!(
        e.contains("not ready to send: Sender: Verify the domain"),
        "{e}"
    );
}

#[tokio::test]
async fn a_sent_campaign_is_never_touched_again() {
    let server = MockServer::start().await;
    let mut sent = campaign("c1", "sent");
    sent["send_time"] = json!("2026-08-19T15:00:00+00:00");
    mount(&server, [list_campaigns(&[sent]).expect(1)]).await;
    mount(
        &server,
        [
            Mock::given(method("PATCH"))
                .respond_with(ResponseTemplate::new(200))
                .expect(0),
            Mock::given(method("PUT"))
                .respond_with(ResponseTemplate::new(200))
                .expect(0),
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(200))
                .expect(0),
        ],
    )
    .await;
    let (out, _) = run(&server, &plan(Delivery::Now, &[])).await;
    let e = out.unwrap_err();
    assert!(matches!(e, MailchimpError::AlreadySent { .. }), "{e}");
    assert!(
        e.to_string()
            .contains("already sent on 2026-08-19T15:00:00+00:00"),
        "{e}"
    );
}

#[tokio::test]
async fn a_scheduled_campaign_is_unscheduled_updated_and_scheduled_again() {
    let server = MockServer::start().await;
    mount(
        &server,
        [
            list_campaigns(&[campaign("c1", "schedule")]),
            action("unschedule")
                .respond_with(ResponseTemplate::new(204))
                .expect(1),
            Mock::given(method("PATCH"))
                .and(path("/campaigns/c1"))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save")))
                .expect(1),
            content_put(),
            Mock::given(method("GET"))
                .and(path("/campaigns/c1/send-checklist"))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({"is_ready": true})))
                .expect(1),
            action("schedule")
                .and(body_partial_json(
                    json!({"schedule_time": "2099-08-26T15:00:00+00:00"}),
                ))
                .respond_with(ResponseTemplate::new(204))
                .expect(1),
        ],
    )
    .await;
    let (out, log) = run(&server, &plan(Delivery::Draft, &[])).await;
    assert_eq!(
        out.unwrap().state,
        State::Scheduled("2099-08-26T15:00:00Z".into())
    );
    assert!(log[0].starts_with("unscheduled campaign"), "{log:?}");
}

#[tokio::test]
async fn sender_defaults_come_from_the_audience() {
    let server = MockServer::start().await;
    mount(
        &server,
        [
            list_campaigns(&[]),
            Mock::given(method("GET"))
                .and(path(format!("/lists/{LIST}")))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                    "name": "TWiR",
                    "campaign_defaults": {"from_name": "TWiR", "from_email": "list@example.org"}
                })))
                .expect(1),
            Mock::given(method("POST"))
                .and(path("/campaigns"))
                .and(body_partial_json(json!({"settings": {
                    "from_name": "TWiR", "reply_to": "list@example.org"}})))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save")))
                .expect(1),
            Mock::given(method("PUT"))
                .and(path("/campaigns/c1/content"))
                .respond_with(ResponseTemplate::new(200)),
        ],
    )
    .await;
    let mut p = plan(Delivery::Draft, &[]);
    p.sender = Sender::default();
    let (out, _) = run(&server, &p).await;
    out.unwrap();
}

#[tokio::test]
async fn server_errors_are_retried_and_rate_limits_waited_out() {
    let server = MockServer::start().await;
    mount(
        &server,
        [
            campaigns_request()
                .respond_with(ResponseTemplate::new(503))
                .up_to_n_times(1)
                .expect(1),
            campaigns_request()
                .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
                .up_to_n_times(1)
                .expect(1),
            list_campaigns(&[]).expect(1),
            Mock::given(method("POST"))
                .and(path("/campaigns"))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save")))
                .expect(1),
            content_put(),
        ],
    )
    .await;
    let (out, _) = run(&server, &plan(Delivery::Draft, &[])).await;
    out.unwrap();
}

#[tokio::test]
async fn a_failed_create_is_not_retried_and_says_why() {
    let server = MockServer::start().await;
    mount(
        &server,
        [
            list_campaigns(&[]),
            Mock::given(method("POST"))
                .and(path("/campaigns"))
                .respond_with(body(500, "{\"title\":\"Internal\",\"detail\":\"boom\"}"))
                .expect(1),
        ],
    )
    .await;
    let (out, _) = run(&server, &plan(Delivery::Draft, &[])).await;
    let e = out.unwrap_err().to_string();
    assert_eq!(e, "creating the campaign: HTTP 500: Internal: boom");

    let server = MockServer::start().await;
    mount(
        &server,
        [
            list_campaigns(&[]),
            Mock::given(method("POST"))
                .and(path("/campaigns"))
                .respond_with(body(
                    400,
                    r#"{"type":"x","title":"Invalid Resource","status":400,
                        "detail":"The resource submitted could not be validated.",
                        "errors":[{"field":"settings.reply_to","message":"This value should be a valid email."}]}"#,
                )),
        ],
    )
    .await;
    let (out, _) = run(&server, &plan(Delivery::Draft, &[])).await;
    let e = out.unwrap_err().to_string();
    assert_eq!(
        e,
        "creating the campaign: HTTP 400: Invalid Resource: The resource submitted could not be \
         validated. (settings.reply_to: This value should be a valid email.)"
    );
}

/// Answers with the request's own headers and the key in the body: a server that echoes
/// credentials back.
struct Echo(u16);

impl Respond for Echo {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let headers: Vec<String> = request
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("")))
            .collect();
        let text = format!("{} key={KEY} secret={SECRET}", headers.join("; "));
        ResponseTemplate::new(self.0)
            .set_body_json(json!({"title": text, "detail": text, "message": text}))
    }
}

#[tokio::test]
async fn echoed_keys_never_reach_a_message() {
    for status in [400, 401, 403, 404, 422, 500] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(Echo(status))
            .mount(&server)
            .await;
        let (out, log) = run(&server, &plan(Delivery::Draft, &[])).await;
        let e = out.unwrap_err();
        let all = format!("{e} {e:?} {log:?}");
        assert!(!all.contains(SECRET), "HTTP {status}: {all}");
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("twir:{KEY}"));
        assert!(!all.contains(&basic), "HTTP {status}: {all}");
    }
    // The checklist's own texts too.
    let server = MockServer::start().await;
    mount(
        &server,
        [
            list_campaigns(&[campaign("c1", "save")]),
            Mock::given(method("PATCH"))
                .respond_with(ResponseTemplate::new(200).set_body_json(campaign("c1", "save"))),
            Mock::given(method("PUT")).respond_with(ResponseTemplate::new(200)),
            Mock::given(method("GET"))
                .and(path("/campaigns/c1/send-checklist"))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                    "is_ready": false,
                    "items": [{"type": "error", "heading": KEY, "details": SECRET}]}))),
        ],
    )
    .await;
    let (out, _) = run(&server, &plan(Delivery::Now, &[])).await;
    let e = out.unwrap_err().to_string();
    assert!(!e.contains(SECRET), "{e}");
}

#[tokio::test]
async fn unreachable_servers_and_time_outs_are_named() {
    let key = ApiKey::parse(KEY).unwrap();
    let config = Mailchimp::config_builder(&key, Some("http://127.0.0.1:9"))
        .unwrap()
        .initial_backoff(Duration::from_millis(5))
        .max_retries(1)
        .build();
    let mc = Mailchimp::new(key, config).unwrap();
    let e = mc.find_campaign(LIST, TITLE).await.unwrap_err();
    assert!(
        matches!(
            e,
            MailchimpError::Request {
                transient: true,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string().starts_with(
            "looking for campaign \"This Week in Rust 665\": could not reach 127.0.0.1:9"
        ),
        "{e}"
    );

    let server = MockServer::start().await;
    campaigns_request()
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let key = ApiKey::parse(KEY).unwrap();
    let config = Mailchimp::config_builder(&key, Some(&server.uri()))
        .unwrap()
        .timeout(Duration::from_millis(200))
        .initial_backoff(Duration::from_millis(5))
        .max_retries(1)
        .build();
    let mc = Mailchimp::new(key, config).unwrap();
    let e = mc.find_campaign(LIST, TITLE).await.unwrap_err().to_string();
    assert!(e.contains("timed out") && e.contains("(2 attempts)"), "{e}");
}
