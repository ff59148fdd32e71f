//! The skill: request in, one spoken answer out. Owns the 8-second budget, the
//! route table, and the mapping from every failure to something polite to say.

pub mod account;
pub mod router;
pub mod sleep;
pub mod speech;

use crate::alexa::response::ResponseBuilder;
use crate::alexa::{RequestEnvelope, ResponseEnvelope, settings};
use crate::clock::Clock;
use crate::secret::AlexaToken;
use crate::store::LinkStore;
use crate::withings::dates::local_today;
use crate::withings::{ClientAuth, Deadline, WithingsClient, WithingsError};
use account::{AccountError, Accounts};
use chrono_tz::Tz;
use router::Route;
use speech::{Lang, Phrase};
use std::time::Duration;

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
}

/// Max pages of sleep summaries per question (a month fits in one page).
const SLEEP_PAGES: usize = 3;

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
            Route::Sleep { date } => self.sleep(env, lang, date.as_deref(), deadline).await,
        }
    }

    /// A data answer: close a one-shot session, keep a launched one going.
    fn finish(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        title: &str,
        text: &str,
        card: &str,
    ) -> ResponseEnvelope {
        let b = ResponseBuilder::new().simple_card(title, card);
        if env.is_new_session() {
            b.speak(text).end_session().build()
        } else {
            let anything = speech::phrase(lang, Phrase::AnythingElse);
            b.speak(&format!("{text} {anything}")).ask(anything).build()
        }
    }

    fn failure(&self, lang: Lang, e: &AccountError) -> ResponseEnvelope {
        let say = |p| speech::phrase(lang, p);
        match e {
            AccountError::NotLinked | AccountError::Relink => ResponseBuilder::new()
                .speak(say(Phrase::LinkAccount))
                .link_account_card()
                .end_session()
                .build(),
            AccountError::RateLimited => ResponseBuilder::new()
                .speak(say(Phrase::WithingsBusy))
                .end_session()
                .build(),
            AccountError::Store(_) => ResponseBuilder::new()
                .speak(say(Phrase::StoreUnavailable))
                .end_session()
                .build(),
            AccountError::Withings(_) | AccountError::Timeout => ResponseBuilder::new()
                .speak(say(Phrase::WithingsUnavailable))
                .end_session()
                .build(),
        }
    }

    /// The user's zone from the device's Alexa settings, within a short budget.
    async fn device_zone(&self, env: &RequestEnvelope, deadline: Deadline) -> Option<Tz> {
        let (endpoint, token) = env.api()?;
        let endpoint = self
            .config
            .alexa_api_override
            .as_deref()
            .unwrap_or(endpoint);
        let device = env.device_id()?;
        let timeout = deadline.cap(Duration::from_millis(1200)).remaining();
        settings::time_zone(&self.http, endpoint, token, device, timeout).await
    }

    async fn sleep(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        date: Option<&str>,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        let Some(query) = sleep::SleepQuery::from_slot(date) else {
            let ask = speech::phrase(lang, Phrase::DateNotUnderstood);
            return ResponseBuilder::new().speak(ask).ask(ask).build();
        };
        let Some(token) = env.access_token().map(AlexaToken::new) else {
            return self.failure(lang, &AccountError::NotLinked);
        };
        let key = token.hashed();
        let accounts = Accounts {
            store: &self.store,
            withings: &self.withings,
            clock: &self.clock,
            auth: self.config.client_auth,
        };
        // The device's zone and the account lookup are independent: run together.
        let (device_tz, link) = tokio::join!(
            self.device_zone(env, deadline),
            accounts.fresh(&key, None, deadline)
        );
        let mut link = match link {
            Ok(l) => l,
            Err(e) => return self.failure(lang, &e),
        };
        let stored_tz: Option<Tz> = link.timezone.as_deref().and_then(|t| t.parse().ok());
        let now = self.clock.now();
        let guess_tz = device_tz.or(stored_tz).unwrap_or(Tz::UTC);
        let Some(range) = sleep::fetch_range(query, local_today(guess_tz, now)) else {
            let text = speech::phrase(lang, Phrase::DateInFuture);
            return self.finish(
                env,
                lang,
                speech::phrase(lang, Phrase::CardTitleSleep),
                text,
                text,
            );
        };
        let mut retried = false;
        let series = loop {
            match self
                .withings
                .sleep_summary(&link.access_token, range, deadline, SLEEP_PAGES)
                .await
            {
                Ok(p) => break p.items,
                // Rejected before expiry (revoked, or rotated elsewhere): refresh once.
                Err(WithingsError::InvalidToken { .. }) if !retried => {
                    retried = true;
                    match accounts.fresh(&key, Some(link.version), deadline).await {
                        Ok(l) => link = l,
                        Err(e) => return self.failure(lang, &e),
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "sleep summary failed");
                    return self.failure(lang, &AccountError::from(e));
                }
            }
        };
        let data_tz = sleep::zone_from_series(&series);
        let tz = device_tz.or(stored_tz).or(data_tz).unwrap_or(Tz::UTC);
        if let Some(dtz) = data_tz
            && stored_tz != Some(dtz)
            && let Err(e) = self.store.set_timezone(&key, dtz.name()).await
        {
            tracing::warn!(error = %e, "could not remember the user's zone");
        }
        let answer = sleep::answer(lang, query, tz, now, &series);
        self.finish(
            env,
            lang,
            speech::phrase(lang, Phrase::CardTitleSleep),
            &answer.speech,
            &answer.card,
        )
    }
}
