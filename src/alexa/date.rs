//! AMAZON.DATE slot values (`2026-11-24`, `2026-W48`, `2026-W48-WE`, `2026-11`,
//! `2026`, `202X`, `2026-WI`, `PRESENT_REF`, …) resolved to a range of days.
//!
//! Alexa resolves ambiguous dates forward ("Monday" is next Monday), but health
//! questions are about the past, so a range that starts after today is moved
//! back one period.

use chrono::{Days, Months, NaiveDate, Weekday};

/// What the user asked about, before it is pinned to today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpokenDate {
    Day(NaiveDate),
    Week { year: i32, week: u32 },
    Weekend { year: i32, week: u32 },
    Month { year: i32, month: u32 },
    Year(i32),
    Decade(i32),
    Season { year: i32, season: Season },
    Now,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    Winter,
    Spring,
    Summer,
    Fall,
}

/// The resolved range (inclusive) and how the period was spoken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub kind: PeriodKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
    /// A season, as the user's hemisphere has it.
    Season(Season),
}

/// Parse an AMAZON.DATE value. `None` for anything unrecognised.
pub fn parse(value: &str) -> Option<SpokenDate> {
    let v = value.trim();
    if v.eq_ignore_ascii_case("PRESENT_REF") {
        return Some(SpokenDate::Now);
    }
    let parts: Vec<&str> = v.split('-').collect();
    let year = |s: &str| -> Option<i32> {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let xx = |s: &str| s.eq_ignore_ascii_case("XX");
    match parts.as_slice() {
        [y] if y.len() == 4 && y.to_ascii_uppercase().ends_with('X') => {
            let d: i32 = y[..3].parse().ok()?;
            Some(SpokenDate::Decade(d * 10))
        }
        [y] => Some(SpokenDate::Year(year(y)?)),
        [y, m, d] if xx(m) && xx(d) => Some(SpokenDate::Year(year(y)?)),
        [y, m] | [y, m, _] if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let y = year(y)?;
            let month: u32 = m.parse().ok()?;
            match parts.get(2) {
                Some(d) if !xx(d) => Some(SpokenDate::Day(NaiveDate::from_ymd_opt(
                    y,
                    month,
                    d.parse().ok()?,
                )?)),
                _ => {
                    NaiveDate::from_ymd_opt(y, month, 1)?;
                    Some(SpokenDate::Month { year: y, month })
                }
            }
        }
        [y, w]
            if w.len() >= 2
                && w.starts_with(['W', 'w'])
                && w[1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            let week = w[1..].parse().ok()?;
            NaiveDate::from_isoywd_opt(year(y)?, week, Weekday::Mon)?;
            Some(SpokenDate::Week {
                year: year(y)?,
                week,
            })
        }
        [y, w, we] if we.eq_ignore_ascii_case("WE") && w.starts_with(['W', 'w']) => {
            let week = w[1..].parse().ok()?;
            NaiveDate::from_isoywd_opt(year(y)?, week, Weekday::Mon)?;
            Some(SpokenDate::Weekend {
                year: year(y)?,
                week,
            })
        }
        [y, s] => {
            let season = match s.to_ascii_uppercase().as_str() {
                "WI" => Season::Winter,
                "SP" => Season::Spring,
                "SU" => Season::Summer,
                "FA" => Season::Fall,
                _ => return None,
            };
            Some(SpokenDate::Season {
                year: year(y)?,
                season,
            })
        }
        _ => None,
    }
}

impl SpokenDate {
    fn range(self, today: NaiveDate, south: bool) -> Option<Period> {
        let p = |first, last, kind| Some(Period { first, last, kind });
        match self {
            SpokenDate::Now => p(today, today, PeriodKind::Day),
            SpokenDate::Day(d) => p(d, d, PeriodKind::Day),
            SpokenDate::Week { year, week } => {
                let mon = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
                p(mon, mon + Days::new(6), PeriodKind::Week)
            }
            SpokenDate::Weekend { year, week } => {
                let sat = NaiveDate::from_isoywd_opt(year, week, Weekday::Sat)?;
                p(sat, sat + Days::new(1), PeriodKind::Weekend)
            }
            SpokenDate::Month { year, month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                p(
                    first,
                    first + Months::new(1) - Days::new(1),
                    PeriodKind::Month,
                )
            }
            SpokenDate::Year(y) => p(
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
                PeriodKind::Year,
            ),
            SpokenDate::Decade(d) => p(
                NaiveDate::from_ymd_opt(d, 1, 1)?,
                NaiveDate::from_ymd_opt(d + 9, 12, 31)?,
                PeriodKind::Decade,
            ),
            SpokenDate::Season { year, season } => {
                // Meteorological seasons; the northern winter (the southern
                // summer) spans the new year.
                let north = match (season, south) {
                    (Season::Winter, false) | (Season::Summer, true) => Season::Winter,
                    (Season::Spring, false) | (Season::Fall, true) => Season::Spring,
                    (Season::Summer, false) | (Season::Winter, true) => Season::Summer,
                    (Season::Fall, false) | (Season::Spring, true) => Season::Fall,
                };
                let (fy, fm, ly, lm) = match north {
                    Season::Winter => (year, 12, year + 1, 2),
                    Season::Spring => (year, 3, year, 5),
                    Season::Summer => (year, 6, year, 8),
                    Season::Fall => (year, 9, year, 11),
                };
                let last = NaiveDate::from_ymd_opt(ly, lm, 1)? + Months::new(1) - Days::new(1);
                p(
                    NaiveDate::from_ymd_opt(fy, fm, 1)?,
                    last,
                    PeriodKind::Season(season),
                )
            }
        }
    }

