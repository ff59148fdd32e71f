//! From Alexa's token to a usable Withings access token: look the link up,
//! refresh when expired with one refresher per user, and save the rotated
//! refresh token before the new access token is ever used.

use crate::secret::TokenHash;
use crate::store::{Lease, LinkRecord, LinkStore, Outcome, Refreshed, StoreError};
use chrono::Duration as ChronoDuration;
use std::time::Duration;
use withings::Clock;
use withings::{ClientAuth, Deadline, WithingsClient, WithingsError};

/// Refresh a little before Withings would reject the token.
const EXPIRY_MARGIN_SECS: i64 = 60;
/// How long a refresher may hold the lease before others may take over.
const LEASE_SECS: i64 = 10;
const POLL: Duration = Duration::from_millis(150);

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("no linked account for this token")]
    NotLinked,
    #[error("Withings refused the stored grant; the user must link again")]
    Relink,
    #[error("Withings rate limit")]
    RateLimited,
    #[error("Withings unavailable: {0}")]
    Withings(WithingsError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("ran out of time waiting for a token refresh")]
    Timeout,
}

impl From<WithingsError> for AccountError {
    fn from(e: WithingsError) -> Self {
        match e {
            WithingsError::InvalidToken { .. } | WithingsError::GrantRefused { .. } => {
                AccountError::Relink
            }
            WithingsError::RateLimited => AccountError::RateLimited,
            other => AccountError::Withings(other),
        }
    }
}

pub struct Accounts<'a, S> {
    pub store: &'a S,
    pub withings: &'a WithingsClient,
    pub clock: &'a Clock,
    pub auth: ClientAuth,
}

impl<S: LinkStore> Accounts<'_, S> {
    /// A link whose access token is usable now. `stale` names a version whose
    /// token Withings already rejected, forcing a refresh even if unexpired.
    pub async fn fresh(
        &self,
        key: &TokenHash,
        stale: Option<u64>,
        deadline: Deadline,
    ) -> Result<LinkRecord, AccountError> {
        loop {
            if deadline.remaining().is_zero() {
                return Err(AccountError::Timeout);
            }
            let record = self.store.get(key).await?.ok_or(AccountError::NotLinked)?;
            let now = self.clock.now();
            // Past the expiry the bridge gave Alexa: the token is dead, and Alexa
            // gets a new one through the bridge's refresh grant.
            if record.alexa_token_expired(now) {
                return Err(AccountError::NotLinked);
            }
            let needs_refresh = stale == Some(record.version)
                || record.access_expires_at <= now + ChronoDuration::seconds(EXPIRY_MARGIN_SECS);
            if !needs_refresh {
                return Ok(record);
            }
            if record.lease.as_ref().is_some_and(|l| l.until >= now) {
                // Someone else is refreshing: wait for their write.
                tokio::time::sleep(POLL.min(deadline.remaining())).await;
                continue;
            }
            let lease = Lease {
                id: crate::secret::random_token(12),
                until: now + ChronoDuration::seconds(LEASE_SECS),
            };
            if self
                .store
                .acquire_lease(key, record.version, &lease, now)
                .await?
                == Outcome::Lost
            {
                continue;
            }
            return self.refresh(key, &record, &lease, deadline).await;
        }
    }

    async fn refresh(
        &self,
        key: &TokenHash,
        record: &LinkRecord,
        lease: &Lease,
        deadline: Deadline,
    ) -> Result<LinkRecord, AccountError> {
        let now = self.clock.now();
        let tokens = match self
            .withings
            .refresh(
                &record.refresh_token,
                self.auth,
                now,
                deadline.cap(Duration::from_secs(4)),
            )
            .await
        {
            Ok(t) => t,
            Err(e) => {
                tracing::warn!(link = %key, error = %e, "Withings token refresh failed");
                // Best effort: the lease also expires by itself.
                let _ = self.store.release_lease(key, &lease.id).await;
                return Err(e.into());
            }
        };
        let refreshed = Refreshed {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            access_expires_at: tokens.expires_at,
        };
        // Save before use: the old refresh token stays valid until the new access
        // token is used, so if this write cannot land we must not use the new one.
        let mut last_error = None;
        for attempt in 0..3u32 {
            match self
                .store
                .save_refreshed(key, &lease.id, &refreshed, now)
                .await
            {
                Ok(Outcome::Done) => {
                    tracing::info!(link = %key, "Withings tokens refreshed and saved");
                    return Ok(LinkRecord {
                        access_token: refreshed.access_token,
                        refresh_token: refreshed.refresh_token,
                        access_expires_at: refreshed.access_expires_at,
                        version: record.version + 1,
                        lease: None,
                        updated_at: now,
                        ..record.clone()
                    });
                }
                Ok(Outcome::Lost) => {
                    // Our lease lapsed and another invocation took over; its tokens win.
                    tracing::warn!(link = %key, "refresh lease lost; using the other refresh");
                    return Box::pin(self.fresh(key, None, deadline)).await;
                }
                Err(e) => {
                    last_error = Some(e);
                    if deadline.remaining() < Duration::from_millis(300) {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(100 * (attempt as u64 + 1))).await;
                }
            }
        }
        tracing::error!(
            link = %key,
            "refreshed Withings tokens could not be saved; they are discarded unused, so the stored refresh token stays valid"
        );
        Err(last_error
            .map(AccountError::Store)
            .unwrap_or(AccountError::Timeout))
    }
}
