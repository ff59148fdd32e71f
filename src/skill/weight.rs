//! "What's my weight?" / "What did I weigh on Monday?"

use super::Answer;
use super::speech::{self, Lang, Phrase};
use crate::alexa::date::{self, SpokenDate};
use crate::withings::dates::{DayRange, local_today};
use crate::withings::measure::{MeasureGroup, MeasureType, latest};
use chrono::{DateTime, Days, TimeZone, Utc};
use chrono_tz::Tz;

/// How far back "my weight" looks for the latest weigh-in.
const LATEST_WINDOW_DAYS: u64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightQuery {
    Latest,
    Spoken(SpokenDate),
}

impl WeightQuery {
    pub fn from_slot(value: Option<&str>) -> Option<Self> {
        match value {
            None => Some(WeightQuery::Latest),
            Some(v) => date::parse(v).map(WeightQuery::Spoken),
        }
    }

    /// The local days to look in; `None` when the period is all in the future.
    pub fn days(self, today: chrono::NaiveDate) -> Option<DayRange> {
        match self {
            WeightQuery::Latest => Some(DayRange::new(
                today.checked_sub_days(Days::new(LATEST_WINDOW_DAYS - 1))?,
                today,
            )),
            WeightQuery::Spoken(d) => d.resolve(today).map(|p| DayRange::new(p.first, p.last)),
        }
    }
}

/// The zone the newest group states, if any.
pub fn zone_from_groups(groups: &[MeasureGroup]) -> Option<Tz> {
    groups
        .iter()
        .max_by_key(|g| g.date)
        .and_then(|g| g.timezone.as_deref())
        .and_then(|t| t.parse().ok())
}

pub fn answer(
    lang: Lang,
    query: WeightQuery,
    tz: Tz,
    now: DateTime<Utc>,
    groups: &[MeasureGroup],
) -> Answer {
    let today = local_today(tz, now);
    let Some(days) = query.days(today) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    // Only weigh-ins on the asked-for local days (the fetch may be a zone wider).
    let (from, to) = days.instants(tz);
    let in_range: Vec<MeasureGroup> = groups
        .iter()
        .filter(|g| g.date >= from.timestamp() && g.date < to.timestamp())
        .cloned()
        .collect();
    let Some(reading) = latest(&in_range, MeasureType::Weight) else {
        return Answer::phrase(
            lang,
            match query {
                WeightQuery::Latest => Phrase::NoRecentWeight,
                WeightQuery::Spoken(_) => Phrase::NoWeightThen,
            },
        );
    };
    let kg = reading.value.to_f64();
    let at = Utc
        .timestamp_opt(reading.date, 0)
        .single()
        .unwrap_or(now)
        .with_timezone(&tz)
        .naive_local();
    let mut speech = speech::weighed(lang, kg, &speech::when(lang, at, today));
    if reading.ambiguous() {
        speech.push(' ');
        speech.push_str(speech::phrase(lang, Phrase::AmbiguousWeight));
    }
    let card = format!(
        "{speech}\n{} kg ({} lb)\n{}",
        reading.value.round_to(1),
        ((kg * 2.204_622_621_8) * 10.0).round() / 10.0,
        at.format("%Y-%m-%d %H:%M")
    );
    Answer { speech, card }
}
