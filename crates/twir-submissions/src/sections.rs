//! Suggesting a community subsection for a link, from its title, URL and `[video]`/`[audio]`
//! tags. Only a suggestion: editors (or `--fix-sections`) decide.

use crate::model::AddedLink;

/// Which subsection fits `link`, among `available` (the draft's community subsections),
/// never `project_tooling` (the editors' section). Falls back to `Miscellaneous`, then to the
/// last available subsection.
pub fn suggest(link: &AddedLink, available: &[String], project_tooling: &str) -> String {
    let title = link.title.to_lowercase();
    let url = link.url.to_lowercase();
    let line = link.line.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    let wanted: &[&str] = if url.contains("arxiv.org")
        || url.contains("doi.org")
        || has(&["paper", "study of", "research"])
    {
        &["Research", "Miscellaneous"]
    } else if line.contains("[video]")
        || line.contains("[audio]")
        || url.contains("youtu")
        || has(&["podcast", "episode"])
    {
        &["Miscellaneous", "Rust Walkthroughs"]
    } else if has(&[
        "tutorial",
        "how to",
        "guide",
        "walkthrough",
        "step by step",
        "introduction",
        "building a",
        "implementing",
        "writing a",
        "learn",
        "part ",
    ]) {
        &["Rust Walkthroughs", "Miscellaneous"]
    } else if has(&[
        "why ",
        "thoughts",
        "opinion",
        "lessons",
        "reflections",
        "review of",
        "coming from",
        "experience",
        " vs ",
    ]) {
        &["Observations/Thoughts", "Miscellaneous"]
    } else {
        &["Miscellaneous", "Observations/Thoughts"]
    };
    let usable = |name: &str| !name.eq_ignore_ascii_case(project_tooling);
    wanted
        .iter()
        .find_map(|w| {
            available
                .iter()
                .find(|a| a.eq_ignore_ascii_case(w) && usable(a))
        })
        .or_else(|| available.iter().rev().find(|a| usable(a)))
        .cloned()
        .unwrap_or_else(|| wanted[0].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(title: &str, url: &str, line: &str) -> AddedLink {
        AddedLink {
            title: title.into(),
            url: url.into(),
            section: vec![],
            line: line.into(),
        }
    }

    #[test]
    fn suggestions_follow_the_kind_of_link() {
        let avail: Vec<String> = [
            "Official",
            "Project/Tooling Updates",
            "Observations/Thoughts",
            "Rust Walkthroughs",
            "Research",
            "Miscellaneous",
        ]
        .map(String::from)
        .to_vec();
        let pt = "Project/Tooling Updates";
        assert_eq!(
            suggest(
                &link("Fast parsers", "https://arxiv.org/abs/1", ""),
                &avail,
                pt
            ),
            "Research"
        );
        assert_eq!(
            suggest(
                &link("Building a shell in Rust", "https://a.dev/x", ""),
                &avail,
                pt
            ),
            "Rust Walkthroughs"
        );
        assert_eq!(
            suggest(&link("Why I left Go", "https://a.dev/x", ""), &avail, pt),
            "Observations/Thoughts"
        );
        assert_eq!(
            suggest(
                &link("Announcing foo 1.0", "https://a.dev/x", ""),
                &avail,
                pt
            ),
            "Miscellaneous"
        );
        assert_eq!(
            suggest(
                &link(
                    "Talk",
                    "https://youtu.be/x",
                    "* [video] [Talk](https://youtu.be/x)"
                ),
                &avail,
                pt
            ),
            "Miscellaneous"
        );
        let only = vec![pt.to_string(), "Other".to_string()];
        assert_eq!(
            suggest(&link("Announcing foo", "https://a", ""), &only, pt),
            "Other"
        );
    }
}
