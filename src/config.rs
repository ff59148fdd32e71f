//! Configuration: the one place that reads the environment and SSM, once per
//! process, and builds the clients from it, for the skill Lambda, the bridge
//! Lambda and the local runner.

use crate::link::{Bridge, BridgeConfig, VendorId};
use crate::secret::ClientSecret;
use crate::skill::SkillConfig;
use crate::store::dynamodb::DynamoStore;
use std::time::Duration;
use url::Url;
use withings::DEFAULT_AUTHORIZE_URL;
use withings::{ClientAuth, Clock, Credentials, DEFAULT_API_BASE, WithingsClient};

/// The skill id of the sample events in `events/`.
pub const SAMPLE_SKILL_ID: &str = "amzn1.ask.skill.7c2a4b1e-5f3d-4e8a-9b6c-0d1e2f3a4b5c";
/// The Alexa access token the sample events carry (a sandbox demo link).
pub const SAMPLE_ALEXA_TOKEN: &str = "Atza|sandbox-demo-link";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("environment variable {0} is required")]
    Missing(&'static str),
    #[error("environment variable {0} is invalid: {1}")]
    Invalid(&'static str, String),
    /// The parameter's name (not its value) and why it could not be read.
    #[error("could not read the SSM parameter {0}: {1}")]
    Ssm(String, String),
}

/// A set, non-blank environment variable.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn required(name: &'static str) -> Result<String, ConfigError> {
    var(name).ok_or(ConfigError::Missing(name))
}

fn parse_url(name: &'static str, raw: &str) -> Result<Url, ConfigError> {
    Url::parse(raw).map_err(|e| ConfigError::Invalid(name, e.to_string()))
}

pub fn url_var(name: &'static str, default: &str) -> Result<Url, ConfigError> {
    parse_url(name, &var(name).unwrap_or_else(|| default.to_string()))
}

/// `WITHINGS_CLIENT_AUTH=signature`: sign Withings requests instead of sending
/// the client secret.
fn withings_client_auth() -> ClientAuth {
    if var("WITHINGS_CLIENT_AUTH").as_deref() == Some("signature") {
        ClientAuth::Signature
    } else {
        ClientAuth::Secret
    }
}

/// AWS SDK config with tight timeouts: DynamoDB gets a slice of Alexa's 8 s.
pub async fn aws_config() -> aws_config::SdkConfig {
    let timeouts = aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(1))
        .operation_attempt_timeout(Duration::from_millis(1500))
        .operation_timeout(Duration::from_millis(3000))
        .build();
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .timeout_config(timeouts)
        .http_client(crate::tls::aws_http_client())
        .load()
        .await
}

/// The SSM SecureString `name`, decrypted.
pub async fn ssm_secret(
    aws: &aws_config::SdkConfig,
    name: &str,
) -> Result<ClientSecret, ConfigError> {
    let failed = |why: String| ConfigError::Ssm(name.to_string(), why);
    let out = aws_sdk_ssm::Client::new(aws)
        .get_parameter()
        .name(name)
        .with_decryption(true)
        .send()
        .await
        .map_err(|e| failed(crate::aws_error::one_line("SSM", &e)))?;
    out.parameter
        .and_then(|p| p.value)
        .map(ClientSecret::new)
        .ok_or_else(|| failed("the parameter has no value".into()))
}

/// A secret from `direct` (local runs), or else from the SSM SecureString named
/// by `parameter` (deployed: the value never sits in the function's settings).
/// `None` when neither is set, or SSM is not to be asked (`aws` is `None`).
async fn secret_from_env(
    direct: &str,
    parameter: &str,
    aws: Option<&aws_config::SdkConfig>,
) -> Result<Option<ClientSecret>, ConfigError> {
    if let Some(s) = var(direct) {
        return Ok(Some(ClientSecret::new(s)));
    }
    match (var(parameter), aws) {
        (Some(name), Some(aws)) => ssm_secret(aws, &name).await.map(Some),
        _ => Ok(None),
    }
}

