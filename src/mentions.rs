//! Finding the gazetteer's places in article text (`sandtable mentions`).
//!
//! Text and names are folded alike ([`crate::names::fold_char`]), so case,
//! accents, Arabic letter variants, short vowels and tatweel never stop a
//! match; punctuation and quotation marks become spaces, and runs of spaces
//! collapse, so a name of several words matches across the spaces and
//! punctuation between them. A match must start and end at word edges
//! (`بشار` is not found inside `بشارة`).
//!
//! Arabic names also match behind the clitics that attach to them: the
//! conjunctions و and ف, the prepositions ب, ل and ك, and the article ال,
//! alone and combined (`وبالجزائر`, `لموسكو`, `بميناء`, and ل + ال written
//! `لل`). Russian names also match in their case forms (`в Москве`,
//! `Тарского`), generated from the nominative by common endings. The
//! reported span covers the whole written word, clitics and ending included.
//!
//! Ambiguity: where matches overlap, the longest wins (`ميناء الجزائر` is the
//! port, not the city). A name that is also a country's name (`الجزائر`,
//! `Алжир`: Algeria) is never matched alone: the city of Algiers is reported
//! only with context (`مدينة الجزائر`, `الجزائر العاصمة`, `Alger`, `Algiers`).
//!
//! Phrases that contain a site's name but mean something else ([`NOT_PLACES`]:
//! `بشار الأسد` is Bashar al-Assad, not Béchar) win the longest-match rule and
//! are dropped.
//!
//! The matcher is one Aho–Corasick automaton over every form of every name,
//! built once and run over each text in a single pass.

use crate::model::Site;
use crate::names::{fold_char, normalise};
use aho_corasick::{AhoCorasick, MatchKind};

/// Country names that are also site names; alone, they mean the country.
pub const COUNTRY_NAMES: &[&str] = &["الجزائر", "Алжир", "Algeria", "Algérie", "Algerie"];

/// Phrases that contain a site's name but are not the site: a person
/// (Bashar al-Assad is written بشار, like Béchar) or another place (the
/// Adrar des Ifoghas is in Mali). They take part in the longest-match rule
/// and are then dropped, so `بشار الأسد` is never reported as Béchar.
pub const NOT_PLACES: &[&str] = &[
    "بشار الأسد",
    "بشار حافظ الأسد",
    "الرئيس بشار",
    "Adrar des Ifoghas",
    "Adrar des Iforas",
];

/// Why a scan stopped.
#[derive(Debug)]
pub enum ScanError {
    /// The text could not be read, or is not UTF-8 (with the byte offset).
    Input(String),
    /// Writing what was found failed (a closed pipe, a full disk).
    Output(std::io::Error),
}

/// How much text [`Matcher::scan`] folds at once: memory for a scan is a
/// small multiple of this, whatever the file's size.
pub const CHUNK_BYTES: usize = 1 << 20;

/// The site id given to [`NOT_PLACES`] inside the matcher.
const NOT_A_PLACE: &str = "";

/// One mention of a site in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The site.
    pub site_id: String,
    /// The text as written, clitics and endings included.
    pub matched: String,
    /// Start offset in characters (Unicode scalar values), inclusive.
    pub start: usize,
    /// End offset in characters, exclusive.
    pub end: usize,
}

/// The compiled matcher.
///
/// ```
/// # let data = sandtable::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let m = sandtable::Matcher::new(&data.sites);
/// let found = m.find("وصلت السفينة بميناء الجزائر");
/// assert_eq!(found[0].site_id, "port-of-algiers");
/// assert_eq!(found[0].matched, "بميناء الجزائر");
/// assert!(m.find("زار الرئيس الجزائر").is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern, the site it names.
    sites: Vec<String>,
}

