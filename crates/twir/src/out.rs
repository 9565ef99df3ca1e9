//! Printing that never panics: `print!`, `println!`, `eprint!` and `eprintln!` are shadowed
//! for the whole binary by these versions, which stop writing to a stream once a write to it
//! fails (a closed pipe: `twir check | head -1`; a full disk: `> /dev/full`) instead of
//! panicking as the standard macros do. The command goes on and ends with the status it would
//! have had: `twir publish ... | true` still publishes and exits 0.
//!
//! Rust ignores SIGPIPE, so a closed pipe shows up here as an `EPIPE` write error.

use std::fmt::Arguments;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_GONE: AtomicBool = AtomicBool::new(false);
static STDERR_GONE: AtomicBool = AtomicBool::new(false);

/// Writes to stdout unless an earlier write failed; a failure silences stdout for good.
pub fn stdout(args: Arguments<'_>) {
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return;
    }
    if std::io::stdout().lock().write_fmt(args).is_err() {
        STDOUT_GONE.store(true, Ordering::Relaxed);
    }
}

/// Writes to stderr unless an earlier write failed; a failure silences stderr for good.
pub fn stderr(args: Arguments<'_>) {
    if STDERR_GONE.load(Ordering::Relaxed) {
        return;
    }
    if std::io::stderr().lock().write_fmt(args).is_err() {
        STDERR_GONE.store(true, Ordering::Relaxed);
    }
}

/// `print!` that stops quietly on a closed or full stdout.
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::out::stdout(format_args!($($arg)*))
    };
}

/// `println!` that stops quietly on a closed or full stdout.
macro_rules! println {
    () => {
        $crate::out::stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::out::stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` that stops quietly on a closed stderr.
macro_rules! eprint {
    ($($arg:tt)*) => {
        $crate::out::stderr(format_args!($($arg)*))
    };
}

/// `eprintln!` that stops quietly on a closed stderr.
macro_rules! eprintln {
    () => {
        $crate::out::stderr(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::out::stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}
