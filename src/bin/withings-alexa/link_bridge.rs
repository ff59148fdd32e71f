//! `withings-alexa link-bridge [--port P] [--now RFC3339]`: the account-linking
//! bridge on loopback, against the built-in Withings sandbox and a memory store,
//! to try the whole linking flow in a browser.

use crate::cli::LinkBridgeArgs;
use crate::failure::Failure;
use axum::extract::RawQuery;
use axum::response::Html;
use std::sync::Arc;
use tokio::net::TcpListener;
use url::Url;
use withings::http_client;
use withings_alexa::config::{self as app_config, var};
use withings_alexa::link::{Bridge, BridgeConfig, html_escape, router};
use withings_alexa::secret::ClientSecret;
use withings_alexa::store::memory::MemoryStore;
use withings_sandbox::{self, Sandbox};

/// The Alexa client id and secret the local bridge accepts (override the secret
/// with `ALEXA_CLIENT_SECRET`).
pub const LOCAL_ALEXA_CLIENT_ID: &str = "alexa-skill";
pub const LOCAL_ALEXA_CLIENT_SECRET: &str = "local-bridge-secret";
/// Stands in for Alexa's redirect page in a local run.
const LOCAL_ALEXA_PATH: &str = "/local-alexa/";

/// Serve the bridge until Ctrl-C.
pub async fn run(args: LinkBridgeArgs) -> Result<(), Failure> {
    let clock = args.now.clock();
    let sb = Sandbox::start(clock, 0).await?;
    let listener = TcpListener::bind(("127.0.0.1", args.port)).await?;
    let base = Url::parse(&format!("http://{}", listener.local_addr()?))?;
    let secret = var("ALEXA_CLIENT_SECRET").unwrap_or_else(|| LOCAL_ALEXA_CLIENT_SECRET.into());
    let mut config = BridgeConfig::new(
        LOCAL_ALEXA_CLIENT_ID,
        ClientSecret::new(secret.clone()),
        sb.url().join("/oauth2_user/authorize2")?,
    );
    config.public_base_url = Some(base.clone());
    let local_alexa = base.join(LOCAL_ALEXA_PATH)?;
    config.extra_redirect_prefixes = vec![local_alexa.to_string()];
    let bridge = Bridge {
        config,
        store: Arc::new(MemoryStore::new()),
        withings: app_config::withings_client(
            http_client(),
            sb.url(),
            withings_sandbox::CLIENT_ID.into(),
            ClientSecret::new(withings_sandbox::CLIENT_SECRET),
        ),
        clock,
    };
    let token_url = base.join("/token")?;
    let done = {
        let token_url = token_url.clone();
        let redirect = local_alexa.join("done")?;
        move |RawQuery(q): RawQuery| async move {
            let q: std::collections::HashMap<String, String> =
                url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
                    .into_owned()
                    .collect();
            let code = q.get("code").cloned().unwrap_or_default();
            let state = q.get("state").cloned().unwrap_or_default();
            Html(format!(
                "<!doctype html><meta name=viewport content=\"width=device-width\">\
                 <h1>Alexa would now receive</h1><p>code <code>{code}</code>, state <code>{state}</code></p>\
                 <p>Redeem the code (valid 5 minutes, once):</p>\
                 <pre>curl -u {LOCAL_ALEXA_CLIENT_ID}:SECRET -d grant_type=authorization_code \
                 -d code={code} -d redirect_uri={redirect} {token_url}</pre>",
                code = html_escape(&code),
                state = html_escape(&state),
            ))
        }
    };
    let app = router(Arc::new(bridge))
        .route(&format!("{LOCAL_ALEXA_PATH}done"), axum::routing::get(done));
    let mut start = base.join("/authorize")?;
    start
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", LOCAL_ALEXA_CLIENT_ID)
        .append_pair("redirect_uri", local_alexa.join("done")?.as_str())
        .append_pair("state", "local-try")
        .append_pair("scope", "user.metrics user.activity");
    println!("{start}");
    eprintln!(
        "Link bridge serving at {base} against the Withings sandbox at {}.\n\
         Open the URL above in a browser; token endpoint {token_url} \
         (client id {LOCAL_ALEXA_CLIENT_ID}). Ctrl-C stops it.",
        sb.url()
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    drop(sb);
    Ok(())
}
