//! Which handler takes a request. A pure function of the envelope, so routing is
//! testable without any I/O; the first matching rule wins, and everything
//! unmatched has a defined, polite route.

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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Launch,
    Sleep {
        date: Option<String>,
    },
    Weight {
        date: Option<String>,
    },
    Steps {
        date: Option<String>,
    },
    Help,
    /// Stop, Cancel, NavigateHome, No.
    Stop,
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
            let date = || req.intent.slot(DATE_SLOT).map(str::to_owned);
            match req.intent.name.as_str() {
                SLEEP_INTENT => Route::Sleep { date: date() },
                WEIGHT_INTENT => Route::Weight { date: date() },
                STEPS_INTENT => Route::Steps { date: date() },
                "AMAZON.HelpIntent" => Route::Help,
                "AMAZON.StopIntent"
                | "AMAZON.CancelIntent"
                | "AMAZON.NavigateHomeIntent"
                | "AMAZON.NoIntent" => Route::Stop,
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
