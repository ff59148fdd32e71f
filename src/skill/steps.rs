//! "How many steps have I taken (today | yesterday | this week)?"

use super::Answer;
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use crate::alexa::date::PeriodKind;
use crate::withings::activity::{Activity, for_day};
use crate::withings::dates::local_today;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

pub fn zone_from_activity(days: &[Activity]) -> Option<Tz> {
    days.iter()
        .max_by_key(|a| a.date)
        .and_then(|a| a.timezone.as_deref())
        .and_then(|t| t.parse().ok())
}

pub fn answer(
    lang: Lang,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    days: &[Activity],
    goal: Option<i64>,
) -> Answer {
    let today = local_today(tz, now);
    let Some(period) = query.period(today) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    // One entry per day (tracker preferred over phone), within the period.
    let counted: Vec<(NaiveDate, i64)> = period
        .first
        .iter_days()
        .take_while(|d| *d <= period.last)
        .filter_map(|d| for_day(days, d).and_then(|a| a.steps).map(|s| (d, s)))
        .collect();
    let speech = match (period.kind, counted.as_slice()) {
        (_, []) => return Answer::phrase(lang, Phrase::NoStepsThen),
        (PeriodKind::Day, [(day, steps)]) => speech::steps_day(lang, *day, today, *steps, goal),
        (kind, many) => {
            let avg = many.iter().map(|(_, s)| s).sum::<i64>() / many.len() as i64;
            speech::steps_average(lang, kind, period.first, today, avg, many.len())
        }
    };
    let mut card = speech.clone();
    for (d, s) in &counted {
        card.push_str(&format!("\n{}: {s}", speech::date(lang, *d)));
    }
    if let Some(g) = goal {
        card.push_str(&format!("\nGoal: {g}"));
    }
    Answer { speech, card }
}
