//! Request parameters, read the one way for every endpoint: `Pairs` from a
//! query string or a form body, bounded and checked for repeats, then a struct.
//! `PageQuery` answers a browser with a page, `TokenForm` answers `/token` with
//! an OAuth error; `/authorize` reads `Pairs` itself, since after a valid
//! redirect URI its errors go back to Alexa.
//!
//! OAuth 2.0 forbids sending a parameter twice (RFC 6749 §3.1), and silently
//! taking the first or the last would let the bridge check one value and act
//! on another: a repeated parameter is refused, whatever its name. Every value
//! is capped, so nothing oversized is stored, logged or echoed.

use super::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Deserializer};
use std::collections::HashSet;

/// The longest query string or form body the bridge reads.
pub const MAX_INPUT_BYTES: usize = 8 * 1024;
/// The most parameters one request may carry.
const MAX_PARAMS: usize = 32;
/// The longest parameter name.
const MAX_NAME_BYTES: usize = 64;
/// The longest value of any parameter (decoded); Alexa's `state` is the
/// longest legitimate one.
pub const MAX_VALUE_BYTES: usize = 512;

/// Why parameters were refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ParamError {
    /// Too many bytes or parameters, a name or value over its cap.
    TooLarge,
    Repeated,
    Unreadable,
}

impl ParamError {
    pub(super) fn description(&self) -> &'static str {
        match self {
            ParamError::TooLarge => "a parameter is too long, or there are too many",
            ParamError::Repeated => "a parameter appears more than once",
            ParamError::Unreadable => "the parameters are unreadable",
        }
    }
}

/// Decoded name-value pairs in the order sent.
pub(super) struct Pairs(Vec<(String, String)>);

impl Pairs {
    /// `raw` (`application/x-www-form-urlencoded`), within the overall bounds.
    pub(super) fn parse(raw: &[u8]) -> Result<Pairs, ParamError> {
        if raw.len() > MAX_INPUT_BYTES {
            return Err(ParamError::TooLarge);
        }
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw).into_owned().collect();
        if pairs.len() > MAX_PARAMS || pairs.iter().any(|(k, _)| k.len() > MAX_NAME_BYTES) {
            return Err(ParamError::TooLarge);
        }
        Ok(Pairs(pairs))
    }

    /// The value of `name` if sent once (`None` if not sent or empty).
    pub(super) fn one(&self, name: &str) -> Result<Option<&str>, ParamError> {
        let mut values = self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (values.next(), values.next()) {
            (Some(_), Some(_)) => Err(ParamError::Repeated),
            (Some(v), None) if v.len() > MAX_VALUE_BYTES => Err(ParamError::TooLarge),
            (Some(v), None) if !v.is_empty() => Ok(Some(v)),
            _ => Ok(None),
        }
    }

    /// The first thing wrong with any parameter, if any.
    pub(super) fn problem(&self) -> Option<ParamError> {
        let mut seen = HashSet::new();
        for (k, v) in &self.0 {
            if !seen.insert(k.as_str()) {
                return Some(ParamError::Repeated);
            }
            if v.len() > MAX_VALUE_BYTES {
                return Some(ParamError::TooLarge);
            }
        }
        None
    }

    /// The struct the endpoint reads; parameters it does not name are ignored,
    /// as the protocol requires.
    fn into_struct<T: DeserializeOwned>(self) -> Result<T, ParamError> {
        if let Some(p) = self.problem() {
            return Err(p);
        }
        let map: serde_json::Map<String, serde_json::Value> = self
            .0
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::String(v)))
            .collect();
        serde_json::from_value(serde_json::Value::Object(map)).map_err(|_| ParamError::Unreadable)
    }
}

/// For `#[serde(default, deserialize_with = "nonempty")]`: an empty parameter
/// counts as one not sent (`code=` is no code).
pub(super) fn nonempty<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let raw = String::deserialize(d)?;
    if raw.is_empty() {
        return Ok(None);
    }
    T::deserialize(raw.into_deserializer()).map(Some)
}

/// The query string's pairs (for `/authorize`), or a 400 page when even the
/// overall bounds are broken.
pub(super) struct QueryPairs(pub Pairs);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let raw = parts.uri.query().unwrap_or("");
        Pairs::parse(raw.as_bytes())
            .map(QueryPairs)
            .map_err(|e| AppError::BadRequest(e.description()))
    }
}

