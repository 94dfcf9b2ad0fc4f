//! Mending scraped text: glued sentences, end-of-article marks, credits and page furniture.

/// Abbreviations after which a full stop does not end a sentence (compared lowercase).
const ABBREVIATIONS: &[&str] = &[
    "tp", "ths", "th", "ts", "gs", "pgs", "bs", "ks", "ls", "nxb", "mr", "mrs", "ms", "dr", "st", "jr", "sr",
    "co", "inc", "ltd", "vs", "no", "q", "p", "tx", "tt", "h", "x", "gen", "lt", "col", "sgt", "capt", "gov",
    "sen", "rep", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "e.g", "i.e", "etc",
];

fn is_upper_start(c: char) -> bool {
    c.is_uppercase() || c == '“' || c == '"'
}

/// True when `token` (a word just before a full stop) is an abbreviation, a URL or an
/// address, so the stop must not be taken as a sentence end.
pub fn is_abbreviation(token: &str) -> bool {
    let t = token.trim_start_matches(['(', '“', '"', '[', '\'']);
    if t.contains("://") || t.starts_with("www") || t.contains('@') || t.contains('/') {
        return true;
    }
    let lower = t.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Initials and dotted abbreviations: "J", "U.S", "TP.HCM"-style chains of short parts.
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // An initial (J. Smith), but not a Roman numeral ending a sentence (quý I.).
        return c.is_uppercase() && !matches!(c, 'I' | 'V' | 'X');
    }
    t.contains('.') && t.split('.').all(|p| p.chars().count() <= 3)
}

/// Puts a space after a sentence end glued to the next sentence (`Nội.Tại` → `Nội. Tại`),
/// leaving numbers (`28.500`), abbreviations (`TP.HCM`) and URLs alone.
pub fn mend_glued(s: &str) -> String {
    if !might_be_glued(s.as_bytes()) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut word_start = 0; // index in chars of the current whitespace-delimited token
    for i in 0..chars.len() {
        let c = chars[i];
        out.push(c);
        if c.is_whitespace() {
            word_start = i + 1;
            continue;
        }
        let Some(&next) = chars.get(i + 1) else { continue };
        if !is_upper_start(next) {
            continue;
        }
        let ends = match c {
            '.' | '!' | '?' | ';' => {
                let prev = if i > 0 { chars[i - 1] } else { ' ' };
                prev.is_alphanumeric() || matches!(prev, ')' | '"' | '”')
            }
            '”' | '"' => i > 0 && matches!(chars[i - 1], '.' | '!' | '?'),
            _ => false,
        };
        if !ends {
            continue;
        }
        let token: String = chars[word_start..i].iter().collect();
        // After a dotted chain (`TP.HCM.Cuộc`), a capitalised lowercase word starts a sentence.
        let chain_then_word =
            token.contains('.') && !token.contains('/') && next_is_plain_word(&chars[i + 1..]);
        if c == '.' && is_abbreviation(&token) && !chain_then_word {
            continue;
        }
        if c == '.' && upper_word(&chars[word_start..i]) && next_is_upper_word(&chars[i + 1..]) {
            // TP.HCM, UBND.TP: an acronym chain, not two sentences.
            continue;
        }
        out.push(' ');
        word_start = i + 1;
    }
    out
}

/// A cheap test: is there any `.`, `!`, `?`, `;` or closing quote directly followed by a
/// non-ASCII byte or an ASCII capital or quote? Only then is the character-level pass needed.
fn might_be_glued(b: &[u8]) -> bool {
    b.windows(2).any(|w| {
        matches!(w[0], b'.' | b'!' | b'?' | b';' | b'"' | 0x9D)
            && (w[1] >= 0x80 || w[1].is_ascii_uppercase() || w[1] == b'"')
    })
}

fn upper_word(w: &[char]) -> bool {
    let letters: Vec<&char> = w.iter().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
}

/// `Cuộc`, `Army`: a capital followed by lowercase letters.
fn next_is_plain_word(rest: &[char]) -> bool {
    let word: Vec<char> = rest.iter().copied().take_while(|c| c.is_alphabetic()).collect();
    word.len() >= 2 && word[0].is_uppercase() && word[1..].iter().all(|c| c.is_lowercase())
}

fn next_is_upper_word(rest: &[char]) -> bool {
    let word: Vec<char> = rest.iter().copied().take_while(|c| c.is_alphanumeric()).collect();
    word.len() >= 2 && upper_word(&word)
}

/// Removes a trailing `./.` end-of-article mark.
pub fn strip_end_mark(s: &str) -> &str {
    let t = s.trim_end();
    match t.strip_suffix("./.") {
        // keep the full stop, drop the mark
        Some(x) => &t[..x.trim_end().len() + usize::from(!x.trim_end().ends_with(['.', '!', '?']))],
        None => t,
    }
}

