//! Finding the gazetteer's places in article text (`sandtable mentions`).
//!
//! Text and names are compared through their variant keys
//! ([`crate::resolve::variants::variant_key`]): case, accents, Arabic letter variants, short
//! vowels and tatweel never stop a match, nor do the differences
//! transliteration makes (Hamaguir for Hammaguir, Tarskoïe for Tarskoye,
//! تيندوف for تندوف). Punctuation and quotation marks are spaces, so a name of
//! several words matches across the spaces and punctuation between them, and
//! a qualifier may stand inside it ([`crate::resolve::variants::QUALIFIERS`]: المياه الإقليمية
//! الجزائرية is Algerian waters). A match must start and end at word edges
//! (`بشار` is not found inside `بشارة`).
//!
//! A match that is not one of the name's own forms is a *variant*, and is
//! kept only where it looks like a name: each differing word capitalised
//! (Latin, Cyrillic), or the name with long vowels added and none removed
//! (Arabic); and never an ordinary word ([`crate::resolve::variants::is_common_word`]: بشر
//! "humans" is not بشار).
//!
//! Arabic names also match behind the clitics that attach to them: the
//! conjunctions و and ف, the prepositions ب, ل and ك, and the article ال,
//! alone and combined (`وبالجزائر`, `لموسكو`, `بميناء`, and ل + ال written
//! `لل`). Russian names also match in their case forms (`в Москве`,
//! `Тарского`), generated from the nominative by common endings. The
//! reported span covers the whole written word, clitics and ending included.
//!
//! Ambiguity, in this order:
//! - a phrase that contains a site's name but means something else
//!   ([`NOT_PLACES`]: `بشار الأسد` is Bashar al-Assad, not Béchar) wins over
//!   everything it overlaps, and is then dropped;
//! - where one match contains another, the longer wins (`ميناء الجزائر` is
//!   the port, not the city);
//! - where two matches only overlap, one qualifies the other, and the more
//!   specific place is kept (the port in `ميناء الجزائر العاصمة`: a port
//!   or a training ground over a city, a city over a region or a sea area).
//!
//! A name that is also a country's name (`الجزائر`, `Алжир`: Algeria) is
//! never matched alone: the city is reported only with context (`مدينة
//! الجزائر`, `الجزائر العاصمة`, `Alger`, `Algiers`, and in Russian after a
//! city cue in any case form: `город Алжир`, `в столице Алжира`).
//!
//! The matcher is one Aho–Corasick automaton over the keys of every form of
//! every name, built once and run over each text's key in a single pass.

use crate::base::files::{open_regular, MAX_LINE_BYTES};
use crate::base::vocab::SiteKind;
use crate::load::model::Site;
use crate::resolve::names::{fold_char, normalise};
use crate::resolve::variants::{
    arabic_class, is_common_word, is_long_vowel, is_qualifier_word, Keyed, Script, MAX_KEYED,
};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::BTreeMap;

/// Country names that are also site names; alone, they mean the country.
pub const COUNTRY_NAMES: &[&str] = &["الجزائر", "Алжир", "Algeria", "Algérie", "Algerie"];

/// Phrases that contain a site's name but are not the site: a person
/// (Bashar al-Assad is written بشار, like Béchar) or another place (the
/// Adrar des Ifoghas is in Mali). They win over every match they overlap
/// and are then dropped, so `بشار الأسد` is never reported as Béchar. Their
/// variants are excluded too (`بشار الاسد`, `Adrar des Iforhas`).
pub const NOT_PLACES: &[&str] = &[
    "بشار الأسد",
    "بشار حافظ الأسد",
    "الرئيس بشار",
    "الرئيس السوري بشار",
    "Bashar al-Assad",
    "Bachar al-Assad",
    "Башар Асад",
    "Башар аль-Асад",
    "Adrar des Ifoghas",
    "Adrar des Iforas",
    "Adrar des Iforhas",
];

/// Words that, before a city's Russian name, make it the city and not the
/// country of the same name: город Алжир, столица Алжира, город-порт Алжир.
const RUSSIAN_CITY_CUES: &[&str] = &["город", "столица", "город-порт"];