/// The Withings client secret: `WITHINGS_CLIENT_SECRET` or the SSM parameter
/// named by `WITHINGS_CLIENT_SECRET_PARAMETER`.
pub async fn withings_client_secret(
    aws: Option<&aws_config::SdkConfig>,
) -> Result<Option<ClientSecret>, ConfigError> {
    secret_from_env(
        "WITHINGS_CLIENT_SECRET",
        "WITHINGS_CLIENT_SECRET_PARAMETER",
        aws,
    )
    .await
}

/// The secret Alexa presents to the bridge: `ALEXA_CLIENT_SECRET` or the SSM
/// parameter named by `ALEXA_CLIENT_SECRET_PARAMETER`.
pub async fn alexa_client_secret(aws: &aws_config::SdkConfig) -> Result<ClientSecret, ConfigError> {
    secret_from_env(
        "ALEXA_CLIENT_SECRET",
        "ALEXA_CLIENT_SECRET_PARAMETER",
        Some(aws),
    )
    .await?
    .ok_or(ConfigError::Missing("ALEXA_CLIENT_SECRET_PARAMETER"))
}

/// Build the Withings client from `WITHINGS_API_URL` and credentials.
pub fn withings_client(
    http: reqwest::Client,
    api: Url,
    client_id: String,
    secret: ClientSecret,
) -> WithingsClient {
    WithingsClient::new(http, api, Credentials::new(client_id, secret))
}

/// Skill settings from `SKILL_ID`, `ALEXA_API_URL` and `WITHINGS_CLIENT_AUTH`.
pub fn skill_config(skill_id: String) -> SkillConfig {
    let mut config = SkillConfig::new(skill_id);
    config.alexa_api_override = var("ALEXA_API_URL");
    config.client_auth = withings_client_auth();
    config
}

/// What both Lambdas need: the links table and the Withings client.
struct Deployed {
    aws: aws_config::SdkConfig,
    table: String,
    http: reqwest::Client,
    withings: WithingsClient,
}

/// `TABLE_NAME`, `WITHINGS_CLIENT_ID`, `WITHINGS_API_URL` and the Withings
/// client secret (required: a Lambda has no sandbox to fall back on).
async fn deployed_from_env() -> Result<Deployed, ConfigError> {
    let table = required("TABLE_NAME")?;
    let client_id = required("WITHINGS_CLIENT_ID")?;
    let api = url_var("WITHINGS_API_URL", DEFAULT_API_BASE)?;
    let aws = aws_config().await;
    let secret = withings_client_secret(Some(&aws))
        .await?
        .ok_or(ConfigError::Missing("WITHINGS_CLIENT_SECRET_PARAMETER"))?;
    let http = crate::tls::reqwest_client();
    Ok(Deployed {
        withings: withings_client(http.clone(), api, client_id, secret),
        aws,
        table,
        http,
    })
}

impl Deployed {
    fn dynamodb(&self) -> aws_sdk_dynamodb::Client {
        aws_sdk_dynamodb::Client::new(&self.aws)
    }
}

/// Everything the skill Lambda needs, read once at cold start.
pub struct LambdaSetup {
    pub config: SkillConfig,
    pub withings: WithingsClient,
    pub http: reqwest::Client,
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub table: String,
}

/// The skill Lambda: `SKILL_ID` and what [`deployed_from_env`] reads.
pub async fn lambda_from_env() -> Result<LambdaSetup, ConfigError> {
    let skill_id = required("SKILL_ID")?;
    let d = deployed_from_env().await?;
    Ok(LambdaSetup {
        config: skill_config(skill_id),
        dynamodb: d.dynamodb(),
        withings: d.withings,
        http: d.http,
        table: d.table,
    })
}

