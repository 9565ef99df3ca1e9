//! Sets of bytes as 256-entry lookup tables, for the hand-written scanners that skip runs of
//! ordinary bytes (`iter().position(|&b| SET[b as usize])`).

/// The table of `bytes`, plus every byte of a non-ASCII character when `non_ascii`.
pub(crate) const fn byte_set(bytes: &[u8], non_ascii: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    let mut b = 0x80;
    while non_ascii && b < 256 {
        t[b] = true;
        b += 1;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::byte_set;

    #[test]
    fn members_and_non_ascii() {
        let t = byte_set(b"[]", false);
        assert!(t[b'[' as usize] && t[b']' as usize] && !t[b'a' as usize] && !t[0xC3]);
        assert!(byte_set(b"", true)[0xC3] && !byte_set(b"", true)[b'a' as usize]);
    }
}
