//! People across the archive: the pass that turns every article's mentions into canonical names,
//! and the persons of the archive it yields.
//!
//! One person, one name: spellings are merged when an article groups them, when they share a
//! variant key (`Gyu-back` / `Gyu Baek`, `Shinjiro Koizumi` / `Koizumi Shinjiro`, see `names`),
//! when the known list lists them as aliases, or when one is the other written without marks
//! (`Tran Sy Thanh` / `Trần Sỹ Thanh`). The canonical name is the known list's name, else the
//! fullest, most frequent spelling. A surname or given name alone that its article could not
//! settle goes to the known person whose one-word name it is (`Messi`), or who alone has that
//! surname when it is a rare one (`Hegseth`, not `Torres`); never to a person of another
//! article. A foreign one-word name no known person is called stays a person of its own.

use super::find::group::{foreign_surname, part_of, parts_of};
use super::find::{Mention, Name, UnionFind};
use super::known::KnownPeople;
use super::spelling;
use crate::hash::{FastMap, FastSet};
use crate::text::{fold, has_marks};
use serde::Serialize;
use std::collections::HashSet;

mod company;
mod display;
use company::by_context;
use display::{display_name, fullest_written, most_written, written_most};

/// What the archive-wide pass reads of an article: the names it writes and the persons it holds.
pub trait Mentions {
    /// Names as the article writes them, grouped by person (see [`Mention`]).
    fn mentions(&self) -> &[Mention];
    /// Canonical names of its persons now, in order of first mention.
    fn persons(&self) -> &[Name];
}

/// One person of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The canonical name.
    pub name: String,
    /// Other spellings seen in the archive, most written first.
    pub aliases: Vec<String>,
    /// Articles naming the person.
    pub articles: usize,
    /// From the known-people list, when the person is in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The persons of an archive, most named first, with lookups for typed names.
#[derive(Debug, Clone, Default)]
pub struct PersonIndex {
    persons: Vec<Person>,
    by_name: FastMap<String, usize>,
    /// Folded canonical names and every alias (seen or known), hyphens as spaces → person.
    search: Vec<(String, usize)>,
}

impl PersonIndex {
    /// What the index is made of, for saving (see `store::cache`).
    pub fn parts(&self) -> (&[Person], &[(String, usize)]) {
        (&self.persons, &self.search)
    }

    /// An index from saved parts; `search` must point into `persons`.
    pub fn from_parts(persons: Vec<Person>, search: Vec<(String, usize)>) -> Self {
        let by_name = persons
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        PersonIndex {
            persons,
            by_name,
            search,
        }
    }

    /// Persons, most named first (ties by name).
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    pub fn len(&self) -> usize {
        self.persons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// A person by canonical name.
    pub fn get(&self, name: &str) -> Option<&Person> {
        self.by_name.get(name).map(|&i| &self.persons[i])
    }

    /// The canonical name for a spelling (any alias, seen or known), when one person has it.
    pub fn canonical(&self, spelling: &str) -> Option<&str> {
        let f = search_form(spelling);
        let mut hit = None;
        for (s, i) in &self.search {
            if *s == f {
                if hit.is_some_and(|h| h != *i) {
                    return None;
                }
                hit = Some(*i);
            }
        }
        hit.map(|i| self.persons[i].name.as_str())
    }

    /// Persons whose name or an alias has a word starting with what the user typed (folded,
    /// so `hegseth`, `ahn gyu`, `nguyen van` and `Lee Jae-myung` all work), most named first.
    pub fn matching(&self, typed: &str) -> Vec<&Person> {
        let t = search_form(typed);
        if t.is_empty() {
            return self.persons.iter().collect();
        }
        let mut hits: Vec<usize> = self
            .search
            .iter()
            .filter(|(s, _)| starts_word(s, &t))
            .map(|(_, i)| *i)
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter().map(|i| &self.persons[i]).collect()
    }

    /// The folded canonical names a typed person term stands for (`@ahn`, `@gyu baek`); `None`
    /// when no person matches.
    pub fn resolve(&self, typed: &str) -> Option<HashSet<String>> {
        let set: HashSet<String> = self.matching(typed).into_iter().map(|p| fold(&p.name)).collect();
        (!set.is_empty()).then_some(set)
    }

    /// Whether a folded name typed so far could continue into a person's name (for `@lee jae
    /// myung` taking three words).
    pub fn extends(&self, folded: &str) -> bool {
        let t = search_form(folded);
        !t.is_empty() && self.search.iter().any(|(s, _)| starts_word(s, &t))
    }
}

/// Folded, hyphens and dots as spaces, single spaces.
fn search_form(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    for w in f.split(|c: char| c.is_whitespace() || c == '-' || c == '.') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn starts_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(i, _)| i == 0 || hay.as_bytes().get(i - 1) == Some(&b' '))
}

