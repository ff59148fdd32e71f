//! DynamoDB adapter. One item per link, keyed by `pk = "link#<sha256(alexa token)>"`.
//! Refreshes are serialised per user by a conditional lease, and saved with a
//! condition on that lease, so two Lambdas never both rotate the same token.

use super::{LINK_TTL_DAYS, Lease, LinkRecord, LinkStore, Outcome, Refreshed, StoreError};
use crate::secret::{AccessToken, RefreshToken, TokenHash};
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType, SseSpecification, TimeToLiveSpecification,
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::HashMap;

/// The table's shape. `template.yaml` declares the same; a test keeps them equal.
/// Attribute names avoid DynamoDB's reserved words (`ttl` is one, hence `#ttl`).
pub const PARTITION_KEY: &str = "pk";
pub const TTL_ATTRIBUTE: &str = "ttl";

#[derive(Clone, Debug)]
pub struct DynamoStore {
    pub(super) client: Client,
    table: String,
}

pub(super) type Item = HashMap<String, AttributeValue>;

pub(super) fn pk(key: &TokenHash) -> AttributeValue {
    AttributeValue::S(format!("link#{}", key.as_str()))
}

pub(super) fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

pub(super) fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_string())
}

pub(super) fn unavailable<E, R>(e: SdkError<E, R>) -> StoreError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    StoreError::Unavailable(DisplayErrorContext(&e).to_string())
}

/// Whether a write failed only because its condition did not hold.
fn condition_failed<E: ProvideErrorMetadata, R>(e: &SdkError<E, R>) -> bool {
    matches!(e, SdkError::ServiceError(se) if se.err().code() == Some("ConditionalCheckFailedException"))
}

fn ttl_for(now: DateTime<Utc>) -> i64 {
    (now + Duration::days(LINK_TTL_DAYS)).timestamp()
}

pub(super) fn get_s(item: &Item, name: &str) -> Result<String, StoreError> {
    match item.get(name) {
        Some(AttributeValue::S(v)) => Ok(v.clone()),
        _ => Err(StoreError::Corrupt(format!("attribute {name} missing"))),
    }
}

pub(super) fn get_n(item: &Item, name: &str) -> Result<i64, StoreError> {
    match item.get(name) {
        Some(AttributeValue::N(v)) => v
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("attribute {name} is not a number"))),
        _ => Err(StoreError::Corrupt(format!("attribute {name} missing"))),
    }
}

pub(super) fn time(secs: i64) -> Result<DateTime<Utc>, StoreError> {
    Utc.timestamp_opt(secs, 0)
        .single()
        .ok_or_else(|| StoreError::Corrupt("timestamp out of range".into()))
}

fn from_item(key: &TokenHash, item: &Item) -> Result<LinkRecord, StoreError> {
    let lease = match (item.get("lease_id"), item.get("lease_until")) {
        (Some(AttributeValue::S(id)), Some(_)) => Some(Lease {
            id: id.clone(),
            until: time(get_n(item, "lease_until")?)?,
        }),
        _ => None,
    };
    Ok(LinkRecord {
        key: key.clone(),
        withings_user_id: get_s(item, "withings_user_id")?,
        access_token: AccessToken::new(get_s(item, "access_token")?),
        refresh_token: RefreshToken::new(get_s(item, "refresh_token")?),
        access_expires_at: time(get_n(item, "access_expires_at")?)?,
        version: get_n(item, "token_version")?.max(0) as u64,
        timezone: get_s(item, "user_tz").ok(),
        lease,
        updated_at: time(get_n(item, "updated_at").unwrap_or(0))?,
    })
}

