//! The account-linking bridge's port: pending authorizations, bridge
//! authorization codes, bridge refresh tokens, and the atomic move of a link to
//! a new Alexa access token. Same single table as the links (`pk` prefixes
//! `pending#`, `code#`, `refresh#`; `ttl` for expiry, also checked in code since
//! TTL deletion is lazy). Every key is a SHA-256 hash of what Alexa or the
//! browser holds, never the value itself.

use super::dynamodb::{
    DynamoStore, Item, PARTITION_KEY, TTL_ATTRIBUTE, get_n, get_s, n, s, time, to_item, unavailable,
};
use super::memory::MemoryStore;
use super::{AnyStore, Lease, LinkRecord, LinkStore, Outcome, Refreshed, StoreError};
use crate::secret::{AccessToken, RefreshToken, TokenHash};
use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, ReturnValue, TransactWriteItem};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

/// A browser on its way through Withings' consent page: where to send it back.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingAuthorization {
    /// Alexa's `redirect_uri`, already validated.
    pub redirect_uri: String,
    /// Alexa's `state`, echoed back unchanged.
    pub alexa_state: String,
    pub expires_at: DateTime<Utc>,
}

/// A bridge authorization code: single use, bound to the Alexa client and
/// redirect URI, holding the Withings tokens until Alexa redeems it.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeGrant {
    pub client_id: String,
    pub redirect_uri: String,
    pub withings_user_id: String,
    pub access_token: AccessToken,
    pub refresh_token: RefreshToken,
    pub access_expires_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A bridge refresh token: which link (by access-token hash) it renews.
#[derive(Clone, Debug, PartialEq)]
pub struct RefreshGrant {
    pub client_id: String,
    pub link: TokenHash,
    pub expires_at: DateTime<Utc>,
}

/// Rotate a refresh token and move its link to a new access-token hash, all or
/// nothing: the old refresh token must still exist and point at `link.key`, the
/// link must still be at `link.version` with no live refresh lease.
#[derive(Clone, Debug)]
pub struct Rotation<'a> {
    pub old_refresh: &'a TokenHash,
    pub new_refresh: &'a TokenHash,
    /// The new refresh token's record (its `link` is the new key).
    pub grant: &'a RefreshGrant,
    /// The link as read, at its current key.
    pub link: &'a LinkRecord,
    pub new_link: &'a TokenHash,
}

impl Rotation<'_> {
    /// The record as it will be stored under the new key.
    pub fn moved(&self, now: DateTime<Utc>) -> LinkRecord {
        LinkRecord {
            key: self.new_link.clone(),
            lease: None,
            updated_at: now,
            ..self.link.clone()
        }
    }
}

