//! Geographic claims read from a sentence: distances ("80 km from the
//! Moroccan border", "على بعد كيلومترات من الحدود"), directions ("south-west
//! of Béchar", "к северу от Беслана") and "between X and Y".
//!
//! A distance is a number (digits in any script, or words) or a
//! quantifier ("a few", "dozens of") before a unit; what it is measured
//! from is the border, coast or place named after it; what it is about is
//! the nearest place named before it in the sentence, else, when the
//! sentence is about an exercise, the article's event, else the last place
//! of the sentence before.

use crate::measure::extract::lexicon as lx;
use crate::measure::extract::places::{Named, Span};
use crate::measure::extract::tokens::{
    match_at, match_before, phrases, NumberWords, Sentence, Token,
};
use std::sync::OnceLock;

/// What a claim relates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// How far `from` is from `to`.
    Distance,
    /// In which direction `to` lies from `from`.
    Bearing,
    /// `from` lies between the two places of `to`.
    Between,
}

impl Relation {
    /// As `extract` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Distance => "distance",
            Relation::Bearing => "bearing",
            Relation::Between => "between",
        }
    }
}

/// One end of a claim.
#[derive(Debug, Clone, PartialEq)]
pub enum End {
    /// A gazetteer site, by id.
    Site(String),
    /// A dataset event, by id (its site is the place).
    Event(String),
    /// A country's land border, by ISO alpha-2 code.
    Border(String),
    /// A country's coast, by ISO alpha-2 code.
    Coast(String),
    /// A place the gazetteer lacks, as written.
    Text(String),
    /// Two places (`between`).
    Pair(Box<End>, Box<End>),
}

impl std::fmt::Display for End {
    /// `hammaguir`, `border:MA`, `coast:DZ`, the text, or `a|b`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            End::Site(id) | End::Event(id) | End::Text(id) => f.write_str(id),
            End::Border(code) => write!(f, "border:{code}"),
            End::Coast(code) => write!(f, "coast:{code}"),
            End::Pair(a, b) => write!(f, "{a}|{b}"),
        }
    }
}

/// How a number was qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualified {
    /// A bare number: half a unit of its last digit either way.
    Exact,
    /// "About": ±10 %.
    About,
    /// A range, or "a few" (2..9), or an upper or lower bound.
    Range,
}

/// A claim found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundClaim {
    /// What it relates.
    pub relation: Relation,
    /// Where it starts in the text, in characters.
    pub start: usize,
    /// Where it ends, exclusive.
    pub end: usize,
    /// The lowest distance the words allow, in `unit`.
    pub low: Option<f64>,
    /// The highest (`None`: no upper bound, "more than").
    pub high: Option<f64>,
    /// The number as stated (a range's middle), for `claims.csv`.
    pub stated: Option<f64>,
    /// How the number was qualified.
    pub qualified: Option<Qualified>,
    /// `km`, `m`, `mi`, `nmi`, or `deg` for a bearing.
    pub unit: String,
    /// The compass point, for a bearing or a distance given with one.
    pub compass: Option<String>,
    /// Where it is measured from (a bearing: the place it is taken at).
    pub from: Option<End>,
    /// What it is measured to.
    pub to: End,
    /// The dataset's event the sentence is about, when it names one.
    pub event: Option<String>,
}

