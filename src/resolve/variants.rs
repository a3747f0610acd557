//! Transliteration-aware variant keys: one spelling-tolerant key for the
//! Latin, Cyrillic and Arabic forms of names of Arabic, Berber and Russian
//! origin.
//!
//! Outlets spell one place many ways: Hammaguir / Hamaguir, Tarskoye /
//! Tarskoïe / Тарское, Béchar / Bechar / Бешар, تندوف / تيندوف. An alias list
//! never closes that set, so names and text are compared through a key that
//! forgets exactly the differences transliteration makes, and nothing else.
//!
//! # The key
//!
//! Text is first folded ([`crate::resolve::names::fold_char`]: case, accents, Arabic
//! letter variants and diacritics), then each word is rewritten by the rules
//! of its script:
//!
//! | rule | Latin | Cyrillic | Arabic |
//! |---|---|---|---|
//! | doubled letters count once | `mm` → `m` | `мм` → `м` | (shadda is already folded away) |
//! | the g/q/k sounds are one | `q k g c(a,o,u) ck qu gh`, `gu` before e/i → `k` | `к г` → `k` | `ق غ ك` → `K` |
//! | kh is h | `kh` → `h` | `х` → `h` | `ح ه` → `H`; `خ` stays apart |
//! | sh is one sound | `ch sh sch tch ş š` → `x` | `ш ч щ` → `x` | `ش` → `X` |
//! | j is one sound | `dj dzh zh j ž` → `j` | `ж` → `j` | `ج` → `J` |
//! | u, w and ou | `ou oo w` → `u` | `у` → `u` | |
//! | i, y, ï, ie | `y` → `i`; a final `ie` → `i`; a final `oe` → `oi` | `й ы` → `i` | |
//! | long vowels are optional | | | `ا و ي` inside a word are dropped |
//! | emphatics as plain | | | `ط ت ث`, `ص س`, `ض د ذ`, `ظ ز` merge |
//!
//! Latin and Cyrillic keys share one lower-case alphabet (Бешар and Bechar
//! have the same key); Arabic keys are upper-case, so an Arabic key never
//! meets a Latin one by accident. Words listed in [`QUALIFIERS`]
//! (territorial, naval, military in each language) have an empty key, so
//! "Algerian territorial waters" and المياه الإقليمية الجزائرية key like the
//! name without the adjective.
//!
//! A key only finds candidates. The mention matcher then keeps a variant
//! only where it looks like a name: a capitalised Latin or Cyrillic word, or
//! an Arabic word that is the name with long vowels added (never removed),
//! and in every script not one of the 30,000 most frequent words of Arabic,
//! French, Russian or English (`data/words/common.txt`, from wordfreq).
//!
//! [`skeleton`] goes further for lookups across scripts (`geocode
//! "مرسى الكبير"` finds Mers el Kébir): every key in one alphabet, vowels
//! dropped except a word's first, words joined.

use crate::resolve::names::fold_char;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Words that may stand inside a multi-word name without changing the place
/// (folded): "territorial", "naval", "military" and their forms in Arabic,
/// French, English and Russian.
pub const QUALIFIERS: &[&str] = &[
    "الاقليميه",
    "الاقليمي",
    "البحريه",
    "البحري",
    "العسكريه",
    "العسكري",
    "الحربيه",
    "الحربي",
    "territorial",
    "territoriale",
    "territoriales",
    "territoriaux",
    "naval",
    "navale",
    "navales",
    "navals",
    "militaire",
    "militaires",
    "military",
    "территориальные",
    "территориальных",
    "территориальным",
    "территориальными",
    "военно",
    "военныи",
    "военного",
    "военном",
    "военная",
    "военнои",
    "военную",
    "морскои",
    "морского",
    "морском",
    "морская",
];

/// The variant key of a name or a phrase: words keyed one by one, joined by
/// single spaces.
///
/// ```
/// use sandtable::resolve::variant_key;
/// assert_eq!(variant_key("Hammaguir"), variant_key("Hamaguir"));
/// assert_eq!(variant_key("Tarskoye"), variant_key("Tarskoïe"));
/// assert_eq!(variant_key("Béchar"), variant_key("Бешар"));
/// assert_eq!(variant_key("تندوف"), variant_key("تيندوف"));
/// assert_ne!(variant_key("Béchar"), variant_key("Bashar"));
/// ```
pub fn variant_key(text: &str) -> String {
    Keyed::new(text).text
}

