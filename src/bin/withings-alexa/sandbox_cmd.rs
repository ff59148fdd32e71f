//! `sandbox`: serve the offline Withings API (and the Alexa Settings API)
//! until Ctrl-C, for other processes to call (scripts, `sam local`).

use crate::cli::SandboxArgs;
use crate::failure::Failure;
use withings_sandbox::{self, Sandbox};

pub async fn run(args: SandboxArgs) -> Result<(), Failure> {
    let sb = Sandbox::start_on(args.now.clock(), (args.host, args.port).into()).await?;
    if let Some(tz) = args.zone.tz {
        sb.state.set_demo_zone(tz);
    }
    println!("{}", sb.url());
    eprintln!(
        "Withings sandbox serving; client id {}, secret {}. Ctrl-C stops it.",
        withings_sandbox::CLIENT_ID,
        withings_sandbox::CLIENT_SECRET
    );
    tokio::signal::ctrl_c().await?;
    Ok(())
}
