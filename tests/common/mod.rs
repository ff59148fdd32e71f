//! Shared test wiring: a real loopback sandbox, a real DynamoDB-compatible server
//! (moto, started by scripts/test.sh), and the skill built as the Lambda builds it.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;
use withings::Clock;
use withings::{WithingsClient, http_client};
use withings_alexa::alexa::ResponseEnvelope;
use withings_alexa::config::{self, SAMPLE_ALEXA_TOKEN};
use withings_alexa::secret::{AccessToken, AlexaToken, ClientSecret, RefreshToken};
use withings_alexa::skill::{Skill, SkillConfig};
use withings_alexa::store::dynamodb::DynamoStore;
use withings_alexa::store::memory::MemoryStore;
use withings_alexa::store::{AnyStore, LinkRecord, LinkStore};
use withings_sandbox::{self, IssuedTokens, Sandbox};

/// 08:00 in New York (the demo user's zone) on the day this project is pinned to.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 13, 0, 0).unwrap()
}

/// A DynamoDB client for the server the test command started. No silent skip:
/// without it the test fails and says how to run the suite.
pub async fn dynamodb() -> aws_sdk_dynamodb::Client {
    assert!(
        std::env::var("AWS_ENDPOINT_URL_DYNAMODB").is_ok(),
        "AWS_ENDPOINT_URL_DYNAMODB is not set: run the suite with scripts/test.sh, which starts moto"
    );
    aws_sdk_dynamodb::Client::new(&config::aws_config().await)
}

/// A fresh table, created as template.yaml defines it, reading link expiry
/// (TTL) on the pinned clock, so no test depends on the date it runs.
pub async fn dynamo_store() -> DynamoStore {
    let table = format!(
        "links-{}",
        withings_alexa::secret::random_token(6).replace(['-', '_'], "x")
    );
    let store = DynamoStore::new(dynamodb().await, table).with_clock(Clock::Fixed(now()));
    store.create_table().await.expect("create table on moto");
    store
}

pub fn event(name: &str) -> Value {
    let path = format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect("event JSON")
}

/// An event with another access token (or none).
pub fn with_token(mut ev: Value, token: Option<&str>) -> Value {
    for p in ["/context/System/user", "/session/user"] {
        if let Some(user) = ev.pointer_mut(p).and_then(Value::as_object_mut) {
            match token {
                Some(t) => {
                    user.insert("accessToken".into(), Value::String(t.into()));
                }
                None => {
                    user.remove("accessToken");
                }
            }
        }
    }
    ev
}

pub fn with_locale(mut ev: Value, locale: &str) -> Value {
    ev["request"]["locale"] = Value::String(locale.into());
    ev
}

pub fn with_date(mut ev: Value, date: Option<&str>) -> Value {
    let slot = &mut ev["request"]["intent"]["slots"]["date"];
    match date {
        Some(d) => slot["value"] = Value::String(d.into()),
        None => {
            if let Some(o) = slot.as_object_mut() {
                o.remove("value");
            }
        }
    }
    ev
}

pub struct Harness<S> {
    pub sandbox: Sandbox,
    pub skill: Skill<S>,
}

pub fn withings_for(sb: &Sandbox) -> WithingsClient {
    config::withings_client(
        http_client(),
        sb.url(),
        withings_sandbox::CLIENT_ID.into(),
        ClientSecret::new(withings_sandbox::CLIENT_SECRET),
    )
}

pub async fn harness_with<S: LinkStore>(store: S, clock: Clock) -> Harness<S> {
    let sb = Sandbox::start(clock, 0).await.expect("sandbox");
    let mut config = SkillConfig::new(config::SAMPLE_SKILL_ID);
    config.alexa_api_override = Some(sb.url().as_str().trim_end_matches('/').to_string());
    let skill = Skill {
        config,
        store,
        withings: withings_for(&sb),
        http: http_client(),
        clock,
        settings: Default::default(),
    };
    Harness { sandbox: sb, skill }
}