    /// Pin to the past relative to `today`: a period starting after today moves back
    /// (a weekday within the coming week by 7 days, anything else by a year), and
    /// the end is clipped to today.
    pub fn resolve(self, today: NaiveDate) -> Option<Period> {
        self.resolve_in(today, false)
    }

    /// As [`SpokenDate::resolve`], with seasons of the southern hemisphere
    /// when `south` (summer is December to February).
    pub fn resolve_in(self, today: NaiveDate, south: bool) -> Option<Period> {
        let mut period = self.range(today, south)?;
        if period.first > today {
            let back = |d: NaiveDate| match (self, period.kind) {
                (SpokenDate::Day(_), _) if (d - today).num_days() <= 7 => {
                    d.checked_sub_days(Days::new(7))
                }
                (_, PeriodKind::Week | PeriodKind::Weekend) => d.checked_sub_days(Days::new(7)),
                (_, PeriodKind::Decade) => None,
                _ => d.checked_sub_months(Months::new(12)),
            };
            period.first = back(period.first)?;
            period.last = back(period.last)?;
            if period.first > today {
                return None;
            }
        }
        period.last = period.last.min(today);
        Some(period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_documented_form() {
        assert_eq!(parse("2026-11-24"), Some(SpokenDate::Day(d("2026-11-24"))));
        assert_eq!(parse("PRESENT_REF"), Some(SpokenDate::Now));
        assert_eq!(
            parse("2026-W48"),
            Some(SpokenDate::Week {
                year: 2026,
                week: 48
            })
        );
        assert_eq!(
            parse("2026-W48-WE"),
            Some(SpokenDate::Weekend {
                year: 2026,
                week: 48
            })
        );
        assert_eq!(
            parse("2026-11"),
            Some(SpokenDate::Month {
                year: 2026,
                month: 11
            })
        );
        assert_eq!(
            parse("2026-11-XX"),
            Some(SpokenDate::Month {
                year: 2026,
                month: 11
            })
        );
        assert_eq!(parse("2026"), Some(SpokenDate::Year(2026)));
        assert_eq!(parse("2026-XX-XX"), Some(SpokenDate::Year(2026)));
        assert_eq!(parse("202X"), Some(SpokenDate::Decade(2020)));
        assert_eq!(
            parse("2026-WI"),
            Some(SpokenDate::Season {
                year: 2026,
                season: Season::Winter
            })
        );
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "2026-W60",
            "20-11-01",
            "2026-ZZ",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn resolves_into_the_past() {
        let today = d("2026-11-25"); // a Wednesday
        // "Monday" resolved by Alexa to next Monday means last Monday.
        let p = parse("2026-11-30").unwrap().resolve(today).unwrap();
        assert_eq!((p.first, p.last), (d("2026-11-23"), d("2026-11-23")));
        // A date far ahead means last year.
        let p = parse("2026-12-24").unwrap().resolve(today).unwrap();
        assert_eq!(p.first, d("2025-12-24"));
        // This week ends today.
        let p = parse("2026-W48").unwrap().resolve(today).unwrap();
        assert_eq!((p.first, p.last), (d("2026-11-23"), d("2026-11-25")));
        // This weekend (still ahead) means last weekend.
        let p = parse("2026-W48-WE").unwrap().resolve(today).unwrap();
        assert_eq!((p.first, p.last), (d("2026-11-21"), d("2026-11-22")));
        // Next decade has no past.
        assert_eq!(parse("203X").unwrap().resolve(today), None);
        let p = parse("PRESENT_REF").unwrap().resolve(today).unwrap();
        assert_eq!(p.first, today);
    }

    #[test]
    fn seasons_follow_the_hemisphere() {
        let today = d("2026-11-25");
        let north = parse("2026-SU").unwrap().resolve_in(today, false).unwrap();
        assert_eq!(
            (north.first, north.last),
            (d("2026-06-01"), d("2026-08-31"))
        );
        // An Australian summer 2025 is December 2025 to February 2026.
        let south = parse("2025-SU").unwrap().resolve_in(today, true).unwrap();
        assert_eq!(
            (south.first, south.last),
            (d("2025-12-01"), d("2026-02-28"))
        );
        assert_eq!(south.kind, PeriodKind::Season(Season::Summer));
    }
}
