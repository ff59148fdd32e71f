//! `withings-alexa link-bridge [--port P] [--now RFC3339]`: the account-linking
//! bridge on loopback, against a Withings sandbox of its own, storing links in
//! TABLE_NAME (else in memory), to walk through Alexa's linking flow in a
//! browser and then ask the skill as the newly linked user.

use crate::cli::LinkBridgeArgs;
use crate::dynamo;
use crate::failure::Failure;
use axum::extract::RawQuery;
use axum::response::Html;
use axum::serve::ListenerExt;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::net::TcpListener;
use url::Url;
use withings::http_client;
use withings_alexa::config::{self as app_config, var};
use withings_alexa::link::{
    Bridge, BridgeConfig, CODE_LIFETIME_SECS, VendorId, html_escape, pkce_s256, router,
};
use withings_alexa::secret::{ClientSecret, random_token};
use withings_alexa::store::AnyStore;
use withings_alexa::store::memory::MemoryStore;
use withings_sandbox::{self, Sandbox};

/// The Alexa client id and secret the local bridge accepts (override the secret
/// with `ALEXA_CLIENT_SECRET`).
pub const LOCAL_ALEXA_CLIENT_ID: &str = "alexa-skill";
pub const LOCAL_ALEXA_CLIENT_SECRET: &str = "local-bridge-secret";
/// Stands in for Alexa's redirect page in a local run.
const LOCAL_ALEXA_PATH: &str = "/local-alexa/";
/// The vendor id of the local run (its redirect URI is the stand-in above).
const LOCAL_VENDOR_ID: &str = "LOCALDEMO";
/// The state the printed authorize URL carries, as Alexa's would.
const LOCAL_STATE: &str = "local-try";

