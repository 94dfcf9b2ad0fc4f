//! A file's path as docbao writes it (in the list, the reader, `list`, JSON, the state file):
//! the path itself when every character of it can be shown, else with each byte that cannot
//! (control characters, the ESC of an escape sequence, bytes that are not UTF-8, bidi
//! overrides) and every `%` and `\` written `%XX`, as in a URL: `esc%1B[2J.txt`.
//!
//! Nothing unsafe reaches a terminal, two files never share a written name (cleaning the bytes
//! out would give `esc[2J.txt` to two files, or to one that does not exist), and the real path
//! comes back from the written one ([`real`]), so `show`, the editor and the clipboard reach the
//! file itself. A name that needs nothing keeps its `%` as it is; a name that holds `%` and two
//! hex digits is written encoded, so that [`real`] can tell the two apart.

use docbao_extract::text::sanitize;
use std::borrow::Cow;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// A character a name cannot show as it is: a control character (newline and tab too), a
/// bidi override.
pub fn is_unsafe(c: char) -> bool {
    c == '\n' || sanitize::is_unsafe(c)
}

/// The written form of a relative path's bytes (`/`-separated).
pub fn written(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) if !needs_encoding(s) => Cow::Borrowed(s),
        _ => Cow::Owned(encode(bytes)),
    }
}

/// [`written`] for a path.
pub fn written_path(p: &Path) -> String {
    written(p.as_os_str().as_bytes()).into_owned()
}

/// The bytes of the real path a written one stands for.
pub fn real(written: &str) -> Cow<'_, [u8]> {
    if !has_escape(written) {
        return Cow::Borrowed(written.as_bytes());
    }
    let b = written.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], hex_pair(b, i + 1)) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// The real path of written `rel` inside `root`.
pub fn real_path(root: &Path, rel: &str) -> PathBuf {
    root.join(OsStr::from_bytes(&real(rel)))
}

/// Whether a name needs writing as `%XX`: something unsafe to show, a backslash, or a `%` that
/// would read as an escape.
fn needs_encoding(s: &str) -> bool {
    s.chars().any(|c| is_unsafe(c) || c == '\\') || has_escape(s)
}

/// Whether `s` holds `%` and two hex digits.
fn has_escape(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'%', b).any(|i| hex_pair(b, i + 1).is_some())
}

fn hex_pair(b: &[u8], at: usize) -> Option<u8> {
    let hi = (*b.get(at)? as char).to_digit(16)?;
    let lo = (*b.get(at + 1)? as char).to_digit(16)?;
    Some((hi * 16 + lo) as u8)
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    let put = |b: u8, out: &mut String| out.push_str(&format!("%{b:02X}"));
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if is_unsafe(c) || c == '%' || c == '\\' {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    put(b, &mut out);
                }
            } else {
                out.push(c);
            }
        }
        for &b in chunk.invalid() {
            put(b, &mut out);
        }
    }
    out
}

/// A path to paste into a shell: as it is when every character can travel as text, else in
/// Bash's `$'…'` quoting with the bytes that cannot as `\xHH` (Bash, zsh, ksh and POSIX.1-2024
/// `sh` read it). Letters of any script stay letters; a raw escape byte or invalid UTF-8 never
/// reaches the clipboard. (The `shell-quote` crate writes C1 controls and bidi overrides
/// through as they are, and every non-ASCII letter as `\xHH`.)
pub fn shell_quoted(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.chars().any(is_unsafe) => return s.to_string(),
        _ => {}
    }
    let mut out = String::from("$'");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' | '\'' => {
                    out.push('\\');
                    out.push(c);
                }
                c if is_unsafe(c) => {
                    let mut buf = [0u8; 4];
                    for &b in c.encode_utf8(&mut buf).as_bytes() {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                }
                c => out.push(c),
            }
        }
        for &b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_can_be_shown_are_written_as_they_are() {
        for n in [
            "2025/bộ-trưởng.md",
            "giảm 50% giá.txt",
            "a%zz.txt",
            "ghi chú.txt",
            "%",
            "100%.md",
        ] {
            assert_eq!(written(n.as_bytes()), n);
            assert_eq!(real(n), n.as_bytes());
        }
    }

    #[test]
    fn other_names_are_written_with_escapes_and_come_back_whole() {
        let cases: [(&[u8], &str); 6] = [
            (b"esc\x1b[2J\x1b]0;pwned\x07.txt", "esc%1B[2J%1B]0;pwned%07.txt"),
            (b"new\nline.txt", "new%0Aline.txt"),
            (b"bad\xff\xfe.txt", "bad%FF%FE.txt"),
            (b"a%41.txt", "a%2541.txt"),
            (b"back\\slash 5%\x07.md", "back%5Cslash 5%25%07.md"),
            (
                "c1\u{9b}31m \u{202e}gnp.txt".as_bytes(),
                "c1%C2%9B31m %E2%80%AEgnp.txt",
            ),
        ];
        for (name, shown) in cases {
            let w = written(name);
            assert_eq!(w, shown);
            assert!(!w.chars().any(is_unsafe));
            assert_eq!(real(&w), name, "{shown}");
        }
    }

    #[test]
    fn any_name_comes_back_from_its_written_form() {
        let mut next = docbao_extract::text::test_rng(17);
        let pieces: [&[u8]; 10] = [
            b"a",
            b"%",
            b"41",
            b"zz",
            b"\x1b",
            b"\xff",
            "ộ".as_bytes(),
            b"\\",
            b"/",
            b" ",
        ];
        for _ in 0..5000 {
            let n = (next() % 8) as usize;
            let name: Vec<u8> = (0..n)
                .flat_map(|_| pieces[(next() % pieces.len() as u64) as usize].iter().copied())
                .collect();
            let w = written(&name);
            assert!(!w.chars().any(is_unsafe), "{w:?}");
            assert_eq!(real(&w), name.as_slice(), "{w:?}");
        }
    }

    #[test]
    fn shell_quoting_only_when_needed_and_never_raw() {
        assert_eq!(
            shell_quoted("/tin tức/bài một.md".as_bytes()),
            "/tin tức/bài một.md"
        );
        assert_eq!(
            shell_quoted(b"/a/esc\x1b[2J it's\\.txt"),
            "$'/a/esc\\x1b[2J it\\'s\\\\.txt'"
        );
        assert_eq!(shell_quoted("bad\u{ff}\u{0}".as_bytes()), "$'bad\u{ff}\\x00'");
        assert_eq!(shell_quoted(b"bad\xff.txt"), "$'bad\\xff.txt'");
    }
}
