//! Every data intent × every way Withings or DynamoDB can fail: a polite spoken
//! answer that closes the session, well inside the Lambda timeout, no panic,
//! and the stored tokens either untouched or correctly rotated. The cases run
//! concurrently on a short budget, so the whole matrix takes a few seconds.

mod common;

use chrono::Duration;
use common::*;
use serde_json::Value;
use std::time::{Duration as StdDuration, Instant};
use withings::Clock;
use withings_alexa::config::{self, SAMPLE_ALEXA_TOKEN};
use withings_alexa::skill::router::{SLEEP_INTENT, STEPS_INTENT, WEIGHT_INTENT};
use withings_alexa::store::AnyStore;
use withings_alexa::store::dynamodb::DynamoStore;
use withings_sandbox::{DEMO_USER_ID, Fault, FaultKind};

/// Every data intent the router has. A new intent is one line here.
const DATA_INTENTS: &[&str] = &[SLEEP_INTENT, WEIGHT_INTENT, STEPS_INTENT];

/// The request budget for the matrix: short, so a stall costs little.
const BUDGET: StdDuration = StdDuration::from_millis(1500);

#[derive(Clone, Debug)]
enum Trouble {
    /// This fault on every Withings call (token endpoint included), `times`
    /// calls or until the end.
    Withings(FaultKind, Option<u32>),
    /// DynamoDB where nothing listens.
    StoreClosed,
    /// DynamoDB that accepts connections and never answers.
    StoreSilent,
}

/// What the user must hear: a phrase, or (`None`) an ordinary answer.
#[derive(Clone, Copy, Debug)]
struct Expect {
    says: Option<&'static str>,
    link_card: bool,
}

const UNREACHABLE: Expect = Expect {
    says: Some("couldn't reach Withings"),
    link_card: false,
};

fn troubles() -> Vec<(&'static str, Trouble, Expect)> {
    use FaultKind::*;
    let always = |k| Trouble::Withings(k, None);
    vec![
        (
            "401 on every call (refresh refused too)",
            always(Status { status: 401 }),
            Expect {
                says: Some("link your Withings account"),
                link_card: true,
            },
        ),
        (
            "401 once (refresh, then retry)",
            Trouble::Withings(Status { status: 401 }, Some(1)),
            Expect {
                says: None,
                link_card: false,
            },
        ),
        (
            "601 rate limit",
            always(Status { status: 601 }),
            Expect {
                says: Some("Withings is busy right now"),
                link_card: false,
            },
        ),
        ("HTTP 500", always(Http { status: 500 }), UNREACHABLE),
        ("HTTP 503", always(Http { status: 503 }), UNREACHABLE),
        (
            "stall past the budget",
            always(Delay { millis: 10_000 }),
            UNREACHABLE,
        ),
        ("malformed JSON", always(Garbage), UNREACHABLE),
        ("empty body", always(Empty), UNREACHABLE),
        (
            "DynamoDB unreachable",
            Trouble::StoreClosed,
            Expect {
                says: Some("trouble finding your account"),
                link_card: false,
            },
        ),
        (
            "DynamoDB silent",
            Trouble::StoreSilent,
            Expect {
                says: Some("trouble finding your account"),
                link_card: false,
            },
        ),
    ]
}

