//! Sleep summaries (`/v2/sleep` `action=getsummary`): one series item per night,
//! keyed by the local wake-up day.

use crate::client::WithingsClient;
use crate::dates::DayRange;
use crate::deadline::Deadline;
use crate::error::WithingsError;
use crate::lenient::{self, Id};
use crate::paging::{PageInfo, Paged, days_form};
use crate::secret::AccessToken;
use chrono::NaiveDate;
use serde::Deserialize;

/// Every summary field. Withings omits heart rate, breathing, snoring and the
/// sleep score unless they are asked for explicitly.
pub const SLEEP_SUMMARY_FIELDS: &[&str] = &[
    "total_timeinbed",
    "total_sleep_time",
    "asleepduration",
    "lightsleepduration",
    "remsleepduration",
    "deepsleepduration",
    "sleep_efficiency",
    "sleep_latency",
    "wakeup_latency",
    "wakeupduration",
    "wakeupcount",
    "waso",
    "nb_rem_episodes",
    "breathing_disturbances_intensity",
    "apnea_hypopnea_index",
    "withings_index",
    "durationtosleep",
    "durationtowakeup",
    "out_of_bed_count",
    "hr_average",
    "hr_min",
    "hr_max",
    "rr_average",
    "rr_min",
    "rr_max",
    "snoring",
    "snoringepisodecount",
    "sleep_score",
    "night_events",
    "mvt_score_avg",
    "mvt_active_duration",
    "rmssd_start_avg",
    "rmssd_end_avg",
];

/// One night.
#[derive(Clone, Debug, Deserialize)]
pub struct SleepSeries {
    /// The night's id.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub id: Option<Id>,
    /// The zone the night was recorded in.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Model id of the source device.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub model: Option<i64>,
    /// When the user went to bed (unix seconds).
    #[serde(deserialize_with = "lenient::i64_any")]
    pub startdate: i64,
    /// When the user got up (unix seconds).
    #[serde(deserialize_with = "lenient::i64_any")]
    pub enddate: i64,
    /// The local day the user woke up.
    pub date: NaiveDate,
    /// When the night was last updated (unix seconds).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub modified: Option<i64>,
    /// The night's figures.
    #[serde(default)]
    pub data: SleepData,
}

/// Durations are seconds; efficiency is a ratio (0.86), not a percentage.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SleepData {
    /// Time in bed.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub total_timeinbed: Option<i64>,
    /// Time asleep.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub total_sleep_time: Option<i64>,
    /// Time asleep, as sent for nights from some sources.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub asleepduration: Option<i64>,
    /// Time in light sleep.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub lightsleepduration: Option<i64>,
    /// Time in REM sleep.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub remsleepduration: Option<i64>,
    /// Time in deep sleep.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub deepsleepduration: Option<i64>,
    /// Time asleep over time in bed, a ratio.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub sleep_efficiency: Option<f64>,
    /// Time it took to fall asleep.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub sleep_latency: Option<i64>,
    /// Time between waking up and getting up.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub wakeup_latency: Option<i64>,
    /// Time awake in bed.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub wakeupduration: Option<i64>,
    /// How many times the user woke up.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub wakeupcount: Option<i64>,
    /// Time awake after first falling asleep.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub waso: Option<i64>,
    /// How many REM episodes.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub nb_rem_episodes: Option<i64>,
    /// Intensity of breathing disturbances.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub breathing_disturbances_intensity: Option<i64>,
    /// Apnea-hypopnea events per hour.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub apnea_hypopnea_index: Option<f64>,
    /// `withings_index`, as sent.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub withings_index: Option<f64>,
    /// Time it took to fall asleep (the older field).
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub durationtosleep: Option<i64>,
    /// Time between waking up and getting up (the older field).
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub durationtowakeup: Option<i64>,
    /// How many times the user got out of bed.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub out_of_bed_count: Option<i64>,
    /// Average heart rate, bpm.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_average: Option<i64>,
    /// Lowest heart rate, bpm.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_min: Option<i64>,
    /// Highest heart rate, bpm.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_max: Option<i64>,
    /// Average breathing rate, breaths per minute.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub rr_average: Option<i64>,
    /// Lowest breathing rate, breaths per minute.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub rr_min: Option<i64>,
    /// Highest breathing rate, breaths per minute.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub rr_max: Option<i64>,
    /// Time snoring.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub snoring: Option<i64>,
    /// How many snoring episodes.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub snoringepisodecount: Option<i64>,
    /// Sleep score, 0–100.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub sleep_score: Option<i64>,
    /// Time moving.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub mvt_active_duration: Option<i64>,
    /// Average movement score.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub mvt_score_avg: Option<f64>,
    /// Heart-rate variability (RMSSD) at the start of the night, ms.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub rmssd_start_avg: Option<f64>,
    /// Heart-rate variability (RMSSD) at the end of the night, ms.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub rmssd_end_avg: Option<f64>,
}

