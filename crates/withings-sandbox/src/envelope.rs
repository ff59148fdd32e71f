//! The Withings reply envelope: HTTP 200 whatever happened, with
//! `{"status": 0, "body": …}` on success and a non-zero status and an `error`
//! otherwise.

use serde_json::{Value, json};

pub(crate) fn ok(body: Value) -> Value {
    json!({"status": 0, "body": body})
}

pub(crate) fn status(code: i64, error: &str) -> Value {
    json!({"status": code, "body": {}, "error": error})
}

/// Status 503, Withings' answer to a parameter it does not accept.
pub(crate) fn invalid_params(what: &str) -> Value {
    status(503, &format!("Invalid Params: {what}"))
}

/// Status 401, worded as Withings words it.
pub(crate) fn invalid_token(why: &str) -> Value {
    status(
        401,
        &format!("XRequestID: Not provided invalid_token: {why}"),
    )
}
