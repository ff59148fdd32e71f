//! DynamoDB adapter: one table for the skill's links (`links`) and the
//! bridge's records (`grants`), keyed by `pk = "<kind>#<sha256(secret)>"`.
//! Every race is settled by a condition on the write: refreshes are serialised
//! per user by a conditional lease and saved on that lease, codes are taken by
//! a delete that returns the old item, a link moves in one transaction; so two
//! Lambdas never both rotate the same token.

mod codec;
mod grants;
mod links;
mod users;

use crate::store::{Outcome, StoreError};
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{BuildError, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType, SseSpecification, TimeToLiveSpecification, TimeToLiveStatus,
};
use codec::Item;
use withings::Clock;

/// The table's shape. `template.yaml` declares the same; a test keeps them equal.
pub const PARTITION_KEY: &str = "pk";
pub const TTL_ATTRIBUTE: &str = "ttl";

/// What `create_table` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableOutcome {
    Created,
    AlreadyExisted,
}

#[derive(Clone, Debug)]
pub struct DynamoStore {
    client: Client,
    table: String,
    /// What `get` compares a link's TTL with (the ports' other methods take `now`).
    clock: Clock,
}

/// The SDK's error as one line that starts with "DynamoDB" (not its debug dump).
fn unavailable<E, R>(e: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    StoreError::Unavailable(crate::aws_error::one_line("DynamoDB", &e))
}

fn build_err(e: BuildError) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

/// A conditional write's outcome: `Lost` when it failed only because its
/// condition (or, in a transaction, any item's condition) did not hold.
fn outcome<T, E, R>(sent: Result<T, SdkError<E, R>>) -> Result<Outcome, StoreError>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match sent {
        Ok(_) => Ok(Outcome::Done),
        Err(SdkError::ServiceError(se))
            if matches!(
                se.err().code(),
                Some("ConditionalCheckFailedException" | "TransactionCanceledException")
            ) =>
        {
            Ok(Outcome::Lost)
        }
        Err(e) => Err(unavailable(e)),
    }
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
            clock: Clock::System,
        }
    }

    /// The same store, reading expiry on `clock` (a pinned run or test).
    pub fn with_clock(self, clock: Clock) -> Self {
        DynamoStore { clock, ..self }
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// Create the table as `template.yaml` declares it (for local runs and
    /// tests). A table of that name already there is left as it is, with its
    /// TTL switched on if it was not.
    pub async fn create_table(&self) -> Result<TableOutcome, StoreError> {
        let created = self
            .client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name(PARTITION_KEY)
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .map_err(build_err)?,
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name(PARTITION_KEY)
                    .key_type(KeyType::Hash)
                    .build()
                    .map_err(build_err)?,
            )
            .sse_specification(SseSpecification::builder().enabled(true).build())
            .send()
            .await;
        let outcome = match created {
            Ok(_) => TableOutcome::Created,
            Err(SdkError::ServiceError(se)) if se.err().is_resource_in_use_exception() => {
                TableOutcome::AlreadyExisted
            }
            Err(e) => return Err(unavailable(e)),
        };
        if outcome == TableOutcome::AlreadyExisted && self.ttl_is_on().await? {
            // Switching it on twice is an error.
            return Ok(outcome);
        }
        self.client
            .update_time_to_live()
            .table_name(&self.table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(TTL_ATTRIBUTE)
                    .enabled(true)
                    .build()
                    .map_err(build_err)?,
            )
            .send()
            .await
            .map_err(unavailable)?;
        Ok(outcome)
    }

    async fn ttl_is_on(&self) -> Result<bool, StoreError> {
        let out = self
            .client
            .describe_time_to_live()
            .table_name(&self.table)
            .send()
            .await
            .map_err(unavailable)?;
        Ok(matches!(
            out.time_to_live_description
                .and_then(|d| d.time_to_live_status),
            Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling)
        ))
    }

    /// Read one item, strongly consistent: a write by another invocation
    /// (a refresh, a rotation) must be seen at once.
    async fn get_item(&self, pk: AttributeValue) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PARTITION_KEY, pk)
            .consistent_read(true)
            .send()
            .await
            .map_err(unavailable)?;
        Ok(out.item)
    }

    /// Create or replace one item, unconditionally.
    async fn put_item(&self, item: Item) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }
}
