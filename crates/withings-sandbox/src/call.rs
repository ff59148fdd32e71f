//! A call to the Withings API, read as the real API reads it: the parameters
//! from the form body or the query string (the body winning), `action` among
//! them, and the access token from `Authorization: Bearer` or an `access_token`
//! parameter.

use axum::extract::{Form, FromRequest, Query, Request};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The parameters of a call: form body and query string merged.
#[derive(Debug, Default)]
pub(crate) struct Params(HashMap<String, String>);

impl Params {
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// The `action` selecting what an endpoint does ("" when absent).
    pub(crate) fn action(&self) -> &str {
        self.get("action").unwrap_or("")
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        Params(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl<S: Send + Sync> FromRequest<S> for Params {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Query(query) = Query::<HashMap<String, String>>::try_from_uri(req.uri())
            .map_err(IntoResponse::into_response)?;
        // Only a body that says what it is can hold parameters: a bare probe
        // (`curl $SANDBOX_URL/v2/sleep`) has neither.
        let mut params = if req.headers().contains_key(header::CONTENT_TYPE) {
            let Form(body) = Form::<HashMap<String, String>>::from_request(req, state)
                .await
                .map_err(IntoResponse::into_response)?;
            body
        } else {
            HashMap::new()
        };
        for (k, v) in query {
            params.entry(k).or_insert(v);
        }
        Ok(Params(params))
    }
}

/// One call to a Withings endpoint.
pub(crate) struct Call {
    path: String,
    bearer: Option<String>,
    pub params: Params,
}

impl Call {
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn action(&self) -> &str {
        self.params.action()
    }

    /// The bearer token, else the `access_token` parameter.
    pub(crate) fn access_token(&self) -> Option<&str> {
        self.bearer
            .as_deref()
            .or_else(|| self.params.get("access_token"))
    }
}

impl<S: Send + Sync> FromRequest<S> for Call {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let path = req.uri().path().to_owned();
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        let params = Params::from_request(req, state).await?;
        Ok(Call {
            path,
            bearer,
            params,
        })
    }
}
