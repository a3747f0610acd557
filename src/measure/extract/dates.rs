//! Dates read from a sentence, as EDTF: "16 نونبر الجاري", "в октябре",
//! "l'automne 2022", "October 2021", "yesterday, Wednesday", "last month".
//!
//! A date without its year, or one relative to the article ("last April",
//! "yesterday"), is resolved against the publication date: "last" is the
//! latest such month before it, "next" the first after, "this" its own,
//! and a bare month the one nearest to it. When the publication date is
//! itself a span and the two ends give different answers, the date is
//! marked uncertain (`?`); with no publication date, such dates are left
//! out.

use crate::base::dates::{Day, EdtfDate};
use crate::measure::extract::lexicon as lx;
use crate::measure::extract::tokens::{match_at, match_before, phrases, Sentence, Token};
use std::sync::OnceLock;

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundDate {
    /// Its span in the text (characters, end exclusive).
    pub start: usize,
    pub end: usize,
    /// As EDTF.
    pub edtf: String,
}

struct Words {
    months: Vec<Vec<String>>,
    month_numbers: Vec<u32>,
    seasons: Vec<Vec<String>>,
    season_codes: Vec<u32>,
    weekdays: Vec<Vec<String>>,
    weekday_numbers: Vec<u32>,
    relative: Vec<Vec<String>>,
    relative_offsets: Vec<i64>,
    past: Vec<Vec<String>>,
    next: Vec<Vec<String>>,
    current: Vec<Vec<String>>,
    month_words: Vec<Vec<String>>,
    year_words: Vec<Vec<String>>,
    until: Vec<Vec<String>>,
    year_cues: Vec<Vec<String>>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        fn flat<T: Copy>(list: &[(T, &[&str])]) -> (Vec<Vec<String>>, Vec<T>) {
            let (mut words, mut values) = (Vec::new(), Vec::new());
            for (value, names) in list {
                for name in *names {
                    words.extend(phrases(&[name]));
                    values.push(*value);
                }
            }
            (words, values)
        }
        let (months, month_numbers) = flat(lx::MONTHS);
        let (seasons, season_codes) = flat(lx::SEASONS);
        let (weekdays, weekday_numbers) = flat(lx::WEEKDAYS);
        let (relative, relative_offsets) = flat(lx::RELATIVE_DAYS);
        Words {
            months,
            month_numbers,
            seasons,
            season_codes,
            weekdays,
            weekday_numbers,
            relative,
            relative_offsets,
            past: phrases(lx::PAST),
            next: phrases(lx::NEXT),
            current: phrases(lx::CURRENT),
            month_words: phrases(lx::MONTH_WORDS),
            year_words: phrases(lx::YEAR_WORDS),
            until: phrases(lx::UNTIL),
            year_cues: phrases(&[
                "in", "since", "during", "by", "en", "depuis", "dès", "в", "с", "году", "года",
                "في", "عام", "سنة", "خلال", "منذ",
            ]),
        }
    })
}

/// Where a month or day falls relative to publication.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum When {
    Past,
    Next,
    Current,
    Nearest,
}

/// The publication date's first and last possible days.
pub(crate) type Published = Option<(Day, Day)>;

/// Every date in one sentence, then any span one makes with the next
/// ("began yesterday … until 28 November").
pub(crate) fn dates(sentence: &Sentence, published: Published) -> Vec<FoundDate> {
    let tokens = &sentence.tokens;
    let w = words();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let step = month_date(tokens, i, published, &mut found)
            .or_else(|| season_date(tokens, i, &mut found))
            .or_else(|| relative_day(tokens, i, published, &mut found))
            .or_else(|| relative_period(tokens, i, published, &mut found))
            .or_else(|| year_alone(tokens, i, &mut found));
        i += step.unwrap_or(1);
    }
    // A span: a date, then "until" and a later one.
    let mut spans = Vec::new();
    for pair in found.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let until_before_b = tokens
            .iter()
            .position(|t| t.start == b.start)
            .and_then(|k| (1..=3).find(|d| k >= *d && match_at(tokens, k - d, &w.until).is_some()))
            .is_some();
        let (Ok(da), Ok(db)) = (EdtfDate::parse(&a.edtf), EdtfDate::parse(&b.edtf)) else {
            continue;
        };
        if until_before_b
            && !a.edtf.contains('/')
            && !b.edtf.contains('/')
            && da.earliest().zip(db.earliest()).is_some_and(|(x, y)| x < y)
        {
            spans.push(FoundDate {
                start: a.start,
                end: b.end,
                edtf: format!(
                    "{}/{}",
                    a.edtf.trim_end_matches('?'),
                    b.edtf.trim_end_matches('?')
                ),
            });
        }
    }
    found.extend(spans);
    found
}