/// Why a scan stopped.
#[derive(Debug)]
pub enum ScanError {
    /// The text could not be read, or is not UTF-8 (with the byte offset).
    Input(String),
    /// Writing what was found failed (a closed pipe, a full disk).
    Output(std::io::Error),
}

/// How much text [`Matcher::scan`] hands one core at a time: memory for a
/// scan is a small multiple of this times the number of cores, whatever the
/// file's size.
pub const CHUNK_BYTES: usize = 1 << 19;

/// How one file is scanned by [`scan_files`]: its rows go to the sink as
/// they are found.
pub type ScanFile<'a, T> = dyn Fn(
        &str,
        Box<dyn std::io::BufRead>,
        &mut dyn FnMut(Vec<T>) -> std::io::Result<()>,
    ) -> Result<(), ScanError>
    + Sync
    + 'a;

/// Files up to this size are scanned several at once by [`scan_files`].
pub const SMALL_FILE: u64 = 4 << 20;

/// Scans every file (or standard input for `-`) with `scan`, in the order
/// given: `write` gets the rows, `failed` each file that could not be read
/// or scanned, with why. Files up to [`SMALL_FILE`] are scanned several at
/// once, one per core, their rows held until written in order; larger
/// ones, and standard input, are streamed one at a time, their chunks
/// spread over the cores ([`Matcher::scan`]).
///
/// # Errors
/// The first error `write` returns: it stops the scan.
///
/// ```
/// let files = ["missing.txt".to_string()];
/// let (mut rows, mut failed) = (Vec::new(), Vec::new());
/// sandtable::measure::scan_files::<String>(&files, &|_, _, _| Ok(()), |r| { rows.extend(r); Ok(()) },
///     |file, why| failed.push(format!("{file}: {why}"))).unwrap();
/// assert!(failed[0].starts_with("missing.txt: cannot read it"));
/// ```
pub fn scan_files<T: Send>(
    files: &[String],
    scan: &ScanFile<'_, T>,
    mut write: impl FnMut(Vec<T>) -> std::io::Result<()>,
    mut failed: impl FnMut(&str, String),
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let small = |file: &String| {
        file != "-" && std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.len() <= SMALL_FILE)
    };
    let mut report = |file: &str, scanned: Result<(), ScanError>| match scanned {
        Ok(()) => Ok(()),
        Err(ScanError::Output(e)) => Err(e),
        Err(ScanError::Input(why)) => {
            failed(file, why);
            Ok(())
        }
    };
    let mut next = 0;
    while next < files.len() {
        let group = files[next..]
            .iter()
            .take_while(|f| small(f))
            .take(4 * rayon::current_num_threads())
            .count();
        if group > 1 {
            let scanned: Vec<(Vec<T>, Result<(), ScanError>)> = files[next..next + group]
                .par_iter()
                .map(|file| {
                    let mut held = Vec::new();
                    let result = open(file).and_then(|input| {
                        scan(file, input, &mut |found| {
                            held.extend(found);
                            Ok(())
                        })
                    });
                    (held, result)
                })
                .collect();
            for (file, (held, result)) in files[next..].iter().zip(scanned) {
                write(held)?;
                report(file, result)?;
            }
            next += group;
        } else {
            let file = &files[next];
            let result = open(file).and_then(|input| scan(file, input, &mut write));
            report(file, result)?;
            next += 1;
        }
    }
    Ok(())
}

/// A file, or standard input for `-`, buffered; a FIFO, device or folder
/// named as a file is refused at once.
fn open(file: &str) -> Result<Box<dyn std::io::BufRead>, ScanError> {
    if file == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    match open_regular(std::path::Path::new(file)) {
        Ok(f) => Ok(Box::new(std::io::BufReader::new(f))),
        // The message names the file already; the caller names it again.
        Err(e) => Err(ScanError::Input(
            e.to_string()
                .strip_prefix(&format!("{file}: "))
                .map_or(e.to_string(), str::to_string),
        )),
    }
}