/// A script-free key for comparing names across scripts: the variant key in
/// one lower-case alphabet, vowels dropped except at the start of a word, a
/// word's final `h` dropped (Arabic ة), doubled letters once, no spaces.
///
/// ```
/// use sandtable::resolve::skeleton;
/// assert_eq!(skeleton("Mers el Kébir"), skeleton("مرسى الكبير"));
/// assert_eq!(skeleton("Djanet"), skeleton("جانت"));
/// assert_eq!(skeleton("Abadla"), skeleton("أبادلة"));
/// assert_eq!(skeleton("Tamanrasset"), skeleton("تمنراست"));
/// ```
pub fn skeleton(text: &str) -> String {
    skeleton_of_key(&variant_key(text))
}

/// [`skeleton`] from a variant key already made.
pub(crate) fn skeleton_of_key(key: &str) -> String {
    let mut out = String::new();
    for word in key.split(' ') {
        let mut letters = String::new();
        for (i, c) in word.chars().enumerate() {
            let c = match c {
                'Q' => 'h',      // خ
                'E' => continue, // ع
                c => c.to_ascii_lowercase(),
            };
            let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
            if vowel && i > 0 {
                continue;
            }
            letters.push(if vowel { 'a' } else { c });
        }
        if letters.len() > 1 && letters.ends_with('h') {
            letters.pop();
        }
        out.push_str(&letters);
    }
    collapse_doubles(&out)
}

fn collapse_doubles(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether a folded word is one of the most frequent words of Arabic,
/// French, Russian or English.
///
/// ```
/// assert!(sandtable::resolve::is_common_word("بشر"));
/// assert!(!sandtable::resolve::is_common_word("tindouf"));
/// ```
pub fn is_common_word(folded: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/words/common.txt"
            ))
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(crate::resolve::names::normalise)
            .collect()
        })
        .contains(folded)
}

/// The script a folded word is written in, by its first letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Other,
}

impl Script {
    pub(crate) fn of(c: char) -> Script {
        match c {
            '\u{0600}'..='\u{06FF}' => Script::Arabic,
            '\u{0400}'..='\u{04FF}' => Script::Cyrillic,
            c if c.is_ascii_alphabetic() => Script::Latin,
            _ => Script::Other,
        }
    }
}

/// How each character below U+0800 (Latin, Greek, Cyrillic, Arabic) is
/// folded before keying: [`fold_char`], except letters whose accent is a
/// sound of its own (ş, š and ś are sh; č is ch; ž is zh; ğ is gh; ç is s).
fn fold_table() -> &'static [Box<str>] {
    static TABLE: OnceLock<Vec<Box<str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x800u32)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or(' ');
                let mut folded = String::new();
                match c {
                    'ş' | 'Ş' | 'š' | 'Š' | 'ś' | 'Ś' => folded.push_str("sh"),
                    'č' | 'Č' => folded.push_str("ch"),
                    'ž' | 'Ž' => folded.push_str("zh"),
                    'ğ' | 'Ğ' => folded.push_str("gh"),
                    'ç' | 'Ç' => folded.push('s'),
                    'ı' => folded.push('i'),
                    c => {
                        fold_char(c, &mut folded);
                    }
                }
                folded.into_boxed_str()
            })
            .collect()
    })
}

/// Text in key space with, for each word of the key, the original
/// characters it came from (so a match, which starts and ends at word
/// edges, maps back to the words as written, letters dropped from the key
/// such as a final long vowel included).
pub(crate) struct Keyed {
    pub(crate) text: String,
    words: Vec<KeyWord>,
    /// Scratch space for one word's key.
    scratch: Vec<char>,
}

/// Where one word of the key starts, and the original bytes it covers
/// (32 bits each: [`Keyed::new`] takes texts of up to 1 GiB, whose keys are
/// at most 2 GiB).
struct KeyWord {
    key_start: u32,
    start: u32,
    end: u32,
}

/// The longest text [`Keyed::new`] takes.
pub(crate) const MAX_KEYED: usize = 1 << 30;

