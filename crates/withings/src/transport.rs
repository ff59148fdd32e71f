//! The one HTTP path every Withings call takes, whatever signs it: the base-URL
//! join, the deadline, the classification of transport failures, the HTTP
//! status and the `{status, body}` envelope. Each client maps a [`Failure`]
//! onto its own error type.

use crate::deadline::Deadline;
use crate::lenient;
use crate::scrub::scrub;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use url::Url;

/// Why an exchange brought back nothing usable.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The deadline passed first.
    Timeout,
    /// No answer: a short reason that never quotes the URL.
    Transport(String),
    /// A non-2xx answer, with its body for whatever detail the caller reads there.
    Http {
        status: u16,
        /// Only the OAuth 1.0 client reads it, for the provider's `oauth_problem`.
        #[cfg_attr(not(feature = "oauth1"), allow(dead_code))]
        body: Vec<u8>,
    },
    /// Not the JSON expected; the excerpt is scrubbed of anything token-like.
    Malformed { status: u16, excerpt: String },
    /// A non-zero envelope `status`, with the envelope's `error` message if any.
    Status {
        status: i64,
        message: Option<String>,
    },
}

/// The envelope of every Withings answer.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(deserialize_with = "lenient::i64_any")]
    status: i64,
    #[serde(borrow, default)]
    body: Option<&'a RawValue>,
    #[serde(default)]
    error: Option<String>,
}

/// `path` appended to the path of `base`, so an API mounted under a prefix
/// (`http://127.0.0.1:8080/withings`) keeps it.
pub(crate) fn endpoint(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{path}", url.path().trim_end_matches('/'));
    url.set_path(&joined);
    url
}

/// Send `req` and read the whole answer before `deadline`. A 2xx answer gives
/// its HTTP status and body; anything else is a [`Failure`].
pub(crate) async fn exchange(
    req: reqwest::RequestBuilder,
    deadline: Deadline,
) -> Result<(u16, Vec<u8>), Failure> {
    let exchange = async {
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let body: Vec<u8> = resp.bytes().await?.into();
        Ok::<_, reqwest::Error>((status, body))
    };
    let (status, body) = match tokio::time::timeout_at(deadline.instant(), exchange).await {
        Err(_) => return Err(Failure::Timeout),
        Ok(Err(e)) if e.is_timeout() => return Err(Failure::Timeout),
        Ok(Err(e)) => return Err(Failure::Transport(transport_reason(&e))),
        Ok(Ok(r)) => r,
    };
    if !(200..300).contains(&status) {
        return Err(Failure::Http { status, body });
    }
    Ok((status, body))
}

/// A Withings API call: [`exchange`], then the decoded `body` of a status-0
/// envelope. `path` names the call in logs.
pub(crate) async fn call<T: DeserializeOwned>(
    req: reqwest::RequestBuilder,
    deadline: Deadline,
    path: &str,
) -> Result<T, Failure> {
    let (status, bytes) = exchange(req, deadline).await?;
    let malformed = || Failure::Malformed {
        status,
        excerpt: scrub(&String::from_utf8_lossy(&bytes)),
    };
    let envelope: Envelope = serde_json::from_slice(&bytes).map_err(|_| malformed())?;
    if envelope.status != 0 {
        return Err(Failure::Status {
            status: envelope.status,
            message: envelope.error,
        });
    }
    let body = envelope.body.ok_or_else(malformed)?;
    serde_json::from_str(body.get()).map_err(|e| {
        // serde's message may quote a value; log only where and what kind.
        tracing::warn!(
            path,
            kind = ?e.classify(),
            line = e.line(),
            column = e.column(),
            "Withings body did not match the expected shape"
        );
        malformed()
    })
}

/// A short reason for a failed exchange. Never reqwest's own message: it includes
/// the URL, and OAuth 1.0 URLs carry the token in their query.
fn transport_reason(e: &reqwest::Error) -> String {
    if e.is_connect() {
        "connection failed".into()
    } else if e.is_body() || e.is_decode() {
        "the response body was cut off".into()
    } else {
        "request failed".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_keep_the_base_path() {
        let join = |base: &str| endpoint(&Url::parse(base).unwrap(), "/measure").to_string();
        assert_eq!(
            join("https://wbsapi.withings.net"),
            "https://wbsapi.withings.net/measure"
        );
        assert_eq!(
            join("http://127.0.0.1:8080/api/"),
            "http://127.0.0.1:8080/api/measure"
        );
    }
}
