//! `sandtable extract`: what an article says, proposed for review. The
//! gazetteer's places it names (`mention`), places it names that the
//! gazetteer lacks with a GeoNames suggestion (`unknown`), geographic
//! claims (`claim`: distances, directions, "between"), checked against the
//! geometry where both ends resolve, and dates as EDTF (`date`).
//!
//! Everything is read with word lists and patterns written out in
//! [`lexicon`], in Arabic, French, Russian and English; no model is
//! trained or downloaded, so a proposal can always be traced to the words
//! that made it. No crate reads claims or relative dates from news text in
//! these languages, which is why this is written here.

mod claims;
mod dates;
pub(crate) mod lexicon;
mod places;
mod tokens;

pub use claims::{End, FoundClaim, Qualified, Relation};

use crate::base::dates::EdtfDate;
use crate::base::vocab::{ClaimKind, Qualifier, Verdict};
use crate::load::dataset::Dataset;
use crate::load::model::Claim;
use crate::load::spec::{ClaimSpec, HALF_MERIDIAN_M};
use crate::measure::claims::check;
use crate::measure::mentions::Matcher;
use crate::measure::toponyms::unknown_places;
use crate::resolve::geocode::{Gazetteer, GeoPlace};
use places::Named;

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// A place of the gazetteer.
    Mention,
    /// A place the gazetteer lacks.
    Unknown,
    /// A geographic claim.
    Claim,
    /// A date.
    Date,
}

impl FindingKind {
    /// As `extract` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Mention => "mention",
            FindingKind::Unknown => "unknown",
            FindingKind::Claim => "claim",
            FindingKind::Date => "date",
        }
    }
}

/// What the geometry says of a claim whose ends both resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimVerdict {
    /// The figure measured, in the claim's unit (degrees for a bearing,
    /// percent along the line for `between`).
    pub computed: f64,
    /// The verdict by the rules of `claims`.
    pub verdict: Verdict,
    /// How it was reached.
    pub detail: String,
    /// A remark for the reader (a distance that fits a road's length).
    pub note: Option<String>,
}

/// One thing found in an article.
#[derive(Debug, Clone)]
pub struct Finding {
    /// What it is.
    pub kind: FindingKind,
    /// Where it starts: characters (Unicode scalar values) from the
    /// text's start.
    pub start: usize,
    /// Where it ends, exclusive.
    pub end: usize,
    /// The text itself.
    pub text: String,
    /// The sentence it is in.
    pub sentence: String,
    /// For a mention: the site.
    pub site_id: Option<String>,
    /// For an unknown place: the offline gazetteer's first suggestion.
    pub suggestion: Option<GeoPlace>,
    /// For a claim: what it says.
    pub claim: Option<FoundClaim>,
    /// For a claim whose ends resolve: what the geometry says.
    pub verdict: Option<ClaimVerdict>,
    /// For a date: it, as EDTF.
    pub edtf: Option<String>,
    /// For a claim or a date: the dataset's event the sentence is about,
    /// when it speaks of an exercise and the article names the event.
    pub event: Option<String>,
}

/// What `extract` needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// When the article was published: relative dates ("last April",
    /// "yesterday") are resolved against it.
    pub published: Option<EdtfDate>,
}