fn push(found: &mut Vec<FoundDate>, tokens: &[Token], from: usize, to: usize, edtf: String) {
    found.push(FoundDate {
        start: tokens[from].start,
        end: tokens[to - 1].end,
        edtf,
    });
}

fn year_at(tokens: &[Token], at: usize) -> Option<i32> {
    let t = tokens.get(at)?;
    let year = t
        .number
        .filter(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(v))? as i32;
    (t.folded.len() == 4).then_some(year)
}

fn day_at(tokens: &[Token], at: usize) -> Option<u32> {
    let t = tokens.get(at)?;
    t.number
        .filter(|v| v.fract() == 0.0 && (1.0..=31.0).contains(v) && t.folded.len() <= 2)
        .map(|v| v as u32)
}

/// A modifier at token `at` (last, next, this), and its length.
fn when_at(tokens: &[Token], at: usize) -> Option<(When, usize)> {
    let w = words();
    [
        (&w.past, When::Past),
        (&w.next, When::Next),
        (&w.current, When::Current),
    ]
    .into_iter()
    .find_map(|(list, when)| match_at(tokens, at, list).map(|(_, n)| (when, n)))
}

/// "16 November 2022", "28 من نوفمبر الجاري", "octobre 2021", "в октябре",
/// "November 16, 2022", "du 16 au 28 novembre".
fn month_date(
    tokens: &[Token],
    i: usize,
    published: Published,
    found: &mut Vec<FoundDate>,
) -> Option<usize> {
    let w = words();
    let (k, n) = match_at(tokens, i, &w.months)?;
    let month = w.month_numbers[k];
    // "may" and "mar" are also words; take them only beside a day or year.
    let ambiguous = matches!(
        tokens[i].folded.as_str(),
        "may" | "mar" | "ma" | "mai" | "sept" | "march"
    );
    let mut start = i;
    let mut day = None;
    let mut first_day = None;
    // A day before: "16 novembre", "28 من نوفمبر", "du 16 au 28 novembre".
    let mut before = i;
    if before >= 1
        && matches!(tokens[before - 1].folded.as_str(), "من" | "de" | "of")
        && day_at(tokens, before - 2).is_some()
    {
        before -= 1;
    }
    if let Some(d) = before.checked_sub(1).and_then(|b| day_at(tokens, b)) {
        day = Some(d);
        start = before - 1;
        // A span of days: 16-28, 16 إلى 28, du 16 au 28, с 16 по 28.
        let mut k = start;
        if k >= 2
            && (tokens[k - 1].folded == "-"
                || tokens[k - 1].folded == "–"
                || match_at(tokens, k - 1, &w.until).is_some())
        {
            if let Some(d0) = day_at(tokens, k - 2).filter(|d0| *d0 < d) {
                first_day = Some(d0);
                k -= 2;
                if k >= 1
                    && matches!(
                        tokens[k - 1].folded.as_str(),
                        "من" | "du" | "from" | "с" | "between"
                    )
                {
                    k -= 1;
                }
                start = k;
            }
        }
    }
    let mut end = i + n;
    // Another name of the month: نوفمبر/تشرين الثاني, أكتوبر (تشرين الأول).
    loop {
        let mut at = end;
        while tokens
            .get(at)
            .is_some_and(|t| matches!(t.folded.as_str(), "/" | "(" | ")"))
        {
            at += 1;
        }
        match match_at(tokens, at, &w.months) {
            Some((k2, m)) if w.month_numbers[k2] == month => {
                end = at + m;
                while tokens.get(end).is_some_and(|t| t.folded == ")") {
                    end += 1;
                }
            }
            _ => break,
        }
    }
    // "November 16, 2022".
    if day.is_none() {
        if let Some(d) = day_at(tokens, end) {
            if year_at(tokens, end + 1).is_some()
                || tokens.get(end + 1).is_some_and(|t| t.folded == ",")
            {
                day = Some(d);
                end += 1;
                if tokens.get(end).is_some_and(|t| t.folded == ",") {
                    end += 1;
                }
            }
        }
    }
    let mut year = None;
    let mut at = end;
    if matches!(
        tokens.get(at).map(|t| t.folded.as_str()),
        Some("من" | "de" | "of")
    ) {
        at += 1;
    }
    for skip in [0, 1] {
        if let Some(y) = year_at(tokens, at + skip) {
            if skip == 0 || matches!(tokens[at].folded.as_str(), "عام" | "سنة" | "года" | ",")
            {
                year = Some(y);
                end = at + skip + 1;
                break;
            }
        }
    }
    if year.is_some()
        && tokens
            .get(end)
            .is_some_and(|t| matches!(t.folded.as_str(), "года" | "г"))
    {
        end += 1;
    }
    let mut when = When::Nearest;
    if year.is_none() {
        if let Some((wh, m)) = when_at(tokens, end) {
            when = wh;
            end += m;
        } else if day.is_none() {
            // Before the month: "last October", "next May".
            let w = words();
            for (list, wh) in [
                (&w.past, When::Past),
                (&w.next, When::Next),
                (&w.current, When::Current),
            ] {
                if let Some((_, m)) = match_before(tokens, start, list) {
                    when = wh;
                    start -= m;
                    break;
                }
            }
        }
    }
    if ambiguous && day.is_none() && year.is_none() && when == When::Nearest {
        return Some(n);
    }
    // "شهر" or "в" before the month belongs to the date.
    if start == i
        && start >= 1
        && matches!(
            tokens[start - 1].folded.as_str(),
            "شهر" | "month" | "mois" | "в" | "في" | "en" | "in"
        )
    {
        start -= 1;
    }
    let (year, uncertain) = match year {
        Some(y) => (y, false),
        None => resolve_month(month, when, published?)?,
    };
    let mark = if uncertain { "?" } else { "" };
    let edtf = match (first_day, day) {
        (Some(d0), Some(d)) => {
            format!("{year}-{month:02}-{d0:02}{mark}/{year}-{month:02}-{d:02}{mark}")
        }
        (None, Some(d)) if valid_day(year, month, d) => format!("{year}-{month:02}-{d:02}{mark}"),
        _ => format!("{year}-{month:02}{mark}"),
    };
    push(found, tokens, start, end, edtf);
    Some(end - i)
}