impl Keyed {
    /// `original`'s key; spans are byte offsets into `original`, which is
    /// at most [`MAX_KEYED`] bytes long.
    pub(crate) fn new(original: &str) -> Keyed {
        debug_assert!(original.len() <= MAX_KEYED);
        let mut keyed = Keyed {
            text: String::with_capacity(original.len() + 16),
            words: Vec::with_capacity(original.len() / 5 + 1),
            scratch: Vec::with_capacity(32),
        };
        let mut word: Vec<char> = Vec::with_capacity(32);
        let mut start = 0;
        let mut piece = String::new();
        for (i, c) in original.char_indices() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    if word.is_empty() {
                        start = i;
                    }
                    word.push(c.to_ascii_lowercase());
                } else {
                    keyed.push_word(&mut word, start..i);
                }
                continue;
            }
            piece.clear();
            let folded: &str = match fold_table().get(c as usize) {
                Some(folded) => folded,
                None => {
                    fold_char(c, &mut piece);
                    &piece
                }
            };
            for f in folded.chars() {
                if f == ' ' {
                    keyed.push_word(&mut word, start..i);
                } else {
                    if word.is_empty() {
                        start = i;
                    }
                    word.push(f);
                }
            }
        }
        keyed.push_word(&mut word, start..original.len());
        keyed
    }

    /// The original byte span of key bytes `start..end`, which start and
    /// end at word edges. `near` is a word index to search from: a scan
    /// asks about nearby spans one after another, so walking from the last
    /// answer is quicker than a binary search.
    pub(crate) fn original_span(
        &self,
        start: usize,
        end: usize,
        near: &mut usize,
    ) -> (usize, usize) {
        let first = self.word_at(start, near);
        let last = self.word_at(end - 1, near);
        (
            self.words[first].start as usize,
            self.words[last].end as usize,
        )
    }

    /// The index of the word holding key byte `byte`, walking from `near`.
    fn word_at(&self, byte: usize, near: &mut usize) -> usize {
        let mut i = (*near).min(self.words.len() - 1);
        let byte = byte as u32;
        while i > 0 && self.words[i].key_start > byte {
            i -= 1;
        }
        while i + 1 < self.words.len() && self.words[i + 1].key_start <= byte {
            i += 1;
        }
        *near = i;
        i
    }

    /// Keys one word (its characters, folded, and the original characters
    /// it was written with) and appends it.
    fn push_word(&mut self, word: &mut Vec<char>, original: std::ops::Range<usize>) {
        if word.is_empty() {
            return;
        }
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        if !is_qualifier(word) {
            match Script::of(word[0]) {
                Script::Latin => latin(word, &mut out),
                Script::Cyrillic => cyrillic(word, &mut out),
                Script::Arabic => arabic(word, &mut out),
                Script::Other => out.extend_from_slice(word),
            }
        }
        word.clear();
        if !out.is_empty() {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.words.push(KeyWord {
                key_start: self.text.len() as u32,
                start: original.start as u32,
                end: original.end as u32,
            });
            let mut last = None;
            for &c in &out {
                if last != Some(c) {
                    // doubled letters count once
                    self.text.push(c);
                    last = Some(c);
                }
            }
        }
        self.scratch = out;
    }
}

/// Whether a folded word is one of [`QUALIFIERS`].
pub(crate) fn is_qualifier_word(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| QUALIFIERS.iter().copied().collect())
        .contains(folded)
}

fn is_qualifier(word: &[char]) -> bool {
    // Grouped by length: most words are compared with none or a few.
    static BY_LENGTH: OnceLock<Vec<Vec<Vec<char>>>> = OnceLock::new();
    let by_length = BY_LENGTH.get_or_init(|| {
        let mut by_length = vec![Vec::new(); 32];
        for q in QUALIFIERS {
            let letters: Vec<char> = q.chars().collect();
            by_length[letters.len()].push(letters);
        }
        by_length
    });
    by_length
        .get(word.len())
        .is_some_and(|same| same.iter().any(|q| q.last() == word.last() && q == word))
}

/// Latin rules, longest sequence first.
fn latin(word: &[char], out: &mut Vec<char>) {
    let at = |i: usize| word.get(i).copied().unwrap_or(' ');
    let front_vowel = |x: char| matches!(x, 'e' | 'i' | 'y');
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        // Most letters stand for themselves: only these start a rule.
        if !matches!(
            c,
            't' | 'd' | 's' | 'c' | 'z' | 'k' | 'g' | 'q' | 'p' | 'o' | 'w' | 'y' | 'x'
        ) {
            out.push(c);
            i += 1;
            continue;
        }
        let (key, used): (&str, usize) = match (at(i), at(i + 1), at(i + 2), at(i + 3)) {
            ('t', 's', 'c', 'h') => ("x", 4),
            ('d', 'z', 'h', _) => ("j", 3),
            ('t', 'c', 'h', _) | ('s', 'c', 'h', _) => ("x", 3),
            ('c', 'h', _, _) | ('s', 'h', _, _) => ("x", 2),
            ('z', 'h', _, _) | ('d', 'j', _, _) => ("j", 2),
            ('k', 'h', _, _) => ("h", 2),
            ('g', 'h', _, _) | ('q', 'u', _, _) | ('c', 'k', _, _) => ("k", 2),
            ('g', 'u', v, _) if front_vowel(v) => ("k", 2),
            ('p', 'h', _, _) => ("f", 2),
            ('t', 'h', _, _) => ("t", 2),
            ('d', 'h', _, _) => ("d", 2),
            ('o', 'u', _, _) | ('o', 'o', _, _) => ("u", 2),
            ('c', v, _, _) if front_vowel(v) => ("s", 1),
            ('c', _, _, _) | ('q', _, _, _) | ('g', _, _, _) => ("k", 1),
            ('w', _, _, _) => ("u", 1),
            ('y', _, _, _) => ("i", 1),
            ('x', _, _, _) => ("ks", 1),
            (other, _, _, _) => {
                out.push(other);
                i += 1;
                continue;
            }
        };
        out.extend(key.chars());
        i += used;
    }
    vowel_ending(out);
}