/// Everything `text` says that the dataset can use, in order of position
/// (then kind). `gazetteer`, when given, suggests coordinates for unknown
/// places.
///
/// # Examples
/// ```
/// use sandtable::{load::Dataset, measure::{extract, ExtractOptions, FindingKind}};
/// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let text = "Hammaguir lies about 50 km from the Moroccan border.";
/// let found = extract(text, &data, None, &ExtractOptions::default());
/// let claim = found.iter().find(|f| f.kind == FindingKind::Claim).unwrap();
/// let c = claim.claim.as_ref().unwrap();
/// assert_eq!((c.low, c.high), (Some(45.0), Some(55.0)));
/// assert_eq!(c.to.to_string(), "border:MA");
/// assert_eq!(c.from.as_ref().unwrap().to_string(), "hammaguir");
/// ```
pub fn extract(
    text: &str,
    data: &Dataset,
    gazetteer: Option<&Gazetteer>,
    options: &ExtractOptions,
) -> Vec<Finding> {
    let chars: Vec<char> = text.chars().collect();
    let sentences = tokens::sentences(&chars);
    let matcher = Matcher::new(&data.sites);
    let spans = places::spans(text, &sentences, &matcher);
    let event = places::article_event(text, data);
    let published = options
        .published
        .as_ref()
        .and_then(|p| p.earliest().zip(p.latest()));
    let slice = |start: usize, end: usize| chars[start..end].iter().collect::<String>();
    let sentence_of = |at: usize| {
        sentences
            .iter()
            .find(|s| s.start <= at && at < s.end.max(s.start + 1))
            .map_or(String::new(), |s| slice(s.start, s.end).trim().to_string())
    };
    let finding = |kind, start, end| Finding {
        kind,
        start,
        end,
        text: slice(start, end),
        sentence: sentence_of(start),
        site_id: None,
        suggestion: None,
        claim: None,
        verdict: None,
        edtf: None,
        event: None,
    };
    let mut found = Vec::new();
    for span in &spans {
        if let Named::Site(id) = &span.named {
            found.push(Finding {
                site_id: Some(id.clone()),
                ..finding(FindingKind::Mention, span.start, span.end)
            });
        }
    }
    for place in unknown_places(&matcher, text) {
        let start = place.start;
        let end = start + place.name.chars().count();
        let is_country = spans
            .iter()
            .any(|s| matches!(s.named, Named::Country(_)) && s.start <= start && end <= s.end);
        if is_country {
            continue;
        }
        let suggestion = gazetteer.and_then(|g| {
            g.find(&place.name, None, 1)
                .first()
                .map(|s| s.place.clone())
        });
        found.push(Finding {
            suggestion,
            ..finding(FindingKind::Unknown, start, end)
        });
    }
    let mut countries: Vec<String> = Vec::new();
    let mut previous_place = None;
    for sentence in &sentences {
        for span in spans
            .iter()
            .filter(|s| s.start >= sentence.start && s.end <= sentence.end)
        {
            if let Named::Country(code) = &span.named {
                countries.push(code.clone());
            }
        }
        let site_country = |id: &str| data.site(id).map(|s| s.country.alpha2.clone());
        let context = claims::Context {
            spans: &spans,
            event: event.as_deref(),
            previous_place: previous_place.clone(),
            countries: countries.clone(),
            site_country: &site_country,
        };
        for claim in claims::claims(sentence, &context) {
            let verdict = verdict(&claim, data);
            found.push(Finding {
                event: claim.event.clone(),
                claim: Some(claim.clone()),
                verdict,
                ..finding(FindingKind::Claim, claim.start, claim.end)
            });
        }
        let about = event
            .clone()
            .filter(|_| claims::is_about_an_exercise(&sentence.tokens));
        for date in dates::dates(sentence, published) {
            found.push(Finding {
                edtf: Some(date.edtf),
                event: about.clone(),
                ..finding(FindingKind::Date, date.start, date.end)
            });
        }
        if let Some(last) = spans
            .iter()
            .rev()
            .filter(|s| s.start >= sentence.start && s.end <= sentence.end)
            .find_map(|s| match &s.named {
                Named::Site(id) => Some(End::Site(id.clone())),
                Named::Unknown(text) => Some(End::Text(text.clone())),
                Named::Country(_) => None,
            })
        {
            previous_place = Some(last);
        }
    }
    found.sort_by_key(|f| (f.start, f.kind, f.end));
    found
}

/// The claim as `claims.csv` would hold it, checked, when both ends are
/// the dataset's.
fn verdict(claim: &FoundClaim, data: &Dataset) -> Option<ClaimVerdict> {
    let known = |end: &End| match end {
        End::Site(id) => data.site(id).is_some(),
        End::Event(id) => data.event(id).is_some(),
        _ => false,
    };
    let subject = claim.from.as_ref().filter(|f| known(f))?.to_string();
    let (kind, target) = match (&claim.relation, &claim.to) {
        (Relation::Distance, End::Border(code)) => {
            (ClaimKind::DistanceToBorder, format!("border:{code}"))
        }
        (Relation::Distance, to @ End::Site(_)) if known(to) => {
            (ClaimKind::DistanceBetween, to.to_string())
        }
        (Relation::Bearing, to @ End::Site(_)) if known(to) => (ClaimKind::Bearing, to.to_string()),
        (Relation::Between, End::Pair(a, b)) if known(a) && known(b) => {
            (ClaimKind::Between, claim.to.to_string())
        }
        _ => return None,
    };
    let (value, unit, qualifier) = claims_value(claim);
    let spec = ClaimSpec::parse(kind, &target, &value, &unit, qualifier).ok()?;
    let record = Claim {
        id: "extracted".into(),
        source_id: String::new(),
        subject,
        spec,
        target,
        value,
        notes: String::new(),
        line: 0,
    };
    let checked = check(&record, data);
    Some(ClaimVerdict {
        computed: checked.computed?,
        verdict: checked.verdict,
        detail: checked.detail,
        note: checked.note,
    })
}