impl Matcher {
    /// Builds the automaton over every form of every site's names.
    pub fn new(sites: &[Site]) -> Matcher {
        let blocked: Vec<String> = COUNTRY_NAMES.iter().map(|n| normalise(n)).collect();
        let mut patterns: Vec<(String, String)> = Vec::new();
        for site in sites {
            for name in site.names().skip(1) {
                let name = normalise(name);
                if name.is_empty() || blocked.contains(&name) {
                    continue;
                }
                for form in forms(&name) {
                    patterns.push((form, site.id.clone()));
                }
            }
        }
        for phrase in NOT_PLACES {
            for form in forms(&normalise(phrase)) {
                patterns.push((form, NOT_A_PLACE.to_string()));
            }
        }
        patterns.sort();
        patterns.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|(p, _)| p))
            .expect("patterns are valid");
        Matcher {
            automaton,
            sites: patterns.into_iter().map(|(_, s)| s).collect(),
        }
    }

    /// Scans a text of any length in chunks of about [`CHUNK_BYTES`] that
    /// end at a line break, so memory stays bounded whatever the size:
    /// `found` gets each chunk, the number of characters before it, and the
    /// chunk's mentions (offsets within the chunk). A name broken across the
    /// line break that ends a chunk is not found. Errors name the byte
    /// offset of invalid UTF-8.
    ///
    /// ```
    /// # let data = sandtable::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    /// let m = sandtable::Matcher::new(&data.sites);
    /// let mut all = Vec::new();
    /// m.scan("Béchar\nMoscou\n".as_bytes(), |_, before, found| {
    ///     all.extend(found.iter().map(|f| (f.site_id.clone(), before + f.start)));
    ///     Ok(())
    /// }).unwrap();
    /// assert_eq!(all, [("bechar".to_string(), 0), ("moscow".to_string(), 7)]);
    /// ```
    pub fn scan(
        &self,
        mut input: impl std::io::BufRead,
        mut found: impl FnMut(&str, usize, &[Mention]) -> std::io::Result<()>,
    ) -> Result<(), ScanError> {
        let mut chunk: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + 4096);
        let (mut bytes_before, mut chars_before) = (0usize, 0usize);
        loop {
            chunk.clear();
            while chunk.len() < CHUNK_BYTES {
                let read = input
                    .read_until(b'\n', &mut chunk)
                    .map_err(|e| ScanError::Input(format!("cannot read it: {e}")))?;
                if read == 0 {
                    break;
                }
            }
            if chunk.is_empty() {
                return Ok(());
            }
            let text = std::str::from_utf8(&chunk).map_err(|e| {
                ScanError::Input(format!(
                    "invalid UTF-8 at byte offset {}; save the file as UTF-8",
                    bytes_before + e.valid_up_to()
                ))
            })?;
            found(text, chars_before, &self.find(text)).map_err(ScanError::Output)?;
            bytes_before += chunk.len();
            chars_before += text.chars().count();
        }
    }

    /// Every mention in `text`, in order of position.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let original: Vec<char> = text.chars().collect();
        let folded = Folded::new(&original);
        let bytes = folded.text.as_bytes();
        let mut candidates: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(&folded.text)
            .filter(|m| {
                let starts_word = m.start() == 0 || bytes[m.start() - 1] == b' ';
                let ends_word = m.end() == bytes.len() || bytes[m.end()] == b' ';
                starts_word && ends_word
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // In order of position; where two overlap, the longer wins.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then((b.1 - b.0).cmp(&(a.1 - a.0))));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for c in candidates {
            match kept.last_mut() {
                Some(last) if c.0 < last.1 => {
                    if c.1 - c.0 > last.1 - last.0 {
                        *last = c;
                    }
                }
                _ => kept.push(c),
            }
        }
        kept.into_iter()
            .filter(|&(_, _, p)| self.sites[p] != NOT_A_PLACE)
            .map(|(s, e, p)| {
                let (start, end) = folded.original_span(s, e);
                Mention {
                    site_id: self.sites[p].clone(),
                    matched: original[start..end].iter().collect(),
                    start,
                    end,
                }
            })
            .collect()
    }
}

/// Folded text with, for each byte, the original character it came from.
struct Folded {
    text: String,
    origin: Vec<usize>,
}

impl Folded {
    fn new(original: &[char]) -> Folded {
        let mut text = String::with_capacity(original.len() * 2);
        let mut origin = Vec::with_capacity(original.len() * 2);
        let mut piece = String::new();
        for (i, &c) in original.iter().enumerate() {
            piece.clear();
            fold_char(c, &mut piece);
            for f in piece.chars() {
                if f == ' ' && (text.is_empty() || text.ends_with(' ')) {
                    continue;
                }
                text.push(f);
                origin.extend(std::iter::repeat_n(i, f.len_utf8()));
            }
        }
        Folded { text, origin }
    }

    /// The original character span of folded bytes `start..end`.
    fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start], self.origin[end - 1] + 1)
    }
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Every written form of a folded name.
fn forms(name: &str) -> Vec<String> {
    match name.chars().next() {
        Some(c) if is_arabic(c) => arabic_forms(name),
        Some(c) if is_cyrillic(c) => russian_forms(name),
        _ => vec![name.to_string()],
    }
}

/// The name behind every combination of و/ف, ب/ل/ك and the article.
fn arabic_forms(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for conjunction in ["", "و", "ف"] {
        for preposition in ["", "ب", "ل", "ك"] {
            let prefix = format!("{conjunction}{preposition}");
            out.push(format!("{prefix}{name}"));
            if let Some(rest) = name.strip_prefix("ال") {
                if preposition == "ل" {
                    // ل + ال is written لل.
                    out.push(format!("{conjunction}لل{rest}"));
                }
            }
        }
    }
    out
}

/// Common Russian case endings for each word, combined.
fn russian_forms(name: &str) -> Vec<String> {
    let mut forms = vec![String::new()];
    for (i, word) in name.split(' ').enumerate() {
        let variants = russian_word_forms(word);
        forms = forms
            .iter()
            .flat_map(|f| {
                variants.iter().map(move |v| {
                    if i == 0 {
                        v.clone()
                    } else {
                        format!("{f} {v}")
                    }
                })
            })
            .collect();
    }
    forms
}

fn russian_word_forms(word: &str) -> Vec<String> {
    let endings: &[(&str, &[&str])] = &[
        ("ое", &["ое", "ого", "ому", "ом", "ым"]),
        ("ыи", &["ыи", "ого", "ому", "ом", "ым"]),
        ("ии", &["ии", "его", "ему", "ем", "им"]),
        ("ые", &["ые", "ых", "ым", "ыми"]),
        ("а", &["а", "ы", "и", "е", "у", "ои", "ою"]),
        ("я", &["я", "и", "е", "ю", "еи"]),
        ("ь", &["ь", "и", "ю", "ем"]),
    ];
    for (ending, replacements) in endings {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() >= 2 {
                return replacements.iter().map(|r| format!("{stem}{r}")).collect();
            }
        }
    }
    if word
        .chars()
        .last()
        .is_some_and(|c| is_cyrillic(c) && !"аеиоуыэюя".contains(c))
    {
        return ["", "а", "у", "е", "ом"]
            .iter()
            .map(|e| format!("{word}{e}"))
            .collect();
    }
    vec![word.to_string()]
}