fn valid_day(year: i32, month: u32, day: u32) -> bool {
    Day::parse_iso(&format!("{year}-{month:02}-{day:02}")).is_some()
}

/// The year of `month` given where it falls relative to publication, and
/// whether the publication span leaves it uncertain.
fn resolve_month(month: u32, when: When, (first, last): (Day, Day)) -> Option<(i32, bool)> {
    let at = |day: Day| {
        let (y, m) = (day.year, u32::from(day.month));
        match when {
            When::Past if month < m => y,
            When::Past => y - 1,
            When::Next if month > m => y,
            When::Next => y + 1,
            When::Current => y,
            When::Nearest => {
                let delta = month as i32 - m as i32;
                if delta > 6 {
                    y - 1
                } else if delta < -6 {
                    y + 1
                } else {
                    y
                }
            }
        }
    };
    let (a, b) = (at(first), at(last));
    Some((a, a != b))
}

/// "خريف 2022", "l'automne 2022", "осенью 2022 года", "autumn 2022".
fn season_date(tokens: &[Token], i: usize, found: &mut Vec<FoundDate>) -> Option<usize> {
    let w = words();
    let (k, n) = match_at(tokens, i, &w.seasons)?;
    let mut at = i + n;
    if tokens
        .get(at)
        .is_some_and(|t| matches!(t.folded.as_str(), "of" | "de" | "من" | "عام"))
    {
        at += 1;
    }
    let year = year_at(tokens, at)?;
    let mut end = at + 1;
    if tokens
        .get(end)
        .is_some_and(|t| matches!(t.folded.as_str(), "года" | "г"))
    {
        end += 1;
    }
    let start = if i >= 1 && matches!(tokens[i - 1].folded.as_str(), "l" | "the" | "في") {
        i - 1
    } else {
        i
    };
    push(
        found,
        tokens,
        start,
        end,
        format!("{year}-{}", w.season_codes[k]),
    );
    Some(end - i)
}