/// One spelling met in the archive or the known list.
struct Spelling {
    text: String,
    /// Times written across the archive.
    count: u32,
    /// Articles writing it.
    articles: u32,
    known: Option<usize>,
}

/// Resolves every article's mentions to canonical names. Returns the persons of the articles
/// whose persons change (by index in `articles`, ascending) and the archive's person index.
///
/// Only changes come back, and the tables in between are flat: this runs beside a whole store
/// (at a million articles, per-article vectors of everything cost hundreds of megabytes).
#[allow(clippy::too_many_lines)] // one pass over flat tables, in the order the merging rules apply (spellings, keys, known list, lone names); it is rewritten with the persons work of issue 14
pub fn resolve<A: Mentions>(articles: &[A], known: &KnownPeople) -> (Vec<(u32, Vec<Name>)>, PersonIndex) {
    let mut spellings: Vec<Spelling> = Vec::new();
    let mut ids: FastMap<String, usize> = FastMap::default();
    let mut intern = |text: &str, spellings: &mut Vec<Spelling>| -> usize {
        if let Some(&i) = ids.get(text) {
            return i;
        }
        ids.insert(text.to_string(), spellings.len());
        spellings.push(Spelling {
            text: text.to_string(),
            count: 0,
            articles: 0,
            known: None,
        });
        spellings.len() - 1
    };
    // Spelling ids of each article's groups (full names only): article i's are
    // `group_ids[group_at[i]..group_at[i + 1]]`.
    let mut group_ids: Vec<(u16, u32)> = Vec::new();
    let mut group_at: Vec<u32> = Vec::with_capacity(articles.len() + 1);
    group_at.push(0);
    for a in articles {
        for m in a.mentions().iter().filter(|m| !m.partial) {
            let id = intern(&m.name, &mut spellings);
            spellings[id].count += m.count;
            spellings[id].articles += 1;
            group_ids.push((m.group, id as u32));
        }
        group_at.push(group_ids.len() as u32);
    }
    let groups = group_at
        .windows(2)
        .map(|w| &group_ids[w[0] as usize..w[1] as usize]);
    let mut known_ids: Vec<usize> = Vec::with_capacity(known.len());
    for (k, p) in known.people().iter().enumerate() {
        let id = intern(&p.name, &mut spellings);
        known_ids.push(id);
        for a in &p.aliases {
            if spelling::words(a).len() >= 2 {
                let aid = intern(a, &mut spellings);
                spellings[aid].known.get_or_insert(k);
            }
        }
        spellings[id].known = Some(k);
    }

    let mut uf = Guarded {
        uf: UnionFind::new(spellings.len()),
        known: spellings.iter().map(|s| s.known).collect(),
    };
    // Known people: name and aliases are one.
    for (k, p) in known.people().iter().enumerate() {
        let root = known_ids[k];
        for a in &p.aliases {
            if let Some(&aid) = ids.get(a.as_str()) {
                uf.union(root, aid);
            }
        }
    }
    // A name of one word the list settles (`Ederson`, `Kante`) is that person's spelling: he
    // is shown as the archive writes him.
    for (i, s) in spellings.iter().enumerate() {
        if s.articles > 0 && spelling::words_iter(&s.text).nth(1).is_none() {
            if let Some(k) = settle(known, &s.text) {
                uf.union(known_ids[k], i);
            }
        }
    }
    // What one article groups, is one: its full names (two words or more). A word alone that
    // the article grouped with a full name stays that article's own: across articles it would
    // join everyone sharing it (`Silva` with David and Bernardo).
    let mut first_of: Vec<Option<usize>> = Vec::new();
    for g in groups.clone() {
        first_of.clear();
        for &(gx, ix) in g {
            let (gx, ix) = (gx as usize, ix as usize);
            if !is_full(&spellings[ix].text) || short_form(ix, gx, g, &spellings) {
                continue;
            }
            if first_of.len() <= gx {
                first_of.resize(gx + 1, None);
            }
            match first_of[gx] {
                Some(iy) => uf.union(iy, ix),
                None => first_of[gx] = Some(ix),
            }
        }
    }
    // Variant spellings.
    let mut by_key: FastMap<String, usize> = FastMap::default();
    for (i, s) in spellings.iter().enumerate() {
        for k in spelling::variant_keys_cached(&s.text).iter() {
            match by_key.get(k) {
                Some(&j) => uf.union(j, i),
                None => {
                    by_key.insert(k.clone(), i);
                }
            }
        }
    }
    // A spelling without marks joins the one marked spelling that folds to it.
    let mut by_fold: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, s) in spellings.iter().enumerate() {
        if has_marks(&s.text) {
            by_fold.entry(spelling::fold_key(&s.text)).or_default().push(i);
        }
    }
    for (i, s) in spellings.iter().enumerate() {
        if has_marks(&s.text) {
            continue;
        }
        if let Some(marked) = by_fold.get(&spelling::fold_key(&s.text)) {
            let mut roots: Vec<usize> = marked.iter().map(|&m| uf.find(m)).collect();
            roots.sort_unstable();
            roots.dedup();
            if roots.len() == 1 {
                uf.union(roots[0], i);
            }
        }
    }

    // Persons: roots with at least one article.
    let n = spellings.len();
    let roots: Vec<usize> = (0..n).map(|i| uf.find(i)).collect();
    let mut present: FastSet<usize> = FastSet::default();
    for (i, s) in spellings.iter().enumerate() {
        if s.articles > 0 {
            present.insert(roots[i]);
        }
    }
    let mut all_members: FastMap<usize, Vec<usize>> = FastMap::default();
    for (i, &r) in roots.iter().enumerate() {
        all_members.entry(r).or_default().push(i);
    }
    let members: FastMap<usize, &Vec<usize>> = all_members
        .iter()
        .filter(|(r, _)| present.contains(r))
        .map(|(r, m)| (*r, m))
        .collect();
    let mut canonical: FastMap<usize, Name> = FastMap::default();
    let mut role: FastMap<usize, Option<String>> = FastMap::default();
    for (&root, &ms) in &members {
        let k = ms.iter().find_map(|&i| uf.known[i]);
        // A known person is shown as the archive writes him: in full (`Tập Cận Bình` in
        // Vietnamese news, `Xi Jinping` in English, `Trấn Thành`), else by the one-word name he
        // is known by (`Rodri`, not a birth name no article writes); the list's name when the
        // archive writes only a surname (`Hegseth`). A name the user chose is kept.
        let listed_written = |k: usize| {
            ms.iter()
                .any(|&i| spellings[i].articles > 0 && spellings[i].text == known.people()[k].name)
        };
        let name = match k {
            // The user's choice, or the list's name when the archive writes it (`Lionel Messi`
            // over a nickname written more often).
            Some(k) if known.people()[k].chosen || listed_written(k) => known.people()[k].name.clone(),
            Some(k) => written_most(ms, &spellings)
                .or_else(|| fullest_written(ms, &spellings))
                .or_else(|| {
                    // A name the list gives him that the archive writes (`Trấn Thành`,
                    // `Neymar`, `Rodri`), not a surname alone (`Hegseth` stays `Pete Hegseth`).
                    let own: Vec<usize> = ms
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let t = &spellings[i].text;
                            let listed = if spelling::words_iter(t).nth(1).is_none() {
                                known.single(&t.to_lowercase())
                            } else {
                                known.lookup(t)
                            };
                            listed == Some(k)
                        })
                        .collect();
                    most_written(&own, &spellings)
                })
                .map_or_else(|| known.people()[k].name.clone(), |s| s.text.clone()),
            None => display_name(ms, &spellings),
        };
        canonical.insert(root, name.into());
        role.insert(root, k.and_then(|k| known.people()[k].role.clone()));
    }
    let known_root = |k: usize| roots[known_ids[k]];
    let settle_known = |word: &str| settle(known, word).map(known_root);
    // Each article's persons, as roots: article i's are `per_article[at[i]..at[i + 1]]`.
    let mut per_article: Vec<u32> = Vec::new();
    let mut at: Vec<u32> = Vec::with_capacity(articles.len() + 1);
    at.push(0);
    let mut counts: FastMap<usize, usize> = FastMap::default();
    for (a, g) in articles.iter().zip(groups) {
        let from = per_article.len();
        let mut gi = 0;
        for m in a.mentions() {
            let target = if !m.partial {
                gi += 1;
                // A word alone goes to the full name its article grouped it with, if any.
                g.get(gi - 1).map(|&(group, id)| {
                    let id = id as usize;
                    let long = |ix: usize| {
                        is_full(&spellings[ix].text) && !short_form(ix, group as usize, g, &spellings)
                    };
                    if long(id) {
                        return roots[id];
                    }
                    if let Some(&(_, ix)) = g.iter().find(|&&(gx, ix)| gx == group && long(ix as usize)) {
                        return roots[ix as usize];
                    }
                    // A one-word name (`Trump`): the full name the archive knows it by, else
                    // its own.
                    let text = &spellings[id].text;
                    let one_word = spelling::words_iter(text).nth(1).is_none();
                    one_word
                        .then(|| settle_known(text))
                        .flatten()
                        .unwrap_or(roots[id])
                })
            } else {
                settle_known(&m.name)
            };
            if let Some(t) = target.filter(|&t| !per_article[from..].contains(&(t as u32))) {
                per_article.push(t as u32);
            }
        }
        at.push(per_article.len() as u32);
    }
    let (per_article, at) = by_context(per_article, &at, &spellings, &roots, &uf);
    for &r in &per_article {
        *counts.entry(r as usize).or_default() += 1;
    }
    for &r in counts.keys() {
        canonical_of(r, &mut canonical, &spellings, known, &uf);
    }

    // The index: most named first, ties by name.
    let mut order: Vec<(usize, usize)> = counts.iter().map(|(&r, &n)| (r, n)).collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| canonical[&a.0].cmp(&canonical[&b.0])));
    let mut persons: Vec<Person> = Vec::with_capacity(order.len());
    let mut search: Vec<(String, usize)> = Vec::new();
    for (root, n) in order {
        let name = &canonical[&root];
        let ms: &[usize] = all_members.get(&root).map_or(&[], Vec::as_slice);
        let mut seen: Vec<&Spelling> = ms
            .iter()
            .filter(|&&i| spellings[i].articles > 0 && *spellings[i].text != **name)
            .map(|&i| &spellings[i])
            .collect();
        seen.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        let idx = persons.len();
        search.push((search_form(name), idx));
        for &i in ms {
            search.push((search_form(&spellings[i].text), idx));
        }
        if let Some(k) = ms.iter().find_map(|&i| uf.known[i]).or(uf.known[root]) {
            for a in &known.people()[k].aliases {
                search.push((search_form(a), idx));
            }
        }
        persons.push(Person {
            name: name.to_string(),
            aliases: seen.into_iter().map(|s| s.text.clone()).collect(),
            articles: n,
            role: role
                .get(&root)
                .cloned()
                .flatten()
                .or_else(|| uf.known[root].and_then(|k| known.people()[k].role.clone())),
        });
    }
    let mut changed: Vec<(u32, Vec<Name>)> = Vec::new();
    for (i, (a, w)) in articles.iter().zip(at.windows(2)).enumerate() {
        let roots = &per_article[w[0] as usize..w[1] as usize];
        let name = |r: &u32| &canonical[&(*r as usize)];
        let same =
            a.persons().len() == roots.len() && a.persons().iter().zip(roots).all(|(p, r)| p == name(r));
        if !same {
            changed.push((i as u32, roots.iter().map(|r| name(r).clone()).collect()));
        }
    }
    search.sort();
    search.dedup();
    (changed, PersonIndex::from_parts(persons, search))
}

