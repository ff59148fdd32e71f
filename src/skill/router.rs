//! Which handler takes a request. A pure function of the envelope, so routing is
//! testable without any I/O; the first matching rule wins, and everything
//! unmatched has a defined, polite route.

use super::slots::{self, ActivityMetric, BodyMetric, GoalKind, Metric, SleepDetail, SlotValue};
use crate::alexa::{Request, RequestEnvelope};

pub const SLEEP_INTENT: &str = "SleepIntent";
pub const WEIGHT_INTENT: &str = "WeightIntent";
pub const STEPS_INTENT: &str = "StepsIntent";
pub const DATE_SLOT: &str = "date";

/// Every intent the interaction models declare and the router handles, custom and
/// built-in: the shared intent contract. `tests/interaction_models.rs` checks each
/// model under `skill-package/` declares exactly these, so a model and the code
/// cannot drift apart.
pub const INTENTS: &[&str] = &[
    "SleepIntent",
    "SleepDetailIntent",
    "WeightIntent",
    "WeightChangeIntent",
    "BodyCompositionIntent",
    "BloodPressureIntent",
    "HeartRateIntent",
    "StepsIntent",
    "ActivityIntent",
    "GoalIntent",
    "WorkoutIntent",
    "SummaryIntent",
    "FollowUpIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
];

/// A question about the user's data: what, and the date slot as spoken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub ask: Ask,
    pub date: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    Sleep,
    SleepDetail(Option<SleepDetail>),
    Weight,
    WeightChange,
    Body(Option<BodyMetric>),
    BloodPressure,
    HeartRate,
    Steps,
    Activity(Option<ActivityMetric>),
    Goal(Option<GoalKind>),
    Workout,
    Summary,
}

impl Ask {
    /// The intent that asks this (what a follow-up stores).
    pub fn intent(self) -> &'static str {
        match self {
            Ask::Sleep => "SleepIntent",
            Ask::SleepDetail(_) => "SleepDetailIntent",
            Ask::Weight => "WeightIntent",
            Ask::WeightChange => "WeightChangeIntent",
            Ask::Body(_) => "BodyCompositionIntent",
            Ask::BloodPressure => "BloodPressureIntent",
            Ask::HeartRate => "HeartRateIntent",
            Ask::Steps => "StepsIntent",
            Ask::Activity(_) => "ActivityIntent",
            Ask::Goal(_) => "GoalIntent",
            Ask::Workout => "WorkoutIntent",
            Ask::Summary => "SummaryIntent",
        }
    }

    /// The custom slot id the question carried, if any.
    pub fn metric(self) -> Option<&'static str> {
        match self {
            Ask::SleepDetail(d) => d.map(SleepDetail::id),
            Ask::Body(m) => m.map(BodyMetric::id),
            Ask::Activity(m) => m.map(ActivityMetric::id),
            Ask::Goal(g) => g.map(GoalKind::id),
            _ => None,
        }
    }

    /// Back from what `intent` and `metric` stored.
    pub fn from_parts(intent: &str, metric: Option<&str>) -> Option<Ask> {
        let m = metric.unwrap_or("");
        Some(match intent {
            "SleepIntent" => Ask::Sleep,
            "SleepDetailIntent" => Ask::SleepDetail(SleepDetail::from_text(m)),
            "WeightIntent" => Ask::Weight,
            "WeightChangeIntent" => Ask::WeightChange,
            "BodyCompositionIntent" => Ask::Body(BodyMetric::from_text(m)),
            "BloodPressureIntent" => Ask::BloodPressure,
            "HeartRateIntent" => Ask::HeartRate,
            "StepsIntent" => Ask::Steps,
            "ActivityIntent" => Ask::Activity(ActivityMetric::from_text(m)),
            "GoalIntent" => Ask::Goal(GoalKind::from_text(m)),
            "WorkoutIntent" => Ask::Workout,
            "SummaryIntent" => Ask::Summary,
            _ => return None,
        })
    }

    /// A follow-up naming another metric ("and my weight?").
    pub fn for_metric(m: Metric) -> Ask {
        match m {
            Metric::Sleep => Ask::Sleep,
            Metric::Weight => Ask::Weight,
            Metric::Steps => Ask::Steps,
            Metric::BodyComposition => Ask::Body(None),
            Metric::BloodPressure => Ask::BloodPressure,
            Metric::HeartRate => Ask::HeartRate,
            Metric::Distance => Ask::Activity(Some(ActivityMetric::Distance)),
            Metric::Floors => Ask::Activity(Some(ActivityMetric::Floors)),
            Metric::Calories => Ask::Activity(Some(ActivityMetric::Calories)),
            Metric::ActiveMinutes => Ask::Activity(Some(ActivityMetric::ActiveMinutes)),
            Metric::Workouts => Ask::Workout,
        }
    }
}

