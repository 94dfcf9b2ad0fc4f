//! Persons named in one article.
//!
//! A name is taken when something says it is a person: a title or role before it (`Bộ trưởng
//! Quốc phòng Nhật Bản Nakatani Gen`, `Defense Secretary Pete Hegseth`, `người phát ngôn`), a
//! cue (`ông`, `bà`, `anh`, `chị` in lower case or at a sentence start, `Mr.`), the list of known
//! people, or the shape of a Vietnamese full name (a surname and two or more capitalised
//! syllables). Countries, places, bodies, ministries and their fields between a title and the
//! name are skipped; names after `phố`, `cầu`, `Trường`, `tàu`, `căn cứ`... are places and
//! things, not people, as is everything in `assets/places.txt`.
//!
//! Within the article, spellings of one person are grouped, and a surname or given name written
//! alone (`ông Hùng`, `Bộ trưởng Ahn`, `Lee said`) is resolved to the one full name it can
//! belong to. What the article cannot settle is kept as a *partial* mention for the store,
//! which looks at the whole archive and the known-people list (see `people`).

use super::known::KnownPeople;
use super::spelling;
use crate::body::Block;
use crate::hash::FastMap;
use crate::lexicon::{self, flag, Infos, Kind, Lexicon, View};
use crate::sentence::{is_letter, is_upper, sentences, Sentence, Trail};
use serde::Serialize;
use std::borrow::Cow;

mod classify;
mod cue;
pub(crate) mod group;
mod judge;
mod lineup;
pub mod model;
mod shape;

use group::group_mentions;
pub use group::UnionFind;
pub use model::{Model, Traced};
use shape::*;

/// A name as the article writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The name as written: a full name, or a surname or given name alone (shared by every
    /// article that writes it so, once in a store).
    pub name: Name,
    /// Mentions of one person in this article share a group number.
    pub group: u16,
    /// How often this spelling is written.
    pub count: u32,
    /// A surname or given name alone after a title or cue that the article does not resolve.
    pub partial: bool,
}

/// Finds the persons named in the title and body.
pub fn find(title: &str, blocks: &[Block]) -> Vec<Mention> {
    find_with(title, blocks, KnownPeople::builtin())
}

/// [`find`] against a given list of known people.
pub fn find_with(title: &str, blocks: &[Block], known: &KnownPeople) -> Vec<Mention> {
    let mut f = Finder::new(known);
    // A title cut with `…` is the lead's first sentence, which the body gives whole.
    if !title.ends_with('…') {
        f.text(title);
    }
    for t in blocks.iter().filter_map(Block::searchable) {
        f.text(t);
    }
    f.finish()
}

/// One display name per person of the article (the fullest spelling), in order of appearance.
pub fn display_names(mentions: &[Mention]) -> Vec<Name> {
    let mut out: Vec<(u16, &Name)> = Vec::new();
    for m in mentions.iter().filter(|m| !m.partial) {
        match out.iter_mut().find(|(g, _)| *g == m.group) {
            Some((_, best)) => {
                if spelling::syllables(&m.name) > spelling::syllables(best) {
                    *best = &m.name;
                }
            }
            None => out.push((m.group, &m.name)),
        }
    }
    out.into_iter().map(|(_, n)| n.clone()).collect()
}

/// A person's name as articles keep it: one allocation shared by every article naming them.
pub type Name = std::sync::Arc<str>;

/// How sure we are that a name is a person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// A capitalised name with nothing saying it is a person: kept only when it matches a
    /// person the article names otherwise.
    Weak,
    /// A run no rule explains that the learned model judges a person's name.
    Learned,
    /// The shape of a Vietnamese full name.
    Shape,
    /// In the known-people list.
    Known,
    /// After a title or a cue.
    Cued,
}

/// What a capitalised run turned out to be.
enum Judged<'a> {
    Name(Cand<'a>),
    /// Only titles (`Chairman`): the name may follow after `of the ...`.
    TitleOnly,
    Nothing,
}

impl<'a> Judged<'a> {
    fn name(self) -> Option<Cand<'a>> {
        match self {
            Judged::Name(c) => Some(c),
            _ => None,
        }
    }
}

