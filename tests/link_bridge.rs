//! The account-linking bridge end to end over loopback HTTP: Alexa's side of the
//! OAuth 2.0 authorization-code grant against the bridge, the bridge against the
//! Withings sandbox, and the skill finding the link the bridge created.

mod common;

use axum::serve::ListenerExt;
use chrono::Duration;
use common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use url::Url;
use withings::Clock;
use withings::http_client;
use withings_alexa::config;
use withings_alexa::link::{Bridge, BridgeConfig, VendorId, router};
use withings_alexa::secret::{AlexaToken, ClientSecret, TokenHash};
use withings_alexa::skill::{Skill, SkillConfig};
use withings_alexa::store::memory::MemoryStore;
use withings_alexa::store::{GrantStore, LinkStore};
use withings_sandbox::{Sandbox, nodelay};

const ALEXA_CLIENT_ID: &str = "alexa-skill";
const ALEXA_SECRET: &str = "bridge-secret+/=";
const VENDOR: &str = "M1372REJTJ5N4Z";
/// Alexa's redirect URI for the vendor; never fetched (redirects are not followed).
const ALEXA_REDIRECT: &str = "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z";
const ALEXA_STATE: &str = "A2SAAEAE-state-from-alexa";
/// RFC 7636 Appendix B's verifier and its S256 challenge.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const CONTACT: &str = "privacy@bridge.example";

struct Env<S> {
    sandbox: Sandbox,
    bridge: Url,
    store: S,
    http: reqwest::Client,
    clock: Clock,
}

/// Serve a bridge on `127.0.0.1:0` over `store`, against `sb`.
async fn start_bridge<S: GrantStore + 'static>(store: S, sb: &Sandbox, clock: Clock) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    let listener = axum::serve::ListenerExt::tap_io(listener, nodelay);
    let mut config = BridgeConfig::new(
        ALEXA_CLIENT_ID,
        ClientSecret::new(ALEXA_SECRET),
        VendorId::parse(VENDOR).unwrap(),
        base.clone(),
        sb.url().join("/oauth2_user/authorize2").unwrap(),
    );
    config.contact_email = Some(CONTACT.into());
    let bridge = Bridge {
        config,
        store,
        withings: withings_for(sb),
        clock,
    };
    let app = router(Arc::new(bridge));
    tokio::spawn(async move { axum::serve(listener.tap_io(nodelay), app).await.unwrap() });
    base
}

async fn env<S: GrantStore + Clone + 'static>(store: S) -> Env<S> {
    let clock = Clock::Fixed(now());
    let sandbox = Sandbox::start(clock, 0).await.expect("sandbox");
    let bridge = start_bridge(store.clone(), &sandbox, clock).await;
    Env {
        sandbox,
        bridge,
        store,
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        clock,
    }
}

fn query(url: &str) -> HashMap<String, String> {
    Url::parse(url)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .unwrap_or_else(|| panic!("no Location on {}", r.status()))
        .to_str()
        .unwrap()
        .to_string()
}

/// The bridge's browser cookie from a `/authorize` answer, as a `Cookie` header.
fn cookie_of(r: &reqwest::Response) -> String {
    let set = r
        .headers()
        .get("set-cookie")
        .expect("a browser cookie")
        .to_str()
        .unwrap();
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attribute), "{set}");
    }
    assert!(set.starts_with("__Host-"), "{set}");
    set.split(';').next().unwrap().to_string()
}

/// One browser's trip so far: Withings' consent URL and the bridge's cookie.
struct Trip {
    withings: String,
    cookie: String,
}

impl<S: LinkStore + Clone> Env<S> {
    fn authorize_url(&self, redirect_uri: &str) -> Url {
        self.authorize_with(&[("redirect_uri", redirect_uri)])
    }

    /// `/authorize` with Alexa's usual parameters, `changes` replacing or adding.
    fn authorize_with(&self, changes: &[(&str, &str)]) -> Url {
        let mut params = vec![
            ("response_type", "code"),
            ("client_id", ALEXA_CLIENT_ID),
            ("redirect_uri", ALEXA_REDIRECT),
            ("state", ALEXA_STATE),
            ("scope", "user.metrics user.activity"),
        ];
        for (k, v) in changes {
            match params.iter_mut().find(|(pk, _)| pk == k) {
                Some(p) => p.1 = v,
                None => params.push((k, v)),
            }
        }
        let mut u = self.bridge.join("/authorize").unwrap();
        u.query_pairs_mut()
            .extend_pairs(params.into_iter().filter(|(_, v)| !v.is_empty()));
        u
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        self.http.get(url).send().await.unwrap()
    }

    async fn get_with_cookie(&self, url: &str, cookie: &str) -> reqwest::Response {
        self.http
            .get(url)
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
    }

    /// `/authorize` → Withings' URL (the sandbox consent page), and the cookie.
    async fn start(&self) -> Trip {
        self.start_with(&[]).await
    }

