//! A week of pull requests built as a git history here (no JSON fixture): five published
//! issues for the archive model, the draft of issue 666, an editor's link already merged on
//! `main`, community submissions (one stacked on another, one branched after the merged
//! editor link, one stacked on a duplicate), editors' maintenance pull requests (Quote of the
//! Week, events, a seven-link curation, publishing), a perf triage by a non-editor, and a
//! mock GitHub (twir-testkit) serving them with the real patches; heads only on the "GitHub"
//! remote as `refs/pull/N/head`.

use git2::{Oid, Repository, Signature, Time};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use twir_testkit::{get, serve};
use wiremock::{MockServer, ResponseTemplate};

/// The repository.
pub const REPO: &str = "rust-lang/this-week-in-rust";
/// The draft of the week.
pub const DRAFT: &str = "draft/2026-08-26-this-week-in-rust.md";
/// The editor (write access).
pub const EDITOR: &str = "grace";

/// Files of a tree, by path.
pub type Files = BTreeMap<String, String>;

fn published(number: u32, date: &str, i: u32) -> String {
    format!(
        "Title: This Week in Rust {number}\nNumber: {number}\nDate: {date}\nCategory: This Week in Rust\n\n\
         Hello and welcome to another issue of *This Week in Rust*!\n\n\
         ## Updates from Rust Community\n\n\
         ### Official\n* [Announcing Rust 1.9{i}.0](https://blog.rust-lang.org/2026/1.9{i}/)\n\n\
         ### Project/Tooling Updates\n* [quickparse 0.{i}.0 released](https://github.com/qp/quickparse/releases/tag/v0.{i}.0)\n\
         * [Shipping tern {i}.0](https://tern.example.org/news/tern-{i})\n\n\
         ### Observations/Thoughts\n* [Why I keep coming back to Rust, part {i}](https://opinions.example.net/why-{i})\n\
         * [Thoughts on error handling {i}](https://musings.example.com/errors-{i})\n\n\
         ### Rust Walkthroughs\n* [Building a tokenizer in Rust, step {i}](https://tutorials.example.org/tokenizer-{i})\n\
         * [How to write a bump allocator {i}](https://howto.example.dev/bump-{i})\n\n\
         ### Research\n* [Verified borrow checking {i}](https://arxiv.org/abs/2601.0{i}123)\n\
         * [A study of unsafe code {i}](https://arxiv.org/abs/2602.0{i}456)\n\n\
         ### Miscellaneous\n* [video] [Rust meetup talk {i}](https://www.youtube.com/watch?v=talk{i})\n\n\
         ## Crate of the Week\n\nThis week's crate is [demo{i}](https://crates.io/crates/demo{i}), a demo.\n"
    )
}

/// The draft of issue 666 when the week starts.
pub fn draft() -> String {
    "Title: This Week in Rust 666\nNumber: 666\nDate: 2026-08-26\nCategory: This Week in Rust\n\n\
     Hello and welcome to another issue of *This Week in Rust*!\n\n\
     ## Updates from Rust Community\n\n\
     <!--\nEach submitted link should be of the form:\n\n* [Title of the linked Page](https://example.com/my_article)\n-->\n\n\
     ### Official\n* [Announcing Rust 1.99.0](https://blog.rust-lang.org/2026/1.99/)\n\n\
     ### Newsletters\n\n\
     ### Project/Tooling Updates\n\n\
     ### Observations/Thoughts\n* [Notes on borrow splitting](https://notes.example.org/borrow-splitting/)\n\n\
     ### Rust Walkthroughs\n\n\
     ### Research\n\n\
     ### Miscellaneous\n\n\
     ## Crate of the Week\n\n<!-- COTW goes here -->\n\n\
     ## Quote of the Week\n\n<!-- QOTW goes here -->\n\n\
     ## Updates from the Rust Project\n\n\
     ### Rust Compiler Performance Triage\n\n<!-- perf triage goes here -->\n\n\
     ## Upcoming Events\n\nRusty Events between 2026-08-26 - 2026-09-23 🦀\n\n\
     ### Virtual\n* 2026-08-27 | Virtual | [Rust Meetup](https://www.meetup.com/rust-meetup/)\n    \
     * [**Monthly hangout**](https://www.meetup.com/rust-meetup/events/1/)\n\n\
     ## Jobs\n\nPlease see the latest [Who's Hiring thread on r/rust](https://www.reddit.com/r/rust/comments/abc/whos_hiring/)\n"
        .to_string()
}

