//! The command line, as clap types: what each subcommand takes and its help.

use crate::link_bridge::{LOCAL_ALEXA_CLIENT_ID, LOCAL_ALEXA_CLIENT_SECRET};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use clap::{Args, Parser, Subcommand};
use std::net::IpAddr;
use url::Url;
use withings::Clock;

#[derive(Debug, Parser)]
#[command(
    name = "withings-alexa",
    version,
    about = "The local runner of the Withings Alexa skill: answer sample events end to end \
             with no AWS and no Withings account, serve the offline Withings sandbox, try \
             account linking, and manage a local DynamoDB table.",
    after_help = "Exit status: 0 ok, 1 failure, 2 bad usage (or an unreadable EVENT), \
                  3 the skill refused the request.\n\
                  Logs go to stderr; RUST_LOG sets their level (default warn)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer one Alexa request and print the response envelope
    #[command(
        long_about = "Answer one Alexa request the way the skill Lambda would, and print the \
                      response envelope on stdout.\n\n\
                      With no --withings-url (and no WITHINGS_API_URL) it starts the built-in \
                      Withings sandbox for this run; with no TABLE_NAME it uses an in-memory \
                      store holding the demo link the sample events in events/ carry.\n\n\
                      Time: --now starts the run's clock at that instant. A sandbox named by \
                      --withings-url keeps its own clock (`sandbox --now`): with no --now the \
                      run follows it, read from its GET /sandbox/clock; a --now five minutes \
                      or more away from it is warned about.",
        after_help = "Environment:\n  \
                      TABLE_NAME                 read and write links in this DynamoDB table\n  \
                      AWS_ENDPOINT_URL_DYNAMODB  a local DynamoDB (without it, TABLE_NAME is real AWS)\n  \
                      WITHINGS_API_URL           as --withings-url\n  \
                      SKILL_ID                   the skill id to accept (default: the sample events')\n  \
                      WITHINGS_CLIENT_ID, WITHINGS_CLIENT_SECRET, ALEXA_API_URL"
    )]
    Invoke(InvokeArgs),

    /// Serve the Withings sandbox (and the Alexa Settings API) until Ctrl-C
    #[command(
        long_about = "Serve the offline Withings sandbox, and the Alexa Settings API, until \
                      Ctrl-C. Prints its URL on stdout; its OAuth client id and secret on stderr.\n\n\
                      Its root page (GET /) lists what it serves, the demo account, the fault \
                      switches (POST and DELETE /sandbox/faults) and its clock (GET \
                      /sandbox/clock), which --now starts; `invoke --withings-url` follows it."
    )]
    Sandbox(SandboxArgs),

    /// Create the DynamoDB table TABLE_NAME as template.yaml defines it (one already there is fine)
    #[command(after_help = TABLE_ENV)]
    CreateTable,

    /// Store the sample events' demo link in the DynamoDB table TABLE_NAME
    #[command(after_help = TABLE_ENV)]
    SeedDemo(NowArg),

    /// Serve the account-linking bridge, to walk through Alexa's linking flow in a browser
    #[command(long_about = link_bridge_about())]
    LinkBridge(LinkBridgeArgs),

    /// OAuth 1.0 (RFC 5849) signing, explained stage by stage
    #[command(subcommand)]
    Oauth1(Oauth1Command),
}

/// The environment of the commands that need a table.
const TABLE_ENV: &str = "Environment:\n  \
    TABLE_NAME                 the DynamoDB table (required)\n  \
    AWS_ENDPOINT_URL_DYNAMODB  a local DynamoDB such as moto (without it: real AWS, with a warning)\n  \
    AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE";

#[derive(Debug, Args)]
pub struct InvokeArgs {
    /// The Alexa request: a JSON file, e.g. events/sleep-last-night.json
    #[arg(value_name = "EVENT")]
    pub event: String,

    /// Send the Withings calls to this server instead of the built-in sandbox
    #[arg(long, value_name = "URL")]
    pub withings_url: Option<Url>,

    /// Ask as the user this Alexa access token is linked to (replaces the event's), e.g.
    /// one that link-bridge's /token issued
    #[arg(long, value_name = "TOKEN")]
    pub access_token: Option<String>,

    #[command(flatten)]
    pub now: NowArg,

    #[command(flatten)]
    pub zone: SandboxZoneArg,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// The port to listen on (0: any free port)
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// The address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,

    #[command(flatten)]
    pub now: NowArg,

