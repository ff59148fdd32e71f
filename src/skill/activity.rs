//! "How far did I walk (today | this week)?", floors, calories, active minutes.

use super::query::DateQuery;
use super::slots::ActivityMetric;
use super::speech::{self, Lang, Phrase};
use super::steps::zone_from_activity;
use super::units::Units;
use super::{Answer, Skill};
use crate::alexa::date::PeriodKind;
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use withings::{Activity, Deadline, activity_for_day as for_day, local_today};

/// The day's raw value for the metric: meters, floors, kcal, seconds.
pub fn value(a: &Activity, m: ActivityMetric) -> Option<f64> {
    let v = match m {
        ActivityMetric::Distance => a.distance?,
        ActivityMetric::Floors => a.elevation?,
        ActivityMetric::Calories => a.calories?,
        ActivityMetric::ActiveMinutes => a
            .active
            .or_else(|| Some(a.moderate.unwrap_or(0) + a.intense.unwrap_or(0)))?
            as f64,
    };
    v.is_finite().then_some(v)
}

#[allow(clippy::too_many_arguments)]
pub fn answer(
    lang: Lang,
    units: Units,
    metric: Option<ActivityMetric>,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    days: &[Activity],
    complete: bool,
) -> Answer {
    let m = metric.unwrap_or(ActivityMetric::Distance);
    let today = local_today(tz, now);
    let Some(period) = query.period(today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    let counted: Vec<(NaiveDate, f64)> = period
        .first
        .iter_days()
        .take_while(|d| *d <= period.last)
        .filter_map(|d| for_day(days, d).and_then(|a| value(a, m)).map(|v| (d, v)))
        .collect();
    let say = |v: f64| speech::activity_value(lang, units.distance, m, v);
    let text = match (period.kind, counted.as_slice()) {
        (_, []) => return Answer::phrase(lang, Phrase::NoActivity),
        // A day, or a period with one day in it: that day, named ("over 1
        // day" is never said).
        (PeriodKind::Day, [(day, v), ..]) | (_, [(day, v)]) => {
            let when =
                (*day != today).then(|| speech::capitalized(&speech::on_day(lang, *day, today)));
            speech::activity_day(lang, m, &say(*v), when.as_deref())
        }
        (_, many) => {
            let total: f64 = many.iter().map(|(_, v)| v).sum();
            let span = speech::period(lang, period.kind, period.first, period.last, today);
            let per_day = total / many.len() as f64;
            let said =
                speech::activity_period(lang, m, &span, &say(total), &say(per_day), many.len());
            if complete {
                said
            } else {
                format!("{said} {}", speech::phrase(lang, Phrase::PartlyFetched))
            }
        }
    };
    let mut card = text.clone();
    for (d, v) in &counted {
        let shown = match m {
            ActivityMetric::Distance => speech::card_distance(units.distance, *v),
            ActivityMetric::ActiveMinutes => speech::duration(lang, *v as i64),
            _ => format!("{v:.0}"),
        };
        card.push_str(&format!("\n{}: {shown}", speech::date(lang, *d)));
    }
    Answer { speech: text, card }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn activity(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        units: Units,
        metric: Option<ActivityMetric>,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let now = self.clock.now();
        let f = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let Some(range) = query.fetch_range(local_today(tz, now), tz) else {
                        return Ok((Vec::new(), true));
                    };
                    super::windows::gather(range, |r, pages| {
                        let token = token.clone();
                        async move { self.withings.get_activity(&token, r, deadline, pages).await }
                    })
                    .await
                },
                |(days, _)| zone_from_activity(days),
            )
            .await?;
        let (days, complete) = &f.data;
        Ok(answer(
            lang, units, metric, query, f.tz, f.now, days, *complete,
        ))
    }
}
