//! Long periods read whole: the days are split into a few windows fetched
//! together, each paged to its end within a bound, so that a year is not cut to
//! its first pages. What could not be read is reported, never hidden.

use std::future::Future;
use withings::{DayRange, Paged, WithingsError};

/// Windows fetched together (Withings answers each call on its own).
pub const WINDOWS: usize = 4;
/// The longest range one call may ask for.
pub const MAX_WINDOW_DAYS: i64 = 360;
/// Pages read per window: with Withings' usual pages a window is read whole;
/// with small pages the answer says what it is based on.
pub const WINDOW_PAGES: usize = 8;

/// The newest `WINDOWS` windows covering `range`, newest first, and whether
/// they cover all of it.
pub fn split(range: DayRange) -> (Vec<DayRange>, bool) {
    let total = range.days();
    let size = ((total + WINDOWS as i64 - 1) / WINDOWS as i64).clamp(1, MAX_WINDOW_DAYS);
    let mut out = Vec::new();
    let mut last = range.last;
    while out.len() < WINDOWS {
        let first = last
            .checked_sub_days(chrono::Days::new((size - 1) as u64))
            .unwrap_or(range.first)
            .max(range.first);
        out.push(DayRange::new(first, last));
        match first.pred_opt() {
            Some(p) if p >= range.first => last = p,
            _ => return (out, true),
        }
    }
    (out, false)
}

/// Every item of `range`, the windows fetched together; the flag is false when
/// part of the range could not be read.
pub async fn gather<T, F, Fut>(range: DayRange, get: F) -> Result<(Vec<T>, bool), WithingsError>
where
    F: Fn(DayRange, usize) -> Fut,
    Fut: Future<Output = Result<Paged<T>, WithingsError>>,
{
    let (windows, covered) = split(range);
    let slot = |i: usize| {
        let w = windows.get(i).copied();
        let get = &get;
        async move {
            match w {
                Some(r) => get(r, WINDOW_PAGES).await.map(Some),
                None => Ok(None),
            }
        }
    };
    let (a, b, c, d) = tokio::join!(slot(0), slot(1), slot(2), slot(3));
    let mut items = Vec::new();
    let mut complete = covered;
    for page in [a?, b?, c?, d?].into_iter().flatten() {
        complete &= page.complete;
        items.extend(page.items);
    }
    Ok((items, complete))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn windows_cover_the_range_newest_first() {
        let (w, all) = split(DayRange::new(d("2025-01-01"), d("2025-12-31")));
        assert!(all);
        assert_eq!(w.len(), 4);
        assert_eq!(w[0].last, d("2025-12-31"));
        assert_eq!(w[3].first, d("2025-01-01"));
        assert_eq!(w.iter().map(|r| r.days()).sum::<i64>(), 365);
        let (w, all) = split(DayRange::day(d("2026-11-25")));
        assert!(all);
        assert_eq!(w, vec![DayRange::day(d("2026-11-25"))]);
        // A decade is more than four windows can ask for: the newest part only.
        let (w, all) = split(DayRange::new(d("2010-01-01"), d("2019-12-31")));
        assert!(!all);
        assert_eq!(w[0].last, d("2019-12-31"));
        assert!(w.iter().all(|r| r.days() <= MAX_WINDOW_DAYS));
    }
}
