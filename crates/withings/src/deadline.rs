//! The time budget of a call. Every method that talks to Withings takes one.

use std::time::Duration;
use tokio::time::Instant;

/// The instant by which a call must have answered. A caller with a budget for
/// the whole request (a voice assistant waits a few seconds at most) gives
/// every outbound call its share of that budget.
///
/// A call that misses its deadline fails with a timeout error
/// ([`WithingsError::Timeout`](crate::WithingsError::Timeout)) rather than
/// waiting on.
#[derive(Clone, Copy, Debug)]
pub struct Deadline(Instant);

impl Deadline {
    /// `d` from now.
    pub fn after(d: Duration) -> Self {
        Deadline(Instant::now() + d)
    }

    /// At instant `i`.
    pub fn at(i: Instant) -> Self {
        Deadline(i)
    }

    /// The instant itself.
    pub fn instant(&self) -> Instant {
        self.0
    }

    /// The time left (zero once passed).
    pub fn remaining(&self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }

    /// The earlier of this deadline and `d` from now.
    pub fn cap(&self, d: Duration) -> Self {
        Deadline(self.0.min(Instant::now() + d))
    }
}
