//! Records to DynamoDB items and back, and the attribute helpers both need.
//! Attribute names avoid DynamoDB's reserved words (`ttl` is one, hence `#ttl`
//! in expressions).

use super::{PARTITION_KEY, TTL_ATTRIBUTE};
use crate::secret::{AccessToken, RefreshToken, TokenHash};
use crate::store::{
    CodeGrant, LINK_TTL_DAYS, Lease, LinkRecord, PendingAuthorization, RefreshGrant, StoreError,
};
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::HashMap;

pub(super) type Item = HashMap<String, AttributeValue>;

/// What kind of record a partition key names: `<prefix>#<hash>`.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Link,
    Pending,
    Code,
    Refresh,
}

/// The partition key of the record of `kind` at hash `h`.
pub(super) fn pk(kind: Kind, h: &TokenHash) -> AttributeValue {
    let prefix = match kind {
        Kind::Link => "link",
        Kind::Pending => "pending",
        Kind::Code => "code",
        Kind::Refresh => "refresh",
    };
    AttributeValue::S(format!("{prefix}#{}", h.as_str()))
}

pub(super) fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

pub(super) fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_string())
}

pub(super) fn get_s(item: &Item, name: &str) -> Result<String, StoreError> {
    match item.get(name) {
        Some(AttributeValue::S(v)) => Ok(v.clone()),
        _ => Err(StoreError::Corrupt(format!("attribute {name} missing"))),
    }
}

pub(super) fn get_n(item: &Item, name: &str) -> Result<i64, StoreError> {
    match item.get(name) {
        Some(AttributeValue::N(v)) => v
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("attribute {name} is not a number"))),
        _ => Err(StoreError::Corrupt(format!("attribute {name} missing"))),
    }
}

pub(super) fn time(secs: i64) -> Result<DateTime<Utc>, StoreError> {
    Utc.timestamp_opt(secs, 0)
        .single()
        .ok_or_else(|| StoreError::Corrupt("timestamp out of range".into()))
}

fn get_time(item: &Item, name: &str) -> Result<DateTime<Utc>, StoreError> {
    time(get_n(item, name)?)
}

/// A link's TTL: a year after its last change.
pub(super) fn ttl_for(now: DateTime<Utc>) -> i64 {
    (now + Duration::days(LINK_TTL_DAYS)).timestamp()
}

/// A bridge record is dead once past its `expires_at`, whatever TTL has done so far.
pub(super) fn live(item: &Item, now: DateTime<Utc>) -> Result<bool, StoreError> {
    Ok(get_n(item, "expires_at")? > now.timestamp())
}

pub(super) fn link_from_item(key: &TokenHash, item: &Item) -> Result<LinkRecord, StoreError> {
    let lease = match (item.get("lease_id"), item.get("lease_until")) {
        (Some(AttributeValue::S(id)), Some(_)) => Some(Lease {
            id: id.clone(),
            until: get_time(item, "lease_until")?,
        }),
        _ => None,
    };
    Ok(LinkRecord {
        key: key.clone(),
        withings_user_id: get_s(item, "withings_user_id")?,
        access_token: AccessToken::new(get_s(item, "access_token")?),
        refresh_token: RefreshToken::new(get_s(item, "refresh_token")?),
        access_expires_at: get_time(item, "access_expires_at")?,
        version: get_n(item, "token_version")?.max(0) as u64,
        timezone: get_s(item, "user_tz").ok(),
        lease,
        updated_at: time(get_n(item, "updated_at").unwrap_or(0))?,
        alexa_expires_at: get_n(item, "alexa_expires_at").ok().map(time).transpose()?,
    })
}

pub(super) fn link_item(r: &LinkRecord) -> Item {
    let mut item = Item::new();
    item.insert(PARTITION_KEY.into(), pk(Kind::Link, &r.key));
    item.insert("withings_user_id".into(), s(&r.withings_user_id));
    item.insert("access_token".into(), s(r.access_token.expose()));
    item.insert("refresh_token".into(), s(r.refresh_token.expose()));
    item.insert(
        "access_expires_at".into(),
        n(r.access_expires_at.timestamp()),
    );
    item.insert("token_version".into(), n(r.version as i64));
    item.insert("updated_at".into(), n(r.updated_at.timestamp()));
    item.insert(TTL_ATTRIBUTE.into(), n(ttl_for(r.updated_at)));
    if let Some(at) = r.alexa_expires_at {
        item.insert("alexa_expires_at".into(), n(at.timestamp()));
    }
    if let Some(tz) = &r.timezone {
        item.insert("user_tz".into(), s(tz));
    }
    if let Some(l) = &r.lease {
        item.insert("lease_id".into(), s(&l.id));
        item.insert("lease_until".into(), n(l.until.timestamp()));
    }
    item
}