/// The bridge Lambda: `WITHINGS_AUTHORIZE_URL`, `ALEXA_CLIENT_ID`,
/// `ALEXA_CLIENT_SECRET(_PARAMETER)`, `ALEXA_VENDOR_ID`, `PUBLIC_BASE_URL`
/// (required, `https://`: the deployed bridge never trusts a Host header),
/// `PRIVACY_CONTACT`, `WITHINGS_CLIENT_AUTH` and what [`deployed_from_env`] reads.
pub async fn bridge_from_env() -> Result<Bridge<DynamoStore>, ConfigError> {
    // The plain variables first: a typo fails before any call to AWS.
    let authorize = url_var("WITHINGS_AUTHORIZE_URL", DEFAULT_AUTHORIZE_URL)?;
    let alexa_client_id = required("ALEXA_CLIENT_ID")?;
    let vendor = vendor_id(&required("ALEXA_VENDOR_ID")?)?;
    let public_base_url = public_base_url(&required("PUBLIC_BASE_URL")?)?;
    let contact = required("PRIVACY_CONTACT")?;
    let d = deployed_from_env().await?;
    let alexa_secret = alexa_client_secret(&d.aws).await?;
    let mut config = BridgeConfig::new(
        alexa_client_id,
        alexa_secret,
        vendor,
        public_base_url,
        authorize,
    );
    config.contact_email = Some(contact);
    config.withings_client_auth = withings_client_auth();
    Ok(Bridge {
        config,
        store: DynamoStore::new(d.dynamodb(), d.table),
        withings: d.withings,
        clock: Clock::System,
    })
}

/// `ALEXA_VENDOR_ID`: the redirect URIs are Alexa's three ending in it.
pub fn vendor_id(raw: &str) -> Result<VendorId, ConfigError> {
    VendorId::parse(raw.trim()).ok_or_else(|| {
        ConfigError::Invalid(
            "ALEXA_VENDOR_ID",
            "letters and digits, e.g. M1372REJTJ5N4Z".into(),
        )
    })
}

/// `PUBLIC_BASE_URL`: an `https://` URL with no query or fragment (`http://`
/// only to a loopback address, for `cargo lambda watch`: never reachable by a
/// stranger's browser).
fn public_base_url(raw: &str) -> Result<Url, ConfigError> {
    let url = parse_url("PUBLIC_BASE_URL", raw)?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    if !scheme_ok || url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError::Invalid(
            "PUBLIC_BASE_URL",
            "an https:// URL without query or fragment".into(),
        ));
    }
    Ok(url)
}

/// The skill Lambda's clock, read once at cold start: the system clock, unless
/// `SKILL_CLOCK_START` (RFC 3339) starts it at that instant, to give a local
/// demo under `cargo lambda watch` a fixed "now" (scripts/dev.sh's `DEV_NOW`).
/// For local demos only: a deployed skill never sets it (the template does not),
/// and when it is set the log says so.
pub fn skill_clock() -> Clock {
    clock_starting(var("SKILL_CLOCK_START").as_deref())
}

fn clock_starting(start: Option<&str>) -> Clock {
    let Some(raw) = start else {
        return Clock::System;
    };
    match chrono::DateTime::parse_from_rfc3339(raw) {
        Ok(at) => {
            tracing::warn!(
                start = raw,
                "SKILL_CLOCK_START is set: the clock starts there (for local demos only)"
            );
            Clock::starting_at(at.to_utc())
        }
        Err(e) => {
            tracing::warn!(
                value = raw,
                error = %e,
                "SKILL_CLOCK_START is not RFC 3339 (e.g. 2026-11-25T13:00:00Z): ignored"
            );
            Clock::System
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{clock_starting, public_base_url, vendor_id};
    use withings::Clock;

    #[test]
    fn the_bridge_lives_on_https_for_one_vendor() {
        assert!(public_base_url("https://link.example.com").is_ok());
        assert!(public_base_url("https://abc.execute-api.us-east-1.amazonaws.com/").is_ok());
        assert!(public_base_url("http://127.0.0.1:9000/lambda-url/link").is_ok());
        for bad in [
            "http://link.example.com",
            "http://127.0.0.1.evil.example",
            "link.example.com",
            "https://l.example/?a=1",
        ] {
            assert!(public_base_url(bad).is_err(), "{bad}");
        }
        assert!(vendor_id("M1372REJTJ5N4Z").is_ok());
        assert!(vendor_id("M13/../x").is_err());
    }

    #[test]
    fn skill_clock_start_starts_the_clock_or_is_ignored() {
        assert!(matches!(clock_starting(None), Clock::System));
        assert!(matches!(clock_starting(Some("yesterday")), Clock::System));
        let clock = clock_starting(Some("2026-11-25T13:00:00Z"));
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T13:00:00Z").unwrap();
        let drift = clock.now() - at.to_utc();
        assert!(drift >= chrono::Duration::zero() && drift < chrono::Duration::minutes(1));
    }
}
