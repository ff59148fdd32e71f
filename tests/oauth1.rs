//! OAuth 1.0: published vectors, a property test against an independent RFC 5849
//! implementation (`oauth1-request`), and the three-legged flow against the
//! sandbox provider on a real loopback port.

use axum::serve::ListenerExt;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use std::time::Duration;
use url::Url;
use withings::oauth1::{
    OAuth1Client, OAuth1Endpoints, OAuth1Error, SignParams, Signer, TokenCredentials,
    parse_callback, sign_base_string, signature_base_string, verify,
};
use withings::secret::{ClientSecret, TokenSecret};
use withings::{Clock, Deadline};
use withings_sandbox::nodelay;
use withings_sandbox::oauth1::{OAuth1Sandbox, SANDBOX_USERID, router};

fn at(ts: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(ts, 0).expect("valid timestamp")
}

/// "Now" for every signature below and for the sandbox provider that checks
/// their timestamps: 2026-11-25T13:00:00Z, never the wall clock.
fn now() -> DateTime<Utc> {
    at(1_795_611_600)
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn query_of(url: &Url) -> Vec<(String, String)> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn bare(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_query(None);
    u
}

// ---------------------------------------------------------------------------
// Vectors

const VECTOR_A_BASE: &str = "GET&http%3A%2F%2Fwbsapi.withings.net%2Fmeasure&action%3Dgetmeas%26oauth_consumer_key%3D974d0ffdff081d8cd95f0e0b8f23b2e5%26oauth_nonce%3D2d982f07b0ed81df704a5712f3d73aee%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1431449286%26oauth_token%3D375a2102f385c2ca91893dfac3c8f21d%26oauth_version%3D1.0%26userid%3Ddfd0d5689bdc3584664d905bde4065b9";
const VECTOR_A_SIG: &str = "9rXo12+sGkuGCrlH3XQUrlBX/KA=";
const VECTOR_A_CONSUMER_SECRET: &str = "9b057c4e64a71deb1d033084da385f89";
const VECTOR_A_TOKEN_SECRET: &str = "3386bbe192d2277b54c0e77115b7c0af";

#[test]
fn vector_a_base_string_and_signature() {
    let url = Url::parse("http://wbsapi.withings.net/measure").unwrap();
    let params = pairs(&[
        ("action", "getmeas"),
        ("oauth_consumer_key", "974d0ffdff081d8cd95f0e0b8f23b2e5"),
        ("oauth_nonce", "2d982f07b0ed81df704a5712f3d73aee"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1431449286"),
        ("oauth_token", "375a2102f385c2ca91893dfac3c8f21d"),
        ("oauth_version", "1.0"),
        ("userid", "dfd0d5689bdc3584664d905bde4065b9"),
    ]);
    let base = signature_base_string("get", &url, &params).unwrap();
    assert_eq!(base, VECTOR_A_BASE);
    let consumer_secret = ClientSecret::new(VECTOR_A_CONSUMER_SECRET);
    let token_secret = TokenSecret::new(VECTOR_A_TOKEN_SECRET);
    assert_eq!(
        sign_base_string(&base, &consumer_secret, Some(&token_secret)),
        VECTOR_A_SIG
    );
}

#[test]
fn vector_a_through_the_signer() {
    let signer = Signer::new(
        "974d0ffdff081d8cd95f0e0b8f23b2e5",
        ClientSecret::new(VECTOR_A_CONSUMER_SECRET),
    );
    let token = TokenCredentials {
        token: "375a2102f385c2ca91893dfac3c8f21d".into(),
        secret: TokenSecret::new(VECTOR_A_TOKEN_SECRET),
    };
    let url = Url::parse("http://wbsapi.withings.net/measure?action=getmeas").unwrap();
    let signed = signer
        .sign_data_call(
            &url,
            &[],
            &token,
            "dfd0d5689bdc3584664d905bde4065b9",
            Some("2d982f07b0ed81df704a5712f3d73aee"),
            at(1_431_449_286),
        )
        .unwrap();
    let e = &signed.explanation;
    assert_eq!(e.base_string, VECTOR_A_BASE);
    assert_eq!(e.signature, VECTOR_A_SIG);
    assert_eq!(e.base_uri, "http://wbsapi.withings.net/measure");
    // All oauth_* in the query string, signature percent-encoded.
    let q = signed.url.query().unwrap();
    assert!(
        q.ends_with("&oauth_signature=9rXo12%2BsGkuGCrlH3XQUrlBX%2FKA%3D"),
        "{q}"
    );
    assert!(q.contains("userid=dfd0d5689bdc3584664d905bde4065b9"));
    assert!(q.contains("oauth_version=1.0"));
    // The explanation never shows a whole secret.
    let shown = e.to_string();
    assert!(!shown.contains(VECTOR_A_CONSUMER_SECRET), "{shown}");
    assert!(!shown.contains(VECTOR_A_TOKEN_SECRET), "{shown}");
    assert!(e.signing_key.starts_with("9b05…") && e.signing_key.contains("&3386…"));
    for label in [
        "base string URI",
        "normalised parameters",
        "signature base string",
        "signing key",
        "signature:",
        "signed URL",
    ] {
        assert!(shown.contains(label), "missing {label} in\n{shown}");
    }
    // And a provider accepts it.
    verify(
        "GET",
        &bare(&signed.url),
        &query_of(&signed.url),
        &ClientSecret::new(VECTOR_A_CONSUMER_SECRET),
        Some(&TokenSecret::new(VECTOR_A_TOKEN_SECRET)),
    )
    .unwrap();
}

fn rfc5849_photos(with_version: bool) -> String {
    let signer = Signer::new("dpf43f3p2l4k3l03", ClientSecret::new("kd94hf93k423kf44"))
        .with_version(with_version);
    let token = TokenCredentials {
        token: "nnch734d00sl2jdk".into(),
        secret: TokenSecret::new("pfkkdhi9sl3r4s00"),
    };
    let url =
        Url::parse("http://photos.example.net/photos?file=vacation.jpg&size=original").unwrap();
    let oauth = SignParams {
        token: Some(&token),
        nonce: Some("chapoH"),
        ..SignParams::default()
    };
    let signed = signer
        .sign("GET", &url, &[], &oauth, at(137_131_202))
        .unwrap();
    signed.explanation.signature
}

#[test]
fn rfc5849_example_without_version() {
    assert_eq!(rfc5849_photos(false), "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
}

#[test]
fn rfc5849_example_with_version() {
    assert_eq!(rfc5849_photos(true), "1IAE9RzK+DqSqVTdQ/0zWANXVzs=");
}

#[test]
fn rfc5849_normalisation_example() {
    // RFC 5849 §3.4.1.3.2, including a repeated key, `+` in the query and an empty value.
    let url = Url::parse("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b").unwrap();
    let body = pairs(&[("c2", ""), ("a3", "2 q")]);
    let params = [
        body,
        pairs(&[
            ("oauth_consumer_key", "9djdj82h48djs9d2"),
            ("oauth_token", "kkk9d7dh3k39sjv7"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131201"),
            ("oauth_nonce", "7d8f3e4a"),
            ("oauth_signature", "ignored"),
        ]),
    ]
    .concat();
    let base = signature_base_string("POST", &url, &params).unwrap();
    assert_eq!(
        base,
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    );
}

#[test]
fn signer_refuses_caller_oauth_parameters() {
    let signer = Signer::new("k", ClientSecret::new("s"));
    let url = Url::parse("https://example.com/x?oauth_nonce=1").unwrap();
    let err = signer
        .sign("GET", &url, &[], &SignParams::default(), at(1))
        .unwrap_err();
    assert!(matches!(err, OAuth1Error::InvalidRequest(_)), "{err}");
}

#[test]
fn verify_rejects_tampering() {
    let cs = ClientSecret::new("consumer-secret");
    let token = TokenCredentials {
        token: "tok".into(),
        secret: TokenSecret::new("token-secret"),
    };
    let signer = Signer::new("ck", cs.clone());
    let url = Url::parse("http://127.0.0.1:9/measure").unwrap();
    let signed = signer
        .sign_data_call(
            &url,
            &pairs(&[("action", "getmeas")]),
            &token,
            "42",
            None,
            now(),
        )
        .unwrap();
    let params = query_of(&signed.url);
    verify("GET", &url, &params, &cs, Some(&token.secret)).unwrap();
    // Wrong token secret, changed value, extra parameter, other method: all refused.
    let wrong = TokenSecret::new("other");
    assert!(matches!(
        verify("GET", &url, &params, &cs, Some(&wrong)),
        Err(OAuth1Error::InvalidSignature)
    ));
    let mut changed = params.clone();
    for (k, v) in &mut changed {
        if k == "userid" {
            *v = "43".into();
        }
    }
    assert!(verify("GET", &url, &changed, &cs, Some(&token.secret)).is_err());
    let mut extra = params.clone();
    extra.push(("meastype".into(), "1".into()));
    assert!(verify("GET", &url, &extra, &cs, Some(&token.secret)).is_err());
    assert!(verify("POST", &url, &params, &cs, Some(&token.secret)).is_err());
    let unsigned: Vec<_> = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature")
        .cloned()
        .collect();
    assert!(matches!(
        verify("GET", &url, &unsigned, &cs, Some(&token.secret)),
        Err(OAuth1Error::MissingParameter(_))
    ));
}

// ---------------------------------------------------------------------------
// Property test against oauth1-request

/// The test's own RFC 5849 encoder, used only to order parameters for the oracle
/// (which sorts by raw value, where RFC 5849 sorts by encoded value).
fn oracle_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Case {
    base: String,
    consumer_key: String,
    consumer_secret: String,
    token: Option<(String, String)>,
    callback: Option<String>,
    verifier: Option<String>,
    nonce: String,
    timestamp: u64,
    version: bool,
    /// (key, value, put in the URL's query rather than passed separately)
    params: Vec<(String, String, bool)>,
}

fn text() -> impl Strategy<Value = String> {
    // Arbitrary Unicode, weighted towards the characters encoding gets wrong.
    prop_oneof![any::<String>(), "[ -~]{0,12}", "[a-z%+=&/?#éü☃🦀 ]{0,12}",]
}

fn base_uri() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("http"), Just("https")],
        "[a-z][a-z0-9-]{0,8}(\\.[a-z]{2,5}){0,2}",
        prop::option::of(1u16..=65535),
        // No "." or ".." segments: URL parsing removes those before signing.
        "(/([A-Za-z0-9_~-][A-Za-z0-9._~-]{0,7})?){1,3}",
    )
        .prop_filter("default port", |(scheme, _, port, _)| {
            !matches!((*scheme, port), ("http", Some(80)) | ("https", Some(443)))
        })
        // "xn--" starts a punycode label, which these random letters never spell right.
        .prop_filter("punycode", |(_, host, _, _)| {
            !host.split('.').any(|l| l.starts_with("xn--"))
        })
        .prop_map(|(scheme, host, port, path)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            format!("{scheme}://{host}{port}{path}")
        })
}

