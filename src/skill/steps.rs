//! "How many steps have I taken (today | yesterday | this week)?"

use super::Answer;
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use crate::alexa::date::PeriodKind;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use withings::{Activity, activity_for_day as for_day, local_today};

pub fn zone_from_activity(days: &[Activity]) -> Option<Tz> {
    days.iter()
        .max_by_key(|a| a.date)
        .and_then(|a| a.timezone.as_deref())
        .and_then(|t| t.parse().ok())
}

/// The last sync is worth saying once it is this old.
const SYNC_NEWS_AFTER_SECS: i64 = 30 * 60;

pub fn answer(
    lang: Lang,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    days: &[Activity],
    goal: Option<i64>,
    complete: bool,
) -> Answer {
    let today = local_today(tz, now);
    let Some(period) = query.period(today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    // One entry per day (tracker preferred over phone), within the period.
    let counted: Vec<(NaiveDate, &Activity, i64)> = period
        .first
        .iter_days()
        .take_while(|d| *d <= period.last)
        .filter_map(|d| for_day(days, d).and_then(|a| a.steps.map(|s| (d, a, s))))
        .collect();
    // Syncing can only bring today's and yesterday's steps.
    let recent = (today - period.last).num_days() <= 1;
    let none = if recent {
        Phrase::NoStepsThen
    } else {
        Phrase::NoStepsThatTime
    };
    let speech = match (period.kind, counted.as_slice()) {
        (PeriodKind::Day, [(day, a, steps)]) => {
            let synced = (*day == today).then(|| sync_time(a, tz, now)).flatten();
            speech::steps_day(lang, *day, today, *steps, goal, synced)
        }
        // "How many steps today?" before today's first sync: say so, then yesterday.
        (PeriodKind::Day, []) if query == DateQuery::Unspoken => {
            let yesterday = today.pred_opt().unwrap_or(today);
            let not_yet = speech::phrase(lang, Phrase::NoStepsTodayYet);
            match for_day(days, yesterday).and_then(|a| a.steps) {
                Some(s) => {
                    let y = speech::steps_day(lang, yesterday, today, s, None, None);
                    format!("{not_yet} {y}")
                }
                None => return Answer::phrase(lang, none),
            }
        }
        (_, []) => return Answer::phrase(lang, none),
        (_, _) => {
            // Today is still going: its count is "so far", never a full day.
            let (full, partial): (Vec<_>, Vec<_>) =
                counted.iter().partition(|(d, _, _)| *d < today);
            let full: Vec<(NaiveDate, i64)> = full.iter().map(|(d, _, s)| (*d, *s)).collect();
            let so_far = partial.first().map(|(_, _, s)| *s);
            let mut said = speech::steps_period(lang, &period, today, &full, so_far);
            if !complete {
                said.push(' ');
                said.push_str(speech::phrase(lang, Phrase::PartlyFetched));
            }
            said
        }
    };
    let mut card = speech.clone();
    for (d, _, s) in &counted {
        card.push_str(&format!("\n{}: {s}", speech::date(lang, *d)));
    }
    if let Some(g) = goal {
        card.push_str(&format!("\nGoal: {g}"));
    }
    Answer { speech, card }
}

/// The local time of the day's last sync, when it is old enough to matter.
fn sync_time(a: &Activity, tz: Tz, now: DateTime<Utc>) -> Option<NaiveTime> {
    let at = DateTime::from_timestamp(a.modified?, 0)?;
    (now - at >= chrono::Duration::seconds(SYNC_NEWS_AFTER_SECS))
        .then(|| at.with_timezone(&tz).time())
}