/// Which custom slot held words that match none of its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unclear {
    SleepDetail,
    BodyMetric,
    ActivityMetric,
    Goal,
    Metric,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Launch,
    Data(Question),
    /// "And yesterday?" / "and my weight?": the new date and metric, if said.
    FollowUp {
        date: Option<String>,
        metric: Option<Metric>,
    },
    Yes,
    No,
    Help,
    /// Stop, Cancel, NavigateHome.
    Stop,
    /// A custom slot value the skill does not know: ask again, politely.
    AskAgain(Unclear),
    /// FallbackIntent and any intent this skill does not know.
    Fallback {
        intent: String,
    },
    /// SessionEndedRequest and System.ExceptionEncountered: no speech allowed.
    Silent,
    /// A skill event (enabled, disabled, linked, permissions): acted on, never spoken.
    Event(SkillEvent),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkillEvent {
    Enabled,
    Disabled,
    AccountLinked,
    PermissionAccepted,
    PermissionChanged,
}

pub fn route(env: &RequestEnvelope) -> Route {
    match &env.request {
        Request::LaunchRequest(_) => Route::Launch,
        Request::IntentRequest(req) => {
            let intent = &req.intent;
            let date = intent.slot(DATE_SLOT).map(str::to_owned);
            let slot = |name: &str| intent.slots.get(name);
            let data = |ask| {
                Route::Data(Question {
                    ask,
                    date: date.clone(),
                })
            };
            // A custom slot: its value, or a polite ask-again for unknown words.
            macro_rules! custom {
                ($name:literal, $ty:ty, $unclear:expr, $make:expr) => {
                    match slots::read(slot($name), <$ty>::from_text) {
                        SlotValue::Empty => data($make(None)),
                        SlotValue::Known(v) => data($make(Some(v))),
                        SlotValue::Unknown(_) => Route::AskAgain($unclear),
                    }
                };
            }
            match intent.name.as_str() {
                SLEEP_INTENT => data(Ask::Sleep),
                "SleepDetailIntent" => {
                    custom!(
                        "detail",
                        SleepDetail,
                        Unclear::SleepDetail,
                        Ask::SleepDetail
                    )
                }
                WEIGHT_INTENT => data(Ask::Weight),
                "WeightChangeIntent" => Route::Data(Question {
                    ask: Ask::WeightChange,
                    date: intent.slot("since").map(str::to_owned),
                }),
                "BodyCompositionIntent" => {
                    custom!("metric", BodyMetric, Unclear::BodyMetric, Ask::Body)
                }
                "BloodPressureIntent" => data(Ask::BloodPressure),
                "HeartRateIntent" => data(Ask::HeartRate),
                STEPS_INTENT => data(Ask::Steps),
                "ActivityIntent" => {
                    custom!(
                        "metric",
                        ActivityMetric,
                        Unclear::ActivityMetric,
                        Ask::Activity
                    )
                }
                "GoalIntent" => custom!("goal", GoalKind, Unclear::Goal, Ask::Goal),
                "WorkoutIntent" => data(Ask::Workout),
                "SummaryIntent" => data(Ask::Summary),
                "FollowUpIntent" => match slots::read(slot("metric"), Metric::from_text) {
                    SlotValue::Unknown(_) => Route::AskAgain(Unclear::Metric),
                    SlotValue::Known(m) => Route::FollowUp {
                        date,
                        metric: Some(m),
                    },
                    SlotValue::Empty => Route::FollowUp { date, metric: None },
                },
                "AMAZON.YesIntent" => Route::Yes,
                "AMAZON.NoIntent" => Route::No,
                "AMAZON.HelpIntent" => Route::Help,
                "AMAZON.StopIntent" | "AMAZON.CancelIntent" | "AMAZON.NavigateHomeIntent" => {
                    Route::Stop
                }
                other => Route::Fallback {
                    intent: other.to_string(),
                },
            }
        }
        Request::SessionEndedRequest(_) | Request::ExceptionEncountered(_) | Request::Other => {
            Route::Silent
        }
        Request::SkillEnabled(_) => Route::Event(SkillEvent::Enabled),
        Request::SkillDisabled(_) => Route::Event(SkillEvent::Disabled),
        Request::SkillAccountLinked(_) => Route::Event(SkillEvent::AccountLinked),
        Request::SkillPermissionAccepted(_) => Route::Event(SkillEvent::PermissionAccepted),
        Request::SkillPermissionChanged(_) => Route::Event(SkillEvent::PermissionChanged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn env(intent: &str, slots: serde_json::Value) -> RequestEnvelope {
        serde_json::from_value(json!({
            "request": {"type": "IntentRequest", "locale": "en-US",
                "intent": {"name": intent, "slots": slots}}
        }))
        .unwrap()
    }

    #[test]
    fn every_listed_intent_has_a_route_of_its_own() {
        for name in INTENTS {
            let r = route(&env(name, json!({})));
            assert!(!matches!(r, Route::Fallback { .. }) || *name == "AMAZON.FallbackIntent");
        }
        assert_eq!(
            route(&env(
                "SleepDetailIntent",
                json!({"detail": {"name": "detail", "value": "sleep score"}, "date": {"name": "date", "value": "2026-11-23"}})
            )),
            Route::Data(Question {
                ask: Ask::SleepDetail(Some(SleepDetail::Score)),
                date: Some("2026-11-23".into())
            })
        );
        assert_eq!(
            route(&env(
                "GoalIntent",
                json!({"goal": {"name": "goal", "value": "my golf handicap"}})
            )),
            Route::AskAgain(Unclear::Goal)
        );
        assert_eq!(
            route(&env(
                "WeightChangeIntent",
                json!({"since": {"name": "since", "value": "2026-11"}})
            )),
            Route::Data(Question {
                ask: Ask::WeightChange,
                date: Some("2026-11".into())
            })
        );
        assert_eq!(
            route(&env(
                "FollowUpIntent",
                json!({"metric": {"name": "metric", "value": "weight"}})
            )),
            Route::FollowUp {
                date: None,
                metric: Some(Metric::Weight)
            }
        );
        assert!(matches!(
            route(&env("PizzaIntent", json!({}))),
            Route::Fallback { .. }
        ));
    }

    #[test]
    fn a_question_survives_the_session_attributes() {
        for ask in [
            Ask::Sleep,
            Ask::SleepDetail(Some(SleepDetail::Rem)),
            Ask::Body(None),
            Ask::Activity(Some(ActivityMetric::Floors)),
            Ask::Goal(Some(GoalKind::Weight)),
            Ask::Summary,
        ] {
            assert_eq!(Ask::from_parts(ask.intent(), ask.metric()), Some(ask));
        }
        assert_eq!(Ask::from_parts("AMAZON.HelpIntent", None), None);
    }
}
