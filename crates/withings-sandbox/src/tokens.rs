//! The OAuth 2.0 grants, kept as Withings keeps them: an access token lives
//! 3 hours; a refresh issues a new pair, and the old refresh token stays usable
//! until the new access token is first used, or for 8 hours; an authorization
//! code is single use, lives 30 seconds and is bound to its redirect URI. The
//! demo account's tokens never expire or rotate out.

use crate::envelope::invalid_token;
use crate::state::{SandboxState, lock};
use crate::{DEMO_ACCESS_TOKEN, DEMO_REFRESH_TOKEN, DEMO_USER_ID};
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use std::collections::HashMap;
use withings::secret::random_token;

/// Withings' lifetimes.
pub(crate) const ACCESS_LIFETIME_SECS: i64 = 10_800;
const OLD_REFRESH_GRACE_HOURS: i64 = 8;
const CODE_LIFETIME_SECS: i64 = 30;

/// An access token the sandbox issued.
struct IssuedAccess {
    user: String,
    expires_at: DateTime<Utc>,
    /// The refresh token this access token was issued with (retired on first use).
    issued_from: Option<String>,
}

/// A refresh token the sandbox issued.
struct IssuedRefresh {
    user: String,
    /// Set once a refresh rotated this token out: valid until the successor access
    /// token is used, or for 8 hours.
    retired_at: Option<DateTime<Utc>>,
    superseded_by: Option<String>,
    dead: bool,
}

impl IssuedRefresh {
    fn usable(&self, now: DateTime<Utc>) -> bool {
        !self.dead
            && self
                .retired_at
                .is_none_or(|r| now < r + Duration::hours(OLD_REFRESH_GRACE_HOURS))
    }
}

/// An authorization code the consent page (or a test) issued.
struct IssuedCode {
    user: String,
    redirect_uri: String,
    issued_at: DateTime<Utc>,
}

/// Every token and code issued, by its value.
#[derive(Default)]
pub(crate) struct Tokens {
    access: HashMap<String, IssuedAccess>,
    refresh: HashMap<String, IssuedRefresh>,
    codes: HashMap<String, IssuedCode>,
}

/// Tokens issued by the sandbox for tests and seeding.
#[derive(Clone, Debug)]
pub struct IssuedTokens {
    pub user_id: String,
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at: DateTime<Utc>,
}

impl SandboxState {
    /// Issue a fresh token pair for `user`, expiring `valid_for` from now
    /// (negative for an already expired access token).
    pub fn issue(&self, user: &str, valid_for: Duration) -> IssuedTokens {
        let issued = IssuedTokens {
            user_id: user.to_string(),
            access_token: random_token(20),
            refresh_token: random_token(20),
            expires_at: self.now() + valid_for,
        };
        let mut t = lock(&self.tokens);
        t.access.insert(
            issued.access_token.clone(),
            IssuedAccess {
                user: user.into(),
                expires_at: issued.expires_at,
                issued_from: None,
            },
        );
        t.refresh.insert(
            issued.refresh_token.clone(),
            IssuedRefresh {
                user: user.into(),
                retired_at: None,
                superseded_by: None,
                dead: false,
            },
        );
        issued
    }

    /// Issue an authorization code for `user`, as the consent page would.
    pub fn issue_code(&self, user: &str, redirect_uri: &str) -> String {
        let code = random_token(20);
        lock(&self.tokens).codes.insert(
            code.clone(),
            IssuedCode {
                user: user.into(),
                redirect_uri: redirect_uri.into(),
                issued_at: self.now(),
            },
        );
        code
    }

    /// Revoke every token of `user` (as if they unlinked the app in Withings).
    pub fn revoke_user(&self, user: &str) {
        let mut t = lock(&self.tokens);
        t.access.retain(|_, g| g.user != user);
        for g in t.refresh.values_mut().filter(|g| g.user == user) {
            g.dead = true;
        }
    }

    /// Is this refresh token still accepted?
    pub fn refresh_token_valid(&self, token: &str) -> bool {
        let now = self.now();
        let t = lock(&self.tokens);
        t.refresh.get(token).is_some_and(|g| g.usable(now))
    }

    /// grant_type=refresh_token: a new pair for the owner of `old`, which is
    /// retired (see [`IssuedRefresh::retired_at`]); `None` if `old` is not usable.
    pub(crate) fn refresh(&self, old: &str) -> Option<IssuedTokens> {
        let now = self.now();
        let user = if old == DEMO_REFRESH_TOKEN {
            DEMO_USER_ID.to_string()
        } else {
            let t = lock(&self.tokens);
            t.refresh.get(old).filter(|g| g.usable(now))?.user.clone()
        };
        let issued = self.issue(&user, Duration::seconds(ACCESS_LIFETIME_SECS));
        if old != DEMO_REFRESH_TOKEN {
            let mut t = lock(&self.tokens);
            if let Some(g) = t.refresh.get_mut(old) {
                g.retired_at.get_or_insert(now);
                g.superseded_by = Some(issued.refresh_token.clone());
            }
            if let Some(a) = t.access.get_mut(&issued.access_token) {
                a.issued_from = Some(old.to_string());
            }
        }
        Some(issued)
    }

    /// grant_type=authorization_code: a new pair for the user who consented, if
    /// `code` is fresh and `redirect_uri` is the one it was issued for. The code
    /// is spent whatever the outcome.
    pub(crate) fn redeem_code(
        &self,
        code: &str,
        redirect_uri: Option<&str>,
    ) -> Option<IssuedTokens> {
        let now = self.now();
        let grant = lock(&self.tokens).codes.remove(code)?;
        let fresh = now - grant.issued_at <= Duration::seconds(CODE_LIFETIME_SECS);
        (fresh && redirect_uri == Some(grant.redirect_uri.as_str()))
            .then(|| self.issue(&grant.user, Duration::seconds(ACCESS_LIFETIME_SECS)))
    }

    /// The user an access token stands for, or the 401 envelope. The first use
    /// of an access token kills the refresh token it was issued from.
    pub(crate) fn authenticate(&self, token: Option<&str>) -> Result<String, Value> {
        let token = token.ok_or_else(|| invalid_token("Missing access token"))?;
        if token == DEMO_ACCESS_TOKEN {
            return Ok(DEMO_USER_ID.into());
        }
        let now = self.now();
        let mut t = lock(&self.tokens);
        let grant = t
            .access
            .get_mut(token)
            .ok_or_else(|| invalid_token("The access token provided is invalid"))?;
        if grant.expires_at <= now {
            return Err(invalid_token("The access token provided is invalid"));
        }
        let user = grant.user.clone();
        // Withings: the old refresh token dies once the new access token is used.
        if let Some(old) = grant.issued_from.take()
            && let Some(g) = t.refresh.get_mut(&old)
        {
            g.dead = true;
        }
        Ok(user)
    }
}
