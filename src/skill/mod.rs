//! The skill: request in, one spoken answer out. Owns the 8-second budget, the
//! route table, and the mapping from every failure to something polite to say.

pub mod account;
pub mod activity;
pub mod body;
mod conversation;
mod events;
mod fetch;
pub mod goals;
mod household;
mod measures;
pub mod pressure;
pub mod query;
mod reply;
pub mod router;
pub mod sleep;
pub mod sleep_detail;
pub mod slots;
pub mod speech;
pub mod steps;
pub mod summary;
pub mod units;
pub mod weight;
pub mod weight_change;
mod windows;
pub mod workouts;

use crate::alexa::response::ResponseBuilder;
use crate::alexa::settings::SettingsCache;
use crate::alexa::{RequestEnvelope, ResponseEnvelope};
use crate::store::LinkStore;
use account::AccountError;
use query::DateQuery;
use speech::{Lang, Phrase};
use std::time::Duration;
use units::Units;
use withings::Clock;
use withings::{ClientAuth, Deadline, WithingsClient};
use withings::{MeasureType, local_today};

/// Skill-wide settings.
#[derive(Clone, Debug)]
pub struct SkillConfig {
    /// Requests for any other skill id are refused before anything else.
    pub skill_id: String,
    /// Where to reach the Alexa Settings API instead of the request's
    /// `apiEndpoint` (local runs point it at the sandbox).
    pub alexa_api_override: Option<String>,
    /// The whole request's budget; Alexa gives up after 8 s.
    pub budget: Duration,
    pub client_auth: ClientAuth,
}

impl SkillConfig {
    pub fn new(skill_id: impl Into<String>) -> Self {
        SkillConfig {
            skill_id: skill_id.into(),
            alexa_api_override: None,
            budget: Duration::from_millis(6500),
            client_auth: ClientAuth::Secret,
        }
    }
}

/// A request the skill will not answer at all (a Lambda error, not speech).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("request is for another skill ({0})")]
    WrongSkill(String),
    #[error("request carries no skill id")]
    NoSkillId,
}

pub struct Skill<S> {
    pub config: SkillConfig,
    pub store: S,
    pub withings: WithingsClient,
    pub http: reqwest::Client,
    pub clock: Clock,
    /// Each device's Alexa settings, remembered for a while (one per process).
    pub settings: SettingsCache,
}

/// Page limits per question: enough for a month at small pages, and a bound on
/// calls within Alexa's 8 s.
/// Page limits for the short, fixed ranges (a week, a day, the latest 90
/// days of one measure); periods a user names are read through `windows`.
const SLEEP_PAGES: usize = 3;
const MEASURE_PAGES: usize = 4;
const ACTIVITY_PAGES: usize = 3;

impl<S: LinkStore> Skill<S> {
    /// Handle a raw Alexa request. Unparseable-but-ours requests get a polite
    /// answer; requests for another skill are refused.
    pub async fn handle(&self, raw: serde_json::Value) -> Result<ResponseEnvelope, Refusal> {
        let deadline = Deadline::after(self.config.budget);
        // The skill id check comes first, on the raw JSON, so even a request we
        // cannot parse is refused if it is not ours.
        let app_id = raw
            .pointer("/context/System/application/applicationId")
            .or_else(|| raw.pointer("/session/application/applicationId"))
            .and_then(|v| v.as_str())
            .ok_or(Refusal::NoSkillId)?;
        if app_id != self.config.skill_id {
            tracing::warn!(skill_id = app_id, "refused a request for another skill");
            return Err(Refusal::WrongSkill(app_id.to_string()));
        }
        let locale = raw
            .pointer("/request/locale")
            .and_then(|v| v.as_str())
            .unwrap_or("en-US")
            .to_string();
        let env: RequestEnvelope = match serde_json::from_value(raw) {
            Ok(env) => env,
            Err(e) => {
                tracing::warn!(error = %e, "malformed Alexa request");
                let lang = Lang::from_locale(&locale);
                return Ok(ResponseBuilder::new()
                    .speak(speech::phrase(lang, Phrase::BadRequest))
                    .end_session()
                    .build());
            }
        };
        let route = router::route(&env);
        tracing::info!(
            request_id = env.request_id().unwrap_or("-"),
            ?route,
            "routing"
        );
        Ok(self.respond(&env, route, deadline).await)
    }

    async fn sleep(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let now = self.clock.now();
        let fetched = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let today = local_today(tz, now);
                    let Some(range) = sleep::fetch_range(query, today, tz) else {
                        return Ok(((Vec::new(), true), Vec::new()));
                    };
                    let asked = windows::gather(range, |r, pages| {
                        let token = token.clone();
                        async move {
                            self.withings
                                .sleep_summary(&token, r, deadline, pages)
                                .await
                        }
                    });
                    // A night asked by date may be missing: the latest week
                    // comes along, to answer with the latest night instead.
                    let latest = async {
                        match sleep::fetch_range(DateQuery::Unspoken, today, tz) {
                            Some(r) if query != DateQuery::Unspoken => self
                                .withings
                                .sleep_summary(&token, r, deadline, SLEEP_PAGES)
                                .await
                                .map(|p| p.items),
                            _ => Ok(Vec::new()),
                        }
                    };
                    let (asked, latest) = tokio::join!(asked, latest);
                    Ok((asked?, latest.unwrap_or_default()))
                },
                |((series, _), _)| sleep::zone_from_series(series),
            )
            .await;
        fetched.map(|f| {
            let ((series, complete), latest) = &f.data;
            sleep::answer(lang, query, f.tz, f.now, series, *complete, latest)
        })
    }

    async fn weight(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        units: Units,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let f = self
            .measures(env, deadline, query, &[MeasureType::Weight])
            .await?;
        let (asked, recent) = &f.data;
        Ok(weight::answer(
            lang, units, query, f.tz, f.now, asked, recent,
        ))
    }

    async fn steps(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let now = self.clock.now();
        let fetched = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let Some(range) = query.fetch_range(local_today(tz, now), tz) else {
                        return Ok(((Vec::new(), true), None));
                    };
                    // The goal is a nicety: fetched alongside, and never fatal.
                    let (activity, goals) = tokio::join!(
                        windows::gather(range, |r, pages| {
                            let token = token.clone();
                            async move { self.withings.get_activity(&token, r, deadline, pages).await }
                        }),
                        self.withings
                            .get_goals(&token, deadline.cap(Duration::from_secs(2)))
                    );
                    let goal = goals.ok().and_then(|g| g.steps);
                    activity.map(|a| (a, goal))
                },
                |((days, _), _)| steps::zone_from_activity(days),
            )
            .await;
        fetched.map(|f| {
            let ((days, complete), goal) = &f.data;
            steps::answer(lang, query, f.tz, f.now, days, *goal, *complete)
        })
    }
}

/// An intent's answer: what to say and what to put on the card.
pub struct Answer {
    pub speech: String,
    pub card: String,
}

impl Answer {
    /// A fixed phrase, said and shown.
    pub fn phrase(lang: Lang, p: Phrase) -> Self {
        let text = speech::phrase(lang, p).to_string();
        Answer {
            speech: text.clone(),
            card: text,
        }
    }
}
