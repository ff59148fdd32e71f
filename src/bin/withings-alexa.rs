//! The local runner; see `withings-alexa help`.

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
    if let Err(withings_alexa::runner::Failure(msg, code)) =
        withings_alexa::runner::main(args).await
    {
        eprintln!("error: {msg}");
        std::process::exit(code);
    }
}
