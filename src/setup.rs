//! Configuration from the environment and the clients built once per process,
//! shared by the Lambda binary and the local runner.

use crate::secret::ClientSecret;
use crate::skill::SkillConfig;
use std::time::Duration;
use url::Url;
use withings::{Credentials, DEFAULT_API_BASE, WithingsClient, http_client};

/// The skill id of the sample events in `events/`.
pub const SAMPLE_SKILL_ID: &str = "amzn1.ask.skill.7c2a4b1e-5f3d-4e8a-9b6c-0d1e2f3a4b5c";
/// The Alexa access token the sample events carry (a sandbox demo link).
pub const SAMPLE_ALEXA_TOKEN: &str = "Atza|sandbox-demo-link";

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("environment variable {0} is required")]
    Missing(&'static str),
    #[error("environment variable {0} is invalid: {1}")]
    Invalid(&'static str, String),
    #[error("could not read the Withings client secret from SSM: {0}")]
    Secret(String),
}

pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

pub fn url_var(name: &'static str, default: &str) -> Result<Url, SetupError> {
    let raw = var(name).unwrap_or_else(|| default.to_string());
    Url::parse(&raw).map_err(|e| SetupError::Invalid(name, e.to_string()))
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
        .load()
        .await
}

/// The Withings client secret: `WITHINGS_CLIENT_SECRET` directly (local runs), or
/// the SSM SecureString named by `WITHINGS_CLIENT_SECRET_PARAMETER` (deployed).
pub async fn client_secret(
    aws: Option<&aws_config::SdkConfig>,
) -> Result<Option<ClientSecret>, SetupError> {
    if let Some(s) = var("WITHINGS_CLIENT_SECRET") {
        return Ok(Some(ClientSecret::new(s)));
    }
    let (Some(name), Some(aws)) = (var("WITHINGS_CLIENT_SECRET_PARAMETER"), aws) else {
        return Ok(None);
    };
    let out = aws_sdk_ssm::Client::new(aws)
        .get_parameter()
        .name(name)
        .with_decryption(true)
        .send()
        .await
        .map_err(|e| SetupError::Secret(aws_sdk_ssm::error::DisplayErrorContext(&e).to_string()))?;
    out.parameter
        .and_then(|p| p.value)
        .map(|v| Some(ClientSecret::new(v)))
        .ok_or_else(|| SetupError::Secret("the parameter has no value".into()))
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

/// Skill settings from `SKILL_ID` and `ALEXA_API_URL`.
pub fn skill_config(skill_id: String) -> SkillConfig {
    let mut config = SkillConfig::new(skill_id);
    config.alexa_api_override = var("ALEXA_API_URL");
    if var("WITHINGS_CLIENT_AUTH").as_deref() == Some("signature") {
        config.client_auth = withings::ClientAuth::Signature;
    }
    config
}

/// Everything the Lambda needs, read once at cold start.
pub struct LambdaSetup {
    pub config: SkillConfig,
    pub withings: WithingsClient,
    pub http: reqwest::Client,
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub table: String,
}

pub async fn lambda_from_env() -> Result<LambdaSetup, SetupError> {
    let skill_id = var("SKILL_ID").ok_or(SetupError::Missing("SKILL_ID"))?;
    let table = var("TABLE_NAME").ok_or(SetupError::Missing("TABLE_NAME"))?;
    let client_id = var("WITHINGS_CLIENT_ID").ok_or(SetupError::Missing("WITHINGS_CLIENT_ID"))?;
    let api = url_var("WITHINGS_API_URL", DEFAULT_API_BASE)?;
    let aws = aws_config().await;
    let secret = client_secret(Some(&aws))
        .await?
        .ok_or(SetupError::Missing("WITHINGS_CLIENT_SECRET_PARAMETER"))?;
    let http = http_client();
    Ok(LambdaSetup {
        config: skill_config(skill_id),
        withings: withings_client(http.clone(), api, client_id, secret),
        http,
        dynamodb: aws_sdk_dynamodb::Client::new(&aws),
        table,
    })
}