/// The site at the start of the week.
pub fn start_files() -> Files {
    let mut f = Files::new();
    for (i, (n, d)) in [
        (661, "2026-07-22"),
        (662, "2026-07-29"),
        (663, "2026-08-05"),
        (664, "2026-08-12"),
        (665, "2026-08-19"),
    ]
    .into_iter()
    .enumerate()
    {
        f.insert(
            format!("content/{d}-this-week-in-rust.md"),
            published(n, d, i as u32 + 1),
        );
    }
    f.insert(DRAFT.into(), draft());
    f
}

/// Inserts `lines` after the first line equal to `after` in the draft.
pub fn add_after(files: &Files, after: &str, lines: &[&str]) -> Files {
    let mut f = files.clone();
    let text = &f[DRAFT];
    let mut out = String::new();
    let mut done = false;
    for l in text.lines() {
        out.push_str(l);
        out.push('\n');
        if !done && l == after {
            for x in lines {
                out.push_str(x);
                out.push('\n');
            }
            done = true;
        }
    }
    assert!(done, "no line {after:?} in the draft");
    f.insert(DRAFT.into(), out);
    f
}

/// One pull request of the week.
#[derive(Debug, Clone)]
pub struct WeekPull {
    /// Number.
    pub number: u64,
    /// Author login.
    pub author: String,
    /// Title.
    pub title: String,
    /// Head commit.
    pub head: Oid,
}

/// The week: repositories, pull requests and the commit of `main`.
pub struct Week {
    /// Keeps the folders alive.
    pub dir: tempfile::TempDir,
    /// The bare "GitHub" repository.
    pub remote: PathBuf,
    /// The editor's clone (working tree = the site root), at `main`.
    pub local: PathBuf,
    /// `main` when the week is reviewed.
    pub main: Oid,
    /// The open pull requests.
    pub pulls: Vec<WeekPull>,
}

impl Week {
    /// The head of pull request `n`.
    pub fn head(&self, n: u64) -> Oid {
        self.pulls
            .iter()
            .find(|p| p.number == n)
            .map(|p| p.head)
            .expect("pull request of the week")
    }
}

fn sig() -> Signature<'static> {
    Signature::new(
        "Fixture",
        "fixture@example.com",
        &Time::new(1_787_000_000, 0),
    )
    .expect("signature")
}

/// Writes `files` as a tree.
pub fn tree(repo: &Repository, files: &Files) -> Oid {
    let list: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.clone().into_bytes()))
        .collect();
    super::tree_from_files(repo, &list)
}

/// Commits `files` with `parents`, moving `refname` when given.
pub fn commit(
    repo: &Repository,
    refname: Option<&str>,
    files: &Files,
    parents: &[Oid],
    msg: &str,
) -> Oid {
    let t = repo.find_tree(tree(repo, files)).expect("tree");
    let ps: Vec<git2::Commit> = parents
        .iter()
        .map(|p| repo.find_commit(*p).expect("parent"))
        .collect();
    let refs: Vec<&git2::Commit> = ps.iter().collect();
    let s = sig();
    repo.commit(refname, &s, &s, msg, &t, &refs)
        .expect("commit")
}

struct Spec {
    number: u64,
    author: &'static str,
    title: &'static str,
    /// The commit the branch starts from.
    from: Oid,
    files: Files,
}

