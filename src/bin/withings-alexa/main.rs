//! The local runner; see `withings-alexa help`.

mod link_bridge;
mod oauth1;
mod runner;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(runner::Failure(msg, code)) = runner::main(args).await {
        eprintln!("error: {msg}");
        std::process::exit(code);
    }
}