/// The words, folded once.
struct Words {
    units: Vec<Vec<String>>,
    unit_symbols: Vec<&'static str>,
    about: Vec<Vec<String>>,
    at_most: Vec<Vec<String>>,
    at_least: Vec<Vec<String>>,
    only: Vec<Vec<String>>,
    a_few: Vec<Vec<String>>,
    dozens: Vec<Vec<String>>,
    hundreds: Vec<Vec<String>>,
    numbers: NumberWords,
    compass: Vec<Vec<String>>,
    compass_points: Vec<&'static str>,
    from: Vec<Vec<String>>,
    border: Vec<Vec<String>>,
    coast: Vec<Vec<String>>,
    exercise: Vec<Vec<String>>,
    range: Vec<Vec<String>>,
    at: Vec<Vec<String>>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let (mut units, mut unit_symbols) = (Vec::new(), Vec::new());
        for (symbol, names) in lx::UNITS {
            for name in *names {
                units.extend(phrases(&[name]));
                unit_symbols.push(*symbol);
            }
        }
        let (mut compass, mut compass_points) = (Vec::new(), Vec::new());
        for (point, names) in lx::COMPASS {
            for name in *names {
                compass.extend(phrases(&[name]));
                compass_points.push(*point);
            }
        }
        Words {
            units,
            unit_symbols,
            about: phrases(lx::ABOUT),
            at_most: phrases(lx::AT_MOST),
            at_least: phrases(lx::AT_LEAST),
            only: phrases(lx::ONLY),
            a_few: phrases(lx::A_FEW),
            dozens: phrases(lx::DOZENS),
            hundreds: phrases(lx::HUNDREDS),
            numbers: NumberWords::new(lx::NUMBER_WORDS),
            compass,
            compass_points,
            from: phrases(lx::FROM),
            border: phrases(lx::BORDER),
            coast: phrases(lx::COAST),
            exercise: phrases(lx::EXERCISE_WORDS),
            range: phrases(&[
                "to", "and", "à", "a", "et", "-", "–", "до", "по", "и", "إلى", "الى", "و",
            ]),
            at: phrases(&["в", "à", "a", "at", "على بعد", "بعد"]),
        }
    })
}

/// The context a sentence is read in.
pub(crate) struct Context<'a> {
    /// Every named place of the text, sorted by start.
    pub spans: &'a [Span],
    /// The dataset's event the article is about.
    pub event: Option<&'a str>,
    /// The last place named in the sentence before.
    pub previous_place: Option<End>,
    /// The countries the text names, latest last (for a border with no country).
    pub countries: Vec<String>,
    /// The country a site is in (alpha-2), to tell which side of a
    /// two-country border ("الحدود الجزائرية المغربية") is meant.
    pub site_country: &'a dyn Fn(&str) -> Option<String>,
}

/// Every claim in one sentence.
pub(crate) fn claims(sentence: &Sentence, context: &Context) -> Vec<FoundClaim> {
    let w = words();
    let tokens = &sentence.tokens;
    let places: Vec<&Span> = context
        .spans
        .iter()
        .filter(|s| s.start >= sentence.start && s.end <= sentence.end)
        .collect();
    let mut found = Vec::new();
    let mut used = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let Some((k, n)) = match_at(tokens, i, &w.units) else {
            i += 1;
            continue;
        };
        if let Some(claim) = distance(tokens, i, n, w.unit_symbols[k], &places, context, &mut used)
        {
            found.push(claim);
        }
        i += n;
    }
    found.extend(bearings(tokens, &places, context, &used));
    found.extend(betweens(tokens, &places, context));
    found
}

