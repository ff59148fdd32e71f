//! Alexa envelopes, random and broken on purpose, through `Skill::handle` (an
//! in-memory store with no links, a Settings API address that needs no network):
//! never a panic, always a well-formed response, refused only when the skill
//! id is not ours.

mod fuzzing;

use fuzzing::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};
use std::sync::OnceLock;
use withings::{Clock, http_client};
use withings_alexa::config::{self, SAMPLE_SKILL_ID};
use withings_alexa::secret::ClientSecret;
use withings_alexa::skill::{Skill, SkillConfig};
use withings_alexa::store::memory::MemoryStore;

const REGRESSIONS: &str = "tests/proptest-regressions/fuzz_envelopes.txt";

struct World {
    skill: Skill<MemoryStore>,
    samples: Vec<(String, Value)>,
}

/// One skill for every case: nothing it may reach needs a network.
fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let mut config = SkillConfig::new(SAMPLE_SKILL_ID);
        // Not a base URL: each settings lookup fails before any connection.
        config.alexa_api_override = Some("no-network:".into());
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 25, 13, 0, 0).unwrap();
        let skill = Skill {
            config,
            // No links, so Withings (at the discard port) is never called.
            store: MemoryStore::new(),
            withings: config::withings_client(
                http_client(),
                "http://127.0.0.1:9/".parse().unwrap(),
                "id".into(),
                ClientSecret::new("secret"),
            ),
            http: http_client(),
            clock: Clock::Fixed(now),
            settings: Default::default(),
        };
        World {
            skill,
            samples: json_files("events"),
        }
    })
}

thread_local! {
    /// The tests run on parallel threads; each drives its own runtime.
    static RT: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
}

/// Handle `raw`; check the answer is a well-formed response or a refusal of
/// a request that is not ours.
fn check(raw: Value) -> Result<(), TestCaseError> {
    let w = world();
    let ours = raw
        .pointer("/context/System/application/applicationId")
        .or_else(|| raw.pointer("/session/application/applicationId"))
        .and_then(Value::as_str)
        == Some(SAMPLE_SKILL_ID);
    match RT.with(|rt| rt.block_on(w.skill.handle(raw))) {
        Err(e) => prop_assert!(!ours, "refused our own request: {e}"),
        Ok(env) => {
            let v = serde_json::to_value(&env).expect("a response serializes");
            prop_assert_eq!(&v["version"], "1.0");
            let r = &v["response"];
            prop_assert!(r.is_object(), "no response object: {v}");
            if let Some(os) = r.get("outputSpeech") {
                prop_assert_eq!(&os["type"], "SSML");
                let ssml = os["ssml"].as_str().unwrap_or_default();
                prop_assert!(
                    ssml.starts_with("<speak>") && ssml.ends_with("</speak>") && ssml.len() > 15,
                    "bad SSML {ssml:?}"
                );
            }
            if let Some(end) = r.get("shouldEndSession") {
                prop_assert!(end.is_boolean());
            }
            // Only what Alexa may be sent: a reprompt keeps the session open.
            if r.get("reprompt").is_some() {
                prop_assert_ne!(r.get("shouldEndSession"), Some(&json!(true)));
            }
        }
    }
    Ok(())
}

/// A random request under our skill id (or, a quarter of the time, none).
fn random_envelope() -> impl Strategy<Value = Value> {
    (json(), json(), any::<u8>()).prop_map(|(request, session, pick)| {
        let mut v = json!({
            "version": "1.0",
            "context": {"System": {"application": {"applicationId": SAMPLE_SKILL_ID}}},
            "request": request,
        });
        match pick % 4 {
            0 => v = session,
            1 => v["session"] = session,
            _ => {}
        }
        v
    })
}

proptest! {
    #![proptest_config(config(12_000, REGRESSIONS))]

    #[test]
    fn random_json_is_answered_or_refused(v in random_envelope()) {
        check(v)?;
    }
}

proptest! {
    #![proptest_config(config(30_000, REGRESSIONS))]

    #[test]
    fn broken_sample_events_are_answered(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let samples = &world().samples;
        let mut v = samples[pick.index(samples.len())].1.clone();
        for m in &mutations {
            apply(&mut v, m);
        }
        check(v)?;
    }
}

proptest! {
    #![proptest_config(config(4_000, REGRESSIONS))]

    /// A request cut short: the runtime's JSON parser says no (the skill never
    /// sees it), or it is still JSON and the skill answers it.
    #[test]
    fn truncated_sample_events(pick in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>()) {
        let samples = &world().samples;
        let text = samples[pick.index(samples.len())].1.to_string();
        let mut at = cut.index(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if let Ok(v) = serde_json::from_str::<Value>(&text[..at]) {
            check(v)?;
        }
    }
}

#[test]
fn every_sample_event_is_answered() {
    for (name, v) in &world().samples {
        check(v.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
