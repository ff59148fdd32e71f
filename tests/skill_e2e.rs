//! The skill end to end: Alexa JSON in, the real Withings client over loopback
//! HTTP to the sandbox, links in moto through the real DynamoDB client.

mod common;

use chrono::Duration;
use common::*;
use serde_json::json;
use withings_alexa::alexa::response::ResponseBuilder;
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::skill::Refusal;
use withings_sandbox::{DEMO_USER_ID, Fault, FaultKind};

fn fault(path: &str, kind: FaultKind, times: u32) -> Fault {
    Fault {
        path: Some(path.into()),
        kind,
        times: Some(times),
    }
}

fn assert_duration_speech(s: &str) {
    let has_hours = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| {
            w[0].parse::<u32>().is_ok() && (w[1].starts_with("hour") || w[1].starts_with("minute"))
        });
    assert!(has_hours, "no sleep duration in {s:?}");
}

#[tokio::test]
async fn sleep_last_night_end_to_end() {
    let h = dynamo_harness().await;
    h.link_demo().await;
    let r = h.ask(event("sleep-last-night.json")).await;
    let s = speech(&r);
    assert!(s.starts_with("Last night you slept "), "{s}");
    assert_duration_speech(&s);
    let v = json(&r);
    assert_eq!(
        v["response"]["shouldEndSession"], true,
        "one-shot answers close"
    );
    assert_eq!(v["response"]["card"]["type"], "Simple");
    assert!(
        v["response"]["card"]["content"]
            .as_str()
            .unwrap()
            .contains("Time in bed")
    );
    // The answer used the user's zone, and the skill learned it for next time.
    assert_eq!(
        h.stored(SAMPLE_ALEXA_TOKEN).await.timezone.as_deref(),
        Some("America/New_York")
    );
}

#[tokio::test]
async fn launch_help_stop_and_friends() {
    let h = memory_harness().await;
    let launch = json(&h.ask(event("launch.json")).await);
    assert_eq!(launch["response"]["shouldEndSession"], false);
    assert!(
        launch["response"]["reprompt"]["outputSpeech"]["ssml"]
            .as_str()
            .unwrap()
            .contains("sleep")
    );
    assert!(
        launch["response"]["outputSpeech"]["ssml"]
            .as_str()
            .unwrap()
            .contains("Would you like your summary?")
    );

    let help = json(&h.ask(event("help.json")).await);
    assert_eq!(help["response"]["shouldEndSession"], false);

    for stop in ["stop.json", "cancel.json"] {
        let r = h.ask(event(stop)).await;
        assert_eq!(speech(&r), "Goodbye.");
        assert_eq!(json(&r)["response"]["shouldEndSession"], true);
    }
    for unknown in ["fallback.json", "unknown-intent.json"] {
        let r = json(&h.ask(event(unknown)).await);
        assert!(
            r["response"]["outputSpeech"]["ssml"]
                .as_str()
                .unwrap()
                .contains("can't help with that")
        );
        assert_eq!(r["response"]["shouldEndSession"], false);
    }
    // No speech is allowed in reply to SessionEndedRequest.
    let ended = h.ask(event("session-ended.json")).await;
    assert_eq!(ended, ResponseBuilder::empty());
}

#[tokio::test]
async fn not_linked_gets_link_account_card() {
    let h = dynamo_harness().await;
    // No token at all.
    let r = json(&h.ask(event("sleep-not-linked.json")).await);
    assert_eq!(r["response"]["card"]["type"], "LinkAccount");
    assert!(
        r["response"]["outputSpeech"]["ssml"]
            .as_str()
            .unwrap()
            .contains("link your Withings account")
    );
    // A token we have never seen.
    let r = json(
        &h.ask(with_token(
            event("sleep-last-night.json"),
            Some("Atza|unknown"),
        ))
        .await,
    );
    assert_eq!(r["response"]["card"]["type"], "LinkAccount");
}

#[tokio::test]
async fn revoked_at_withings_asks_to_relink() {
    let h = dynamo_harness().await;
    h.link(SAMPLE_ALEXA_TOKEN, "revoked-user", Duration::hours(3))
        .await;
    h.sandbox.state.revoke_user("revoked-user");
    let r = json(&h.ask(event("sleep-last-night.json")).await);
    assert_eq!(r["response"]["card"]["type"], "LinkAccount");
}