    async fn start_with(&self, changes: &[(&str, &str)]) -> Trip {
        let r = self.get(self.authorize_with(changes).as_str()).await;
        assert_eq!(r.status(), 302, "{}", r.text().await.unwrap());
        let cookie = cookie_of(&r);
        let to = location(&r);
        assert!(to.starts_with(self.sandbox.url().as_str()), "{to}");
        let q = query(&to);
        assert_eq!(q["client_id"], withings_sandbox::CLIENT_ID);
        assert_eq!(q["scope"], "user.metrics,user.activity");
        assert_eq!(
            q["redirect_uri"],
            format!("{}withings/callback", self.bridge)
        );
        Trip {
            withings: to,
            cookie,
        }
    }

    /// The callback URL Withings sends the browser to after consent.
    async fn consent(&self, trip: &Trip) -> String {
        let r = self.get(&trip.withings).await;
        assert_eq!(r.status(), 302, "sandbox consent");
        let callback = location(&r);
        assert!(callback.starts_with(self.bridge.as_str()), "{callback}");
        callback
    }

    /// The whole browser trip; returns Alexa's redirect (code and state).
    async fn browser_trip(&self) -> HashMap<String, String> {
        self.browser_trip_with(&[]).await
    }

    async fn browser_trip_with(&self, changes: &[(&str, &str)]) -> HashMap<String, String> {
        let trip = self.start_with(changes).await;
        let callback = self.consent(&trip).await;
        let r = self.get_with_cookie(&callback, &trip.cookie).await;
        assert_eq!(r.status(), 302, "{}", r.text().await.unwrap());
        let back = location(&r);
        assert!(back.starts_with(ALEXA_REDIRECT), "{back}");
        let q = query(&back);
        assert_eq!(q["state"], ALEXA_STATE);
        assert!(q["code"].len() >= 40);
        q
    }

    async fn token(&self, form: &[(&str, &str)], basic: bool) -> (u16, Value) {
        let mut req = self.http.post(self.bridge.join("/token").unwrap());
        let mut form = form.to_vec();
        if basic {
            req = req.basic_auth(ALEXA_CLIENT_ID, Some(ALEXA_SECRET));
        } else {
            form.push(("client_id", ALEXA_CLIENT_ID));
            form.push(("client_secret", ALEXA_SECRET));
        }
        let r = req.form(&form).send().await.unwrap();
        let status = r.status().as_u16();
        if status == 200 {
            assert_eq!(r.headers()["cache-control"], "no-store");
        }
        (status, r.json().await.unwrap())
    }

    async fn redeem(&self, code: &str, basic: bool) -> (u16, Value) {
        self.token(
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", ALEXA_REDIRECT),
            ],
            basic,
        )
        .await
    }

    fn skill(&self) -> Skill<S> {
        self.skill_at(self.clock)
    }

    fn skill_at(&self, clock: Clock) -> Skill<S> {
        let mut config = SkillConfig::new(config::SAMPLE_SKILL_ID);
        config.alexa_api_override = Some(self.sandbox.url().as_str().trim_end_matches('/').into());
        Skill {
            config,
            store: self.store.clone(),
            withings: withings_for(&self.sandbox),
            http: http_client(),
            clock,
            settings: Default::default(),
        }
    }

    async fn ask_sleep(&self, access_token: &str) -> Value {
        let ev = with_token(event("sleep-last-night.json"), Some(access_token));
        json(&self.skill().handle(ev).await.expect("not refused"))
    }
}

fn assert_sleeps(r: &Value) {
    let ssml = r["response"]["outputSpeech"]["ssml"].as_str().unwrap_or("");
    assert!(ssml.contains("Last night you slept"), "{r}");
}

fn assert_not_linked(r: &Value) {
    assert_eq!(r["response"]["card"]["type"], "LinkAccount", "{r}");
}

fn assert_tokens(body: &Value) -> (String, String) {
    assert_eq!(body["token_type"], "bearer");
    assert!(body["expires_in"].as_i64().unwrap() > 0);
    let a = body["access_token"].as_str().unwrap().to_string();
    let r = body["refresh_token"].as_str().unwrap().to_string();
    assert!(a.len() >= 43 && r.len() >= 43 && a != r);
    (a, r)
}

/// Every item in the table (one scan page is enough for a test table).
async fn all_items(
    table: &str,
) -> Vec<std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>> {
    let out = dynamodb()
        .await
        .scan()
        .table_name(table)
        .send()
        .await
        .unwrap();
    out.items().to_vec()
}

/// Items in the table whose key starts with `prefix` (`pending#`, `code#`, …).
async fn items_with_prefix(table: &str, prefix: &str) -> usize {
    all_items(table)
        .await
        .iter()
        .filter(|i| i["pk"].as_s().is_ok_and(|pk| pk.starts_with(prefix)))
        .count()
}