/// A memory-store harness whose clock (the skill's and the sandbox's) reads `at`.
pub async fn harness_at(at: DateTime<Utc>) -> Harness<AnyStore> {
    harness_with(AnyStore::Memory(MemoryStore::new()), Clock::Fixed(at)).await
}

/// `YYYY-MM-DDTHH:MM` local time in `tz`, as a UTC instant.
pub fn local(tz: &str, at: &str) -> DateTime<Utc> {
    let tz: chrono_tz::Tz = tz.parse().expect("an IANA zone");
    let naive = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").expect("a local time");
    tz.from_local_datetime(&naive)
        .earliest()
        .expect("that local time exists")
        .with_timezone(&Utc)
}

pub async fn memory_harness() -> Harness<AnyStore> {
    harness_with(AnyStore::Memory(MemoryStore::new()), Clock::Fixed(now())).await
}

pub async fn dynamo_harness() -> Harness<AnyStore> {
    harness_with(AnyStore::Dynamo(dynamo_store().await), Clock::Fixed(now())).await
}

impl<S: LinkStore> Harness<S> {
    /// Link `alexa_token` to fresh sandbox tokens for `user`, access token
    /// expiring `valid_for` from now.
    pub async fn link(&self, alexa_token: &str, user: &str, valid_for: Duration) -> IssuedTokens {
        let issued = self.sandbox.state.issue(user, valid_for);
        let now = self.skill.clock.now();
        self.skill
            .store
            .put(&LinkRecord {
                key: AlexaToken::new(alexa_token).hashed(),
                withings_user_id: user.into(),
                access_token: AccessToken::new(issued.access_token.clone()),
                refresh_token: RefreshToken::new(issued.refresh_token.clone()),
                access_expires_at: issued.expires_at,
                version: 1,
                timezone: None,
                lease: None,
                updated_at: now,
                alexa_expires_at: None,
            })
            .await
            .expect("store link");
        issued
    }

    /// Link the sample events' token to the demo user with fresh tokens.
    pub async fn link_demo(&self) -> IssuedTokens {
        self.link(
            SAMPLE_ALEXA_TOKEN,
            withings_sandbox::DEMO_USER_ID,
            Duration::hours(3),
        )
        .await
    }

    /// Put the demo user (and the device) in `tz`.
    pub fn demo_in(&self, tz: &str) {
        self.sandbox
            .state
            .set_demo_zone(tz.parse().expect("an IANA zone"));
    }

    /// Ask `name` (with an optional date and locale) and return what was said.
    pub async fn say(&self, name: &str, date: Option<&str>, locale: &str) -> String {
        let mut ev = with_locale(event(name), locale);
        if date.is_some() {
            ev = with_date(ev, date);
        }
        speech(&self.ask(ev).await)
    }

    pub async fn ask(&self, ev: Value) -> ResponseEnvelope {
        self.skill.handle(ev).await.expect("not refused")
    }

    pub async fn stored(&self, alexa_token: &str) -> LinkRecord {
        self.skill
            .store
            .get(&AlexaToken::new(alexa_token).hashed())
            .await
            .expect("store get")
            .expect("link exists")
    }
}

pub fn speech(r: &ResponseEnvelope) -> String {
    r.speech_text().unwrap_or_default()
}

pub fn json(r: &ResponseEnvelope) -> Value {
    serde_json::to_value(r).unwrap()
}

/// Compare `out` with the golden file at `path` (relative to the package), or
/// rewrite it when `UPDATE_GOLDEN` is set.
pub fn compare_golden(path: &str, out: &str) {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(&path, out).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} missing; run with UPDATE_GOLDEN=1 once"));
    if golden != out {
        for (g, o) in golden.lines().zip(out.lines()) {
            if g != o {
                eprintln!("- {g}\n+ {o}");
            }
        }
        if golden.lines().count() != out.lines().count() {
            eprintln!(
                "line count: golden {}, now {}",
                golden.lines().count(),
                out.lines().count()
            );
        }
        panic!("speech differs from {path} (UPDATE_GOLDEN=1 to accept, then review the diff)");
    }
}
