//! Request envelope. Everything that real traffic omits is optional: `session`
//! (absent for non-session requests), slot `value` (unfilled slots),
//! `apiAccessToken` (certification tests), resolution `values` (no match).

use serde::Deserialize;
use std::collections::HashMap;

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestEnvelope {
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub session: Option<Session>,
    #[serde(default)]
    pub context: Option<Context>,
    pub request: Request,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    #[serde(default)]
    pub new: bool,
    #[serde(default)]
    pub session_id: Option<String>,
    #[serde(default)]
    pub application: Option<Application>,
    #[serde(default)]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    pub user: Option<User>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    #[serde(default)]
    pub application_id: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub access_token: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Context {
    #[serde(rename = "System", default)]
    pub system: Option<System>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct System {
    #[serde(default)]
    pub application: Option<Application>,
    #[serde(default)]
    pub user: Option<User>,
    #[serde(default)]
    pub device: Option<Device>,
    #[serde(default)]
    pub api_endpoint: Option<String>,
    #[serde(default)]
    pub api_access_token: Option<String>,
    /// A recognised speaker (skill personalisation), beside the account's `user`.
    #[serde(default)]
    pub person: Option<Person>,
}

/// A recognised speaker: `accessToken` only when that person linked the skill
/// at the personal level.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub access_token: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    #[serde(default)]
    pub device_id: Option<String>,
}

/// The request body, by `type`. Unknown types land in `Other` instead of failing.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "type")]
pub enum Request {
    LaunchRequest(Common),
    IntentRequest(IntentRequest),
    SessionEndedRequest(SessionEnded),
    #[serde(rename = "System.ExceptionEncountered")]
    ExceptionEncountered(Common),
    /// Skill events: sent on their own, never spoken to anyone.
    #[serde(rename = "AlexaSkillEvent.SkillEnabled")]
    SkillEnabled(Common),
    #[serde(rename = "AlexaSkillEvent.SkillDisabled")]
    SkillDisabled(Common),
    #[serde(rename = "AlexaSkillEvent.SkillAccountLinked")]
    SkillAccountLinked(Common),
    #[serde(rename = "AlexaSkillEvent.SkillPermissionAccepted")]
    SkillPermissionAccepted(Common),
    #[serde(rename = "AlexaSkillEvent.SkillPermissionChanged")]
    SkillPermissionChanged(Common),
    #[serde(other)]
    Other,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Common {
    #[serde(default)]
    pub request_id: Option<String>,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntentRequest {
    #[serde(flatten)]
    pub common: Common,
    #[serde(default)]
    pub dialog_state: Option<String>,
    pub intent: Intent,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionEnded {
    #[serde(flatten)]
    pub common: Common,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub error: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Intent {
    pub name: String,
    #[serde(default)]
    pub confirmation_status: Option<String>,
    #[serde(default)]
    pub slots: HashMap<String, Slot>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub resolutions: Option<serde_json::Value>,
}

impl Intent {
    /// A slot's spoken value, if the slot was filled with something non-blank.
    pub fn slot(&self, name: &str) -> Option<&str> {
        self.slots
            .get(name)
            .and_then(|s| s.value.as_deref())
            .map(str::trim)
            .filter(|v| !v.is_empty() && *v != "?")
    }
}

impl Request {
    pub fn common(&self) -> Option<&Common> {
        match self {
            Request::LaunchRequest(c)
            | Request::ExceptionEncountered(c)
            | Request::SkillEnabled(c)
            | Request::SkillDisabled(c)
            | Request::SkillAccountLinked(c)
            | Request::SkillPermissionAccepted(c)
            | Request::SkillPermissionChanged(c) => Some(c),
            Request::IntentRequest(i) => Some(&i.common),
            Request::SessionEndedRequest(s) => Some(&s.common),
            Request::Other => None,
        }
    }
}

impl RequestEnvelope {
    fn system(&self) -> Option<&System> {
        self.context.as_ref().and_then(|c| c.system.as_ref())
    }

    /// The skill id: `context.System` first, because `session` may be absent.
    pub fn application_id(&self) -> Option<&str> {
        self.system()
            .and_then(|s| s.application.as_ref())
            .and_then(|a| a.application_id.as_deref())
            .or_else(|| {
                self.session
                    .as_ref()
                    .and_then(|s| s.application.as_ref())
                    .and_then(|a| a.application_id.as_deref())
            })
    }

    /// The account-linking access token, if the user has linked.
    pub fn access_token(&self) -> Option<&str> {
        self.system()
            .and_then(|s| s.user.as_ref())
            .and_then(|u| u.access_token.as_deref())
            .or_else(|| {
                self.session
                    .as_ref()
                    .and_then(|s| s.user.as_ref())
                    .and_then(|u| u.access_token.as_deref())
            })
            .filter(|t| !t.is_empty())
    }

    /// The recognised speaker's id, if Alexa recognised one.
    pub fn person_id(&self) -> Option<&str> {
        self.system()
            .and_then(|s| s.person.as_ref())
            .and_then(|p| p.person_id.as_deref())
            .filter(|id| !id.is_empty())
    }

    /// The recognised speaker's own account-linking token, if they linked.
    pub fn person_access_token(&self) -> Option<&str> {
        self.system()
            .and_then(|s| s.person.as_ref())
            .and_then(|p| p.access_token.as_deref())
            .filter(|t| !t.is_empty())
    }

    pub fn locale(&self) -> &str {
        self.request
            .common()
            .and_then(|c| c.locale.as_deref())
            .unwrap_or("en-US")
    }

    pub fn request_id(&self) -> Option<&str> {
        self.request.common().and_then(|c| c.request_id.as_deref())
    }

    /// True when this request opened the session (a one-shot question).
    pub fn is_new_session(&self) -> bool {
        self.session.as_ref().is_none_or(|s| s.new)
    }

    pub fn device_id(&self) -> Option<&str> {
        self.system()
            .and_then(|s| s.device.as_ref())
            .and_then(|d| d.device_id.as_deref())
    }

    /// The Alexa service API base and the token for it (Settings API).
    pub fn api(&self) -> Option<(&str, &str)> {
        let s = self.system()?;
        Some((s.api_endpoint.as_deref()?, s.api_access_token.as_deref()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_minimal_and_odd_requests() {
        let raw = r#"{"version":"1.0","context":{"System":{"application":{"applicationId":"a"}}},
            "request":{"type":"IntentRequest","requestId":"r","locale":"en-GB",
            "intent":{"name":"SleepIntent","slots":{"date":{"name":"date","confirmationStatus":"NONE"}}}}}"#;
        let env: RequestEnvelope = serde_json::from_str(raw).unwrap();
        assert_eq!(env.application_id(), Some("a"));
        assert_eq!(env.access_token(), None);
        assert!(env.is_new_session());
        assert_eq!(env.locale(), "en-GB");
        match &env.request {
            Request::IntentRequest(i) => assert_eq!(i.intent.slot("date"), None),
            other => panic!("{other:?}"),
        }
        let raw = r#"{"request":{"type":"AudioPlayer.PlaybackStarted","requestId":"r"}}"#;
        let env: RequestEnvelope = serde_json::from_str(raw).unwrap();
        assert!(matches!(env.request, Request::Other));
    }
}
