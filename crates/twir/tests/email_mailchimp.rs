//! `twir email N --mailchimp` end to end: the binary against a mock Mailchimp Marketing API on
//! 127.0.0.1, in a copy of the email fixture site. The campaign gets exactly the files
//! written, a rerun updates it, nothing is sent unless asked, and the API key appears in no
//! output: stdout, stderr, or any file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use twir_testkit::copy_dir;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "feedc0ffee0123456789abcdef012345-us11";
const SECRET: &str = "feedc0ffee0123456789abcdef012345";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/email")
}

/// A copy of the fixture site with an `[email.mailchimp]` section.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let toml = dir.path().join("twir.toml");
    let mut text = fs::read_to_string(&toml).unwrap();
    text.push_str(
        "\n[email.mailchimp]\nlist_id = \"crabs1\"\ntitle = \"Crabs {number}\"\n\
         from_name = \"Crab Editors\"\nreply_to = \"editors@crabs.example.org\"\n",
    );
    fs::write(&toml, text).unwrap();
    dir
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn twir(root: &Path, server: &MockServer) -> Command {
    let mut cmd = Command::cargo_bin("twir").expect("twir binary");
    cmd.arg("--root")
        .arg(root)
        .env("MAILCHIMP_API_KEY", KEY)
        .env("TWIR_MAILCHIMP_API_URL", server.uri());
    cmd
}

fn campaign(status: &str) -> Value {
    json!({"id": "c1", "web_id": 77, "status": status, "settings": {"title": "Crabs 3"}})
}

fn listing(campaigns: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"campaigns": campaigns, "total_items": 1}))
}

/// Every file under `dir`, read as (lossy) text.
fn all_files(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push((
                p.clone(),
                String::from_utf8_lossy(&fs::read(&p).unwrap()).into(),
            ));
        }
    }
}

fn assert_no_key(root: &Path, stdout: &[u8], stderr: &[u8]) {
    let basic = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(format!("twir:{KEY}"))
    };
    for (name, text) in [
        ("stdout", String::from_utf8_lossy(stdout)),
        ("stderr", String::from_utf8_lossy(stderr)),
    ] {
        assert!(
            !text.contains(SECRET) && !text.contains(&basic),
            "{name}: {text}"
        );
    }
    let mut files = Vec::new();
    all_files(root, &mut files);
    for (p, text) in files {
        assert!(
            !text.contains(SECRET) && !text.contains(&basic),
            "{}",
            p.display()
        );
    }
}

