//! One module per subcommand.

pub mod build;
pub mod check;
pub mod email;
pub mod events;
pub mod fmt;
pub mod new;
pub mod prs;
pub mod publish;
pub mod render;
pub mod rfcs;
pub mod serve;
pub mod submissions;
