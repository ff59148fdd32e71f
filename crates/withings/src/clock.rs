//! Time as a value, so "now" can be pinned for reproducible answers.

use chrono::{DateTime, Duration, Utc};

/// Where "now" comes from. `Offset` keeps time moving from a pinned start, so
/// token expiry and lease timeouts still behave in a pinned run.
#[derive(Clone, Copy, Debug, Default)]
pub enum Clock {
    /// The real clock.
    #[default]
    System,
    /// The real clock shifted by a fixed amount.
    Offset(Duration),
    /// Frozen; for unit tests.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// A clock that reads `at` now and moves on in real time from there.
    pub fn starting_at(at: DateTime<Utc>) -> Self {
        Clock::Offset(at - Utc::now())
    }

    /// The current time on this clock.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Offset(d) => Utc::now() + *d,
            Clock::Fixed(t) => *t,
        }
    }
}