/// Text in pieces of about [`CHUNK_BYTES`], each ending at a line break. A
/// line longer than a quarter more is cut after a space (or, with none, at a
/// character boundary), so memory stays bounded; a line longer than
/// [`MAX_LINE_BYTES`] is refused.
struct Chunks<R> {
    input: R,
    carry: Vec<u8>,
    line: u64,
    line_len: usize,
}

impl<R: std::io::BufRead> Chunks<R> {
    fn new(input: R) -> Self {
        Chunks {
            input,
            carry: Vec::new(),
            line: 1,
            line_len: 0,
        }
    }

    fn next(&mut self) -> Result<Vec<u8>, ScanError> {
        let mut chunk = std::mem::take(&mut self.carry);
        chunk.reserve(CHUNK_BYTES + 4096);
        while chunk.len() < CHUNK_BYTES || !chunk.ends_with(b"\n") {
            let available = self
                .input
                .fill_buf()
                .map_err(|e| ScanError::Input(format!("cannot read it: {e}")))?;
            if available.is_empty() {
                break;
            }
            let room = CHUNK_BYTES + CHUNK_BYTES / 4 - chunk.len();
            let take = memchr::memchr(b'\n', available).map_or(available.len(), |i| i + 1);
            let take = take.min(room);
            let taken = &available[..take];
            match memchr::memrchr(b'\n', taken) {
                Some(i) => {
                    self.line += memchr::memchr_iter(b'\n', taken).count() as u64;
                    self.line_len = take - i - 1;
                }
                None => self.line_len += take,
            }
            if self.line_len > MAX_LINE_BYTES {
                return Err(ScanError::Input(format!(
                    "line {} is longer than {} MiB, the longest line sandtable reads",
                    self.line,
                    MAX_LINE_BYTES >> 20
                )));
            }
            chunk.extend_from_slice(taken);
            self.input.consume(take);
            if chunk.len() >= CHUNK_BYTES + CHUNK_BYTES / 4 {
                let cut = cut_point(&chunk);
                self.carry = chunk.split_off(cut);
                break;
            }
        }
        Ok(chunk)
    }
}

/// Where to cut a piece of one long line: after its last space in the
/// second half, else at the last character boundary.
fn cut_point(chunk: &[u8]) -> usize {
    let half = chunk.len() / 2;
    if let Some(i) = chunk[half..].iter().rposition(|b| b.is_ascii_whitespace()) {
        return half + i + 1;
    }
    (half..chunk.len())
        .rev()
        .find(|&i| (chunk[i] as i8) >= -0x40)
        .unwrap_or(chunk.len())
}

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
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let m = sandtable::measure::Matcher::new(&data.sites);
/// let found = m.find("وصلت السفينة بميناء الجزائر");
/// assert_eq!(found[0].site_id, "port-of-algiers");
/// assert_eq!(found[0].matched, "بميناء الجزائر");
/// assert!(m.find("زار الرئيس الجزائر").is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each key in the automaton, what it names.
    patterns: Vec<Pattern>,
    /// Consonant skeletons of the sites' names, for a name translated or
    /// transliterated anew after a cue ("the state of Bashar").
    skeletons: std::collections::HashMap<String, String>,
}

/// Words after which a name is a place's even when spelt in a way the
/// gazetteer does not know: matched by consonant skeleton.
const SKELETON_CUES: &[&str] = &[
    "state of",
    "province of",
    "wilaya of",
    "governorate of",
    "city of",
    "town of",
    "region of",
    "wilaya de",
    "province de",
    "ville de",
    "région de",
    "region de",
    "colomb",
    "провинции",
    "провинция",
    "вилайета",
    "вилайет",
    "вилайя",
    "город",
    "города",
];

/// What one key names, and the written forms it came from.
#[derive(Debug, Clone)]
struct Pattern {
    /// The site's id, or [`NOT_A_PLACE`].
    site_id: String,
    /// How specific the place is, for overlaps.
    specificity: u8,
    /// The folded forms with this key (exact matches), each with the
    /// number of bytes of Arabic clitics in front of the name.
    forms: Vec<(String, usize)>,
}

/// One accepted match, in byte offsets of the text.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    pattern: usize,
    exact: bool,
}

