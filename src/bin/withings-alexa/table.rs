//! `create-table` and `seed-demo`: a DynamoDB table (TABLE_NAME) for local
//! runs, and the demo link the sample events lead to.

use crate::failure::Failure;
use chrono::{DateTime, Duration, Utc};
use withings_alexa::config::{self, SAMPLE_ALEXA_TOKEN, var};
use withings_alexa::secret::{AccessToken, AlexaToken, RefreshToken};
use withings_alexa::store::dynamodb::DynamoStore;
use withings_alexa::store::{LinkRecord, LinkStore};

/// Create TABLE_NAME as `template.yaml` defines it.
pub async fn create() -> Result<(), Failure> {
    let store = dynamo_store().await?;
    store.create_table().await?;
    eprintln!("created table {}", store.table());
    Ok(())
}

/// Store the demo link in TABLE_NAME.
pub async fn seed_demo() -> Result<(), Failure> {
    let store = dynamo_store().await?;
    store.put(&demo_link(Utc::now())).await?;
    eprintln!("stored the demo link in {}", store.table());
    Ok(())
}

async fn dynamo_store() -> Result<DynamoStore, Failure> {
    let table = var("TABLE_NAME").ok_or_else(|| Failure::Usage("TABLE_NAME is not set".into()))?;
    Ok(store_in(table, &config::aws_config().await))
}

/// The store in `table`, reached with `aws`.
pub fn store_in(table: String, aws: &aws_config::SdkConfig) -> DynamoStore {
    DynamoStore::new(aws_sdk_dynamodb::Client::new(aws), table)
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
    }
}
