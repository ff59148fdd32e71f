//! PKCE (RFC 7636), S256 only: `/authorize` takes Alexa's `code_challenge`,
//! the code carries it, and `/token` redeems the code only with the verifier
//! whose SHA-256 it is, so a code caught on its way back to Alexa is useless.

use crate::secret::CodeVerifier;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Why `/authorize`'s PKCE parameters are refused (`invalid_request`, §4.4.1).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ChallengeError {
    /// `plain`, or no method (which means `plain`), or an unknown one.
    Method,
    /// Not BASE64URL of 32 bytes.
    Malformed,
    /// A method without a challenge.
    Missing,
}

impl ChallengeError {
    pub(super) fn description(&self) -> &'static str {
        match self {
            ChallengeError::Method => "code_challenge_method must be S256",
            ChallengeError::Malformed => "code_challenge must be BASE64URL(SHA256(code_verifier))",
            ChallengeError::Missing => "code_challenge_method was sent without code_challenge",
        }
    }
}

/// The S256 challenge to keep, `None` when the client uses no PKCE.
pub(super) fn challenge(
    challenge: Option<&str>,
    method: Option<&str>,
) -> Result<Option<String>, ChallengeError> {
    let Some(c) = challenge else {
        return match method {
            Some(_) => Err(ChallengeError::Missing),
            None => Ok(None),
        };
    };
    // An absent method means `plain` (§4.3), which would send the verifier
    // itself through the browser: refused.
    if method != Some("S256") {
        return Err(ChallengeError::Method);
    }
    let decodes_to_a_digest = URL_SAFE_NO_PAD
        .decode(c)
        .is_ok_and(|d| d.len() == Sha256::output_size());
    if c.len() == 43 && decodes_to_a_digest {
        Ok(Some(c.to_string()))
    } else {
        Err(ChallengeError::Malformed)
    }
}

/// A verifier as §4.1 allows: 43 to 128 unreserved characters.
pub(super) fn well_formed(v: &CodeVerifier) -> bool {
    let v = v.expose();
    (43..=128).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// Does `verifier` answer `challenge` (S256), compared in constant time?
pub(super) fn verifies(verifier: &CodeVerifier, challenge: &str) -> bool {
    let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.expose().as_bytes()));
    bool::from(computed.as_bytes().ct_eq(challenge.as_bytes()))
}

/// The S256 challenge of `verifier` (for clients of the bridge: the local demo).
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 Appendix B.
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn the_rfc_example_verifies() {
        let v = CodeVerifier::new(VERIFIER);
        assert!(well_formed(&v));
        assert_eq!(s256(VERIFIER), CHALLENGE);
        assert!(verifies(&v, CHALLENGE));
        assert!(!verifies(
            &CodeVerifier::new(VERIFIER.replace('d', "e")),
            CHALLENGE
        ));
    }

    #[test]
    fn only_s256_challenges_are_taken() {
        assert_eq!(challenge(None, None), Ok(None));
        assert_eq!(
            challenge(Some(CHALLENGE), Some("S256")),
            Ok(Some(CHALLENGE.to_string()))
        );
        assert_eq!(
            challenge(Some(CHALLENGE), Some("plain")),
            Err(ChallengeError::Method)
        );
        assert_eq!(
            challenge(Some(CHALLENGE), None),
            Err(ChallengeError::Method)
        );
        assert_eq!(
            challenge(Some(CHALLENGE), Some("s256")),
            Err(ChallengeError::Method)
        );
        assert_eq!(challenge(None, Some("S256")), Err(ChallengeError::Missing));
        for bad in [
            "short",
            &CHALLENGE[..42],
            &format!("{CHALLENGE}A"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c=",
        ] {
            assert_eq!(
                challenge(Some(bad), Some("S256")),
                Err(ChallengeError::Malformed),
                "{bad}"
            );
        }
        for bad in [
            "",
            &"a".repeat(42),
            &"a".repeat(129),
            &format!("{VERIFIER}+"),
        ] {
            assert!(!well_formed(&CodeVerifier::new(bad)), "{bad}");
        }
    }
}
