//! The getmeas call: which groups to ask for ([`MeasureQuery`]) and the client
//! methods that fetch them, page by page, within a deadline.

use super::select::{self, BloodPressure, Reading};
use super::types::{MeasureCategory, MeasureType};
use super::wire::{MeasureGroup, MeasurePage};
use crate::client::WithingsClient;
use crate::dates::DayRange;
use crate::deadline::Deadline;
use crate::error::WithingsError;
use crate::paging::Paged;
use crate::secret::AccessToken;
use chrono_tz::Tz;

/// Which groups to ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureRange {
    /// Local calendar days in the user's zone (never the host's: a server
    /// usually runs in UTC).
    Days {
        /// The days, both inclusive.
        days: DayRange,
        /// The user's zone, which decides where each day starts and ends.
        tz: Tz,
    },
    /// Unix seconds, both inclusive.
    Between {
        /// The first second asked for.
        start: i64,
        /// The last second asked for.
        end: i64,
    },
    /// Groups created or modified since this unix time (`lastupdate`).
    UpdatedSince(i64),
    /// No bound: everything, newest first.
    All,
}

/// The parameters of a getmeas call.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureQuery {
    /// Empty asks for every type.
    pub types: Vec<MeasureType>,
    /// `None` leaves it to the API (real measures).
    pub category: Option<MeasureCategory>,
    /// The time span.
    pub range: MeasureRange,
}

impl MeasureQuery {
    /// Real measures of `types` taken on the local days `days` in `tz`.
    pub fn days(types: &[MeasureType], days: DayRange, tz: Tz) -> Self {
        MeasureQuery {
            types: types.to_vec(),
            category: Some(MeasureCategory::Real),
            range: MeasureRange::Days { days, tz },
        }
    }

    /// Real measures of `types` created or modified since unix time `since`.
    pub fn updated_since(types: &[MeasureType], since: i64) -> Self {
        MeasureQuery {
            types: types.to_vec(),
            category: Some(MeasureCategory::Real),
            range: MeasureRange::UpdatedSince(since),
        }
    }

    /// The form fields, without `offset`.
    pub fn form(&self) -> Vec<(&'static str, String)> {
        let mut form = vec![("action", "getmeas".to_string())];
        match self.types.as_slice() {
            [] => {}
            [one] => form.push(("meastype", one.code().to_string())),
            many => form.push((
                "meastypes",
                many.iter()
                    .map(|t| t.code().to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            )),
        }
        if let Some(c) = self.category {
            form.push(("category", c.code().to_string()));
        }
        match self.range {
            MeasureRange::Days { days, tz } => {
                let (start, next_midnight) = days.instants(tz);
                form.push(("startdate", start.timestamp().to_string()));
                // enddate is inclusive: stop one second before the next day.
                form.push(("enddate", (next_midnight.timestamp() - 1).to_string()));
            }
            MeasureRange::Between { start, end } => {
                form.push(("startdate", start.to_string()));
                form.push(("enddate", end.to_string()));
            }
            MeasureRange::UpdatedSince(t) => form.push(("lastupdate", t.to_string())),
            MeasureRange::All => {}
        }
        form
    }
}

impl WithingsClient {
    /// Measure groups as sent (duplicates included; see [`dedupe`](crate::dedupe)),
    /// following `more`/`offset` for up to `max_pages` pages.
    pub async fn get_measures(
        &self,
        token: &AccessToken,
        query: MeasureQuery,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Paged<MeasureGroup>, WithingsError> {
        self.paged(
            "/measure",
            token,
            &query.form(),
            deadline,
            max_pages,
            MeasurePage::into_parts,
        )
        .await
    }

    /// The newest real measure of `kind` taken on the local days `days`.
    pub async fn latest_measure(
        &self,
        token: &AccessToken,
        kind: MeasureType,
        days: DayRange,
        tz: Tz,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Option<Reading>, WithingsError> {
        let groups = self
            .get_measures(
                token,
                MeasureQuery::days(&[kind], days, tz),
                deadline,
                max_pages,
            )
            .await?;
        Ok(select::latest(&groups.items, kind))
    }

    /// The newest blood-pressure reading taken on the local days `days`.
    pub async fn latest_blood_pressure(
        &self,
        token: &AccessToken,
        days: DayRange,
        tz: Tz,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Option<BloodPressure>, WithingsError> {
        let types = [
            MeasureType::SystolicBloodPressure,
            MeasureType::DiastolicBloodPressure,
            MeasureType::HeartPulse,
        ];
        let groups = self
            .get_measures(
                token,
                MeasureQuery::days(&types, days, tz),
                deadline,
                max_pages,
            )
            .await?;
        Ok(select::latest_blood_pressure(&groups.items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn query_builds_local_day_bounds() {
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let q = MeasureQuery::days(
            &[MeasureType::Weight, MeasureType::FatRatio],
            DayRange::day(d),
            tz,
        );
        let form = q.form();
        let get = |k: &str| form.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        assert_eq!(get("meastypes").as_deref(), Some("1,6"));
        assert_eq!(get("category").as_deref(), Some("1"));
        // 2026-11-24 00:00 PST = 08:00 UTC.
        assert_eq!(get("startdate").as_deref(), Some("1795507200"));
        assert_eq!(get("enddate").as_deref(), Some("1795593599"));
        let q = MeasureQuery::updated_since(&[MeasureType::Weight], 5);
        assert_eq!(
            q.form(),
            vec![
                ("action", "getmeas".to_string()),
                ("meastype", "1".to_string()),
                ("category", "1".to_string()),
                ("lastupdate", "5".to_string())
            ]
        );
    }
}
