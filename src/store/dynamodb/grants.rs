//! The account-linking bridge's records on DynamoDB (`pending#`, `code#`,
//! `refresh#` keys). Pending states and codes are single use: taken by a
//! delete that returns the old item. A new link and the move of a link to a
//! new access token are transactions, all or nothing.

use super::codec::{
    Item, Kind, code_from_item, code_item, link_item, live, n, pending_from_item, pending_item, pk,
    refresh_from_item, refresh_item, s,
};
use super::{DynamoStore, PARTITION_KEY, build_err, outcome, unavailable};
use crate::secret::TokenHash;
use crate::store::{
    CodeGrant, GrantStore, LinkRecord, Outcome, PendingAuthorization, RefreshGrant, Rotation,
    StoreError,
};
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, ReturnValue, TransactWriteItem};
use chrono::{DateTime, Utc};

impl DynamoStore {
    /// Delete and return the old item in one call: single use even under races.
    /// An expired item is deleted too, but not returned.
    async fn take(
        &self,
        key: AttributeValue,
        now: DateTime<Utc>,
    ) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key(PARTITION_KEY, key)
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(unavailable)?;
        match out.attributes {
            Some(item) if live(&item, now)? => Ok(Some(item)),
            _ => Ok(None),
        }
    }

    /// All of `items` or none; `Lost` when any condition fails.
    pub(super) async fn transact(
        &self,
        items: Vec<TransactWriteItem>,
    ) -> Result<Outcome, StoreError> {
        outcome(
            self.client
                .transact_write_items()
                .set_transact_items(Some(items))
                .send()
                .await,
        )
    }

    /// A transaction step that creates `item`, which must not exist yet.
    pub(super) fn put_new(&self, item: Item) -> Result<TransactWriteItem, StoreError> {
        Ok(TransactWriteItem::builder()
            .put(
                Put::builder()
                    .table_name(&self.table)
                    .set_item(Some(item))
                    .condition_expression("attribute_not_exists(pk)")
                    .build()
                    .map_err(build_err)?,
            )
            .build())
    }
}

impl GrantStore for DynamoStore {
    async fn put_pending(
        &self,
        id: &TokenHash,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        self.put_item(pending_item(id, pending)).await
    }

    async fn take_pending(
        &self,
        id: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        let item = self.take(pk(Kind::Pending, id), now).await?;
        item.as_ref().map(pending_from_item).transpose()
    }

    async fn put_code(&self, code: &TokenHash, grant: &CodeGrant) -> Result<(), StoreError> {
        self.put_item(code_item(code, grant)).await
    }

    async fn take_code(
        &self,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<CodeGrant>, StoreError> {
        let item = self.take(pk(Kind::Code, code), now).await?;
        item.as_ref().map(code_from_item).transpose()
    }

    async fn get_refresh(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<RefreshGrant>, StoreError> {
        match self.get_item(pk(Kind::Refresh, token)).await? {
            Some(item) if live(&item, now)? => refresh_from_item(&item).map(Some),
            _ => Ok(None),
        }
    }

    async fn create_link(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> Result<Outcome, StoreError> {
        self.create_link_replacing(link, refresh, grant).await
    }

    async fn rotate(&self, r: &Rotation<'_>, now: DateTime<Utc>) -> Result<Outcome, StoreError> {
        let consume_refresh = Delete::builder()
            .table_name(&self.table)
            .key(PARTITION_KEY, pk(Kind::Refresh, r.old_refresh))
            .condition_expression("#link = :link")
            .expression_attribute_names("#link", "link")
            .expression_attribute_values(":link", s(r.link.key.as_str()))
            .build()
            .map_err(build_err)?;
        // The skill may be mid-refresh of the Withings tokens: never move a link
        // under a live lease or at another version, or its rotated Withings
        // refresh token would be lost.
        let remove_link = Delete::builder()
            .table_name(&self.table)
            .key(PARTITION_KEY, pk(Kind::Link, &r.link.key))
            .condition_expression(
                "token_version = :v AND (attribute_not_exists(lease_until) OR lease_until < :now)",
            )
            .expression_attribute_values(":v", n(r.link.version as i64))
            .expression_attribute_values(":now", n(now.timestamp()))
            .build()
            .map_err(build_err)?;
        let items = vec![
            TransactWriteItem::builder().delete(consume_refresh).build(),
            TransactWriteItem::builder().delete(remove_link).build(),
            self.put_new(link_item(&r.moved(now)))?,
            self.put_new(refresh_item(r.new_refresh, r.grant))?,
            // The user's index follows the link (unconditionally: the steps
            // above already pin the link being moved).
            self.index_put(
                &r.link.withings_user_id,
                r.new_link,
                r.new_refresh,
                now,
                None,
            )?,
        ];
        self.transact(items).await
    }
}