/// Builds the week's history on a bare remote, clones it, and returns the week.
pub fn build() -> Week {
    let dir = tempfile::tempdir().expect("tempdir");
    let remote_path = dir.path().join("remote.git");
    let repo = Repository::init_bare(&remote_path).expect("init bare");
    let start = start_files();
    let c0 = commit(
        &repo,
        Some("refs/heads/main"),
        &start,
        &[],
        "Publish 665, start 666",
    );
    repo.set_head("refs/heads/main").expect("head");
    // An editor's link, merged on GitHub before the others branched.
    let pick = add_after(
        &start,
        "* [Announcing Rust 1.99.0](https://blog.rust-lang.org/2026/1.99/)",
        &["* [Inside Rust: the 2027 roadmap](https://blog.rust-lang.org/inside-rust/roadmap/)"],
    );
    let h300 = commit(&repo, None, &pick, &[c0], "Add roadmap");
    let main = commit(
        &repo,
        Some("refs/heads/main"),
        &pick,
        &[c0, h300],
        "Merge pull request #300 from grace/roadmap",
    );

    // The editor's clone, made before any pull request commit exists (as on GitHub, heads
    // are only on the remote).
    let local_path = dir.path().join("local");
    let local = git2::build::RepoBuilder::new()
        .clone_local(git2::build::CloneLocal::None)
        .clone(remote_path.to_str().expect("utf8 path"), &local_path)
        .expect("clone");
    let mut cfg = local.config().expect("config");
    cfg.set_str("user.name", "Editor").expect("name");
    cfg.set_str("user.email", "editor@example.com")
        .expect("email");

    let obs = "### Observations/Thoughts";
    let walk = "### Rust Walkthroughs";
    let misc = "### Miscellaneous";
    let alice_line = "* [Borrow splitting explained](https://alice.example.dev/borrow)";
    let mut specs: Vec<Spec> = vec![
        Spec {
            number: 301,
            author: "alice",
            title: "Add \"Borrow splitting explained\"",
            from: c0,
            files: add_after(&start, obs, &[alice_line]),
        },
        Spec {
            number: 316,
            author: "erin",
            title: "Add borrow splitting post",
            from: main,
            files: add_after(&pick, obs, &[alice_line]),
        },
        Spec {
            number: 304,
            author: "carol",
            title: "Add traits post",
            from: main,
            files: add_after(
                &pick,
                obs,
                &["* [Traits as contracts](https://carol.example.net/traits)"],
            ),
        },
        Spec {
            number: 312,
            author: EDITOR,
            title: "Add wgpu release",
            from: main,
            files: add_after(
                &pick,
                "### Project/Tooling Updates",
                &["* [wgpu 30.0 released](https://wgpu.example.org/news/30)"],
            ),
        },
        Spec {
            number: 317,
            author: "frank",
            title: "Add zero-copy parsing",
            from: main,
            files: add_after(
                &pick,
                obs,
                &["- [Zero-copy parsing | Frank's blog](https://frank.example.net/zero-copy)"],
            ),
        },
        Spec {
            number: 318,
            author: "heidi",
            title: "Add paper",
            from: main,
            files: add_after(
                &pick,
                misc,
                &[
                    "* [A study of unsafe code in embedded crates](https://arxiv.org/abs/2608.12345)",
                ],
            ),
        },
    ];
    let qotw = pick[DRAFT].replace(
        "<!-- QOTW goes here -->",
        "This week's quote is from someone:\n\n> Rust is a language.\n\n– [someone on rust-users](https://users.rust-lang.org/t/1/2)\n\nThanks to [a reader](https://users.rust-lang.org/t/3) for the suggestion!",
    );
    let mut qf = pick.clone();
    qf.insert(DRAFT.into(), qotw);
    specs.push(Spec {
        number: 310,
        author: EDITOR,
        title: "QOTW 666",
        from: main,
        files: qf,
    });
    let events = pick[DRAFT].replace(
        "* 2026-08-27 | Virtual | [Rust Meetup](https://www.meetup.com/rust-meetup/)\n    * [**Monthly hangout**](https://www.meetup.com/rust-meetup/events/1/)\n",
        "* 2026-08-28 | Virtual | [Rust Nation](https://www.meetup.com/rust-nation/)\n    * [**Async office hours**](https://www.meetup.com/rust-nation/events/2/)\n\n### Europe\n* 2026-09-02 | Berlin, DE | [Rust Berlin](https://www.meetup.com/rust-berlin/)\n    * [**Rust and Tell**](https://www.meetup.com/rust-berlin/events/3/)\n",
    );
    let mut ef = pick.clone();
    ef.insert(DRAFT.into(), events);
    specs.push(Spec {
        number: 311,
        author: EDITOR,
        title: "Events 666",
        from: main,
        files: ef,
    });
    let curated: Vec<String> = (1..=7)
        .map(|i| format!("* [Community pick {i}](https://picks.example.com/{i})"))
        .collect();
    let curated: Vec<&str> = curated.iter().map(String::as_str).collect();
    specs.push(Spec {
        number: 314,
        author: EDITOR,
        title: "Community updates 666",
        from: main,
        files: add_after(&pick, walk, &curated),
    });
    // Publishing: the draft goes to content/ (with its discussion link), a new draft starts.
    let mut pubf = pick.clone();
    let text = pubf.remove(DRAFT).expect("draft");
    pubf.insert(
        "content/2026-08-26-this-week-in-rust.md".into(),
        text.replace("Hello and welcome", "Discuss on [r/rust](https://www.reddit.com/r/rust/comments/666/).\n\nHello and welcome"),
    );
    pubf.insert(
        "draft/2026-09-02-this-week-in-rust.md".into(),
        draft()
            .replace("666", "667")
            .replace("2026-08-26", "2026-09-02")
            .replace(
                "* [Announcing Rust 1.99.0](https://blog.rust-lang.org/2026/1.99/)\n",
                "",
            ),
    );
    specs.push(Spec {
        number: 313,
        author: EDITOR,
        title: "Publish 666",
        from: main,
        files: pubf,
    });
    specs.push(Spec {
        number: 315,
        author: "kobzol",
        title: "Perf triage 2026-08-25",
        from: main,
        files: add_after(
            &pick,
            "### Rust Compiler Performance Triage",
            &[
                "A quiet week: [2 regressions, 3 improvements](https://perf.rust-lang.org/compare.html?start=a&end=b).",
                "",
                "Triage done by **@kobzol**.",
            ],
        ),
    });

    // Build the branches: plain ones first, then the stacked ones on top of their heads.
    let mut heads: BTreeMap<u64, Oid> = BTreeMap::new();
    let mut pulls = Vec::new();
    for s in &specs {
        let h = commit(&repo, None, &s.files, &[s.from], s.title);
        heads.insert(s.number, h);
        pulls.push((s.number, s.author, s.title, h));
    }
    // #302 bob: stacked on alice's branch (contains #301's commit).
    let bob_files = add_after(
        &add_after(&start, obs, &[alice_line]),
        walk,
        &["* [Profiling async Rust](https://bob.example.io/profiling)"],
    );
    let h302 = commit(
        &repo,
        None,
        &bob_files,
        &[heads[&301]],
        "Add profiling post",
    );
    pulls.push((302, "bob", "Add profiling post", h302));
    // #319 ivan: stacked on erin's duplicate (#316).
    let ivan_files = add_after(
        &add_after(&pick, obs, &[alice_line]),
        walk,
        &["* [Writing a tiny VM in Rust](https://ivan.example.org/tiny-vm)"],
    );
    let h319 = commit(&repo, None, &ivan_files, &[heads[&316]], "Add tiny VM");
    pulls.push((319, "ivan", "Add tiny VM walkthrough", h319));
    for (n, _, _, h) in &pulls {
        repo.reference(&format!("refs/pull/{n}/head"), *h, true, "pull request")
            .expect("pull ref");
    }
    pulls.sort_by_key(|p| p.0);

    for (_, _, _, h) in &pulls {
        assert!(
            local.find_commit(*h).is_err(),
            "heads must come from a fetch"
        );
    }
    Week {
        dir,
        remote: remote_path,
        local: local_path,
        main,
        pulls: pulls
            .into_iter()
            .map(|(number, author, title, head)| WeekPull {
                number,
                author: author.to_string(),
                title: title.to_string(),
                head,
            })
            .collect(),
    }
}

