//! Sandbox answers for measures, activity, workouts and goals.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use std::collections::HashMap;

/// Everything a data handler needs to know about the request.
pub struct Ctx<'a> {
    pub user: &'a str,
    pub tz: Tz,
    pub now: DateTime<Utc>,
    pub page_size: usize,
    pub form: &'a HashMap<String, String>,
}

/// The full Withings envelope for `path`/`action`, or `None` if this module does
/// not serve that call.
pub fn answer(_path: &str, _action: &str, _ctx: &Ctx) -> Option<Value> {
    None
}