/// The canonical name of a person root, computing it for a known person that no article
/// spells out (only named by a lone surname).
fn canonical_of(
    root: usize,
    canonical: &mut FastMap<usize, Name>,
    spellings: &[Spelling],
    known: &KnownPeople,
    uf: &Guarded,
) -> Name {
    if let Some(n) = canonical.get(&root) {
        return n.clone();
    }
    let name: Name = uf.known[root]
        .map(|k| known.people()[k].name.as_str())
        .unwrap_or(spellings[root].text.as_str())
        .into();
    canonical.insert(root, name.clone());
    name
}

/// Whether spelling `ix` of group `gx` of an article is a short form of another spelling of
/// the same group (`Thanh Long` beside `Nguyễn Thanh Long`): the article settles who it is, but
/// across the archive it names whoever else is called so.
fn short_form(ix: usize, gx: usize, g: &[(u16, u32)], spellings: &[Spelling]) -> bool {
    let mine = parts_of(&spellings[ix].text);
    g.iter()
        .filter(|&&(x, other)| x as usize == gx && other as usize != ix)
        .any(|&(_, other)| part_of(&mine, &parts_of(&spellings[other as usize].text)))
}

/// A full name: two words or more (a word alone is a surname or given name), and for a
/// Vietnamese name of two syllables, a surname first: `Thanh Long`, `Tuấn Anh` are given
/// names that many people share, `Trịnh Sảng` is a full name.
fn is_full(name: &str) -> bool {
    let mut words = spelling::words_iter(name);
    let (Some(first), Some(_), third) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    if third.is_some() || !has_marks(name) {
        return true;
    }
    crate::lexicon::get().word_has(&first.to_lowercase(), crate::lexicon::flag::SURNAME)
}

