//! "How long did it take me to fall asleep?", "what was my sleep score this
//! week?": one detail of a night, or its average over a period.

use super::query::DateQuery;
use super::sleep::{nights_between, window_start};
use super::slots::SleepDetail;
use super::speech::{self, DetailValue, Lang, Phrase};
use super::{Answer, Skill};
use crate::alexa::date::PeriodKind;
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use withings::{Deadline, SleepData, SleepSeries, local_today};

/// A night's value of `d`, if the device recorded it.
pub fn value(data: &SleepData, d: SleepDetail) -> Option<DetailValue> {
    use DetailValue::*;
    Some(match d {
        SleepDetail::FallAsleep => Seconds(data.durationtosleep.or(data.sleep_latency)?),
        SleepDetail::Rem => Seconds(data.remsleepduration?),
        SleepDetail::Light => Seconds(data.lightsleepduration?),
        SleepDetail::Deep => Seconds(data.deepsleepduration?),
        SleepDetail::Wakeups => Count(data.wakeupcount?),
        SleepDetail::Score => Points(data.sleep_score?),
        SleepDetail::HeartRate => Bpm(
            data.hr_average.filter(|h| *h > 0)?,
            data.hr_min.filter(|h| *h > 0),
            data.hr_max.filter(|h| *h > 0),
        ),
    })
}

fn number(v: DetailValue) -> f64 {
    match v {
        DetailValue::Seconds(n) | DetailValue::Count(n) | DetailValue::Points(n) => n as f64,
        DetailValue::Bpm(n, _, _) => n as f64,
    }
}

pub fn answer(
    lang: Lang,
    detail: Option<SleepDetail>,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    series: &[SleepSeries],
) -> Answer {
    let today = local_today(tz, now);
    let Some(period) = query.period(today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    let (first, last) = match query {
        DateQuery::Unspoken => (window_start(today).unwrap_or(today), today),
        DateQuery::Spoken(_) => (period.first, period.last),
    };
    let nights = nights_between(series, first, last);
    // A period with one night is that night, named.
    let single =
        query == DateQuery::Unspoken || period.kind == PeriodKind::Day || nights.len() == 1;
    let text = if single {
        let Some((night, _)) = nights.last() else {
            return Answer::phrase(lang, Phrase::NoSleepThatNight);
        };
        let name = speech::night(lang, night.date, today);
        let d = &night.data;
        match detail {
            None => speech::overview_night(
                lang,
                &name,
                d.durationtosleep.or(d.sleep_latency),
                d.wakeupcount,
                d.sleep_score,
            ),
            Some(k) => match value(d, k) {
                Some(v) => speech::detail_night(lang, &name, k, v),
                None => String::new(),
            },
        }
    } else {
        let k = detail.unwrap_or(SleepDetail::Score);
        let values: Vec<f64> = nights
            .iter()
            .filter_map(|(n, _)| value(&n.data, k))
            .map(number)
            .collect();
        if values.is_empty() {
            return Answer::phrase(lang, Phrase::NoSleepInPeriod);
        }
        let avg = values.iter().sum::<f64>() / values.len() as f64;
        let span = speech::period(lang, period.kind, period.first, period.last, today);
        speech::detail_average(lang, &span, k, avg, values.len())
    };
    if text.is_empty() {
        return Answer::phrase(lang, Phrase::NoSleepDetail);
    }
    Answer {
        card: text.clone(),
        speech: text,
    }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn sleep_detail(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        detail: Option<SleepDetail>,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let now = self.clock.now();
        let f = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    match super::sleep::fetch_range(query, local_today(tz, now), tz) {
                        Some(range) => super::windows::gather(range, |r, pages| {
                            let token = token.clone();
                            async move {
                                self.withings
                                    .sleep_summary(&token, r, deadline, pages)
                                    .await
                            }
                        })
                        .await
                        .map(|(items, _)| items),
                        None => Ok(Vec::new()),
                    }
                },
                |series| super::sleep::zone_from_series(series),
            )
            .await?;
        Ok(answer(lang, detail, query, f.tz, f.now, &f.data))
    }
}
