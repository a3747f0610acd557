//! Name normalisation across Latin, Arabic and Cyrillic, and the alias index.
//!
//! People type `bechar` for Béchar, `هماجير` or `حماقير` for Hammaguir, with or
//! without hamza, short vowels or tatweel. [`fold`] maps each character to a
//! canonical form so that all of these compare equal; [`NameIndex`] finds
//! sites by id, name or alias in any script.

use crate::load::model::Site;
use unicode_normalization::char::decompose_compatible;

/// Appends the folded form of one character to `out`: lowercase, accents and
/// Arabic diacritics removed, Arabic letter variants unified, punctuation
/// turned into a space. Returns how many characters were appended.
///
/// ```text
/// let mut s = String::new();
/// sandtable::resolve::fold_char('É', &mut s);
/// assert_eq!(s, "e");
/// ```
pub fn fold_char(c: char, out: &mut String) -> usize {
    // Latin, Greek, Cyrillic and Arabic letters come from a table made once:
    // folding is most of the time `mentions` spends on a text.
    static TABLE: std::sync::OnceLock<Vec<(Box<str>, usize)>> = std::sync::OnceLock::new();
    const TABLED: u32 = 0x800;
    if !c.is_ascii() && (c as u32) < TABLED {
        let table = TABLE.get_or_init(|| {
            (0..TABLED)
                .map(|u| {
                    let mut s = String::new();
                    let n = char::from_u32(u).map_or(0, |c| fold_uncached(c, &mut s));
                    (s.into_boxed_str(), n)
                })
                .collect()
        });
        let (folded, n) = &table[c as usize];
        out.push_str(folded);
        return *n;
    }
    fold_uncached(c, out)
}

fn fold_uncached(c: char, out: &mut String) -> usize {
    if c.is_ascii() {
        out.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            ' '
        });
        return 1;
    }
    let before = out.len();
    // Compatibility decomposition first (é → e + accent, ﰱ → فى, ¼ → 1⁄4),
    // then each piece on its own, so that folding folded text changes nothing.
    decompose_compatible(c, |d| fold_decomposed(d, out));
    out[before..].chars().count()
}

fn fold_decomposed(d: char, out: &mut String) {
    match d {
        // Alef forms (hamza above/below, madda, wasla) → bare alef.
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' | 'ی' | 'ئ' => out.push('ي'),
        'ة' => out.push('ه'),
        'ؤ' => out.push('و'),
        'ک' => out.push('ك'),
        'ـ' => {} // tatweel
        'ß' => out.push_str("ss"),
        d if is_combining_mark(d) => {} // accents, harakat, superscript alef
        d if d.is_alphanumeric() => {
            for lower in d.to_lowercase().filter(|l| !is_combining_mark(*l)) {
                out.push(if lower.is_alphanumeric() { lower } else { ' ' });
            }
        }
        _ => out.push(' '),
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}'
        | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Folds a whole name: `fold_char` on each character, runs of spaces
/// collapsed, no leading or trailing space.
///
/// ```
/// use sandtable::resolve::normalise;
/// assert_eq!(normalise("Béchar"), "bechar");
/// assert_eq!(normalise("HAMAGUIR"), "hamaguir");
/// assert_eq!(normalise("أدرار"), normalise("ادرار"));
/// assert_eq!(normalise("مَدْرَسَة"), "مدرسه");
/// assert_eq!(normalise("B-2  Hammaguir"), "b 2 hammaguir");
/// ```
pub fn normalise(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut folded);
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An index from folded names to sites.
///
/// ```
/// use sandtable::{resolve::Lookup, resolve::NameIndex};
/// # let sites = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap().sites;
/// let index = NameIndex::new(&sites);
/// assert!(matches!(index.lookup("هماجير"), Lookup::Found(i) if sites[i].id == "hammaguir"));
/// ```
#[derive(Debug, Clone)]
pub struct NameIndex {
    /// (folded name, site position), sorted.
    entries: Vec<(String, usize)>,
}

/// The result of looking a name up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly one site (its position in the site list).
    Found(usize),
    /// Several sites match; all are listed.
    Ambiguous(Vec<usize>),
    /// No site matches; the closest names, best first.
    NotFound(Vec<String>),
}

impl NameIndex {
    /// Indexes every name of every site.
    pub fn new(sites: &[Site]) -> NameIndex {
        let mut entries: Vec<(String, usize)> = sites
            .iter()
            .enumerate()
            .flat_map(|(i, site)| site.names().map(move |n| (normalise(n), i)))
            .filter(|(n, _)| !n.is_empty())
            .collect();
        entries.sort();
        entries.dedup();
        NameIndex { entries }
    }

    /// Sites whose name equals the query once folded; failing that, sites
    /// with a name that contains the query as whole words.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let q = normalise(query);
        if q.is_empty() {
            return Vec::new();
        }
        let exact: Vec<usize> = self
            .entries
            .iter()
            .filter(|(n, _)| *n == q)
            .map(|&(_, i)| i)
            .collect();
        let mut found = if exact.is_empty() {
            let padded = format!(" {q} ");
            self.entries
                .iter()
                .filter(|(n, _)| format!(" {n} ").contains(&padded))
                .map(|&(_, i)| i)
                .collect()
        } else {
            exact
        };
        found.sort_unstable();
        found.dedup();
        found
    }

    /// One site for a query, or the candidates, or suggestions.
    pub fn lookup(&self, query: &str) -> Lookup {
        match self.search(query).as_slice() {
            [one] => Lookup::Found(*one),
            [] => Lookup::NotFound(self.suggest(query)),
            many => Lookup::Ambiguous(many.to_vec()),
        }
    }

    /// Up to three known names closest to `query` (by Jaro–Winkler similarity).
    pub fn suggest(&self, query: &str) -> Vec<String> {
        let q = normalise(query);
        let mut scored: Vec<(f64, &str)> = self
            .entries
            .iter()
            .map(|(n, _)| (strsim::jaro_winkler(&q, n), n.as_str()))
            .filter(|(score, _)| *score > 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut names: Vec<String> = Vec::new();
        for (_, n) in scored {
            if !names.iter().any(|m| m == n) {
                names.push(n.to_string());
            }
            if names.len() == 3 {
                break;
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_variants_fold_together() {
        assert_eq!(normalise("إسلام"), normalise("اسلام"));
        assert_eq!(normalise("آمن"), normalise("امن"));
        assert_eq!(normalise("ٱلجزائر"), normalise("الجزائر"));
        assert_eq!(normalise("مستشفى"), normalise("مستشفي"));
        assert_eq!(normalise("مدينة"), normalise("مدينه"));
        assert_eq!(normalise("الجـــزائر"), normalise("الجزائر"));
        assert_eq!(normalise("بَشّار"), normalise("بشار"));
    }

    #[test]
    fn cyrillic_and_latin_fold_case_and_accents() {
        assert_eq!(normalise("ТАРСКОЕ"), normalise("Тарское"));
        assert_eq!(normalise("Algérie"), "algerie");
        assert_eq!(normalise("  El  Djazaïr "), "el djazair");
    }
}