/// The Lambda's timeout, as template.yaml sets it.
fn lambda_timeout() -> StdDuration {
    let path = format!("{}/template.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("template.yaml");
    let secs = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Timeout:"))
        .filter_map(|v| v.trim().parse::<u64>().ok())
        .min()
        .expect("a Timeout in template.yaml");
    StdDuration::from_secs(secs)
}

/// A DynamoDB client for `endpoint` with short SDK timeouts.
async fn store_at(endpoint: String) -> AnyStore {
    let conf = config::aws_config().await;
    let timeouts = aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(StdDuration::from_millis(300))
        .operation_attempt_timeout(StdDuration::from_millis(400))
        .operation_timeout(StdDuration::from_millis(1000))
        .build();
    let client = aws_sdk_dynamodb::Client::from_conf(
        aws_sdk_dynamodb::config::Builder::from(&conf)
            .endpoint_url(endpoint)
            .timeout_config(timeouts)
            .build(),
    );
    AnyStore::Dynamo(DynamoStore::new(client, "links").with_clock(Clock::Fixed(now())))
}

fn ask_event(intent: &str) -> Value {
    let mut ev = event("sleep-last-night.json");
    ev["request"]["intent"]["name"] = intent.into();
    ev
}

/// One cell of the matrix; `Err` says what went wrong.
async fn run_case(intent: &'static str, trouble: Trouble, expect: Expect) -> Result<(), String> {
    // Held until the case ends, so the silent DynamoDB keeps its port.
    let mut _silent = None;
    let store = match &trouble {
        Trouble::Withings(..) => AnyStore::Dynamo(dynamo_store().await),
        Trouble::StoreClosed => {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            store_at(format!("http://127.0.0.1:{port}")).await
        }
        Trouble::StoreSilent => {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let url = format!("http://{}", l.local_addr().unwrap());
            _silent = Some(l);
            store_at(url).await
        }
    };
    let mut h = harness_with(store, Clock::Fixed(now())).await;
    h.skill.config.budget = BUDGET;
    let issued = match &trouble {
        Trouble::Withings(kind, times) => {
            let issued = h
                .link(SAMPLE_ALEXA_TOKEN, DEMO_USER_ID, Duration::hours(3))
                .await;
            h.sandbox.state.inject(Fault {
                path: None,
                kind: kind.clone(),
                times: *times,
            });
            Some(issued)
        }
        _ => None,
    };

    let started = Instant::now();
    let r = h.skill.handle(ask_event(intent)).await;
    let took = started.elapsed();
    let r = r.map_err(|e| format!("refused: {e}"))?;
    let v = json(&r);
    let said = speech(&r);
    if took >= lambda_timeout() {
        return Err(format!("took {took:?}, past the Lambda timeout"));
    }
    if v["version"] != "1.0" || v["response"]["outputSpeech"]["type"] != "SSML" {
        return Err(format!("not a spoken response envelope: {v}"));
    }
    if v["response"]["shouldEndSession"] != true {
        return Err(format!("session left open after a one-shot question: {v}"));
    }
    match expect.says {
        Some(phrase) if !said.contains(phrase) => {
            return Err(format!("said {said:?}, expected {phrase:?}"));
        }
        None if ["couldn't", "trouble", "busy", "link your"]
            .iter()
            .any(|p| said.contains(p)) =>
        {
            return Err(format!("said {said:?}, expected an answer"));
        }
        _ => {}
    }
    let link_card = v["response"]["card"]["type"] == "LinkAccount";
    if link_card != expect.link_card {
        return Err(format!(
            "link card {link_card}, expected {}",
            expect.link_card
        ));
    }
    if let Some(issued) = issued {
        h.sandbox.state.clear_faults();
        let stored = h.stored(SAMPLE_ALEXA_TOKEN).await;
        if stored.lease.is_some() {
            return Err("a refresh lease was left behind".into());
        }
        let rt = stored.refresh_token.expose();
        if !h.sandbox.state.refresh_token_valid(rt) {
            return Err(format!(
                "stored refresh token no longer works (v{})",
                stored.version
            ));
        }
        let untouched = stored.version == 1 && rt == issued.refresh_token;
        let rotated = stored.version == 2 && rt != issued.refresh_token;
        if !(untouched || rotated) {
            return Err(format!(
                "link record neither kept nor rotated: v{}",
                stored.version
            ));
        }
    } else if h
        .sandbox
        .state
        .seen()
        .iter()
        .any(|s| s.path.starts_with("/v2/") && !s.path.starts_with("/v2/devices/"))
    {
        return Err("Withings was called without an account".into());
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_intent_fails_politely_under_every_fault() {
    let started = Instant::now();
    let mut cases = tokio::task::JoinSet::new();
    for &intent in DATA_INTENTS {
        for (name, trouble, expect) in troubles() {
            cases.spawn(async move { (intent, name, run_case(intent, trouble, expect).await) });
        }
    }
    let mut failures = Vec::new();
    let mut ran = 0;
    while let Some(done) = cases.join_next().await {
        ran += 1;
        match done {
            Ok((_, _, Ok(()))) => {}
            Ok((intent, name, Err(why))) => failures.push(format!("{intent} × {name}: {why}")),
            Err(e) => failures.push(format!("a case panicked: {e}")),
        }
    }
    assert_eq!(ran, DATA_INTENTS.len() * troubles().len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{ran} cases in {:?}", started.elapsed());
}
