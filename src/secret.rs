//! Secrets as types: every token and client secret is a newtype whose `Debug` and
//! `Display` print a redaction, so a stray `{:?}` in a log line leaks nothing.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }
            /// The raw secret, for the one place that must send it on the wire.
            pub fn expose(&self) -> &str {
                &self.0
            }
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("[redacted]")
            }
        }
    };
}

secret_type!(
    /// A Withings OAuth 2.0 access token (3 h lifetime).
    AccessToken
);
secret_type!(
    /// A Withings OAuth 2.0 refresh token; rotates on every refresh.
    RefreshToken
);
secret_type!(
    /// An application's client secret (Withings OAuth 2.0 or OAuth 1.0 consumer secret).
    ClientSecret
);
secret_type!(
    /// The access token Alexa sends with each request after account linking.
    AlexaToken
);
secret_type!(
    /// An OAuth 1.0 token secret (request-token or access-token secret).
    TokenSecret
);
secret_type!(
    /// A one-time authorization code (Withings' or the bridge's own).
    AuthCode
);
secret_type!(
    /// The account-linking bridge's refresh token, held by Alexa (stored only hashed).
    BridgeRefreshToken
);
secret_type!(
    /// The bridge's own `state` through Withings' consent page (stored only hashed).
    LinkState
);

impl AlexaToken {
    /// The storage key for this token: a SHA-256 hex digest, so a table dump never
    /// yields a token that Alexa would accept.
    pub fn hashed(&self) -> TokenHash {
        TokenHash(hex_sha256(self.0.as_bytes()))
    }
}

/// SHA-256 of an Alexa-facing token, hex encoded. Safe to log and to store as a key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenHash(String);

impl TokenHash {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Rebuild from a stored value (already a hash).
    pub fn from_stored(hash: impl Into<String>) -> Self {
        Self(hash.into())
    }
}

impl fmt::Display for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A prefix is enough to correlate log lines.
        f.write_str(&self.0[..self.0.len().min(12)])
    }
}

/// Lower-case hex of SHA-256.
pub fn hex_sha256(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Lower-case hex encoding.
pub fn hex(bytes: &[u8]) -> String {
    use fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A random URL-safe token of `bytes` bytes of entropy.
pub fn random_token(bytes: usize) -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let t = AccessToken::new("abc123");
        assert_eq!(format!("{t:?}"), "AccessToken([redacted])");
        assert_eq!(format!("{t}"), "[redacted]");
        assert_eq!(t.expose(), "abc123");
    }

    #[test]
    fn alexa_tokens_are_hashed() {
        let h = AlexaToken::new("Atza|x").hashed();
        assert_eq!(h.as_str().len(), 64);
        assert!(!h.as_str().contains("Atza"));
        assert_eq!(h, AlexaToken::new("Atza|x").hashed());
    }
}
