//! Servers that echo credentials back, driven through the binary: `rfcs`, `prs`, `events` and
//! `submissions review` against mock servers on 127.0.0.1 that return the token in every shape
//! seen (an error message, a 4xx/5xx body dumping the request headers, a GraphQL error, data
//! of a successful answer, a URL with `user:pw@`). The tokens never appear on stdout, stderr
//! or in any file written.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use std::path::Path;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const GITHUB_TOKEN: &str = "ghp_SecretCanary0123456789abcdefABCDEF";
const MEETUP_TOKEN: &str = "meetup-canary-7d1e5c9a";
const URL_PASSWORD: &str = "hunter2pw";
const SECRETS: [&str; 3] = [GITHUB_TOKEN, MEETUP_TOKEN, URL_PASSWORD];

const DRAFT: &str = "Title: This Week in Rust 600
Number: 600
Date: 2026-08-19
Category: This Week in Rust

Hello.

## Upcoming Events

Rusty Events between 2026-08-19 - 2026-09-16 🦀

* none yet

## Calls for Testing

none
";

fn site(dir: &Path, api_url: &str) {
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::create_dir_all(dir.join("draft")).unwrap();
    std::fs::write(dir.join("draft/2026-08-19-this-week-in-rust.md"), DRAFT).unwrap();
    std::fs::write(
        dir.join("twir.toml"),
        format!("[github]\nrepository = \"o/r\"\napi_url = \"{api_url}\"\n"),
    )
    .unwrap();
}

/// Runs twir with both tokens in its environment and checks its output for every secret.
fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("twir")
        .unwrap()
        .arg("--root")
        .arg(root)
        .args(["--net-deadline", "30"])
        .args(args)
        .env("GITHUB_TOKEN", GITHUB_TOKEN)
        .env("MEETUP_TOKEN", MEETUP_TOKEN)
        .env_remove("TWIR_GITHUB_API_URL")
        .env_remove("TWIR_MEETUP_URL")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    for secret in SECRETS {
        assert!(
            !stdout.contains(secret),
            "{args:?}: {secret} on stdout:\n{stdout}"
        );
        assert!(
            !stderr.contains(secret),
            "{args:?}: {secret} on stderr:\n{stderr}"
        );
    }
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

/// Fails if any file under `dir` contains a secret.
fn assert_no_file_leaks(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            for secret in SECRETS {
                assert!(!text.contains(secret), "{secret} in {}", p.display());
            }
        }
    }
}

