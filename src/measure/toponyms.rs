//! Places an article names that the gazetteer does not have yet
//! (`sandtable mentions --unknown`): what an analyst should add next.
//!
//! Two signals, in every script the articles use:
//!
//! - **a cue word** before a name ([`CUES`]): قاعدة، ولاية، منطقة، مدينة،
//!   ميناء، ساحة التدريب; base, wilaya, région, port, près de; полигон, база,
//!   порт, город; base, port of, province, near. After a Latin or Cyrillic
//!   cue the name is the capitalised words that follow (with `de`, `el`,
//!   `al`, `des`… between them); after an Arabic cue, the next one or two
//!   words that are not ordinary words ([`crate::resolve::variants::is_common_word`]).
//! - **capitalised Latin or Cyrillic words** anywhere else, except a lone
//!   word that starts a sentence, and runs made only of ordinary words
//!   (`The`, `Russian`).
//!
//! Whatever the gazetteer already finds ([`crate::measure::mentions::Matcher`]) is left out.
//! Candidates are grouped by their variant key, so `Djanet` and `Dzhanet`
//! count as one, and listed with a count, the cue that introduced them and
//! the context of their first occurrence. It finds candidates, not facts:
//! people's and organisations' names come up too, the cue column tells the
//! strong ones.

use crate::base::countries;
use crate::measure::extract::lexicon::COUNTRIES;
use crate::measure::mentions::{Matcher, ScanError};
use crate::resolve::area::area_places;
use crate::resolve::geocode::Gazetteer;
use crate::resolve::names::normalise;
use crate::resolve::variants::{is_common_word, variant_key, Script};
use std::collections::HashMap;

/// Cue words (folded) after which a place name follows, with the clitics
/// an Arabic cue may carry left to the matcher (`بقاعدة` is `قاعدة`).
pub const CUES: &[&str] = &[
    // Arabic
    "قاعده",
    "ولايه",
    "منطقه",
    "مدينه",
    "ميناء",
    "ساحه التدريب",
    "حقل",
    "بلده",
    // French
    "base",
    "wilaya",
    "region",
    "port",
    "pres de",
    "ville de",
    "province de",
    // English
    "port of",
    "province",
    "near",
    "city of",
    "town of",
    "region of",
    // Russian
    "полигон",
    "полигоне",
    "полигона",
    "база",
    "базе",
    "базы",
    "порт",
    "порту",
    "порта",
    "город",
    "городе",
    "города",
    "вблизи",
    "районе",
];

/// Short words that may stand between the capitalised words of one name.
const CONNECTORS: &[&str] = &[
    "de", "d", "des", "du", "la", "le", "el", "al", "ad", "ed", "ben", "bin", "ibn", "of", "on",
];

/// A place-name candidate found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toponym {
    /// The name as first written.
    pub name: String,
    /// How many times it (or a variant of it) appears.
    pub count: usize,
    /// The cue word before its first cued occurrence, if any.
    pub cue: Option<String>,
    /// Character offset of its first occurrence.
    pub start: usize,
    /// The text around its first occurrence.
    pub context: String,
}

/// One word of the text: folded, with its character span and whether it
/// was capitalised or began a sentence.
#[derive(Debug)]
struct Word {
    folded: String,
    start: usize,
    end: usize,
    capitalised: bool,
    sentence_start: bool,
    /// Punctuation stands between this word and the one before.
    after_punctuation: bool,
    script: Script,
}

