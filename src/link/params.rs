//! Request parameters as axum extractors whose rejections answer in the
//! endpoint's own form: `PageQuery` for the browser endpoints, `TokenForm` for
//! `/token`.
//!
//! OAuth 2.0 forbids sending a parameter twice, and silently taking the first
//! or the last would let the bridge check one value and act on another. Both
//! extractors deserialize into a struct with serde_urlencoded, which refuses a
//! field that appears twice; parameters the struct does not name are ignored,
//! as the protocol requires.

use super::error::AppError;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Deserializer};

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

/// The query string of a browser request, or a 400 page.
pub(super) struct PageQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(t)) => Ok(PageQuery(t)),
            // The structs hold strings only: a repeated parameter is what fails.
            Err(QueryRejection::FailedToDeserializeQueryString(_)) => Err(AppError::BadRequest(
                "A parameter appears more than once. Please start again from the Alexa app.",
            )),
            Err(_) => Err(AppError::BadRequest(
                "The request's parameters are unreadable.",
            )),
        }
    }
}

/// The form body of a `/token` request, or an `invalid_request` error.
pub(super) struct TokenForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for TokenForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match Form::<T>::from_request(req, state).await {
            Ok(Form(t)) => Ok(TokenForm(t)),
            Err(
                FormRejection::FailedToDeserializeForm(_)
                | FormRejection::FailedToDeserializeFormBody(_),
            ) => Err(AppError::InvalidRequest(
                "a parameter appears more than once",
            )),
            Err(FormRejection::InvalidFormContentType(_)) => Err(AppError::InvalidRequest(
                "the body must be application/x-www-form-urlencoded",
            )),
            Err(_) => Err(AppError::InvalidRequest("the request body is unreadable")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::AuthCode;
    use axum::body::Body;
    use axum::http::{self, header};

    #[derive(Deserialize)]
    struct Params {
        #[serde(default, deserialize_with = "nonempty")]
        code: Option<AuthCode>,
        state: Option<String>,
    }

    fn form(body: &'static str) -> Request {
        http::Request::post("/token")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    }

    async fn token_form(body: &'static str) -> Result<Params, AppError> {
        TokenForm::<Params>::from_request(form(body), &())
            .await
            .map(|TokenForm(p)| p)
    }

    async fn page_query(uri: &'static str) -> Result<Params, AppError> {
        let (mut parts, ()) = http::Request::get(uri).body(()).unwrap().into_parts();
        PageQuery::<Params>::from_request_parts(&mut parts, &())
            .await
            .map(|PageQuery(p)| p)
    }

    #[tokio::test]
    async fn a_repeated_parameter_is_refused_not_picked() {
        let p = token_form("code=a%2Bb&state=s+t&other=1&other=2")
            .await
            .unwrap();
        assert_eq!(p.code.unwrap().expose(), "a+b");
        assert_eq!(p.state.as_deref(), Some("s t"));
        assert!(token_form("code=&state=").await.unwrap().code.is_none());
        for body in [
            "code=a&code=b",
            "code=a&state=s&code=a",
            "state=&state=",
            "code=&code=",
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
    async fn a_token_body_must_be_a_form() {
        let req = http::Request::post("/token")
            .body(Body::from("code=a"))
            .unwrap();
        let r = TokenForm::<Params>::from_request(req, &()).await;
        assert!(matches!(r, Err(AppError::InvalidRequest(_))));
    }
}