impl Matcher {
    /// Builds the automaton over the keys of every form of every site's
    /// names.
    pub fn new(sites: &[Site]) -> Matcher {
        let blocked: Vec<String> = COUNTRY_NAMES.iter().map(|n| normalise(n)).collect();
        // (key, site id) → pattern, so that forms with one key share it.
        let mut by_key: BTreeMap<(String, String), Pattern> = BTreeMap::new();
        let mut add = |form: String, clitics: usize, site_id: &str, specificity: u8| {
            let key = crate::resolve::variants::variant_key(&form);
            if key.is_empty() {
                return;
            }
            let pattern = by_key
                .entry((key, site_id.to_string()))
                .or_insert_with(|| Pattern {
                    site_id: site_id.to_string(),
                    specificity,
                    forms: Vec::new(),
                });
            if !pattern.forms.iter().any(|(f, _)| *f == form) {
                pattern.forms.push((form, clitics));
            }
        };
        for site in sites {
            let specificity = specificity(site.kind);
            for name in site.names().skip(1) {
                let name = normalise(name);
                if name.is_empty() {
                    continue;
                }
                if blocked.contains(&name)
                    && matches!(site.kind, SiteKind::City | SiteKind::Capital)
                    && name.chars().next().is_some_and(is_cyrillic)
                {
                    for cue in RUSSIAN_CITY_CUES {
                        for form in russian_forms(&format!("{} {name}", normalise(cue))) {
                            add(form, 0, &site.id, specificity);
                        }
                    }
                }
                if blocked.contains(&name) {
                    continue;
                }
                for form in forms(&name) {
                    let clitics = if form.ends_with(&name) {
                        form.len() - name.len()
                    } else {
                        0
                    };
                    add(form, clitics, &site.id, specificity);
                }
            }
        }
        for phrase in NOT_PLACES {
            for form in forms(&normalise(phrase)) {
                add(form, 0, NOT_A_PLACE, u8::MAX);
            }
        }
        let (keys, patterns): (Vec<String>, Vec<Pattern>) =
            by_key.into_iter().map(|((key, _), p)| (key, p)).unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .expect("patterns are valid");
        let mut skeletons = std::collections::HashMap::new();
        for site in sites {
            for name in site.names() {
                let skeleton = crate::resolve::variants::skeleton(name);
                if skeleton.len() >= 3 && !name.contains(' ') {
                    skeletons.entry(skeleton).or_insert_with(|| site.id.clone());
                }
            }
        }
        Matcher {
            automaton,
            patterns,
            skeletons,
        }
    }

    /// Scans a text of any length in chunks of about [`CHUNK_BYTES`] that
    /// end at a line break, so memory stays bounded whatever the size:
    /// `found` gets each chunk, the number of characters before it, and the
    /// chunk's mentions (offsets within the chunk), in order. A few chunks
    /// at a time are searched in parallel, one per core. A name broken
    /// across the line break that ends a chunk is not found. Errors name
    /// the byte offset of invalid UTF-8.
    ///
    /// ```
    /// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    /// let m = sandtable::measure::Matcher::new(&data.sites);
    /// let mut all = Vec::new();
    /// m.scan("Béchar\nMoscou\n".as_bytes(), |_, before, found| {
    ///     all.extend(found.iter().map(|f| (f.site_id.clone(), before + f.start)));
    ///     Ok(())
    /// }).unwrap();
    /// assert_eq!(all, [("bechar".to_string(), 0), ("moscow".to_string(), 7)]);
    /// ```
    pub fn scan(
        &self,
        input: impl std::io::BufRead,
        mut found: impl FnMut(&str, usize, &[Mention]) -> std::io::Result<()>,
    ) -> Result<(), ScanError> {
        use rayon::prelude::*;
        let in_flight = rayon::current_num_threads().max(1);
        let (mut bytes_before, mut chars_before) = (0usize, 0usize);
        let mut pieces = Chunks::new(input);
        loop {
            let mut chunks: Vec<Vec<u8>> = Vec::with_capacity(in_flight);
            while chunks.len() < in_flight {
                let chunk = pieces.next()?;
                if chunk.is_empty() {
                    break;
                }
                chunks.push(chunk);
            }
            if chunks.is_empty() {
                return Ok(());
            }
            let mut texts = Vec::with_capacity(chunks.len());
            for chunk in &chunks {
                texts.push(std::str::from_utf8(chunk).map_err(|e| {
                    ScanError::Input(format!(
                        "invalid UTF-8 at byte offset {}; save the file as UTF-8",
                        bytes_before + e.valid_up_to()
                    ))
                })?);
                bytes_before += chunk.len();
            }
            let mentions: Vec<Vec<Mention>> = texts.par_iter().map(|t| self.find(t)).collect();
            for (text, mentions) in texts.iter().zip(&mentions) {
                found(text, chars_before, mentions).map_err(ScanError::Output)?;
                chars_before += text.chars().count();
            }
        }
    }