#[tokio::test]
async fn expired_token_is_refreshed_and_rotation_saved_before_use() {
    let h = dynamo_harness().await;
    let old = h
        .link(SAMPLE_ALEXA_TOKEN, DEMO_USER_ID, Duration::minutes(-5))
        .await;
    let r = h.ask(event("sleep-last-night.json")).await;
    assert!(
        speech(&r).starts_with("Last night you slept"),
        "{}",
        speech(&r)
    );
    let stored = h.stored(SAMPLE_ALEXA_TOKEN).await;
    assert_ne!(
        stored.refresh_token.expose(),
        old.refresh_token,
        "rotated token saved"
    );
    assert_ne!(stored.access_token.expose(), old.access_token);
    assert_eq!(stored.version, 2);
    assert!(stored.lease.is_none());
    assert_eq!(h.sandbox.state.count("requesttoken"), 1);
    // The new access token was used, so Withings retired the old refresh token;
    // the stored one is the one that works.
    assert!(!h.sandbox.state.refresh_token_valid(&old.refresh_token));
    assert!(
        h.sandbox
            .state
            .refresh_token_valid(stored.refresh_token.expose())
    );
    // A second question uses the saved token without refreshing again.
    h.ask(event("sleep-last-night.json")).await;
    assert_eq!(h.sandbox.state.count("requesttoken"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_invocations_refresh_once() {
    let h = std::sync::Arc::new(dynamo_harness().await);
    h.link(SAMPLE_ALEXA_TOKEN, DEMO_USER_ID, Duration::minutes(-1))
        .await;
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let h = h.clone();
        tasks.push(tokio::spawn(async move {
            speech(&h.ask(event("sleep-last-night.json")).await)
        }));
    }
    for t in tasks {
        let s = t.await.unwrap();
        assert!(s.starts_with("Last night you slept"), "{s}");
    }
    assert_eq!(
        h.sandbox.state.count("requesttoken"),
        1,
        "single-flight refresh"
    );
    let stored = h.stored(SAMPLE_ALEXA_TOKEN).await;
    assert!(
        h.sandbox
            .state
            .refresh_token_valid(stored.refresh_token.expose())
    );
}

#[tokio::test]
async fn rejected_access_token_is_refreshed_once_then_retried() {
    let h = dynamo_harness().await;
    h.link_demo().await;
    h.sandbox
        .state
        .inject(fault("/v2/sleep", FaultKind::Status { status: 401 }, 1));
    let r = h.ask(event("sleep-last-night.json")).await;
    assert!(
        speech(&r).starts_with("Last night you slept"),
        "{}",
        speech(&r)
    );
    assert_eq!(h.sandbox.state.count("requesttoken"), 1);
    assert_eq!(h.stored(SAMPLE_ALEXA_TOKEN).await.version, 2);
}

#[tokio::test]
async fn refused_refresh_keeps_the_stored_token_and_asks_to_relink() {
    let h = dynamo_harness().await;
    let old = h
        .link(SAMPLE_ALEXA_TOKEN, DEMO_USER_ID, Duration::minutes(-5))
        .await;
    h.sandbox
        .state
        .inject(fault("/v2/oauth2", FaultKind::Status { status: 503 }, 1));
    let r = json(&h.ask(event("sleep-last-night.json")).await);
    assert_eq!(r["response"]["card"]["type"], "LinkAccount");
    let stored = h.stored(SAMPLE_ALEXA_TOKEN).await;
    assert_eq!(
        stored.refresh_token.expose(),
        old.refresh_token,
        "nothing overwritten"
    );
    assert!(stored.lease.is_none(), "lease released");
}

#[tokio::test]
async fn withings_faults_get_polite_answers_and_lose_nothing() {
    let h = dynamo_harness().await;
    let issued = h
        .link(SAMPLE_ALEXA_TOKEN, DEMO_USER_ID, Duration::hours(3))
        .await;
    let cases = [
        (
            FaultKind::Status { status: 601 },
            "Withings is busy right now",
        ),
        (FaultKind::Http { status: 500 }, "couldn't reach Withings"),
        (FaultKind::Http { status: 503 }, "couldn't reach Withings"),
        (FaultKind::Garbage, "couldn't reach Withings"),
        (
            FaultKind::Status { status: 2554 },
            "couldn't reach Withings",
        ),
    ];
    for (kind, expected) in cases {
        h.sandbox.state.inject(fault("/v2/sleep", kind.clone(), 1));
        let r = h.ask(event("sleep-last-night.json")).await;
        assert!(speech(&r).contains(expected), "{kind:?}: {}", speech(&r));
        assert_eq!(json(&r)["response"]["shouldEndSession"], true);
    }
    let stored = h.stored(SAMPLE_ALEXA_TOKEN).await;
    assert_eq!(stored.refresh_token.expose(), issued.refresh_token);
    assert_eq!(stored.version, 1);
}

#[tokio::test]
async fn slow_withings_is_cut_off_within_the_budget() {
    let mut h = memory_harness().await;
    h.skill.config.budget = std::time::Duration::from_millis(1500);
    h.link_demo().await;
    h.sandbox
        .state
        .inject(fault("/v2/sleep", FaultKind::Delay { millis: 5000 }, 1));
    let r = h.ask(event("sleep-last-night.json")).await;
    assert!(
        speech(&r).contains("couldn't reach Withings"),
        "{}",
        speech(&r)
    );
}

#[tokio::test]
async fn dynamodb_down_is_a_polite_answer() {
    // A DynamoDB endpoint where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = withings_alexa::config::aws_config().await;
    let client = aws_sdk_dynamodb::Client::from_conf(
        aws_sdk_dynamodb::config::Builder::from(&conf)
            .endpoint_url(format!("http://127.0.0.1:{port}"))
            .build(),
    );
    let store = withings_alexa::store::AnyStore::Dynamo(
        withings_alexa::store::dynamodb::DynamoStore::new(client, "nowhere"),
    );
    let h = harness_with(store, withings::Clock::Fixed(now())).await;
    let r = h.ask(event("sleep-last-night.json")).await;
    assert!(
        speech(&r).contains("trouble finding your account"),
        "{}",
        speech(&r)
    );
}

#[tokio::test]
async fn requests_for_another_skill_are_refused_first() {
    let h = memory_harness().await;
    let mut ev = event("sleep-last-night.json");
    ev["context"]["System"]["application"]["applicationId"] = json!("amzn1.ask.skill.someone-else");
    assert!(matches!(
        h.skill.handle(ev).await,
        Err(Refusal::WrongSkill(_))
    ));
    // Nothing was asked of Withings.
    assert!(h.sandbox.state.seen().is_empty());
    assert!(matches!(
        h.skill.handle(json!({"request": {}})).await,
        Err(Refusal::NoSkillId)
    ));
}

#[tokio::test]
async fn malformed_and_odd_requests() {
    let h = memory_harness().await;
    h.link_demo().await;
    // Ours, but the request body is nonsense: polite, not a crash.
    let mut ev = event("sleep-last-night.json");
    ev["request"] = json!({"type": "IntentRequest", "intent": 42});
    assert!(speech(&h.ask(ev).await).contains("didn't understand"));
    // An unknown request type gets the empty response.
    let mut ev = event("launch.json");
    ev["request"] = json!({"type": "AudioPlayer.PlaybackStarted", "requestId": "x"});
    assert_eq!(h.ask(ev).await, ResponseBuilder::empty());
    // No session, no apiAccessToken, no device: still answered (zone from the data).
    let mut ev = event("sleep-last-night.json");
    ev.as_object_mut().unwrap().remove("session");
    ev["context"]["System"]
        .as_object_mut()
        .unwrap()
        .remove("apiAccessToken");
    ev["context"]["System"]
        .as_object_mut()
        .unwrap()
        .remove("device");
    assert!(speech(&h.ask(ev).await).starts_with("Last night you slept"));
    // A slot value that is not a date: ask again, keep the mic open.
    let r = json(
        &h.ask(with_date(event("sleep-last-night.json"), Some("banana")))
            .await,
    );
    assert!(
        r["response"]["outputSpeech"]["ssml"]
            .as_str()
            .unwrap()
            .contains("Which day")
    );
    assert_eq!(r["response"]["shouldEndSession"], false);
    // Next decade: nothing in the past to report.
    let s = speech(
        &h.ask(with_date(event("sleep-last-night.json"), Some("203X")))
            .await,
    );
    assert!(s.contains("hasn't happened yet"), "{s}");
}

#[tokio::test]
async fn in_session_answers_keep_the_conversation_going() {
    let h = memory_harness().await;
    h.link_demo().await;
    let mut ev = event("sleep-last-night.json");
    ev["session"]["new"] = json!(false);
    let r = json(&h.ask(ev).await);
    assert_eq!(r["response"]["shouldEndSession"], false);
    assert!(
        r["response"]["outputSpeech"]["ssml"]
            .as_str()
            .unwrap()
            .ends_with("Anything else?</speak>")
    );
}

#[tokio::test]
async fn before_the_night_is_over_the_latest_night_is_named() {
    // 04:00 in New York on Wednesday: the demo user is still asleep, so "last
    // night" is the most recent night that has ended, and the answer says which.
    let early = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 25, 9, 0, 0).unwrap();
    let h = harness_with(
        withings_alexa::store::memory::MemoryStore::new(),
        withings::Clock::Fixed(early),
    )
    .await;
    h.link_demo().await;
    let said = speech(&h.ask(event("sleep-last-night.json")).await);
    assert!(
        said.starts_with("Your latest night, Monday night, you slept "),
        "{said}"
    );
    assert_duration_speech(&said);
}

#[tokio::test]
async fn weight_and_steps_end_to_end() {
    let h = dynamo_harness().await;
    h.link_demo().await;
    let w = speech(&h.ask(event("weight.json")).await);
    assert!(
        w.starts_with("You weighed ") && w.contains(" pounds "),
        "{w}"
    );
    let s = speech(&h.ask(event("steps-today.json")).await);
    assert!(
        s.starts_with("So far today you've taken ") && s.contains("step goal"),
        "{s}"
    );
    // The goal is fetched alongside; if that call fails the answer still comes.
    h.sandbox
        .state
        .inject(fault("/v2/user", FaultKind::Http { status: 500 }, 1));
    let s = speech(&h.ask(event("steps-today.json")).await);
    assert!(
        s.starts_with("So far today you've taken ") && !s.contains("goal"),
        "{s}"
    );
    // A failing activity call is the polite answer, not a partial one.
    h.sandbox
        .state
        .inject(fault("/v2/measure", FaultKind::Status { status: 601 }, 1));
    let s = speech(&h.ask(event("steps-today.json")).await);
    assert!(s.contains("Withings is busy"), "{s}");
}
