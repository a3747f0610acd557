//! The places a text names, as spans: the gazetteer's sites, places it
//! lacks, and countries (by name or adjective); and the dataset's event an
//! article is about.

use crate::load::dataset::Dataset;
use crate::measure::extract::lexicon::COUNTRIES;
use crate::measure::extract::tokens::{match_at, phrases, Sentence};
use crate::measure::mentions::Matcher;
use crate::measure::toponyms::unknown_places;
use crate::resolve::names::normalise;

/// What a span of text names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Named {
    /// A site of the gazetteer, by id.
    Site(String),
    /// A place the gazetteer lacks, as written.
    Unknown(String),
    /// A country, by ISO alpha-2 code.
    Country(String),
}

/// A named place in the text, by character span.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub named: Named,
}

/// Every place named in `text`: sites, then unknown places and countries
/// where no site already covers the text; sorted by start.
pub(crate) fn spans(text: &str, sentences: &[Sentence], matcher: &Matcher) -> Vec<Span> {
    let mut found: Vec<Span> = matcher
        .find(text)
        .into_iter()
        .map(|m| Span {
            start: m.start,
            end: m.end,
            named: Named::Site(m.site_id),
        })
        .collect();
    let countries = country_words();
    for sentence in sentences {
        let tokens = &sentence.tokens;
        let mut i = 0;
        while i < tokens.len() {
            match match_at(tokens, i, &countries.0) {
                Some((k, n)) => {
                    push_free(
                        &mut found,
                        Span {
                            start: tokens[i].start,
                            end: tokens[i + n - 1].end,
                            named: Named::Country(countries.1[k].to_string()),
                        },
                    );
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for place in unknown_places(matcher, text) {
        let name: Vec<char> = place.name.chars().collect();
        let mut at = 0;
        while let Some(i) = chars[at..]
            .windows(name.len().max(1))
            .position(|w| w == &name[..])
        {
            let start = at + i;
            push_free(
                &mut found,
                Span {
                    start,
                    end: start + name.len(),
                    named: Named::Unknown(place.name.clone()),
                },
            );
            at = start + name.len().max(1);
        }
    }
    found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    found
}

/// Adds `span` unless it overlaps one already found.
fn push_free(found: &mut Vec<Span>, span: Span) {
    if !found
        .iter()
        .any(|s| s.start < span.end && span.start < s.end)
    {
        found.push(span);
    }
}

/// The country phrases, folded, with their codes.
pub(crate) fn country_words() -> (Vec<Vec<String>>, Vec<&'static str>) {
    let mut words = Vec::new();
    let mut codes = Vec::new();
    for (code, names) in COUNTRIES {
        for name in *names {
            words.extend(phrases(&[name]));
            codes.push(*code);
        }
    }
    (words, codes)
}

/// The dataset's event the article is about: the one whose name (in its
/// own language or English) the text names first.
pub(crate) fn article_event(text: &str, data: &Dataset) -> Option<String> {
    let folded = normalise(text);
    data.events
        .iter()
        .flat_map(|e| {
            [&e.name_original, &e.name]
                .into_iter()
                .filter(|n| n.chars().count() >= 6)
                .filter_map(|n| folded.find(&normalise(n)).map(|at| (at, e.id.clone())))
                .collect::<Vec<_>>()
        })
        .min()
        .map(|(_, id)| id)
}