/// The number and its qualifiers before the unit at `unit`: (low, high,
/// stated, qualified, first token).
fn amount(tokens: &[Token], unit: usize) -> Option<(f64, Option<f64>, f64, Qualified, usize)> {
    let w = words();
    // Quantifiers in words: a few, dozens of, hundreds of.
    for (list, low, high) in [
        (&w.a_few, 2.0, 9.0),
        (&w.dozens, 24.0, 99.0),
        (&w.hundreds, 200.0, 999.0),
    ] {
        if let Some((_, n)) = match_before(tokens, unit, list) {
            return Some((
                low,
                Some(high),
                (low + high) / 2.0,
                Qualified::Range,
                unit - n,
            ));
        }
    }
    let Some((value, approximate, mut start)) = w.numbers.before(tokens, unit) else {
        // A unit in the plural with no number: "a few" (كيلومترات, kilomètres).
        let plural = matches!(
            tokens[unit].folded.as_str(),
            "كيلومترات" | "kilometres" | "kilometers" | "kilometres," | "километров" | "kms"
        );
        return plural.then_some((2.0, Some(9.0), 5.5, Qualified::Range, unit));
    };
    // A range: 50 to 60, 50-60, من 50 إلى 60, entre 50 et 60.
    if start >= 2 && match_before(tokens, start, &w.range).is_some() {
        let (_, n) = match_before(tokens, start, &w.range).expect("matched");
        if let Some((first, _, at)) = w.numbers.before(tokens, start - n) {
            if first < value {
                let at = skip_back(
                    tokens,
                    at,
                    &[
                        &["من"],
                        &["from"],
                        &["de"],
                        &["от"],
                        &["с"],
                        &["between"],
                        &["entre"],
                        &["между"],
                        &["بين"],
                    ],
                );
                return Some((
                    first,
                    Some(value),
                    (first + value) / 2.0,
                    Qualified::Range,
                    at,
                ));
            }
        }
    }
    let mut qualified = if approximate {
        Qualified::About
    } else {
        Qualified::Exact
    };
    let mut low = value;
    let mut high = Some(value);
    // Qualifiers before the number (several may stack: "only about").
    loop {
        // A preposition may stand between a qualifier and its number:
        // "примерно в 50 км", "environ à 80 km".
        if let Some((_, p)) = match_before(tokens, start, &w.at) {
            let before = start - p;
            let qualifier = [&w.about, &w.at_most, &w.at_least, &w.only]
                .into_iter()
                .any(|list| match_before(tokens, before, list).is_some());
            if qualifier {
                start = before;
            }
        }
        if let Some((_, n)) = match_before(tokens, start, &w.about) {
            qualified = Qualified::About;
            start -= n;
        } else if let Some((_, n)) = match_before(tokens, start, &w.at_most) {
            qualified = Qualified::Range;
            low = 0.0;
            start -= n;
        } else if let Some((_, n)) = match_before(tokens, start, &w.at_least) {
            qualified = Qualified::Range;
            high = None;
            start -= n;
        } else if let Some((_, n)) = match_before(tokens, start, &w.only) {
            start -= n;
        } else {
            break;
        }
    }
    // "تقريبا" after the unit.
    if tokens
        .get(unit + 1)
        .is_some_and(|t| matches!(t.folded.as_str(), "تقريبا" | "environ" | "or so"))
    {
        qualified = Qualified::About;
    }
    // Rounded to nine decimals, so that 10 % of 50 is 5, not 5.000…01.
    let tidy = |v: f64| (v * 1e9).round() / 1e9;
    let (low, high) = match qualified {
        Qualified::About => (tidy(value * 0.9), Some(tidy(value * 1.1))),
        Qualified::Exact => {
            let half = half_unit(&tokens[start..unit]);
            ((value - half).max(0.0), Some(value + half))
        }
        Qualified::Range => (low, high),
    };
    Some((low, high, value, qualified, start))
}

/// Half a unit of a number's last digit: 80 → 0.5, 2.5 → 0.05.
fn half_unit(tokens: &[Token]) -> f64 {
    let digits = tokens.iter().rev().find(|t| t.number.is_some());
    match digits.and_then(|t| t.folded.split_once('.')) {
        Some((_, decimals)) => 0.5 * 10f64.powi(-(decimals.len() as i32)),
        None => 0.5,
    }
}

fn skip_back(tokens: &[Token], at: usize, words: &[&[&str]]) -> usize {
    let list: Vec<Vec<String>> = words.iter().map(|w| phrases(w).concat()).collect();
    match match_before(tokens, at, &list) {
        Some((_, n)) => at - n,
        None => at,
    }
}

