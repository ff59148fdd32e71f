//! Day arithmetic in the user's time zone. Withings' `*ymd` parameters are local
//! calendar days; getmeas takes unix instants. Both must come from the user's
//! zone, never from the host's (servers often run in UTC).

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// An inclusive range of local calendar days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRange {
    /// The first day.
    pub first: NaiveDate,
    /// The last day (the same as `first` for a single day).
    pub last: NaiveDate,
}

impl DayRange {
    /// The single day `d`.
    pub fn day(d: NaiveDate) -> Self {
        DayRange { first: d, last: d }
    }
    /// The days from `first` to `last`, in whichever order they are given.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Self {
        if first <= last {
            DayRange { first, last }
        } else {
            DayRange {
                first: last,
                last: first,
            }
        }
    }
    /// Whether `d` is one of the days.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }
    /// How many days.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
    /// `YYYY-MM-DD` for `startdateymd`/`enddateymd`.
    pub fn ymd(&self) -> (String, String) {
        (
            self.first.format("%Y-%m-%d").to_string(),
            self.last.format("%Y-%m-%d").to_string(),
        )
    }
    /// The same range widened by one day each side (to catch series a zone off).
    pub fn widened(&self) -> Self {
        DayRange {
            first: self
                .first
                .checked_sub_days(Days::new(1))
                .unwrap_or(self.first),
            last: self
                .last
                .checked_add_days(Days::new(1))
                .unwrap_or(self.last),
        }
    }
    /// Unix instants of the first local midnight and the midnight after the last day.
    pub fn instants(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        let next = self
            .last
            .checked_add_days(Days::new(1))
            .unwrap_or(self.last);
        (local_midnight(tz, self.first), local_midnight(tz, next))
    }
}

/// The first instant of local day `d` in `tz` (DST gaps move it forward).
pub fn local_midnight(tz: Tz, d: NaiveDate) -> DateTime<Utc> {
    let mut t = d.and_hms_opt(0, 0, 0).expect("midnight exists");
    for _ in 0..4 {
        if let Some(local) = tz.from_local_datetime(&t).earliest() {
            return local.with_timezone(&Utc);
        }
        t += chrono::Duration::minutes(30);
    }
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

/// Today's date for a user in `tz`.
pub fn local_today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_depends_on_zone() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap();
        assert_eq!(
            local_today(chrono_tz::America::Los_Angeles, now).to_string(),
            "2026-11-24"
        );
        assert_eq!(
            local_today(chrono_tz::Europe::Paris, now).to_string(),
            "2026-11-25"
        );
    }

    #[test]
    fn dst_gap_midnight() {
        // Chile skips midnight on its spring-forward day.
        let d = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        let t = local_midnight(chrono_tz::America::Santiago, d);
        assert_eq!(
            t.with_timezone(&chrono_tz::America::Santiago).date_naive(),
            d
        );
    }
}
