//! The conversation: which answer a route gets, and what an open session
//! remembers (the last question, and the yes/no question the skill asked) so
//! that "and yesterday?" and "yes" mean something.

use super::Skill;
use super::query::DateQuery;
use super::router::{Ask, Question, Route, Unclear};
use super::speech::{self, Lang, Phrase};
use super::units::Units;
use crate::alexa::response::ResponseBuilder;
use crate::alexa::{RequestEnvelope, ResponseEnvelope};
use crate::store::LinkStore;
use serde_json::{Map, Value, json};
use withings::Deadline;

/// Session attribute: the last data question ({"intent", "date", "metric"}).
pub const LAST: &str = "last";
/// Session attribute: the yes/no question the skill just asked.
pub const ASKED: &str = "asked";
pub const ASKED_SUMMARY: &str = "summary";
pub const ASKED_ANYTHING_ELSE: &str = "anything_else";

fn attributes(env: &RequestEnvelope) -> Option<&Map<String, Value>> {
    env.session.as_ref()?.attributes.as_ref()
}

fn asked(env: &RequestEnvelope) -> Option<&str> {
    attributes(env)?.get(ASKED)?.as_str()
}

/// The last question asked in this session, if any.
pub fn last_question(env: &RequestEnvelope) -> Option<Question> {
    let last = attributes(env)?.get(LAST)?;
    let ask = Ask::from_parts(
        last.get("intent")?.as_str()?,
        last.get("metric").and_then(Value::as_str),
    )?;
    let date = last.get("date").and_then(Value::as_str).map(str::to_owned);
    Some(Question { ask, date })
}

/// What the session keeps after a data answer.
pub fn remember(q: &Question) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        LAST.into(),
        json!({"intent": q.ask.intent(), "date": q.date, "metric": q.ask.metric()}),
    );
    m.insert(ASKED.into(), json!(ASKED_ANYTHING_ELSE));
    m
}

