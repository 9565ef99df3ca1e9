//! Test harness shared by this crate's tests, its bench and `twir`'s integration tests: a bare
//! "GitHub" repository with the fixture site, one `refs/pull/N/head` per fixture pull request
//! and an editor's commit on `main` after the pull requests were opened; a local clone; and a
//! mock GitHub API on 127.0.0.1 serving the JSON fixtures with the real commit SHAs.
#![allow(dead_code)]

pub mod week;

use git2::{Diff, Oid, Repository, Signature, Time};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The repository the fixtures are about.
pub const REPO: &str = "rust-lang/this-week-in-rust";
/// The draft every fixture pull request edits.
pub const DRAFT_REL: &str = "draft/2026-08-26-this-week-in-rust.md";
/// The line the editor appended to Observations/Thoughts on `main` after the pull requests
/// were opened, so that pull requests appending there no longer apply textually.
pub const EDITOR_LINE: &str = "* [Editor's pick](https://editor.example.net/pick/)";

/// `tests/fixtures/submissions` at the workspace root.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/submissions")
}

/// A fixture pull request: the API objects, with `@HEAD_N@`/`@BASE@` still in them.
#[derive(Debug, Clone)]
pub struct FixturePull {
    /// Number.
    pub number: u64,
    /// The `{pull, files, status, check_runs}` object.
    pub json: Value,
}

impl FixturePull {
    /// The unified diff of its (single) draft file.
    pub fn patch(&self) -> String {
        self.json["files"][0]["patch"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// Every fixture pull request, by number.
pub fn fixture_pulls() -> Vec<FixturePull> {
    let dir = fixtures().join("github/pulls");
    let mut out: Vec<FixturePull> = std::fs::read_dir(&dir)
        .expect("fixture pulls")
        .map(|e| {
            let p = e.expect("entry").path();
            let json: Value =
                serde_json::from_str(&std::fs::read_to_string(&p).expect("read")).expect("json");
            FixturePull {
                number: json["pull"]["number"].as_u64().expect("number"),
                json,
            }
        })
        .collect();
    out.sort_by_key(|p| p.number);
    out
}

/// The repositories of one test.
pub struct Repos {
    /// Keeps the folders alive.
    pub dir: tempfile::TempDir,
    /// The bare "GitHub" repository.
    pub remote: PathBuf,
    /// The editor's clone (working tree = the site root).
    pub local: PathBuf,
    /// The commit the pull requests were opened against.
    pub base: Oid,
    /// `main` of the remote (and the clone) when the test starts.
    pub main: Oid,
    /// Head commit of each pull request.
    pub heads: BTreeMap<u64, Oid>,
}

fn sig() -> Signature<'static> {
    Signature::new(
        "Fixture",
        "fixture@example.com",
        &Time::new(1_787_000_000, 0),
    )
    .expect("signature")
}

fn site_files() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("site dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            if p.is_dir() {
                walk(&p, &rel, out);
            } else {
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixtures().join("site"), "", &mut out);
    out
}

/// Builds a tree holding `files` (paths with `/`).
pub fn tree_from_files(repo: &Repository, files: &[(String, Vec<u8>)]) -> Oid {
    let mut builder = repo.treebuilder(None).expect("treebuilder");
    let mut dirs: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    for (path, data) in files {
        match path.split_once('/') {
            Some((d, rest)) => dirs
                .entry(d.to_string())
                .or_default()
                .push((rest.to_string(), data.clone())),
            None => {
                let blob = repo.blob(data).expect("blob");
                builder.insert(path, blob, 0o100644).expect("insert");
            }
        }
    }
    for (d, sub) in dirs {
        let t = tree_from_files(repo, &sub);
        builder.insert(&d, t, 0o040000).expect("insert dir");
    }
    builder.write().expect("write tree")
}

/// Builds the remote with `pulls`, the editor's commit, and a clone.
pub fn build_repos(pulls: &[FixturePull]) -> Repos {
    let dir = tempfile::tempdir().expect("tempdir");
    let remote_path = dir.path().join("remote.git");
    let remote = Repository::init_bare(&remote_path).expect("init bare");
    let files = site_files();
    let base_tree_id = tree_from_files(&remote, &files);
    let base_tree = remote.find_tree(base_tree_id).expect("tree");
    let s = sig();
    let base = remote
        .commit(
            Some("refs/heads/main"),
            &s,
            &s,
            "Start issue 666",
            &base_tree,
            &[],
        )
        .expect("base commit");
    remote.set_head("refs/heads/main").expect("set head");
    let base_commit = remote.find_commit(base).expect("base");
    // The editor's commit on main (the pull requests below are based on `base`, before it).
    let edited: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(path, data)| {
            if path == DRAFT_REL {
                let t = String::from_utf8(data.clone()).expect("utf8");
                let anchor =
                    "* [Notes on borrow splitting](https://notes.example.org/borrow-splitting/)\n";
                (
                    path.clone(),
                    t.replacen(anchor, &format!("{anchor}{EDITOR_LINE}\n"), 1)
                        .into_bytes(),
                )
            } else {
                (path.clone(), data.clone())
            }
        })
        .collect();
    let tree = remote
        .find_tree(tree_from_files(&remote, &edited))
        .expect("tree");
    let main = remote
        .commit(
            Some("refs/heads/main"),
            &s,
            &s,
            "Add editor's pick",
            &tree,
            &[&base_commit],
        )
        .expect("main");
    let local_path = dir.path().join("local");
    let local = git2::build::RepoBuilder::new()
        .clone_local(git2::build::CloneLocal::None)
        .clone(remote_path.to_str().expect("utf8 path"), &local_path)
        .expect("clone");