/// A distance claim whose unit is at token `unit` (`n` tokens long).
fn distance(
    tokens: &[Token],
    unit: usize,
    n: usize,
    symbol: &str,
    places: &[&Span],
    context: &Context,
    used: &mut [bool],
) -> Option<FoundClaim> {
    let w = words();
    let (low, high, stated, qualified, start) = amount(tokens, unit)?;
    // After the unit: "only", then a direction, then "from", then the target.
    let mut at = unit + n;
    while let Some((_, k)) = match_at(tokens, at, &w.only).or_else(|| {
        tokens
            .get(at)
            .filter(|t| matches!(t.folded.as_str(), "away" | "تقريبا" | "environ" | ","))
            .map(|_| (0, 1))
    }) {
        at += k;
    }
    let mut compass = None;
    if let Some((k, m)) = match_at(tokens, at, &w.compass) {
        compass = Some(w.compass_points[k].to_string());
        at += m;
    }
    if let Some((_, m)) = match_at(tokens, at, &w.from) {
        at += m;
    }
    let (mut to, end) = target(tokens, at, places, context)?;
    let from = subject(tokens, start, places, context, &to);
    // A border named by both its countries: the side that is not the subject's.
    if let (End::Border(code), Some(End::Site(site))) = (&to, &from) {
        if (context.site_country)(site).as_deref() == Some(code.as_str()) {
            let other = places.iter().find_map(|s| match &s.named {
                Named::Country(c)
                    if c != code
                        && s.start >= tokens[at.min(tokens.len() - 1)].start
                        && s.start < tokens[end - 1].end + 40 =>
                {
                    Some(c.clone())
                }
                _ => None,
            });
            if let Some(other) = other {
                to = End::Border(other);
            }
        }
    }
    if let (Some(End::Site(a)), End::Site(b)) = (&from, &to) {
        if a == b {
            return None;
        }
    }
    for flag in &mut used[start..end] {
        *flag = true;
    }
    let event = sentence_event(tokens, places, context);
    Some(FoundClaim {
        relation: Relation::Distance,
        start: tokens[start].start,
        end: tokens[end - 1].end,
        low: Some(low),
        high,
        stated: Some(stated),
        qualified: Some(qualified),
        unit: symbol.to_string(),
        compass,
        from,
        to,
        event,
    })
}

/// What a distance is measured to, starting at token `at`: a border, a
/// coast, a place or a country; and the token after it.
fn target(
    tokens: &[Token],
    at: usize,
    places: &[&Span],
    context: &Context,
) -> Option<(End, usize)> {
    let w = words();
    // Skip "the", "la", "le" and cue words before a place name.
    let mut at = at;
    while tokens
        .get(at)
        .is_some_and(|t| matches!(t.folded.as_str(), "the" | "la" | "le" | "l" | "les"))
    {
        at += 1;
    }
    let token = tokens.get(at)?;
    for (list, coast) in [(&w.border, false), (&w.coast, true)] {
        if let Some((_, n)) = match_at(tokens, at, list) {
            let end = at + n;
            let country = country_near(tokens, end, places)
                .or_else(|| country_before(tokens, at, places))
                .or_else(|| context.countries.last().cloned())?;
            let country_end = places
                .iter()
                .filter(|s| {
                    matches!(s.named, Named::Country(_))
                        && s.start >= tokens[end.min(tokens.len() - 1)].start
                })
                .find(|s| s.start <= tokens.get(end + 2).map_or(usize::MAX, |t| t.end))
                .map_or(end, |s| token_after(tokens, s.end));
            let end = country_end.max(end);
            return Some((
                if coast {
                    End::Coast(country)
                } else {
                    End::Border(country)
                },
                end,
            ));
        }
    }
    // A place (or a country: "80 km from Morocco" is from its border).
    let place = places.iter().find(|s| {
        s.start >= token.start && s.start <= tokens.get(at + 2).map_or(token.end, |t| t.start)
    })?;
    let end = token_after(tokens, place.end);
    Some((
        match &place.named {
            Named::Site(id) => End::Site(id.clone()),
            Named::Unknown(text) => End::Text(text.clone()),
            Named::Country(code) => End::Border(code.clone()),
        },
        end,
    ))
}

