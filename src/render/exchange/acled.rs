//! Events as ACLED rows: ACLED's column names and codes (a row per event
//! and site, as in the events layer), then sandtable's own columns, which
//! keep what ACLED's codes cannot say (an autumn, a two-year span, a
//! radius in metres).
//!
//! ACLED's precision codes, both ways (`import acled` reads them back):
//!
//! - `time_precision` 1: the day is known; 2: the week (the date is its
//!   middle day, ±3 days); 3: the month (the date is its 15th, or the
//!   first month of a longer span).
//! - `geo_precision` 1: the place itself (radius up to 5 km, a town);
//!   2: near it (up to 25 km); 3: only the province (more).

use crate::load::dataset::Dataset;
use crate::load::model::Event;
use std::io;

/// ACLED's columns, in ACLED's order.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// sandtable's columns after ACLED's.
pub const EXTRA_COLUMNS: &[&str] = &[
    "sandtable_event_id",
    "sandtable_site_id",
    "edtf",
    "precision_m",
    "kind",
    "status",
    "conflicts",
];

/// ACLED's `geo_precision` for a radius in metres.
pub fn geo_precision(precision_m: f64) -> u8 {
    if precision_m <= 5_000.0 {
        1
    } else if precision_m <= 25_000.0 {
        2
    } else {
        3
    }
}

/// The radius in metres an ACLED `geo_precision` stands for.
pub fn radius_of_geo_precision(code: u8) -> Option<f64> {
    match code {
        1 => Some(5_000.0),
        2 => Some(25_000.0),
        3 => Some(100_000.0),
        _ => None,
    }
}

/// An event's date as ACLED gives it: the date and `time_precision`.
pub fn acled_date(event: &Event) -> Option<(String, u8)> {
    let (first, last) = (event.date.earliest()?, event.date.latest()?);
    let days = (0..).take_while(|i| first.add_days(*i) <= last).count() as i64;
    Some(match days {
        1 => (first.to_string(), 1),
        2..=7 => (first.add_days((days - 1) / 2).to_string(), 2),
        _ => (format!("{}-{:02}-15", first.year, first.month), 3),
    })
}

/// Every event as ACLED rows (one per site; an event with no site gives
/// one row with no coordinates), CSV with a header.
pub(crate) fn rows(data: &Dataset) -> io::Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = ACLED_COLUMNS.iter().chain(EXTRA_COLUMNS).copied().collect();
    csv.write_record(&header).map_err(io::Error::other)?;
    for event in &data.events {
        let sites: Vec<Option<&crate::load::model::Site>> = if event.site_ids.is_empty() {
            vec![None]
        } else {
            event.site_ids.iter().map(|id| data.site(id)).collect()
        };
        for site in sites {
            csv.write_record(row(event, site, data))
                .map_err(io::Error::other)?;
        }
    }
    csv.into_inner()
        .map_err(|e| io::Error::other(e.to_string()))
}

fn row(event: &Event, site: Option<&crate::load::model::Site>, data: &Dataset) -> Vec<String> {
    let (date, precision) = acled_date(event).unwrap_or_default();
    let actor = |i: usize| {
        event
            .participants
            .get(i)
            .map(|c| format!("Military Forces of {}", c.name))
            .unwrap_or_default()
    };
    let outlets: Vec<String> = event
        .source_ids
        .iter()
        .filter_map(|id| data.source(id))
        .map(|s| {
            if s.outlet.is_empty() {
                s.id.clone()
            } else {
                s.outlet.clone()
            }
        })
        .collect();
    let sub_event = match event.kind {
        crate::base::vocab::EventKind::Agreement => "Agreement",
        _ => "Other",
    };
    let id = match site {
        Some(s) if event.site_ids.len() > 1 => format!("SANDTABLE-{}@{}", event.id, s.id),
        _ => format!("SANDTABLE-{}", event.id),
    };
    let mut values = vec![
        id,
        date.clone(),
        date.get(..4).unwrap_or_default().to_string(),
        if precision == 0 {
            String::new()
        } else {
            precision.to_string()
        },
        "Strategic developments".into(),
        "Strategic developments".into(),
        sub_event.into(),
        actor(0),
        String::new(),
        String::new(),
        actor(1),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        site.map(|s| s.country.name.clone()).unwrap_or_default(),
        site.map(|s| s.admin1.clone()).unwrap_or_default(),
        String::new(),
        String::new(),
        site.map(|s| s.name.clone()).unwrap_or_default(),
        site.map(|s| format!("{}", s.location.y()))
            .unwrap_or_default(),
        site.map(|s| format!("{}", s.location.x()))
            .unwrap_or_default(),
        site.map(|s| geo_precision(s.precision_m).to_string())
            .unwrap_or_default(),
        outlets.join("; "),
        String::new(),
        format!("{}. {}", event.name, event.notes)
            .trim()
            .to_string(),
        "0".into(),
        String::new(),
        "0".into(),
    ];
    values.extend([
        event.id.clone(),
        site.map(|s| s.id.clone()).unwrap_or_default(),
        event.date.to_string(),
        site.map(|s| s.precision_m.to_string()).unwrap_or_default(),
        event.kind.to_string(),
        event.status.to_string(),
        event.conflicts.join("|"),
    ]);
    values
}