/// Candidates for places not in the gazetteer, in order of first
/// appearance (cued ones are the strongest).
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let m = sandtable::measure::Matcher::new(&data.sites);
/// let found = sandtable::measure::unknown_places(&m, "Les troupes sont arrivées à la base de Mers el-Kébir, près de Béchar.");
/// assert_eq!(found.len(), 1);
/// assert_eq!((found[0].name.as_str(), found[0].cue.as_deref()), ("Mers el-Kébir", Some("base")));
/// let found = sandtable::measure::unknown_places(&m, "رست السفينة بميناء مرسى الكبير قبل أن تبحر.");
/// assert_eq!((found[0].name.as_str(), found[0].cue.as_deref()), ("مرسى الكبير", Some("بميناء")));
/// ```
pub fn unknown_places(matcher: &Matcher, text: &str) -> Vec<Toponym> {
    let chars: Vec<char> = text.chars().collect();
    let known: Vec<(usize, usize)> = matcher
        .find(text)
        .iter()
        .map(|m| (m.start, m.end))
        .collect();
    let words = words(&chars);
    let mut found: Vec<(usize, usize, Option<String>)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(cue_len) = cue_at(&words, i) {
            let after = i + cue_len;
            let (from, to) = name_after_cue(&words, after);
            if to > from {
                let cue: String = chars[words[i].start..words[after - 1].end].iter().collect();
                found.push((from, to, Some(cue)));
                i = to;
                continue;
            }
            i = after;
            continue;
        }
        let to = capitalised_run(&words, i);
        if to > i {
            let lone_opener = to == i + 1 && words[i].sentence_start;
            let ordinary = words[i..to].iter().all(|w| is_common_word(&w.folded));
            if !lone_opener && !ordinary {
                found.push((i, to, None));
            }
            i = to;
            continue;
        }
        i += 1;
    }
    // The area's places, in any script: places whatever else is said.
    let area: Vec<(usize, usize)> = area_matcher()
        .find(text)
        .iter()
        .map(|m| (m.start, m.end))
        .filter(|&(s, e)| !known.iter().any(|&(ks, ke)| ks < e && s < ke))
        .collect();
    let mut spans: Vec<(usize, usize, Option<String>)> =
        area.iter().map(|&(s, e)| (s, e, None)).collect();
    for (from, to, cue) in found {
        let (start, end) = (words[from].start, words[to - 1].end);
        let name: String = chars[start..end].iter().collect();
        let overlaps = |s: usize, e: usize| s < end && start < e;
        if known.iter().any(|&(s, e)| overlaps(s, e)) {
            continue;
        }
        // An area place the cue introduced keeps the cue.
        if let Some(span) = spans.iter_mut().find(|(s, e, _)| overlaps(*s, *e)) {
            if span.2.is_none() {
                span.2 = cue;
            }
            continue;
        }
        if plausible(&name, &words[..from], cue.is_some()) {
            spans.push((start, end, cue));
        }
    }
    // Arabic clitics off the front of an area place (وورقلة is ورقلة).
    for span in spans.iter_mut() {
        let written: String = chars[span.0..span.1].iter().collect();
        if let Some(name) = area_name_in(&written) {
            span.0 = span.1 - name.chars().count();
        }
    }
    spans.sort_by_key(|&(s, _, _)| s);
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Toponym> = Vec::new();
    for (start, end, cue) in spans {
        let name: String = chars[start..end].iter().collect();
        let key = variant_key(&name);
        match by_key.get(&key) {
            Some(&k) => {
                out[k].count += 1;
                if out[k].cue.is_none() {
                    out[k].cue = cue;
                }
            }
            None => {
                by_key.insert(key, out.len());
                out.push(Toponym {
                    name,
                    count: 1,
                    cue,
                    start,
                    context: context(&chars, start, end),
                });
            }
        }
    }
    out
}

/// [`unknown_places`] over a text of any length, read in chunks
/// ([`Matcher::scan`]); candidates from every chunk are merged by variant
/// key, offsets counted from the start of the text.
///
/// # Errors
/// As [`Matcher::scan`].
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let m = sandtable::measure::Matcher::new(&data.sites);
/// let found = sandtable::measure::unknown_places_in(&m, "near Djanet.\nnear Dzhanet.\n".as_bytes()).unwrap();
/// assert_eq!((found[0].name.as_str(), found[0].count), ("Djanet", 2));
/// ```
pub fn unknown_places_in(
    matcher: &Matcher,
    input: impl std::io::BufRead,
) -> Result<Vec<Toponym>, ScanError> {
    let mut all: Vec<Toponym> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    matcher.scan(input, |text, before, _| {
        for mut place in unknown_places(matcher, text) {
            place.start += before;
            match by_key.get(&variant_key(&place.name)) {
                Some(&k) => {
                    all[k].count += place.count;
                    if all[k].cue.is_none() {
                        all[k].cue = place.cue;
                    }
                }
                None => {
                    by_key.insert(variant_key(&place.name), all.len());
                    all.push(place);
                }
            }
        }
        Ok(())
    })?;
    Ok(all)
}

/// The matcher over the area's places ([`area_places`]), made once.
fn area_matcher() -> &'static Matcher {
    static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(area_places()))
}

