//! In-process store for local runs and tests: both ports, with the same
//! conditional semantics as DynamoDB. One lock guards every record, so each
//! method (the rotation included) is atomic.

use super::{
    CodeGrant, GrantStore, Lease, LinkRecord, LinkStore, Outcome, PendingAuthorization,
    RefreshGrant, Refreshed, Rotation, StoreError,
};
use crate::secret::TokenHash;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
pub struct MemoryStore {
    records: Mutex<Records>,
}

#[derive(Default)]
struct Records {
    links: HashMap<TokenHash, LinkRecord>,
    /// The account-linking bridge's records.
    pending: HashMap<TokenHash, PendingAuthorization>,
    codes: HashMap<TokenHash, CodeGrant>,
    refresh: HashMap<TokenHash, RefreshGrant>,
    /// Per Withings user id: the current link and its refresh grant.
    users: HashMap<String, UserEntry>,
}

#[derive(Clone)]
struct UserEntry {
    link: TokenHash,
    refresh: TokenHash,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Records> {
        // A poisoned lock only means another task panicked mid-update of plain maps.
        self.records.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The link at `key`, to change in place (under the lock).
    fn with_link<T>(&self, key: &TokenHash, f: impl FnOnce(Option<&mut LinkRecord>) -> T) -> T {
        f(self.lock().links.get_mut(key))
    }
}

/// No live lease: none taken, or the one taken has run out.
fn unleased(r: &LinkRecord, now: DateTime<Utc>) -> bool {
    r.lease.as_ref().is_none_or(|l| l.until < now)
}

fn leased_to(r: &LinkRecord, lease_id: &str) -> bool {
    r.lease.as_ref().is_some_and(|l| l.id == lease_id)
}

impl LinkStore for MemoryStore {
    async fn get(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        Ok(self.lock().links.get(key).cloned())
    }

    async fn put(&self, record: &LinkRecord) -> Result<(), StoreError> {
        self.lock().links.insert(record.key.clone(), record.clone());
        Ok(())
    }

    async fn acquire_lease(
        &self,
        key: &TokenHash,
        version: u64,
        lease: &Lease,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        Ok(self.with_link(key, |r| match r {
            Some(r) if r.version == version && unleased(r, now) => {
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
        Ok(self.with_link(key, |r| match r {
            Some(r) if leased_to(r, lease_id) => {
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
        self.with_link(key, |r| {
            if let Some(r) = r.filter(|r| leased_to(r, lease_id)) {
                r.lease = None;
            }
        });
        Ok(())
    }

    async fn set_timezone(&self, key: &TokenHash, tz: &str) -> Result<(), StoreError> {
        self.with_link(key, |r| {
            if let Some(r) = r {
                r.timezone = Some(tz.to_string());
            }
        });
        Ok(())
    }

    async fn forget(&self, key: &TokenHash) -> Result<Option<LinkRecord>, StoreError> {
        let mut m = self.lock();
        let Some(link) = m.links.remove(key) else {
            return Ok(None);
        };
        let user = &link.withings_user_id;
        if let Some(entry) = m.users.get(user).filter(|e| e.link == *key).cloned() {
            m.refresh.remove(&entry.refresh);
            m.users.remove(user);
        }
        Ok(Some(link))
    }
}

impl GrantStore for MemoryStore {
    async fn put_pending(
        &self,
        id: &TokenHash,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        self.lock().pending.insert(id.clone(), pending.clone());
        Ok(())
    }

    async fn take_pending(
        &self,
        id: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        let p = self.lock().pending.remove(id);
        Ok(p.filter(|p| p.expires_at > now))
    }

    async fn put_code(&self, code: &TokenHash, grant: &CodeGrant) -> Result<(), StoreError> {
        self.lock().codes.insert(code.clone(), grant.clone());
        Ok(())
    }

    async fn take_code(
        &self,
        code: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<CodeGrant>, StoreError> {
        let g = self.lock().codes.remove(code);
        Ok(g.filter(|g| g.expires_at > now))
    }

    async fn get_refresh(
        &self,
        token: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<RefreshGrant>, StoreError> {
        let g = self.lock().refresh.get(token).cloned();
        Ok(g.filter(|g| g.expires_at > now))
    }

    async fn create_link(
        &self,
        link: &LinkRecord,
        refresh: &TokenHash,
        grant: &RefreshGrant,
    ) -> Result<Outcome, StoreError> {
        let mut m = self.lock();
        if m.links.contains_key(&link.key) || m.refresh.contains_key(refresh) {
            return Ok(Outcome::Lost);
        }
        let entry = UserEntry {
            link: link.key.clone(),
            refresh: refresh.clone(),
        };
        // A re-link of the same Withings user replaces the old link and its grant.
        if let Some(old) = m.users.insert(link.withings_user_id.clone(), entry) {
            m.links.remove(&old.link);
            m.refresh.remove(&old.refresh);
        }
        m.links.insert(link.key.clone(), link.clone());
        m.refresh.insert(refresh.clone(), grant.clone());
        Ok(Outcome::Done)
    }

    async fn rotate(&self, r: &Rotation<'_>, now: DateTime<Utc>) -> Result<Outcome, StoreError> {
        let mut m = self.lock();
        let refresh_ok = m
            .refresh
            .get(r.old_refresh)
            .is_some_and(|g| g.link == r.link.key);
        let link_ok = m
            .links
            .get(&r.link.key)
            .is_some_and(|l| l.version == r.link.version && unleased(l, now));
        if !refresh_ok
            || !link_ok
            || m.links.contains_key(r.new_link)
            || m.refresh.contains_key(r.new_refresh)
        {
            return Ok(Outcome::Lost);
        }
        // Move the stored record itself (not the caller's copy), so nothing is stale.
        let current = m.links.remove(&r.link.key).expect("checked above");
        let entry = UserEntry {
            link: r.new_link.clone(),
            refresh: r.new_refresh.clone(),
        };
        m.users.insert(current.withings_user_id.clone(), entry);
        m.links.insert(
            r.new_link.clone(),
            LinkRecord {
                key: r.new_link.clone(),
                lease: None,
                updated_at: now,
                alexa_expires_at: Some(r.new_link_expires_at),
                ..current
            },
        );
        m.refresh.remove(r.old_refresh);
        m.refresh.insert(r.new_refresh.clone(), r.grant.clone());
        Ok(Outcome::Done)
    }
}