fn case() -> impl Strategy<Value = Case> {
    let param = (
        // Keys in the unreserved set: the oracle writes keys unencoded.
        // A small pool too, so repeated keys (sorted by value) come up often.
        prop_oneof![
            "[A-Za-z0-9._~-]{1,8}".prop_filter("reserved prefix", |k| !k.starts_with("oauth_")),
            prop::sample::select(vec!["a", "a.b", "a-b", "userid", "Z"]).prop_map(String::from),
        ],
        text(),
        any::<bool>(),
    );
    (
        base_uri(),
        text(),
        text(),
        prop::option::of((text(), text())),
        prop::option::of(text()),
        prop::option::of(text()),
        text().prop_filter("nonce", |n| !n.is_empty()),
        1u64..=4_000_000_000,
        any::<bool>(),
        prop::collection::vec(param, 0..6),
    )
        .prop_map(
            |(
                base,
                consumer_key,
                consumer_secret,
                token,
                callback,
                verifier,
                nonce,
                timestamp,
                version,
                params,
            )| Case {
                base,
                consumer_key,
                consumer_secret,
                token,
                callback,
                verifier,
                nonce,
                timestamp,
                version,
                params,
            },
        )
}

/// Returns (signature, decoded `oauth_*` query pairs sorted) from oauth1-request.
fn oracle(c: &Case) -> (String, Vec<(String, String)>) {
    use oauth1_request as oauth;
    let mut sorted: Vec<(String, String)> = c
        .params
        .iter()
        .map(|(k, v, _)| (k.clone(), v.clone()))
        .collect();
    sorted.sort_by_cached_key(|(k, v)| (oracle_encode(k), oracle_encode(v)));
    let request =
        oauth::request::AssertSorted::new(sorted.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let mut builder = oauth::Builder::<_, _, &str>::new(
        oauth::Credentials::new(c.consumer_key.as_str(), c.consumer_secret.as_str()),
        oauth::HmacSha1::new(),
    );
    if let Some((t, ts)) = &c.token {
        builder.token(oauth::Credentials::new(t.as_str(), ts.as_str()));
    }
    builder
        .callback(c.callback.as_deref())
        .verifier(c.verifier.as_deref())
        .nonce(c.nonce.as_str())
        .timestamp(std::num::NonZeroU64::new(c.timestamp))
        .version(c.version);
    let url = builder.get_query(c.base.clone(), &request);
    let url = Url::parse(&url).expect("oracle URL parses");
    let mut q = query_of(&url);
    let sig = q
        .iter()
        .find(|(k, _)| k == "oauth_signature")
        .map(|(_, v)| v.clone())
        .expect("oracle signs");
    q.sort();
    (sig, q)
}

fn ours(c: &Case) -> (String, Vec<(String, String)>) {
    let mut url = Url::parse(&c.base).expect("generated URL parses");
    let mut extra = Vec::new();
    {
        let in_query: Vec<_> = c.params.iter().filter(|p| p.2).collect();
        if !in_query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (k, v, _) in in_query {
                q.append_pair(k, v);
            }
        }
    }
    for (k, v, in_query) in &c.params {
        if !in_query {
            extra.push((k.clone(), v.clone()));
        }
    }
    let token = c.token.as_ref().map(|(t, s)| TokenCredentials {
        token: t.clone(),
        secret: TokenSecret::new(s.clone()),
    });
    let signer = Signer::new(
        c.consumer_key.clone(),
        ClientSecret::new(c.consumer_secret.clone()),
    )
    .with_version(c.version);
    let oauth = SignParams {
        token: token.as_ref(),
        callback: c.callback.as_deref(),
        verifier: c.verifier.as_deref(),
        nonce: Some(&c.nonce),
    };
    let signed = signer
        .sign("GET", &url, &extra, &oauth, at(c.timestamp as i64))
        .expect("signs");
    // Our own verifier accepts what we signed.
    verify(
        "GET",
        &bare(&signed.url),
        &query_of(&signed.url),
        &ClientSecret::new(c.consumer_secret.clone()),
        token.as_ref().map(|t| &t.secret),
    )
    .expect("verifies");
    let mut q = query_of(&signed.url);
    q.sort();
    (signed.explanation.signature, q)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn signer_matches_oauth1_request(c in case()) {
        let (their_sig, their_oauth) = oracle(&c);
        let (our_sig, our_query) = ours(&c);
        prop_assert_eq!(our_sig, their_sig);
        // The oracle's query carries only the protocol parameters (the request's
        // own stay with the caller); ours carries both.
        let (our_oauth, our_rest): (Vec<_>, Vec<_>) =
            our_query.into_iter().partition(|(k, _)| k.starts_with("oauth_"));
        prop_assert_eq!(our_oauth, their_oauth);
        let mut sent: Vec<(String, String)> =
            c.params.iter().map(|(k, v, _)| (k.clone(), v.clone())).collect();
        sent.sort();
        prop_assert_eq!(our_rest, sent);
    }
}

