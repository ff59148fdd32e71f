//! "What's my weight?" / "What did I weigh on Monday?"

use super::Answer;
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use crate::withings::dates::{DayRange, local_today};
use crate::withings::measure::{MeasureGroup, MeasureType, latest};
use chrono::{DateTime, Days, TimeZone, Utc};
use chrono_tz::Tz;

/// How far back "my weight" looks for the latest weigh-in.
const LATEST_WINDOW_DAYS: u64 = 90;

/// The local days to look in: the asked-for period, or the last 90 days for
/// "my weight"; `None` when the period is all in the future.
pub fn days(query: DateQuery, today: chrono::NaiveDate) -> Option<DayRange> {
    match query {
        DateQuery::Unspoken => Some(DayRange::new(
            today.checked_sub_days(Days::new(LATEST_WINDOW_DAYS - 1))?,
            today,
        )),
        DateQuery::Spoken(_) => query.period(today).map(|p| DayRange::new(p.first, p.last)),
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
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    groups: &[MeasureGroup],
) -> Answer {
    let today = local_today(tz, now);
    let Some(days) = days(query, today) else {
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
                DateQuery::Unspoken => Phrase::NoRecentWeight,
                DateQuery::Spoken(_) => Phrase::NoWeightThen,
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
