//! `invoke EVENT`: answer one Alexa request end to end, the way the Lambda
//! would, with no AWS and no Withings account unless the environment names them.

use crate::cli::InvokeArgs;
use crate::dynamo;
use crate::failure::Failure;
use crate::table::demo_link;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use std::time::Duration;
use url::Url;
use withings::Clock;
use withings::http_client;
use withings_alexa::alexa::ResponseEnvelope;
use withings_alexa::config::{self, SAMPLE_SKILL_ID, var};
use withings_alexa::secret::ClientSecret;
use withings_alexa::skill::Skill;
use withings_alexa::store::memory::MemoryStore;
use withings_alexa::store::{AnyStore, LinkStore};
use withings_sandbox::{self, Sandbox};

/// Answer EVENT and print the response envelope on stdout.
pub async fn run(args: InvokeArgs) -> Result<(), Failure> {
    let mut raw = read_event(&args.event)?;
    if let Some(token) = &args.access_token {
        give_token(&mut raw, token, &args.event)?;
    }
    let external = external_withings(args.withings_url)?;
    let clock = match &external {
        Some(url) => clock_beside(url, args.now.at).await,
        None => args.now.clock(),
    };
    let response = invoke(raw, external, clock, args.zone.tz).await?;
    println!("{}", serde_json::to_string_pretty(&response)?);
    Ok(())
}

/// The event file as JSON; a file that can't be read or isn't JSON is a usage error.
fn read_event(path: &str) -> Result<Value, Failure> {
    let raw = std::fs::read_to_string(path)
        .map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
    serde_json::from_str(&raw).map_err(|e| Failure::Usage(format!("{path} is not JSON: {e}")))
}

/// Put `token` where the event carries the user's Alexa access token (the
/// request's context and its session), as Alexa would after linking.
fn give_token(event: &mut Value, token: &str, path: &str) -> Result<(), Failure> {
    let mut given = false;
    for p in ["/context/System/user", "/session/user"] {
        if let Some(user) = event.pointer_mut(p).and_then(Value::as_object_mut) {
            user.insert("accessToken".into(), Value::String(token.into()));
            given = true;
        }
    }
    if given {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "{path} has no context.System.user to give --access-token to"
        )))
    }
}

/// `--withings-url`, else `WITHINGS_API_URL`: a Withings other than the built-in sandbox.
fn external_withings(flag: Option<Url>) -> Result<Option<Url>, Failure> {
    match (flag, var("WITHINGS_API_URL")) {
        (Some(url), _) => Ok(Some(url)),
        (None, Some(u)) => Url::parse(&u)
            .map(Some)
            .map_err(|e| Failure::Usage(format!("WITHINGS_API_URL {u}: {e}"))),
        (None, None) => Ok(None),
    }
}

/// The run's clock beside a Withings this run did not start. A sandbox
/// started elsewhere (`withings-alexa sandbox --now T`, scripts/dev.sh) keeps
/// its own clock, which decides its data and its token expiry, and tells it at
/// `GET /sandbox/clock`: with no `--now` the run follows it; with a `--now` far
/// from it, a warning says the two disagree.
async fn clock_beside(url: &Url, now: Option<DateTime<Utc>>) -> Clock {
    let theirs = sandbox_time(url).await;
    match (now, theirs) {
        (None, Some(t)) => {
            tracing::info!(sandbox = %url, now = %t, "following the sandbox's clock");
            Clock::starting_at(t)
        }
        (Some(ours), Some(t)) if (ours - t).num_minutes().abs() >= 5 => {
            eprintln!(
                "warning: --now is {ours} but the sandbox at {url} reads {t}: the skill asks \
                 as of --now, the sandbox answers with data and token checks as of its own \
                 clock. Leave out --now to follow the sandbox, or start it with the same --now."
            );
            Clock::starting_at(ours)
        }
        (Some(ours), _) => Clock::starting_at(ours),
        (None, None) => Clock::System,
    }
}

/// What a sandbox on loopback says its time is; `None` for anything else
/// (no request leaves the machine for this).
async fn sandbox_time(url: &Url) -> Option<DateTime<Utc>> {
    if !is_loopback(url) {
        return None;
    }
    let clock_url = url.join("/sandbox/clock").ok()?;
    let body: Value = http_client()
        .get(clock_url)
        .timeout(Duration::from_secs(1))
        .send()
        .await
        .ok()?
        .error_for_status()
        .ok()?
        .json()
        .await
        .ok()?;
    DateTime::parse_from_rfc3339(body["now"].as_str()?)
        .ok()
        .map(|t| t.to_utc())
}

fn is_loopback(url: &Url) -> bool {
    matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
}

/// Answer one Alexa request the way the Lambda would, wired for a local run.
async fn invoke(
    raw: Value,
    external: Option<Url>,
    clock: Clock,
    sandbox_zone: Option<Tz>,
) -> Result<ResponseEnvelope, Failure> {
    // Started only when no other Withings is named; lives until this run ends.
    let (api, _sandbox) = match external {
        Some(url) => (url, None),
        None => {
            let sb = Sandbox::start(clock, 0).await?;
            if let Some(tz) = sandbox_zone {
                sb.state.set_demo_zone(tz);
            }
            (sb.url(), Some(sb))
        }
    };
    let mut config =
        config::skill_config(var("SKILL_ID").unwrap_or_else(|| SAMPLE_SKILL_ID.into()));
    if config.alexa_api_override.is_none() && is_loopback(&api) {
        // A sandbox also serves the Alexa Settings API; the real one is unreachable offline.
        config.alexa_api_override = Some(api.as_str().trim_end_matches('/').to_string());
    }
    let client_id = var("WITHINGS_CLIENT_ID").unwrap_or_else(|| withings_sandbox::CLIENT_ID.into());
    let table = dynamo::from_env(clock).await;
    let secret = config::withings_client_secret(table.as_ref().map(|t| &t.aws))
        .await?
        .unwrap_or_else(|| ClientSecret::new(withings_sandbox::CLIENT_SECRET));
    let store = match table {
        Some(table) => {
            table.check("invoke").await?;
            AnyStore::Dynamo(table.store)
        }
        None => {
            let m = MemoryStore::new();
            m.put(&demo_link(clock.now())).await?;
            AnyStore::Memory(m)
        }
    };
    let http = http_client();
    let skill = Skill {
        config,
        store,
        withings: config::withings_client(http.clone(), api, client_id, secret),
        http,
        clock,
        settings: Default::default(),
    };
    skill
        .handle(raw)
        .await
        .map_err(|e| Failure::Refused(format!("refused: {e}")))
}