/// GitHub's view of a pull request's files: each changed file with its patch (hunks only)
/// between the merge base with `main` and the head.
pub fn pull_files(repo: &Repository, main: Oid, head: Oid) -> Value {
    let base = repo.merge_base(main, head).expect("merge base");
    let bt = repo
        .find_commit(base)
        .and_then(|c| c.tree())
        .expect("base tree");
    let ht = repo
        .find_commit(head)
        .and_then(|c| c.tree())
        .expect("head tree");
    let diff = repo
        .diff_tree_to_tree(Some(&bt), Some(&ht), None)
        .expect("diff");
    let mut out = Vec::new();
    for i in 0..diff.deltas().len() {
        let delta = diff.get_delta(i).expect("delta");
        let path = delta
            .new_file()
            .path()
            .or_else(|| delta.old_file().path())
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut patch = git2::Patch::from_diff(&diff, i)
            .expect("patch")
            .expect("text");
        let (_, adds, dels) = patch.line_stats().expect("stats");
        let text = String::from_utf8_lossy(&patch.to_buf().expect("buf")).into_owned();
        let hunks = text
            .find("\n@@")
            .map(|at| text[at + 1..].to_string())
            .unwrap_or_default();
        let status = match delta.status() {
            git2::Delta::Added => "added",
            git2::Delta::Deleted => "removed",
            _ => "modified",
        };
        out.push(json!({
            "filename": path, "status": status, "additions": adds, "deletions": dels,
            "patch": hunks.trim_end_matches('\n'),
        }));
    }
    Value::Array(out)
}

