//! The local command-line runner: answer a sample event end to end with no AWS
//! and no Withings account, serve the sandbox, and manage a local table.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use url::Url;
use withings::Clock;
use withings::http_client;
use withings_alexa::alexa::ResponseEnvelope;
use withings_alexa::secret::{AccessToken, AlexaToken, ClientSecret, RefreshToken};
// `setup`: the name the body still uses for `config` (its CLI is being reworked in parallel).
use withings_alexa::config::{self as setup, SAMPLE_ALEXA_TOKEN, SAMPLE_SKILL_ID, var};
use withings_alexa::skill::Skill;
use withings_alexa::store::dynamodb::DynamoStore;
use withings_alexa::store::memory::MemoryStore;
use withings_alexa::store::{AnyStore, LinkRecord, LinkStore};
use withings_sandbox::{self, Sandbox};

pub const USAGE: &str = "\
usage:
  withings-alexa invoke EVENT.json [--withings-url URL] [--now RFC3339] [--sandbox-zone TZ]
      Answer an Alexa request and print the response envelope. With no
      --withings-url it starts the built-in Withings sandbox; with no TABLE_NAME
      it uses an in-memory store holding a demo link for the sample events.
  withings-alexa sandbox [--port P] [--host 127.0.0.1] [--now RFC3339] [--sandbox-zone TZ]
      Serve the Withings sandbox (and the Alexa Settings API) until stopped.
      --sandbox-zone sets the demo user's and the device's time zone
      (default America/New_York).
  withings-alexa create-table      Create TABLE_NAME as template.yaml defines it.
  withings-alexa seed-demo         Store the sample events' demo link in TABLE_NAME.
  withings-alexa link-bridge [--port P] [--now RFC3339]
      Serve the account-linking bridge against the sandbox and a memory store,
      to walk through Alexa's linking flow in a browser.
  withings-alexa oauth1 sign|demo  OAuth 1.0 signing, explained stage by stage.";

/// A command-line failure: the message and the exit code.
#[derive(Debug)]
pub struct Failure(pub String, pub i32);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string(), 1)
    }
}

pub fn usage(msg: &str) -> Failure {
    Failure(format!("{msg}\n\n{USAGE}"), 2)
}

/// Flags shared by the subcommands.
#[derive(Debug, Default)]
pub struct Flags {
    pub positional: Vec<String>,
    pub withings_url: Option<String>,
    pub now: Option<DateTime<Utc>>,
    pub port: u16,
    pub host: Option<String>,
    pub sandbox_zone: Option<Tz>,
}

pub fn parse_flags(args: &[String]) -> Result<Flags, Failure> {
    let mut f = Flags::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| usage(&format!("{name} needs a value")))
        };
        match a.as_str() {
            "--withings-url" => f.withings_url = Some(value("--withings-url")?),
            "--now" => {
                let v = value("--now")?;
                let t = DateTime::parse_from_rfc3339(&v).map_err(|e| {
                    usage(&format!(
                        "--now {v}: {e} (use RFC 3339, e.g. 2026-11-25T08:00:00Z)"
                    ))
                })?;
                f.now = Some(t.with_timezone(&Utc));
            }
            "--port" => {
                let v = value("--port")?;
                f.port = v
                    .parse()
                    .map_err(|_| usage(&format!("--port {v}: not a port")))?;
            }
            "--host" => f.host = Some(value("--host")?),
            "--sandbox-zone" => {
                let v = value("--sandbox-zone")?;
                f.sandbox_zone = Some(v.parse().map_err(|_| {
                    usage(&format!(
                        "--sandbox-zone {v}: not an IANA zone (e.g. Europe/Paris)"
                    ))
                })?);
            }
            s if s.starts_with("--") => return Err(usage(&format!("unknown option {s}"))),
            s => f.positional.push(s.to_string()),
        }
    }
    Ok(f)
}