    // The pull requests' commits exist only on the remote, as on GitHub.
    let mut heads = BTreeMap::new();
    for p in pulls {
        let text = format!(
            "diff --git a/{DRAFT_REL} b/{DRAFT_REL}\n--- a/{DRAFT_REL}\n+++ b/{DRAFT_REL}\n{}\n",
            p.patch()
        );
        let diff = Diff::from_buffer(text.as_bytes()).expect("fixture patch parses");
        let mut index = remote
            .apply_to_tree(&base_tree, &diff, None)
            .unwrap_or_else(|e| panic!("fixture patch of #{} applies: {e}", p.number));
        let tree = remote
            .find_tree(index.write_tree_to(&remote).expect("tree"))
            .expect("tree");
        let oid = remote
            .commit(
                Some(&format!("refs/pull/{}/head", p.number)),
                &s,
                &s,
                &format!("Submission {}", p.number),
                &tree,
                &[&base_commit],
            )
            .expect("pr commit");
        heads.insert(p.number, oid);
    }
    for oid in heads.values() {
        assert!(
            local.find_commit(*oid).is_err(),
            "pull request heads must come from a fetch"
        );
    }
    let mut cfg = local.config().expect("config");
    cfg.set_str("user.name", "Editor").expect("name");
    cfg.set_str("user.email", "editor@example.com")
        .expect("email");
    Repos {
        dir,
        remote: remote_path,
        local: local_path,
        base,
        main,
        heads,
    }
}

/// A GitHub client for the site's `[github]` settings (the mock API once [`write_config`] ran).
pub fn client(site: &twir_content::Site) -> (twir_github::GitHub, twir_github::RepoName) {
    let url = twir_github::twir_net::Url::parse(&site.config.github.api_url).expect("api url");
    let gh = twir_github::GitHub::new(twir_github::GitHub::config_builder(Some(url)).build())
        .expect("client");
    let repo = site.config.github.repository.parse().expect("repository");
    (gh, repo)
}

/// Writes `twir.toml` (untracked) pointing the site at the mock API.
pub fn write_config(local: &Path, api: &str) {
    std::fs::write(
        local.join("twir.toml"),
        format!("[github]\nrepository = \"{REPO}\"\napi_url = \"{api}\"\n"),
    )
    .expect("twir.toml");
}

