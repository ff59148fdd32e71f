//! The skill: request in, one spoken answer out. Owns the 8-second budget, the
//! route table, and the mapping from every failure to something polite to say.

pub mod account;
pub mod query;
pub mod router;
pub mod sleep;
pub mod speech;
pub mod steps;
pub mod weight;

use crate::alexa::response::ResponseBuilder;
use crate::alexa::{RequestEnvelope, ResponseEnvelope, settings};
use crate::secret::{AccessToken, AlexaToken};
use crate::store::LinkStore;
use account::{AccountError, Accounts};
use chrono_tz::Tz;
use query::DateQuery;
use router::Route;
use speech::{Lang, Phrase};
use std::future::Future;
use std::time::Duration;
use withings::Clock;
use withings::{ClientAuth, Deadline, WithingsClient, WithingsError};
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
            Route::Sleep { date } => self.sleep(env, lang, date.as_deref(), deadline).await,
            Route::Weight { date } => self.weight(env, lang, date.as_deref(), deadline).await,
            Route::Steps { date } => self.steps(env, lang, date.as_deref(), deadline).await,
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

    /// The shared path of every data intent: find the link (refreshing if due)
    /// while the device's zone is looked up, fetch with the access token, refresh
    /// once and retry if Withings rejects it, and remember the zone the data states.
    /// `call` gets the token and the best zone known before fetching.
    async fn fetch<T, F, Fut>(
        &self,
        env: &RequestEnvelope,
        deadline: Deadline,
        call: F,
        zone_of: impl Fn(&T) -> Option<Tz>,
    ) -> Result<Fetched<T>, AccountError>
    where
        F: Fn(AccessToken, Tz) -> Fut,
        Fut: Future<Output = Result<T, WithingsError>>,
    {
        let token = env
            .access_token()
            .map(AlexaToken::new)
            .ok_or(AccountError::NotLinked)?;
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
        let mut link = link?;
        let stored_tz: Option<Tz> = link.timezone.as_deref().and_then(|t| t.parse().ok());
        let guess = device_tz.or(stored_tz).unwrap_or(Tz::UTC);
        let mut retried = false;
        let data = loop {
            match call(link.access_token.clone(), guess).await {
                Ok(d) => break d,
                // Rejected before expiry (revoked, or rotated elsewhere): refresh once.
                Err(WithingsError::InvalidToken { .. }) if !retried => {
                    retried = true;
                    link = accounts.fresh(&key, Some(link.version), deadline).await?;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "Withings data call failed");
                    return Err(e.into());
                }
            }
        };
        let data_tz = zone_of(&data);
        if let Some(dtz) = data_tz
            && stored_tz != Some(dtz)
            && let Err(e) = self.store.set_timezone(&key, dtz.name()).await
        {
            tracing::warn!(error = %e, "could not remember the user's zone");
        }
        Ok(Fetched {
            data,
            tz: device_tz.or(stored_tz).or(data_tz).unwrap_or(Tz::UTC),
            now: self.clock.now(),
        })
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

    /// An intent's answer as a response, or the polite failure.
    fn reply(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        title: Phrase,
        answer: Result<Answer, AccountError>,
    ) -> ResponseEnvelope {
        match answer {
            Ok(a) => self.finish(env, lang, speech::phrase(lang, title), &a.speech, &a.card),
            Err(e) => self.failure(lang, &e),
        }
    }

    fn ask_date(&self, lang: Lang) -> ResponseEnvelope {
        let ask = speech::phrase(lang, Phrase::DateNotUnderstood);
        ResponseBuilder::new().speak(ask).ask(ask).build()
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

/// Data fetched for a user, with the zone to read it in.
struct Fetched<T> {
    data: T,
    tz: Tz,
    now: chrono::DateTime<chrono::Utc>,
}
