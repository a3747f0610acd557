//! Partial and uncertain dates: the EDTF (ISO 8601-2) level-1 subset news needs.
//!
//! A report says "November 2022", "autumn 2022", "October 2021 or 2022",
//! "16 to 28 November". Each form becomes an [`EdtfDate`] that keeps the text
//! as written and knows the earliest and latest day it can mean, so filters
//! and map time sliders work on it.
//!
//! Accepted forms: `2022`, `2022-11`, `2022-11-16`; seasons `2022-21` (spring,
//! March–May), `-22` (summer, June–August), `-23` (autumn, September–November),
//! `-24` (winter, December to the next February); a trailing `?` (uncertain),
//! `~` (approximate) or `%` (both); intervals `a/b` with `..` for an open end;
//! empty for unknown. Seasons are the northern hemisphere's, where every place
//! in the dataset lies.
//!
//! Written here rather than taken from a crate because all the program needs is
//! this subset plus day bounds for every form (seasons and intervals included),
//! in about 150 lines with tests.

use std::fmt;

/// A calendar day (proleptic Gregorian).
///
/// ```
/// use sandtable::base::Day;
/// let d = Day::parse_iso("2022-11-16").unwrap();
/// assert_eq!(d.to_string(), "2022-11-16");
/// assert_eq!(d.next().to_string(), "2022-11-17");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Day {
    /// Parses a full `YYYY-MM-DD` date.
    pub fn parse_iso(text: &str) -> Option<Day> {
        match parse_single(text).ok()? {
            (start, end) if start == end => Some(start),
            _ => None,
        }
    }

    /// The day `n` days later (earlier for a negative `n`).
    ///
    /// ```
    /// use sandtable::base::Day;
    /// let d = Day::parse_iso("2022-11-17").unwrap();
    /// assert_eq!(d.add_days(-1).to_string(), "2022-11-16");
    /// assert_eq!(d.add_days(45).to_string(), "2023-01-01");
    /// ```
    pub fn add_days(self, n: i64) -> Day {
        Day::from_days(self.days() + n)
    }

    /// The day of the week, Monday 0 to Sunday 6.
    ///
    /// ```
    /// assert_eq!(sandtable::base::Day::parse_iso("2022-11-16").unwrap().weekday(), 2); // a Wednesday
    /// ```
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// Days since 1970-01-01 (Hinnant's `days_from_civil`).
    fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `z` days after 1970-01-01 (Hinnant's `civil_from_days`).
    fn from_days(z: i64) -> Day {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// The following day.
    pub fn next(self) -> Day {
        if self.day < days_in_month(self.year, self.month) {
            Day {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Day {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Day {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date as a source states it, with the range of days it can mean.
///
/// ```
/// use sandtable::base::EdtfDate;
/// let autumn = EdtfDate::parse("2022-23").unwrap();
/// assert_eq!(autumn.earliest().unwrap().to_string(), "2022-09-01");
/// assert_eq!(autumn.latest().unwrap().to_string(), "2022-11-30");
/// assert!(EdtfDate::parse("").unwrap().is_unknown());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EdtfDate {
    text: String,
    earliest: Option<Day>,
    latest: Option<Day>,
    uncertain: bool,
    approximate: bool,
}

impl EdtfDate {
    /// Parses the EDTF subset; the error says what is wrong and what is valid.
    pub fn parse(text: &str) -> Result<EdtfDate, String> {
        let text = text.trim();
        let mut date = EdtfDate {
            text: text.to_string(),
            earliest: None,
            latest: None,
            uncertain: false,
            approximate: false,
        };
        if text.is_empty() {
            return Ok(date);
        }
        let (first, second) = match text.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (text, None),
        };
        let (start, start_end) = date.part(first)?;
        let Some(second) = second else {
            date.earliest = start;
            date.latest = start_end;
            return Ok(date);
        };
        let (end_start, end) = date.part(second)?;
        if let (Some(a), Some(b)) = (start, end_start) {
            if b < a {
                return Err(format!(
                    "'{text}': the interval ends ({second}) before it starts ({first})"
                ));
            }
        }
        date.earliest = start;
        date.latest = end;
        Ok(date)
    }

    /// One side of an interval, or a single date: its first and last day.
    fn part(&mut self, text: &str) -> Result<(Option<Day>, Option<Day>), String> {
        if text == ".." {
            return Ok((None, None));
        }
        let core = text.trim_end_matches(['?', '~', '%']);
        for q in text[core.len()..].chars() {
            match q {
                '?' => self.uncertain = true,
                '~' => self.approximate = true,
                _ => {
                    self.uncertain = true;
                    self.approximate = true
                }
            }
        }
        let (a, b) = parse_single(core)?;
        Ok((Some(a), Some(b)))
    }

    /// The text as written in the data.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// True when the date is unknown (empty).
    pub fn is_unknown(&self) -> bool {
        self.text.is_empty()
    }
    /// The earliest day the date can mean (`None`: unknown or open).
    pub fn earliest(&self) -> Option<Day> {
        self.earliest
    }
    /// The latest day the date can mean (`None`: unknown or open).
    pub fn latest(&self) -> Option<Day> {
        self.latest
    }
    /// True when a source marks the date as uncertain (`?` or `%`).
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }
    /// True when a source marks the date as approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// True when some day the date can mean falls within `[from, to]`
    /// (either bound may be open). An unknown date overlaps no window.
    ///
    /// ```
    /// use sandtable::{base::Day, base::EdtfDate};
    /// let d = EdtfDate::parse("2022-11-16/2022-11-28").unwrap();
    /// let day = Day::parse_iso("2022-11-20");
    /// assert!(d.overlaps(day, day));
    /// ```
    pub fn overlaps(&self, from: Option<Day>, to: Option<Day>) -> bool {
        if self.is_unknown() {
            return false;
        }
        let starts_in_time = match (to, self.earliest) {
            (Some(to), Some(earliest)) => earliest <= to,
            _ => true,
        };
        let ends_in_time = match (from, self.latest) {
            (Some(from), Some(latest)) => latest >= from,
            _ => true,
        };
        starts_in_time && ends_in_time
    }
}

impl fmt::Display for EdtfDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

const VALID: &str = "expected YYYY, YYYY-MM, YYYY-MM-DD, a season YYYY-21..24, \
an interval A/B, optionally ending in ? or ~, or empty for unknown";

/// First and last day of `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a season.
fn parse_single(text: &str) -> Result<(Day, Day), String> {
    let bad = || format!("'{text}' is not a date: {VALID}");
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Result<u32, String> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let year = number(parts[0], 4)? as i32;
    let day = |month: u32, day: u32| Day {
        year,
        month: month as u8,
        day: day as u8,
    };
    match parts[1..] {
        [] => Ok((day(1, 1), day(12, 31))),
        [m] => {
            let m = number(m, 2)?;
            match m {
                1..=12 => Ok((day(m, 1), day(m, days_in_month(year, m as u8) as u32))),
                21 => Ok((day(3, 1), day(5, 31))),
                22 => Ok((day(6, 1), day(8, 31))),
                23 => Ok((day(9, 1), day(11, 30))),
                24 => {
                    let next = year + 1;
                    let feb = days_in_month(next, 2);
                    let end = Day {
                        year: next,
                        month: 2,
                        day: feb,
                    };
                    Ok((day(12, 1), end))
                }
                _ => Err(format!(
                    "'{text}': month {m} is not 01-12 or a season 21-24"
                )),
            }
        }
        [m, d] => {
            let (m, d) = (number(m, 2)?, number(d, 2)?);
            if !(1..=12).contains(&m) {
                return Err(format!("'{text}': month {m} is not 01-12"));
            }
            if d < 1 || d > days_in_month(year, m as u8) as u32 {
                return Err(format!("'{text}': day {d} is not in that month"));
            }
            Ok((day(m, d), day(m, d)))
        }
        _ => Err(bad()),
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str) -> (String, String) {
        let d = EdtfDate::parse(text).unwrap();
        (
            d.earliest().unwrap().to_string(),
            d.latest().unwrap().to_string(),
        )
    }

    #[test]
    fn every_form_has_day_bounds() {
        assert_eq!(bounds("2022"), ("2022-01-01".into(), "2022-12-31".into()));
        assert_eq!(
            bounds("2024-02"),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            bounds("2023-02"),
            ("2023-02-01".into(), "2023-02-28".into())
        );
        assert_eq!(
            bounds("2022-11-16"),
            ("2022-11-16".into(), "2022-11-16".into())
        );
        assert_eq!(
            bounds("2022-21"),
            ("2022-03-01".into(), "2022-05-31".into())
        );
        assert_eq!(
            bounds("2022-22"),
            ("2022-06-01".into(), "2022-08-31".into())
        );
        assert_eq!(
            bounds("2023-24"),
            ("2023-12-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            bounds("2021-10/2022-10"),
            ("2021-10-01".into(), "2022-10-31".into())
        );
    }

    #[test]
    fn qualifiers_are_kept() {
        let d = EdtfDate::parse("2021-10?").unwrap();
        assert!(d.is_uncertain() && !d.is_approximate());
        let d = EdtfDate::parse("2022~").unwrap();
        assert!(d.is_approximate() && !d.is_uncertain());
        let d = EdtfDate::parse("2022-08%").unwrap();
        assert!(d.is_approximate() && d.is_uncertain());
        assert_eq!(d.text(), "2022-08%");
    }

    #[test]
    fn open_intervals() {
        let d = EdtfDate::parse("2022-11/..").unwrap();
        assert_eq!(d.earliest(), Day::parse_iso("2022-11-01"));
        assert_eq!(d.latest(), None);
    }

    #[test]
    fn rejects_bad_dates_and_reversed_intervals() {
        for bad in [
            "2022-13",
            "2022-02-30",
            "22-11",
            "2022/11",
            "November 2022",
            "2022-11-16T10",
        ] {
            assert!(EdtfDate::parse(bad).is_err(), "{bad} should fail");
        }
        let err = EdtfDate::parse("2022-11-28/2022-11-16").unwrap_err();
        assert!(err.contains("ends"), "{err}");
    }

    #[test]
    fn overlap_is_inclusive_and_unknown_never_matches() {
        let d = EdtfDate::parse("2022-11-16/2022-11-28").unwrap();
        let day = |s| Day::parse_iso(s);
        assert!(d.overlaps(day("2022-11-28"), day("2022-12-01")));
        assert!(!d.overlaps(day("2022-11-29"), None));
        assert!(!d.overlaps(None, day("2022-11-15")));
        assert!(!EdtfDate::parse("").unwrap().overlaps(None, None));
    }

    #[test]
    fn next_day_rolls_over() {
        assert_eq!(
            Day::parse_iso("2022-12-31").unwrap().next().to_string(),
            "2023-01-01"
        );
        assert_eq!(
            Day::parse_iso("2024-02-28").unwrap().next().to_string(),
            "2024-02-29"
        );
    }
}