// ---------------------------------------------------------------------------
// End to end against the sandbox

struct Running {
    base: Url,
    http: reqwest::Client,
    consumer_secret: ClientSecret,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.server.abort();
    }
}

const CONSUMER_KEY: &str = "test-consumer";
/// Each call's deadline: generous, the provider is on loopback.
fn deadline() -> Deadline {
    Deadline::after(Duration::from_secs(5))
}

async fn start_sandbox() -> Running {
    let consumer_secret = ClientSecret::new("test-consumer-secret-0123456789");
    let sandbox = OAuth1Sandbox::configured(
        CONSUMER_KEY,
        consumer_secret.clone(),
        SANDBOX_USERID,
        Clock::Fixed(now()),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(listener.tap_io(nodelay), router(sandbox))
            .await
            .unwrap();
    });
    Running {
        base: Url::parse(&format!("http://{addr}/")).unwrap(),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        consumer_secret,
        server,
    }
}

fn client_for(s: &Running, secret: ClientSecret) -> OAuth1Client {
    OAuth1Client::new(
        s.http.clone(),
        Signer::new(CONSUMER_KEY, secret),
        OAuth1Endpoints::under(&s.base).unwrap(),
        s.base.clone(),
    )
    .with_clock(Clock::Fixed(now()))
}