#[derive(Debug)]
struct Cand<'a> {
    /// The name, borrowed from the text where it is written in one piece.
    name: Cow<'a, str>,
    words: usize,
    strength: Strength,
    /// First word of its sentence (for a lone capitalised word in Vietnamese, ordinary text).
    sentence_start: bool,
    /// Its words in the sentence.
    span: (usize, usize),
    /// A weak run's score by the learned model.
    score: f32,
}

/// Collects the names of one article, sentence by sentence, then groups and resolves them.
pub struct Finder<'k, 'a> {
    lex: &'static Lexicon,
    known: &'k KnownPeople,
    model: &'k Model,
    /// A weak run's features (a buffer kept between runs).
    features: Vec<u32>,
    /// The weak runs judged, with their features, when training asks for them.
    trace: Option<Vec<(String, Vec<u32>)>>,
    /// No model to ask (none bundled) and no training to feed: weak runs stay weak.
    model_off: bool,
    cands: Vec<Cand<'a>>,
    words: usize,
    marked_words: usize,
    /// The sentence being read is Vietnamese.
    vietnamese_sentence: bool,
    info: Infos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A Vietnamese title or role, or an English lowercase role word.
    Title,
    /// An English role word followed by a comma: `minister, Ahn Gyu-back,`.
    Apposition,
    /// `ông`, `bà`, `Mr.`: the name follows directly.
    Pronoun,
}

impl<'k, 'a> Finder<'k, 'a> {
    pub fn new(known: &'k KnownPeople) -> Self {
        Self::with_model(known, Model::builtin())
    }

    /// A finder judging weak runs with `model`.
    pub fn with_model(known: &'k KnownPeople, model: &'k Model) -> Self {
        Finder {
            lex: lexicon::get(),
            known,
            model,
            features: Vec::with_capacity(48),
            trace: None,
            model_off: model.is_zero(),
            cands: Vec::with_capacity(32),
            words: 0,
            marked_words: 0,
            vietnamese_sentence: false,
            info: Infos::with_capacity(64),
        }
    }

    /// Reads a text: a title or a block.
    pub fn text(&mut self, text: &'a str) {
        for r in sentences(text) {
            let s = Sentence::new(&text[r]);
            self.sentence(&s);
        }
    }

    /// Keeps every weak run judged, with its features (for training).
    pub fn trace(&mut self) {
        self.trace = Some(Vec::new());
        self.model_off = false;
    }

    /// The article's mentions, grouped by person.
    pub fn finish(self) -> Vec<Mention> {
        self.finish_traced().0
    }

    /// [`Finder::finish`], with the weak runs judged (when [`Finder::trace`] was asked).
    pub fn finish_traced(mut self) -> (Vec<Mention>, Vec<Traced>) {
        let vietnamese = self.marked_words * 6 > self.words;
        // The model learned from Vietnamese news: articles in another language keep to the rules.
        let traced = if self.model_off || (!vietnamese && self.trace.is_none()) {
            Vec::new()
        } else {
            self.judge_names()
        };
        (group_mentions(self.cands, self.known, vietnamese), traced)
    }

    /// Reads one sentence.
    pub fn sentence(&mut self, s: &Sentence<'a>) {
        let marked = s.toks.iter().filter(|t| !t.ascii).count();
        self.words += s.len();
        self.marked_words += marked;
        self.vietnamese_sentence = marked * 6 > s.len();
        let mut info = std::mem::take(&mut self.info);
        lexicon::look_up(self.lex, s, &mut info);
        let view = View::new(s, &info);
        if !self.lineup(&view) {
            self.words_of(&view);
        }
        self.info = info;
    }

