//! What a browser gets from the bridge: a redirect, or a small page.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use url::Url;

/// `s` safe as HTML text or as a quoted attribute value.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The pages' only styling, in a `<style>` element the CSP admits by hash.
const STYLE: &str =
    "body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.4}";

/// The Content-Security-Policy of every answer: nothing may load or run, no
/// form may post, and no other site may frame the pages (clickjacking).
fn content_security_policy() -> &'static str {
    static CSP: LazyLock<String> = LazyLock::new(|| {
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'"
        )
    });
    &CSP
}

/// Security headers on every answer of the bridge (pages, redirects, JSON).
pub(super) async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    let csp = HeaderValue::from_static(content_security_policy());
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=63072000; includeSubDomains"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

/// A small mobile-friendly page (Alexa's requirement: no pop-ups, no script).
pub(super) fn page(status: StatusCode, title: &str, message: &str) -> Response {
    document(status, title, &format!("<p>{}</p>", html_escape(message)))
}

/// A page around `body`, which must already be HTML-safe.
pub(super) fn document(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><style>{STYLE}</style></head><body>\
         <h1>{t}</h1>{body}</body></html>",
        t = html_escape(title),
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// A `302 Found` to the URL, never cached: it carries a one-time state or code.
/// (axum's `Redirect` offers 303, 307 and 308, not the 302 the bridge has
/// always answered with.)
pub(super) struct Found(pub Url);

impl IntoResponse for Found {
    fn into_response(self) -> Response {
        (
            StatusCode::FOUND,
            [
                (header::LOCATION, self.0.as_str()),
                (header::CACHE_CONTROL, "no-store"),
            ],
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_answer_carries_the_security_headers() {
        let r = security_headers(page(StatusCode::BAD_REQUEST, "T", "<m>")).await;
        let h = r.headers();
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.starts_with("default-src 'none'"), "{csp}");
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("script"),
            "{csp}"
        );
        // The hash admits exactly the page's style element.
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
        assert!(csp.contains(&hash));
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer");
        assert!(h.contains_key(header::STRICT_TRANSPORT_SECURITY));
    }

    #[test]
    fn escaping() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
