//! The GitHub Actions recipe in `docs/ci/` (TWiR's checks and PR comment workflows, on twir):
//! its step scripts, taken from the YAML as written, run on a pull request simulated in a git
//! repository built here, with `twir` on the PATH and a stand-in `gh` that answers like
//! GitHub's API. Needs `git` and `bash`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn recipe(file: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/ci")
        .join(file);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The `run: |` script of the step named `name`, dedented.
fn step_script(yaml: &str, name: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == format!("- name: {name}"))
        .unwrap_or_else(|| panic!("no step {name:?}"));
    let step_indent = lines[start].len() - lines[start].trim_start().len();
    let mut i = start + 1;
    while !lines[i].trim_start().starts_with("run: |") {
        let indent = lines[i].len() - lines[i].trim_start().len();
        assert!(
            lines[i].trim().is_empty() || indent > step_indent,
            "step {name:?} has no `run: |`"
        );
        i += 1;
    }
    let key_indent = lines[i].len() - lines[i].trim_start().len();
    let mut body = Vec::new();
    for l in &lines[i + 1..] {
        let indent = l.len() - l.trim_start().len();
        if !l.trim().is_empty() && indent <= key_indent {
            break;
        }
        body.push(*l);
    }
    let cut = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| l.get(cut..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A folder on the PATH with `twir` (this build) and a stand-in `gh`.
fn tools(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let twir = assert_cmd::cargo::cargo_bin("twir");
    std::os::unix::fs::symlink(twir, bin.join("twir")).unwrap();
    // `gh api ...`: the permission of the author, the head of the pull request, or a posted
    // comment (saved to $GH_POSTED), as the test's variables say.
    let gh = r#"#!/usr/bin/env bash
case "$*" in
  *collaborators*permission*) echo "$FAKE_PERMISSION" ;;
  *"--method POST"*) cat > "$GH_POSTED" ;;
  *pulls/*) echo "$FAKE_HEAD_SHA" ;;
  *) echo "unexpected gh call: $*" >&2; exit 1 ;;
esac
"#;
    std::fs::write(bin.join("gh"), gh).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(bin.join("gh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn run_step(script: &str, cwd: &Path, bin: &Path, env: &HashMap<&str, String>) -> Output {
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .arg("-e")
        .arg("-c")
        .arg(script)
        .current_dir(cwd)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .envs(env)
        .output()
        .expect("bash")
}

fn git(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git must be installed for this test");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/check")
}

const DRAFT: &str = "draft/2026-08-26-this-week-in-rust.md";

/// A repository with one published issue and a draft that already has one odd backtick
/// (committed: the base), then a pull request adding links with problems.
fn simulated_pr(dir: &Path) -> (PathBuf, String) {
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join("content")).unwrap();
    std::fs::create_dir_all(repo.join("draft")).unwrap();
    std::fs::copy(
        fixtures().join("recent/2026-08-19-this-week-in-rust.md"),
        repo.join("content/2026-08-19-this-week-in-rust.md"),
    )
    .unwrap();
    let base = std::fs::read_to_string(fixtures().join("base.md"))
        .unwrap()
        .replace(
            "* [video] [A talk about traits]",
            "* [An old `tick](https://example.org/old)\n* [video] [A talk about traits]",
        );
    std::fs::write(repo.join(DRAFT), &base).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "base"]);
    let base_sha = git(&repo, &["rev-parse", "HEAD"]);
    let pr = base
        .replace(
            "### Project/Tooling Updates\n",
            "### Project/Tooling Updates\n* [My crate 1.0](https://example.org/my-crate)\n",
        )
        .replace(
            "* [video] [A talk about traits]",
            "* [Tracked](https://example.org/post?utm_source=feed)\n* [Slashes](https://example.org//blog)\n* [stabilize `Box::take](https://example.org/box)\n* [video] [A talk about traits]",
        );
    std::fs::write(repo.join(DRAFT), pr).unwrap();
    git(&repo, &["commit", "-qam", "pr"]);
    (repo, base_sha)
}

fn lines_with<'a>(out: &'a str, start: &str) -> Vec<&'a str> {
    out.lines().filter(|l| l.starts_with(start)).collect()
}

#[test]
fn the_pull_request_steps_report_what_the_pr_adds() {
    let dir = tempfile::tempdir().unwrap();
    let bin = tools(dir.path());
    let (repo, base) = simulated_pr(dir.path());
    let checks = recipe("twir-checks.yml");
    let temp = dir.path().join("runner-temp");
    std::fs::create_dir_all(&temp).unwrap();

    // The author's permission: outside contributors get --deny-project-tooling-links.
    let out_file = temp.join("github-output");
    for (permission, deny) in [("read", "true"), ("write", "false"), ("", "true")] {
        let _ = std::fs::remove_file(&out_file);
        let env = HashMap::from([
            ("FAKE_PERMISSION", permission.to_string()),
            ("GITHUB_OUTPUT", out_file.display().to_string()),
            (
                "GITHUB_REPOSITORY",
                "rust-lang/this-week-in-rust".to_string(),
            ),
            ("PR_AUTHOR", "someone".to_string()),
        ]);
        let o = run_step(
            &step_script(&checks, "Pull request author permission"),
            &repo,
            &bin,
            &env,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let written = std::fs::read_to_string(&out_file).unwrap();
        assert_eq!(written, format!("deny_project_tooling_links={deny}\n"));
    }

    let findings = temp.join("twir-check.md");
    let env = HashMap::from([
        ("BASE_SHA", base.clone()),
        ("DENY_PROJECT_TOOLING_LINKS", "true".to_string()),
        ("CHECK_OUTPUT_FILE", findings.display().to_string()),
    ]);
    let o = run_step(
        &step_script(&checks, "twir check (pull request)"),
        &repo,
        &bin,
        &env,
    );
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    let errors = lines_with(&stdout, "::error ");
    let titles: Vec<&str> = errors
        .iter()
        .map(|l| {
            l.split("title=")
                .nth(1)
                .unwrap()
                .split("::")
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        titles,
        [
            "project-tooling-link",
            "tracking-param",
            "simplifiable-url",
            "odd-backticks"
        ],
        "{stdout}"
    );
    // Every finding is on a line the pull request added: the old backtick is not reported.
    assert!(!stdout.contains("example.org/old"));
    assert!(errors.iter().all(|l| l.contains(&format!("file={DRAFT},"))));
    // TWiR's explanation of the project/tooling policy comes with the finding.
    assert!(errors[0].contains("pull requests no longer add links to this section"));
    assert!(errors[0].contains("issues/8575"), "{}", errors[0]);
    // The comment body: the same four findings, with their lines and help.
    let md = std::fs::read_to_string(&findings).unwrap();
    assert!(md.starts_with("#### `twir check`: 4 errors"), "{md}");
    assert_eq!(md.matches("\n* **error**").count(), 4, "{md}");
    assert!(md.contains("* [Tracked](https://example.org/post?utm_source=feed)"));
    assert!(md.contains("r/rust"));

    // A maintainer's pull request: project/tooling links are fine.
    let mut env = env;
    env.insert("DENY_PROJECT_TOOLING_LINKS", "false".to_string());
    let o = run_step(
        &step_script(&checks, "twir check (pull request)"),
        &repo,
        &bin,
        &env,
    );
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert_eq!(lines_with(&stdout, "::error ").len(), 3, "{stdout}");

    // The number for the comment workflow.
    let env = HashMap::from([
        ("PR_NUMBER", "4242".to_string()),
        ("CHECK_OUTPUT_DIR", temp.display().to_string()),
    ]);
    let o = run_step(
        &step_script(&checks, "Save the pull request number"),
        &repo,
        &bin,
        &env,
    );
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(temp.join("pr-number.txt")).unwrap(),
        "4242\n"
    );
}

#[test]
fn the_push_step_is_quiet_on_a_mid_week_draft() {
    let dir = tempfile::tempdir().unwrap();
    let bin = tools(dir.path());
    let (repo, base) = simulated_pr(dir.path());
    let checks = recipe("twir-checks.yml");
    let script = step_script(&checks, "twir check (main)");
    // The merged pull request has errors: the push job fails on them.
    let o = run_step(&script, &repo, &bin, &HashMap::new());
    assert_eq!(o.status.code(), Some(1));
    // Before it, a mid-week draft with a pending placeholder passes (a notice, no error).
    git(&repo, &["checkout", "-q", &base]);
    let draft = repo.join(DRAFT);
    let text = std::fs::read_to_string(&draft).unwrap().replace(
        "https://www.reddit.com/r/rust/comments/xyz789/this_week_in_rust_666/",
        "REDDIT_LINK_HERE",
    );
    std::fs::write(&draft, text).unwrap();
    let o = run_step(&script, &repo, &bin, &HashMap::new());
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("::notice file=draft/2026-08-26-this-week-in-rust.md,title=pending until publication::1 placeholder"), "{stdout}");
    assert!(lines_with(&stdout, "::error").is_empty());
}

#[test]
fn the_comment_workflow_posts_what_the_checks_found() {
    let dir = tempfile::tempdir().unwrap();
    let bin = tools(dir.path());
    let comment = recipe("twir-comment.yml");
    let artifact = dir.path().join("artifact");
    std::fs::create_dir_all(&artifact).unwrap();
    let output = dir.path().join("github-output");
    let posted = dir.path().join("posted.json");
    let build = step_script(&comment, "Build the comment");
    let post = step_script(&comment, "Post the comment");
    let env = HashMap::from([
        ("CHECK_OUTPUT_DIR", artifact.display().to_string()),
        (
            "RUN_URL",
            "https://github.com/o/r/actions/runs/1".to_string(),
        ),
        ("GITHUB_OUTPUT", output.display().to_string()),
    ]);

    // Nothing found: no comment.
    std::fs::write(artifact.join("pr-number.txt"), "4242\n").unwrap();
    std::fs::write(artifact.join("twir-check.md"), "").unwrap();
    assert!(run_step(&build, dir.path(), &bin, &env).status.success());
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "post=false\n");
    // A number that is not one: no comment.
    std::fs::remove_file(&output).unwrap();
    std::fs::write(artifact.join("pr-number.txt"), "1; rm -rf /\n").unwrap();
    std::fs::write(artifact.join("twir-check.md"), "#### x\n").unwrap();
    assert!(run_step(&build, dir.path(), &bin, &env).status.success());
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "post=false\n");

    // Findings: a comment that thanks, lists them and links the run.
    std::fs::remove_file(&output).unwrap();
    std::fs::write(artifact.join("pr-number.txt"), "4242\n").unwrap();
    let findings = "#### `twir check`: 1 error, 0 warnings\n\n* **error** `tracking-param` at `draft/x.md:3`: tracking parameter\n";
    std::fs::write(artifact.join("twir-check.md"), findings).unwrap();
    assert!(run_step(&build, dir.path(), &bin, &env).status.success());
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "post=true\npr=4242\n"
    );
    let body = std::fs::read_to_string(artifact.join("comment.md")).unwrap();
    assert!(body.starts_with("Thanks for contributing to This Week in Rust!"));
    assert!(body.contains(findings));
    assert!(body.ends_with("Details: https://github.com/o/r/actions/runs/1\n"));

    // Posted as JSON to the pull request, unless it moved on since the run.
    let mut env = HashMap::from([
        ("CHECK_OUTPUT_DIR", artifact.display().to_string()),
        ("PR", "4242".to_string()),
        ("RUN_HEAD_SHA", "abc123".to_string()),
        ("FAKE_HEAD_SHA", "abc123".to_string()),
        ("GH_POSTED", posted.display().to_string()),
        (
            "GITHUB_REPOSITORY",
            "rust-lang/this-week-in-rust".to_string(),
        ),
    ]);
    let o = run_step(&post, dir.path(), &bin, &env);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&posted).unwrap()).unwrap();
    assert_eq!(json["body"].as_str(), Some(body.as_str()));
    std::fs::remove_file(&posted).unwrap();
    env.insert("FAKE_HEAD_SHA", "def456".to_string());
    let o = run_step(&post, dir.path(), &bin, &env);
    assert!(o.status.success());
    assert!(!posted.exists(), "a stale run posted a comment");
}