/// The query string of a browser request, or a 400 page.
pub(super) struct PageQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let QueryPairs(pairs) = QueryPairs::from_request_parts(parts, state).await?;
        pairs.into_struct().map(PageQuery).map_err(|e| {
            AppError::BadRequest(match e {
                ParamError::Repeated => {
                    "A parameter appears more than once. Please start again from the Alexa app."
                }
                other => other.description(),
            })
        })
    }
}

/// The form body of a `/token` request, or an `invalid_request` error.
pub(super) struct TokenForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for TokenForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|m| {
                m.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !form {
            return Err(AppError::InvalidRequest(
                "the body must be application/x-www-form-urlencoded",
            ));
        }
        // Over the router's body limit: unreadable here.
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::InvalidRequest(ParamError::TooLarge.description()))?;
        Pairs::parse(&body)
            .and_then(Pairs::into_struct)
            .map(TokenForm)
            .map_err(|e| AppError::InvalidRequest(e.description()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::AuthCode;
    use axum::body::Body;
    use axum::http;

    #[derive(Deserialize)]
    struct Params {
        #[serde(default, deserialize_with = "nonempty")]
        code: Option<AuthCode>,
        state: Option<String>,
    }

    fn form(body: String) -> Request {
        http::Request::post("/token")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    }

    async fn token_form(body: impl Into<String>) -> Result<Params, AppError> {
        TokenForm::<Params>::from_request(form(body.into()), &())
            .await
            .map(|TokenForm(p)| p)
    }

    async fn page_query(uri: &str) -> Result<Params, AppError> {
        let (mut parts, ()) = http::Request::get(uri).body(()).unwrap().into_parts();
        PageQuery::<Params>::from_request_parts(&mut parts, &())
            .await
            .map(|PageQuery(p)| p)
    }

    #[tokio::test]
    async fn a_repeated_parameter_is_refused_not_picked() {
        let p = token_form("code=a%2Bb&state=s+t&other=1").await.unwrap();
        assert_eq!(p.code.unwrap().expose(), "a+b");
        assert_eq!(p.state.as_deref(), Some("s t"));
        assert!(token_form("code=&state=").await.unwrap().code.is_none());
        for body in [
            "code=a&code=b",
            "code=a&state=s&code=a",
            "state=&state=",
            "code=&code=",
            "code=a&other=1&other=2",
        ] {
            assert!(
                matches!(token_form(body).await, Err(AppError::InvalidRequest(_))),
                "{body}"
            );
        }
        assert!(page_query("/authorize?state=a").await.is_ok());
        assert!(page_query("/authorize").await.is_ok());
        assert!(matches!(
            page_query("/authorize?state=a&state=b").await,
            Err(AppError::BadRequest(_))
        ));
    }

    #[tokio::test]
    async fn every_parameter_is_bounded() {
        let at_cap = "s".repeat(MAX_VALUE_BYTES);
        assert!(token_form(format!("state={at_cap}")).await.is_ok());
        let over = format!("state={at_cap}s");
        assert!(matches!(
            token_form(over.clone()).await,
            Err(AppError::InvalidRequest(_))
        ));
        assert!(matches!(
            page_query(&format!("/cb?{over}")).await,
            Err(AppError::BadRequest(_))
        ));
        // Unknown parameters are bounded too, in length and in number.
        let long_other = format!("other={at_cap}x");
        assert!(matches!(
            token_form(long_other).await,
            Err(AppError::InvalidRequest(_))
        ));
        let many: Vec<String> = (0..=MAX_PARAMS).map(|i| format!("p{i}=1")).collect();
        assert!(matches!(
            token_form(many.join("&")).await,
            Err(AppError::InvalidRequest(_))
        ));
        let long_name = format!("{}=1", "n".repeat(MAX_NAME_BYTES + 1));
        assert!(matches!(
            token_form(long_name).await,
            Err(AppError::InvalidRequest(_))
        ));
        let huge = format!("a={}", "x".repeat(MAX_INPUT_BYTES));
        assert!(matches!(
            token_form(huge).await,
            Err(AppError::InvalidRequest(_))
        ));
        assert_eq!(
            Pairs::parse(b"a=1&a=2").unwrap().one("a"),
            Err(ParamError::Repeated)
        );
        assert_eq!(Pairs::parse(b"a=").unwrap().one("a"), Ok(None));
    }

    #[tokio::test]
    async fn a_token_body_must_be_a_form() {
        let req = http::Request::post("/token")
            .body(Body::from("code=a"))
            .unwrap();
        let r = TokenForm::<Params>::from_request(req, &()).await;
        assert!(matches!(r, Err(AppError::InvalidRequest(_))));
    }
}
