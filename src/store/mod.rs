//! The stores' ports and records, nothing else.
//!
//! * `LinkStore`: the hash of Alexa's access token leads to the user's Withings
//!   tokens; the skill's single-flight refresh protocol (lease, version).
//! * `GrantStore`: the account-linking bridge's pending authorizations,
//!   single-use codes, refresh tokens, and the atomic move of a link.
//!
//! Adapters: `dynamodb` (production) and `memory` (local runs and tests), with
//! the same conditional semantics, so a rotated Withings refresh token is never
//! lost to a race between invocations. `any` picks one at run time.

pub mod any;
pub mod dynamodb;
pub mod memory;

pub use any::AnyStore;

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
    /// When the Alexa access token this link is stored under stops working (the
    /// bridge's `expires_in`); `None`: never (links made outside the bridge).
    pub alexa_expires_at: Option<DateTime<Utc>>,
}

impl LinkRecord {
    /// Is the Alexa access token this link is stored under past its expiry?
    pub fn alexa_token_expired(&self, now: DateTime<Utc>) -> bool {
        self.alexa_expires_at.is_some_and(|at| at <= now)
    }
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

    /// Delete the link at `key` and what the store holds for it: the bridge's
    /// refresh grant and the Withings user's index entry, when the index points
    /// at this link (the user disabled the skill). Returns the deleted link.
    fn forget(
        &self,
        key: &TokenHash,
    ) -> impl Future<Output = Result<Option<LinkRecord>, StoreError>> + Send;
}

// ---------------------------------------------------------------- the bridge's records

/// A browser on its way through Withings' consent page: where to send it back.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingAuthorization {
    /// Alexa's `redirect_uri`, already validated.
    pub redirect_uri: String,
    /// Alexa's `state`, echoed back unchanged.
    pub alexa_state: String,
    /// The hash of the nonce in the browser's cookie: only that browser may
    /// come back with this state.
    pub browser: TokenHash,
    /// Alexa's PKCE `code_challenge` (S256), passed on to the code.
    pub code_challenge: Option<String>,
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
    /// The PKCE `code_challenge` (S256) the code must be redeemed with, if any.
    pub code_challenge: Option<String>,
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
    /// When the new Alexa access token expires.
    pub new_link_expires_at: DateTime<Utc>,
}

impl Rotation<'_> {
    /// The record as it will be stored under the new key.
    pub fn moved(&self, now: DateTime<Utc>) -> LinkRecord {
        LinkRecord {
            key: self.new_link.clone(),
            lease: None,
            updated_at: now,
            alexa_expires_at: Some(self.new_link_expires_at),
            ..self.link.clone()
        }
    }
}

/// The account-linking bridge's port. Same single table as the links (`pk`
/// prefixes `pending#`, `code#`, `refresh#`; `ttl` for expiry, also checked in
/// code since TTL deletion is lazy). Every key is a SHA-256 hash of what Alexa
/// or the browser holds, never the value itself; the one exception is the
/// Withings-user index, `user#<Withings userid>`, which holds only hashes.
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

    /// Create a new link and its first refresh token together (neither may
    /// exist). A link of the same Withings user made earlier is replaced: it
    /// and its refresh grant are deleted in the same step, so a re-link never
    /// leaves a live refresh token behind (the user index, `user#<userid>`,
    /// names each Withings user's current link and refresh grant).
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