/// Items in the table holding this Withings refresh token.
async fn copies_in_table(table: &str, withings_refresh: &str) -> usize {
    all_items(table)
        .await
        .iter()
        .filter(|i| {
            i.values()
                .any(|v| v.as_s().is_ok_and(|s| s == withings_refresh))
        })
        .count()
}

#[tokio::test]
async fn full_flow_on_dynamodb() {
    let e = env(dynamo_store().await).await;
    let table = e.store.table().to_string();

    // HTTP Basic client authentication (accessTokenScheme HTTP_BASIC).
    let q = e.browser_trip().await;
    let (status, body) = e.redeem(&q["code"], true).await;
    assert_eq!(status, 200, "{body}");
    let (access, refresh) = assert_tokens(&body);
    assert_sleeps(&e.ask_sleep(&access).await);

    // Nothing Alexa holds is stored in the clear; the code's item is gone.
    let items = dynamodb()
        .await
        .scan()
        .table_name(&table)
        .send()
        .await
        .unwrap();
    let dump = format!("{:?}", items.items());
    for secret in [&access, &refresh, &q["code"]] {
        assert!(!dump.contains(secret.as_str()));
    }
    assert!(!dump.contains("code#"), "redeemed code left behind");

    // Refresh: the link moves to the new access token.
    let linked = e
        .store
        .get(&AlexaToken::new(&access).hashed())
        .await
        .unwrap()
        .unwrap();
    let withings_refresh = linked.refresh_token.expose().to_string();
    let (status, body) = e
        .token(
            &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
            true,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (access2, refresh2) = assert_tokens(&body);
    assert_ne!(access2, access);
    assert_not_linked(&e.ask_sleep(&access).await);
    assert_sleeps(&e.ask_sleep(&access2).await);
    let moved = e
        .store
        .get(&AlexaToken::new(&access2).hashed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.withings_user_id, linked.withings_user_id);
    assert_eq!(moved.refresh_token.expose(), withings_refresh);
    assert_eq!(copies_in_table(&table, &withings_refresh).await, 1);

    // The old refresh token was rotated out; the new one works (body credentials).
    let (status, body) = e
        .token(
            &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
            false,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, body) = e
        .token(
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &refresh2),
            ],
            false,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (access3, _) = assert_tokens(&body);
    assert_sleeps(&e.ask_sleep(&access3).await);
    assert_not_linked(&e.ask_sleep(&access2).await);
}