/// A follow-up: the last question with the new metric and/or date.
pub fn follow(
    last: Question,
    date: Option<String>,
    metric: Option<super::slots::Metric>,
) -> Question {
    match (metric, date) {
        (Some(m), d) => Question {
            ask: Ask::for_metric(m),
            date: d.or(last.date),
        },
        (None, Some(d)) => Question {
            ask: last.ask,
            date: Some(d),
        },
        (None, None) => last,
    }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn respond(
        &self,
        env: &RequestEnvelope,
        route: Route,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        let lang = Lang::from_locale(env.locale());
        let say = |p| speech::phrase(lang, p);
        let ask_again = |p| ResponseBuilder::new().speak(say(p)).ask(say(p)).build();
        match route {
            Route::Launch => {
                let mut attrs = Map::new();
                attrs.insert(ASKED.into(), json!(ASKED_SUMMARY));
                ResponseBuilder::new()
                    .speak(say(Phrase::Welcome))
                    .ask(say(Phrase::WelcomeReprompt))
                    .attributes(attrs)
                    .build()
            }
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
            Route::AskAgain(u) => ask_again(match u {
                Unclear::SleepDetail => Phrase::AskSleepDetail,
                Unclear::BodyMetric => Phrase::AskBodyMetric,
                Unclear::ActivityMetric => Phrase::AskActivityMetric,
                Unclear::Goal => Phrase::AskGoal,
                Unclear::Metric => Phrase::AskMetric,
            }),
            Route::Yes => match asked(env) {
                Some(ASKED_SUMMARY) => {
                    let q = Question {
                        ask: Ask::Summary,
                        date: None,
                    };
                    self.question(env, lang, q, deadline).await
                }
                _ => ask_again(Phrase::NothingToFollow),
            },
            Route::No => match asked(env) {
                Some(ASKED_SUMMARY) => ask_again(Phrase::NothingToFollow),
                _ => ResponseBuilder::new()
                    .speak(say(Phrase::Goodbye))
                    .end_session()
                    .build(),
            },
            Route::FollowUp { date, metric } => match last_question(env) {
                Some(last) => {
                    let q = follow(last, date, metric);
                    self.question(env, lang, q, deadline).await
                }
                None => ask_again(Phrase::NothingToFollow),
            },
            Route::Data(q) => self.question(env, lang, q, deadline).await,
        }
    }

    /// A data question answered, or the polite failure.
    async fn question(
        &self,
        env: &RequestEnvelope,
        lang: Lang,
        q: Question,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        let Some(query) = DateQuery::from_slot(q.date.as_deref()) else {
            return self.ask_date(lang);
        };
        // Only distances follow a device setting; the settings are remembered per
        // device, so asking first costs a lookup only on a device's first question.
        let units = match q.ask {
            Ask::Activity(_) | Ask::Workout => Units::for_lang(lang)
                .with_distance_setting(self.device_settings(env, deadline).await.distance_units),
            _ => Units::for_lang(lang),
        };
        use super::pressure::Vital;
        let (title, answer) = match q.ask {
            Ask::Sleep => (
                Phrase::CardTitleSleep,
                self.sleep(env, lang, query, deadline).await,
            ),
            Ask::SleepDetail(d) => (
                Phrase::CardTitleSleep,
                self.sleep_detail(env, lang, d, query, deadline).await,
            ),
            Ask::Weight => (
                Phrase::CardTitleWeight,
                self.weight(env, lang, units, query, deadline).await,
            ),
            Ask::WeightChange => (
                Phrase::CardTitleWeight,
                self.weight_change(env, lang, units, query, deadline).await,
            ),
            Ask::Body(m) => (
                Phrase::CardTitleBody,
                self.body(env, lang, units, m, query, deadline).await,
            ),
            Ask::BloodPressure => (
                Phrase::CardTitleBloodPressure,
                self.vital(env, lang, Vital::BloodPressure, query, deadline)
                    .await,
            ),
            Ask::HeartRate => (
                Phrase::CardTitleHeartRate,
                self.vital(env, lang, Vital::HeartRate, query, deadline)
                    .await,
            ),
            Ask::Steps => (
                Phrase::CardTitleSteps,
                self.steps(env, lang, query, deadline).await,
            ),
            Ask::Activity(m) => (
                Phrase::CardTitleActivity,
                self.activity(env, lang, units, m, query, deadline).await,
            ),
            Ask::Goal(g) => (
                Phrase::CardTitleGoals,
                self.goal(env, lang, units, g, deadline).await,
            ),
            Ask::Workout => (
                Phrase::CardTitleWorkouts,
                self.workouts(env, lang, units, query, deadline).await,
            ),
            Ask::Summary => (
                Phrase::CardTitleSummary,
                self.summary(env, lang, units, deadline).await,
            ),
        };
        self.reply(env, lang, title, answer, Some(&q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skill::slots::Metric;

    #[test]
    fn a_follow_up_changes_only_what_was_said() {
        let last = Question {
            ask: Ask::Sleep,
            date: Some("2026-W47".into()),
        };
        assert_eq!(
            follow(last.clone(), Some("2026-11-24".into()), None),
            Question {
                ask: Ask::Sleep,
                date: Some("2026-11-24".into())
            }
        );
        assert_eq!(
            follow(last.clone(), None, Some(Metric::Weight)),
            Question {
                ask: Ask::Weight,
                date: Some("2026-W47".into())
            }
        );
        let attrs = remember(&last);
        let env: RequestEnvelope = serde_json::from_value(json!({
            "session": {"new": false, "attributes": attrs},
            "request": {"type": "IntentRequest", "intent": {"name": "FollowUpIntent"}}
        }))
        .unwrap();
        assert_eq!(last_question(&env), Some(last));
        assert_eq!(asked(&env), Some(ASKED_ANYTHING_ELSE));
    }
}
