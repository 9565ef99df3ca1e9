//! Pure Markdown rendering of [`RfcsData`], in the 2026 newsletter layout.

use super::{CallForTesting, FcpItem, Group, ListItem, RfcsData};
use crate::md::{english_list, link};

const CFT_INTRO: &str = "\
An important step for RFC implementation is for people to experiment with the
implementation and give feedback, especially before stabilization.

If you are a feature implementer and would like your RFC to appear in this list, add a
`call-for-testing` label to your RFC along with a comment providing testing instructions and/or
guidance on which aspect(s) of the feature need testing.
";

const CFT_OUTRO: &str = "[Let us know](https://github.com/rust-lang/this-week-in-rust/issues) \
if you would like your feature to be tracked as a part of this list.\n";

const APPROVED_HEADING: &str =
    "### [Approved RFCs](https://github.com/rust-lang/rfcs/commits/master)";

const APPROVED_INTRO: &str = "\
Changes to Rust follow the Rust [RFC (request for comments) process](https://github.com/rust-lang/rfcs#rust-rfcs). These
are the RFCs that were approved for implementation this week:
";

const FCP_INTRO: &str = "\
Every week, [the team](https://www.rust-lang.org/team.html) announces the 'final comment period' for RFCs and key PRs
which are reaching a decision. Express your opinions now.
";

const FCP_OUTRO: &str = "Let us know if you would like your PRs, Tracking Issues or RFCs to be tracked as a part of this list.\n";

const NEW_RFCS_HEADING: &str =
    "### [New and Updated RFCs](https://github.com/rust-lang/rfcs/pulls)";

/// The four parts rendered separately, so a caller can splice each into
/// its place in a draft. Each string starts with the part's heading and
/// ends with a newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RfcsMarkdown {
    /// `## Calls for Testing` section.
    pub calls_for_testing: String,
    /// `### [Approved RFCs](...)` part.
    pub approved_rfcs: String,
    /// `### Final Comment Period` part.
    pub final_comment_period: String,
    /// `### [New and Updated RFCs](...)` part.
    pub new_rfcs: String,
}

/// Renders every part.
pub fn render_rfcs(data: &RfcsData) -> RfcsMarkdown {
    RfcsMarkdown {
        calls_for_testing: format_calls_for_testing(data),
        approved_rfcs: format_approved_rfcs(data),
        final_comment_period: format_fcp(data),
        new_rfcs: format_new_rfcs(data),
    }
}

/// All four parts, separated by blank lines, in newsletter order.
pub fn format_rfcs(data: &RfcsData) -> String {
    let md = render_rfcs(data);
    [
        md.calls_for_testing,
        md.approved_rfcs,
        md.final_comment_period,
        md.new_rfcs,
    ]
    .join("\n")
}

/// The `## Calls for Testing` section.
pub fn format_calls_for_testing(data: &RfcsData) -> String {
    let mut out = format!("## Calls for Testing\n{CFT_INTRO}\n");
    for group in data
        .calls_for_testing
        .iter()
        .filter(|g| !g.items.is_empty())
    {
        out.push_str(&group_heading(group));
        for cft in &group.items {
            out.push_str(&cft_line(cft));
        }
        out.push('\n');
    }
    let empty = empty_group_links(&data.calls_for_testing);
    if !empty.is_empty() {
        out.push_str(&format!(
            "*No calls for testing were issued this week by\n{}.*\n\n",
            english_list(&empty)
        ));
    }
    out.push_str(CFT_OUTRO);
    out
}

/// The `### [Approved RFCs](...)` part.
pub fn format_approved_rfcs(data: &RfcsData) -> String {
    let mut out = format!("{APPROVED_HEADING}\n\n{APPROVED_INTRO}\n");
    out.push_str(&item_list(
        &data.approved,
        "* *No RFCs were approved this week.*\n",
    ));
    out
}

/// The `### Final Comment Period` part.
pub fn format_fcp(data: &RfcsData) -> String {
    let mut out =
        format!("### Final Comment Period\n\n{FCP_INTRO}\n#### Tracking Issues & PRs\n\n");
    for group in data.fcp.iter().filter(|g| !g.items.is_empty()) {
        out.push_str(&group_heading(group));
        for fcp in &group.items {
            out.push_str(&fcp_line(fcp));
        }
        out.push('\n');
    }
    let empty = empty_group_links(&data.fcp);
    if !empty.is_empty() {
        out.push_str(&format!(
            "*No Items entered Final Comment Period this week for\n{}.*\n",
            english_list(&empty)
        ));
    }
    out.push_str(FCP_OUTRO);
    out
}

/// The `### [New and Updated RFCs](...)` part.
pub fn format_new_rfcs(data: &RfcsData) -> String {
    let mut out = format!("{NEW_RFCS_HEADING}\n");
    out.push_str(&item_list(
        &data.new_rfcs,
        "* *No New or Updated RFCs were created this week.*\n",
    ));
    out
}

fn group_heading<T>(group: &Group<T>) -> String {
    format!("##### [{}]({}){}\n", group.name, group.link, group.suffix)
}

/// `[Name](link)` (plus suffix) of each group without items.
fn empty_group_links<T>(groups: &[Group<T>]) -> Vec<String> {
    groups
        .iter()
        .filter(|g| g.items.is_empty())
        .map(|g| format!("[{}]({}){}", g.name, g.link, g.suffix))
        .collect()
}

fn item_list(items: &[ListItem], when_empty: &str) -> String {
    if items.is_empty() {
        return when_empty.to_owned();
    }
    items
        .iter()
        .map(|i| format!("* {}\n", link(&i.title, &i.url)))
        .collect()
}

fn cft_line(cft: &CallForTesting) -> String {
    let mut line = format!("* {}\n", link(&cft.item.title, &cft.item.url));
    if let Some(steps) = &cft.testing_steps {
        line.push_str(&format!("  * [Testing steps]({steps})\n"));
    }
    line
}

fn fcp_line(fcp: &FcpItem) -> String {
    format!(
        "* {}{}\n",
        fcp.disposition.prefix(),
        link(&fcp.item.title, &fcp.item.url)
    )
}
