//! The request's `apiAccessToken` goes only to Amazon's Alexa API hosts (or
//! the configured local stand-in): an event naming any other `apiEndpoint` is
//! answered from the stored zone, and a loopback server standing at that
//! endpoint sees no call.

mod common;

use axum::Router;
use axum::http::HeaderMap;
use axum::serve::ListenerExt;
use common::*;
use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::secret::AlexaToken;
use withings_alexa::store::LinkStore;

/// A loopback server answering every request with a zone, counting the calls
/// and those that carried a bearer token.
async fn recorder() -> (String, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let app = Router::new().fallback(move |headers: HeaderMap| {
        let seen = seen.clone();
        async move {
            if headers.contains_key("authorization") {
                seen.fetch_add(1, Ordering::SeqCst);
            }
            axum::Json("Asia/Tokyo")
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, calls)
}

fn with_api_endpoint(mut ev: Value, endpoint: &str) -> Value {
    ev["context"]["System"]["apiEndpoint"] = Value::String(endpoint.into());
    ev
}

#[tokio::test]
async fn a_foreign_api_endpoint_gets_no_call_and_the_stored_zone_is_used() {
    let (url, calls) = recorder().await;
    let mut h = memory_harness().await;
    h.skill.config.alexa_api_override = None;
    h.link_demo().await;
    let key = AlexaToken::new(SAMPLE_ALEXA_TOKEN).hashed();
    h.skill
        .store
        .set_timezone(&key, "America/New_York")
        .await
        .unwrap();
    for endpoint in [
        url.as_str(),
        &format!("{url}/"),
        "https://api.amazonalexa.com.127.0.0.1.nip.io",
    ] {
        let r = h
            .ask(with_api_endpoint(event("sleep-last-night.json"), endpoint))
            .await;
        assert!(
            speech(&r).starts_with("Last night you slept"),
            "{}",
            speech(&r)
        );
    }
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "the token left for a foreign host"
    );
}

#[tokio::test]
async fn the_configured_local_stand_in_is_called() {
    // The control: the same recorder as the configured override is called,
    // so the silence above is the allowlist's doing.
    let (url, calls) = recorder().await;
    let mut h = memory_harness().await;
    h.skill.config.alexa_api_override = Some(url);
    h.link_demo().await;
    let r = h.ask(event("sleep-last-night.json")).await;
    assert!(!speech(&r).is_empty());
    // The zone and the two unit settings, read together.
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}
