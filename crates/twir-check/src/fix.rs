//! Applying fixes to a source text.

use crate::diagnostic::Diagnostic;

/// Applies the safe fixes of `diags` to `source`; overlapping fixes after the first are left
/// for a later round. Returns the new text and how many fixes were applied.
pub fn apply_safe_fixes(source: &str, diags: &[Diagnostic]) -> (String, usize) {
    let mut fixes: Vec<_> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| {
            f.safe
                && f.span.end <= source.len()
                && source.is_char_boundary(f.span.start)
                && source.is_char_boundary(f.span.end)
        })
        .collect();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    fixes.dedup();
    let mut out = String::with_capacity(source.len());
    let mut pos = 0;
    let mut applied = 0;
    for f in fixes {
        if f.span.start < pos {
            continue;
        }
        out.push_str(&source[pos..f.span.start]);
        out.push_str(&f.replacement);
        pos = f.span.end;
        applied += 1;
    }
    out.push_str(&source[pos..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use twir_content::Span;

    fn d(span: Span, rep: &str, safe: bool) -> Diagnostic {
        let fix = Fix {
            span,
            replacement: rep.into(),
            safe,
        };
        Diagnostic::new("x", Severity::Error, span, "m").with_fix(fix)
    }

    #[test]
    fn applies_non_overlapping_safe_fixes() {
        let src = "abcdef";
        let diags = [
            d(Span::new(4, 5), "E", true),
            d(Span::new(0, 2), "AB", true),
            d(Span::new(1, 3), "zz", true),
            d(Span::new(5, 6), "F", false),
        ];
        let (out, n) = apply_safe_fixes(src, &diags);
        assert_eq!(out, "ABcdEf");
        assert_eq!(n, 2);
    }
}
