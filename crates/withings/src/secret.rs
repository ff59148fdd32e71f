//! Secrets as types: every token and client secret is a newtype whose `Debug` and
//! `Display` print a redaction, so a stray `{:?}` in a log line leaks nothing.

/// Declare a secret newtype whose `Debug` and `Display` print a redaction.
/// Exported so that programs built on this crate keep their own secrets the same way.
///
/// ```
/// withings::secret_type!(
///     /// A webhook signing key.
///     WebhookKey
/// );
///
/// let key = WebhookKey::new("k3y");
/// assert_eq!(format!("{key:?}"), "WebhookKey([redacted])");
/// assert_eq!(key.expose(), "k3y");
/// ```
#[macro_export]
macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <String as $crate::__serde::Deserialize>::deserialize(d).map(Self)
            }
        }

        impl $name {
            /// Wrap a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }
            /// The raw secret, for the one place that must send it on the wire.
            pub fn expose(&self) -> &str {
                &self.0
            }
            /// Whether the value is the empty string.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
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
    /// An OAuth 1.0 token secret (request-token or access-token secret).
    TokenSecret
);
secret_type!(
    /// A one-time authorization code (Withings' or the bridge's own).
    AuthCode
);

/// Lower-case hex encoding.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
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
}