    fn words_of(&mut self, v: &View<'_, 'a>) {
        let s = v.s;
        let n = s.len();
        let mut i = 0;
        // Tokens left during which a capitalised name is a place or thing (after `phố`, `tàu`).
        let mut thing = 0usize;
        while i < n {
            // Most words are lower case and in no list: nothing to do but count down.
            if !s.toks[i].cap && !v.known(i) {
                if thing > 0 {
                    thing -= 1;
                    // `hãng bay của đại gia Trịnh Văn Quyết`: a new phrase, not the thing's name.
                    if s.toks[i].trail != Trail::None || ends_thing(s.low(i)) {
                        thing = 0;
                    }
                }
                i += 1;
                continue;
            }
            if let Some((len, cue)) = self.cue_at(v, i) {
                thing = 0;
                let (cand, next) = self.after_cue(v, i + len, cue);
                if let Some(c) = cand {
                    self.cands.push(c);
                }
                i = next.max(i + len);
                continue;
            }
            if let Some(len) = v.at(Kind::Place, i) {
                i = self.after_thing(v, i + len, &mut thing);
                continue;
            }
            if let Some(len) = self.thing_at(v, i, false).or_else(|| v.at(Kind::NamedBody, i)) {
                // `phố Trần Hưng Đạo`, `Trường THPT Chu Văn An`: the next name is not a person.
                thing = 6;
                if s.toks[i + len - 1].trail != Trail::None {
                    thing = 0;
                }
                i += len;
                continue;
            }
            if s.toks[i].cap && namey(s.word(i)) {
                let end = self.run_end(v, i);
                let mut start = i;
                if thing > 0 {
                    // `tỉnh Quảng Trị Phạm Hồng Quân`: the place ends the thing.
                    let after = skip_places(v, i, end);
                    if after == i {
                        i = self.after_thing(v, end, &mut thing);
                        continue;
                    }
                    start = after;
                }
                thing = 0;
                i = self.name_run(v, start, end);
                continue;
            }
            if thing > 0 {
                thing -= 1;
                if s.toks[i].trail != Trail::None {
                    thing = 0;
                }
            }
            i += 1;
        }
    }

    /// A capitalised run `start..end` outside any thing: its candidate, if a person's; returns
    /// where to go on.
    fn name_run(&mut self, v: &View<'_, 'a>, mut start: usize, end: usize) -> usize {
        let s = v.s;
        if end - start >= 2
            && s.toks[start].first
            && opens_sentence(s.low(start))
            && !self.surname_at(v, start)
        {
            // `Sau Hùng Dũng, tới lượt Trọng Hoàng`: the sentence's first word is not the name's.
            start += 1;
        }
        if street_at(v, start, end) {
            return end;
        }
        match self.classify(v, start, end, false, true) {
            Judged::Name(mut c) => {
                if c.strength == Strength::Weak {
                    self.judge(v, &mut c);
                }
                self.cands.push(c)
            }
            Judged::TitleOnly => {
                // `Chairman of the Hanoi People's Committee Tran Sy Thanh`
                let (cand, next) = self.after_cue(v, end, Cue::Title);
                if let Some(c) = cand {
                    self.cands.push(c);
                }
                return next.max(end);
            }
            Judged::Nothing => {}
        }
        end
    }

    /// After a place or thing name ending before `end`: an enumeration (`phố Kim Mã, phố Tôn
    /// Đức Thắng và phố Đào Duy Anh`, `Nguyễn Trãi, Giải Phóng và Nguyễn Văn Cừ`) keeps the
    /// next name a thing too.
    fn after_thing(&self, v: &View, end: usize, thing: &mut usize) -> usize {
        let s = v.s;
        let was = *thing > 0;
        *thing = 0;
        if !was || end == 0 || end >= s.len() {
            return end;
        }
        match s.toks[end - 1].trail {
            Trail::Comma => *thing = 1,
            Trail::None if matches!(s.low(end), "và" | "hoặc" | "and" | "or") => *thing = 2,
            // `Trường Tiểu học Đoàn Thị Điểm`: the thing's name goes on in lower case.
            Trail::None if !s.toks[end].cap && s.toks[end].open.is_none() => *thing = 4,
            _ => {}
        }
        end
    }