/// "yesterday", "أمس الأربعاء", "mercredi", "الثلاثاء": a day relative to
/// publication (a weekday: the last one on or before it, within a week).
fn relative_day(
    tokens: &[Token],
    i: usize,
    published: Published,
    found: &mut Vec<FoundDate>,
) -> Option<usize> {
    let w = words();
    let (first, last) = published?;
    if first != last {
        return None;
    }
    let mut start = i;
    if matches!(tokens[i].folded.as_str(), "يوم") && i + 1 < tokens.len() {
        // "يوم أمس": the word for day is part of it.
    }
    let at = if tokens[i].folded == "يوم" {
        i + 1
    } else {
        i
    };
    let mut end;
    let day = if let Some((k, n)) = match_at(tokens, at, &w.relative) {
        end = at + n;
        let day = first.add_days(w.relative_offsets[k]);
        // A weekday that names the same day: "أمس الأربعاء".
        if let Some((_, m)) = match_at(tokens, end, &w.weekdays) {
            end += m;
        }
        day
    } else if let Some((k, n)) = match_at(tokens, at, &w.weekdays) {
        end = at + n;
        let weekday = w.weekday_numbers[k];
        let mut back = (first.weekday() as i64 - weekday as i64).rem_euclid(7);
        if let Some((When::Past, m)) = when_at(tokens, end) {
            end += m;
            if back == 0 {
                back = 7;
            }
        }
        if at >= 1 && matches!(tokens[at - 1].folded.as_str(), "в" | "le" | "on") && start == at {
            start = at - 1;
        }
        first.add_days(-back)
    } else {
        return None;
    };
    if start == i && tokens[i].folded == "يوم" {
        start = i;
    }
    push(found, tokens, start, end, day.to_string());
    Some(end - i)
}

/// "last month", "الشهر الماضي", "مطلع الشهر الحالي", "в прошлом году".
fn relative_period(
    tokens: &[Token],
    i: usize,
    published: Published,
    found: &mut Vec<FoundDate>,
) -> Option<usize> {
    let w = words();
    let (first, _) = published?;
    // The modifier may come before (last month) or after (الشهر الماضي).
    let (is_month, when, start, end) = if let Some((when, m)) = when_at(tokens, i) {
        let at = i + m;
        if let Some((_, n)) = match_at(tokens, at, &w.month_words) {
            (true, when, i, at + n)
        } else if let Some((_, n)) = match_at(tokens, at, &w.year_words) {
            (false, when, i, at + n)
        } else {
            return None;
        }
    } else if let Some((_, n)) = match_at(tokens, i, &w.month_words) {
        let (when, m) = when_at(tokens, i + n)?;
        (true, when, i, i + n + m)
    } else if let Some((_, n)) = match_at(tokens, i, &w.year_words) {
        let (when, m) = when_at(tokens, i + n)?;
        (false, when, i, i + n + m)
    } else {
        return None;
    };
    let step = match when {
        When::Past => -1,
        When::Next => 1,
        _ => 0,
    };
    let edtf = if is_month {
        let months = first.year * 12 + i32::from(first.month) - 1 + step;
        format!("{}-{:02}", months.div_euclid(12), months.rem_euclid(12) + 1)
    } else {
        format!("{}", first.year + step)
    };
    push(found, tokens, start, end, edtf);
    Some(end - i)
}

/// A year with a word that makes it a date: "في 2001", "in 2021", "в 2021 году".
fn year_alone(tokens: &[Token], i: usize, found: &mut Vec<FoundDate>) -> Option<usize> {
    let w = words();
    let year = year_at(tokens, i)?;
    let cued = i >= 1 && match_at(tokens, i - 1, &w.year_cues).is_some();
    let after = tokens
        .get(i + 1)
        .is_some_and(|t| matches!(t.folded.as_str(), "году" | "года" | "г"));
    if !cued && !after {
        return None;
    }
    let start = if cued { i - 1 } else { i };
    let end = if after { i + 2 } else { i + 1 };
    push(found, tokens, start, end, year.to_string());
    Some(1)
}
