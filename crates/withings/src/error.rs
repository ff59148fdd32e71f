//! One error type that tells the caller what to do next (relink, back off,
//! retry), and the buckets of Withings' status codes it is classified by.

use crate::scrub::scrub;
use thiserror::Error;

/// The buckets of Withings' "Response Status" table: what a non-zero `status`
/// in an answer's body means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatusBucket {
    /// 0: the call succeeded.
    Ok,
    /// "Authentication failed": the token (or the signature) was not accepted.
    AuthFailed,
    /// "Invalid params": a parameter is missing or wrong; retrying will not help.
    InvalidParams,
    /// "Unauthorized": Withings refuses this call to this application or user.
    Unauthorized,
    /// "An unknown error occurred" and other server-side errors; they may pass.
    Error,
    /// 522, "Timeout": Withings timed out; retry.
    Timeout,
    /// 524, "Bad state".
    BadState,
    /// 601, "Too many requests": back off.
    TooManyRequests,
    /// 2554, "Not implemented".
    NotImplemented,
    /// A code the table does not list.
    Unknown,
}

impl StatusBucket {
    /// Classify a body `status` per Withings' "Response Status" table.
    pub fn of(status: i64) -> Self {
        use StatusBucket::*;
        match status {
            0 => Ok,
            100..=102 | 200 | 401 => AuthFailed,
            214 | 277 | 2553 | 2555 => Unauthorized,
            522 => Timeout,
            524 => BadState,
            601 => TooManyRequests,
            2554 => NotImplemented,
            201..=213
            | 216..=218
            | 220..=221
            | 223
            | 225
            | 227..=230
            | 234..=236
            | 238
            | 240..=252
            | 254
            | 260..=267
            | 271..=272
            | 275..=276
            | 283..=288
            | 290
            | 293..=295
            | 297
            | 300..=304
            | 321
            | 323..=353
            | 380..=382
            | 400
            | 501..=511
            | 523
            | 532
            | 3017..=3019 => InvalidParams,
            215
            | 219
            | 222
            | 224
            | 226
            | 231..=233
            | 237
            | 253
            | 255..=259
            | 268..=270
            | 273..=274
            | 278..=282
            | 289
            | 291..=292
            | 296
            | 298
            | 305..=320
            | 322
            | 370..=375
            | 383
            | 391
            | 402
            | 516..=521
            | 525..=531
            | 533
            | 602
            | 700
            | 1051..=1054
            | 2551..=2552
            | 2556..=2559
            | 3000..=3016
            | 3020..=3024
            | 5000..=5006
            | 6000
            | 6010..=6011
            | 9000
            | 10000 => Error,
            _ => Unknown,
        }
    }
}

/// Why a Withings call failed, sorted by what the caller should do about it.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum WithingsError {
    /// The access token is invalid or expired: refresh, or ask the user to relink.
    #[error("Withings rejected the access token (status {status})")]
    InvalidToken {
        /// The body status (401 for an HTTP 401).
        status: i64,
    },
    /// The refresh token (or authorization code) was refused: the user must link again.
    #[error("Withings refused the grant (status {status}): {message}")]
    GrantRefused {
        /// The body status.
        status: i64,
        /// Withings' message, scrubbed of anything token-like.
        message: String,
    },
    /// Status 601. Withings sends no Retry-After; back off.
    #[error("Withings rate limit reached (status 601)")]
    RateLimited,
    /// Any other non-zero body status; [`is_transient`](Self::is_transient)
    /// says whether trying again may help.
    #[error("Withings status {status} ({bucket:?}): {message}")]
    Api {
        /// The body status.
        status: i64,
        /// What the status means.
        bucket: StatusBucket,
        /// Withings' message, scrubbed of anything token-like.
        message: String,
    },
    /// A non-2xx HTTP status (Withings itself answers 200 even for errors).
    #[error("Withings answered HTTP {status}")]
    Http {
        /// The HTTP status; 5xx may pass, retry later.
        status: u16,
    },
    /// The call's deadline passed; retry with a new one if time allows.
    #[error("Withings did not answer before the deadline")]
    Timeout,
    /// No answer at all (connection refused, cut off); retry later. The reason
    /// never quotes the URL.
    #[error("could not reach Withings: {0}")]
    Transport(String),
    /// The body was not the JSON we expect: Withings changed something, or a
    /// proxy answered. Retrying rarely helps.
    #[error("unexpected response from Withings (HTTP {status}): {excerpt}")]
    Malformed {
        /// The HTTP status of the answer.
        status: u16,
        /// The start of the body, scrubbed of anything token-like.
        excerpt: String,
    },
}

impl WithingsError {
    /// Whether the same call could succeed if tried again shortly.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            WithingsError::Timeout
                | WithingsError::Transport(_)
                | WithingsError::Http { status: 500..=599 }
                | WithingsError::Api {
                    bucket: StatusBucket::Timeout | StatusBucket::Error,
                    ..
                }
        )
    }

    /// Classify a non-zero body status from a data call.
    pub(crate) fn from_status(status: i64, message: Option<String>) -> Self {
        match StatusBucket::of(status) {
            StatusBucket::AuthFailed => WithingsError::InvalidToken { status },
            StatusBucket::TooManyRequests => WithingsError::RateLimited,
            bucket => WithingsError::Api {
                status,
                bucket,
                message: scrub(message.as_deref().unwrap_or("")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_the_table() {
        assert_eq!(StatusBucket::of(0), StatusBucket::Ok);
        assert_eq!(StatusBucket::of(401), StatusBucket::AuthFailed);
        assert_eq!(StatusBucket::of(100), StatusBucket::AuthFailed);
        assert_eq!(StatusBucket::of(601), StatusBucket::TooManyRequests);
        assert_eq!(StatusBucket::of(2554), StatusBucket::NotImplemented);
        assert_eq!(StatusBucket::of(2555), StatusBucket::Unauthorized);
        assert_eq!(StatusBucket::of(503), StatusBucket::InvalidParams);
        assert_eq!(StatusBucket::of(522), StatusBucket::Timeout);
        assert_eq!(StatusBucket::of(524), StatusBucket::BadState);
        assert_eq!(StatusBucket::of(2556), StatusBucket::Error);
        assert_eq!(StatusBucket::of(342), StatusBucket::InvalidParams);
        assert_eq!(StatusBucket::of(12345), StatusBucket::Unknown);
    }
}