    /// Every mention in `text`, in order of position.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        if text.len() <= MAX_KEYED {
            return self.find_in(text);
        }
        // A text over 1 GiB is searched in pieces that end at a line break.
        let (mut all, mut rest, mut chars_before) = (Vec::new(), text, 0);
        while !rest.is_empty() {
            let mut cut = MAX_KEYED.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if cut < rest.len() {
                cut = rest[..cut].rfind('\n').map_or(cut, |nl| nl + 1);
            }
            let (piece, tail) = rest.split_at(cut);
            all.extend(self.find_in(piece).into_iter().map(|mut m| {
                m.start += chars_before;
                m.end += chars_before;
                m
            }));
            chars_before += piece.chars().count();
            rest = tail;
        }
        all
    }

    /// [`Matcher::find`] on a text of at most [`MAX_KEYED`] bytes.
    fn find_in(&self, text: &str) -> Vec<Mention> {
        let keyed = Keyed::new(text);
        let bytes = keyed.text.as_bytes();
        let mut near = 0;
        let mut candidates: Vec<Candidate> = self
            .automaton
            .find_overlapping_iter(&keyed.text)
            .filter(|m| {
                let starts_word = m.start() == 0 || bytes[m.start() - 1] == b' ';
                let ends_word = m.end() == bytes.len() || bytes[m.end()] == b' ';
                starts_word && ends_word
            })
            .filter_map(|m| {
                let (start, end) = keyed.original_span(m.start(), m.end(), &mut near);
                let pattern = m.pattern().as_usize();
                let exact = self.accepts(&self.patterns[pattern], &text[start..end])?;
                Some(Candidate {
                    start,
                    end,
                    pattern,
                    exact,
                })
            })
            .collect();
        candidates.sort_unstable_by(|a, b| {
            (a.start.cmp(&b.start))
                .then(b.end.cmp(&a.end))
                .then(a.pattern.cmp(&b.pattern))
        });
        let mut kept: Vec<Candidate> = Vec::new();
        for c in candidates {
            match kept.last_mut() {
                Some(last) if c.start < last.end => {
                    if self.beats(&c, last) {
                        *last = c;
                    }
                }
                _ => kept.push(c),
            }
        }
        // Byte offsets to character offsets, counting forward once.
        let (mut byte, mut char) = (0, 0);
        let mut to_chars = |at: usize| {
            char += text[byte..at].chars().count();
            byte = at;
            char
        };
        let mut found: Vec<(usize, usize, String)> = kept
            .into_iter()
            .filter(|c| self.patterns[c.pattern].site_id != NOT_A_PLACE)
            .filter(|c| !another_place(text, c.start, c.end))
            .map(|c| (c.start, c.end, self.patterns[c.pattern].site_id.clone()))
            .collect();
        for (start, end, site) in self.cued_by_skeleton(text) {
            if !found.iter().any(|&(s, e, _)| s < end && start < e) {
                found.push((start, end, site));
            }
        }
        found.sort_by_key(|&(start, end, _)| (start, end));
        found
            .into_iter()
            .map(|(start, end, site_id)| Mention {
                site_id,
                matched: text[start..end].to_string(),
                start: to_chars(start),
                end: to_chars(end),
            })
            .collect()
    }

    /// Capitalised names after a [`SKELETON_CUES`] word whose consonant
    /// skeleton is a site's ("the state of Bashar" is Béchar), as byte spans.
    fn cued_by_skeleton(&self, text: &str) -> Vec<(usize, usize, String)> {
        static CUES: std::sync::OnceLock<AhoCorasick> = std::sync::OnceLock::new();
        let cues = CUES.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(SKELETON_CUES)
                .expect("valid cues")
        });
        let mut found = Vec::new();
        for m in cues.find_iter(text) {
            let (start, at) = (m.start(), m.end());
            let boundary = !text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let rest = &text[at..];
            let gap = rest.len() - rest.trim_start_matches([' ', '-']).len();
            if !boundary || gap == 0 {
                continue;
            }
            let name_start = at + gap;
            let name: &str = {
                let tail = &text[name_start..];
                let len = tail
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(tail.len());
                &tail[..len]
            };
            if !name.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if let Some(site) = self
                .skeletons
                .get(&crate::resolve::variants::skeleton(name))
            {
                found.push((name_start, name_start + name.len(), site.clone()));
            }
        }
        found
    }

    /// Whether a key match stands: `Some(true)` for one of the name's own
    /// forms, `Some(false)` for a variant that looks like a name, `None`
    /// otherwise. Exclusions always stand.
    fn accepts(&self, pattern: &Pattern, written: &str) -> Option<bool> {
        let exact = is_form(pattern, written);
        if pattern.site_id == NOT_A_PLACE || exact {
            return Some(exact);
        }
        let words = written_words(written);
        let variant = pattern.forms.iter().any(|(form, clitics)| {
            let form_words: Vec<&str> = form.split(' ').filter(|w| !is_qualifier_word(w)).collect();
            form_words.len() == words.len()
                && form_words
                    .iter()
                    .zip(&words)
                    .enumerate()
                    .all(|(i, (f, w))| word_variant(f, if i == 0 { *clitics } else { 0 }, w))
        });
        variant.then_some(false)
    }

    /// Whether candidate `a` wins over candidate `b`, which it overlaps.
    fn beats(&self, a: &Candidate, b: &Candidate) -> bool {
        let (pa, pb) = (&self.patterns[a.pattern], &self.patterns[b.pattern]);
        let excluded = |p: &Pattern| p.site_id == NOT_A_PLACE;
        if excluded(pa) != excluded(pb) {
            return excluded(pa);
        }
        let (len_a, len_b) = (a.end - a.start, b.end - b.start);
        let a_holds_b = a.start <= b.start && b.end <= a.end;
        let b_holds_a = b.start <= a.start && a.end <= b.end;
        if a_holds_b && b_holds_a {
            return (a.exact, pa.specificity) > (b.exact, pb.specificity);
        }
        if a_holds_b || b_holds_a {
            return len_a > len_b;
        }
        (pa.specificity, len_a) > (pb.specificity, len_b)
    }
}

