//! OAuth 1.0 (RFC 5849, HMAC-SHA1) as Withings spoke it until November 2018,
//! when Withings closed it: every `oauth_*` parameter in the query string, a
//! *signed* authorize URL, and `userid` among the signed parameters of each
//! data call. Kept as a faithful RFC 5849 signer, behind the `oauth1` feature.
//!
//! The pieces are public one by one (encoding, base string, signing, verifying)
//! so a test server can check signatures for real and a command-line tool can
//! show every stage through [`Explanation`].
//!
//! ```
//! use withings::oauth1::{SignParams, Signer};
//! use withings::secret::ClientSecret;
//!
//! let signer = Signer::new("consumer-key", ClientSecret::new("consumer-secret"));
//! let url = url::Url::parse("https://oauth.withings.com/account/request_token").unwrap();
//! let oauth = SignParams {
//!     callback: Some("https://example.com/callback"),
//!     nonce: Some("fixed"),
//!     ..SignParams::default()
//! };
//! let signed = signer.sign("GET", &url, &[], &oauth, chrono::Utc::now()).unwrap();
//! assert!(signed.url.as_str().contains("oauth_signature="));
//! println!("{}", signed.explanation); // every stage, the signing key masked
//! ```

mod client;
mod explain;
mod sign;
mod signer;

pub use client::{
    AccessGrant, AuthorizedCallback, DEFAULT_ACCESS_TOKEN_URL, DEFAULT_AUTHORIZE_URL,
    DEFAULT_REQUEST_TOKEN_URL, OAuth1Client, OAuth1Endpoints, RequestToken, parse_callback,
};
pub use explain::{Explanation, mask_secret};
pub use sign::{
    SIGNATURE_METHOD, base_string_uri, encode, normalize_parameters, sign_base_string,
    signature_base_string, verify,
};
pub use signer::{SignParams, Signed, Signer, TokenCredentials, random_nonce};

use thiserror::Error;

/// Why an OAuth 1.0 step failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum OAuth1Error {
    /// A non-2xx answer. `problem` is the provider's `oauth_problem` code, if
    /// any: `signature_invalid` means the secrets do not match, `token_rejected`
    /// that the token is no good and the user must go through the legs again.
    #[error("the OAuth 1.0 provider answered HTTP {status}{}", problem_suffix(.problem))]
    Http {
        /// The HTTP status.
        status: u16,
        /// The provider's `oauth_problem`, when it is a short plain code.
        problem: Option<String>,
    },
    /// The body was not what the step returns. The excerpt never holds secret values.
    #[error("unexpected response (HTTP {status}): {excerpt}")]
    Malformed {
        /// The HTTP status of the answer.
        status: u16,
        /// The start of the body, scrubbed of anything token-like.
        excerpt: String,
    },
    /// No answer at all; retry later. The reason never quotes the signed URL.
    #[error("could not reach the OAuth 1.0 provider: {0}")]
    Transport(String),
    /// The deadline passed first.
    #[error("the OAuth 1.0 provider did not answer before the deadline")]
    Timeout,
    /// A data call answered HTTP 200 with a non-zero body status (342: bad signature).
    #[error("Withings status {status}")]
    Api {
        /// The body status.
        status: i64,
    },
    /// The request could not be signed as asked (bad URL, clashing parameter).
    #[error("cannot sign this request: {0}")]
    InvalidRequest(String),
    /// A received request lacks a required `oauth_*` parameter.
    #[error("missing OAuth parameter {0}")]
    MissingParameter(String),
    /// A received request uses a signature method other than HMAC-SHA1.
    #[error("unsupported oauth_signature_method {0:?}")]
    UnsupportedSignatureMethod(String),
    /// A received request's signature does not match.
    #[error("the OAuth signature does not match")]
    InvalidSignature,
}

fn problem_suffix(problem: &Option<String>) -> String {
    problem
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default()
}
