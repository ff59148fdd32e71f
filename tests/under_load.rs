//! Under load: 50 concurrent invocations for one user whose Withings access
//! token has expired, 20 rounds, against the sandbox (which rejects a refresh
//! token once its successor's access token is used) and moto. Each round the
//! pinned clock moves past the access token's expiry: exactly one refresh per
//! round, every invocation answers with data, and the stored refresh token is
//! the newest one, still accepted by Withings.

mod common;

use chrono::Duration;
use common::*;
use std::sync::Arc;
use std::time::Instant;
use withings::Clock;
use withings::http_client;
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::skill::Skill;
use withings_alexa::store::dynamodb::DynamoStore;
use withings_sandbox::DEMO_USER_ID;

const INVOCATIONS: usize = 50;
const ROUNDS: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_invocations_refresh_once_per_round() {
    let started = Instant::now();
    let store = Arc::new(dynamo_store().await);
    // The round's harness supplies the sandbox; the skill is rebuilt per round
    // on the shared store with the round's pinned clock.
    let h = harness_with(store.clone(), Clock::Fixed(now())).await;
    h.link(SAMPLE_ALEXA_TOKEN, DEMO_USER_ID, Duration::minutes(-1))
        .await;
    let step = Duration::hours(3) + Duration::minutes(5);
    let mut previous = h.stored(SAMPLE_ALEXA_TOKEN).await;
    for round in 0..ROUNDS {
        if round > 0 {
            h.sandbox.state.advance(step);
        }
        let at = now() + step * round as i32;
        let skill: Arc<Skill<Arc<DynamoStore>>> = Arc::new(Skill {
            config: h.skill.config.clone(),
            store: store.clone(),
            withings: withings_for(&h.sandbox),
            http: http_client(),
            clock: Clock::Fixed(at),
            settings: Default::default(),
        });
        let refreshes_before = h.sandbox.state.count("requesttoken");
        let mut tasks = Vec::new();
        for _ in 0..INVOCATIONS {
            let skill = skill.clone();
            tasks.push(tokio::spawn(async move {
                let r = skill.handle(event("sleep-last-night.json")).await;
                speech(&r.expect("not refused"))
            }));
        }
        for t in tasks {
            let said = t.await.unwrap();
            assert!(
                said.contains("you slept") && !said.contains("Sorry"),
                "round {round}: {said}"
            );
        }
        assert_eq!(
            h.sandbox.state.count("requesttoken") - refreshes_before,
            1,
            "round {round}: one refresh"
        );
        let stored = h.stored(SAMPLE_ALEXA_TOKEN).await;
        assert_eq!(stored.version, previous.version + 1, "round {round}");
        assert!(stored.lease.is_none(), "round {round}: lease left");
        assert!(stored.access_expires_at > at, "round {round}");
        // The newest refresh token is stored and accepted; its predecessor,
        // whose successor's access token is now in use, is rejected.
        let state = &h.sandbox.state;
        assert!(state.refresh_token_valid(stored.refresh_token.expose()));
        assert!(!state.refresh_token_valid(previous.refresh_token.expose()));
        previous = stored;
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}
