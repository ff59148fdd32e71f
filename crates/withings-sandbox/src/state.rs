//! What a sandbox knows and the knobs tests turn: its clock (letting time
//! pass, and telling it over HTTP), users and their zones, the zone the Alexa Settings stand-in reports,
//! each user's last sync and extra measure groups, and a record of the calls
//! it answered. Tokens, nonces and faults live in their own files.

use crate::alexa_settings::DeviceUnits;
use crate::faults::Faults;
use crate::oauth2::Nonces;
use crate::tokens::Tokens;
use crate::{DEMO_TIMEZONE, DEMO_USER_ID};
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use withings::Clock;

/// Lock `m`, even if a panic elsewhere poisoned it: every critical section
/// leaves its data consistent (single inserts, removes and updates).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A call the sandbox answered, for tests: path, action, and the status it
/// answered with (negative: `-http_status` for an HTTP error fault, -1 for
/// garbage, -2 for an empty body).
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub path: String,
    pub action: String,
    pub status: i64,
}

pub struct SandboxState {
    pub(crate) clock: Clock,
    /// Added to the clock, so tests can let time pass (code and token expiry).
    skew: Mutex<Duration>,
    users: Mutex<HashMap<String, Tz>>,
    device_zone: Mutex<Option<String>>,
    pub(crate) device_units: Mutex<DeviceUnits>,
    pub(crate) tokens: Mutex<Tokens>,
    pub(crate) nonces: Mutex<Nonces>,
    pub(crate) faults: Mutex<Faults>,
    seen: Mutex<Vec<Seen>>,
    /// Items per page of every list action (small pages exercise paging).
    page_size: AtomicUsize,
    /// Per user: data after this instant has not reached Withings yet.
    last_sync: Mutex<HashMap<String, DateTime<Utc>>>,
    /// Per user: measure groups served besides the generated ones.
    extra_groups: Mutex<HashMap<String, Vec<Value>>>,
}

impl SandboxState {
    pub fn new(clock: Clock) -> Arc<Self> {
        let state = SandboxState {
            clock,
            skew: Mutex::new(Duration::zero()),
            users: Mutex::new(HashMap::new()),
            device_zone: Mutex::new(Some(DEMO_TIMEZONE.to_string())),
            device_units: Mutex::new(DeviceUnits::default()),
            tokens: Mutex::new(Tokens::default()),
            nonces: Mutex::new(Nonces::default()),
            faults: Mutex::new(Faults::default()),
            seen: Mutex::new(Vec::new()),
            page_size: AtomicUsize::new(25),
            last_sync: Mutex::new(HashMap::new()),
            extra_groups: Mutex::new(HashMap::new()),
        };
        state.add_user(DEMO_USER_ID, DEMO_TIMEZONE.parse().unwrap_or(Tz::UTC));
        Arc::new(state)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now() + *lock(&self.skew)
    }

    /// Let `by` pass on the sandbox's clock.
    pub fn advance(&self, by: Duration) {
        *lock(&self.skew) += by;
    }

    /// `GET /sandbox/clock`: what "now" is here, so that a client run against
    /// this sandbox (`withings-alexa invoke --withings-url`) can read the same time.
    pub(crate) async fn clock_page(State(sb): State<Arc<SandboxState>>) -> Json<Value> {
        Json(json!({ "now": sb.now().to_rfc3339_opts(SecondsFormat::Secs, true) }))
    }

    /// Serve list actions in pages of `n` items (at least 1).
    pub fn set_page_size(&self, n: usize) {
        self.page_size.store(n.max(1), Ordering::Relaxed);
    }

    pub fn page_size(&self) -> usize {
        self.page_size.load(Ordering::Relaxed)
    }

    pub fn add_user(&self, user: &str, tz: Tz) {
        lock(&self.users).insert(user.to_string(), tz);
    }

    pub(crate) fn user_zone(&self, user: &str) -> Tz {
        lock(&self.users).get(user).copied().unwrap_or(Tz::UTC)
    }

    /// Move the demo user, and the device the fake Settings API describes, to `tz`.
    pub fn set_demo_zone(&self, tz: Tz) {
        self.add_user(DEMO_USER_ID, tz);
        self.set_device_zone(Some(tz.name()));
    }

    /// The zone the fake Alexa Settings API reports (`None`: answer 204).
    pub fn set_device_zone(&self, tz: Option<&str>) {
        *lock(&self.device_zone) = tz.map(str::to_owned);
    }

    pub(crate) fn device_zone(&self) -> Option<String> {
        lock(&self.device_zone).clone()
    }

    /// Pretend `user`'s devices last synced at `at`: nights, weigh-ins, steps
    /// and workouts after it are not served (`None`: always in sync).
    pub fn set_last_sync(&self, user: &str, at: Option<DateTime<Utc>>) {
        let mut m = lock(&self.last_sync);
        match at {
            Some(t) => m.insert(user.to_string(), t),
            None => m.remove(user),
        };
    }

    /// "Now" as far as `user`'s data is concerned: the last sync, if earlier.
    pub(crate) fn data_now(&self, user: &str) -> DateTime<Utc> {
        let now = self.now();
        lock(&self.last_sync)
            .get(user)
            .map_or(now, |t| (*t).min(now))
    }

    /// Serve `group` (a getmeas `measuregrps` item) for `user` as well.
    pub fn add_measure_group(&self, user: &str, group: Value) {
        lock(&self.extra_groups)
            .entry(user.to_string())
            .or_default()
            .push(group);
    }

    pub(crate) fn extra_groups(&self, user: &str) -> Vec<Value> {
        lock(&self.extra_groups)
            .get(user)
            .cloned()
            .unwrap_or_default()
    }

    pub(crate) fn record(&self, path: &str, action: &str, status: i64) {
        lock(&self.seen).push(Seen {
            path: path.into(),
            action: action.into(),
            status,
        });
    }

    pub fn seen(&self) -> Vec<Seen> {
        lock(&self.seen).clone()
    }

    /// How many calls of `action` the sandbox answered.
    pub fn count(&self, action: &str) -> usize {
        lock(&self.seen)
            .iter()
            .filter(|s| s.action == action)
            .count()
    }
}
