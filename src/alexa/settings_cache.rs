//! The device settings of recent askers, so the Settings API is asked once per
//! device per quarter hour, not on every question. Bounded: past its capacity
//! the oldest entry goes. Time is passed in, so tests pin it.

use super::settings::{DeviceSettings, Lookup};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, MutexGuard};

/// How long a complete answer is trusted (a user rarely changes zone or units).
pub const TTL_MINUTES: i64 = 15;
/// How long an incomplete one is kept: long enough that an outage of the API
/// does not cost every question its timeout, short enough to recover soon.
pub const RETRY_SECONDS: i64 = 60;
/// Devices remembered at most (a few hundred bytes each).
pub const CAPACITY: usize = 1000;

struct Entry {
    settings: DeviceSettings,
    stored_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

pub struct SettingsCache {
    entries: Mutex<HashMap<String, Entry>>,
    capacity: usize,
}

impl Default for SettingsCache {
    fn default() -> Self {
        SettingsCache::with_capacity(CAPACITY)
    }
}

impl SettingsCache {
    pub fn with_capacity(capacity: usize) -> Self {
        SettingsCache {
            entries: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    /// Every critical section leaves the map consistent, so a poisoned lock
    /// is still usable.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The remembered settings of `device`, if still fresh at `now`.
    pub fn get(&self, device: &str, now: DateTime<Utc>) -> Option<DeviceSettings> {
        let entries = self.lock();
        let e = entries.get(device)?;
        // A clock that went backwards does not extend an entry's life.
        (now < e.expires_at && now >= e.stored_at).then_some(e.settings)
    }

    /// Remember a lookup made at `now`: 15 minutes if complete, a minute if not.
    pub fn put(&self, device: &str, lookup: Lookup, now: DateTime<Utc>) {
        let life = if lookup.complete {
            Duration::minutes(TTL_MINUTES)
        } else {
            Duration::seconds(RETRY_SECONDS)
        };
        let mut entries = self.lock();
        if !entries.contains_key(device) && entries.len() >= self.capacity {
            entries.retain(|_, e| e.expires_at > now);
            if entries.len() >= self.capacity
                && let Some(oldest) = entries
                    .iter()
                    .min_by_key(|(_, e)| e.stored_at)
                    .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(
            device.to_string(),
            Entry {
                settings: lookup.settings,
                stored_at: now,
                expires_at: now + life,
            },
        );
    }

    /// The settings of `device` at `now`: remembered ones, else `ask`'s answer,
    /// remembered for next time.
    pub async fn get_or_ask<F>(&self, device: &str, now: DateTime<Utc>, ask: F) -> DeviceSettings
    where
        F: Future<Output = Lookup>,
    {
        if let Some(s) = self.get(device, now) {
            return s;
        }
        let lookup = ask.await;
        self.put(device, lookup, now);
        lookup.settings
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alexa::settings::DistanceUnits;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 13, 0, 0).unwrap()
    }

    fn lookup(complete: bool) -> Lookup {
        Lookup {
            settings: DeviceSettings {
                zone: Some(chrono_tz::Europe::Berlin),
                distance_units: Some(DistanceUnits::Metric),
                temperature_unit: None,
            },
            complete,
        }
    }

    #[test]
    fn complete_answers_last_a_quarter_hour_incomplete_a_minute() {
        let c = SettingsCache::default();
        c.put("a", lookup(true), t0());
        c.put("b", lookup(false), t0());
        let later = |s| t0() + Duration::seconds(s);
        assert_eq!(c.get("a", later(14 * 60 + 59)), Some(lookup(true).settings));
        assert_eq!(c.get("a", later(15 * 60)), None);
        assert_eq!(c.get("b", later(59)), Some(lookup(false).settings));
        assert_eq!(c.get("b", later(60)), None);
        assert_eq!(c.get("c", t0()), None);
        // A clock set back does not serve an entry from its future.
        assert_eq!(c.get("a", later(-1)), None);
    }

    #[test]
    fn past_capacity_the_oldest_goes() {
        let c = SettingsCache::with_capacity(3);
        for (i, d) in ["a", "b", "c"].iter().enumerate() {
            c.put(d, lookup(true), t0() + Duration::seconds(i as i64));
        }
        c.put("d", lookup(true), t0() + Duration::seconds(3));
        assert_eq!(c.len(), 3);
        let now = t0() + Duration::seconds(4);
        assert_eq!(c.get("a", now), None, "the oldest was evicted");
        for d in ["b", "c", "d"] {
            assert!(c.get(d, now).is_some(), "{d} kept");
        }
        // Updating a known device evicts nobody.
        c.put("b", lookup(true), now);
        assert_eq!(c.len(), 3);
        // Expired entries go before any live one.
        let c = SettingsCache::with_capacity(2);
        c.put("short", lookup(false), t0());
        c.put("long", lookup(true), t0() + Duration::seconds(1));
        c.put("new", lookup(true), t0() + Duration::seconds(120));
        let now = t0() + Duration::seconds(121);
        assert!(c.get("long", now).is_some() && c.get("new", now).is_some());
    }
}
