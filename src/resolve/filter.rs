//! Choosing events: by date window, site, kind, participant and conflict.

use crate::base::countries::{self, Country};
use crate::base::dates::{Day, EdtfDate};
use crate::base::error::{Error, Result};
use crate::base::vocab::EventKind;
use crate::load::dataset::Dataset;
use crate::load::model::Event;
use crate::resolve::place::Resolver;

/// Which events to list. Every field is optional; all that are given must
/// hold.
///
/// ```
/// use sandtable::{load::Dataset, resolve::EventFilter};
/// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let filter = EventFilter { from: Some("2022-11-20".into()), to: Some("2022-11-21".into()), ..Default::default() };
/// let ids: Vec<_> = filter.apply(&data).unwrap().iter().map(|e| e.id.as_str()).collect();
/// assert!(ids.contains(&"desert-shield-2022"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Events at this site (id, name or alias).
    pub site: Option<String>,
    /// Events that may have happened on or after the first day of this
    /// EDTF date (a day, month, season or year).
    pub from: Option<String>,
    /// Events that may have happened on or before the last day of this
    /// EDTF date.
    pub to: Option<String>,
    /// Events of this kind.
    pub kind: Option<EventKind>,
    /// Events with this participant (ISO alpha-2 or alpha-3).
    pub participant: Option<String>,
    /// Only events whose sources disagree.
    pub conflicts: bool,
}

impl EventFilter {
    /// The events that pass, sorted by their earliest possible day (events
    /// of unknown date last), then id.
    pub fn apply<'a>(&self, data: &'a Dataset) -> Result<Vec<&'a Event>> {
        let from = day_bound(&self.from, "--from", EdtfDate::earliest)?;
        let to = day_bound(&self.to, "--to", EdtfDate::latest)?;
        let site = match &self.site {
            Some(s) => Resolver::new(data).place(s)?.site_id,
            None => None,
        };
        let participant = self.participant.as_deref().map(participant).transpose()?;
        let windowed = from.is_some() || to.is_some();
        let mut events: Vec<&Event> = data
            .events
            .iter()
            .filter(|e| !windowed || e.date.overlaps(from, to))
            .filter(|e| site.as_ref().is_none_or(|s| e.site_ids.contains(s)))
            .filter(|e| self.kind.is_none_or(|k| e.kind == k))
            .filter(|e| participant.is_none_or(|p| e.participants.contains(&p)))
            .filter(|e| !self.conflicts || !e.conflicts.is_empty())
            .collect();
        by_date(&mut events);
        Ok(events)
    }
}

/// Sorts events by their earliest possible day, events of unknown date
/// last, then by id.
pub(crate) fn by_date(events: &mut [&Event]) {
    fn key(e: &Event) -> (bool, Option<Day>, &str) {
        (e.date.earliest().is_none(), e.date.earliest(), &e.id)
    }
    events.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The first (or last) day of an EDTF date given as a filter bound.
fn day_bound(
    text: &Option<String>,
    option: &str,
    bound: fn(&EdtfDate) -> Option<Day>,
) -> Result<Option<Day>> {
    let Some(text) = text else {
        return Ok(None);
    };
    let date = EdtfDate::parse(text).map_err(|e| Error::Input(format!("{option}: {e}")))?;
    match bound(&date) {
        Some(day) => Ok(Some(day)),
        None => Err(Error::Input(format!(
            "{option} '{text}' has no day to start or end at; give a day (2022-11-20), a month (2022-09), a season (2022-23) or a year"
        ))),
    }
}

fn participant(code: &str) -> Result<&'static Country> {
    countries::find(code).ok_or_else(|| {
        Error::Input(format!(
            "--participant '{code}' is not an ISO 3166-1 country code (alpha-2 like DZ or alpha-3 like DZA)"
        ))
    })
}