/// The area place's own name at the end of `written` (the written form
/// with its Arabic clitics), when one is.
fn area_name_in(written: &str) -> Option<String> {
    let folded = normalise(written);
    area_places()
        .iter()
        .flat_map(|p| p.aliases.iter())
        .filter(|alias| {
            let a = normalise(alias);
            folded.len() > a.len()
                && folded.ends_with(&a)
                && a.chars()
                    .next()
                    .is_some_and(|c| Script::of(c) == Script::Arabic)
        })
        .max_by_key(|alias| alias.len())
        .map(|alias| {
            written
                .chars()
                .skip(written.chars().count() - alias.chars().count())
                .collect()
        })
}

/// Words before a name that make it a person's, an outlet's or a ship's.
const NOT_BEFORE_A_PLACE: &[&str] = &[
    // people
    "president",
    "minister",
    "general",
    "colonel",
    "admiral",
    "mr",
    "mrs",
    "ambassador",
    "chief",
    "commander",
    "spokesman",
    "spokeswoman",
    "ministre",
    "monsieur",
    "m",
    "ambassadeur",
    "chef",
    "commandant",
    "porte parole",
    "президент",
    "министр",
    "генерал",
    "полковник",
    "адмирал",
    "господин",
    "посол",
    "глава",
    "командующий",
    "الرئيس",
    "رئيس",
    "وزير",
    "الوزير",
    "الفريق",
    "اللواء",
    "العقيد",
    "السيد",
    "السفير",
    "قائد",
    "القائد",
    "الجنرال",
    "المشير",
    "الناطق",
    // outlets
    "agency",
    "agence",
    "newspaper",
    "journal",
    "channel",
    "chaine",
    "агентство",
    "агентства",
    "газета",
    "газеты",
    "телеканал",
    "وكاله",
    "صحيفه",
    "قناه",
    "جريده",
    // ships
    "ship",
    "vessel",
    "frigate",
    "corvette",
    "destroyer",
    "submarine",
    "navire",
    "fregate",
    "sous marin",
    "корабль",
    "фрегат",
    "корвет",
    "эсминец",
    "подлодка",
    "سفينه",
    "الفرقاطه",
    "فرقاطه",
    "الغواصه",
    "غواصه",
    "المدمره",
];

/// Whether a candidate name can be a place: not a country, not an
/// acronym (TASS, ЮВО), not after a word that makes it a person's,
/// outlet's or ship's; and, with no cue word before it, a name the
/// offline gazetteer knows (its towns have 1,000 people or more, or are seats).
fn plausible(name: &str, before: &[Word], cued: bool) -> bool {
    let folded = normalise(name);
    let is_country = COUNTRIES
        .iter()
        .any(|(_, names)| names.iter().any(|n| normalise(n) == folded))
        || countries::all()
            .iter()
            .any(|c| normalise(&c.name) == folded);
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym =
        letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase());
    let titled = before.iter().rev().take(3).any(|w| {
        let word = w.folded.as_str();
        NOT_BEFORE_A_PLACE.contains(&word)
            || (w.script == Script::Arabic && NOT_BEFORE_A_PLACE.contains(&strip_particles(word)))
    });
    if is_country || acronym || titled {
        return false;
    }
    // The bundle holds towns of 1,000 people or more and seats only.
    cued || Gazetteer::shared()
        .ok()
        .and_then(|g| g.named(name))
        .is_some()
}

fn words(chars: &[char]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut i = 0;
    let mut sentence_start = true;
    let mut after_punctuation = true;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            if matches!(chars[i], '.' | '!' | '?' | '\n' | '؟' | '«' | '"' | ':') {
                sentence_start = true;
            }
            if !chars[i].is_whitespace() {
                after_punctuation = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || is_joiner(chars, i)) {
            i += 1;
        }
        let written: String = chars[start..i].iter().collect();
        let folded = normalise(&written);
        // el-Kébir, al-Assad: a connector and a capitalised name in one word.
        let after_connector = written.split_once('-').is_some_and(|(head, tail)| {
            CONNECTORS.contains(&normalise(head).as_str())
                && tail.chars().next().is_some_and(char::is_uppercase)
        });
        words.push(Word {
            script: folded.chars().next().map_or(Script::Other, Script::of),
            folded,
            start,
            end: i,
            capitalised: chars[start].is_uppercase() || after_connector,
            sentence_start,
            after_punctuation,
        });
        sentence_start = false;
        after_punctuation = false;
    }
    words
}

/// A hyphen or an apostrophe inside a word (`el-Kébir`, `d'Alger` stays two
/// words, so an apostrophe only joins when a capital does not follow).
fn is_joiner(chars: &[char], i: usize) -> bool {
    let next = chars.get(i + 1).copied().unwrap_or(' ');
    matches!(chars[i], '-' | '‐') && next.is_alphanumeric()
}