pub(super) fn to_item(r: &LinkRecord) -> Item {
    let mut item = Item::new();
    item.insert(PARTITION_KEY.into(), pk(&r.key));
    item.insert("withings_user_id".into(), s(&r.withings_user_id));
    item.insert("access_token".into(), s(r.access_token.expose()));
    item.insert("refresh_token".into(), s(r.refresh_token.expose()));
    item.insert(
        "access_expires_at".into(),
        n(r.access_expires_at.timestamp()),
    );
    item.insert("token_version".into(), n(r.version as i64));
    item.insert("updated_at".into(), n(r.updated_at.timestamp()));
    item.insert(TTL_ATTRIBUTE.into(), n(ttl_for(r.updated_at)));
    if let Some(tz) = &r.timezone {
        item.insert("user_tz".into(), s(tz));
    }
    if let Some(l) = &r.lease {
        item.insert("lease_id".into(), s(&l.id));
        item.insert("lease_until".into(), n(l.until.timestamp()));
    }
    item
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
        }
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// Create the table as `template.yaml` declares it (for local runs and tests).
    pub async fn create_table(&self) -> Result<(), StoreError> {
        let build = |e: aws_sdk_dynamodb::error::BuildError| StoreError::Unavailable(e.to_string());
        self.client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name(PARTITION_KEY)
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .map_err(build)?,
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name(PARTITION_KEY)
                    .key_type(KeyType::Hash)
                    .build()
                    .map_err(build)?,
            )
            .sse_specification(SseSpecification::builder().enabled(true).build())
            .send()
            .await
            .map_err(unavailable)?;
        self.client
            .update_time_to_live()
            .table_name(&self.table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(TTL_ATTRIBUTE)
                    .enabled(true)
                    .build()
                    .map_err(build)?,
            )
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    /// An update on one link; `Lost` when `condition` does not hold.
    async fn conditional_update(
        &self,
        key: &TokenHash,
        update: &str,
        condition: &str,
        values: Vec<(&str, AttributeValue)>,
    ) -> Result<Outcome, StoreError> {
        let mut req = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PARTITION_KEY, pk(key))
            .update_expression(update)
            .condition_expression(condition)
            // `ttl` is a reserved word in DynamoDB expressions.
            .expression_attribute_names("#ttl", TTL_ATTRIBUTE);
        for (k, v) in values {
            req = req.expression_attribute_values(k, v);
        }
        if !update.contains("#ttl") && !condition.contains("#ttl") {
            req = req.set_expression_attribute_names(None);
        }
        match req.send().await {
            Ok(_) => Ok(Outcome::Done),
            Err(e) if condition_failed(&e) => Ok(Outcome::Lost),
            Err(e) => Err(unavailable(e)),
        }
    }
}

impl LinkStore for DynamoStore {
    async fn get(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PARTITION_KEY, pk(key))
            // A refresh by another invocation must be seen at once.
            .consistent_read(true)
            .send()
            .await
            .map_err(unavailable)?;
        let Some(item) = out.item else {
            return Ok(None);
        };
        // TTL deletion is lazy (and absent in local servers): check expiry here too.
        if let Ok(ttl) = get_n(&item, TTL_ATTRIBUTE)
            && ttl < Utc::now().timestamp()
        {
            return Ok(None);
        }
        from_item(key, &item).map(Some)
    }

    async fn put(&self, record: &LinkRecord) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(to_item(record)))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    async fn acquire_lease(
        &self,
        key: &TokenHash,
        version: u64,
        lease: &Lease,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        self.conditional_update(
            key,
            "SET lease_id = :id, lease_until = :until",
            "token_version = :v AND (attribute_not_exists(lease_until) OR lease_until < :now)",
            vec![
                (":id", s(&lease.id)),
                (":until", n(lease.until.timestamp())),
                (":v", n(version as i64)),
                (":now", n(now.timestamp())),
            ],
        )
        .await
    }

    async fn save_refreshed(
        &self,
        key: &TokenHash,
        lease_id: &str,
        tokens: &Refreshed,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        self.conditional_update(
            key,
            "SET access_token = :a, refresh_token = :r, access_expires_at = :exp, \
             updated_at = :now, #ttl = :ttl, token_version = token_version + :one \
             REMOVE lease_id, lease_until",
            "lease_id = :id",
            vec![
                (":a", s(tokens.access_token.expose())),
                (":r", s(tokens.refresh_token.expose())),
                (":exp", n(tokens.access_expires_at.timestamp())),
                (":now", n(now.timestamp())),
                (":ttl", n(ttl_for(now))),
                (":one", n(1)),
                (":id", s(lease_id)),
            ],
        )
        .await
    }

    async fn release_lease(&self, key: &TokenHash, lease_id: &str) -> Result<(), StoreError> {
        self.conditional_update(
            key,
            "REMOVE lease_id, lease_until",
            "lease_id = :id",
            vec![(":id", s(lease_id))],
        )
        .await
        .map(|_| ())
    }

    async fn set_timezone(&self, key: &TokenHash, tz: &str) -> Result<(), StoreError> {
        self.conditional_update(
            key,
            "SET user_tz = :tz",
            "attribute_exists(pk)",
            vec![(":tz", s(tz))],
        )
        .await
        .map(|_| ())
    }
}
