//! Everything the measure step computes about a dataset, once, for the
//! renderers (layers, `explain`) to read without computing anything.

use crate::load::dataset::Dataset;
use crate::measure::claims::{check_all, ClaimCheck};
use crate::measure::distances::{site_boundaries, Measurement};
use std::collections::HashMap;

/// Each site's boundaries within reach and each claim's verdict.
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let findings = sandtable::measure::Findings::compute(&data);
/// let nearest = findings.nearest_boundary("hammaguir").unwrap();
/// assert_eq!((nearest.distance_m / 1000.0).round(), 48.0);
/// assert_eq!(findings.checks_about("hammaguir").count(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Findings {
    /// Each site to its country's land boundaries within reach, sorted by
    /// site, then distance (see [`site_boundaries`]).
    pub links: Vec<Measurement>,
    /// Every claim with its verdict, in file order.
    pub checks: Vec<ClaimCheck>,
    nearest: HashMap<String, usize>,
    by_subject: HashMap<String, Vec<usize>>,
}

impl Findings {
    /// Measures every site to its boundaries and checks every claim.
    pub fn compute(data: &Dataset) -> Findings {
        let links = site_boundaries(data);
        let checks = check_all(data);
        let mut nearest = HashMap::new();
        for (i, m) in links.iter().enumerate() {
            let land = m.boundary.as_ref().is_some_and(|b| !b.coast);
            if let (Some(site), true) = (&m.from.site_id, land) {
                // Sorted by distance within a site: the first is the nearest.
                nearest.entry(site.clone()).or_insert(i);
            }
        }
        let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in checks.iter().enumerate() {
            by_subject
                .entry(c.claim.subject.clone())
                .or_default()
                .push(i);
        }
        Findings {
            links,
            checks,
            nearest,
            by_subject,
        }
    }

    /// The nearest land boundary of a site's country, measured (never a
    /// coastline).
    pub fn nearest_boundary(&self, site_id: &str) -> Option<&Measurement> {
        self.nearest.get(site_id).map(|&i| &self.links[i])
    }

    /// The checked claims whose subject is this site or event.
    pub fn checks_about<'a>(&'a self, subject: &str) -> impl Iterator<Item = &'a ClaimCheck> {
        self.by_subject
            .get(subject)
            .into_iter()
            .flatten()
            .map(|&i| &self.checks[i])
    }
}
