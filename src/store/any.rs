//! Stores that only hand each call on to another store: `AnyStore`, the
//! adapter picked at run time (the runner uses memory unless `TABLE_NAME` is
//! set), and `Arc<S>`, one store shared by the bridge and the skill (memory
//! runs and tests).

use super::dynamodb::DynamoStore;
use super::memory::MemoryStore;
use super::{
    CodeGrant, GrantStore, Lease, LinkRecord, LinkStore, Outcome, PendingAuthorization,
    RefreshGrant, Refreshed, Rotation, StoreError,
};
use crate::secret::TokenHash;
use chrono::{DateTime, Utc};
use std::sync::Arc;

pub enum AnyStore {
    Memory(MemoryStore),
    Dynamo(DynamoStore),
}

/// `$call` made on the store behind `$this` (an `AnyStore` or an `Arc<S>`), awaited.
macro_rules! dispatch {
    (AnyStore, $this:ident, $s:ident => $call:expr) => {
        match $this {
            AnyStore::Memory($s) => $call.await,
            AnyStore::Dynamo($s) => $call.await,
        }
    };
    (Arc, $this:ident, $s:ident => $call:expr) => {{
        let $s = &**$this;
        $call.await
    }};
}

/// Implement a port for `AnyStore` and for `Arc<S>`, from its methods written
/// once, as `name(arguments) -> what the Result holds`.
macro_rules! forward {
    ($port:ident { $(fn $name:ident($($arg:ident: $ty:ty),*) -> $ok:ty;)* }) => {
        impl $port for AnyStore {
            $(forward!(@method AnyStore, $name($($arg: $ty),*) -> $ok);)*
        }
        impl<S: $port> $port for Arc<S> {
            $(forward!(@method Arc, $name($($arg: $ty),*) -> $ok);)*
        }
    };
    (@method $via:ident, $name:ident($($arg:ident: $ty:ty),*) -> $ok:ty) => {
        async fn $name(&self, $($arg: $ty),*) -> Result<$ok, StoreError> {
            dispatch!($via, self, s => s.$name($($arg),*))
        }
    };
}

forward!(LinkStore {
    fn get(key: &TokenHash) -> Option<LinkRecord>;
    fn put(record: &LinkRecord) -> ();
    fn acquire_lease(key: &TokenHash, version: u64, lease: &Lease, now: DateTime<Utc>) -> Outcome;
    fn save_refreshed(key: &TokenHash, lease_id: &str, tokens: &Refreshed, now: DateTime<Utc>) -> Outcome;
    fn release_lease(key: &TokenHash, lease_id: &str) -> ();
    fn set_timezone(key: &TokenHash, tz: &str) -> ();
    fn forget(key: &TokenHash) -> Option<LinkRecord>;
});

forward!(GrantStore {
    fn put_pending(id: &TokenHash, pending: &PendingAuthorization) -> ();
    fn take_pending(id: &TokenHash, now: DateTime<Utc>) -> Option<PendingAuthorization>;
    fn put_code(code: &TokenHash, grant: &CodeGrant) -> ();
    fn take_code(code: &TokenHash, now: DateTime<Utc>) -> Option<CodeGrant>;
    fn get_refresh(token: &TokenHash, now: DateTime<Utc>) -> Option<RefreshGrant>;
    fn create_link(link: &LinkRecord, refresh: &TokenHash, grant: &RefreshGrant) -> Outcome;
    fn rotate(r: &Rotation<'_>, now: DateTime<Utc>) -> Outcome;
});
