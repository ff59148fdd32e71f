//! What a data action reads from its request: the parameters, typed and
//! checked as Withings checks them (503 "Invalid Params: …"), and paging.

use super::ACCOUNT_DAY;
use crate::call::Params;
use crate::envelope::invalid_params;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};
use std::str::FromStr;
use withings::local_today;

/// Everything a data action needs to know about the request.
pub(crate) struct Ctx<'a> {
    pub user: &'a str,
    pub tz: Tz,
    /// "Now" for this user's data: the sandbox's clock, or the last sync if earlier.
    pub now: DateTime<Utc>,
    pub page_size: usize,
    pub params: &'a Params,
    /// Groups a test added by hand, served like the generated ones.
    pub extra_groups: &'a [Value],
}

impl Ctx<'_> {
    /// An optional parameter that must parse if present.
    pub(super) fn param<T: FromStr>(&self, name: &str) -> Result<Option<T>, Value> {
        match self.params.get(name).map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| invalid_params(name)),
        }
    }

    /// `offset`, page of `items`, and whether more remain.
    pub(super) fn paginate(&self, items: Vec<Value>) -> Result<(Vec<Value>, bool, usize), Value> {
        let offset: usize = self.param("offset")?.unwrap_or(0);
        Ok(page_of(items, offset, self.page_size))
    }

    /// The local days asked for, clamped to the account's life, plus `lastupdate`.
    pub(super) fn v2_days(&self) -> Result<(Vec<NaiveDate>, Option<i64>), Value> {
        let today = local_today(self.tz, self.now);
        let start: Option<NaiveDate> = self.param("startdateymd")?;
        let end: Option<NaiveDate> = self.param("enddateymd")?;
        let lastupdate: Option<i64> = self.param("lastupdate")?;
        let (first, last) = match (start, end, lastupdate) {
            (Some(s), Some(e), _) if s <= e => (s, e),
            (Some(_), Some(_), _) => {
                return Err(invalid_params("startdateymd is after enddateymd"));
            }
            (None, None, Some(_)) => (ACCOUNT_DAY, today),
            _ => return Err(invalid_params("startdateymd/enddateymd or lastupdate")),
        };
        let days = first
            .max(ACCOUNT_DAY)
            .iter_days()
            .take_while(|d| *d <= last.min(today))
            .collect();
        Ok((days, lastupdate))
    }

    /// The requested `data_fields`, or `default` when none were asked for.
    pub(super) fn fields<'d>(&'d self, default: &[&'d str]) -> Vec<&'d str> {
        match self.params.get("data_fields").map(str::trim) {
            Some(list) if !list.is_empty() => list.split(',').map(str::trim).collect(),
            _ => default.to_vec(),
        }
    }
}

/// The page of `items` from `offset`, whether more remain, and the next offset
/// (0 when none remain).
pub(super) fn page_of(items: Vec<Value>, offset: usize, size: usize) -> (Vec<Value>, bool, usize) {
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(offset).take(size.max(1)).collect();
    let next = offset.saturating_add(page.len());
    let more = next < total;
    (page, more, if more { next } else { 0 })
}

/// Only the `wanted` fields of `all`.
pub(super) fn keep_fields(all: Map<String, Value>, wanted: &[&str]) -> Map<String, Value> {
    all.into_iter()
        .filter(|(k, _)| wanted.contains(&k.as_str()))
        .collect()
}
