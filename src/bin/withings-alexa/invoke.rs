//! `invoke EVENT`: answer one Alexa request end to end, the way the Lambda
//! would, with no AWS and no Withings account unless the environment names them.

use crate::cli::InvokeArgs;
use crate::dynamo;
use crate::failure::Failure;
use crate::table::demo_link;
use chrono_tz::Tz;
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
    let raw = read_event(&args.event)?;
    let response = invoke(raw, args.withings_url, args.now.clock(), args.zone.tz).await?;
    println!("{}", serde_json::to_string_pretty(&response)?);
    Ok(())
}

/// The event file as JSON; a file that can't be read or isn't JSON is a usage error.
fn read_event(path: &str) -> Result<serde_json::Value, Failure> {
    let raw = std::fs::read_to_string(path)
        .map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
    serde_json::from_str(&raw).map_err(|e| Failure::Usage(format!("{path} is not JSON: {e}")))
}

/// Answer one Alexa request the way the Lambda would, wired for a local run.
async fn invoke(
    raw: serde_json::Value,
    withings_url: Option<Url>,
    clock: Clock,
    sandbox_zone: Option<Tz>,
) -> Result<ResponseEnvelope, Failure> {
    let external = match (withings_url, var("WITHINGS_API_URL")) {
        (Some(url), _) => Some(url),
        (None, Some(u)) => {
            Some(Url::parse(&u).map_err(|e| Failure::Usage(format!("WITHINGS_API_URL {u}: {e}")))?)
        }
        (None, None) => None,
    };
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
    let is_loopback = matches!(api.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    let mut config =
        config::skill_config(var("SKILL_ID").unwrap_or_else(|| SAMPLE_SKILL_ID.into()));
    if config.alexa_api_override.is_none() && is_loopback {
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
    };
    skill
        .handle(raw)
        .await
        .map_err(|e| Failure::Refused(format!("refused: {e}")))
}