/// The claim's `value`, `unit` and `qualifier` as `claims.csv` writes them.
pub fn claims_value(claim: &FoundClaim) -> (String, String, Option<Qualifier>) {
    match claim.relation {
        Relation::Bearing => (
            claim.compass.clone().unwrap_or_default(),
            "compass".into(),
            None,
        ),
        Relation::Between => (String::new(), String::new(), None),
        Relation::Distance => {
            let number = |v: f64| format!("{}", (v * 1e6).round() / 1e6);
            match claim.qualified {
                Some(Qualified::About) => (
                    number(claim.stated.unwrap_or_default()),
                    claim.unit.clone(),
                    Some(Qualifier::About),
                ),
                Some(Qualified::Range) => {
                    let unit: crate::base::units::Unit = claim
                        .unit
                        .parse()
                        .unwrap_or(crate::base::units::Unit::Kilometre);
                    let high = claim.high.unwrap_or(unit.from_metres(HALF_MERIDIAN_M));
                    (
                        format!(
                            "{}..{}",
                            number(claim.low.unwrap_or_default()),
                            number(high)
                        ),
                        claim.unit.clone(),
                        Some(Qualifier::Range),
                    )
                }
                _ => (
                    number(claim.stated.unwrap_or_default()),
                    claim.unit.clone(),
                    None,
                ),
            }
        }
    }
}

/// An article to read, with the dataset and what is known of it.
#[derive(Debug)]
pub struct ExtractInput {
    /// The dataset whose sites and events are recognised.
    pub data: Dataset,
    /// The article.
    pub text: String,
    /// Its source id, when given.
    pub source: Option<String>,
    /// Its publication date and the rest.
    pub options: ExtractOptions,
}

impl ExtractInput {
    /// Reads the dataset in `data`, the article `file` (`-`: standard
    /// input), and its publication date: `published` as given, else the
    /// `published` of `source` in `sources.csv`.
    ///
    /// # Errors
    /// [`crate::Error::Input`] for an article that is not a regular UTF-8
    /// file of at most 64 MiB, an unknown source or a bad date; the
    /// dataset's problems.
    pub fn read(
        data: &std::path::Path,
        file: &str,
        published: Option<&str>,
        source: Option<&str>,
    ) -> crate::Result<ExtractInput> {
        use crate::base::error::Error;
        use crate::base::files::{read_regular, MAX_ARTICLE_BYTES};
        let data = Dataset::load(data)?;
        let bytes = if file == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(std::io::stdin(), MAX_ARTICLE_BYTES + 1),
                &mut bytes,
            )
            .map_err(|e| Error::Input(format!("standard input: {e}")))?;
            if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                return Err(Error::Input(
                    "standard input: larger than 64 MiB, the most sandtable reads as an article"
                        .into(),
                ));
            }
            bytes
        } else {
            read_regular(std::path::Path::new(file), MAX_ARTICLE_BYTES)?
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::Input(format!(
                "{file}: not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        let from_source = match source {
            Some(id) => Some(
                data.source(id)
                    .ok_or_else(|| {
                        Error::Input(format!("--source: no source '{id}' in sources.csv"))
                    })?
                    .published
                    .clone(),
            ),
            None => None,
        };
        let published = match published {
            Some(text) => {
                Some(EdtfDate::parse(text).map_err(|e| Error::Input(format!("--published: {e}")))?)
            }
            None => from_source.filter(|d| d.earliest().is_some()),
        };
        Ok(ExtractInput {
            data,
            text,
            source: source.map(str::to_string),
            options: ExtractOptions { published },
        })
    }

    /// Everything the article says ([`extract`]).
    pub fn extract(&self, gazetteer: Option<&Gazetteer>) -> Vec<Finding> {
        extract(&self.text, &self.data, gazetteer, &self.options)
    }
}