async fn status_of(http: &reqwest::Client, url: Url) -> i64 {
    let body: serde_json::Value = http.get(url).send().await.unwrap().json().await.unwrap();
    body["status"].as_i64().unwrap()
}

/// Runs legs 1–3; returns the access grant and the callback's verifier.
async fn dance(s: &Running, client: &OAuth1Client) -> TokenCredentials {
    let callback = format!("{}callback?state=xyz", s.base);
    let (request_token, explanation) = client.request_token(&callback, deadline()).await.unwrap();
    assert!(explanation.url.as_str().contains("oauth_callback="));

    let authorize = client.authorize_url(&request_token).unwrap();
    let q = query_of(&authorize.url);
    for k in [
        "oauth_callback",
        "oauth_token",
        "oauth_signature",
        "oauth_nonce",
    ] {
        assert!(q.iter().any(|(key, _)| key == k), "authorize URL lacks {k}");
    }
    let resp = s.http.get(authorize.url.clone()).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let location = Url::parse(resp.headers()["location"].to_str().unwrap()).unwrap();
    assert!(location.as_str().starts_with(&callback));
    let cb = parse_callback(&location).unwrap();
    assert_eq!(cb.oauth_token, request_token.credentials.token);
    assert_eq!(cb.userid.as_deref(), Some(SANDBOX_USERID));
    let verifier = cb.oauth_verifier.expect("verifier");

    let (grant, _) = client
        .access_token(&request_token, Some(&verifier), deadline())
        .await
        .unwrap();
    assert_eq!(grant.userid.as_deref(), Some(SANDBOX_USERID));
    assert_ne!(grant.credentials.token, request_token.credentials.token);

    // The request token is spent.
    let again = client
        .access_token(&request_token, Some(&verifier), deadline())
        .await;
    assert!(
        matches!(&again, Err(OAuth1Error::Http { status: 401, problem: Some(p) }) if p == "token_rejected"),
        "{again:?}"
    );
    grant.credentials
}