    /// End (exclusive) of the run of capitalised words starting at `i`.
    fn run_end(&self, v: &View, i: usize) -> usize {
        let s = v.s;
        let mut j = i + 1;
        while j < s.len() && j - i < 10 && s.joined(j - 1) {
            let w = s.word(j);
            if is_initial(s.word(j - 1)) && !w.is_ascii() {
                // `cháu M. Lúc đó`: an initial ends a sentence the splitter kept whole.
                break;
            }
            let ok = if s.toks[j].cap {
                namey(w) && (v.at(Kind::Title, j).is_none() || self.title_is_given_name(v, i, j))
            } else {
                // `Ursula von der Leyen`, `Anwar bin Ibrahim`
                v.has(j, flag::PARTICLE)
                    && j + 1 < s.len()
                    && s.joined(j)
                    && s.toks[j + 1].cap
                    && namey(s.word(j + 1))
            };
            if !ok {
                break;
            }
            j += 1;
        }
        j
    }
}

/// Whether the capitalised run `k..end` is a street by where it stands: after a house number
/// (`số 160/16 Võ Thị Sáu`, `45B Lý Thường Kiệt`) or in a route of places joined by dashes
/// (`đoạn Nội Bài - Hoàng Hoa Thám - Bờ Hồ`).
fn street_at(v: &View, k: usize, end: usize) -> bool {
    let s = v.s;
    if k > 0 && s.toks[k - 1].trail == Trail::None && s.toks[k].open.is_none() {
        let prev = s.word(k - 1);
        let digits = prev.bytes().next().is_some_and(|b| b.is_ascii_digit());
        let house = prev.contains('/') || prev.bytes().last().is_some_and(|b| b.is_ascii_alphabetic());
        if digits && (house || (k > 1 && s.low(k - 2) == "số")) {
            return true;
        }
    }
    let dash = |a: usize| {
        let (Some(x), Some(y)) = (s.toks.get(a), s.toks.get(a + 1)) else {
            return false;
        };
        let between = s.text.get(x.range().end..y.range().start).unwrap_or("").trim();
        matches!(between, "-" | "–")
    };
    let place_ending_at =
        |e: usize| (e.saturating_sub(4)..e).any(|j| v.at(Kind::Place, j).is_some_and(|l| j + l == e));
    (k > 0 && dash(k - 1) && place_ending_at(k))
        || (end < s.len() && dash(end - 1) && v.at(Kind::Place, end).is_some())
}

/// Vietnamese words that open a sentence, capitalised there, before a name: never its first word.
fn opens_sentence(low: &str) -> bool {
    matches!(
        low,
        "sau"
            | "trước"
            | "theo"
            | "với"
            | "khi"
            | "trong"
            | "ngoài"
            | "tại"
            | "ở"
            | "cùng"
            | "cả"
            | "các"
            | "những"
            | "nhưng"
            | "và"
            | "hay"
            | "nếu"
            | "dù"
            | "vì"
            | "do"
            | "để"
            | "cho"
            | "bởi"
            | "đến"
            | "về"
            | "trên"
            | "dưới"
            | "giữa"
            | "gồm"
            | "như"
            | "là"
            | "thì"
            | "mà"
            | "nên"
            | "được"
            | "bị"
            | "đó"
            | "này"
            | "ngay"
            | "chỉ"
            | "đã"
            | "sẽ"
            | "đang"
            | "vẫn"
            | "cũng"
            | "còn"
            | "rồi"
            | "lại"
            | "mới"
            | "riêng"
            | "thậm"
            | "tuy"
            | "vậy"
            | "chính"
            | "thế"
            | "hiện"
            | "ngoải"
            | "nhờ"
            | "qua"
    )
}

/// Vietnamese words that start a new phrase: a thing's name (`hãng ...`, `tàu ...`) is over.
fn ends_thing(low: &str) -> bool {
    matches!(
        low,
        "của" | "cho" | "với" | "do" | "là" | "bởi" | "khi" | "nhưng" | "thì" | "mà" | "được" | "bị"
    )
}