/// Collapses runs of spaces and trims.
pub fn squeeze(s: &str) -> String {
    let b = s.as_bytes();
    let clean = !b.first().is_some_and(u8::is_ascii_whitespace)
        && !b.last().is_some_and(u8::is_ascii_whitespace)
        && !b
            .windows(2)
            .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        && !b.iter().any(|c| matches!(c, b'\n' | b'\t' | b'\r' | 0x0b | 0x0c))
        && !s.contains([
            '\u{a0}', '\u{2000}', '\u{2002}', '\u{2003}', '\u{3000}', '\u{205f}', '\u{202f}',
        ]);
    if clean {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A photo credit standing at the end of a line: `... (Ảnh: Reuters)`, `... [Ảnh: AFP = Yonhap]`,
/// `... [Reuters]`. Returns (text before, credit without brackets).
pub fn split_credit(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end();
    let (open, close) = if t.ends_with(')') {
        ('(', ')')
    } else if t.ends_with(']') {
        ('[', ']')
    } else {
        return None;
    };
    let start = t.rfind(open)?;
    let inner = t[start + 1..t.len() - close.len_utf8()].trim();
    let before = t[..start].trim_end();
    if inner.is_empty() || inner.chars().count() > 60 {
        return None;
    }
    let lower = inner.to_lowercase();
    let cue = [
        "ảnh",
        "photo",
        "hình",
        "nguồn ảnh",
        "video",
        "đồ họa",
        "đồ hoạ",
        "graphic",
    ]
    .iter()
    .any(|c| lower.starts_with(c));
    let agency = close == ']' && looks_like_agency(inner);
    if cue || agency {
        Some((before, inner))
    } else {
        None
    }
}

/// `Reuters`, `Getty = Kyodo`, `AFP/TTXVN`: a few capitalised words, no sentence.
fn looks_like_agency(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !matches!(*w, "=" | "/" | "-" | "&"))
        .collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && !s.ends_with('.')
}

/// A line that is only a credit: `Photo : YONHAP News`, `Ảnh: TTXVN`, `Nguồn ảnh: AFP`.
pub fn is_credit_line(line: &str) -> bool {
    let t = line.trim();
    if t.chars().count() > 60 {
        return false;
    }
    let lower = t.to_lowercase();
    [
        "photo",
        "ảnh",
        "nguồn ảnh",
        "hình ảnh",
        "ảnh minh họa",
        "ảnh minh hoạ",
    ]
    .iter()
    .any(|cue| {
        lower.strip_prefix(cue).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with(':') || rest.is_empty()
        })
    })
}

/// Scraped page furniture: comment boxes, share prompts. Never article text.
pub fn is_furniture(line: &str) -> bool {
    // Furniture lines are short; paragraphs are not worth lowercasing.
    if line.len() > 200 {
        return false;
    }
    let lower = line.trim().to_lowercase();
    if lower.is_empty() {
        return false;
    }
    (lower.starts_with("tối đa") && lower.contains("ký tự"))
        || lower.contains("chưa có bình luận")
        || lower.contains("hãy là người đầu tiên bình luận")
        || lower == "gửi bình luận"
        || lower == "bình luận"
        || lower.starts_with("bình luận (")
        || lower == "ý kiến của bạn"
        || lower.starts_with("đăng nhập để bình luận")
        || lower == "chia sẻ bài viết"
        || lower == "share"
        || lower.starts_with("bạn đang đọc bài")
}

/// Text that ends a sentence: `.`, `!`, `?`, `…`, `:` or a closing quote after one of them.
pub fn has_final_punctuation(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(['”', '"', '’', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…', ':', ';', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mends_glued_sentences() {
        assert_eq!(mend_glued("tại Hà Nội.Tại cuộc họp"), "tại Hà Nội. Tại cuộc họp");
        assert_eq!(mend_glued("cho biết.“Chúng tôi"), "cho biết. “Chúng tôi");
        assert_eq!(mend_glued("rồi sao?Ông nói"), "rồi sao? Ông nói");
        assert_eq!(mend_glued("theo UBND.Ông An"), "theo UBND. Ông An");
        assert_eq!(mend_glued("năm 2025.Tại đây"), "năm 2025. Tại đây");
        assert_eq!(mend_glued("tại TP.HCM.Cuộc họp"), "tại TP.HCM. Cuộc họp");
    }

    #[test]
    fn leaves_numbers_abbreviations_urls() {
        for s in [
            "28.500 tỷ đồng",
            "phiên bản 2.5",
            "tại TP.HCM hôm nay",
            "ở Tp.HCM",
            "xem https://example.vn/Bai.Viet",
            "www.Example.com",
            "ông J.Smith",
        ] {
            assert_eq!(mend_glued(s), s, "{s}");
        }
    }

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("Ông An bắt tay. (Ảnh: Reuters)"),
            Some(("Ông An bắt tay.", "Ảnh: Reuters"))
        );
        assert_eq!(
            split_credit("Hành khách lên xe. [Ảnh: AFP = Yonhap]"),
            Some(("Hành khách lên xe.", "Ảnh: AFP = Yonhap"))
        );
        assert_eq!(
            split_credit("Tàu cập cảng [Getty = Kyodo]").map(|x| x.1),
            Some("Getty = Kyodo")
        );
        assert_eq!(split_credit("Ông nói (theo luật mới)"), None);
        assert!(is_credit_line("Photo : YONHAP News"));
        assert!(!is_credit_line(
            "Photo exhibitions are popular in Hanoi this year."
        ));
    }

    #[test]
    fn furniture() {
        assert!(is_furniture("Tối đa: 1500 ký tự"));
        assert!(is_furniture(
            "Hiện chưa có bình luận nào, hãy là người đầu tiên bình luận"
        ));
        assert!(!is_furniture("Bình luận viên nói trận đấu rất hay."));
    }
}