/// The index of the first token starting at or after character `at`.
fn token_after(tokens: &[Token], at: usize) -> usize {
    tokens
        .iter()
        .position(|t| t.start >= at)
        .unwrap_or(tokens.len())
}

/// A country named within a few tokens after a border word: "the border
/// with Morocco", "الحدود المغربية", "марокканской границы" (before it).
fn country_near(tokens: &[Token], end: usize, places: &[&Span]) -> Option<String> {
    let from = tokens.get(end.saturating_sub(1))?.start;
    let to = tokens.get((end + 3).min(tokens.len() - 1))?.end;
    places.iter().find_map(|s| match &s.named {
        Named::Country(code) if s.start >= from && s.start <= to => Some(code.clone()),
        _ => None,
    })
}

/// A country named just before a border word ("the Moroccan border").
fn country_before(tokens: &[Token], at: usize, places: &[&Span]) -> Option<String> {
    let start = tokens.get(at.saturating_sub(3))?.start;
    let end = tokens.get(at)?.start;
    places.iter().rev().find_map(|s| match &s.named {
        Named::Country(code) if s.start >= start && s.end <= end => Some(code.clone()),
        _ => None,
    })
}

/// What a claim starting at token `start` is about.
fn subject(
    tokens: &[Token],
    start: usize,
    places: &[&Span],
    context: &Context,
    to: &End,
) -> Option<End> {
    let before = tokens.get(start).map_or(usize::MAX, |t| t.start);
    let is_target = |named: &Named| match (named, to) {
        (Named::Site(a), End::Site(b)) => a == b,
        (Named::Unknown(a), End::Text(b)) => a == b,
        _ => false,
    };
    let named_before = places
        .iter()
        .rev()
        .filter(|s| s.end <= before && !is_target(&s.named))
        .find_map(|s| end_of(&s.named));
    if named_before.is_some() {
        return named_before;
    }
    if is_about_an_exercise(tokens) {
        if let Some(event) = context.event {
            return Some(End::Event(event.to_string()));
        }
    }
    // A place named after the claim ("À 80 km de la frontière se trouve Hammaguir").
    let after = places
        .iter()
        .find(|s| s.start > before && !is_target(&s.named) && end_of(&s.named).is_some());
    if let Some(place) = after {
        let to_end = match to {
            End::Site(_) | End::Text(_) => true,
            _ => true,
        };
        if to_end {
            return end_of(&place.named);
        }
    }
    context.previous_place.clone()
}

/// A site or an unknown place as a claim's end (a country is not one).
fn end_of(named: &Named) -> Option<End> {
    match named {
        Named::Site(id) => Some(End::Site(id.clone())),
        Named::Unknown(text) => Some(End::Text(text.clone())),
        Named::Country(_) => None,
    }
}

/// Whether a sentence speaks of an exercise, manoeuvre or drill.
pub(crate) fn is_about_an_exercise(tokens: &[Token]) -> bool {
    let w = words();
    (0..tokens.len()).any(|i| match_at(tokens, i, &w.exercise).is_some())
}

/// The article's event, when the sentence speaks of an exercise.
fn sentence_event(tokens: &[Token], _places: &[&Span], context: &Context) -> Option<String> {
    context
        .event
        .filter(|_| is_about_an_exercise(tokens))
        .map(str::to_string)
}

