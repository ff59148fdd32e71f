//! What day or period an intent's optional date slot asks about.

use crate::alexa::date::{self, Period, SpokenDate};
use chrono::NaiveDate;
use chrono_tz::Tz;
use withings::DayRange;

/// Zones whose seasons are the southern hemisphere's ("summer" is December).
pub fn southern(tz: Tz) -> bool {
    let name = tz.name();
    const SOUTH: &[&str] = &[
        "Australia/",
        "Antarctica/",
        "America/Argentina/",
        "America/Buenos_Aires",
        "America/Sao_Paulo",
        "America/Santiago",
        "America/Montevideo",
        "America/Asuncion",
        "America/La_Paz",
        "America/Lima",
        "Africa/Johannesburg",
        "Africa/Maputo",
        "Africa/Harare",
        "Africa/Windhoek",
        "Africa/Gaborone",
        "Africa/Lusaka",
        "Indian/Reunion",
        "Indian/Mauritius",
        "Pacific/Auckland",
        "Pacific/Chatham",
        "Pacific/Fiji",
        "Pacific/Noumea",
        "Pacific/Tahiti",
        "Atlantic/Stanley",
    ];
    SOUTH.iter().any(|s| name.starts_with(s))
}

/// A date slot, before the user's zone (and so "today") is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateQuery {
    /// No date said: each intent has its default (last night, today, latest).
    Unspoken,
    Spoken(SpokenDate),
}

impl DateQuery {
    /// `None` when the slot was filled with something that is not a date.
    pub fn from_slot(value: Option<&str>) -> Option<Self> {
        match value {
            None => Some(DateQuery::Unspoken),
            Some(v) => date::parse(v).map(DateQuery::Spoken),
        }
    }

    /// The local days asked about, no date meaning today (for sleep: the night
    /// that ended this morning). `None` if it lies wholly in the future.
    pub fn period(self, today: NaiveDate, tz: Tz) -> Option<Period> {
        match self {
            DateQuery::Unspoken => SpokenDate::Day(today).resolve(today),
            DateQuery::Spoken(d) => d.resolve_in(today, southern(tz)),
        }
    }

    /// The days to fetch: the period widened a day each side, so that a zone
    /// learned only from the data still finds its day.
    pub fn fetch_range(self, today_guess: NaiveDate, tz: Tz) -> Option<DayRange> {
        let p = self.period(today_guess, tz)?;
        Some(DayRange::new(p.first, p.last).widened())
    }
}
