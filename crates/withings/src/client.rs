//! The OAuth 2.0 client: one `reqwest::Client`, the application's credentials,
//! the POST that every data and token call goes through, a deadline on every
//! call, and `more`/`offset` paging.

use super::error::WithingsError;
use super::lenient;
use crate::secret::{AccessToken, ClientSecret};
use crate::transport::{self, Failure};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::time::Duration;
use tokio::time::Instant;
use url::Url;

/// The production API host.
pub const DEFAULT_API_BASE: &str = "https://wbsapi.withings.net";

/// The instant by which a call must have answered. A caller with a budget for
/// the whole request (a voice assistant waits a few seconds at most) gives
/// every outbound call its share of that budget.
#[derive(Clone, Copy, Debug)]
pub struct Deadline(Instant);

impl Deadline {
    pub fn after(d: Duration) -> Self {
        Deadline(Instant::now() + d)
    }
    pub fn at(i: Instant) -> Self {
        Deadline(i)
    }
    pub fn instant(&self) -> Instant {
        self.0
    }
    pub fn remaining(&self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }
    /// The earlier of this deadline and `d` from now.
    pub fn cap(&self, d: Duration) -> Self {
        Deadline(self.0.min(Instant::now() + d))
    }
}

/// An application's Withings credentials.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub client_id: String,
    pub client_secret: ClientSecret,
}

/// A Withings API client. Cheap to clone; build it once per process.
#[derive(Clone, Debug)]
pub struct WithingsClient {
    http: reqwest::Client,
    api_base: Url,
    credentials: Credentials,
}

/// The paging fields every list endpoint returns beside its items.
#[derive(Debug, Default, Deserialize)]
pub struct PageInfo {
    #[serde(default, deserialize_with = "lenient::more_flag")]
    pub more: bool,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub offset: Option<i64>,
}

/// Build the shared HTTP client with sane transport limits.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(2))
        .pool_idle_timeout(Duration::from_secs(50))
        .user_agent(concat!("withings-rs/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client configuration is static")
}

impl WithingsClient {
    pub fn new(http: reqwest::Client, api_base: Url, credentials: Credentials) -> Self {
        WithingsClient {
            http,
            api_base,
            credentials,
        }
    }

    pub fn api_base(&self) -> &Url {
        &self.api_base
    }

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

    /// Follow `more`/`offset` until done or `max_pages` pages were read. `split`
    /// takes a page body apart into its items and its paging info.
    pub(crate) async fn paged<P: DeserializeOwned, I>(
        &self,
        path: &str,
        token: &AccessToken,
        form: &[(&str, String)],
        deadline: Deadline,
        max_pages: usize,
        split: impl Fn(P) -> (Vec<I>, PageInfo),
    ) -> Result<Paged<I>, WithingsError> {
        let mut items = Vec::new();
        let mut offset: Option<i64> = None;
        for _ in 0..max_pages.max(1) {
            let mut page_form = form.to_vec();
            if let Some(o) = offset {
                page_form.push(("offset", o.to_string()));
            }
            let (mut page, info) = split(self.data(path, token, &page_form, deadline).await?);
            items.append(&mut page);
            match (info.more, info.offset) {
                (true, Some(next)) if Some(next) != offset => offset = Some(next),
                _ => {
                    return Ok(Paged {
                        items,
                        complete: true,
                    });
                }
            }
        }
        Ok(Paged {
            items,
            complete: false,
        })
    }
}

/// The form of a v2 call over local days: the action, `startdateymd`/`enddateymd`,
/// and the data fields asked for explicitly (Withings omits many unless asked).
pub(crate) fn days_form(
    action: &str,
    days: super::dates::DayRange,
    fields: &[&str],
) -> Vec<(&'static str, String)> {
    let (start, end) = days.ymd();
    vec![
        ("action", action.to_string()),
        ("startdateymd", start),
        ("enddateymd", end),
        ("data_fields", fields.join(",")),
    ]
}

/// Items gathered across pages; `complete` is false when the page limit cut it short.
#[derive(Debug)]
pub struct Paged<I> {
    pub items: Vec<I>,
    pub complete: bool,
}
