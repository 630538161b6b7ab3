//! Birth dates as either side writes them: their forms, placeholders for
//! unknown dates, and the near misses of a typing slip or an export's
//! time-zone shift (docs/domain.md §5, issue 19).

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

/// Whether two different dates are two slips apart, one on each side: a
/// day and a day (two days), a day and a year, a day and a transposition,
/// a year and a transposition. Not two dates merely different (issue 19,
/// third pass: a pupil of another family with the same names, born
/// months apart, is not its namesake's partner).
pub fn two_slips_apart(a: NaiveDate, b: NaiveDate) -> bool {
    if a == b {
        return false;
    }
    let one_slip = |x: NaiveDate| x == b || transposed(x, b) || near_date(x, b).is_some();
    let days = [a.pred_opt(), a.succ_opt()];
    let years = [a.with_year(a.year() - 1), a.with_year(a.year() + 1)];
    days.into_iter().flatten().any(one_slip)
        || years.into_iter().flatten().any(|x| transposed(x, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn two_slips_are_one_on_each_side() {
        for (a, b) in [
            ("2012-05-22", "2012-05-20"),
            ("2014-10-07", "2015-10-08"),
            ("2013-01-15", "2031-01-16"),
            ("2013-03-05", "2014-05-03"),
        ] {
            assert!(two_slips_apart(d(a), d(b)), "{a} {b}");
        }
        for (a, b) in [
            ("2009-05-08", "2010-01-08"),
            ("2012-05-22", "2012-05-19"),
            ("2012-05-22", "2014-05-22"),
            ("2012-05-22", "2012-05-22"),
        ] {
            assert!(!two_slips_apart(d(a), d(b)), "{a} {b}");
        }
    }
}