/// Directions with no distance: "south-west of Béchar".
fn bearings(
    tokens: &[Token],
    places: &[&Span],
    context: &Context,
    used: &[bool],
) -> Vec<FoundClaim> {
    let w = words();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((k, n)) = match_at(tokens, i, &w.compass) else {
            i += 1;
            continue;
        };
        if used[i] || inside_place(places, &tokens[i]) {
            i += n;
            continue;
        }
        let mut at = i + n;
        if let Some((_, m)) =
            match_at(tokens, at, &w.from).filter(|_| !tokens[i + n - 1].folded.ends_with("of"))
        {
            at += m;
        }
        let anchor = tokens.get(at).and_then(|t| {
            places
                .iter()
                .find(|s| s.start == t.start && !matches!(s.named, Named::Country(_)))
        });
        let Some(anchor) = anchor else {
            i += n;
            continue;
        };
        let anchor_end = end_of(&anchor.named).expect("not a country");
        let subject = subject(tokens, i, places, context, &anchor_end);
        let end = token_after(tokens, anchor.end);
        if let Some(subject) = subject.filter(|s| *s != anchor_end) {
            found.push(FoundClaim {
                relation: Relation::Bearing,
                start: tokens[i].start,
                end: tokens[end - 1].end,
                low: None,
                high: None,
                stated: None,
                qualified: None,
                unit: "deg".into(),
                compass: Some(w.compass_points[k].to_string()),
                from: Some(anchor_end),
                to: subject,
                event: sentence_event(tokens, places, context),
            });
        }
        i = end.max(i + n);
    }
    found
}

fn inside_place(places: &[&Span], token: &Token) -> bool {
    places.iter().any(|s| {
        s.start <= token.start && token.end <= s.end && !matches!(s.named, Named::Country(_))
    })
}

/// "Between X and Y", with X and Y places.
fn betweens(tokens: &[Token], places: &[&Span], context: &Context) -> Vec<FoundClaim> {
    let mut found = Vec::new();
    for (word, ands) in lx::BETWEEN {
        let word = phrases(&[word]);
        let ands = phrases(ands);
        for i in 0..tokens.len() {
            if match_at(tokens, i, &word).is_none() {
                continue;
            }
            // The first place within three tokens (ولايتي, the towns of).
            let limit = tokens
                .get((i + 4).min(tokens.len() - 1))
                .map_or(0, |t| t.end);
            let mut named = places
                .iter()
                .filter(|s| s.start > tokens[i].start && end_of(&s.named).is_some());
            let Some(a) = named.next().filter(|s| s.start <= limit) else {
                continue;
            };
            let Some(b) = named.next() else { continue };
            // Only "and" (or its clitic) between the two.
            let gap: Vec<&Token> = tokens
                .iter()
                .filter(|t| t.start >= a.end && t.end <= b.start)
                .collect();
            let joined = gap
                .iter()
                .all(|t| !t.punct || matches!(t.folded.as_str(), "\"" | "“" | "”" | "«" | "»"))
                && gap.len() <= 3
                && (gap.iter().any(|t| ands.iter().any(|a| a[0] == t.folded))
                    || (ands.iter().any(|a| a[0] == "و") && arabic_and_inside(tokens, b)));
            if !joined {
                continue;
            }
            let (ea, eb) = (
                end_of(&a.named).expect("place"),
                end_of(&b.named).expect("place"),
            );
            let pair = End::Pair(Box::new(ea.clone()), Box::new(eb.clone()));
            let from = places
                .iter()
                .rev()
                .filter(|s| s.end <= tokens[i].start)
                .find_map(|s| end_of(&s.named))
                .filter(|f| *f != ea && *f != eb);
            let Some(from) = from else { continue };
            let end = token_after(tokens, b.end);
            found.push(FoundClaim {
                relation: Relation::Between,
                start: tokens[i].start,
                end: tokens[end - 1].end,
                low: None,
                high: None,
                stated: None,
                qualified: None,
                unit: String::new(),
                compass: None,
                from: Some(from),
                to: pair,
                event: sentence_event(tokens, places, context),
            });
        }
    }
    found
}

/// Whether the word where `b` starts carries the Arabic "و" (and) as a
/// clitic (وتندوف): between two places with nothing else in between, it
/// is the "and".
fn arabic_and_inside(tokens: &[Token], b: &Span) -> bool {
    tokens
        .iter()
        .find(|t| t.start <= b.start && b.start < t.end)
        .is_some_and(|t| t.folded.starts_with('و'))
}
