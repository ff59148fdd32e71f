//! The Withings-user index on DynamoDB: one item per Withings user,
//! `pk = "user#<userid>"`, naming that user's current link and its bridge
//! refresh grant. It lets a re-link replace the old link, and a disabled skill
//! delete the grant, without a Scan: every change to it rides in the same
//! transaction as the link change it records, conditional on what was read.

use super::codec::{Item, Kind, get_s, link_from_item, link_item, n, pk, refresh_item, s, ttl_for};
use super::{DynamoStore, PARTITION_KEY, TTL_ATTRIBUTE, build_err, unavailable};
use crate::secret::TokenHash;
use crate::store::{LinkRecord, Outcome, RefreshGrant, StoreError};
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem};
use chrono::{DateTime, Utc};

/// How often a write is retried when the index changed between read and write
/// (a concurrent re-link or rotation of the same user).
const ATTEMPTS: usize = 3;

fn user_pk(user: &str) -> AttributeValue {
    s(&format!("user#{user}"))
}

/// A user's index entry: the link key and the refresh grant key.
struct Entry {
    link: TokenHash,
    refresh: TokenHash,
}

impl DynamoStore {
    async fn user_entry(&self, user: &str) -> Result<Option<Entry>, StoreError> {
        let Some(item) = self.get_item(user_pk(user)).await? else {
            return Ok(None);
        };
        Ok(Some(Entry {
            link: TokenHash::from_stored(get_s(&item, "link")?),
            refresh: TokenHash::from_stored(get_s(&item, "refresh")?),
        }))
    }

    /// A transaction step that writes the user's entry; `expected` is the link
    /// it must still name (or none: it must not exist), `None` to write it
    /// unconditionally (the rotation's own conditions already pin the link).
    pub(super) fn index_put(
        &self,
        user: &str,
        link: &TokenHash,
        refresh: &TokenHash,
        now: DateTime<Utc>,
        expected: Option<Option<&TokenHash>>,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut item = Item::new();
        item.insert(PARTITION_KEY.into(), user_pk(user));
        item.insert("link".into(), s(link.as_str()));
        item.insert("refresh".into(), s(refresh.as_str()));
        item.insert(TTL_ATTRIBUTE.into(), n(ttl_for(now)));
        let put = Put::builder().table_name(&self.table).set_item(Some(item));
        let put = match expected {
            None => put,
            Some(None) => put.condition_expression("attribute_not_exists(pk)"),
            Some(Some(old)) => put
                .condition_expression("#link = :old")
                .expression_attribute_names("#link", "link")
                .expression_attribute_values(":old", s(old.as_str())),
        };
        Ok(TransactWriteItem::builder()
            .put(put.build().map_err(build_err)?)
            .build())
    }

    fn delete_step(&self, key: AttributeValue) -> Result<TransactWriteItem, StoreError> {
        Ok(TransactWriteItem::builder()
            .delete(
                Delete::builder()
                    .table_name(&self.table)
                    .key(PARTITION_KEY, key)
                    .build()
                    .map_err(build_err)?,
            )
            .build())
    }

    /// `GrantStore::create_link`: the new link, its refresh grant and the index
    /// entry, and the deletion of the user's previous link and grant, in one
    /// transaction conditional on the index entry read just before.
    pub(super) async fn create_link_replacing(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> Result<Outcome, StoreError> {
        let user = &link.withings_user_id;
        let mut outcome = Outcome::Lost;
        for _ in 0..ATTEMPTS {
            let old = self.user_entry(user).await?;
            let mut items = vec![
                self.put_new(link_item(link))?,
                self.put_new(refresh_item(refresh, grant))?,
                self.index_put(
                    user,
                    &link.key,
                    refresh,
                    link.updated_at,
                    Some(old.as_ref().map(|o| &o.link)),
                )?,
            ];
            if let Some(old) = &old {
                items.push(self.delete_step(pk(Kind::Link, &old.link))?);
                items.push(self.delete_step(pk(Kind::Refresh, &old.refresh))?);
            }
            outcome = self.transact(items).await?;
            if outcome == Outcome::Done {
                break;
            }
        }
        Ok(outcome)
    }

    /// `LinkStore::forget`: the link, and its grant and index entry when the
    /// index names this link, in one transaction conditional on the index.
    pub(super) async fn forget_link(
        &self,
        key: &TokenHash,
    ) -> Result<Option<LinkRecord>, StoreError> {
        for _ in 0..ATTEMPTS {
            let Some(item) = self.get_item(pk(Kind::Link, key)).await? else {
                return Ok(None);
            };
            let link = link_from_item(key, &item)?;
            let user = &link.withings_user_id;
            let entry = self.user_entry(user).await?.filter(|e| e.link == *key);
            let Some(entry) = entry else {
                self.client
                    .delete_item()
                    .table_name(&self.table)
                    .key(PARTITION_KEY, pk(Kind::Link, key))
                    .send()
                    .await
                    .map_err(unavailable)?;
                return Ok(Some(link));
            };
            let drop_entry = Delete::builder()
                .table_name(&self.table)
                .key(PARTITION_KEY, user_pk(user))
                .condition_expression("#link = :key")
                .expression_attribute_names("#link", "link")
                .expression_attribute_values(":key", s(key.as_str()))
                .build()
                .map_err(build_err)?;
            let items = vec![
                self.delete_step(pk(Kind::Link, key))?,
                self.delete_step(pk(Kind::Refresh, &entry.refresh))?,
                TransactWriteItem::builder().delete(drop_entry).build(),
            ];
            if self.transact(items).await? == Outcome::Done {
                return Ok(Some(link));
            }
        }
        Err(StoreError::Unavailable(
            "the link kept changing while it was being deleted".into(),
        ))
    }
}