    #[command(flatten)]
    pub zone: SandboxZoneArg,
}

#[derive(Debug, Args)]
pub struct LinkBridgeArgs {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    #[command(flatten)]
    pub now: NowArg,
}

/// `--now`: the clock every part of a run reads.
#[derive(Debug, Args)]
pub struct NowArg {
    /// Start the clock at this instant (RFC 3339, e.g. 2026-11-25T13:00:00Z)
    #[arg(long = "now", value_name = "RFC3339", value_parser = parse_now)]
    pub at: Option<DateTime<Utc>>,
}

impl NowArg {
    /// The real clock, or one that started at `--now`.
    pub fn clock(&self) -> Clock {
        self.at.map(Clock::starting_at).unwrap_or_default()
    }
}

/// `--sandbox-zone`: where the sandbox's demo user and device live.
#[derive(Debug, Args)]
pub struct SandboxZoneArg {
    #[arg(
        long = "sandbox-zone",
        value_name = "TZ",
        value_parser = parse_zone,
        help = format!(
            "The sandbox demo user's and device's IANA time zone [default: {}]",
            withings_sandbox::DEMO_TIMEZONE
        )
    )]
    pub tz: Option<Tz>,
}

#[derive(Debug, Subcommand)]
pub enum Oauth1Command {
    /// Sign one request and print every stage of its HMAC-SHA1 signature (secrets masked)
    Sign(Box<SignArgs>),
    /// Run the three-legged flow and a signed getmeas against a loopback OAuth 1.0 sandbox
    Demo,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The request's URL
    #[arg(value_name = "URL")]
    pub url: Url,

    /// The request's parameters
    #[arg(value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub params: Vec<(String, String)>,

    /// The HTTP method
    #[arg(long, default_value = "GET")]
    pub method: String,

    /// The consumer (client) key
    #[arg(long, value_name = "K")]
    pub consumer_key: String,

    /// The consumer secret
    #[arg(long, value_name = "S")]
    pub consumer_secret: String,

    /// The token credentials' identifier
    #[arg(long, value_name = "T", requires = "token_secret")]
    pub token: Option<String>,

    /// The token credentials' secret
    #[arg(long, value_name = "TS", requires = "token")]
    pub token_secret: Option<String>,

    /// Add userid=U to the parameters (Withings signs it)
    #[arg(long, value_name = "U")]
    pub userid: Option<String>,

    /// oauth_callback, for a request-token call
    #[arg(long, value_name = "URL")]
    pub callback: Option<String>,

    /// oauth_verifier, for an access-token call
    #[arg(long, value_name = "V")]
    pub verifier: Option<String>,

    /// A fixed oauth_nonce (default: random)
    #[arg(long, value_name = "N")]
    pub nonce: Option<String>,

    /// A fixed oauth_timestamp (default: now)
    #[arg(long, value_name = "UNIX", value_parser = parse_unix)]
    pub timestamp: Option<DateTime<Utc>>,

    /// Leave out oauth_version=1.0
    #[arg(long)]
    pub no_version: bool,
}

fn link_bridge_about() -> String {
    format!(
        "Serve the account-linking bridge on 127.0.0.1 against a Withings sandbox of its \
         own, until Ctrl-C. Prints the authorize URL to open in a browser on stdout; the \
         client credentials and the token endpoint on stderr. The bridge accepts Alexa's \
         client id {LOCAL_ALEXA_CLIENT_ID} with the secret ALEXA_CLIENT_SECRET (default \
         {LOCAL_ALEXA_CLIENT_SECRET}).\n\n\
         Links go to the DynamoDB table TABLE_NAME when it is set (so that `invoke \
         --access-token` can ask the skill with one), else to this process's memory. The \
         browser ends on a page standing in for Alexa's, which prints the exact commands \
         that redeem the code at /token and ask the skill as the newly linked user."
    )
}

fn parse_now(v: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(v)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{e} (use RFC 3339, e.g. 2026-11-25T08:00:00Z)"))
}

fn parse_zone(v: &str) -> Result<Tz, String> {
    v.parse()
        .map_err(|_| "not an IANA zone (e.g. Europe/Paris)".to_string())
}

fn parse_unix(v: &str) -> Result<DateTime<Utc>, String> {
    v.parse::<i64>()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(|| "not a time in unix seconds".to_string())
}

fn parse_pair(v: &str) -> Result<(String, String), String> {
    v.split_once('=')
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .ok_or_else(|| "expected key=value".to_string())
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
