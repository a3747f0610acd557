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
//! Text is first folded ([`crate::names::fold_char`]: case, accents, Arabic
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
//! and in every script not one of the 120,000 most frequent words of Arabic,
//! French, Russian and English (`data/words/common.txt`, from wordfreq).
//!
//! [`skeleton`] goes further for lookups across scripts (`geocode
//! "مرسى الكبير"` finds Mers el Kébir): every key in one alphabet, vowels
//! dropped except a word's first, words joined.

use crate::names::fold_char;
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
/// use sandtable::variant_key;
/// assert_eq!(variant_key("Hammaguir"), variant_key("Hamaguir"));
/// assert_eq!(variant_key("Tarskoye"), variant_key("Tarskoïe"));
/// assert_eq!(variant_key("Béchar"), variant_key("Бешар"));
/// assert_eq!(variant_key("تندوف"), variant_key("تيندوف"));
/// assert_ne!(variant_key("Béchar"), variant_key("Bashar"));
/// ```
pub fn variant_key(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    Keyed::new(&chars).text
}

/// A script-free key for comparing names across scripts: the variant key in
/// one lower-case alphabet, vowels dropped except at the start of a word, a
/// word's final `h` dropped (Arabic ة), doubled letters once, no spaces.
///
/// ```
/// use sandtable::skeleton;
/// assert_eq!(skeleton("Mers el Kébir"), skeleton("مرسى الكبير"));
/// assert_eq!(skeleton("Djanet"), skeleton("جانت"));
/// assert_eq!(skeleton("Abadla"), skeleton("أبادلة"));
/// assert_eq!(skeleton("Tamanrasset"), skeleton("تمنراست"));
/// ```
pub fn skeleton(text: &str) -> String {
    let mut out = String::new();
    for word in variant_key(text).split(' ') {
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
/// assert!(sandtable::is_common_word("بشر"));
/// assert!(!sandtable::is_common_word("tindouf"));
/// ```
pub fn is_common_word(folded: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            include_str!("../data/words/common.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(crate::names::normalise)
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

/// Text in key space with, for each byte of the key, the original character
/// it came from (so a match in the key maps back to the words as written).
pub(crate) struct Keyed {
    pub(crate) text: String,
    /// For each key byte, the first original character of its letter (of
    /// its word, for a word's first letter).
    origin: Vec<usize>,
    /// For each key byte, the last original character of its letter (of its
    /// word, for a word's last letter: letters dropped from the key, like a
    /// final long vowel, still belong to the word as written).
    origin_end: Vec<usize>,
    /// Scratch space for one word's key.
    scratch: Vec<(char, usize)>,
}

impl Keyed {
    pub(crate) fn new(original: &[char]) -> Keyed {
        let mut keyed = Keyed {
            text: String::with_capacity(original.len() + 16),
            origin: Vec::with_capacity(original.len() + 16),
            origin_end: Vec::with_capacity(original.len() + 16),
            scratch: Vec::with_capacity(32),
        };
        let mut word: Vec<(char, usize)> = Vec::with_capacity(32);
        let mut piece = String::new();
        for (i, &c) in original.iter().enumerate() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    word.push((c.to_ascii_lowercase(), i));
                } else {
                    keyed.push_word(&mut word);
                }
                continue;
            }
            piece.clear();
            match c {
                'ş' | 'Ş' | 'š' | 'Š' | 'ś' | 'Ś' => piece.push_str("sh"),
                'č' | 'Č' => piece.push_str("ch"),
                'ž' | 'Ž' => piece.push_str("zh"),
                'ğ' | 'Ğ' => piece.push_str("gh"),
                'ç' | 'Ç' => piece.push('s'),
                'ı' => piece.push('i'),
                _ => {
                    fold_char(c, &mut piece);
                }
            }
            for f in piece.chars() {
                if f == ' ' {
                    keyed.push_word(&mut word);
                } else {
                    word.push((f, i));
                }
            }
        }
        keyed.push_word(&mut word);
        keyed
    }

    /// The original character span of key bytes `start..end`.
    pub(crate) fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start], self.origin_end[end - 1] + 1)
    }

    fn push_word(&mut self, word: &mut Vec<(char, usize)>) {
        if word.is_empty() {
            return;
        }
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        if !is_qualifier(word) {
            match Script::of(word[0].0) {
                Script::Latin => latin(word, &mut out),
                Script::Cyrillic => cyrillic(word, &mut out),
                Script::Arabic => arabic(word, &mut out),
                Script::Other => out.extend_from_slice(word),
            }
        }
        let (first, last_char) = (word[0].1, word[word.len() - 1].1);
        word.clear();
        if out.is_empty() {
            self.scratch = out;
            return;
        }
        out[0].1 = first;
        if !self.text.is_empty() {
            self.text.push(' ');
            let at = *self.origin_end.last().expect("text has origins");
            self.origin.push(at);
            self.origin_end.push(at);
        }
        let mut last = None;
        for &(c, at) in &out {
            if last == Some(c) {
                continue; // doubled letters count once
            }
            last = Some(c);
            self.text.push(c);
            self.origin.extend(std::iter::repeat_n(at, c.len_utf8()));
            self.origin_end
                .extend(std::iter::repeat_n(at, c.len_utf8()));
        }
        let from = self.origin_end.len() - last.map_or(0, char::len_utf8);
        self.origin_end[from..].fill(last_char);
        self.scratch = out;
    }
}