#[tokio::test]
async fn three_legged_flow_and_getmeas() {
    let s = start_sandbox().await;
    let client = client_for(&s, s.consumer_secret.clone());
    let access = dance(&s, &client).await;

    let (body, explanation) = client
        .data_call(
            "/measure",
            &pairs(&[("action", "getmeas"), ("meastype", "1")]),
            &access,
            SANDBOX_USERID,
            deadline(),
        )
        .await
        .unwrap();
    assert!(explanation.base_string.contains("userid%3D4242"));
    assert_eq!(body["timezone"], "Europe/Paris");
    assert_eq!(body["more"], 0);
    let group = &body["measuregrps"][0];
    assert_eq!(group["measures"][0]["type"], 1);
    assert_eq!(group["measures"][0]["value"], 81013);
    assert_eq!(group["measures"][0]["unit"], -3);
    assert_eq!(group["measures"].as_array().unwrap().len(), 1);

    // Replaying the exact signed URL reuses its nonce.
    assert_eq!(status_of(&s.http, explanation.url.clone()).await, 342);

    // A fresh, valid signature passes; tampering with it does not.
    let url = s.base.join("measure").unwrap();
    let signer = client.signer();
    let fresh = |nonce: &'static str| {
        signer
            .sign_data_call(
                &url,
                &pairs(&[("action", "getmeas")]),
                &access,
                SANDBOX_USERID,
                Some(nonce),
                now(),
            )
            .unwrap()
            .url
    };
    assert_eq!(status_of(&s.http, fresh("n1")).await, 0);
    // Same nonce, new signature over the same parameters, at the same instant:
    // still a reused nonce.
    let twice = |n: &str| {
        signer
            .sign_data_call(
                &url,
                &pairs(&[("action", "getmeas")]),
                &access,
                SANDBOX_USERID,
                Some(n),
                now(),
            )
            .unwrap()
            .url
    };
    assert_eq!(status_of(&s.http, twice("n2")).await, 0);
    assert_eq!(status_of(&s.http, twice("n2")).await, 342);

    let mut tampered = fresh("n3");
    let q: Vec<(String, String)> = query_of(&tampered)
        .into_iter()
        .map(|(k, v)| {
            if k == "action" {
                (k, "getmeas ".into())
            } else {
                (k, v)
            }
        })
        .collect();
    tampered.query_pairs_mut().clear().extend_pairs(q);
    assert_eq!(status_of(&s.http, tampered).await, 342);

    let mut resigned = fresh("n4");
    let q: Vec<(String, String)> = query_of(&resigned)
        .into_iter()
        .map(|(k, v)| {
            if k == "oauth_signature" {
                (k, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=".into())
            } else {
                (k, v)
            }
        })
        .collect();
    resigned.query_pairs_mut().clear().extend_pairs(q);
    assert_eq!(status_of(&s.http, resigned).await, 342);

    // Stale timestamp, another user's id, unknown token.
    let stale = signer
        .sign_data_call(
            &url,
            &pairs(&[("action", "getmeas")]),
            &access,
            SANDBOX_USERID,
            Some("n5"),
            now() - chrono::Duration::minutes(11),
        )
        .unwrap()
        .url;
    assert_eq!(status_of(&s.http, stale).await, 342);
    let other_user = signer
        .sign_data_call(
            &url,
            &pairs(&[("action", "getmeas")]),
            &access,
            "999",
            Some("n6"),
            now(),
        )
        .unwrap()
        .url;
    assert_eq!(status_of(&s.http, other_user).await, 250);
    let stranger = TokenCredentials {
        token: "nope".into(),
        secret: TokenSecret::new("nope"),
    };
    let unknown = signer
        .sign_data_call(
            &url,
            &pairs(&[("action", "getmeas")]),
            &stranger,
            SANDBOX_USERID,
            Some("n7"),
            now(),
        )
        .unwrap()
        .url;
    assert_eq!(status_of(&s.http, unknown).await, 283);

    // The client maps a non-zero status to Api.
    let err = client
        .data_call(
            "/measure",
            &pairs(&[("action", "getmeas")]),
            &stranger,
            SANDBOX_USERID,
            deadline(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, OAuth1Error::Api { status: 283 }), "{err}");
}

