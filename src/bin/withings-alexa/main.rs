//! The local runner: parse the command line, run the subcommand, turn a
//! failure into one line on stderr and an exit code. `withings-alexa --help`
//! lists the subcommands.

mod cli;
mod dynamo;
mod failure;
mod invoke;
mod link_bridge;
mod oauth1;
mod sandbox_cmd;
mod table;

use clap::Parser;
use cli::{Cli, Command};
use failure::Failure;
use std::io::IsTerminal;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    // Bad usage exits here, with status 2 and clap's explanation.
    let cli = Cli::parse();
    init_logs();
    match run(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.line());
            ExitCode::from(failure.exit_code())
        }
    }
}

async fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Invoke(args) => invoke::run(args).await,
        Command::Sandbox(args) => sandbox_cmd::run(args).await,
        Command::CreateTable => table::create().await,
        Command::SeedDemo(now) => table::seed_demo(now).await,
        Command::LinkBridge(args) => link_bridge::run(args).await,
        Command::Oauth1(command) => oauth1::run(command).await.map_err(Failure::Failed),
    }
}

/// Logs on stderr, at `RUST_LOG`'s level (default warn); coloured only on a terminal.
fn init_logs() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