pub async fn main(args: Vec<String>) -> Result<(), Failure> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(usage("no command given"));
    };
    match cmd.as_str() {
        "invoke" => {
            let flags = parse_flags(rest)?;
            let [event] = flags.positional.as_slice() else {
                return Err(usage("invoke takes exactly one EVENT file"));
            };
            let raw = std::fs::read_to_string(event)
                .map_err(|e| Failure(format!("cannot read {event}: {e}"), 2))?;
            let raw: serde_json::Value = serde_json::from_str(&raw)
                .map_err(|e| Failure(format!("{event} is not JSON: {e}"), 2))?;
            let response = invoke(
                raw,
                flags.withings_url.as_deref(),
                flags.now,
                flags.sandbox_zone,
            )
            .await?;
            println!("{}", serde_json::to_string_pretty(&response)?);
            Ok(())
        }
        "sandbox" => {
            let flags = parse_flags(rest)?;
            let clock = flags.now.map(Clock::starting_at).unwrap_or_default();
            let host: std::net::IpAddr = flags
                .host
                .as_deref()
                .unwrap_or("127.0.0.1")
                .parse()
                .map_err(|_| usage("--host must be an IP address"))?;
            let sb = Sandbox::start_on(clock, (host, flags.port).into()).await?;
            if let Some(tz) = flags.sandbox_zone {
                sb.state.set_demo_zone(tz);
            }
            println!("{}", sb.url());
            eprintln!(
                "Withings sandbox serving; client id {}, secret {}. Ctrl-C stops it.",
                withings_sandbox::CLIENT_ID,
                withings_sandbox::CLIENT_SECRET
            );
            tokio::signal::ctrl_c().await?;
            Ok(())
        }
        "create-table" => {
            let store = dynamo_store().await?;
            store.create_table().await?;
            eprintln!("created table {}", store.table());
            Ok(())
        }
        "seed-demo" => {
            let store = dynamo_store().await?;
            store.put(&demo_link(Utc::now())).await?;
            eprintln!("stored the demo link in {}", store.table());
            Ok(())
        }
        "link-bridge" => crate::link_bridge::main(rest).await,
        "oauth1" => crate::oauth1::main(rest).await.map_err(|e| Failure(e, 1)),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(usage(&format!("unknown command {other}"))),
    }
}

async fn dynamo_store() -> Result<DynamoStore, Failure> {
    let table = var("TABLE_NAME").ok_or_else(|| Failure("TABLE_NAME is not set".into(), 2))?;
    let aws = setup::aws_config().await;
    Ok(DynamoStore::new(aws_sdk_dynamodb::Client::new(&aws), table))
}

/// The link the sample events' access token leads to: the sandbox demo account.
pub fn demo_link(now: DateTime<Utc>) -> LinkRecord {
    LinkRecord {
        key: AlexaToken::new(SAMPLE_ALEXA_TOKEN).hashed(),
        withings_user_id: withings_sandbox::DEMO_USER_ID.into(),
        access_token: AccessToken::new(withings_sandbox::DEMO_ACCESS_TOKEN),
        refresh_token: RefreshToken::new(withings_sandbox::DEMO_REFRESH_TOKEN),
        access_expires_at: now + Duration::hours(3),
        version: 1,
        timezone: None,
        lease: None,
        updated_at: now,
    }
}

/// Answer one Alexa request the way the Lambda would, wired for a local run.
pub async fn invoke(
    raw: serde_json::Value,
    withings_url: Option<&str>,
    now: Option<DateTime<Utc>>,
    sandbox_zone: Option<Tz>,
) -> Result<ResponseEnvelope, Failure> {
    let clock = now.map(Clock::starting_at).unwrap_or_default();
    let external = withings_url
        .map(str::to_owned)
        .or_else(|| var("WITHINGS_API_URL"));
    // Started only when no other Withings is named; lives until this run ends.
    let (api, _sandbox) = match external {
        Some(u) => (
            Url::parse(&u).map_err(|e| usage(&format!("--withings-url {u}: {e}")))?,
            None,
        ),
        None => {
            let sb = Sandbox::start(clock, 0).await?;
            if let Some(tz) = sandbox_zone {
                sb.state.set_demo_zone(tz);
            }
            (sb.url(), Some(sb))
        }
    };
    let is_loopback = matches!(api.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    let mut config = setup::skill_config(var("SKILL_ID").unwrap_or_else(|| SAMPLE_SKILL_ID.into()));
    if config.alexa_api_override.is_none() && is_loopback {
        // A sandbox also serves the Alexa Settings API; the real one is unreachable offline.
        config.alexa_api_override = Some(api.as_str().trim_end_matches('/').to_string());
    }
    let client_id = var("WITHINGS_CLIENT_ID").unwrap_or_else(|| withings_sandbox::CLIENT_ID.into());
    let aws = match var("TABLE_NAME") {
        Some(_) => Some(setup::aws_config().await),
        None => None,
    };
    let secret = setup::withings_client_secret(aws.as_ref())
        .await?
        .unwrap_or_else(|| ClientSecret::new(withings_sandbox::CLIENT_SECRET));
    let store = match (var("TABLE_NAME"), aws) {
        (Some(table), Some(aws)) => {
            AnyStore::Dynamo(DynamoStore::new(aws_sdk_dynamodb::Client::new(&aws), table))
        }
        _ => {
            let m = MemoryStore::new();
            m.put(&demo_link(clock.now())).await?;
            AnyStore::Memory(m)
        }
    };
    let http = http_client();
    let skill = Skill {
        config,
        store,
        withings: setup::withings_client(http.clone(), api, client_id, secret),
        http,
        clock,
    };
    skill
        .handle(raw)
        .await
        .map_err(|e| Failure(format!("refused: {e}"), 3))
}
