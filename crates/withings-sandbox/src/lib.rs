//! An offline, deterministic stand-in for the Withings API on loopback, for
//! the local runner (`withings-alexa sandbox`, demos with `--now`) and as the
//! peer of the tests. It checks bearer tokens for real (an expired one gets
//! status 401), rotates refresh tokens as Withings does, serves plausible data
//! that depends only on the user and the day, and can be told to fail
//! (faults). It also stands in for the Alexa Settings API (the device's time
//! zone) and for Withings' historical OAuth 1.0 provider. `GET /` lists it all.
//!
//! Test and tooling code only: the Lambda binaries never link it
//! (tests/architecture.rs checks their symbols).

mod alexa_settings;
mod call;
mod consent;
mod envelope;
mod faults;
pub mod health;
mod index;
pub mod oauth1;
mod oauth2;
mod routes;
mod state;
mod tokens;

pub use faults::{Fault, FaultKind};
pub use routes::router;
pub use state::{SandboxState, Seen};
pub use tokens::IssuedTokens;

use axum::serve::ListenerExt;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use withings::Clock;

/// Credentials the sandbox accepts.
pub const CLIENT_ID: &str = "sandbox-client";
pub const CLIENT_SECRET: &str = "sandbox-secret";

/// A public demo account every sandbox knows. Its tokens never expire or rotate
/// out, so a link seeded with them works against any sandbox, however long it runs.
pub const DEMO_USER_ID: &str = "31415926";
pub const DEMO_ACCESS_TOKEN: &str = "sandbox-demo-access-token";
pub const DEMO_REFRESH_TOKEN: &str = "sandbox-demo-refresh-token";
pub const DEMO_TIMEZONE: &str = "America/New_York";

/// TCP_NODELAY on an accepted socket, for every loopback server here (pass it to
/// axum's `ListenerExt::tap_io`). Without it, a reply written in two segments
/// waits for the client's delayed ACK, about 40 ms per exchange on Linux.
pub fn nodelay(tcp: &mut tokio::net::TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!(error = %e, "TCP_NODELAY not set");
    }
}

/// A running sandbox. Dropping it stops the server.
pub struct Sandbox {
    pub state: Arc<SandboxState>,
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Sandbox {
    /// Serve on `127.0.0.1:port` (0 picks a free port).
    pub async fn start(clock: Clock, port: u16) -> std::io::Result<Sandbox> {
        Self::start_on(clock, SocketAddr::from(([127, 0, 0, 1], port))).await
    }

    pub async fn start_on(clock: Clock, addr: SocketAddr) -> std::io::Result<Sandbox> {
        let state = SandboxState::new(clock);
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let listener = listener.tap_io(nodelay);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = router(state.clone());
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = rx.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        Ok(Sandbox {
            state,
            addr,
            shutdown: Some(tx),
        })
    }

    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}", self.addr))
            .expect("a socket address is a valid URL host")
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
