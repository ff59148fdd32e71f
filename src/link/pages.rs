//! What a browser gets from the bridge: a redirect, or a small page.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use url::Url;

/// `s` safe as HTML text or as a quoted attribute value.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A small mobile-friendly page (Alexa's requirement: no pop-ups, no script).
pub(super) fn page(status: StatusCode, title: &str, message: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title></head><body style=\"font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em\">\
         <h1>{t}</h1><p>{m}</p></body></html>",
        t = html_escape(title),
        m = html_escape(message)
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

    #[test]
    fn escaping() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