/// A bridge record's item: its key, its expiry (as `expires_at` and as the
/// TTL), and its own attributes.
fn grant_item<const N: usize>(
    kind: Kind,
    h: &TokenHash,
    expires_at: DateTime<Utc>,
    attributes: [(&str, AttributeValue); N],
) -> Item {
    let mut item = Item::new();
    item.insert(PARTITION_KEY.into(), pk(kind, h));
    for (name, value) in attributes {
        item.insert(name.into(), value);
    }
    item.insert("expires_at".into(), n(expires_at.timestamp()));
    item.insert(TTL_ATTRIBUTE.into(), n(expires_at.timestamp()));
    item
}

/// An optional string attribute, absent when `None`.
fn put_opt(item: &mut Item, name: &str, v: Option<&String>) {
    if let Some(v) = v {
        item.insert(name.into(), s(v));
    }
}

pub(super) fn pending_item(id: &TokenHash, p: &PendingAuthorization) -> Item {
    let mut item = grant_item(
        Kind::Pending,
        id,
        p.expires_at,
        [
            ("redirect_uri", s(&p.redirect_uri)),
            ("alexa_state", s(&p.alexa_state)),
            ("browser", s(p.browser.as_str())),
        ],
    );
    put_opt(&mut item, "code_challenge", p.code_challenge.as_ref());
    item
}

pub(super) fn pending_from_item(item: &Item) -> Result<PendingAuthorization, StoreError> {
    Ok(PendingAuthorization {
        redirect_uri: get_s(item, "redirect_uri")?,
        alexa_state: get_s(item, "alexa_state")?,
        browser: TokenHash::from_stored(get_s(item, "browser")?),
        code_challenge: get_s(item, "code_challenge").ok(),
        expires_at: get_time(item, "expires_at")?,
    })
}

pub(super) fn code_item(code: &TokenHash, g: &CodeGrant) -> Item {
    let mut item = grant_item(
        Kind::Code,
        code,
        g.expires_at,
        [
            ("client_id", s(&g.client_id)),
            ("redirect_uri", s(&g.redirect_uri)),
            ("withings_user_id", s(&g.withings_user_id)),
            ("access_token", s(g.access_token.expose())),
            ("refresh_token", s(g.refresh_token.expose())),
            ("access_expires_at", n(g.access_expires_at.timestamp())),
        ],
    );
    put_opt(&mut item, "code_challenge", g.code_challenge.as_ref());
    item
}

pub(super) fn code_from_item(item: &Item) -> Result<CodeGrant, StoreError> {
    Ok(CodeGrant {
        client_id: get_s(item, "client_id")?,
        redirect_uri: get_s(item, "redirect_uri")?,
        withings_user_id: get_s(item, "withings_user_id")?,
        access_token: AccessToken::new(get_s(item, "access_token")?),
        refresh_token: RefreshToken::new(get_s(item, "refresh_token")?),
        access_expires_at: get_time(item, "access_expires_at")?,
        code_challenge: get_s(item, "code_challenge").ok(),
        expires_at: get_time(item, "expires_at")?,
    })
}

pub(super) fn refresh_item(token: &TokenHash, g: &RefreshGrant) -> Item {
    grant_item(
        Kind::Refresh,
        token,
        g.expires_at,
        [("client_id", s(&g.client_id)), ("link", s(g.link.as_str()))],
    )
}

pub(super) fn refresh_from_item(item: &Item) -> Result<RefreshGrant, StoreError> {
    Ok(RefreshGrant {
        client_id: get_s(item, "client_id")?,
        link: TokenHash::from_stored(get_s(item, "link")?),
        expires_at: get_time(item, "expires_at")?,
    })
}