#[tokio::test]
async fn body_credentials_and_memory_store() {
    let e = env(Arc::new(MemoryStore::new())).await;
    let q = e.browser_trip().await;
    // accessTokenScheme REQUEST_BODY_CREDENTIALS.
    let (status, body) = e.redeem(&q["code"], false).await;
    assert_eq!(status, 200, "{body}");
    let (access, refresh) = assert_tokens(&body);
    assert_sleeps(&e.ask_sleep(&access).await);
    let withings_refresh = e
        .store
        .get(&AlexaToken::new(&access).hashed())
        .await
        .unwrap()
        .unwrap()
        .refresh_token;
    let (status, body) = e
        .token(
            &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
            true,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (access2, _) = assert_tokens(&body);
    assert!(
        e.store
            .get(&AlexaToken::new(&access).hashed())
            .await
            .unwrap()
            .is_none()
    );
    let moved = e
        .store
        .get(&AlexaToken::new(&access2).hashed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.refresh_token, withings_refresh);
    assert_not_linked(&e.ask_sleep(&access).await);
    assert_sleeps(&e.ask_sleep(&access2).await);
}

/// After the skill itself refreshed the Withings tokens (expired access token),
/// a bridge refresh still moves the current tokens, not a stale copy.
#[tokio::test]
async fn refresh_after_the_skill_rotated_withings_tokens() {
    let e = env(dynamo_store().await).await;
    let q = e.browser_trip().await;
    let (_, body) = e.redeem(&q["code"], true).await;
    let (access, refresh) = assert_tokens(&body);
    let key = AlexaToken::new(&access).hashed();
    // Let the stored Withings access token lapse: the next question refreshes it.
    let before = e.store.get(&key).await.unwrap().unwrap();
    let mut stale = before.clone();
    stale.access_expires_at = now() - Duration::minutes(1);
    e.store.put(&stale).await.unwrap();
    assert_sleeps(&e.ask_sleep(&access).await);
    let after = e.store.get(&key).await.unwrap().unwrap();
    assert_ne!(after.refresh_token, before.refresh_token, "skill refreshed");
    let (status, body) = e
        .token(
            &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
            true,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (access2, _) = assert_tokens(&body);
    let moved = e
        .store
        .get(&AlexaToken::new(&access2).hashed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.refresh_token, after.refresh_token);
    assert_eq!(moved.version, after.version);
    assert_eq!(
        copies_in_table(e.store.table(), after.refresh_token.expose()).await,
        1
    );
}

#[tokio::test]
async fn wrong_client_secret_is_invalid_client() {
    let e = env(dynamo_store().await).await;
    let q = e.browser_trip().await;
    let url = e.bridge.join("/token").unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", q["code"].as_str()),
        ("redirect_uri", ALEXA_REDIRECT),
    ];
    let r = e
        .http
        .post(url.clone())
        .basic_auth(ALEXA_CLIENT_ID, Some("wrong"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().contains_key("www-authenticate"));
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
    let mut with_body = form.to_vec();
    with_body.extend([("client_id", ALEXA_CLIENT_ID), ("client_secret", "wrong")]);
    let r = e
        .http
        .post(url.clone())
        .form(&with_body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // No credentials at all.
    let r = e.http.post(url).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 401);
    // The failed attempts did not spend the code.
    let (status, body) = e.redeem(&q["code"], true).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_code_works_once_and_only_for_its_redirect_uri() {
    let e = env(dynamo_store().await).await;
    let q = e.browser_trip().await;
    let (status, _) = e.redeem(&q["code"], true).await;
    assert_eq!(status, 200);
    let (status, body) = e.redeem(&q["code"], true).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    let q = e.browser_trip().await;
    // redirect_uri is required with a code (RFC 6749 §4.1.3); refused unspent.
    let (status, body) = e
        .token(
            &[("grant_type", "authorization_code"), ("code", &q["code"])],
            true,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    // Another of Alexa's addresses is not the one the code was issued for.
    let (status, body) = e
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("code", &q["code"]),
                (
                    "redirect_uri",
                    "https://layla.amazon.com/api/skill/link/M1372REJTJ5N4Z",
                ),
            ],
            true,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let links = items_with_prefix(e.store.table(), "link#").await;
    assert_eq!(links, 1, "only the first code's link");
    let (status, body) = e
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("code", "made-up"),
                ("redirect_uri", ALEXA_REDIRECT),
            ],
            true,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn expired_pending_state_gets_a_friendly_page() {
    let e = env(dynamo_store().await).await;
    let trip = e.start().await;
    let callback = e.consent(&trip).await;
    // The same table seen by a bridge 11 minutes later.
    let later = start_bridge(
        e.store.clone(),
        &e.sandbox,
        Clock::Fixed(now() + Duration::minutes(11)),
    )
    .await;
    let mut late = Url::parse(&callback).unwrap();
    late.set_port(later.port()).unwrap();
    let r = e.get_with_cookie(late.as_str(), &trip.cookie).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    let page = r.text().await.unwrap();
    assert!(page.contains("expired"), "{page}");
    // Consumed: not even the original bridge accepts it now.
    let r = e.get_with_cookie(&callback, &trip.cookie).await;
    assert_eq!(r.status(), 400);
    // A state that never existed.
    let mut forged = e.bridge.join("/withings/callback").unwrap();
    forged
        .query_pairs_mut()
        .append_pair("code", "x")
        .append_pair("state", "forged");
    let r = e.get(forged.as_str()).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
}

#[tokio::test]
async fn unlisted_redirect_uri_is_refused_without_redirect() {
    let e = env(dynamo_store().await).await;
    // Near misses of the three exact URIs (RFC 9700 §4.1.3): a page, no redirect,
    // nothing stored.
    for bad in [
        "https://evil.example/api/skill/link/M1372REJTJ5N4Z",
        "http://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
        "https://pitangui.amazon.com.evil.example/api/skill/link/M1372REJTJ5N4Z",
        "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z/",
        "https://pitangui.amazon.com/api/skill/link/OTHERVENDOR1",
        "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z?extra=1",
        "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z#frag",
        "https://pitangui.amazon.com:443/api/skill/link/M1372REJTJ5N4Z",
        "https://layla.amazon.com/api/skill/link/m1372rejtj5n4z",
    ] {
        let r = e.get(e.authorize_url(bad).as_str()).await;
        assert_eq!(r.status(), 400, "{bad}");
        assert!(r.headers().get("location").is_none());
        assert!(r.headers().get("set-cookie").is_none());
        assert!(r.text().await.unwrap().contains("redirect_uri"));
    }
    assert_eq!(items_with_prefix(e.store.table(), "pending#").await, 0);
    // Alexa's three addresses are accepted.
    for ok in [
        "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
        "https://layla.amazon.com/api/skill/link/M1372REJTJ5N4Z",
        "https://alexa.amazon.co.jp/api/skill/link/M1372REJTJ5N4Z",
    ] {
        assert_eq!(
            e.get(e.authorize_url(ok).as_str()).await.status(),
            302,
            "{ok}"
        );
    }
    // Wrong client id.
    let mut u = e.authorize_url(ALEXA_REDIRECT);
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .into_owned()
        .map(|(k, v)| {
            if k == "client_id" {
                (k, "intruder".into())
            } else {
                (k, v)
            }
        })
        .collect();
    u.query_pairs_mut().clear().extend_pairs(pairs);
    let r = e.get(u.as_str()).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
}

/// RFC 6749 §4.1.2.1: once the redirect URI is known good, errors go back to
/// Alexa with `error`, `error_description` and `state`.
#[tokio::test]
async fn withings_access_denied_goes_back_to_alexa() {
    let e = env(dynamo_store().await).await;
    let trip = e.start().await;
    let state = query(&trip.withings)["state"].clone();
    let mut denied = e.bridge.join("/withings/callback").unwrap();
    denied
        .query_pairs_mut()
        .append_pair("error", "access_denied")
        .append_pair("state", &state);
    let r = e.get_with_cookie(denied.as_str(), &trip.cookie).await;
    assert_eq!(r.status(), 302);
    let back = location(&r);
    assert!(back.starts_with(&format!("{ALEXA_REDIRECT}?")), "{back}");
    let q = query(&back);
    assert_eq!(q["error"], "access_denied");
    assert_eq!(q["state"], ALEXA_STATE);
    assert!(!q["error_description"].is_empty());
    assert!(!q.contains_key("code"));
    assert_eq!(e.sandbox.state.count("requesttoken"), 0);
    assert_eq!(items_with_prefix(e.store.table(), "code#").await, 0);
}

#[tokio::test]
async fn unsupported_grant_type_and_missing_parameters() {
    let e = env(Arc::new(MemoryStore::new())).await;
    let (status, body) = e
        .token(&[("grant_type", "password"), ("username", "u")], true)
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    let (status, body) = e.token(&[("code", "x")], true).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    let (status, body) = e.token(&[("grant_type", "refresh_token")], false).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
}

/// A parameter sent twice is refused, never resolved to one of its values, and
/// the refusal spends nothing.
#[tokio::test]
async fn repeated_parameters_are_refused() {
    let e = env(Arc::new(MemoryStore::new())).await;
    let mut twice = e.authorize_url(ALEXA_REDIRECT);
    twice
        .query_pairs_mut()
        .append_pair("redirect_uri", "https://evil.example/");
    let r = e.get(twice.as_str()).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());

    // A repeated parameter after a good redirect URI goes back to Alexa.
    let mut twice = e.authorize_url(ALEXA_REDIRECT);
    twice.query_pairs_mut().append_pair("response_type", "code");
    let r = e.get(twice.as_str()).await;
    assert_eq!(r.status(), 302);
    let q = query(&location(&r));
    assert_eq!(
        (q["error"].as_str(), q["state"].as_str()),
        ("invalid_request", ALEXA_STATE)
    );
    assert!(r.headers().get("set-cookie").is_none());

    let trip = e.start().await;
    let callback = e.consent(&trip).await;
    let mut twice = Url::parse(&callback).unwrap();
    twice.query_pairs_mut().append_pair("state", "forged");
    let r = e.get_with_cookie(twice.as_str(), &trip.cookie).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    // The state was not consumed by the refused request.
    let r = e.get_with_cookie(&callback, &trip.cookie).await;
    assert_eq!(r.status(), 302, "{}", r.text().await.unwrap());
    let code = query(&location(&r))["code"].clone();

    let (status, body) = e
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("code", "made-up"),
                ("code", &code),
                ("redirect_uri", ALEXA_REDIRECT),
            ],
            true,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    let (status, body) = e.redeem(&code, true).await;
    assert_eq!(status, 200, "{body}");
}

/// The move is all or nothing and never happens under a skill refresh (live
/// lease) or over a changed record, on both adapters.
async fn rotate_contract<S: GrantStore>(store: S) {
    use withings_alexa::secret::{AccessToken, RefreshToken};
    use withings_alexa::store::{Lease, LinkRecord, Outcome, RefreshGrant, Rotation};
    let t = now();
    let h = TokenHash::of;
    let old_link = AlexaToken::new("old-access").hashed();
    let record = LinkRecord {
        key: old_link.clone(),
        withings_user_id: "1".into(),
        access_token: AccessToken::new("wa"),
        refresh_token: RefreshToken::new("wr"),
        access_expires_at: t + Duration::hours(3),
        version: 1,
        timezone: None,
        lease: None,
        updated_at: t,
        alexa_expires_at: Some(t + Duration::hours(1)),
    };
    let grant = |link| RefreshGrant {
        client_id: ALEXA_CLIENT_ID.into(),
        link,
        expires_at: t + Duration::days(1),
    };
    assert_eq!(
        store
            .create_link(&record, &h("r1"), &grant(old_link.clone()))
            .await
            .unwrap(),
        Outcome::Done
    );
    let new_link = AlexaToken::new("new-access").hashed();
    let new_grant = grant(new_link.clone());
    let rotation = Rotation {
        old_refresh: &h("r1"),
        new_refresh: &h("r2"),
        grant: &new_grant,
        link: &record,
        new_link: &new_link,
        new_link_expires_at: t + Duration::hours(2),
    };
    // The skill holds a live lease: no move.
    let lease = Lease {
        id: "l".into(),
        until: t + Duration::seconds(10),
    };
    assert_eq!(
        store.acquire_lease(&old_link, 1, &lease, t).await.unwrap(),
        Outcome::Done
    );
    assert_eq!(store.rotate(&rotation, t).await.unwrap(), Outcome::Lost);
    // It saved new Withings tokens (version 2): the stale rotation still fails.
    let refreshed = withings_alexa::store::Refreshed {
        access_token: AccessToken::new("wa2"),
        refresh_token: RefreshToken::new("wr2"),
        access_expires_at: t + Duration::hours(3),
    };
    assert_eq!(
        store
            .save_refreshed(&old_link, "l", &refreshed, t)
            .await
            .unwrap(),
        Outcome::Done
    );
    assert_eq!(store.rotate(&rotation, t).await.unwrap(), Outcome::Lost);
    assert!(store.get(&new_link).await.unwrap().is_none());
    assert!(store.get_refresh(&h("r2"), t).await.unwrap().is_none());
    // Re-read and retry: moves the current tokens.
    let current = store.get(&old_link).await.unwrap().unwrap();
    let rotation = Rotation {
        link: &current,
        ..rotation
    };
    assert_eq!(store.rotate(&rotation, t).await.unwrap(), Outcome::Done);
    assert!(store.get(&old_link).await.unwrap().is_none());
    assert!(store.get_refresh(&h("r1"), t).await.unwrap().is_none());
    let moved = store.get(&new_link).await.unwrap().unwrap();
    assert_eq!(moved.refresh_token.expose(), "wr2");
    assert_eq!(moved.alexa_expires_at, Some(t + Duration::hours(2)));
    assert_eq!(
        store.get_refresh(&h("r2"), t).await.unwrap(),
        Some(new_grant.clone())
    );
    // Replaying the same rotation finds the old refresh token gone.
    assert_eq!(store.rotate(&rotation, t).await.unwrap(), Outcome::Lost);
    // Expired grants are not returned, whatever TTL has done.
    assert!(
        store
            .get_refresh(&h("r2"), t + Duration::days(2))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn rotate_contract_dynamodb() {
    rotate_contract(dynamo_store().await).await;
}

#[tokio::test]
async fn rotate_contract_memory() {
    rotate_contract(MemoryStore::new()).await;
}

/// RFC 6749 §10.12, RFC 9700 §4.7: the callback finishes a trip only in the
/// browser that started it. Without the cookie, or with another browser's,
/// the answer is a page, Withings' code is never exchanged, nothing is stored.
async fn state_is_bound_to_the_browser<S: GrantStore + Clone + 'static>(store: S) {
    let e = env(store).await;
    let victim = e.start().await;
    let attacker = e.start().await;
    assert_ne!(victim.cookie, attacker.cookie);
    // The attacker's state, approved by the victim at Withings, then opened
    // by the victim's browser: without the attacker's cookie it goes nowhere.
    let attackers_callback = e.consent(&attacker).await;
    for cookie in [None, Some(victim.cookie.as_str())] {
        let trip = e.start().await;
        let callback = e.consent(&trip).await;
        let r = match cookie {
            None => e.get(&callback).await,
            Some(c) => e.get_with_cookie(&callback, c).await,
        };
        assert_eq!(r.status(), 400, "{cookie:?}");
        assert!(r.headers().get("location").is_none());
        assert!(r.text().await.unwrap().contains("another browser"));
    }
    let r = e.get_with_cookie(&attackers_callback, &victim.cookie).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    assert_eq!(
        e.sandbox.state.count("requesttoken"),
        0,
        "no code exchanged"
    );
    // A refused state is spent: the right cookie afterwards finds nothing.
    let r = e
        .get_with_cookie(&attackers_callback, &attacker.cookie)
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(e.sandbox.state.count("requesttoken"), 0);
    // The victim's own trip still ends at Alexa.
    let callback = e.consent(&victim).await;
    let r = e.get_with_cookie(&callback, &victim.cookie).await;
    assert_eq!(r.status(), 302);
    assert!(query(&location(&r)).contains_key("code"));
    let cleared = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
}

#[tokio::test]
async fn state_is_bound_to_the_browser_dynamodb() {
    let store = dynamo_store().await;
    let table = store.table().to_string();
    state_is_bound_to_the_browser(store).await;
    assert_eq!(
        items_with_prefix(&table, "code#").await,
        1,
        "only the victim's"
    );
    assert_eq!(items_with_prefix(&table, "link#").await, 0);
}

#[tokio::test]
async fn state_is_bound_to_the_browser_memory() {
    state_is_bound_to_the_browser(Arc::new(MemoryStore::new())).await;
}

/// The pending record keeps the cookie's hash, never the nonce itself.
#[tokio::test]
async fn only_the_cookies_hash_is_stored() {
    let e = env(dynamo_store().await).await;
    let trip = e.start().await;
    let nonce = trip.cookie.split_once('=').unwrap().1;
    let dump = format!(
        "{:?}",
        dynamodb()
            .await
            .scan()
            .table_name(e.store.table())
            .send()
            .await
            .unwrap()
            .items()
    );
    assert!(dump.contains(TokenHash::of(nonce).as_str()));
    assert!(!dump.contains(nonce));
}

/// RFC 7636 with S256: the code is redeemed only with the verifier; a missing
/// or wrong verifier, or a verifier for a code issued without a challenge, is
/// `invalid_grant` and creates no link.
async fn pkce<S: GrantStore + Clone + 'static>(store: S) {
    let e = env(store).await;
    let with_pkce = [
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    let redeem = |code: String, verifier: Option<&'static str>| {
        let e = &e;
        async move {
            let mut form = vec![
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", ALEXA_REDIRECT),
            ];
            form.extend(verifier.map(|v| ("code_verifier", v)));
            e.token(&form, true).await
        }
    };
    let wrong = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX";
    for verifier in [None, Some(wrong)] {
        let q = e.browser_trip_with(&with_pkce).await;
        let (status, body) = redeem(q["code"].clone(), verifier).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_grant")),
            "{verifier:?}"
        );
        // Spent by the attempt: the right verifier is too late.
        let (status, _) = redeem(q["code"].clone(), Some(VERIFIER)).await;
        assert_eq!(status, 400);
    }
    // A malformed verifier is refused before the code is spent.
    let q = e.browser_trip_with(&with_pkce).await;
    let (status, body) = redeem(q["code"].clone(), Some("short")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    let (status, body) = redeem(q["code"].clone(), Some(VERIFIER)).await;
    assert_eq!(status, 200, "{body}");
    let (access, _) = assert_tokens(&body);
    assert_sleeps(&e.ask_sleep(&access).await);
    // No challenge at /authorize: a verifier at /token is a downgrade attempt.
    let q = e.browser_trip().await;
    let (status, body) = redeem(q["code"].clone(), Some(VERIFIER)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn pkce_dynamodb() {
    let store = dynamo_store().await;
    let table = store.table().to_string();
    pkce(store).await;
    assert_eq!(
        items_with_prefix(&table, "link#").await,
        1,
        "one good redemption"
    );
}

#[tokio::test]
async fn pkce_memory() {
    pkce(Arc::new(MemoryStore::new())).await;
}

/// Bad PKCE parameters at `/authorize` go back to Alexa as `invalid_request`
/// (RFC 7636 §4.4.1), and nothing is stored.
#[tokio::test]
async fn plain_or_malformed_challenges_are_refused() {
    let e = env(dynamo_store().await).await;
    for params in [
        vec![
            ("code_challenge", VERIFIER),
            ("code_challenge_method", "plain"),
        ],
        vec![("code_challenge", CHALLENGE)],
        vec![
            ("code_challenge", "too-short"),
            ("code_challenge_method", "S256"),
        ],
        vec![("code_challenge_method", "S256")],
    ] {
        let r = e.get(e.authorize_with(&params).as_str()).await;
        assert_eq!(r.status(), 302, "{params:?}");
        let back = location(&r);
        assert!(back.starts_with(ALEXA_REDIRECT), "{back}");
        let q = query(&back);
        assert_eq!(
            (q["error"].as_str(), q["state"].as_str()),
            ("invalid_request", ALEXA_STATE)
        );
        assert!(r.headers().get("set-cookie").is_none());
    }
    assert_eq!(items_with_prefix(e.store.table(), "pending#").await, 0);
}

/// After a good client and redirect URI, `/authorize`'s errors go to Alexa
/// (RFC 6749 §4.1.2.1), with its state when it sent a usable one.
#[tokio::test]
async fn authorize_errors_go_back_to_alexa() {
    let e = env(dynamo_store().await).await;
    let long_state = "s".repeat(withings_alexa::link::MAX_VALUE_BYTES + 1);
    /// The changed parameter, the error, the state echoed.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
    let cases: [Case; 4] = [
        (
            &[("response_type", "token")],
            "unsupported_response_type",
            Some(ALEXA_STATE),
        ),
        (
            &[("response_type", "")],
            "invalid_request",
            Some(ALEXA_STATE),
        ),
        (&[("state", "")], "invalid_request", None),
        (&[("state", &long_state)], "invalid_request", None),
    ];
    for (changes, error, state) in cases {
        let r = e.get(e.authorize_with(changes).as_str()).await;
        assert_eq!(r.status(), 302);
        let q = query(&location(&r));
        assert_eq!(q["error"], error);
        assert_eq!(q.get("state").map(String::as_str), state);
        assert!(!q["error_description"].is_empty());
    }
    // The longest state Alexa may send is kept and echoed.
    let at_cap = "s".repeat(withings_alexa::link::MAX_VALUE_BYTES);
    e.start_with(&[("state", &at_cap)]).await;
    assert_eq!(items_with_prefix(e.store.table(), "pending#").await, 1);
}

/// Oversized parameters get the endpoint's error and store nothing.
#[tokio::test]
async fn oversized_parameters_are_refused() {
    let e = env(dynamo_store().await).await;
    let big = "x".repeat(withings_alexa::link::MAX_VALUE_BYTES + 1);
    // Before the redirect URI is trusted: a page.
    for changes in [
        [("client_id", big.as_str())],
        [("redirect_uri", big.as_str())],
    ] {
        let r = e.get(e.authorize_with(&changes).as_str()).await;
        assert_eq!(r.status(), 400);
        assert!(r.headers().get("location").is_none());
    }
    // An unknown parameter too: after a good redirect URI, back to Alexa.
    let r = e
        .get(e.authorize_with(&[("extra", big.as_str())]).as_str())
        .await;
    assert_eq!(query(&location(&r))["error"], "invalid_request");
    let huge = "x".repeat(withings_alexa::link::MAX_INPUT_BYTES);
    let r = e
        .get(e.authorize_with(&[("extra", huge.as_str())]).as_str())
        .await;
    assert_eq!(r.status(), 400);
    // The callback: a page.
    let mut cb = e.bridge.join("/withings/callback").unwrap();
    cb.query_pairs_mut()
        .append_pair("state", &big)
        .append_pair("code", "c");
    assert_eq!(e.get(cb.as_str()).await.status(), 400);
    // /token: invalid_request, code unspent.
    let q = e.browser_trip().await;
    for (name, value) in [
        ("code", big.as_str()),
        ("client_secret", &big),
        ("redirect_uri", &big),
    ] {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", q["code"].as_str()),
            ("redirect_uri", ALEXA_REDIRECT),
        ];
        form.retain(|(k, _)| *k != name);
        form.push((name, value));
        let (status, body) = e.token(&form, true).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_request")),
            "{name}"
        );
    }
    let r = e
        .http
        .post(e.bridge.join("/token").unwrap())
        .basic_auth(ALEXA_CLIENT_ID, Some(ALEXA_SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("grant_type=authorization_code&pad={huge}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(items_with_prefix(e.store.table(), "pending#").await, 0);
    assert_eq!(items_with_prefix(e.store.table(), "link#").await, 0);
    let (status, body) = e.redeem(&q["code"], true).await;
    assert_eq!(status, 200, "{body}");
}

/// Alexa's access token stops working when `expires_in` says (a leaked token
/// dies within the hour); Alexa's refresh through `/token` links again.
async fn alexa_tokens_expire<S: GrantStore + Clone + 'static>(store: S) {
    let e = env(store).await;
    let q = e.browser_trip().await;
    let (_, body) = e.redeem(&q["code"], true).await;
    let (access, refresh) = assert_tokens(&body);
    let lifetime = Duration::seconds(body["expires_in"].as_i64().unwrap());
    let ask_at = |at, token: &str| {
        let skill = e.skill_at(Clock::Fixed(at));
        let ev = with_token(event("sleep-last-night.json"), Some(token));
        async move { json(&skill.handle(ev).await.expect("not refused")) }
    };
    assert_sleeps(&ask_at(now() + lifetime - Duration::seconds(1), &access).await);
    let later = now() + lifetime;
    assert_not_linked(&ask_at(later, &access).await);
    // Alexa refreshes through a bridge that lives at the later time.
    let bridge = start_bridge(e.store.clone(), &e.sandbox, Clock::Fixed(later)).await;
    let r = e
        .http
        .post(bridge.join("/token").unwrap())
        .basic_auth(ALEXA_CLIENT_ID, Some(ALEXA_SECRET))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)])
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    let (access2, _) = assert_tokens(&body);
    assert_sleeps(&ask_at(later, &access2).await);
    assert_not_linked(&ask_at(later + lifetime, &access2).await);
}

