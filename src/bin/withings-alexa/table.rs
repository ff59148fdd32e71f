//! `create-table` and `seed-demo`: a DynamoDB table (TABLE_NAME) for local
//! runs, and the demo link the sample events lead to.

use crate::cli::NowArg;
use crate::dynamo;
use crate::failure::Failure;
use chrono::{DateTime, Duration, Utc};
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::secret::{AccessToken, AlexaToken, RefreshToken};
use withings_alexa::store::dynamodb::TableOutcome;
use withings_alexa::store::{LinkRecord, LinkStore};

/// Create TABLE_NAME as `template.yaml` defines it; one already there is fine.
pub async fn create() -> Result<(), Failure> {
    let table = dynamo::required("create-table", Default::default()).await?;
    let outcome = table
        .store
        .create_table()
        .await
        .map_err(|e| table.failure("create-table", e))?;
    match outcome {
        TableOutcome::Created => eprintln!("created table {} ({})", table.name(), table.place()),
        TableOutcome::AlreadyExisted => eprintln!(
            "table {} already exists ({}); left as it is",
            table.name(),
            table.place()
        ),
    }
    Ok(())
}

/// Store the demo link in TABLE_NAME, as of `--now`.
pub async fn seed_demo(now: NowArg) -> Result<(), Failure> {
    let clock = now.clock();
    let table = dynamo::required("seed-demo", clock).await?;
    table
        .store
        .put(&demo_link(clock.now()))
        .await
        .map_err(|e| table.failure("seed-demo", e))?;
    eprintln!(
        "stored the demo link in {} ({})",
        table.name(),
        table.place()
    );
    Ok(())
}

/// The link the sample events' access token leads to: the sandbox demo account.
pub fn demo_link(now: DateTime<Utc>) -> LinkRecord {
    LinkRecord {
        key: AlexaToken::new(SAMPLE_ALEXA_TOKEN).hashed(),
        withings_user_id: withings_sandbox::DEMO_USER_ID.into(),
        access_token: AccessToken::new(withings_sandbox::DEMO_ACCESS_TOKEN),
        refresh_token: RefreshToken::new(withings_sandbox::DEMO_REFRESH_TOKEN),
        access_expires_at: now + Duration::hours(3),
        version: 1,
        timezone: None,
        lease: None,
        updated_at: now,
        alexa_expires_at: None,
    }
}
