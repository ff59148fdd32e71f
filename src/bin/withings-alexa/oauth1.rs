//! `oauth1 …`: OAuth 1.0 explain mode (secrets are shown masked).
//!
//! * `oauth1 sign …` signs one request and prints every stage of the signature.
//! * `oauth1 demo` runs the whole three-legged flow and a signed `getmeas`
//!   against the sandbox provider on a loopback port.

use crate::cli::{Oauth1Command, SignArgs};
use axum::serve::ListenerExt;
use chrono::Utc;
use std::time::Duration;
use url::Url;
use withings::Deadline;
use withings::oauth1::{
    OAuth1Client, OAuth1Endpoints, SignParams, Signer, TokenCredentials, mask_secret,
    parse_callback,
};
use withings::secret::{ClientSecret, TokenSecret};
use withings_sandbox::oauth1::{OAuth1Sandbox, router};

/// Run `oauth1 sign` or `oauth1 demo`.
pub async fn run(command: Oauth1Command) -> Result<(), String> {
    match command {
        Oauth1Command::Sign(args) => sign(*args),
        Oauth1Command::Demo => demo().await,
    }
}

fn sign(a: SignArgs) -> Result<(), String> {
    let token = match (a.token, a.token_secret) {
        (Some(token), Some(secret)) => Some(TokenCredentials {
            token,
            secret: TokenSecret::new(secret),
        }),
        // clap lets neither come alone.
        _ => None,
    };
    let mut params = a.params;
    if let Some(userid) = a.userid {
        params.push(("userid".into(), userid));
    }
    let signer = Signer::new(a.consumer_key, ClientSecret::new(a.consumer_secret))
        .with_version(!a.no_version);
    let oauth = SignParams {
        token: token.as_ref(),
        callback: a.callback.as_deref(),
        verifier: a.verifier.as_deref(),
        nonce: a.nonce.as_deref(),
    };
    let now = a.timestamp.unwrap_or_else(Utc::now);
    let signed = signer
        .sign(&a.method, &a.url, &params, &oauth, now)
        .map_err(|e| e.to_string())?;
    println!("{}", signed.explanation);
    Ok(())
}

fn stage(title: &str) {
    println!("\n=== {title} ===");
}

/// The full dance against the sandbox on 127.0.0.1, printing each signature.
async fn demo() -> Result<(), String> {
    let consumer_key = "sandbox-consumer-key";
    let consumer_secret = ClientSecret::new(withings::secret::random_token(16));
    let sandbox = OAuth1Sandbox::new(consumer_key, consumer_secret.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot bind a loopback port: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("no local address: {e}"))?;
    let server = tokio::spawn(async move {
        axum::serve(listener.tap_io(withings_sandbox::nodelay), router(sandbox)).await
    });
    let result = run_demo(addr, consumer_key, consumer_secret).await;
    server.abort();
    result
}

async fn run_demo(
    addr: std::net::SocketAddr,
    consumer_key: &str,
    consumer_secret: ClientSecret,
) -> Result<(), String> {
    let err = |e: withings::oauth1::OAuth1Error| e.to_string();
    let timeout = Duration::from_secs(5);
    let base = Url::parse(&format!("http://{addr}/")).map_err(|e| e.to_string())?;
    // The authorize step answers with a redirect that a browser would follow;
    // here it is read, not followed.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| format!("HTTP client: {e}"))?;
    let client = OAuth1Client::new(
        http.clone(),
        Signer::new(consumer_key, consumer_secret),
        OAuth1Endpoints::under(&base).map_err(err)?,
        base.clone(),
    );
    let callback = format!("http://{addr}/callback");
    println!("sandbox OAuth 1.0 provider on http://{addr}");

    stage("1. request token");
    let (request_token, explanation) = client
        .request_token(&callback, Deadline::after(timeout))
        .await
        .map_err(err)?;
    println!("{explanation}");
    println!(
        "-> oauth_token={} oauth_token_secret={}",
        request_token.credentials.token,
        mask_secret(request_token.credentials.secret.expose())
    );

    stage("2. authorize (signed with the request-token secret)");
    let authorize = client.authorize_url(&request_token).map_err(err)?;
    println!("{}", authorize.explanation);
    let resp = tokio::time::timeout(timeout, http.get(authorize.url.clone()).send())
        .await
        .map_err(|_| "authorize: timed out".to_string())?
        .map_err(|e| format!("authorize: {}", e.without_url()))?;
    let location = resp
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .ok_or_else(|| format!("authorize: HTTP {} without a redirect", resp.status()))?;
    let location = Url::parse(location).map_err(|e| format!("authorize redirect: {e}"))?;
    let authorized = parse_callback(&location).map_err(err)?;
    println!(
        "-> HTTP {} to the callback: userid={} oauth_verifier={}",
        resp.status().as_u16(),
        authorized.userid.as_deref().unwrap_or("(none)"),
        authorized.oauth_verifier.as_deref().unwrap_or("(none)")
    );

    stage("3. access token");
    let (grant, explanation) = client
        .access_token(
            &request_token,
            authorized.oauth_verifier.as_deref(),
            Deadline::after(timeout),
        )
        .await
        .map_err(err)?;
    println!("{explanation}");
    let userid = grant
        .userid
        .clone()
        .or(authorized.userid)
        .ok_or("no userid from the access-token step or the callback")?;
    println!(
        "-> oauth_token={} oauth_token_secret={} userid={userid}",
        grant.credentials.token,
        mask_secret(grant.credentials.secret.expose())
    );

    stage("4. GET /measure?action=getmeas (userid signed)");
    let (body, explanation) = client
        .data_call(
            "/measure",
            &[("action".into(), "getmeas".into())],
            &grant.credentials,
            &userid,
            Deadline::after(timeout),
        )
        .await
        .map_err(err)?;
    println!("{explanation}");
    let pretty = serde_json::to_string_pretty(&body).map_err(|e| e.to_string())?;
    println!("-> body: {pretty}");
    Ok(())
}