/// The known person a word alone (`Messi`, `Bộ trưởng Hegseth`) names: the one whose one-word
/// name it is, or the one known person with that surname when the surname is rare. Not a
/// Vietnamese name (`ông Hùng`), nor one that names many more people than the list holds
/// (`Torres`, `Gomez`, `Davis`: common English proper names). The article's own full names
/// come first (see `find`); a person of another article never.
fn settle(known: &KnownPeople, word: &str) -> Option<usize> {
    let w = word.to_lowercase();
    if let Some(k) = known.single(&w) {
        return Some(k);
    }
    let rare = foreign_surname(word) && !crate::persons::find::model::en_proper().contains(w.as_str());
    match known.sharing_end(&w) {
        // Not a man known by one other word: `Correa` in a match report is Ángel Correa,
        // not Marquinhos, whose legal name ends `Corrêa`.
        [k] if rare && !known.only_legal_surname(*k, &w) => Some(*k),
        _ => None,
    }
}

/// A union-find that never joins two different known people.
struct Guarded {
    uf: UnionFind,
    /// Known person of each root.
    known: Vec<Option<usize>>,
}

impl Guarded {
    fn find(&mut self, i: usize) -> usize {
        self.uf.find(i)
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.uf.find(a), self.uf.find(b));
        if ra == rb {
            return;
        }
        let (ka, kb) = (self.known[ra], self.known[rb]);
        if ka.is_some() && kb.is_some() && ka != kb {
            return;
        }
        self.uf.union(ra, rb);
        let root = self.uf.find(ra);
        self.known[root] = ka.or(kb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article as the archive pass reads it.
    struct Art(Vec<Mention>, Vec<Name>);

    impl Mentions for Art {
        fn mentions(&self) -> &[Mention] {
            &self.0
        }
        fn persons(&self) -> &[Name] {
            &self.1
        }
    }

    fn mention(name: &str, group: u16) -> Mention {
        Mention {
            name: name.into(),
            group,
            count: 1,
            partial: false,
        }
    }

    #[test]
    fn a_word_alone_grouped_in_two_articles_joins_neither_full_name_to_the_other() {
        let articles = [
            Art(vec![mention("David Silva", 0), mention("Silva", 0)], vec![]),
            Art(vec![mention("Bernardo Silva", 0), mention("Silva", 0)], vec![]),
        ];
        let (changed, index) = resolve(&articles, &KnownPeople::default());
        let names: Vec<&str> = index.persons().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let of = |i: u32| changed.iter().find(|c| c.0 == i).map(|c| c.1.clone());
        assert_eq!(of(0), Some(vec![Name::from("David Silva")]));
        assert_eq!(of(1), Some(vec![Name::from("Bernardo Silva")]));
    }

    #[test]
    fn a_person_is_shown_under_the_full_name_written_most_often() {
        // Written in full as `Kiatisuk Senamuang` in three articles, once as a longer form.
        let mut articles: Vec<Art> = (0..3)
            .map(|_| Art(vec![mention("Kiatisuk Senamuang", 0)], vec![]))
            .collect();
        articles.push(Art(
            vec![
                mention("Zico Kiatisuk Senamuang Thái", 0),
                mention("Kiatisuk Senamuang", 0),
            ],
            vec![],
        ));
        let (_, index) = resolve(&articles, &KnownPeople::default());
        assert_eq!(index.persons()[0].name, "Kiatisuk Senamuang");
    }

    #[test]
    fn a_short_form_beside_its_full_name_does_not_take_namesakes_elsewhere() {
        // The minister's article writes him in full and short; another article's footballer is
        // only ever `Thanh Long`.
        let articles = [
            Art(
                vec![mention("Nguyễn Thanh Long", 0), mention("Thanh Long", 0)],
                vec![],
            ),
            Art(vec![mention("Thanh Long", 0)], vec![]),
        ];
        let (_, index) = resolve(&articles, &KnownPeople::default());
        let mut names: Vec<&str> = index.persons().iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Nguyễn Thanh Long", "Thanh Long"]);
    }
}