fn substitute(v: &Value, repos: &Repos) -> Value {
    let mut text = v.to_string().replace("@BASE@", &repos.base.to_string());
    for (n, oid) in &repos.heads {
        text = text.replace(&format!("@HEAD_{n}@"), &oid.to_string());
    }
    serde_json::from_str(&text).expect("substituted json")
}

fn read_json(name: &str) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("github").join(name)).expect("fixture"),
    )
    .expect("json")
}

/// Starts the mock API serving `pulls` (listed over two pages) and the shared fixtures.
pub async fn mock_github(pulls: &[FixturePull], repos: &Repos) -> MockServer {
    let server = MockServer::start().await;
    let r = format!("/repos/{REPO}");
    let list: Vec<Value> = pulls
        .iter()
        .map(|p| substitute(&p.json["pull"], repos))
        .collect();
    let half = list.len().div_ceil(2);
    let next = format!(
        "<{}{r}/pulls?state=open&page=2>; rel=\"next\"",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path(format!("{r}/pulls")))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(&list[..half])
                .insert_header("Link", next.as_str()),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{r}/pulls")))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&list[half..]))
        .mount(&server)
        .await;
    for p in pulls {
        let j = substitute(&p.json, repos);
        let sha = repos
            .heads
            .get(&p.number)
            .map(|o| o.to_string())
            .unwrap_or_else(|| j["pull"]["head"]["sha"].as_str().unwrap_or("").to_string());
        let ok = |body: &Value| ResponseTemplate::new(200).set_body_json(body);
        Mock::given(method("GET"))
            .and(path(format!("{r}/pulls/{}/files", p.number)))
            .respond_with(ok(&j["files"]))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("{r}/commits/{sha}/status")))
            .respond_with(ok(&j["status"]))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("{r}/commits/{sha}/check-runs")))
            .respond_with(ok(&j["check_runs"]))
            .mount(&server)
            .await;
    }
    let search = read_json("search-merged.json");
    Mock::given(method("GET"))
        .and(path("/search/issues"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&search))
        .mount(&server)
        .await;
    for n in [97, 98] {
        let files = read_json(&format!("merged-{n}-files.json"));
        Mock::given(method("GET"))
            .and(path(format!("{r}/pulls/{n}/files")))
            .respond_with(ResponseTemplate::new(200).set_body_json(&files))
            .mount(&server)
            .await;
    }
    let perms = read_json("permissions.json");
    if let Some(map) = perms.as_object() {
        for (login, body) in map {
            let resp = if body.is_null() {
                ResponseTemplate::new(404)
                    .set_body_json(serde_json::json!({"message": "Not Found"}))
            } else {
                ResponseTemplate::new(200).set_body_json(body)
            };
            Mock::given(method("GET"))
                .and(path(format!("{r}/collaborators/{login}/permission")))
                .respond_with(resp)
                .mount(&server)
                .await;
        }
    }
    server
}

/// `n` synthetic single-link pull requests into Observations/Thoughts (numbers from 1000), built
/// from fixture #101 with their own authors and URLs: the load of a busy week.
pub fn synthetic_pulls(n: usize) -> Vec<FixturePull> {
    let template = fixture_pulls()
        .into_iter()
        .find(|p| p.number == 101)
        .expect("fixture 101");
    (0..n)
        .map(|i| {
            let number = 1000 + i as u64;
            let text = template
                .json
                .to_string()
                .replace("\"number\":101", &format!("\"number\":{number}"))
                .replace("/pull/101", &format!("/pull/{number}"))
                .replace("@HEAD_101@", &format!("@HEAD_{number}@"))
                .replace("alice", &format!("author{i}"))
                .replace("field-notes", &format!("field-notes-{i}"))
                .replace(
                    "Borrow checker field notes",
                    &format!("Borrow checker field notes {i}"),
                );
            FixturePull {
                number,
                json: serde_json::from_str(&text).expect("json"),
            }
        })
        .collect()
}