/// A mock server answering every request with `status` and `body`.
fn echo_server(rt: &tokio::runtime::Runtime, status: u16, body: &str) -> MockServer {
    let body = body.to_string();
    rt.block_on(async move {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_string(body.clone()))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_string(body))
            .mount(&server)
            .await;
        server
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

/// The echoes of a GitHub API that got `Authorization: Bearer TOKEN`.
fn github_echoes() -> Vec<(u16, String)> {
    vec![
        (
            401,
            format!(r#"{{"message":"Bad credentials for Bearer {GITHUB_TOKEN}"}}"#),
        ),
        (
            403,
            format!(r#"{{"message":"token {GITHUB_TOKEN} lacks the repo scope"}}"#),
        ),
        (
            422,
            format!(
                "Validation failed; request was:\nAuthorization: Bearer {GITHUB_TOKEN}\nUser-Agent: twir"
            ),
        ),
        (
            500,
            format!("<pre>Internal error, headers: authorization=token {GITHUB_TOKEN}</pre>"),
        ),
    ]
}

#[test]
fn rfcs_prs_and_submissions_never_print_an_echoed_token() {
    let rt = runtime();
    for (status, body) in github_echoes() {
        let server = echo_server(&rt, status, &body);
        let dir = tempfile::tempdir().unwrap();
        site(dir.path(), &server.uri());
        let api = server.uri();
        for args in [
            vec!["rfcs", "--date", "2026-08-19", "--api-url", &api],
            vec!["prs", "--date", "2026-08-19", "--api-url", &api],
            vec![
                "rfcs",
                "--api-url",
                &api,
                "--into",
                "draft/2026-08-19-this-week-in-rust.md",
            ],
            vec!["submissions", "review"],
        ] {
            let mut args = args.clone();
            let into;
            if let Some(i) = args.iter().position(|a| a.starts_with("draft/")) {
                into = dir.path().join(args[i]).display().to_string();
                args[i] = &into;
            }
            let (code, _, stderr) = run(dir.path(), &args);
            assert_ne!(code, 0, "{args:?} against HTTP {status}: {stderr}");
            assert!(stderr.contains("error"), "{stderr}");
        }
        assert_no_file_leaks(dir.path());
    }
}

#[test]
fn a_url_with_credentials_is_never_printed() {
    let rt = runtime();
    let server = echo_server(&rt, 404, "not here");
    let dir = tempfile::tempdir().unwrap();
    site(dir.path(), &server.uri());
    let with_creds = server
        .uri()
        .replace("http://", &format!("http://admin:{URL_PASSWORD}@"));
    for args in [
        vec!["rfcs", "--date", "2026-08-19", "--api-url", &with_creds],
        vec!["prs", "--date", "2026-08-19", "--api-url", &with_creds],
        vec![
            "events",
            "--date",
            "2026-08-19",
            "--ics",
            &format!("{with_creds}/calendar.ics"),
        ],
    ] {
        let (_, stdout, stderr) = run(dir.path(), &args);
        assert!(
            stderr.contains("127.0.0.1") || stdout.contains("127.0.0.1"),
            "{args:?}: the host should still be named: {stderr}"
        );
    }
    // A refused port, and an API URL that does not even parse.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let refused = format!("http://admin:{URL_PASSWORD}@127.0.0.1:{port}/");
    run(
        dir.path(),
        &["rfcs", "--date", "2026-08-19", "--api-url", &refused],
    );
    let broken = format!("http://admin:{URL_PASSWORD}@[bad/");
    let (code, _, _) = run(
        dir.path(),
        &["rfcs", "--date", "2026-08-19", "--api-url", &broken],
    );
    assert_ne!(code, 0);
    assert_no_file_leaks(dir.path());
}

fn groups_file(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("groups.json");
    std::fs::write(
        &p,
        r#"["https://www.meetup.com/rust-berlin/", "https://www.meetup.com/dallasrust/"]"#,
    )
    .unwrap();
    p
}

#[test]
fn events_never_print_or_write_an_echoed_token() {
    let rt = runtime();
    let berlin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../twir-events-sources/tests/fixtures/meetup-berlin.json"),
    )
    .unwrap();
    let echoes = [
        (
            500,
            format!("upstream failed for Authorization: Bearer {MEETUP_TOKEN}"),
        ),
        (
            400,
            format!(r#"{{"errors":[{{"message":"bad request from token {MEETUP_TOKEN}"}}]}}"#),
        ),
        (
            200,
            format!(r#"{{"errors":[{{"message":"invalid auth header Bearer {MEETUP_TOKEN}"}}]}}"#),
        ),
        // Data: an event titled with the token, which ends up in the section.
        (
            200,
            berlin.replace("Rust Hack and Learn", &format!("Hack {MEETUP_TOKEN}")),
        ),
    ];
    for (status, body) in echoes {
        let server = echo_server(&rt, status, &body);
        let dir = tempfile::tempdir().unwrap();
        site(dir.path(), &server.uri());
        let groups = groups_file(dir.path());
        let url = format!("{}/gql-ext", server.uri());
        let draft = dir.path().join("draft/2026-08-19-this-week-in-rust.md");
        let base = [
            "events",
            "--date",
            "2026-08-19",
            "--meetup-groups",
            groups.to_str().unwrap(),
            "--meetup-url",
            &url,
        ];
        run(dir.path(), &base);
        let mut into = base.to_vec();
        into.extend(["--into", draft.to_str().unwrap()]);
        run(dir.path(), &into);
        assert_no_file_leaks(dir.path());
        if status == 200 && body.contains("Hack ") {
            // The event itself is kept, without the token.
            let (_, stdout, _) = run(dir.path(), &base);
            assert!(stdout.contains(r"Hack \[redacted\]"), "{stdout}");
        }
    }
}