#[tokio::test]
async fn token_legs_refuse_bad_signatures_and_replays() {
    let s = start_sandbox().await;
    let callback = format!("{}callback", s.base);

    // Wrong consumer secret.
    let wrong = client_for(&s, ClientSecret::new("not-the-secret"));
    let err = wrong
        .request_token(&callback, deadline())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, OAuth1Error::Http { status: 401, problem: Some(p) } if p == "signature_invalid"),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("not-the-secret"));

    // A replayed request_token URL.
    let signer = Signer::new(CONSUMER_KEY, s.consumer_secret.clone());
    let oauth = SignParams {
        callback: Some(&callback),
        ..SignParams::default()
    };
    let endpoints = OAuth1Endpoints::under(&s.base).unwrap();
    let signed = signer
        .sign("GET", &endpoints.request_token, &[], &oauth, now())
        .unwrap();
    let first = s.http.get(signed.url.clone()).send().await.unwrap();
    assert_eq!(first.status().as_u16(), 200);
    let body = first.text().await.unwrap();
    assert!(body.starts_with("oauth_token=") && body.contains("&oauth_token_secret="));
    let second = s.http.get(signed.url.clone()).send().await.unwrap();
    assert_eq!(second.status().as_u16(), 401);
    assert_eq!(second.text().await.unwrap(), "oauth_problem=nonce_used");

    // The authorize URL must be signed with the request-token secret.
    let client = client_for(&s, s.consumer_secret.clone());
    let (mut request_token, _) = client.request_token(&callback, deadline()).await.unwrap();
    request_token.credentials.secret = TokenSecret::new("guessed");
    let authorize = client.authorize_url(&request_token).unwrap();
    let resp = s.http.get(authorize.url).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(
        resp.text().await.unwrap(),
        "oauth_problem=signature_invalid"
    );

    // An access token before authorization is refused.
    let (request_token, _) = client.request_token(&callback, deadline()).await.unwrap();
    let err = client
        .access_token(&request_token, None, deadline())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, OAuth1Error::Http { status: 401, problem: Some(p) } if p == "permission_unknown"),
        "{err:?}"
    );
}

