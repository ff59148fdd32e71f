//! The explain printer: every stage of one signature, with the signing key
//! masked so the printout can be pasted into a bug report.

use super::sign::encode;
use crate::secret::{ClientSecret, TokenSecret};
use std::fmt;
use url::Url;

/// Every stage of one signature, for debugging. The signing key is masked; the
/// rest already travels in the clear in the signed URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The HTTP method, upper-case.
    pub method: String,
    /// The base string URI (RFC 5849 §3.4.1.2).
    pub base_uri: String,
    /// Encoded and sorted, as they enter the base string.
    pub parameters: Vec<(String, String)>,
    /// The signature base string (RFC 5849 §3.4.1).
    pub base_string: String,
    /// `enc(consumer_secret)&enc(token_secret)` with both halves masked.
    pub signing_key: String,
    /// Base64, before it is percent-encoded into the URL.
    pub signature: String,
    /// The signed URL.
    pub url: Url,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "method:            {}", self.method)?;
        writeln!(f, "base string URI:   {}", self.base_uri)?;
        writeln!(
            f,
            "normalised parameters ({}, sorted by encoded key then value):",
            self.parameters.len()
        )?;
        for (k, v) in &self.parameters {
            writeln!(f, "    {k}={v}")?;
        }
        writeln!(f, "signature base string:")?;
        writeln!(f, "    {}", self.base_string)?;
        writeln!(f, "signing key:       {}", self.signing_key)?;
        writeln!(f, "signature:         {}", self.signature)?;
        writeln!(f, "signed URL:")?;
        write!(f, "    {}", self.url)
    }
}

/// Show a secret's shape without its value: the first 4 characters only when it
/// is long enough (12+) that they give little away, and its length.
pub fn mask_secret(secret: &str) -> String {
    let n = secret.chars().count();
    match n {
        0 => "(empty)".to_string(),
        1..=11 => format!("…({n} chars)"),
        _ => format!("{}…({n} chars)", secret.chars().take(4).collect::<String>()),
    }
}

/// The signing key as [`Explanation::signing_key`] shows it.
pub(super) fn masked_signing_key(
    consumer_secret: &ClientSecret,
    token_secret: Option<&TokenSecret>,
) -> String {
    format!(
        "{}&{}",
        mask_secret(&encode(consumer_secret.expose())),
        mask_secret(&encode(token_secret.map(TokenSecret::expose).unwrap_or("")))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_masked() {
        assert_eq!(mask_secret(""), "(empty)");
        assert_eq!(mask_secret("short"), "…(5 chars)");
        assert_eq!(mask_secret("9b057c4e64a71deb"), "9b05…(16 chars)");
    }
}
