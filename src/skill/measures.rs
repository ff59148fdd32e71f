//! Shared by the intents that read body measures (weight change, body
//! composition, blood pressure, heart rate): which days to fetch, and the
//! local day and time of a measure.

use super::query::DateQuery;
use crate::secret::AccessToken;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use withings::{DayRange, MeasureGroup};

/// How far back "my latest …" looks.
pub const LATEST_WINDOW_DAYS: u64 = 90;

/// How far back "my latest …" looks first: nearly everyone has a reading in
/// the last week, which is one page of getmeas where 90 days are several, each
/// a round trip to Withings.
pub const RECENT_DAYS: u64 = 8;

/// The last week and a day up to today.
pub fn recent_window(today: NaiveDate) -> DayRange {
    let first = today
        .checked_sub_days(Days::new(RECENT_DAYS - 1))
        .unwrap_or(today);
    DayRange::new(first, today)
}

/// The last 90 days up to today.
pub fn latest_window(today: NaiveDate) -> DayRange {
    let first = today
        .checked_sub_days(Days::new(LATEST_WINDOW_DAYS - 1))
        .unwrap_or(today);
    DayRange::new(first, today)
}

/// The local days asked about: the period, or the latest window when no date
/// was said; `None` when the period is all in the future.
pub fn asked_days(query: DateQuery, today: NaiveDate, tz: Tz) -> Option<DayRange> {
    match query {
        DateQuery::Unspoken => Some(latest_window(today)),
        DateQuery::Spoken(_) => query
            .period(today, tz)
            .map(|p| DayRange::new(p.first, p.last)),
    }
}

/// The zone a group was taken in, else the user's.
pub fn zone_of(g: &MeasureGroup, fallback: Tz) -> Tz {
    g.timezone
        .as_deref()
        .and_then(|t| t.parse::<Tz>().ok())
        .unwrap_or(fallback)
}

/// The local date and time of an instant in `tz`.
pub fn local_time(ts: i64, tz: Tz) -> Option<NaiveDateTime> {
    Some(
        DateTime::from_timestamp(ts, 0)?
            .with_timezone(&tz)
            .naive_local(),
    )
}

/// The groups taken on the local days `days` (the fetch is a day wider).
pub fn on_days(groups: &[MeasureGroup], days: DayRange, tz: Tz) -> Vec<MeasureGroup> {
    groups
        .iter()
        .filter(|g| local_time(g.date, zone_of(g, tz)).is_some_and(|t| days.contains(t.date())))
        .cloned()
        .collect()
}

/// The zone the newest group states, if any.
pub fn zone_from_groups(groups: &[MeasureGroup]) -> Option<Tz> {
    groups
        .iter()
        .max_by_key(|g| g.date)
        .and_then(|g| g.timezone.as_deref())
        .and_then(|t| t.parse().ok())
}

impl<S: crate::store::LinkStore> super::Skill<S> {
    /// Measure groups of `types` on the asked days and, when a date was said,
    /// of the latest window too (to fall back on), fetched together.
    pub(super) async fn measures(
        &self,
        env: &crate::alexa::RequestEnvelope,
        deadline: withings::Deadline,
        query: DateQuery,
        types: &[withings::MeasureType],
    ) -> Result<
        super::fetch::Fetched<(Vec<MeasureGroup>, Vec<MeasureGroup>)>,
        super::account::AccountError,
    > {
        let now = self.clock.now();
        self.fetch(
            env,
            deadline,
            |token, tz| async move {
                let today = withings::local_today(tz, now);
                let Some(days) = asked_days(query, today, tz) else {
                    return Ok((Vec::new(), Vec::new()));
                };
                if query == DateQuery::Unspoken {
                    let latest = self.latest_measures(&token, types, today, tz, deadline);
                    return Ok((latest.await?, Vec::new()));
                }
                let (asked, recent) = tokio::join!(
                    self.measures_on(&token, types, days, tz, deadline),
                    self.latest_measures(&token, types, today, tz, deadline)
                );
                Ok((asked?, recent?))
            },
            |(asked, recent)| zone_from_groups(recent).or_else(|| zone_from_groups(asked)),
        )
        .await
    }

    /// The groups of `types` taken on `days` (asked a day wider, since the
    /// zone may be a guess), as Withings reports them once.
    pub(super) async fn measures_on(
        &self,
        token: &AccessToken,
        types: &[withings::MeasureType],
        days: DayRange,
        tz: Tz,
        deadline: withings::Deadline,
    ) -> Result<Vec<MeasureGroup>, withings::WithingsError> {
        let q = withings::MeasureQuery::days(types, days.widened(), tz);
        self.withings
            .get_measures(token, q, deadline, super::MEASURE_PAGES)
            .await
            .map(|p| withings::dedupe(p.items))
    }

    /// The groups "my latest …" is chosen from: the last week's, or the whole
    /// latest window's when the week has none of `types`.
    pub(super) async fn latest_measures(
        &self,
        token: &AccessToken,
        types: &[withings::MeasureType],
        today: NaiveDate,
        tz: Tz,
        deadline: withings::Deadline,
    ) -> Result<Vec<MeasureGroup>, withings::WithingsError> {
        let recent = self
            .measures_on(token, types, recent_window(today), tz, deadline)
            .await?;
        if recent
            .iter()
            .any(|g| types.iter().any(|t| g.get(*t).is_some()))
        {
            return Ok(recent);
        }
        self.measures_on(token, types, latest_window(today), tz, deadline)
            .await
    }
}
