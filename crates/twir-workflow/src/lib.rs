//! The weekly lifecycle of a newsletter issue: creating the next draft from the template
//! (with the events carried over), and publishing a draft into `content/` safely.

pub mod carry;
pub mod draft;
pub mod error;
pub mod finalize;
pub mod next;
pub mod placeholders;
pub mod prune;
pub mod publish;
pub mod sections;
pub mod template;

pub use carry::{Carried, NotCarried};
pub use draft::{NewDraft, build_draft, existing_draft_for};
pub use error::WorkflowError;
pub use finalize::{Finalize, Finalized, finalize, finalize_report, strip_attributions};
pub use next::{NextIssue, days_after, default_issue_date, next_issue, successor};
pub use prune::{EmptySection, Holds, PruneOptions, Pruned, StaleEvent, prune};
pub use publish::{PublishPlan, Recovery, apply_plan, journal_path, recover};
pub use template::{DraftVars, render_template};
