//! The linked-accounts port: the hash of Alexa's access token leads to the
//! user's Withings tokens. Adapters: `dynamodb` (production) and `memory`
//! (local runs). Both implement the same single-flight refresh protocol, so a
//! rotated Withings refresh token is never lost to a race between invocations.

pub mod dynamodb;
pub mod grants;
pub mod memory;

use crate::secret::{AccessToken, RefreshToken, TokenHash};
use chrono::{DateTime, Utc};
use std::future::Future;
use thiserror::Error;

/// A user's link between Alexa and Withings.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRecord {
    pub key: TokenHash,
    pub withings_user_id: String,
    pub access_token: AccessToken,
    pub refresh_token: RefreshToken,
    pub access_expires_at: DateTime<Utc>,
    /// Bumped on every token change; refreshes are conditional on it.
    pub version: u64,
    /// The user's IANA zone, learned from Withings data, for day boundaries.
    pub timezone: Option<String>,
    pub lease: Option<Lease>,
    pub updated_at: DateTime<Utc>,
}

/// A short claim on the right to refresh, so concurrent invocations don't each
/// spend the same refresh token.
#[derive(Clone, Debug, PartialEq)]
pub struct Lease {
    pub id: String,
    pub until: DateTime<Utc>,
}

/// New tokens from a refresh, to be saved before the access token is used.
#[derive(Clone, Debug)]
pub struct Refreshed {
    pub access_token: AccessToken,
    pub refresh_token: RefreshToken,
    pub access_expires_at: DateTime<Utc>,
}

/// Links unused for this long (a refresh token's lifetime) expire via TTL.
pub const LINK_TTL_DAYS: i64 = 365;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the link store is unavailable: {0}")]
    Unavailable(String),
    #[error("a stored link is unreadable: {0}")]
    Corrupt(String),
}

/// What happened to a conditional write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The condition failed: someone else changed the record first.
    Lost,
}

pub trait LinkStore: Send + Sync {
    fn get(
        &self,
        key: &TokenHash,
    ) -> impl Future<Output = Result<Option<LinkRecord>, StoreError>> + Send;

    /// Create or replace a link (account linking).
    fn put(&self, record: &LinkRecord) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Claim the refresh lease if the record is still at `version` and no live
    /// lease is held.
    fn acquire_lease(
        &self,
        key: &TokenHash,
        version: u64,
        lease: &Lease,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Outcome, StoreError>> + Send;

    /// Save refreshed tokens, bump the version and drop the lease, if we still
    /// hold the lease.
    fn save_refreshed(
        &self,
        key: &TokenHash,
        lease_id: &str,
        tokens: &Refreshed,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<Outcome, StoreError>> + Send;

    /// Drop our lease after a failed refresh so others needn't wait it out.
    fn release_lease(
        &self,
        key: &TokenHash,
        lease_id: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Remember the user's zone (best effort).
    fn set_timezone(
        &self,
        key: &TokenHash,
        tz: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// Pick the adapter at run time (the runner uses memory unless `TABLE_NAME` is set).
pub enum AnyStore {
    Memory(memory::MemoryStore),
    Dynamo(dynamodb::DynamoStore),
}

macro_rules! dispatch {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            AnyStore::Memory($s) => $e.await,
            AnyStore::Dynamo($s) => $e.await,
        }
    };
}

impl LinkStore for AnyStore {
    async fn get(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        dispatch!(self, s => s.get(key))
    }
    async fn put(&self, record: &LinkRecord) -> Result<(), StoreError> {
        dispatch!(self, s => s.put(record))
    }
    async fn acquire_lease(
        &self,
        key: &TokenHash,
        version: u64,
        lease: &Lease,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        dispatch!(self, s => s.acquire_lease(key, version, lease, now))
    }
    async fn save_refreshed(
        &self,
        key: &TokenHash,
        lease_id: &str,
        tokens: &Refreshed,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        dispatch!(self, s => s.save_refreshed(key, lease_id, tokens, now))
    }
    async fn release_lease(&self, key: &TokenHash, lease_id: &str) -> Result<(), StoreError> {
        dispatch!(self, s => s.release_lease(key, lease_id))
    }
    async fn set_timezone(&self, key: &TokenHash, tz: &str) -> Result<(), StoreError> {
        dispatch!(self, s => s.set_timezone(key, tz))
    }
}