impl SleepData {
    /// Time asleep: `total_sleep_time` when present, else the sum of the stages
    /// (older devices send only stage durations).
    pub fn sleep_seconds(&self) -> Option<i64> {
        self.total_sleep_time.or(self.asleepduration).or_else(|| {
            let stages = [
                self.lightsleepduration,
                self.deepsleepduration,
                self.remsleepduration,
            ];
            stages
                .iter()
                .any(Option::is_some)
                // Saturating: the wire can hold any i64, and a sum must not panic.
                .then(|| {
                    stages
                        .iter()
                        .flatten()
                        .fold(0i64, |a, &b| a.saturating_add(b))
                })
        })
    }
}

/// One getsummary page (`more` is a boolean on v2 endpoints).
#[derive(Debug, Deserialize)]
#[serde(from = "RawSummaryPage")]
pub struct SleepSummaryPage {
    /// The nights of this page.
    pub series: Vec<SleepSeries>,
    /// Whether more pages follow.
    pub page: PageInfo,
}

/// The page as sent, paging fields inline: `#[serde(flatten)]` would buffer the
/// whole page before parsing it.
#[derive(Deserialize)]
struct RawSummaryPage {
    #[serde(default)]
    series: Vec<SleepSeries>,
    #[serde(default, deserialize_with = "lenient::more_flag")]
    more: bool,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    offset: Option<i64>,
}

impl From<RawSummaryPage> for SleepSummaryPage {
    fn from(r: RawSummaryPage) -> Self {
        let page = PageInfo {
            more: r.more,
            offset: r.offset,
        };
        SleepSummaryPage {
            series: r.series,
            page,
        }
    }
}

impl WithingsClient {
    /// Sleep summaries for the nights that ended on the local days in `days`.
    pub async fn sleep_summary(
        &self,
        token: &AccessToken,
        days: DayRange,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Paged<SleepSeries>, WithingsError> {
        let form = days_form("getsummary", days, SLEEP_SUMMARY_FIELDS);
        self.paged(
            "/v2/sleep",
            token,
            &form,
            deadline,
            max_pages,
            |p: SleepSummaryPage| (p.series, p.page),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_spec_example_with_odd_shapes() {
        let body = r#"{"series":[{"id":2081804,"timezone":"Europe/Paris","model":32,"model_id":63,
            "startdate":1594245600,"enddate":"1594275000","date":"2020-07-09","created":1594257200,
            "modified":1594257200,"hash_deviceid":null,"completed":true,
            "data":{"wakeupduration":600,"lightsleepduration":15720,"deepsleepduration":7920.0,
            "wakeupcount":"1","durationtosleep":360,"sleep_efficiency":0.86,"hr_average":null,"unknown_new_field":3}}],
            "more":false,"offset":0}"#;
        let page: SleepSummaryPage = serde_json::from_str(body).unwrap();
        let s = &page.series[0];
        assert_eq!(s.date.to_string(), "2020-07-09");
        assert_eq!(s.enddate, 1594275000);
        assert_eq!(s.data.deepsleepduration, Some(7920));
        assert_eq!(s.data.wakeupcount, Some(1));
        assert_eq!(s.data.sleep_efficiency, Some(0.86));
        assert_eq!(s.data.hr_average, None);
        // No total_sleep_time: the stages add up.
        assert_eq!(s.data.sleep_seconds(), Some(15720 + 7920));
        assert!(!page.page.more);
    }
}
