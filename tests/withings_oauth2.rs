//! OAuth 2.0 against the sandbox over real HTTP: authorization URL, code exchange
//! (30 s, single use), refresh-token rotation as Withings does it, and the
//! nonce + HMAC-SHA256 request signature in place of the client secret.

mod common;

use chrono::Duration;
use common::*;
use withings::{ClientAuth, Deadline, WithingsError};
use withings::{SKILL_SCOPES, authorize_url};
use withings_alexa::secret::{AuthCode, RefreshToken};

fn deadline() -> Deadline {
    Deadline::after(std::time::Duration::from_secs(5))
}

#[tokio::test]
async fn authorize_then_exchange_code_once() {
    let h = memory_harness().await;
    let client = withings_for(&h.sandbox);
    let redirect = "https://bridge.example.com/withings/callback";
    let url = authorize_url(
        &h.sandbox.url().join("/oauth2_user/authorize2").unwrap(),
        "sandbox-client",
        redirect,
        SKILL_SCOPES,
        "st4te",
    );
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = http.get(url).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    let location = url::Url::parse(resp.headers()["location"].to_str().unwrap()).unwrap();
    assert!(location.as_str().starts_with(redirect));
    let q: std::collections::HashMap<_, _> = location.query_pairs().into_owned().collect();
    assert_eq!(q["state"], "st4te");
    let code = AuthCode::new(q["code"].clone());

    let t0 = h.sandbox.state.now();
    let tokens = client
        .exchange_code(&code, redirect, ClientAuth::Secret, t0, deadline())
        .await
        .unwrap();
    assert_eq!(tokens.user_id.0, withings_sandbox::DEMO_USER_ID);
    assert_eq!(tokens.expires_at, t0 + Duration::hours(3));
    assert_eq!(tokens.scope, vec!["user.metrics", "user.activity"]);
    // Single use.
    let again = client
        .exchange_code(&code, redirect, ClientAuth::Secret, t0, deadline())
        .await;
    assert!(
        matches!(again, Err(WithingsError::GrantRefused { status: 503, .. })),
        "{again:?}"
    );
}

#[tokio::test]
async fn codes_expire_after_30_seconds_and_bind_the_redirect() {
    let h = memory_harness().await;
    let client = withings_for(&h.sandbox);
    let code = AuthCode::new(h.sandbox.state.issue_code("u", "https://a.example/cb"));
    h.sandbox.state.advance(Duration::seconds(31));
    let r = client
        .exchange_code(
            &code,
            "https://a.example/cb",
            ClientAuth::Secret,
            now(),
            deadline(),
        )
        .await;
    assert!(
        matches!(r, Err(WithingsError::GrantRefused { .. })),
        "{r:?}"
    );
    let code = AuthCode::new(h.sandbox.state.issue_code("u", "https://a.example/cb"));
    let r = client
        .exchange_code(
            &code,
            "https://evil.example/cb",
            ClientAuth::Secret,
            now(),
            deadline(),
        )
        .await;
    assert!(
        matches!(r, Err(WithingsError::GrantRefused { .. })),
        "{r:?}"
    );
}