#[test]
fn creates_then_updates_the_campaign_with_the_files_written_and_sends_nothing() {
    let rt = runtime();
    let server = rt.block_on(MockServer::start());
    rt.block_on(async {
        Mock::given(method("GET"))
            .and(path("/campaigns"))
            .and(query_param("list_id", "crabs1"))
            .respond_with(listing(json!([])))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/campaigns"))
            .respond_with(listing(json!([campaign("save")])))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/campaigns"))
            .respond_with(ResponseTemplate::new(200).set_body_json(campaign("save")))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("PATCH"))
            .and(path("/campaigns/c1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(campaign("save")))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("PUT"))
            .and(path("/campaigns/c1/content"))
            .respond_with(ResponseTemplate::new(200))
            .expect(2)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/campaigns/c1/actions/test"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        for action in ["send", "schedule"] {
            Mock::given(method("POST"))
                .and(path(format!("/campaigns/c1/actions/{action}")))
                .respond_with(ResponseTemplate::new(204))
                .expect(0)
                .mount(&server)
                .await;
        }
    });
    let dir = site();
    let out = twir(dir.path(), &server)
        .args(["email", "3", "--mailchimp"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("mailchimp: created campaign \"Crabs 3\" (id c1)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("left it as a draft: nothing was sent"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "campaign c1 is a draft: https://us11.admin.mailchimp.com/campaigns/edit?id=77"
        ),
        "{stdout}"
    );
    assert_no_key(dir.path(), &out.stdout, &out.stderr);

    let again = twir(dir.path(), &server)
        .args(["email", "3", "--mailchimp", "--test", "a@crabs.example.org"])
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("mailchimp: updated campaign \"Crabs 3\" (id c1)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("sent a test to a@crabs.example.org"),
        "{stdout}"
    );
    assert_no_key(dir.path(), &again.stdout, &again.stderr);

    // What Mailchimp got is what was written.
    let requests = rt.block_on(server.received_requests()).unwrap();
    let put = requests
        .iter()
        .find(|r| r.method.as_str() == "PUT")
        .expect("content was set");
    let content: Value = serde_json::from_slice(&put.body).unwrap();
    let email = dir.path().join("email");
    assert_eq!(
        content["html"].as_str().unwrap(),
        fs::read_to_string(email.join("3.html")).unwrap()
    );
    assert_eq!(
        content["plain_text"].as_str().unwrap(),
        fs::read_to_string(email.join("3.txt")).unwrap()
    );
    let create: Value = serde_json::from_slice(
        &requests
            .iter()
            .find(|r| r.method.as_str() == "POST" && r.url.path() == "/campaigns")
            .unwrap()
            .body,
    )
    .unwrap();
    assert_eq!(
        create["settings"]["subject_line"],
        "This Week in Crabs 3 🦀"
    );
    assert_eq!(create["settings"]["reply_to"], "editors@crabs.example.org");
    assert_eq!(create["recipients"]["list_id"], "crabs1");
}

#[test]
fn schedules_in_the_site_time_zone() {
    let rt = runtime();
    let server = rt.block_on(MockServer::start());
    rt.block_on(async {
        Mock::given(method("GET"))
            .and(path("/campaigns"))
            .respond_with(listing(json!([campaign("save")])))
            .mount(&server)
            .await;
        Mock::given(method("PATCH"))
            .respond_with(ResponseTemplate::new(200).set_body_json(campaign("save")))
            .mount(&server)
            .await;
        Mock::given(method("PUT"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/campaigns/c1/send-checklist"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"is_ready": true})))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/campaigns/c1/actions/schedule"))
            .and(wiremock::matchers::body_json(
                json!({"schedule_time": "2099-01-07T08:30:00+00:00"}),
            ))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
    });
    let dir = site();
    // The fixture site is in Europe/Paris: 09:30 there is 08:30 UTC in January.
    let out = twir(dir.path(), &server)
        .args([
            "email",
            "3",
            "--mailchimp",
            "--schedule",
            "2099-01-07 09:30",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("scheduled for 2099-01-07T08:30:00Z"));
}

/// Answers with the request's headers and the key in a problem document.
struct Echo(u16);

impl Respond for Echo {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let headers: Vec<String> = request
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("")))
            .collect();
        let text = format!("{} {KEY} {SECRET}", headers.join(" "));
        ResponseTemplate::new(self.0)
            .set_body_json(json!({"title": text, "detail": text, "message": text}))
    }
}

#[test]
fn errors_name_the_step_and_never_the_key() {
    for status in [401, 403, 400, 500] {
        let rt = runtime();
        let server = rt.block_on(MockServer::start());
        rt.block_on(
            Mock::given(wiremock::matchers::any())
                .respond_with(Echo(status))
                .mount(&server),
        );
        let dir = site();
        let out = twir(dir.path(), &server)
            .args(["email", "3", "--mailchimp", "--send"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "HTTP {status}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("error: looking for campaign \"Crabs 3\""),
            "HTTP {status}: {stderr}"
        );
        assert_no_key(dir.path(), &out.stdout, &out.stderr);
    }
}

#[test]
fn bad_requests_fail_before_anything_is_built() {
    let rt = runtime();
    let server = rt.block_on(MockServer::start());
    let dir = site();
    let run = |args: &[&str], env_key: Option<&str>| {
        let mut cmd = twir(dir.path(), &server);
        match env_key {
            Some(k) => cmd.env("MAILCHIMP_API_KEY", k),
            None => cmd.env_remove("MAILCHIMP_API_KEY"),
        };
        cmd.args(args).output().unwrap()
    };
    let out = run(&["email", "3", "--mailchimp"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("MAILCHIMP_API_KEY is not set"));
    let out = run(
        &["email", "3", "--mailchimp"],
        Some("feedc0ffee0123456789-nodc"),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not end with a data centre"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("feedc0ffee"));
    let out = run(
        &[
            "email",
            "3",
            "--mailchimp",
            "--schedule",
            "2099-01-07 09:40",
        ],
        Some(KEY),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("quarter hours"));
    let out = run(
        &["email", "3", "--mailchimp", "--test", "not-an-address"],
        Some(KEY),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an email address"));
    let out = run(&["email", "3", "--send"], Some(KEY));
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap refuses --send without --mailchimp"
    );
    assert!(!dir.path().join("email").exists(), "nothing written");
    assert!(rt.block_on(server.received_requests()).unwrap().is_empty());
}