impl Finder<'_, '_> {
    /// A thing's kind word at `i` (`tàu`, `hồ`), and its length; not a surname that is also
    /// one (`Hồ`: a lake, and the surname of Hồ Chí Minh) when it is capitalised and two
    /// capitalised words follow: `Chủ tịch Hồ Chí Minh`, `ca sĩ Hồ Ngọc Hà`, but `hồ Ba Bể`,
    /// `Hồ Tây`. A lake of three words (`Hồ Hoàn Kiếm`) is left to the places in its name.
    /// `Hồ Chí Minh` is the city unless a title stands right before it (`Chủ tịch Hồ Chí Minh`).
    fn thing_at(&self, v: &View, i: usize, after_title: bool) -> Option<usize> {
        let len = v.at(Kind::Thing, i)?;
        let s = v.s;
        let name_word = |k: usize| k < s.len() && s.toks[k].cap && namey(s.word(k)) && s.joined(k - 1);
        let surname = len == 1 && s.toks[i].cap && self.surname_at(v, i);
        let city = || s.low(i + 1) == "chí" && s.low(i + 2) == "minh";
        if surname && name_word(i + 1) && name_word(i + 2) && (after_title || !city()) {
            return None;
        }
        Some(len)
    }

    /// A capitalised title at `j` inside the run from `i` is the given name (`Nguyễn Tân Cương`,
    /// `Phạm Quốc Vương`, `Nguyễn Văn Tân`): right after a Vietnamese surname, or a word of one
    /// syllable within a Vietnamese name's length; not a role glued to a full name (`Nguyễn
    /// Văn An Giám đốc`) nor an acronym (`BS`).
    fn title_is_given_name(&self, v: &View, i: usize, j: usize) -> bool {
        let len = v.at(Kind::Title, j).unwrap_or(0);
        // Its words capitalised as a name's are (`Đoàn Luật sư`, the bar, is a body).
        let capitalised = (j..j + len).all(|x| x < v.s.len() && v.s.toks[x].cap);
        self.surname_at(v, i)
            && capitalised
            && (j == i + 1 || (j <= i + 3 && len == 1 && !is_acronym(v.s.word(j))))
    }

    /// Token `k` is a Vietnamese surname (marked, or folded in text without marks).
    fn surname_at(&self, v: &View, k: usize) -> bool {
        v.has(k, flag::SURNAME) || (v.s.word(k).is_ascii() && v.has(k, flag::SURNAME_ASCII))
    }
}

#[cfg(test)]
mod tests {
    use super::group::parts_of;
    use super::*;

    fn people(text: &str) -> Vec<String> {
        let blocks = vec![Block::Paragraph {
            text: text.to_string(),
        }];
        display_names(&find("", &blocks))
            .iter()
            .map(|n| n.to_string())
            .collect()
    }

    fn partials(text: &str) -> Vec<String> {
        let blocks = vec![Block::Paragraph {
            text: text.to_string(),
        }];
        find("", &blocks)
            .into_iter()
            .filter(|m| m.partial)
            .map(|m| m.name.to_string())
            .collect()
    }

