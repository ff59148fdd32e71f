//! "How am I doing on my step goal?" / sleep goal / "am I on track for my
//! weight goal?": the user's Withings goals against today's steps, last
//! night's sleep or the latest weight.

use super::query::DateQuery;
use super::slots::GoalKind;
use super::speech::{self, Lang, Phrase};
use super::units::Units;
use super::{ACTIVITY_PAGES, Answer, SLEEP_PAGES, Skill};
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;
use std::time::Duration;
use withings::{
    Activity, DayRange, Deadline, Goals, MeasureGroup, MeasureType, SleepSeries, activity_for_day,
    latest, local_today,
};

/// The data a goal is measured against.
pub enum Progress {
    Steps(Vec<Activity>),
    Sleep(Vec<SleepSeries>),
    Weight(Vec<MeasureGroup>),
}

pub fn answer(
    lang: Lang,
    units: Units,
    kind: GoalKind,
    tz: Tz,
    now: DateTime<Utc>,
    goals: &Goals,
    progress: &Progress,
) -> Answer {
    let today = local_today(tz, now);
    let text = match (kind, progress) {
        (GoalKind::Steps, Progress::Steps(days)) => {
            let Some(goal) = goals.steps.filter(|g| *g > 0) else {
                return Answer::phrase(lang, Phrase::NoStepGoal);
            };
            let steps = activity_for_day(days, today)
                .and_then(|a| a.steps)
                .unwrap_or(0);
            speech::steps_day(lang, today, today, steps, Some(goal), None)
        }
        (GoalKind::Sleep, Progress::Sleep(series)) => {
            let Some(goal) = goals.sleep.filter(|g| *g > 0) else {
                return Answer::phrase(lang, Phrase::NoSleepGoal);
            };
            let first = super::sleep::window_start(today).unwrap_or(today);
            let nights = super::sleep::nights_between(series, first, today);
            let Some((night, asleep)) = nights.last() else {
                return Answer::phrase(lang, Phrase::NoRecentSleep);
            };
            let name = speech::night(lang, night.date, today);
            speech::sleep_goal(lang, &name, *asleep, goal)
        }
        (GoalKind::Weight, Progress::Weight(groups)) => {
            let Some(goal) = goals.weight.map(|w| w.to_f64()).filter(|g| *g > 0.0) else {
                return Answer::phrase(lang, Phrase::NoWeightGoal);
            };
            let Some(reading) = latest(groups, MeasureType::Weight) else {
                return Answer::phrase(lang, Phrase::NoRecentWeight);
            };
            speech::weight_goal(lang, units.weight, reading.value.to_f64(), goal)
        }
        _ => return Answer::phrase(lang, Phrase::AskGoal),
    };
    Answer {
        card: text.clone(),
        speech: text,
    }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn goal(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        units: Units,
        kind: Option<GoalKind>,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let kind = kind.unwrap_or(GoalKind::Steps);
        let now = self.clock.now();
        let f = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let today = local_today(tz, now);
                    let week =
                        DayRange::new(today.checked_sub_days(Days::new(6)).unwrap_or(today), today)
                            .widened();
                    let data = async {
                        Ok(match kind {
                            GoalKind::Steps => {
                                let range =
                                    DateQuery::Unspoken.fetch_range(today, tz).unwrap_or(week);
                                Progress::Steps(
                                    self.withings
                                        .get_activity(&token, range, deadline, ACTIVITY_PAGES)
                                        .await?
                                        .items,
                                )
                            }
                            GoalKind::Sleep => Progress::Sleep(
                                self.withings
                                    .sleep_summary(&token, week, deadline, SLEEP_PAGES)
                                    .await?
                                    .items,
                            ),
                            GoalKind::Weight => Progress::Weight(
                                self.latest_measures(
                                    &token,
                                    &[MeasureType::Weight],
                                    today,
                                    tz,
                                    deadline,
                                )
                                .await?,
                            ),
                        })
                    };
                    let (goals, data) = tokio::join!(
                        self.withings
                            .get_goals(&token, deadline.cap(Duration::from_secs(3))),
                        data
                    );
                    Ok((goals?, data?))
                },
                |_| None,
            )
            .await?;
        let (goals, progress) = &f.data;
        Ok(answer(lang, units, kind, f.tz, f.now, goals, progress))
    }
}
