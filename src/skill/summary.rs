//! "How am I doing?": one short sentence each for last night's sleep, today's
//! steps and the latest weight, fetched together.

use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use super::units::Units;
use super::{ACTIVITY_PAGES, Answer, SLEEP_PAGES, Skill};
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use withings::{
    Activity, Deadline, MeasureGroup, MeasureType, SleepSeries, WithingsError, activity_for_day,
    latest, local_today,
};

/// What the summary is made of; a part that failed to load is left out.
pub struct Parts {
    pub sleep: Vec<SleepSeries>,
    pub activity: Vec<Activity>,
    pub weight: Vec<MeasureGroup>,
}

pub fn answer(lang: Lang, units: Units, tz: Tz, now: DateTime<Utc>, parts: &Parts) -> Answer {
    let today = local_today(tz, now);
    let mut said: Vec<String> = Vec::new();
    let first = super::sleep::window_start(today).unwrap_or(today);
    if let Some((night, asleep)) = super::sleep::nights_between(&parts.sleep, first, today).last() {
        let when = speech::night(lang, night.date, today);
        said.push(speech::sleep_night(lang, &when, *asleep, None, None));
    }
    if let Some(steps) = activity_for_day(&parts.activity, today).and_then(|a| a.steps) {
        said.push(speech::steps_summary(lang, steps));
    }
    if let Some(r) = latest(&parts.weight, MeasureType::Weight) {
        let zone = r
            .timezone
            .as_deref()
            .and_then(|t| t.parse::<Tz>().ok())
            .unwrap_or(tz);
        if let Some(at) = super::measures::local_time(r.date, zone) {
            let when = speech::when(lang, at, today);
            said.push(speech::weighed(lang, units.weight, r.value.to_f64(), &when));
        }
    }
    if said.is_empty() {
        return Answer::phrase(lang, Phrase::NoSummaryData);
    }
    let text = said.join(" ");
    Answer {
        card: said.join("\n"),
        speech: text,
    }
}

/// A rejected token fails the whole summary (so it is refreshed and retried);
/// any other failure only leaves its part out.
fn part<T>(r: Result<Vec<T>, WithingsError>) -> Result<Vec<T>, WithingsError> {
    match r {
        Err(e @ WithingsError::InvalidToken { .. }) => Err(e),
        Err(e) => {
            tracing::warn!(error = %e, "summary part failed");
            Ok(Vec::new())
        }
        Ok(v) => Ok(v),
    }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn summary(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        units: Units,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let now = self.clock.now();
        let f = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let today = local_today(tz, now);
                    let sleep_range = super::sleep::fetch_range(DateQuery::Unspoken, today, tz);
                    let steps_range = DateQuery::Unspoken.fetch_range(today, tz);
                    let (sleep, activity, weight) = tokio::join!(
                        async {
                            match sleep_range {
                                Some(r) => self
                                    .withings
                                    .sleep_summary(&token, r, deadline, SLEEP_PAGES)
                                    .await
                                    .map(|p| p.items),
                                None => Ok(Vec::new()),
                            }
                        },
                        async {
                            match steps_range {
                                Some(r) => self
                                    .withings
                                    .get_activity(&token, r, deadline, ACTIVITY_PAGES)
                                    .await
                                    .map(|p| p.items),
                                None => Ok(Vec::new()),
                            }
                        },
                        self.latest_measures(&token, &[MeasureType::Weight], today, tz, deadline),
                    );
                    Ok(Parts {
                        sleep: part(sleep)?,
                        activity: part(activity)?,
                        weight: part(weight)?,
                    })
                },
                |p: &Parts| super::steps::zone_from_activity(&p.activity),
            )
            .await?;
        Ok(answer(lang, units, f.tz, f.now, &f.data))
    }
}