    #[test]
    fn title_cues() {
        assert_eq!(
            people("Thủ tướng Phạm Minh Chính chủ trì hội nghị."),
            vec!["Phạm Minh Chính"]
        );
        assert_eq!(
            people("Đội trưởng Huỳnh Như và tiền vệ Đinh Văn Toàn ghi bàn."),
            vec!["Huỳnh Như", "Đinh Văn Toàn"]
        );
        assert_eq!(
            people("Nhà văn Nguyễn Nhật Ánh giao lưu."),
            vec!["Nguyễn Nhật Ánh"]
        );
        assert_eq!(
            people("Thủ tướng yêu cầu các bộ hành động."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn names_after_ministry_and_country() {
        assert_eq!(
            people("Bộ trưởng Quốc phòng Nhật Bản Nakatani Gen tiếp người đồng cấp Mỹ Pete Hegseth."),
            vec!["Nakatani Gen", "Pete Hegseth"]
        );
        assert_eq!(
            people("Người phát ngôn Bộ Ngoại giao Trung Quốc Mao Ninh trả lời."),
            vec!["Mao Ninh"]
        );
        assert_eq!(
            people("Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh kiểm tra."),
            vec!["Trần Sỹ Thanh"]
        );
        assert_eq!(
            people("Phó Chủ tịch Hội đồng An ninh Nga Dmitry Medvedev có mặt."),
            vec!["Dmitry Medvedev"]
        );
        assert_eq!(
            people("Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn đề nghị."),
            vec!["Bùi Thanh Sơn"]
        );
        assert_eq!(
            people("Ông Hải, Giám đốc Công ty Cổ phần Xe điện Lạc Hồng, phát biểu."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn anh_is_britain_unless_a_cue() {
        assert_eq!(
            people("Thủ tướng Anh Keir Starmer cho biết Anh sẽ không đứng ngoài."),
            vec!["Keir Starmer"]
        );
        assert_eq!(
            people("Anh Trương Gia Huy nói anh phải đi sớm. Gặp anh Trần Đức Mạnh."),
            vec!["Trương Gia Huy", "Trần Đức Mạnh"]
        );
        assert_eq!(people("Anh, Pháp và Canada cảnh báo."), Vec::<String>::new());
    }

    #[test]
    fn places_bodies_and_things_are_not_people() {
        assert_eq!(
            people("Phố Trần Hưng Đạo, đường Lê Duẩn và phố Lý Thường Kiệt sẽ được thi công."),
            Vec::<String>::new()
        );
        assert_eq!(
            people("Trường THPT Chu Văn An và Nhà xuất bản Kim Đồng ở TP Hồ Chí Minh."),
            Vec::<String>::new()
        );
        assert_eq!(
            people("Tàu ngầm lớp Dosan Ahn Chang-ho chạy bằng diesel."),
            Vec::<String>::new()
        );
        assert_eq!(
            people("Làn ưu tiên trên các trục như Nguyễn Trãi, Giải Phóng và Nguyễn Văn Cừ."),
            Vec::<String>::new()
        );
        assert_eq!(
            people("Bình Nhưỡng phóng tên lửa Hwasong-18 từ Triều Tiên."),
            Vec::<String>::new()
        );
        assert_eq!(
            people("Các biểu hiện bài Do Thái bị lên án."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn doi_tuong_is_not_a_general() {
        assert_eq!(
            people("Đối tượng Nguyễn bị bắt. Các đối tượng Khánh Hòa."),
            Vec::<String>::new()
        );
        assert_eq!(people("Tướng Xavier Brunson phát biểu."), vec!["Xavier Brunson"]);
    }

    #[test]
    fn english_titles() {
        assert_eq!(
            people("U.S. Defense Secretary Pete Hegseth met South Korean Defense Minister Ahn Gyu-back."),
            vec!["Pete Hegseth", "Ahn Gyu-back"]
        );
        assert_eq!(
            people("Secretary of State Marco Rubio met Chinese Foreign Ministry spokeswoman Mao Ning."),
            vec!["Marco Rubio", "Mao Ning"]
        );
        assert_eq!(
            people("Chairman of the Hanoi People's Committee Tran Sy Thanh spoke on Lincoln Avenue."),
            vec!["Tran Sy Thanh"]
        );
        assert_eq!(
            people("South Korea's new defense minister, Ahn Gyu-back, took office. Ahn said so."),
            vec!["Ahn Gyu-back"]
        );
        assert_eq!(
            people("Typhoon Kalmaegi hit Hoi An. Kalmaegi weakened."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn lone_surnames_resolve_in_the_article() {
        assert_eq!(
            people("Ông Nguyễn Văn Hùng, Giám đốc Sở, cho biết. Theo ông Hùng, việc đã xong."),
            vec!["Nguyễn Văn Hùng"]
        );
        // Two Lees: the lone one stays unresolved and is not kept for the archive either.
        let t = "Tổng thống Lee Jae-myung gặp cựu Bộ trưởng Lee Sang-min. Ông Lee nói.";
        assert_eq!(people(t), vec!["Lee Jae-myung", "Lee Sang-min"]);
        assert!(partials(t).is_empty());
        // No full name here: a foreign surname is the person, as the article names him; a
        // short name that may be anyone's is kept for the archive.
        let t = "Bộ trưởng Hegseth, ông Ahn và ông Tuấn hội đàm.";
        assert_eq!(people(t), vec!["Hegseth", "Ahn"]);
        assert_eq!(partials(t), vec!["Tuấn"]);
        assert_eq!(
            people("Tiền đạo Nguyễn Xuân Son ghi bàn. Chiến thắng dành tặng Xuân Son."),
            vec!["Nguyễn Xuân Son"]
        );
        let m = find(
            "",
            &[Block::Paragraph {
                text: "Tiền đạo Nguyễn Xuân Son ghi bàn. Chiến thắng dành tặng Xuân Son.".into(),
            }],
        );
        // One person, whatever spellings it is written in.
        assert_eq!(display_names(&m).len(), 1, "{m:?}");
        assert!(m.iter().all(|x| x.group == m[0].group), "{m:?}");
    }

    #[test]
    fn spellings_group_in_the_article() {
        let m = find(
            "",
            &[Block::Paragraph {
                text: "Bộ trưởng Ahn Gyu-back, còn gọi là ông Ahn Gyu-baek. Ông Ahn nói.".into(),
            }],
        );
        assert_eq!(m.iter().filter(|m| m.partial).count(), 0);
        assert!(m.iter().all(|x| x.group == 0));
    }

    #[test]
    fn captions_and_titles_count() {
        let blocks = vec![
            Block::Caption {
                text: "Bà Vương Thị Lan (giữa) hướng dẫn học viên.".into(),
                credit: Some("Ảnh: TTXVN".into()),
            },
            Block::Paragraph {
                text: "Lớp học mở cửa.".into(),
            },
        ];
        assert_eq!(
            display_names(&find("Tổng thống Lee…", &blocks))
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>(),
            vec!["Vương Thị Lan"]
        );
    }

    #[test]
    fn names_are_borrowed_when_single_spaced() {
        for (text, want, borrowed) in [
            ("Ông Nguyễn Văn An nói", "Nguyễn Văn An", true),
            ("Ông Nguyễn  Văn An nói", "Nguyễn Văn An", false),
            ("Ông Nguyễn\tVăn\u{a0}An nói", "Nguyễn Văn An", false),
        ] {
            let s = Sentence::new(text);
            let name = name_of(&s, 1, 4);
            assert_eq!(name, want, "{text:?}");
            assert_eq!(matches!(name, Cow::Borrowed(_)), borrowed, "{text:?}");
        }
    }

    #[test]
    fn quick_word_tests_agree_with_their_definitions() {
        let mut words = vec![String::new()];
        for c in char::MIN..=char::MAX {
            for w in [
                format!("{c}"),
                format!("{c}."),
                format!("A{c}"),
                format!("Nguy{c}n"),
                format!("Đ{c}"),
                format!("{c}ạ"),
            ] {
                assert_eq!(namey(&w), namey_plain(&w), "{w:?}");
                assert_eq!(is_initial(&w), is_initial_plain(&w), "{w:?}");
            }
        }
        let pieces = [
            "A", "a", "Đ", "ạ", "Ư", "’", "'", "-", ".", "×", "÷", "1", "ß", "Ǆ", "ǅ", "\u{300}", "Ω",
        ];
        let mut next = crate::text::test_rng(0x004a_3e77);
        for _ in 0..50_000 {
            let n = (next() % 6) as usize;
            words.push(crate::text::test_mix(&mut next, &pieces, n));
        }
        for w in &words {
            assert_eq!(namey(w), namey_plain(w), "{w:?}");
            assert_eq!(is_initial(w), is_initial_plain(w), "{w:?}");
        }
    }

    #[test]
    fn parts_split_at_spaces_and_hyphens() {
        for name in [
            "Nguyễn Xuân Son",
            "Ahn Gyu-back",
            "Lee Jae--myung -",
            "Ferdinand Marcos Jr.",
            "-a- b",
            "",
        ] {
            let want: Vec<&str> = spelling::words_iter(name)
                .flat_map(|w| w.split('-'))
                .filter(|p| !p.is_empty())
                .collect();
            assert_eq!(parts_of(name), want, "{name}");
        }
    }

    #[test]
    fn never_panics() {
        for t in [
            "ông",
            "Bộ trưởng",
            "Mr.",
            "Anh",
            "( Ông )",
            "ông Ạ-",
            "Chủ tịch UBND tỉnh",
            "'s",
        ] {
            let _ = people(t);
        }
    }
}
