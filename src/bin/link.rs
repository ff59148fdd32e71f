//! The account-linking bridge Lambda, behind an API Gateway HTTP API: build the
//! clients once, then serve `/authorize`, `/withings/callback` and `/token`.

use std::sync::Arc;
use withings_alexa::{config, link};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    withings_alexa::logging::init();
    let bridge = config::bridge_from_env().await?;
    lambda_http::run(link::router(Arc::new(bridge))).await
}
