//! `GET /privacy` and `GET /terms`: the skill's privacy policy and terms of
//! use (the pages its Alexa listing links to), from the repository's
//! PRIVACY.md and TERMS.md with the operator's contact address filled in.

use super::Bridge;
use super::pages::{document, html_escape};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

const PRIVACY: &str = include_str!("../../PRIVACY.md");
const TERMS: &str = include_str!("../../TERMS.md");

/// Shown where the documents name the contact, when none is configured.
const NO_CONTACT: &str = "the address given in the skill's Alexa listing";

pub(super) async fn privacy<S>(State(bridge): State<Arc<Bridge<S>>>) -> Response {
    render(PRIVACY, bridge.config.contact_email.as_deref())
}

pub(super) async fn terms<S>(State(bridge): State<Arc<Bridge<S>>>) -> Response {
    render(TERMS, bridge.config.contact_email.as_deref())
}

fn render(markdown: &str, contact: Option<&str>) -> Response {
    let (title, body) = to_html(markdown, contact.unwrap_or(NO_CONTACT));
    document(StatusCode::OK, &title, &body)
}

/// The little Markdown these documents use (a `#` title, `##` headings,
/// paragraphs, `-` and numbered lists, `**bold**`) as HTML; all text escaped.
fn to_html(markdown: &str, contact: &str) -> (String, String) {
    let mut title = String::new();
    let mut body = String::new();
    for block in markdown
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        if let Some(t) = block.strip_prefix("# ") {
            title = t.trim().to_string();
        } else if let Some(h) = block.strip_prefix("## ") {
            body += &format!("<h2>{}</h2>", inline(h, contact));
        } else if let Some(items) = list_items(block) {
            body += "<ul>";
            for item in items {
                body += &format!("<li>{}</li>", inline(&item, contact));
            }
            body += "</ul>";
        } else {
            body += &format!("<p>{}</p>", inline(&join(block.lines()), contact));
        }
    }
    (title, body)
}

/// A list marker (`- `, `1. `) at the start of `line`, and the text after it.
fn after_marker(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix("- ") {
        return Some(rest);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0)
        .then(|| line[digits..].strip_prefix(". "))
        .flatten()
}

/// The block's items, if it is a list (continuation lines are indented).
fn list_items(block: &str) -> Option<Vec<String>> {
    let mut items: Vec<Vec<&str>> = Vec::new();
    for line in block.lines() {
        match (after_marker(line), items.last_mut()) {
            (Some(first), _) => items.push(vec![first]),
            (None, Some(item)) if line.starts_with(' ') => item.push(line),
            _ => return None,
        }
    }
    Some(
        items
            .into_iter()
            .map(|lines| join(lines.into_iter()))
            .collect(),
    )
}

fn join<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    lines.map(str::trim).collect::<Vec<_>>().join(" ")
}

/// Escaped text with `**bold**` and the contact filled in.
fn inline(text: &str, contact: &str) -> String {
    let escaped = html_escape(text).replace("{{CONTACT}}", &html_escape(contact));
    let mut out = String::new();
    for (i, part) in escaped.split("**").enumerate() {
        if i % 2 == 1 {
            out += &format!("<strong>{part}</strong>");
        } else {
            out += part;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_render_with_the_contact() {
        for doc in [PRIVACY, TERMS] {
            let (title, body) = to_html(doc, "<ops@example.com>");
            assert!(!title.is_empty());
            assert!(body.contains("&lt;ops@example.com&gt;"), "{body}");
            assert!(!body.contains("{{CONTACT}}") && !body.contains("**"));
            assert!(!body.contains("<script") && !body.contains("<ops"));
        }
        let (_, body) = to_html(TERMS, "x");
        assert!(
            body.contains("<li><strong>Not medical advice.</strong>"),
            "{body}"
        );
    }

    #[test]
    fn markdown_subset() {
        let (t, b) = to_html("# T\n\n## H\n\npara\nline\n\n- a\n  more\n- b <i>", "c");
        assert_eq!(t, "T");
        assert_eq!(
            b,
            "<h2>H</h2><p>para line</p><ul><li>a more</li><li>b &lt;i&gt;</li></ul>"
        );
    }
}