/// A final `ie` (from ï, ïe, ie, ye) is `i`; a final `oe` is `oi`
/// (Tarskoe, Tarskoye, Tarskoïe, Тарское all end in `oi`).
fn vowel_ending(out: &mut Vec<char>) {
    let n = out.len();
    if n >= 3 && out[n - 1] == 'e' {
        match out[n - 2] {
            'i' => {
                out.pop();
            }
            'o' => out[n - 1] = 'i',
            _ => {}
        }
    }
}

fn cyrillic(word: &[char], out: &mut Vec<char>) {
    for (i, &c) in word.iter().enumerate() {
        let key: &str = match c {
            // дж is one sound, j.
            'д' if word.get(i + 1) == Some(&'ж') => "",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'к' => "k",
            'д' => "d",
            'е' | 'э' | 'ё' => "e",
            'ж' => "j",
            'з' => "z",
            'и' | 'й' | 'ы' => "i",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "ts",
            'ч' | 'ш' | 'щ' => "x",
            'ъ' | 'ь' => "",
            'ю' => "iu",
            'я' => "ia",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.extend(key.chars());
    }
    vowel_ending(out);
}

/// The Arabic letter classes, before long vowels are dropped.
pub(crate) fn arabic_class(c: char) -> char {
    match c {
        'ا' => 'A',
        'ب' => 'B',
        'ت' | 'ط' | 'ث' => 'T',
        'ج' => 'J',
        'ح' | 'ه' => 'H',
        'خ' => 'Q',
        'د' | 'ذ' | 'ض' => 'D',
        'ر' => 'R',
        'ز' | 'ظ' => 'Z',
        'س' | 'ص' => 'S',
        'ش' => 'X',
        'ع' => 'E',
        'غ' | 'ق' | 'ك' => 'K',
        'ف' => 'F',
        'ل' => 'L',
        'م' => 'M',
        'ن' => 'N',
        'و' => 'U',
        'ي' => 'I',
        'پ' => 'P',
        'ڤ' | 'ڥ' => 'V',
        'ڨ' | 'گ' => 'K',
        other => other,
    }
}

/// Whether an Arabic letter class is a long vowel (ا و ي).
pub(crate) fn is_long_vowel(class: char) -> bool {
    matches!(class, 'A' | 'U' | 'I')
}

fn arabic(word: &[char], out: &mut Vec<char>) {
    for (i, &c) in word.iter().enumerate() {
        if c == 'ء' {
            continue;
        }
        let class = arabic_class(c);
        if i > 0 && is_long_vowel(class) {
            continue; // long vowels are optional inside a word
        }
        out.push(class);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_in_each_script() {
        for (a, b) in [
            ("Hammaguir", "Hamaguir"),
            ("Хаммагир", "Хамагир"),
            ("Hammaguir", "Хаммагир"),
            ("Hammaguir", "Hammakir"),
            ("Hammaguir", "Hammaqir"),
            ("Khenchela", "Henchela"),
            ("Béchar", "Bechar"),
            ("Béchar", "Beshar"),
            ("Béchar", "Beşar"),
            ("Béchar", "Bešar"),
            ("Tindouf", "Tinduf"),
            ("Djanet", "Dzhanet"),
            ("Djanet", "Джанет"),
            ("Tarskoye", "Tarskoïe"),
            ("Tarskoye", "Tarskoie"),
            ("Tarskoe", "Тарское"),
            ("Tarskoye", "Тарское"),
            ("حماقير", "حماغير"),
            ("تندوف", "تيندوف"),
            ("المياه الجزائرية", "المياه الإقليمية الجزائرية"),
            ("Algerian waters", "Algerian territorial waters"),
        ] {
            assert_eq!(variant_key(a), variant_key(b), "{a} ~ {b}");
        }
    }

    #[test]
    fn what_the_key_keeps_apart() {
        for (a, b) in [
            ("Béchar", "Bashar"),
            ("Béchar", "Bashir"),
            ("Adrar", "Arad"),
            ("خنشلة", "حنشلة"),
            ("Béchar", "بشار"),
        ] {
            assert_ne!(variant_key(a), variant_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn spans_map_back_to_the_words_as_written() {
        let text = "à Tarskoïe, près";
        let k = Keyed::new(text);
        assert_eq!(k.text, "a tarskoi pres");
        let (s, e) = k.original_span(2, 9, &mut 0);
        assert_eq!(&text[s..e], "Tarskoïe");
    }
}
