//! The skill: request in, one spoken answer out. Owns the 8-second budget, the
//! route table, and the mapping from every failure to something polite to say.

pub mod account;
mod events;
mod fetch;
mod household;
pub mod query;
mod reply;
pub mod router;
pub mod sleep;
pub mod speech;
pub mod steps;
pub mod weight;

use crate::alexa::response::ResponseBuilder;
use crate::alexa::settings::SettingsCache;
use crate::alexa::{RequestEnvelope, ResponseEnvelope};
use crate::store::LinkStore;
use query::DateQuery;
use router::Route;
use speech::{Lang, Phrase};
use std::time::Duration;
use withings::Clock;
use withings::{ClientAuth, Deadline, WithingsClient};
use withings::{MeasureQuery, MeasureType, local_today};

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

    async fn respond(
        &self,
        env: &RequestEnvelope,
        route: Route,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        let lang = Lang::from_locale(env.locale());
        let say = |p| speech::phrase(lang, p);
        match route {
            Route::Launch => ResponseBuilder::new()
                .speak(say(Phrase::Welcome))
                .ask(say(Phrase::WelcomeReprompt))
                .build(),
            Route::Help => ResponseBuilder::new()
                .speak(say(Phrase::Help))
                .ask(say(Phrase::WelcomeReprompt))
                .build(),
            Route::Stop => ResponseBuilder::new()
                .speak(say(Phrase::Goodbye))
                .end_session()
                .build(),
            Route::Fallback { intent } => {
                tracing::info!(intent, "fallback");
                ResponseBuilder::new()
                    .speak(say(Phrase::Fallback))
                    .ask(say(Phrase::WelcomeReprompt))
                    .build()
            }
            Route::Silent => ResponseBuilder::empty(),
            Route::Event(event) => self.skill_event(env, event, deadline).await,
            Route::Sleep { date } => self.sleep(env, lang, date.as_deref(), deadline).await,
            Route::Weight { date } => self.weight(env, lang, date.as_deref(), deadline).await,
            Route::Steps { date } => self.steps(env, lang, date.as_deref(), deadline).await,
        }
    }

    async fn sleep(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        date: Option<&str>,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        let Some(query) = DateQuery::from_slot(date) else {
            return self.ask_date(lang);
        };
        let now = self.clock.now();
        let fetched = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    match sleep::fetch_range(query, local_today(tz, now)) {
                        Some(range) => self
                            .withings
                            .sleep_summary(&token, range, deadline, SLEEP_PAGES)
                            .await
                            .map(|p| p.items),
                        None => Ok(Vec::new()),
                    }
                },
                |series| sleep::zone_from_series(series),
            )
            .await;
        let answer = fetched.map(|f| sleep::answer(lang, query, f.tz, f.now, &f.data));
        self.reply(env, lang, Phrase::CardTitleSleep, answer)
    }

    async fn weight(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        date: Option<&str>,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        let Some(query) = DateQuery::from_slot(date) else {
            return self.ask_date(lang);
        };
        let now = self.clock.now();
        let fetched = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let Some(days) = weight::days(query, local_today(tz, now)) else {
                        return Ok(Vec::new());
                    };
                    let q = MeasureQuery::days(&[MeasureType::Weight], days, tz);
                    self.withings
                        .get_measures(&token, q, deadline, MEASURE_PAGES)
                        .await
                        .map(|p| p.items)
                },
                |groups| weight::zone_from_groups(groups),
            )
            .await;
        let answer = fetched.map(|f| weight::answer(lang, query, f.tz, f.now, &f.data));
        self.reply(env, lang, Phrase::CardTitleWeight, answer)
    }

    async fn steps(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        date: Option<&str>,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        let Some(query) = DateQuery::from_slot(date) else {
            return self.ask_date(lang);
        };
        let now = self.clock.now();
        let fetched = self
            .fetch(
                env,
                deadline,
                |token, tz| async move {
                    let Some(range) = query.fetch_range(local_today(tz, now)) else {
                        return Ok((Vec::new(), None));
                    };
                    // The goal is a nicety: fetched alongside, and never fatal.
                    let (activity, goals) = tokio::join!(
                        self.withings
                            .get_activity(&token, range, deadline, ACTIVITY_PAGES),
                        self.withings
                            .get_goals(&token, deadline.cap(Duration::from_secs(2)))
                    );
                    let goal = goals.ok().and_then(|g| g.steps);
                    activity.map(|p| (p.items, goal))
                },
                |(days, _)| steps::zone_from_activity(days),
            )
            .await;
        let answer = fetched.map(|f| {
            let (days, goal) = &f.data;
            steps::answer(lang, query, f.tz, f.now, days, *goal)
        });
        self.reply(env, lang, Phrase::CardTitleSteps, answer)
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