#[tokio::test]
async fn alexa_tokens_expire_dynamodb() {
    alexa_tokens_expire(dynamo_store().await).await;
}

#[tokio::test]
async fn alexa_tokens_expire_memory() {
    alexa_tokens_expire(Arc::new(MemoryStore::new())).await;
}

/// Every answer carries the security headers; the privacy and terms pages
/// the template routes to the bridge exist, with the contact filled in.
#[tokio::test]
async fn pages_are_served_with_security_headers() {
    let e = env(Arc::new(MemoryStore::new())).await;
    for path in ["/privacy", "/terms"] {
        let r = e.get(e.bridge.join(path).unwrap().as_str()).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_security_headers(&r);
        let page = r.text().await.unwrap();
        assert!(
            page.contains(CONTACT) && !page.contains("{{CONTACT}}"),
            "{page}"
        );
        assert!(!page.contains("<script"));
    }
    let r = e
        .get(e.authorize_url("https://evil.example/").as_str())
        .await;
    assert_eq!(r.status(), 400);
    assert_security_headers(&r);
    let r = e.get(e.authorize_url(ALEXA_REDIRECT).as_str()).await;
    assert_eq!(r.status(), 302);
    assert_security_headers(&r);
}

fn assert_security_headers(r: &reqwest::Response) {
    let h = r.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("script") && !csp.contains("unsafe"), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert!(
        h["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}