#[tokio::test]
async fn refresh_rotates_and_retires_the_old_token_on_first_use() {
    let h = memory_harness().await;
    let client = withings_for(&h.sandbox);
    let first = h.sandbox.state.issue("rotor", Duration::hours(3));
    let r0 = RefreshToken::new(first.refresh_token.clone());
    let t1 = client
        .refresh(&r0, ClientAuth::Secret, now(), deadline())
        .await
        .unwrap();
    assert_ne!(t1.refresh_token, r0, "a new refresh token on every refresh");
    // Until the new access token is used, the old refresh token still works
    // (a caller that lost the response can retry).
    assert!(h.sandbox.state.refresh_token_valid(r0.expose()));
    let days = withings::DayRange::day(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    client
        .sleep_summary(&t1.access_token, days, deadline(), 1)
        .await
        .unwrap();
    // Now it is retired, and refusing it is a GrantRefused (ask to relink).
    let r = client
        .refresh(&r0, ClientAuth::Secret, now(), deadline())
        .await;
    assert!(
        matches!(r, Err(WithingsError::GrantRefused { .. })),
        "{r:?}"
    );
    let t2 = client
        .refresh(&t1.refresh_token, ClientAuth::Secret, now(), deadline())
        .await
        .unwrap();
    assert_ne!(t2.refresh_token, t1.refresh_token);
}

#[tokio::test]
async fn an_unused_old_refresh_token_dies_after_8_hours() {
    let h = memory_harness().await;
    let client = withings_for(&h.sandbox);
    let first = h.sandbox.state.issue("sleepy", Duration::hours(3));
    let r0 = RefreshToken::new(first.refresh_token);
    client
        .refresh(&r0, ClientAuth::Secret, now(), deadline())
        .await
        .unwrap();
    h.sandbox.state.advance(Duration::hours(9));
    assert!(!h.sandbox.state.refresh_token_valid(r0.expose()));
}

#[tokio::test]
async fn expired_access_token_is_status_401() {
    let h = memory_harness().await;
    let client = withings_for(&h.sandbox);
    let t = h.sandbox.state.issue("late", Duration::minutes(-1));
    let days = withings::DayRange::day(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let r = client
        .sleep_summary(
            &withings_alexa::secret::AccessToken::new(t.access_token),
            days,
            deadline(),
            1,
        )
        .await;
    assert!(
        matches!(r, Err(WithingsError::InvalidToken { status: 401 })),
        "{r:?}"
    );
}

#[tokio::test]
async fn signed_requests_replace_the_client_secret() {
    let h = memory_harness().await;
    let client = withings_for(&h.sandbox);
    let first = h.sandbox.state.issue("signer", Duration::hours(3));
    let t = client
        .refresh(
            &RefreshToken::new(first.refresh_token),
            ClientAuth::Signature,
            now(),
            deadline(),
        )
        .await
        .unwrap();
    assert_eq!(t.user_id.0, "signer");
    assert_eq!(h.sandbox.state.count("getnonce"), 1);
    // A wrong secret makes the nonce request itself fail.
    let bad = withings_alexa::config::withings_client(
        withings::http_client(),
        h.sandbox.url(),
        "sandbox-client".into(),
        withings_alexa::secret::ClientSecret::new("wrong"),
    );
    assert!(bad.nonce(now().timestamp(), deadline()).await.is_err());
}

#[tokio::test]
async fn revoke_is_signed_and_ends_the_users_tokens() {
    let h = memory_harness().await;
    let client = withings_for(&h.sandbox);
    let mine = h.sandbox.state.issue("501", Duration::hours(3));
    let other = h.sandbox.state.issue("502", Duration::hours(3));
    let now = h.sandbox.state.now();
    client.revoke("501", now, deadline()).await.unwrap();
    assert!(!h.sandbox.state.refresh_token_valid(&mine.refresh_token));
    assert!(h.sandbox.state.refresh_token_valid(&other.refresh_token));
    // The sandbox, as Withings, refuses a revoke proven by the bare secret.
    let http = reqwest::Client::new();
    let body: serde_json::Value = http
        .post(h.sandbox.url().join("/v2/oauth2").unwrap())
        .form(&[
            ("action", "revoke"),
            ("client_id", withings_sandbox::CLIENT_ID),
            ("client_secret", withings_sandbox::CLIENT_SECRET),
            ("userid", "502"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(body["status"], 0, "{body}");
    assert!(h.sandbox.state.refresh_token_valid(&other.refresh_token));
}

/// Withings' `expires_in` is clamped before it becomes a duration: absurd
/// values from a loopback stand-in give tokens, never a panic.
#[tokio::test]
async fn absurd_expires_in_is_clamped() {
    use axum::routing::post;
    let bodies = [
        ("1e300", 86_400),
        ("-1e300", 0),
        ("9223372036854775807", 86_400),
        ("\"99999999999999999999\"", 86_400),
        ("-5", 0),
        ("10800", 10_800),
    ];
    for (expires_in, clamped) in bodies {
        let body = format!(
            r#"{{"status":0,"body":{{"userid":"1","access_token":"a","refresh_token":"r","expires_in":{expires_in}}}}}"#
        );
        let app = axum::Router::new().route("/v2/oauth2", post(move || async move { body }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = url::Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = withings_alexa::config::withings_client(
            withings::http_client(),
            url,
            "id".into(),
            withings_alexa::secret::ClientSecret::new("s"),
        );
        let t0 = now();
        let tokens = client
            .exchange_code(
                &AuthCode::new("c"),
                "https://bridge.example/withings/callback",
                ClientAuth::Secret,
                t0,
                deadline(),
            )
            .await
            .unwrap_or_else(|e| panic!("{expires_in}: {e}"));
        assert_eq!(
            tokens.expires_at,
            t0 + Duration::seconds(clamped),
            "{expires_in}"
        );
    }
}