/// Words that, beside a place's name, make it another place: a new town
/// named after an old one (Béchar Djedid, 7 km from Béchar), in the
/// languages of the articles.
const NEW_TOWN: &[&str] = &[
    "djedid",
    "jdid",
    "jedid",
    "jadid",
    "el djedid",
    "الجديد",
    "الجديده",
    "новый",
    "новая",
    "новое",
    "nouveau",
    "nouvelle",
    "new",
];

/// Whether the name matched at `start..end` (bytes) is part of another
/// place's name or a common noun: followed or preceded by a "new town"
/// word, or preceded by a Latin article (al-Béchar, el-Bechar) that the
/// name itself does not carry.
fn another_place(text: &str, start: usize, end: usize) -> bool {
    let word_after = {
        let after = text[end..].trim_start_matches([' ', '-']);
        &after[..after
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(after.len())]
    };
    let word_before = {
        let before = text[..start].trim_end_matches([' ', '-']);
        &before[before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        })..]
    };
    // Only words as long as the longest "new town" word need folding.
    let is_new =
        |w: &str| w.len() <= 16 && !w.is_empty() && NEW_TOWN.contains(&normalise(w).as_str());
    let glued_article = ["al-", "Al-", "el-", "El-"]
        .iter()
        .any(|a| text[..start].ends_with(a));
    let arabic = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| Script::of(c) == Script::Arabic)
    };
    is_new(word_after) || (!arabic(word_before) && is_new(word_before)) || glued_article
}