#[tokio::test]
async fn access_token_without_verifier_like_the_original_client() {
    let s = start_sandbox().await;
    let client = client_for(&s, s.consumer_secret.clone());
    let callback = format!("{}cb", s.base);
    let (request_token, _) = client.request_token(&callback, deadline()).await.unwrap();
    let authorize = client.authorize_url(&request_token).unwrap();
    let resp = s.http.get(authorize.url).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    let (grant, explanation) = client
        .access_token(&request_token, None, deadline())
        .await
        .unwrap();
    assert!(!explanation.base_string.contains("oauth_verifier"));
    assert_eq!(grant.userid.as_deref(), Some(SANDBOX_USERID));
}

#[tokio::test]
async fn timeouts_and_malformed_answers() {
    // A listener that accepts and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    let base = Url::parse(&format!("http://{addr}/")).unwrap();
    let client = OAuth1Client::new(
        reqwest::Client::new(),
        Signer::new("k", ClientSecret::new("s")),
        OAuth1Endpoints::under(&base).unwrap(),
        base.clone(),
    );
    let err = client
        .request_token(
            "http://localhost/cb",
            Deadline::after(Duration::from_millis(200)),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, OAuth1Error::Timeout), "{err:?}");
    hold.abort();

    // A provider answering 200 with half a token response: the excerpt hides the secret.
    let app = axum::Router::new().route(
        "/account/request_token",
        axum::routing::get(|| async { "oauth_token_secret=topsecretvalue&x=1" }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener.tap_io(nodelay), app).await;
    });
    let base = Url::parse(&format!("http://{addr}/")).unwrap();
    let client = OAuth1Client::new(
        reqwest::Client::new(),
        Signer::new("k", ClientSecret::new("s")),
        OAuth1Endpoints::under(&base).unwrap(),
        base,
    );
    let err = client
        .request_token("http://localhost/cb", deadline())
        .await
        .unwrap_err();
    assert!(
        matches!(err, OAuth1Error::Malformed { status: 200, .. }),
        "{err:?}"
    );
    assert!(
        !format!("{err} {err:?}").contains("topsecretvalue"),
        "{err}"
    );
    server.abort();
}

#[test]
fn runner_sign_and_demo() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_withings-alexa"))
            .args(args)
            .output()
            .expect("run the runner")
    };
    let signed = run(&[
        "oauth1",
        "sign",
        "--consumer-key",
        "dpf43f3p2l4k3l03",
        "--consumer-secret",
        "kd94hf93k423kf44",
        "--token",
        "nnch734d00sl2jdk",
        "--token-secret",
        "pfkkdhi9sl3r4s00",
        "--nonce",
        "chapoH",
        "--timestamp",
        "137131202",
        "--no-version",
        "http://photos.example.net/photos",
        "file=vacation.jpg",
        "size=original",
    ]);
    assert!(signed.status.success(), "{signed:?}");
    // RFC 5849 section 1.2's signature, and the secrets only masked.
    let out = String::from_utf8_lossy(&signed.stdout);
    assert!(
        out.contains("MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D")
            || out.contains("MdpQcU8iPSUjWoN/UDMsK2sui9I="),
        "{out}"
    );
    assert!(
        !out.contains("kd94hf93k423kf44") && !out.contains("pfkkdhi9sl3r4s00"),
        "{out}"
    );
    assert!(!run(&["oauth1", "sign", "http://x/"]).status.success());
    assert!(!run(&["oauth1", "bogus"]).status.success());
    let demo = run(&["oauth1", "demo"]);
    assert!(demo.status.success(), "{demo:?}");
}

#[tokio::test]
async fn router_merges_beside_a_post_measure_route() {
    // The main sandbox serves `POST /measure` (OAuth 2.0); ours is `GET /measure`.
    let sandbox = OAuth1Sandbox::new(CONSUMER_KEY, ClientSecret::new("s"));
    let app = axum::Router::new()
        .route("/measure", axum::routing::post(|| async { "oauth2" }))
        .merge(router(sandbox));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener.tap_io(nodelay), app).await;
    });
    let http = reqwest::Client::new();
    let url = format!("http://{addr}/measure");
    let posted = http.post(&url).send().await.unwrap().text().await.unwrap();
    assert_eq!(posted, "oauth2");
    let got: serde_json::Value = http.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(got["status"], 342);
    server.abort();
}
