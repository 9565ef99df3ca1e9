//! Reading issue files safely: directories, binary data, bad encodings and unsupported
//! formats become clear errors instead of panics.

use crate::error::ContentError;
use std::path::Path;

/// Reads `path` as UTF-8 Markdown text.
pub fn read_text(path: &Path) -> Result<String, ContentError> {
    if let Some(ext) = path.extension().and_then(|e| e.to_str())
        && matches!(ext, "rst" | "txt" | "html" | "htm")
    {
        return Err(ContentError::Unsupported {
            path: path.to_path_buf(),
            extension: ext.to_string(),
        });
    }
    // A folder is told from the failed read, not by a `stat` before every read (a whole-archive
    // check reads 600 files).
    let bytes = std::fs::read(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::IsADirectory || path.is_dir() {
            ContentError::IsDirectory {
                path: path.to_path_buf(),
            }
        } else {
            ContentError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    decode(path, bytes)
}

/// Validates bytes read from `path` as Markdown text.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, ContentError> {
    let line_of =
        |bytes: &[u8], off: usize| bytes[..off].iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some(off) = memchr::memchr(0, &bytes) {
        return Err(ContentError::Binary {
            path: path.to_path_buf(),
            line: line_of(&bytes, off),
            offset: off,
        });
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            // A byte-order mark is invisible to editors but would break the header.
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let off = e.utf8_error().valid_up_to();
            Err(ContentError::InvalidUtf8 {
                path: path.to_path_buf(),
                line: line_of(e.as_bytes(), off),
                offset: off,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_binary_and_bad_utf8_with_line() {
        let p = Path::new("x.md");
        let e = decode(p, b"a\nb\0".to_vec()).unwrap_err();
        assert!(matches!(e, ContentError::Binary { line: 2, .. }), "{e}");
        let e = decode(p, b"a\n\nb\xff".to_vec()).unwrap_err();
        assert!(
            matches!(
                e,
                ContentError::InvalidUtf8 {
                    line: 3,
                    offset: 4,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(decode(p, "\u{feff}T: x".into()).unwrap(), "T: x");
    }

    #[test]
    fn rejects_directories_and_rst() {
        let dir = std::env::temp_dir();
        assert!(matches!(
            read_text(&dir),
            Err(ContentError::IsDirectory { .. })
        ));
        let e = read_text(Path::new("state.rst")).unwrap_err();
        assert!(e.to_string().contains("unsupported format `.rst`"));
        let e = read_text(Path::new("/nonexistent/x.md")).unwrap_err();
        assert!(e.to_string().starts_with("/nonexistent/x.md: cannot read"));
    }
}
