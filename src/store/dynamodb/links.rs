//! The skill's links on DynamoDB: one item per link, `pk = "link#<hash>"`.
//! A refresh takes a conditional lease on the link's version, then saves on
//! that lease, so two Lambdas never both spend the same Withings refresh token.

use super::codec::{Kind, get_n, link_from_item, link_item, n, pk, s, ttl_for};
use super::{DynamoStore, PARTITION_KEY, TTL_ATTRIBUTE, outcome};
use crate::secret::TokenHash;
use crate::store::{Lease, LinkRecord, LinkStore, Outcome, Refreshed, StoreError};
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};

impl DynamoStore {
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
            .key(PARTITION_KEY, pk(Kind::Link, key))
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
        outcome(req.send().await)
    }
}

impl LinkStore for DynamoStore {
    async fn get(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        let Some(item) = self.get_item(pk(Kind::Link, key)).await? else {
            return Ok(None);
        };
        // TTL deletion is lazy (and absent in local servers): check expiry here too.
        if let Ok(ttl) = get_n(&item, TTL_ATTRIBUTE)
            && ttl < self.clock.now().timestamp()
        {
            return Ok(None);
        }
        link_from_item(key, &item).map(Some)
    }

    async fn put(&self, record: &LinkRecord) -> Result<(), StoreError> {
        self.put_item(link_item(record)).await
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

    async fn forget(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        self.forget_link(key).await
    }
}