/// Serve the bridge until Ctrl-C.
pub async fn run(args: LinkBridgeArgs) -> Result<(), Failure> {
    let clock = args.now.clock();
    let (store, stored_in) = match dynamo::from_env(clock).await {
        Some(table) => {
            table.check("link-bridge").await?;
            let at = format!("table {} ({})", table.name(), table.place());
            (AnyStore::Dynamo(table.store), Some(at))
        }
        None => (AnyStore::Memory(MemoryStore::new()), None),
    };
    // The bridge's own Withings: it issues the tokens a link holds, so it must
    // outlive the bridge's answers for `invoke` to use them.
    let sb = Sandbox::start(clock, 0).await?;
    let listener = TcpListener::bind(("127.0.0.1", args.port)).await?;
    let base = Url::parse(&format!("http://{}", listener.local_addr()?))?;
    let secret = var("ALEXA_CLIENT_SECRET").unwrap_or_else(|| LOCAL_ALEXA_CLIENT_SECRET.into());
    let local_alexa = base.join(LOCAL_ALEXA_PATH)?;
    let redirect_uri = local_alexa.join("done")?;
    let mut config = BridgeConfig::new(
        LOCAL_ALEXA_CLIENT_ID,
        ClientSecret::new(secret.clone()),
        VendorId::parse(LOCAL_VENDOR_ID).expect("a valid vendor id"),
        base.clone(),
        sb.url().join("/oauth2_user/authorize2")?,
    );
    config.extra_redirect_uris = vec![redirect_uri.to_string()];
    let bridge = Bridge {
        config,
        store,
        withings: app_config::withings_client(
            http_client(),
            sb.url(),
            withings_sandbox::CLIENT_ID.into(),
            ClientSecret::new(withings_sandbox::CLIENT_SECRET),
        ),
        clock,
    };
    let steps = NextSteps {
        secret,
        token_url: base.join("/token")?,
        redirect_uri,
        verifier: random_token(32),
        sandbox: sb.url(),
        table: var("TABLE_NAME").filter(|_| stored_in.is_some()),
    };
    let mut start = base.join("/authorize")?;
    start
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", LOCAL_ALEXA_CLIENT_ID)
        .append_pair("redirect_uri", steps.redirect_uri.as_str())
        .append_pair("state", LOCAL_STATE)
        .append_pair("scope", "user.metrics user.activity")
        .append_pair("code_challenge", &pkce_s256(&steps.verifier))
        .append_pair("code_challenge_method", "S256");
    println!("{start}");
    eprintln!(
        "Link bridge at {base}, against a Withings sandbox at {sandbox}.\n  \
         Alexa's client id      {LOCAL_ALEXA_CLIENT_ID}\n  \
         Alexa's client secret  {secret} (ALEXA_CLIENT_SECRET sets another)\n  \
         token endpoint         {token_url}\n  \
         PKCE code_verifier     {verifier} (its S256 challenge is in the URL)\n  \
         links stored in        {stored}\n\
         Open the URL above in a browser (or follow it with \
         curl -sL -c jar -b jar 'URL', which keeps the bridge's cookie): it ends on a page \
         standing in for Alexa's, with the next steps. Ctrl-C stops the bridge and its sandbox.",
        sandbox = sb.url(),
        secret = steps.secret,
        token_url = steps.token_url,
        verifier = steps.verifier,
        stored = stored_in.as_deref().unwrap_or(
            "this process's memory only (set TABLE_NAME to ask the skill with a new link)"
        ),
    );
    let steps = Arc::new(steps);
    let done = move |RawQuery(q): RawQuery| {
        let steps = steps.clone();
        async move {
            let q: HashMap<String, String> =
                url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
                    .into_owned()
                    .collect();
            let text = steps.after_redirect(
                q.get("code").map_or("", String::as_str),
                q.get("state").map_or("", String::as_str),
            );
            eprintln!("\n{text}");
            Html(format!(
                "<!doctype html><meta charset=utf-8>\
                 <meta name=viewport content=\"width=device-width\">\
                 <title>Linked</title><pre style=\"white-space:pre-wrap\">{}</pre>",
                html_escape(&text)
            ))
        }
    };
    let app = router(Arc::new(bridge))
        .route(&format!("{LOCAL_ALEXA_PATH}done"), axum::routing::get(done));
    axum::serve(listener.tap_io(withings_sandbox::nodelay), app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    drop(sb);
    Ok(())
}

/// What to do once the browser is back at "Alexa": redeem the code, ask the skill.
struct NextSteps {
    secret: String,
    token_url: Url,
    redirect_uri: Url,
    /// The PKCE verifier whose challenge the printed authorize URL carries.
    verifier: String,
    sandbox: Url,
    /// `TABLE_NAME`, when links go to DynamoDB (another process can read them).
    table: Option<String>,
}

impl NextSteps {
    /// The page (and the terminal) after Alexa's redirect: exact commands.
    fn after_redirect(&self, code: &str, state: &str) -> String {
        let redeem = format!(
            "curl -s -u {id}:{secret} -d grant_type=authorization_code -d code={code} \
             -d redirect_uri={redirect} -d code_verifier={verifier} {token}",
            id = LOCAL_ALEXA_CLIENT_ID,
            secret = shell_word(&self.secret),
            code = shell_word(code),
            redirect = self.redirect_uri,
            verifier = self.verifier,
            token = self.token_url,
        );
        let head = format!("Alexa would now receive code {code} (state {state}).\n\n");
        let Some(table) = &self.table else {
            return format!(
                "{head}Redeem it as Alexa's servers would (once, within {mins} minutes):\n\n  \
                 {redeem}\n\n\
                 This bridge keeps links in its memory, so no other process can ask the skill \
                 with this one. To do that, restart it with TABLE_NAME set and a local DynamoDB \
                 (scripts/dev.sh up; eval \"$(scripts/dev.sh env)\"; cargo run -- link-bridge).\n",
                mins = CODE_LIFETIME_SECS / 60,
            );
        };
        let extract = "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])'";
        format!(
            "{head}1. Redeem it as Alexa's servers would (once, within {mins} minutes); the \
             answer is JSON with access_token, refresh_token and expires_in:\n\n  \
             TOKEN=$({redeem} | {extract})\n\n\
             2. Ask the skill as the newly linked user, in a shell with this bridge's AWS \
             environment, while the bridge runs (its sandbox holds the Withings tokens):\n\n  \
             TABLE_NAME={table} cargo run -- invoke --withings-url {sandbox} \
             --access-token \"$TOKEN\" events/sleep-last-night.json\n",
            mins = CODE_LIFETIME_SECS / 60,
            table = shell_word(table),
            sandbox = self.sandbox,
        )
    }
}

/// `s` as one shell word: as it is when that is safe, else single-quoted.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/=+@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
