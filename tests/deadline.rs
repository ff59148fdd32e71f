//! The request's budget holds when Withings does not answer: with a 1 s budget
//! the polite answer comes well before 3 s, whether the sandbox stalls, or a
//! server accepts the connection and never says a word (the Settings API too),
//! or the stall hits the token refresh. Bounds are generous: no tight timing.

mod common;

use chrono::Duration;
use common::*;
use std::time::{Duration as StdDuration, Instant};
use withings::Clock;
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::skill::SkillConfig;
use withings_alexa::store::AnyStore;
use withings_alexa::store::memory::MemoryStore;
use withings_sandbox::{DEMO_USER_ID, Fault, FaultKind};

const BUDGET: StdDuration = StdDuration::from_secs(1);
const WITHIN: StdDuration = StdDuration::from_secs(3);
const EVENTS: &[&str] = &["sleep-last-night.json", "weight.json", "steps-today.json"];

/// A loopback port that completes TCP handshakes (the kernel's backlog) and
/// never reads or answers. Kept open as long as the value lives.
fn silent_server() -> (std::net::TcpListener, String) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", l.local_addr().unwrap());
    (l, url)
}

async fn timed_ask(h: &Harness<AnyStore>, name: &str) -> (String, StdDuration) {
    let started = Instant::now();
    let said = speech(&h.ask(event(name)).await);
    (said, started.elapsed())
}

fn assert_in_time(what: &str, said: &str, took: StdDuration) {
    assert!(took < WITHIN, "{what}: answered after {took:?}");
    assert!(said.contains("couldn't reach Withings"), "{what}: {said}");
}

#[tokio::test]
async fn a_stalled_sandbox_is_cut_off_within_the_budget() {
    let mut h = memory_harness().await;
    h.skill.config.budget = BUDGET;
    h.link_demo().await;
    h.sandbox.state.inject(Fault {
        path: None,
        kind: FaultKind::Delay { millis: 20_000 },
        times: None,
    });
    for name in EVENTS {
        let (said, took) = timed_ask(&h, name).await;
        assert_in_time(name, &said, took);
    }
}

#[tokio::test]
async fn a_server_that_never_answers_is_cut_off_within_the_budget() {
    let (_withings, withings_url) = silent_server();
    let (_alexa, alexa_url) = silent_server();
    let mut h = memory_harness().await;
    h.skill.config.budget = BUDGET;
    h.skill.config.alexa_api_override = Some(alexa_url.trim_end_matches('/').into());
    h.link_demo().await;
    h.skill.withings = withings_alexa::config::withings_client(
        withings::http_client(),
        withings_url.parse().unwrap(),
        withings_sandbox::CLIENT_ID.into(),
        withings_alexa::secret::ClientSecret::new(withings_sandbox::CLIENT_SECRET),
    );
    for name in EVENTS {
        let (said, took) = timed_ask(&h, name).await;
        assert_in_time(name, &said, took);
    }
}

#[tokio::test]
async fn a_stalled_token_refresh_is_cut_off_and_keeps_the_tokens() {
    let mut h = harness_with(AnyStore::Memory(MemoryStore::new()), Clock::Fixed(now())).await;
    h.skill.config.budget = BUDGET;
    let old = h
        .link(SAMPLE_ALEXA_TOKEN, DEMO_USER_ID, Duration::minutes(-5))
        .await;
    h.sandbox.state.inject(Fault {
        path: Some("/v2/oauth2".into()),
        kind: FaultKind::Delay { millis: 20_000 },
        times: None,
    });
    let (said, took) = timed_ask(&h, "sleep-last-night.json").await;
    assert_in_time("refresh", &said, took);
    let stored = h.stored(SAMPLE_ALEXA_TOKEN).await;
    assert_eq!(stored.refresh_token.expose(), old.refresh_token);
    assert_eq!(stored.version, 1);
    assert!(stored.lease.is_none(), "lease released");
}

#[test]
fn the_default_budget_fits_inside_the_lambda_and_alexa_timeouts() {
    let budget = SkillConfig::new("x").budget;
    let template =
        std::fs::read_to_string(format!("{}/template.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let lambda = template
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Timeout:"))
        .filter_map(|v| v.trim().parse::<u64>().ok())
        .min()
        .expect("a Timeout in template.yaml");
    // Room after the budget for building the answer and returning it.
    assert!(budget + StdDuration::from_millis(400) <= StdDuration::from_secs(lambda));
    assert!(
        budget < StdDuration::from_secs(8),
        "Alexa waits 8 s at most"
    );
}
