//! The skill's own secrets (Alexa-facing tokens and the bridge's), declared
//! like the Withings client's: `Debug` and `Display` print a redaction.
//! Alexa-facing tokens are stored only as their SHA-256 hash.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
pub use withings::secret::{AccessToken, AuthCode, ClientSecret, RefreshToken, random_token};
use withings::secret_type;

secret_type!(
    /// The access token Alexa sends with each request after account linking.
    AlexaToken
);
secret_type!(
    /// The account-linking bridge's refresh token, held by Alexa (stored only hashed).
    BridgeRefreshToken
);
secret_type!(
    /// The bridge's own `state` through Withings' consent page (stored only hashed).
    LinkState
);

secret_type!(
    /// The nonce in the browser's cookie that binds a linking trip to it (stored only hashed).
    BrowserNonce
);
secret_type!(
    /// Alexa's PKCE `code_verifier` (RFC 7636).
    CodeVerifier
);

impl AlexaToken {
    /// The storage key for this token: a SHA-256 hex digest, so a table dump never
    /// yields a token that Alexa would accept.
    pub fn hashed(&self) -> TokenHash {
        TokenHash::of(&self.0)
    }
}

/// SHA-256 of an Alexa-facing token, code or state, hex encoded. Safe to log and
/// to store as a key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenHash(String);

impl TokenHash {
    /// Lower-case hex of SHA-256 of `value`: the one way the skill and the bridge
    /// hash what they mint, so a hash computed anywhere finds the same item.
    pub fn of(value: &str) -> Self {
        Self(withings::secret::hex(&Sha256::digest(value.as_bytes())))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alexa_tokens_are_hashed() {
        let h = AlexaToken::new("Atza|x").hashed();
        assert_eq!(h.as_str().len(), 64);
        assert!(!h.as_str().contains("Atza"));
        assert_eq!(h, AlexaToken::new("Atza|x").hashed());
        assert_eq!(h, TokenHash::of("Atza|x"));
        // The SHA-256 test vector of "abc".
        assert_eq!(
            TokenHash::of("abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
