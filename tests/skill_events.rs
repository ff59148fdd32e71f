//! Skill events through `Skill::handle`, against the sandbox: a disabled skill
//! deletes the user's link and the bridge's grant (both adapters) and revokes
//! the application's access at Withings; the other events are acknowledged;
//! none of them ever speaks.

mod common;

use chrono::Duration;
use common::*;
use serde_json::Value;
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::secret::{AccessToken, AlexaToken, RefreshToken, TokenHash};
use withings_alexa::store::{AnyStore, GrantStore, LinkRecord, LinkStore, Outcome, RefreshGrant};
use withings_sandbox::DEMO_USER_ID;

/// Link `alexa_token` to `user` as the bridge does (link, refresh grant, index).
async fn bridge_link(h: &Harness<AnyStore>, alexa_token: &str, user: &str) -> String {
    let issued = h.sandbox.state.issue(user, Duration::hours(3));
    let key = AlexaToken::new(alexa_token).hashed();
    let link = LinkRecord {
        key: key.clone(),
        withings_user_id: user.into(),
        access_token: AccessToken::new(issued.access_token.clone()),
        refresh_token: RefreshToken::new(issued.refresh_token.clone()),
        access_expires_at: issued.expires_at,
        version: 1,
        timezone: None,
        lease: None,
        updated_at: now(),
        alexa_expires_at: None,
    };
    let grant = RefreshGrant {
        client_id: "alexa-skill".into(),
        link: key,
        expires_at: now() + Duration::days(365),
    };
    let refresh = TokenHash::of(&format!("bridge-refresh-{alexa_token}"));
    let done = h.skill.store.create_link(&link, &refresh, &grant).await;
    assert_eq!(done.unwrap(), Outcome::Done);
    issued.refresh_token
}

fn disabled_for(token: &str) -> Value {
    with_token(event("skill-disabled.json"), Some(token))
}

fn assert_silent(r: &Value) {
    assert!(r["response"].get("outputSpeech").is_none(), "{r}");
    assert!(r["response"].get("card").is_none(), "{r}");
    assert!(r["response"].get("reprompt").is_none(), "{r}");
}

async fn disabling_deletes_everything(h: Harness<AnyStore>) {
    let withings_refresh = bridge_link(&h, SAMPLE_ALEXA_TOKEN, DEMO_USER_ID).await;
    let other_refresh = bridge_link(&h, "Atza|another-household", "4242").await;
    assert!(speech(&h.ask(event("sleep-last-night.json")).await).contains("you slept"));

    let r = json(&h.ask(disabled_for(SAMPLE_ALEXA_TOKEN)).await);
    assert_silent(&r);
    let key = AlexaToken::new(SAMPLE_ALEXA_TOKEN).hashed();
    assert_eq!(h.skill.store.get(&key).await.unwrap(), None);
    let grant = TokenHash::of(&format!("bridge-refresh-{SAMPLE_ALEXA_TOKEN}"));
    assert_eq!(
        h.skill.store.get_refresh(&grant, now()).await.unwrap(),
        None
    );
    // Revoked at Withings (a signed call): the refresh token is dead there too.
    assert!(
        h.sandbox
            .state
            .seen()
            .iter()
            .any(|s| s.path == "/v2/oauth2" && s.action == "revoke" && s.status == 0),
        "{:?}",
        h.sandbox.state.seen()
    );
    assert!(!h.sandbox.state.refresh_token_valid(&withings_refresh));
    // The user is asked to link again; another household keeps everything.
    let again = h.ask(event("sleep-last-night.json")).await;
    assert_eq!(json(&again)["response"]["card"]["type"], "LinkAccount");
    assert!(h.sandbox.state.refresh_token_valid(&other_refresh));
    let other = AlexaToken::new("Atza|another-household").hashed();
    assert!(h.skill.store.get(&other).await.unwrap().is_some());

    // A second disable (Alexa may repeat an event) finds nothing and stays silent.
    assert_silent(&json(&h.ask(disabled_for(SAMPLE_ALEXA_TOKEN)).await));
}

#[tokio::test]
async fn disabling_deletes_everything_in_memory() {
    disabling_deletes_everything(memory_harness().await).await;
}

#[tokio::test]
async fn disabling_deletes_everything_on_dynamodb() {
    disabling_deletes_everything(dynamo_harness().await).await;
}

#[tokio::test]
async fn disabling_without_a_link_is_silent_and_calls_no_one() {
    let h = memory_harness().await;
    assert_silent(&json(&h.ask(event("skill-disabled.json")).await));
    assert_silent(&json(
        &h.ask(with_token(event("skill-disabled.json"), None)).await,
    ));
    assert!(
        h.sandbox.state.seen().is_empty(),
        "{:?}",
        h.sandbox.state.seen()
    );
}

#[tokio::test]
async fn other_events_are_acknowledged_silently_and_change_nothing() {
    let h = memory_harness().await;
    h.link_demo().await;
    let before = h.stored(SAMPLE_ALEXA_TOKEN).await;
    for name in ["skill-account-linked.json", "skill-permission-changed.json"] {
        assert_silent(&json(&h.ask(event(name)).await));
    }
    for kind in ["SkillEnabled", "SkillPermissionAccepted"] {
        let mut ev = event("skill-permission-changed.json");
        ev["request"]["type"] = Value::String(format!("AlexaSkillEvent.{kind}"));
        assert_silent(&json(&h.ask(ev).await));
    }
    assert_eq!(h.stored(SAMPLE_ALEXA_TOKEN).await, before);
    assert!(
        h.sandbox.state.seen().is_empty(),
        "{:?}",
        h.sandbox.state.seen()
    );
}