/// How specific a kind of place is: a port or a training ground lies in a
/// city, a city in a region.
fn specificity(kind: SiteKind) -> u8 {
    match kind {
        SiteKind::Port | SiteKind::TrainingGround | SiteKind::Base | SiteKind::Airfield => 3,
        SiteKind::City | SiteKind::Capital => 2,
        SiteKind::Region | SiteKind::SeaArea => 1,
    }
}

/// One written word of a match: folded, and whether it was capitalised.
struct WrittenWord {
    folded: String,
    capitalised: bool,
}

/// Whether the written span, folded and without qualifiers, is one of the
/// pattern's own forms: the common case, checked without allocating (two
/// buffers reused per thread).
fn is_form(pattern: &Pattern, written: &str) -> bool {
    thread_local! {
        static BUFFERS: std::cell::RefCell<(String, String)> =
            const { std::cell::RefCell::new((String::new(), String::new())) };
    }
    BUFFERS.with_borrow_mut(|(phrase, piece)| {
        phrase.clear();
        // Ends the word that starts at `from`: dropped if a qualifier,
        // otherwise followed by one space.
        let finish = |phrase: &mut String, from: &mut usize| {
            if phrase.len() > *from {
                if is_qualifier_word(&phrase[*from..]) {
                    phrase.truncate(*from);
                } else {
                    phrase.push(' ');
                }
            }
            *from = phrase.len();
        };
        let mut from = 0;
        for c in written.chars() {
            piece.clear();
            fold_char(c, piece);
            for f in piece.chars() {
                if f == ' ' {
                    finish(phrase, &mut from);
                } else {
                    phrase.push(f);
                }
            }
        }
        finish(phrase, &mut from);
        let phrase = phrase.trim_end();
        pattern.forms.iter().any(|(f, _)| f == phrase)
    })
}

/// The words of a written span, folded, qualifiers left out.
fn written_words(written: &str) -> Vec<WrittenWord> {
    let mut words = Vec::new();
    let mut current = WrittenWord {
        folded: String::new(),
        capitalised: false,
    };
    let mut finish = |w: &mut WrittenWord| {
        if !w.folded.is_empty() && !is_qualifier_word(&w.folded) {
            words.push(std::mem::replace(
                w,
                WrittenWord {
                    folded: String::new(),
                    capitalised: false,
                },
            ));
        }
        w.folded.clear();
    };
    let mut piece = String::new();
    for c in written.chars() {
        piece.clear();
        fold_char(c, &mut piece);
        for f in piece.chars() {
            if f == ' ' {
                finish(&mut current);
            } else {
                if current.folded.is_empty() {
                    current.capitalised = c.is_uppercase();
                }
                current.folded.push(f);
            }
        }
    }
    finish(&mut current);
    words
}

/// Whether a written word is a variant of one word of a name's form, which
/// starts with `clitics` bytes of Arabic clitics.
fn word_variant(form: &str, clitics: usize, written: &WrittenWord) -> bool {
    if form == written.folded {
        return true;
    }
    match form.chars().next().map(Script::of) {
        Some(Script::Latin | Script::Cyrillic) => {
            written.capitalised && !is_common_word(&written.folded)
        }
        Some(Script::Arabic) => {
            // The clitics are the form's own, so what follows them is the word.
            let stem = written
                .folded
                .strip_prefix(&form[..clitics])
                .unwrap_or(&written.folded);
            long_vowels_added(form, &written.folded)
                && !is_common_word(&written.folded)
                && !is_common_word(stem)
        }
        _ => false,
    }
}