/// How many words the cue starting at word `i` takes, if one does.
fn cue_at(words: &[Word], i: usize) -> Option<usize> {
    CUES.iter()
        .filter_map(|cue| {
            let parts: Vec<&str> = cue.split(' ').collect();
            let here = words.get(i..i + parts.len())?;
            let matches = here.iter().zip(&parts).enumerate().all(|(k, (w, p))| {
                (k == 0 || !w.after_punctuation)
                    && (w.folded == *p
                        || (w.script == Script::Arabic && strip_particles(&w.folded) == *p))
            });
            matches.then_some(parts.len())
        })
        .max()
}

/// Arabic words that end a name after a cue (prepositions, conjunctions,
/// pronouns), folded.
const ARABIC_STOPS: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "مع", "قرب", "بين", "عند", "حيث", "التي", "الذي", "ضد", "نحو",
    "حول", "بعد", "قبل", "منذ", "خلال", "ثم", "او", "لكن", "كما", "ان", "هذا", "هذه", "ذلك", "تلك",
    "قد", "لم", "لن", "كان", "كانت", "وهي", "وهو",
];

/// The conjunctions and prepositions (not the article) off the front of an
/// Arabic cue: `بمنطقة` is a cue (in the region of …), `المنطقة` is not
/// (the region, which an adjective follows, not a name).
fn strip_particles(word: &str) -> &str {
    for prefix in ["وب", "فب", "ول", "وف", "و", "ف", "ب", "ل", "ك"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 3 && !rest.starts_with("ال") {
                return rest;
            }
        }
    }
    word
}

/// One Arabic clitic combination off the front of a word, if any.
fn strip_clitics(word: &str) -> &str {
    for prefix in [
        "وب", "فب", "ول", "وال", "بال", "لل", "ال", "و", "ف", "ب", "ل", "ك",
    ] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 3 {
                return rest;
            }
        }
    }
    word
}

/// The words (start, end exclusive) of the name after a cue that ends
/// before word `from`; an empty span when no name follows.
///
/// Arabic: the first word unless it is a stop word, and a second that is
/// definite (ال…, as in مرسى الكبير) and not a stop word; punctuation ends
/// the name. Latin and Cyrillic: a connector may follow the cue (base de,
/// port of), then the capitalised run.
fn name_after_cue(words: &[Word], from: usize) -> (usize, usize) {
    let Some(first) = words.get(from) else {
        return (from, from);
    };
    let stop = |w: &Word| {
        w.script != Script::Arabic
            || w.after_punctuation
            || ARABIC_STOPS.contains(&w.folded.as_str())
            || ARABIC_STOPS.contains(&strip_clitics(&w.folded))
    };
    match first.script {
        Script::Arabic => {
            if stop(first) {
                return (from, from);
            }
            let second = words
                .get(from + 1)
                .is_some_and(|w| !stop(w) && w.folded.starts_with("ال"));
            (from, from + 1 + usize::from(second))
        }
        Script::Latin | Script::Cyrillic => {
            let start = if CONNECTORS.contains(&first.folded.as_str()) {
                from + 1
            } else {
                from
            };
            (start, capitalised_run(words, start))
        }
        Script::Other => (from, from),
    }
}

/// The end of a run of capitalised Latin or Cyrillic words starting at `i`,
/// with connectors between them; `i` when word `i` is not capitalised.
fn capitalised_run(words: &[Word], i: usize) -> usize {
    let name_word =
        |w: &Word| w.capitalised && matches!(w.script, Script::Latin | Script::Cyrillic);
    if !words.get(i).is_some_and(name_word) {
        return i;
    }
    let mut to = i + 1;
    while to < words.len() {
        if words[to].after_punctuation || words[to].sentence_start {
            break;
        }
        if name_word(&words[to]) {
            to += 1;
        } else if CONNECTORS.contains(&words[to].folded.as_str())
            && words
                .get(to + 1)
                .is_some_and(|w| name_word(w) && !w.after_punctuation)
        {
            to += 2;
        } else {
            break;
        }
    }
    to
}

fn context(chars: &[char], start: usize, end: usize) -> String {
    let from = start.saturating_sub(30);
    let to = (end + 30).min(chars.len());
    chars[from..to]
        .iter()
        .map(|&c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}
