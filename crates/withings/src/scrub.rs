//! The one rule that keeps secrets out of error messages and logs: a body or
//! message is cut short, the values of secret-looking form keys are dropped,
//! and every run of 12 or more token-like characters is redacted.

/// At most this many characters of a body go into a message.
const SHOWN_CHARS: usize = 160;

/// Runs of token-like characters this long or longer are redacted. Withings'
/// tokens are 40 hex digits, OAuth 1.0 secrets were shorter; words of prose
/// rarely reach 12 letters.
const TOKEN_RUN: usize = 12;

/// A short excerpt of `text` with anything token-like removed, for errors and logs.
///
/// A form body (`a=1&b=2`) keeps its keys but loses the values of keys that
/// name a secret, a token or a verifier, however short.
pub(crate) fn scrub(text: &str) -> String {
    let text = text.trim();
    // Judge every run whole before cutting, so a token that straddles the cut
    // cannot show its first characters.
    let redacted = if looks_like_form(text) {
        text.split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) if is_sensitive_key(k) => format!("{k}=[redacted]"),
                Some((k, v)) => format!("{k}={}", scrub_runs(v)),
                None => scrub_runs(pair),
            })
            .collect::<Vec<_>>()
            .join("&")
    } else {
        scrub_runs(text)
    };
    if redacted.chars().count() <= SHOWN_CHARS {
        return redacted;
    }
    let mut cut: String = redacted.chars().take(SHOWN_CHARS).collect();
    cut.push('…');
    cut
}

fn looks_like_form(text: &str) -> bool {
    text.contains('=') && !text.contains(['{', '<', ' ', '\n'])
}

fn is_sensitive_key(k: &str) -> bool {
    let k = k.to_ascii_lowercase();
    k.contains("secret") || k.contains("token") || k.contains("verifier")
}

/// Replace every run of [`TOKEN_RUN`] or more token-like characters.
fn scrub_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        out.push_str(if run.len() >= TOKEN_RUN {
            "[redacted]"
        } else {
            run
        });
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '%' | '|') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_loses_tokens_and_length() {
        let s = scrub(r#"{"access_token":"a075f8c14fb8df40b08ebc8508533dc332a6910a","x":1}"#);
        assert!(!s.contains("a075f8c1"), "{s}");
        assert!(s.contains("[redacted]"));
        assert!(scrub(&"x ".repeat(500)).chars().count() <= SHOWN_CHARS + 1);
        // 12 characters are a token, 11 are not.
        assert_eq!(scrub("abcdefghijkl"), "[redacted]");
        assert_eq!(scrub("abcdefghijk"), "abcdefghijk");
    }

    #[test]
    fn forms_keep_keys_and_lose_secrets() {
        let e = scrub("oauth_token=abc&oauth_token_secret=s3cr3t&userid=42");
        assert!(!e.contains("s3cr3t") && !e.contains("abc"), "{e}");
        assert!(e.contains("userid=42"), "{e}");
        let e = scrub("<html>token 9b057c4e64a71deb1d033084da385f89</html>");
        assert!(!e.contains("9b057c4e"), "{e}");
    }

    #[test]
    fn a_token_across_the_cut_is_still_redacted() {
        let text = format!("{} {}", "a ".repeat(77), "9b057c4e64a71deb1d033084da385f89");
        let s = scrub(&text);
        assert!(!s.contains("9b05"), "{s}");
    }
}
