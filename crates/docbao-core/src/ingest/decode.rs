//! Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM, or detected without one),
//! legacy Vietnamese Windows-1258, and a lossy fallback. Binary files are refused.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1258};

/// The outcome of decoding one file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding that was used, for `check` and the reader's metadata.
    pub encoding: &'static str,
    /// What was wrong but could be read anyway.
    pub warnings: Vec<String>,
}

/// Decodes a file's bytes; `Err` means the file is not text at all.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8(rest, "UTF-8 (BOM)"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(utf16(rest, true, "UTF-16LE"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(utf16(rest, false, "UTF-16BE"));
    }
    if let Some(le) = looks_utf16_without_bom(bytes) {
        let mut d = utf16(bytes, le, if le { "UTF-16LE" } else { "UTF-16BE" });
        d.warnings
            .insert(0, "UTF-16 without a byte-order mark; decoded by guess".into());
        return Ok(d);
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(format!("binary file, not an article (NUL byte at offset {pos})"));
    }
    // Most files are valid UTF-8: simdutf8 checks it several times faster than std.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            warnings: vec![],
        });
    }
    let (valid_multibyte, invalid) = utf8_stats(bytes);
    if looks_binary(bytes) {
        return Err("binary file, not an article (mostly non-text bytes)".into());
    }
    if valid_multibyte > invalid {
        return Ok(utf8(bytes, "UTF-8"));
    }
    let (text, _, had_errors) = WINDOWS_1258.decode(bytes);
    let mut warnings = vec!["not UTF-8; read as Windows-1258 (legacy Vietnamese code page)".to_string()];
    if had_errors {
        warnings.push("some bytes could not be decoded and were replaced".into());
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: "Windows-1258",
        warnings,
    })
}

fn utf8(bytes: &[u8], name: &'static str) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            encoding: name,
            warnings: vec![],
        },
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let (_, bad) = utf8_stats(bytes);
            Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                encoding: name,
                warnings: vec![format!(
                    "invalid UTF-8 at byte {at} (line {line}); {} replaced with �",
                    docbao_extract::text::count(bad, "bad sequence", "bad sequences")
                )],
            }
        }
    }
}

fn utf16(bytes: &[u8], le: bool, name: &'static str) -> Decoded {
    let enc = if le { UTF_16LE } else { UTF_16BE };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut warnings = vec![];
    if had_errors {
        warnings.push("malformed UTF-16; bad units replaced with �".into());
    }
    Decoded {
        text: text.into_owned(),
        encoding: name,
        warnings,
    }
}

/// Text in UTF-16 without a BOM shows as ASCII letters alternating with zero bytes.
fn looks_utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 < pairs {
        Some(true)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 < pairs {
        Some(false)
    } else {
        None
    }
}

/// Counts valid multi-byte UTF-8 sequences and invalid bytes.
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid, invalid)
}

/// More than a tenth of control bytes (other than whitespace) in the first 4 KB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let controls = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode("Việt".as_bytes()).unwrap().text, "Việt");
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Hà Nội".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().text, "Hà Nội");
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2]).is_err());
    }

    #[test]
    fn lossy_utf8_reports() {
        let d = decode(
            "Việt Nam là \u{1ec7}"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xff])
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert!(d.text.contains("Việt"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn windows_1258() {
        // "Vi\u{1ec7}t" in cp1258: V i e + combining dot below (0xF2) ... use a simple one: "Hà" = H 0xE0
        let d = decode(b"H\xE0 N\xF4\xF2i l\xE0 th\xF4\xF0 \xF0\xF4").unwrap();
        assert_eq!(d.encoding, "Windows-1258");
        assert!(d.text.starts_with("Hà"));
    }
}
