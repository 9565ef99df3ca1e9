//! Which repositories and labels feed the RFC-related TWiR parts.

use crate::RepoName;

/// A repository tracked by one TWiR list, with how it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedRepo {
    /// Repository searched.
    pub repo: RepoName,
    /// Name shown in the heading and the "No ..." sentence, e.g. `Cargo`.
    pub display_name: String,
    /// Where the heading links to (usually the label's issue query).
    pub link: String,
    /// Markdown appended after the heading link, e.g. the compiler team's
    /// ` [(MCPs only)](...)`; empty for most groups.
    pub suffix: String,
    /// Labels that must also be present (e.g. `major-change` for MCPs).
    pub extra_labels: Vec<String>,
    /// Whether rfcbot `disposition-*` labels apply; when false no
    /// `[disposition: ...]` prefix is ever printed.
    pub uses_dispositions: bool,
}

impl TrackedRepo {
    fn new(repo: &'static str, display_name: &str, link: String) -> Self {
        TrackedRepo {
            repo: RepoName::known("rust-lang", repo),
            display_name: display_name.to_owned(),
            link,
            suffix: String::new(),
            extra_labels: Vec::new(),
            uses_dispositions: true,
        }
    }
}

/// Configuration of the `rfcs` generator. [`RfcsConfig::default`] matches
/// the newsletter as published in 2026.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RfcsConfig {
    /// Label marking calls for testing.
    pub cft_label: String,
    /// Repositories whose calls for testing are listed, in output order.
    pub cft_repos: Vec<TrackedRepo>,
    /// Label marking the final comment period.
    pub fcp_label: String,
    /// FCP groups, in output order.
    pub fcp_groups: Vec<TrackedRepo>,
    /// The RFC repository (approved and new RFCs).
    pub rfcs_repo: RepoName,
    /// Look for a "testing steps" comment by the person who added the
    /// call-for-testing label (one extra request per call for testing).
    pub find_testing_steps: bool,
}

const GH: &str = "https://github.com/rust-lang";
/// Open items with a label, as the 2026 issues link them.
fn open_label_query(repo: &str, label: &str) -> String {
    format!("{GH}/{repo}/issues?q=state%3Aopen%20label%3A{label}%20state%3Aopen")
}
fn open_fcp_sorted(repo: &str) -> String {
    format!(
        "{GH}/{repo}/issues?q=is%3Aopen%20label%3Afinal-comment-period%20sort%3Aupdated-desc%20state%3Aopen"
    )
}

impl Default for RfcsConfig {
    fn default() -> Self {
        let cft = "call-for-testing";
        let fcp = "final-comment-period";
        let mut compiler = TrackedRepo::new(
            "compiler-team",
            "Compiler Team",
            format!(
                "{GH}/compiler-team/issues?q=label%3Amajor-change%20label%3Afinal-comment-period%20state%3Aopen"
            ),
        );
        compiler.suffix = " [(MCPs only)](https://forge.rust-lang.org/compiler/mcp.html)".into();
        compiler.extra_labels = vec!["major-change".into()];
        compiler.uses_dispositions = false;
        RfcsConfig {
            cft_label: cft.into(),
            cft_repos: vec![
                TrackedRepo::new("rust", "Rust", open_label_query("rust", cft)),
                TrackedRepo::new("cargo", "Cargo", open_label_query("cargo", cft)),
                TrackedRepo::new("rustup", "Rustup", open_label_query("rustup", cft)),
                TrackedRepo::new(
                    "rfcs",
                    "Rust language RFCs",
                    format!("{GH}/rfcs/issues?q=label%3Acall-for-testing%20state%3Aopen"),
                ),
            ],
            fcp_label: fcp.into(),
            fcp_groups: vec![
                TrackedRepo::new("rust", "Rust", open_fcp_sorted("rust")),
                TrackedRepo::new("rfcs", "Rust RFCs", open_label_query("rfcs", fcp)),
                TrackedRepo::new("cargo", "Cargo", open_fcp_sorted("cargo")),
                compiler,
                TrackedRepo::new("lang-team", "Language Team", open_fcp_sorted("lang-team")),
                TrackedRepo::new(
                    "reference",
                    "Language Reference",
                    open_fcp_sorted("reference"),
                ),
                TrackedRepo::new(
                    "leadership-council",
                    "Leadership Council",
                    open_label_query("leadership-council", fcp),
                ),
                TrackedRepo::new(
                    "unsafe-code-guidelines",
                    "Unsafe Code Guidelines",
                    open_fcp_sorted("unsafe-code-guidelines"),
                ),
            ],
            rfcs_repo: RepoName::known("rust-lang", "rfcs"),
            find_testing_steps: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let c = RfcsConfig::default();
        assert_eq!(c.cft_repos.len(), 4);
        assert_eq!(c.fcp_groups.len(), 8);
        assert_eq!(c.rfcs_repo.to_string(), "rust-lang/rfcs");
        assert_eq!(c.fcp_groups[3].repo.to_string(), "rust-lang/compiler-team");
        for g in c.cft_repos.iter().chain(&c.fcp_groups) {
            assert!(
                g.link.starts_with("https://github.com/rust-lang/"),
                "{}",
                g.link
            );
            assert!(g.link.contains(g.repo.name()), "{}", g.link);
        }
    }
}
