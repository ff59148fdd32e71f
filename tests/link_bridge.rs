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
use withings_alexa::link::{Bridge, BridgeConfig, router};
use withings_alexa::secret::{AlexaToken, ClientSecret, TokenHash};
use withings_alexa::skill::{Skill, SkillConfig};
use withings_alexa::store::memory::MemoryStore;
use withings_alexa::store::{GrantStore, LinkStore};
use withings_sandbox::{Sandbox, nodelay};

const ALEXA_CLIENT_ID: &str = "alexa-skill";
const ALEXA_SECRET: &str = "bridge-secret+/=";
/// Stands in for `https://pitangui.amazon.com/api/skill/link/<vendor>`; never fetched.
const ALEXA_REDIRECT: &str = "https://alexa.test.invalid/api/skill/link/M1372REJTJ5N4Z";
const ALEXA_STATE: &str = "A2SAAEAE-state-from-alexa";

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
    let mut config = BridgeConfig::new(
        ALEXA_CLIENT_ID,
        ClientSecret::new(ALEXA_SECRET),
        sb.url().join("/oauth2_user/authorize2").unwrap(),
    );
    config.public_base_url = Some(base.clone());
    config.extra_redirect_prefixes = vec!["https://alexa.test.invalid/api/skill/link/".into()];
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

impl<S: LinkStore + Clone> Env<S> {
    fn authorize_url(&self, redirect_uri: &str) -> Url {
        let mut u = self.bridge.join("/authorize").unwrap();
        u.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", ALEXA_CLIENT_ID)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("state", ALEXA_STATE)
            .append_pair("scope", "user.metrics user.activity");
        u
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        self.http.get(url).send().await.unwrap()
    }

    /// `/authorize` → Withings' URL (the sandbox consent page).
    async fn start(&self) -> String {
        let r = self.get(self.authorize_url(ALEXA_REDIRECT).as_str()).await;
        assert_eq!(r.status(), 302);
        let to = location(&r);
        assert!(to.starts_with(self.sandbox.url().as_str()), "{to}");
        let q = query(&to);
        assert_eq!(q["client_id"], withings_sandbox::CLIENT_ID);
        assert_eq!(q["scope"], "user.metrics,user.activity");
        assert_eq!(
            q["redirect_uri"],
            format!("{}withings/callback", self.bridge)
        );
        to
    }

    /// The whole browser trip; returns Alexa's redirect (code and state).
    async fn browser_trip(&self) -> HashMap<String, String> {
        let withings = self.start().await;
        let r = self.get(&withings).await;
        assert_eq!(r.status(), 302, "sandbox consent");
        let callback = location(&r);
        assert!(callback.starts_with(self.bridge.as_str()), "{callback}");
        let r = self.get(&callback).await;
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
        let mut config = SkillConfig::new(config::SAMPLE_SKILL_ID);
        config.alexa_api_override = Some(self.sandbox.url().as_str().trim_end_matches('/').into());
        Skill {
            config,
            store: self.store.clone(),
            withings: withings_for(&self.sandbox),
            http: http_client(),
            clock: self.clock,
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

/// Items in the table holding this Withings refresh token.
async fn copies_in_table(table: &str, withings_refresh: &str) -> usize {
    let out = dynamodb()
        .await
        .scan()
        .table_name(table)
        .send()
        .await
        .unwrap();
    out.items()
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
    let (status, body) = e
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("code", &q["code"]),
                (
                    "redirect_uri",
                    "https://alexa.test.invalid/api/skill/link/OTHER",
                ),
            ],
            true,
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, body) = e
        .token(
            &[("grant_type", "authorization_code"), ("code", "made-up")],
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
    let withings = e.start().await;
    let callback = location(&e.get(&withings).await);
    // The same table seen by a bridge 11 minutes later.
    let later = start_bridge(
        e.store.clone(),
        &e.sandbox,
        Clock::Fixed(now() + Duration::minutes(11)),
    )
    .await;
    let mut late = Url::parse(&callback).unwrap();
    late.set_port(later.port()).unwrap();
    let r = e.get(late.as_str()).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    let page = r.text().await.unwrap();
    assert!(page.contains("expired"), "{page}");
    // Consumed: not even the original bridge accepts it now.
    let r = e.get(&callback).await;
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
    for bad in [
        "https://evil.example/api/skill/link/M1372REJTJ5N4Z",
        "http://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
        "https://pitangui.amazon.com.evil.example/api/skill/link/M1",
    ] {
        let r = e.get(e.authorize_url(bad).as_str()).await;
        assert_eq!(r.status(), 400, "{bad}");
        assert!(r.headers().get("location").is_none());
        assert!(r.text().await.unwrap().contains("redirect_uri"));
    }
    // A real Alexa address is accepted.
    let ok = e
        .get(
            e.authorize_url("https://layla.amazon.com/api/skill/link/M1372REJTJ5N4Z")
                .as_str(),
        )
        .await;
    assert_eq!(ok.status(), 302);
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

#[tokio::test]
async fn withings_access_denied_gets_a_friendly_page() {
    let e = env(dynamo_store().await).await;
    let withings = e.start().await;
    let state = query(&withings)["state"].clone();
    let mut denied = e.bridge.join("/withings/callback").unwrap();
    denied
        .query_pairs_mut()
        .append_pair("error", "access_denied")
        .append_pair("state", &state);
    let r = e.get(denied.as_str()).await;
    assert_eq!(r.status(), 403);
    assert!(r.headers().get("location").is_none());
    assert!(r.text().await.unwrap().contains("not linked"));
    assert_eq!(e.sandbox.state.count("requesttoken"), 0);
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

    let withings = e.start().await;
    let callback = location(&e.get(&withings).await);
    let mut twice = Url::parse(&callback).unwrap();
    twice.query_pairs_mut().append_pair("state", "forged");
    let r = e.get(twice.as_str()).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    // The state was not consumed by the refused request.
    let r = e.get(&callback).await;
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
