//! The OAuth 2.0 client: one `reqwest::Client`, the application's credentials,
//! and the POST that every data and token call goes through.

use crate::deadline::Deadline;
use crate::error::WithingsError;
use crate::secret::{AccessToken, ClientSecret};
use crate::transport::{self, Failure};
use serde::de::DeserializeOwned;
use std::time::Duration;
use url::Url;

/// The production API host.
pub const DEFAULT_API_BASE: &str = "https://wbsapi.withings.net";

/// An application's Withings credentials, from the Withings developer dashboard.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Credentials {
    /// The application's client id.
    pub client_id: String,
    /// The application's client secret (prints redacted).
    pub client_secret: ClientSecret,
}

impl Credentials {
    /// Credentials from a client id and secret.
    pub fn new(client_id: impl Into<String>, client_secret: ClientSecret) -> Self {
        Credentials {
            client_id: client_id.into(),
            client_secret,
        }
    }
}

/// A Withings API client. Cheap to clone; build it once per process.
#[derive(Clone, Debug)]
pub struct WithingsClient {
    http: reqwest::Client,
    api_base: Url,
    credentials: Credentials,
}

/// Build the shared HTTP client with sane transport limits.
pub fn http_client() -> reqwest::Client {
    http_client_builder()
        .build()
        .expect("the HTTP client configuration is static")
}

/// The settings of [`http_client`], for a caller that adds its own (a TLS
/// configuration, say) before building.
pub fn http_client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(2))
        .pool_idle_timeout(Duration::from_secs(50))
        .user_agent(concat!("withings-rs/", env!("CARGO_PKG_VERSION")))
}

impl WithingsClient {
    /// A client calling the API at `api_base` (usually [`DEFAULT_API_BASE`]).
    pub fn new(http: reqwest::Client, api_base: Url, credentials: Credentials) -> Self {
        WithingsClient {
            http,
            api_base,
            credentials,
        }
    }

    /// The API host this client calls.
    pub fn api_base(&self) -> &Url {
        &self.api_base
    }

    /// The application's credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// POST a form to `path` and return the decoded `body` of a status-0 envelope.
    /// Non-zero statuses go through `on_status` so token calls can classify them
    /// differently from data calls.
    pub(crate) async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        bearer: Option<&AccessToken>,
        form: &[(&str, String)],
        deadline: Deadline,
        on_status: fn(i64, Option<String>) -> WithingsError,
    ) -> Result<T, WithingsError> {
        let mut req = self
            .http
            .post(transport::endpoint(&self.api_base, path))
            .form(form);
        if let Some(token) = bearer {
            req = req.bearer_auth(token.expose());
        }
        transport::call(req, deadline, path)
            .await
            .map_err(|failure| match failure {
                Failure::Timeout => WithingsError::Timeout,
                Failure::Transport(reason) => WithingsError::Transport(reason),
                Failure::Http { status: 401, .. } => on_status(401, None),
                Failure::Http { status, .. } => WithingsError::Http { status },
                Failure::Malformed { status, excerpt } => {
                    WithingsError::Malformed { status, excerpt }
                }
                Failure::Status { status, message } => on_status(status, message),
            })
    }

    /// A bearer-authenticated data call.
    pub(crate) async fn data<T: DeserializeOwned>(
        &self,
        path: &str,
        token: &AccessToken,
        form: &[(&str, String)],
        deadline: Deadline,
    ) -> Result<T, WithingsError> {
        self.post(
            path,
            Some(token),
            form,
            deadline,
            WithingsError::from_status,
        )
        .await
    }
}