fn is_qualifier(word: &[(char, usize)]) -> bool {
    static BY_LETTERS: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    let qualifiers =
        BY_LETTERS.get_or_init(|| QUALIFIERS.iter().map(|q| q.chars().collect()).collect());
    qualifiers.iter().any(|q| {
        q.len() == word.len() && q[0] == word[0].0 && q.iter().zip(word).all(|(a, b)| *a == b.0)
    })
}

/// Latin rules, longest sequence first.
fn latin(word: &[(char, usize)], out: &mut Vec<(char, usize)>) {
    let at = |i: usize| word.get(i).map_or(' ', |&(c, _)| c);
    let front_vowel = |x: char| matches!(x, 'e' | 'i' | 'y');
    let mut i = 0;
    while i < word.len() {
        let origin = word[i].1;
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
                out.push((other, origin));
                i += 1;
                continue;
            }
        };
        out.extend(key.chars().map(|k| (k, origin)));
        i += used;
    }
    vowel_ending(out);
}

/// A final `ie` (from ï, ïe, ie, ye) is `i`; a final `oe` is `oi`
/// (Tarskoe, Tarskoye, Tarskoïe, Тарское all end in `oi`).
fn vowel_ending(out: &mut Vec<(char, usize)>) {
    let n = out.len();
    if n >= 3 && out[n - 1].0 == 'e' {
        match out[n - 2].0 {
            'i' => {
                out.pop();
            }
            'o' => out[n - 1].0 = 'i',
            _ => {}
        }
    }
}

fn cyrillic(word: &[(char, usize)], out: &mut Vec<(char, usize)>) {
    for (i, &(c, at)) in word.iter().enumerate() {
        let key: &str = match c {
            // дж is one sound, j.
            'д' if word.get(i + 1).is_some_and(|&(n, _)| n == 'ж') => "",
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
                out.push((c, at));
                continue;
            }
        };
        out.extend(key.chars().map(|k| (k, at)));
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

fn arabic(word: &[(char, usize)], out: &mut Vec<(char, usize)>) {
    for (i, &(c, at)) in word.iter().enumerate() {
        if c == 'ء' {
            continue;
        }
        let class = arabic_class(c);
        if i > 0 && is_long_vowel(class) {
            continue; // long vowels are optional inside a word
        }
        out.push((class, at));
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
        let text: Vec<char> = "à Tarskoïe, près".chars().collect();
        let k = Keyed::new(&text);
        assert_eq!(k.text, "a tarskoi pres");
        let (s, e) = k.original_span(2, 9);
        assert_eq!(text[s..e].iter().collect::<String>(), "Tarskoïe");
    }
}