/// Whether `written` is `form` (by Arabic letter class) with one or two
/// long vowels added inside the word, none removed, and none added next to
/// another long vowel (بيشار is بشار; بشاير, good tidings, is not).
fn long_vowels_added(form: &str, written: &str) -> bool {
    let written: Vec<char> = written.chars().map(arabic_class).collect();
    let mut form = form.chars().map(arabic_class).peekable();
    let mut added = 0;
    for (i, &c) in written.iter().enumerate() {
        if form.peek() == Some(&c) {
            form.next();
            continue;
        }
        let beside_vowel = |j: Option<usize>| {
            j.and_then(|j| written.get(j))
                .is_some_and(|&n| is_long_vowel(n))
        };
        if i == 0
            || !is_long_vowel(c)
            || beside_vowel(i.checked_sub(1))
            || beside_vowel(Some(i + 1))
        {
            return false;
        }
        added += 1;
    }
    form.next().is_none() && added <= 2
}

fn is_cyrillic(c: char) -> bool {
    Script::of(c) == Script::Cyrillic
}

/// Every written form of a folded name.
fn forms(name: &str) -> Vec<String> {
    match name.chars().next().map(Script::of) {
        Some(Script::Arabic) => arabic_forms(name),
        Some(Script::Cyrillic) => russian_forms(name),
        _ => vec![name.to_string()],
    }
}

/// The name behind every combination of و/ف, ب/ل/ك and the article; a
/// name of two words "A الB" (شمال القوقاز) also in its adjective order
/// "الA الBي" (الشمال القوقازي), masculine and feminine.
fn arabic_forms(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((a, b)) = name.split_once(' ') {
        if !a.starts_with("ال") && b.starts_with("ال") && !b.contains(' ') && !b.ends_with('ي')
        {
            for nisba in [format!("ال{a} {b}ي"), format!("ال{a} {b}يه")] {
                out.extend(arabic_forms(&nisba));
            }
        }
    }
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

/// Common Russian case endings for each word, combined. A word after the
/// first that is a genitive (порт Алжира) may also stand in the
/// nominative (в порту Алжир), as news writes it.
fn russian_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = combined_forms(&words);
    if let Some((last, first)) = words.split_last() {
        if words.len() > 1 {
            if let Some(stem) = last
                .strip_suffix('а')
                .filter(|s| s.chars().last().is_some_and(|c| !"аеиоуыэюяь".contains(c)))
            {
                let mut nominative = first.to_vec();
                nominative.push(stem);
                for form in combined_forms(&nominative) {
                    if !out.contains(&form) {
                        out.push(form);
                    }
                }
            }
        }
    }
    out
}

fn combined_forms(words: &[&str]) -> Vec<String> {
    let mut forms = vec![String::new()];
    for (i, word) in words.iter().enumerate() {
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
    // An adjective (Тарское, Тарский) takes every gender's forms: a name
    // and the training ground named after it (на полигоне Тарский).
    const ADJECTIVE: &[&str] = &[
        "ое", "ого", "ому", "ом", "ым", "ыи", "ии", "ая", "ои", "ую", "ые", "ие", "ых", "их", "ыми",
    ];
    let endings: &[(&str, &[&str])] = &[
        ("ское", ADJECTIVE),
        ("скии", ADJECTIVE),
        ("ская", ADJECTIVE),
        // A feminine adjective (Северная Осетия: в Северной Осетии).
        ("ая", &["ая", "ои", "ую", "ою"]),
        ("ое", &["ое", "ого", "ому", "ом", "ым"]),
        ("ыи", &["ыи", "ого", "ому", "ом", "ым"]),
        // -ий after к, г, х declines as -ого (Тарский: Тарского, Тарском).
        ("ии", &["ии", "его", "ему", "ем", "им", "ого", "ому", "ом"]),
        ("ые", &["ые", "ых", "ым", "ыми"]),
        ("ие", &["ие", "их", "им", "ими"]),
        ("ы", &["ы", "", "ах", "ам", "ами"]),
        ("а", &["а", "ы", "и", "е", "у", "ои", "ою"]),
        ("я", &["я", "и", "е", "ю", "еи"]),
        ("ь", &["ь", "и", "ю", "ем"]),
    ];
    for (ending, replacements) in endings {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() >= 2 {
                // The adjective endings replace only the vowels after -ск.
                let stem = match *ending {
                    "ское" | "скии" | "ская" => format!("{stem}ск"),
                    _ => stem.to_string(),
                };
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
