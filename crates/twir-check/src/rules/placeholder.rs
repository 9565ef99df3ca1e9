//! `placeholder`: what twir-content's list of placeholders finds (`REDDIT_LINK_HERE`,
//! `INSERT_LINK_HERE`, `$twir_...` variables, links to nothing, prompts such as
//! `<!-- COTW goes here -->` in a section nobody filled). In a draft, those the template puts
//! there for the editors and those `twir publish` fills are pending, not wrong: warnings until
//! the issue is checked as it ships.

use twir_content::placeholder::{self, Kind};

use crate::check::{Ctx, Mode};
use crate::diagnostic::Severity;

const CODE: &str = "placeholder";

pub use twir_content::placeholder::is_placeholder_url;

/// True for the placeholders a mid-week draft is expected to carry.
pub fn is_pending(kind: Kind) -> bool {
    matches!(kind, Kind::RedditLink | Kind::JobsLink | Kind::Prompt)
}

pub(super) fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for p in placeholder::find(doc, ctx.opts.template.as_deref()) {
        let pending = ctx.opts.mode == Mode::Draft && is_pending(p.kind);
        let mut d = ctx.diag(CODE, p.span, p.message(doc)).with_help(p.help());
        if pending {
            d.severity = Severity::Note;
        }
        ctx.push(d);
    }
}