pub trait GrantStore: LinkStore {
    fn put_pending(
        &self,
        id: &TokenHash,
        pending: &PendingAuthorization,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Consume a pending authorization (gone whatever the outcome); `None` if
    /// unknown or expired.
    fn take_pending(
        &self,
        id: &TokenHash,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<PendingAuthorization>, StoreError>> + Send;

    fn put_code(
        &self,
        code: &TokenHash,
        grant: &CodeGrant,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Consume a code atomically: of two concurrent redemptions one gets `None`.
    fn take_code(
        &self,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<CodeGrant>, StoreError>> + Send;

    fn get_refresh(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Option<RefreshGrant>, StoreError>> + Send;

    /// Create a new link and its first refresh token together (neither may exist).
    fn create_link(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> impl Future<Output = Result<Outcome, StoreError>> + Send;

    /// Apply a `Rotation`; `Lost` when any of its conditions fails.
    fn rotate(
        &self,
        rotation: &Rotation<'_>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Outcome, StoreError>> + Send;
}

// ---------------------------------------------------------------- memory

/// The memory adapter's bridge records (a field of `MemoryStore`).
#[derive(Default)]
pub struct MemoryGrants {
    pending: HashMap<TokenHash, PendingAuthorization>,
    codes: HashMap<TokenHash, CodeGrant>,
    refresh: HashMap<TokenHash, RefreshGrant>,
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl GrantStore for MemoryStore {
    async fn put_pending(
        &self,
        id: &TokenHash,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        lock(&self.grants)
            .pending
            .insert(id.clone(), pending.clone());
        Ok(())
    }

    async fn take_pending(
        &self,
        id: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        let p = lock(&self.grants).pending.remove(id);
        Ok(p.filter(|p| p.expires_at > now))
    }

    async fn put_code(&self, code: &TokenHash, grant: &CodeGrant) -> Result<(), StoreError> {
        lock(&self.grants).codes.insert(code.clone(), grant.clone());
        Ok(())
    }

    async fn take_code(
        &self,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<CodeGrant>, StoreError> {
        let g = lock(&self.grants).codes.remove(code);
        Ok(g.filter(|g| g.expires_at > now))
    }

    async fn get_refresh(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<RefreshGrant>, StoreError> {
        let g = lock(&self.grants).refresh.get(token).cloned();
        Ok(g.filter(|g| g.expires_at > now))
    }

    async fn create_link(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> Result<Outcome, StoreError> {
        // Lock order everywhere: grants, then links.
        let mut grants = lock(&self.grants);
        let mut links = lock(&self.links);
        if links.contains_key(&link.key) || grants.refresh.contains_key(refresh) {
            return Ok(Outcome::Lost);
        }
        links.insert(link.key.clone(), link.clone());
        grants.refresh.insert(refresh.clone(), grant.clone());
        Ok(Outcome::Done)
    }

    async fn rotate(&self, r: &Rotation<'_>, now: DateTime<Utc>) -> Result<Outcome, StoreError> {
        let mut grants = lock(&self.grants);
        let mut links = lock(&self.links);
        let refresh_ok = grants
            .refresh
            .get(r.old_refresh)
            .is_some_and(|g| g.link == r.link.key);
        let link_ok = links.get(&r.link.key).is_some_and(|l| {
            l.version == r.link.version && l.lease.as_ref().is_none_or(|l| l.until < now)
        });
        if !refresh_ok
            || !link_ok
            || links.contains_key(r.new_link)
            || grants.refresh.contains_key(r.new_refresh)
        {
            return Ok(Outcome::Lost);
        }
        // Move the stored record itself (not the caller's copy), so nothing is stale.
        let current = links.remove(&r.link.key).expect("checked above");
        links.insert(
            r.new_link.clone(),
            LinkRecord {
                key: r.new_link.clone(),
                lease: None,
                updated_at: now,
                ..current
            },
        );
        grants.refresh.remove(r.old_refresh);
        grants
            .refresh
            .insert(r.new_refresh.clone(), r.grant.clone());
        Ok(Outcome::Done)
    }
}

// ---------------------------------------------------------------- DynamoDB

fn key(prefix: &str, h: &TokenHash) -> AttributeValue {
    AttributeValue::S(format!("{prefix}#{}", h.as_str()))
}

fn link_key(h: &TokenHash) -> AttributeValue {
    key("link", h)
}

fn build_err(e: aws_sdk_dynamodb::error::BuildError) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

/// Expired per its `expires_at`, whatever TTL has done so far.
fn live(item: &Item, now: DateTime<Utc>) -> Result<bool, StoreError> {
    Ok(get_n(item, "expires_at")? > now.timestamp())
}

impl DynamoStore {
    async fn put_grant(&self, item: Item) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(self.table())
            .set_item(Some(item))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    /// Delete and return the old item in one call: single use even under races.
    /// An expired item is deleted too, but not returned.
    async fn take(
        &self,
        pk: AttributeValue,
        now: DateTime<Utc>,
    ) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(self.table())
            .key(PARTITION_KEY, pk)
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(unavailable)?;
        match out.attributes {
            Some(item) if live(&item, now)? => Ok(Some(item)),
            _ => Ok(None),
        }
    }

    async fn transact(&self, items: Vec<TransactWriteItem>) -> Result<Outcome, StoreError> {
        match self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
        {
            Ok(_) => Ok(Outcome::Done),
            Err(e)
                if matches!(&e, aws_sdk_dynamodb::error::SdkError::ServiceError(se)
                    if matches!(se.err().code(),
                        Some("TransactionCanceledException" | "ConditionalCheckFailedException"))) =>
            {
                Ok(Outcome::Lost)
            }
            Err(e) => Err(unavailable(e)),
        }
    }

    fn put_new(&self, item: Item) -> Result<TransactWriteItem, StoreError> {
        Ok(TransactWriteItem::builder()
            .put(
                Put::builder()
                    .table_name(self.table())
                    .set_item(Some(item))
                    .condition_expression("attribute_not_exists(pk)")
                    .build()
                    .map_err(build_err)?,
            )
            .build())
    }
}

fn pending_item(id: &TokenHash, p: &PendingAuthorization) -> Item {
    let mut item = Item::new();
    item.insert(PARTITION_KEY.into(), key("pending", id));
    item.insert("redirect_uri".into(), s(&p.redirect_uri));
    item.insert("alexa_state".into(), s(&p.alexa_state));
    item.insert("expires_at".into(), n(p.expires_at.timestamp()));
    item.insert(TTL_ATTRIBUTE.into(), n(p.expires_at.timestamp()));
    item
}

fn code_item(code: &TokenHash, g: &CodeGrant) -> Item {
    let mut item = Item::new();
    item.insert(PARTITION_KEY.into(), key("code", code));
    item.insert("client_id".into(), s(&g.client_id));
    item.insert("redirect_uri".into(), s(&g.redirect_uri));
    item.insert("withings_user_id".into(), s(&g.withings_user_id));
    item.insert("access_token".into(), s(g.access_token.expose()));
    item.insert("refresh_token".into(), s(g.refresh_token.expose()));
    item.insert(
        "access_expires_at".into(),
        n(g.access_expires_at.timestamp()),
    );
    item.insert("expires_at".into(), n(g.expires_at.timestamp()));
    item.insert(TTL_ATTRIBUTE.into(), n(g.expires_at.timestamp()));
    item
}

fn refresh_item(token: &TokenHash, g: &RefreshGrant) -> Item {
    let mut item = Item::new();
    item.insert(PARTITION_KEY.into(), key("refresh", token));
    item.insert("client_id".into(), s(&g.client_id));
    item.insert("link".into(), s(g.link.as_str()));
    item.insert("expires_at".into(), n(g.expires_at.timestamp()));
    item.insert(TTL_ATTRIBUTE.into(), n(g.expires_at.timestamp()));
    item
}

impl GrantStore for DynamoStore {
    async fn put_pending(
        &self,
        id: &TokenHash,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        self.put_grant(pending_item(id, pending)).await
    }

    async fn take_pending(
        &self,
        id: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        let Some(item) = self.take(key("pending", id), now).await? else {
            return Ok(None);
        };
        Ok(Some(PendingAuthorization {
            redirect_uri: get_s(&item, "redirect_uri")?,
            alexa_state: get_s(&item, "alexa_state")?,
            expires_at: time(get_n(&item, "expires_at")?)?,
        }))
    }

    async fn put_code(&self, code: &TokenHash, grant: &CodeGrant) -> Result<(), StoreError> {
        self.put_grant(code_item(code, grant)).await
    }

    async fn take_code(
        &self,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<CodeGrant>, StoreError> {
        let Some(item) = self.take(key("code", code), now).await? else {
            return Ok(None);
        };
        Ok(Some(CodeGrant {
            client_id: get_s(&item, "client_id")?,
            redirect_uri: get_s(&item, "redirect_uri")?,
            withings_user_id: get_s(&item, "withings_user_id")?,
            access_token: AccessToken::new(get_s(&item, "access_token")?),
            refresh_token: RefreshToken::new(get_s(&item, "refresh_token")?),
            access_expires_at: time(get_n(&item, "access_expires_at")?)?,
            expires_at: time(get_n(&item, "expires_at")?)?,
        }))
    }

    async fn get_refresh(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<RefreshGrant>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(self.table())
            .key(PARTITION_KEY, key("refresh", token))
            .consistent_read(true)
            .send()
            .await
            .map_err(unavailable)?;
        let Some(item) = out.item else {
            return Ok(None);
        };
        if !live(&item, now)? {
            return Ok(None);
        }
        Ok(Some(RefreshGrant {
            client_id: get_s(&item, "client_id")?,
            link: TokenHash::from_stored(get_s(&item, "link")?),
            expires_at: time(get_n(&item, "expires_at")?)?,
        }))
    }

    async fn create_link(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> Result<Outcome, StoreError> {
        let items = vec![
            self.put_new(to_item(link))?,
            self.put_new(refresh_item(refresh, grant))?,
        ];
        self.transact(items).await
    }

    async fn rotate(&self, r: &Rotation<'_>, now: DateTime<Utc>) -> Result<Outcome, StoreError> {
        let consume_refresh = Delete::builder()
            .table_name(self.table())
            .key(PARTITION_KEY, key("refresh", r.old_refresh))
            .condition_expression("#link = :link")
            .expression_attribute_names("#link", "link")
            .expression_attribute_values(":link", s(r.link.key.as_str()))
            .build()
            .map_err(build_err)?;
        // The skill may be mid-refresh of the Withings tokens: never move a link
        // under a live lease or at another version, or its rotated Withings
        // refresh token would be lost.
        let remove_link = Delete::builder()
            .table_name(self.table())
            .key(PARTITION_KEY, link_key(&r.link.key))
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
            self.put_new(to_item(&r.moved(now)))?,
            self.put_new(refresh_item(r.new_refresh, r.grant))?,
        ];
        self.transact(items).await
    }
}

// ---------------------------------------------------------------- sharing

/// A store shared between the bridge and the skill (memory runs and tests).
impl<T: LinkStore> LinkStore for Arc<T> {
    async fn get(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        (**self).get(key).await
    }
    async fn put(&self, record: &LinkRecord) -> Result<(), StoreError> {
        (**self).put(record).await
    }
    async fn acquire_lease(
        &self,
        key: &TokenHash,
        version: u64,
        lease: &Lease,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        (**self).acquire_lease(key, version, lease, now).await
    }
    async fn save_refreshed(
        &self,
        key: &TokenHash,
        lease_id: &str,
        tokens: &Refreshed,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        (**self).save_refreshed(key, lease_id, tokens, now).await
    }
    async fn release_lease(&self, key: &TokenHash, lease_id: &str) -> Result<(), StoreError> {
        (**self).release_lease(key, lease_id).await
    }
    async fn set_timezone(&self, key: &TokenHash, tz: &str) -> Result<(), StoreError> {
        (**self).set_timezone(key, tz).await
    }
}

impl<T: GrantStore> GrantStore for Arc<T> {
    async fn put_pending(
        &self,
        id: &TokenHash,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        (**self).put_pending(id, pending).await
    }
    async fn take_pending(
        &self,
        id: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        (**self).take_pending(id, now).await
    }
    async fn put_code(&self, code: &TokenHash, grant: &CodeGrant) -> Result<(), StoreError> {
        (**self).put_code(code, grant).await
    }
    async fn take_code(
        &self,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<CodeGrant>, StoreError> {
        (**self).take_code(code, now).await
    }
    async fn get_refresh(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<RefreshGrant>, StoreError> {
        (**self).get_refresh(token, now).await
    }
    async fn create_link(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> Result<Outcome, StoreError> {
        (**self).create_link(link, refresh, grant).await
    }
    async fn rotate(&self, r: &Rotation<'_>, now: DateTime<Utc>) -> Result<Outcome, StoreError> {
        (**self).rotate(r, now).await
    }
}

macro_rules! any {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            AnyStore::Memory($s) => $e.await,
            AnyStore::Dynamo($s) => $e.await,
        }
    };
}

impl GrantStore for AnyStore {
    async fn put_pending(
        &self,
        id: &TokenHash,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        any!(self, s => s.put_pending(id, pending))
    }
    async fn take_pending(
        &self,
        id: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        any!(self, s => s.take_pending(id, now))
    }
    async fn put_code(&self, code: &TokenHash, grant: &CodeGrant) -> Result<(), StoreError> {
        any!(self, s => s.put_code(code, grant))
    }
    async fn take_code(
        &self,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<CodeGrant>, StoreError> {
        any!(self, s => s.take_code(code, now))
    }
    async fn get_refresh(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<RefreshGrant>, StoreError> {
        any!(self, s => s.get_refresh(token, now))
    }
    async fn create_link(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> Result<Outcome, StoreError> {
        any!(self, s => s.create_link(link, refresh, grant))
    }
    async fn rotate(&self, r: &Rotation<'_>, now: DateTime<Utc>) -> Result<Outcome, StoreError> {
        any!(self, s => s.rotate(r, now))
    }
}
