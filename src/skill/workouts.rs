//! "What was my last workout?" / "What workouts did I do (yesterday | this week)?"

use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use super::units::Units;
use super::{Answer, Skill};
use crate::alexa::date::PeriodKind;
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;
use withings::{DayRange, Deadline, Workout, local_today};

/// How far back "my last workout" looks.
const LATEST_WINDOW_DAYS: u64 = 30;
const WORKOUT_PAGES: usize = 3;

fn described(lang: Lang, units: Units, w: &Workout) -> String {
    let meters = w
        .data
        .distance
        .or(w.data.manual_distance)
        .filter(|d| d.is_finite() && *d >= 100.0);
    let distance = meters.map(|m| speech::distance(lang, units.distance, m));
    let kcal = w
        .data
        .calories
        .or(w.data.manual_calories)
        .filter(|c| c.is_finite())
        // Nobody says 297 calories: tens once past a hundred.
        .map(|c| {
            let n = c.round() as i64;
            if n >= 100 { (n + 5) / 10 * 10 } else { n }
        });
    speech::workout(
        lang,
        w.category,
        w.active_seconds(),
        distance.as_deref(),
        kcal,
    )
}

fn days_to_fetch(query: DateQuery, today: chrono::NaiveDate, tz: Tz) -> Option<DayRange> {
    match query {
        DateQuery::Unspoken => Some(
            DayRange::new(
                today.checked_sub_days(Days::new(LATEST_WINDOW_DAYS - 1))?,
                today,
            )
            .widened(),
        ),
        DateQuery::Spoken(_) => query.fetch_range(today, tz),
    }
}

pub fn answer(
    lang: Lang,
    units: Units,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    workouts: &[Workout],
) -> Answer {
    let today = local_today(tz, now);
    // Only finished workouts (one still running has no length yet).
    let mut done: Vec<&Workout> = workouts
        .iter()
        .filter(|w| w.enddate <= now.timestamp() && w.enddate > w.startdate)
        .collect();
    done.sort_by_key(|w| w.startdate);
    let text = if query == DateQuery::Unspoken {
        let Some(last) = done.last() else {
            return Answer::phrase(lang, Phrase::NoRecentWorkouts);
        };
        let when = speech::on_day(lang, last.date, today);
        speech::last_workout(lang, &when, &described(lang, units, last))
    } else {
        let Some(period) = query.period(today, tz) else {
            return Answer::phrase(lang, Phrase::DateInFuture);
        };
        done.retain(|w| w.date >= period.first && w.date <= period.last);
        if done.is_empty() {
            return Answer::phrase(lang, Phrase::NoWorkouts);
        }
        if period.kind == PeriodKind::Day {
            let when = speech::capitalized(&speech::on_day(lang, period.first, today));
            let list: Vec<String> = done.iter().map(|w| described(lang, units, w)).collect();
            speech::day_workouts(lang, &when, &list)
        } else {
            let span = speech::period(lang, period.kind, period.first, period.last, today);
            let total = done.iter().map(|w| w.active_seconds()).sum();
            speech::period_workouts(lang, &span, done.len(), total)
        }
    };
    let mut card = text.clone();
    for w in &done {
        card.push_str(&format!(
            "\n{}: {} ({})",
            w.date,
            w.category.name(),
            speech::duration(lang, w.active_seconds())
        ));
    }
    Answer { speech: text, card }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn workouts(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        units: Units,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let now = self.clock.now();
        let f = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let Some(days) = days_to_fetch(query, local_today(tz, now), tz) else {
                        return Ok(Vec::new());
                    };
                    self.withings
                        .get_workouts(&token, days, deadline, WORKOUT_PAGES)
                        .await
                        .map(|p| p.items)
                },
                |ws: &Vec<Workout>| {
                    ws.iter()
                        .max_by_key(|w| w.startdate)
                        .and_then(|w| w.timezone.as_deref())
                        .and_then(|t| t.parse().ok())
                },
            )
            .await?;
        Ok(answer(lang, units, query, f.tz, f.now, &f.data))
    }
}
