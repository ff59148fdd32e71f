//! "What's my weight?" / "What did I weigh on Monday?"

use super::Answer;
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use super::units::Units;
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use withings::{DayRange, MeasureGroup, MeasureType, latest, local_today};

/// How far back "my weight" looks for the latest weigh-in.
const LATEST_WINDOW_DAYS: u64 = 90;

/// The local days asked about: the period, or the last 90 days for "my
/// weight"; `None` when the period is all in the future.
fn asked_days(query: DateQuery, today: NaiveDate, tz: Tz) -> Option<DayRange> {
    match query {
        DateQuery::Unspoken => Some(DayRange::new(
            today.checked_sub_days(Days::new(LATEST_WINDOW_DAYS - 1))?,
            today,
        )),
        DateQuery::Spoken(_) => query
            .period(today, tz)
            .map(|p| DayRange::new(p.first, p.last)),
    }
}

/// The days to fetch: the asked days a day wider each side, since the zone
/// used to turn them into instants may be a guess. The answer then selects by
/// each weigh-in's own local day.
pub fn days(query: DateQuery, today: NaiveDate, tz: Tz) -> Option<DayRange> {
    asked_days(query, today, tz).map(|d| d.widened())
}

/// The local day of a weigh-in, in the zone the data states for it.
fn local_day_of(g: &MeasureGroup, fallback: Tz) -> Option<NaiveDate> {
    let tz = g
        .timezone
        .as_deref()
        .and_then(|t| t.parse::<Tz>().ok())
        .unwrap_or(fallback);
    Some(
        DateTime::from_timestamp(g.date, 0)?
            .with_timezone(&tz)
            .date_naive(),
    )
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
    units: Units,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    groups: &[MeasureGroup],
    recent: &[MeasureGroup],
) -> Answer {
    let today = local_today(tz, now);
    let Some(days) = asked_days(query, today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    // Only weigh-ins on the asked-for local days (the fetch is wider).
    let in_range: Vec<MeasureGroup> = groups
        .iter()
        .filter(|g| local_day_of(g, tz).is_some_and(|d| days.contains(d)))
        .cloned()
        .collect();
    // Nothing on the asked days: say so, then the latest weigh-in.
    let (reading, none_then) = match latest(&in_range, MeasureType::Weight) {
        Some(r) => (r, None),
        None if query == DateQuery::Unspoken => {
            return Answer::phrase(lang, Phrase::NoRecentWeight);
        }
        None => {
            let window = super::measures::latest_window(today);
            let recent: Vec<MeasureGroup> = super::measures::on_days(recent, window, tz);
            match latest(&recent, MeasureType::Weight) {
                Some(r) => (r, Some(speech::phrase(lang, Phrase::NoWeightThen))),
                None => return Answer::phrase(lang, Phrase::NoWeightThen),
            }
        }
    };
    let kg = reading.value.to_f64();
    let zone = reading
        .timezone
        .as_deref()
        .and_then(|t| t.parse::<Tz>().ok())
        .unwrap_or(tz);
    let at = Utc
        .timestamp_opt(reading.date, 0)
        .single()
        .unwrap_or(now)
        .with_timezone(&zone)
        .naive_local();
    let mut speech = speech::weighed(lang, units.weight, kg, &speech::when(lang, at, today));
    if let Some(none) = none_then {
        speech = format!("{none} {speech}");
    }
    if reading.ambiguous() {
        speech.push(' ');
        speech.push_str(speech::phrase(lang, Phrase::AmbiguousWeight));
    }
    let card = format!(
        "{speech}\n{}\n{}",
        speech::card_weight(units.weight, kg),
        at.format("%Y-%m-%d %H:%M")
    );
    Answer { speech, card }
}
