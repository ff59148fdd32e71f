//! What day or period an intent's optional date slot asks about.

use crate::alexa::date::{self, Period, SpokenDate};
use chrono::NaiveDate;
use withings::DayRange;

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
    pub fn period(self, today: NaiveDate) -> Option<Period> {
        match self {
            DateQuery::Unspoken => SpokenDate::Day(today).resolve(today),
            DateQuery::Spoken(d) => d.resolve(today),
        }
    }

    /// The days to fetch: the period widened a day each side, so that a zone
    /// learned only from the data still finds its day.
    pub fn fetch_range(self, today_guess: NaiveDate) -> Option<DayRange> {
        let p = self.period(today_guess)?;
        Some(DayRange::new(p.first, p.last).widened())
    }
}
