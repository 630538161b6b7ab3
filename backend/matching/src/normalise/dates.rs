//! Birth dates as either side writes them: their forms, placeholders for
//! unknown dates, and the near misses of a typing slip or an export's
//! time-zone shift (BRIEF §5, issue 19).

use chrono::{Datelike, NaiveDate};

/// A birth date as either side writes it: `JJ/MM/AAAA`, `JJ-MM-AAAA`,
/// `JJ.MM.AAAA`, `AAAA-MM-JJ`, `JJMMAAAA`, `AAAAMMJJ`, with or without a time
/// after it (`2009-03-12T00:00:00`).
pub fn parse_birth_date(raw: &str) -> Option<NaiveDate> {
    let date = raw.trim().split(['T', ' ']).next()?;
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(parsed) = NaiveDate::parse_from_str(date, format) {
            return Some(parsed);
        }
    }
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        let day_first = NaiveDate::parse_from_str(date, "%d%m%Y").ok();
        let year_first = NaiveDate::parse_from_str(date, "%Y%m%d").ok();
        return match (day_first, year_first) {
            (Some(d), None) | (None, Some(d)) => Some(d),
            // `19122009` vs `20091219`: the plausible year decides.
            (Some(d), Some(y)) => Some(if (1900..=2100).contains(&d.year()) {
                d
            } else {
                y
            }),
            (None, None) => None,
        };
    }
    None
}

/// Whether a date stands for « unknown » rather than a birth date: the
/// zero dates of common software (`1899-12-30`, `1900-01-01`, `1970-01-01`)
/// and anything before 1901.
pub fn is_placeholder_date(date: NaiveDate) -> bool {
    date.year() < 1901 || (date.year() == 1970 && date.ordinal() == 1)
}

/// Whether two dates are one day apart (an export's time-zone shift) or
/// the same day of two consecutive years (a slip of the year).
pub fn near_date(a: NaiveDate, b: NaiveDate) -> Option<NearDate> {
    let days = (a - b).num_days().abs();
    if days == 1 {
        return Some(NearDate::OneDay);
    }
    let same_day = a.month() == b.month()
        && (a.day() == b.day()
            || (a.month() == 2 && a.day().min(b.day()) == 28 && a.day().max(b.day()) == 29));
    (same_day && (a.year() - b.year()).abs() == 1).then_some(NearDate::OneYear)
}

/// How two near dates differ (see [`near_date`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NearDate {
    OneDay,
    OneYear,
}

/// Whether two dates differ only by a swap of day and month, or of two
/// adjacent digits of the year (a typing slip), not equal.
pub fn transposed(a: NaiveDate, b: NaiveDate) -> bool {
    if a == b {
        return false;
    }
    let day_month_swap = a.year() == b.year() && a.day() == b.month() && a.month() == b.day();
    let (ya, yb) = (a.year().to_string(), b.year().to_string());
    let year_slip = a.month() == b.month() && a.day() == b.day() && ya.len() == yb.len() && {
        let diff: Vec<usize> = ya
            .bytes()
            .zip(yb.bytes())
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, _)| i)
            .collect();
        diff.len() == 2
            && diff[1] == diff[0] + 1
            && ya.as_bytes()[diff[0]] == yb.as_bytes()[diff[1]]
            && ya.as_bytes()[diff[1]] == yb.as_bytes()[diff[0]]
    };
    day_month_swap || year_slip
}
