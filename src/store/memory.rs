//! In-process store for local runs and tests; same conditional semantics as DynamoDB.

use super::{Lease, LinkRecord, LinkStore, Outcome, Refreshed, StoreError};
use crate::secret::TokenHash;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct MemoryStore {
    pub(super) links: Mutex<HashMap<TokenHash, LinkRecord>>,
    /// The account-linking bridge's records (see `grants`).
    pub(super) grants: Mutex<super::grants::MemoryGrants>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut HashMap<TokenHash, LinkRecord>) -> T) -> T {
        // A poisoned lock only means another task panicked mid-update of a plain map.
        let mut guard = self.links.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }
}

impl LinkStore for MemoryStore {
    async fn get(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        Ok(self.with(|m| m.get(key).cloned()))
    }

    async fn put(&self, record: &LinkRecord) -> Result<(), StoreError> {
        self.with(|m| m.insert(record.key.clone(), record.clone()));
        Ok(())
    }

    async fn acquire_lease(
        &self,
        key: &TokenHash,
        version: u64,
        lease: &Lease,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        Ok(self.with(|m| match m.get_mut(key) {
            Some(r) if r.version == version && r.lease.as_ref().is_none_or(|l| l.until < now) => {
                r.lease = Some(lease.clone());
                Outcome::Done
            }
            _ => Outcome::Lost,
        }))
    }

    async fn save_refreshed(
        &self,
        key: &TokenHash,
        lease_id: &str,
        tokens: &Refreshed,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        Ok(self.with(|m| match m.get_mut(key) {
            Some(r) if r.lease.as_ref().is_some_and(|l| l.id == lease_id) => {
                r.access_token = tokens.access_token.clone();
                r.refresh_token = tokens.refresh_token.clone();
                r.access_expires_at = tokens.access_expires_at;
                r.version += 1;
                r.lease = None;
                r.updated_at = now;
                Outcome::Done
            }
            _ => Outcome::Lost,
        }))
    }

    async fn release_lease(&self, key: &TokenHash, lease_id: &str) -> Result<(), StoreError> {
        self.with(|m| {
            if let Some(r) = m.get_mut(key)
                && r.lease.as_ref().is_some_and(|l| l.id == lease_id)
            {
                r.lease = None;
            }
        });
        Ok(())
    }

    async fn set_timezone(&self, key: &TokenHash, tz: &str) -> Result<(), StoreError> {
        self.with(|m| {
            if let Some(r) = m.get_mut(key) {
                r.timezone = Some(tz.to_string());
            }
        });
        Ok(())
    }
}