/// The mock GitHub (twir-testkit) serving the week: open pull requests, their files with
/// the real patches, green CI, the editor's write permission (others: 404), no pull request
/// merged earlier in the week.
pub async fn mock_github(week: &Week) -> MockServer {
    mock_github_for(&week.remote, week.main, &week.pulls, &[EDITOR]).await
}

/// The mock GitHub for `pulls` of the bare repository `remote` whose `main` is at `main`;
/// `editors` have write access.
pub async fn mock_github_for(
    remote: &Path,
    main: Oid,
    pulls: &[WeekPull],
    editors: &[&str],
) -> MockServer {
    let repo = Repository::open_bare(remote).expect("remote");
    let r = format!("/repos/{REPO}");
    let ok = |v: &Value| ResponseTemplate::new(200).set_body_json(v);
    let list: Vec<Value> = pulls
        .iter()
        .map(|p| {
            json!({
                "number": p.number, "title": p.title,
                "html_url": format!("https://github.com/{REPO}/pull/{}", p.number),
                "state": "open", "user": {"login": p.author}, "body": "",
                "created_at": "2026-08-22T10:00:00Z", "updated_at": "2026-08-24T10:00:00Z",
                "head": {"ref": format!("{}-{}", p.author, p.number), "sha": p.head.to_string()},
                "base": {"ref": "main", "sha": main.to_string()},
                "author_association": if editors.contains(&p.author.as_str()) { "MEMBER" } else { "CONTRIBUTOR" },
            })
        })
        .collect();
    let mut mocks = vec![get(&format!("{r}/pulls")).respond_with(ok(&Value::Array(list)))];
    for p in pulls {
        let files = pull_files(&repo, main, p.head);
        mocks.push(get(&format!("{r}/pulls/{}/files", p.number)).respond_with(ok(&files)));
        mocks.push(
            get(&format!("{r}/commits/{}/status", p.head))
                .respond_with(ok(&json!({"state": "success", "statuses": []}))),
        );
        mocks.push(get(&format!("{r}/commits/{}/check-runs", p.head)).respond_with(ok(&json!({
            "total_count": 1,
            "check_runs": [{"name": "check-draft", "status": "completed", "conclusion": "success"}]
        }))));
    }
    for e in editors {
        mocks.push(
            get(&format!("{r}/collaborators/{e}/permission"))
                .respond_with(ok(&json!({"permission": "write", "role_name": "write"}))),
        );
    }
    mocks.push(get("/search/issues").respond_with(ok(
        &json!({"total_count": 0, "incomplete_results": false, "items": []}),
    )));
    serve(mocks).await
}

/// Writes `twir.toml` (untracked) pointing the site at `api`.
pub fn write_config(local: &Path, api: &str) {
    super::write_config(local, api);
}
