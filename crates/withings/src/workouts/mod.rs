//! Workouts (`/v2/measure` `action=getworkouts`): one series item per session,
//! keyed by its local start day.

mod category;

pub use category::WorkoutCategory;

use crate::client::WithingsClient;
use crate::dates::DayRange;
use crate::deadline::Deadline;
use crate::error::WithingsError;
use crate::lenient::{self, Id, opt_text};
use crate::paging::{PageInfo, Paged, days_form};
use crate::secret::AccessToken;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// Every workout field; most are omitted unless asked for.
pub const WORKOUT_FIELDS: &[&str] = &[
    "calories",
    "intensity",
    "manual_intensity",
    "manual_distance",
    "manual_calories",
    "hr_average",
    "hr_min",
    "hr_max",
    "hr_zone_0",
    "hr_zone_1",
    "hr_zone_2",
    "hr_zone_3",
    "pause_duration",
    "algo_pause_duration",
    "spo2_average",
    "core_body_temperature_avg",
    "core_body_temperature_min",
    "core_body_temperature_max",
    "core_body_temperature_status",
    "steps",
    "distance",
    "elevation",
    "pool_laps",
    "strokes",
    "pool_length",
];

/// One session. Times are unix seconds; `date` is the local start day.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Workout {
    /// The workout's id.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub id: Option<Id>,
    /// The sport.
    #[serde(default = "unknown_category")]
    pub category: WorkoutCategory,
    /// The zone the workout was recorded in.
    #[serde(default, deserialize_with = "opt_text")]
    pub timezone: Option<String>,
    /// Source model id (an integer here, unlike getmeas' model name).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub model: Option<i64>,
    /// `attrib` as sent: how the workout was attributed to the user.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub attrib: Option<i64>,
    /// When it started (unix seconds).
    #[serde(deserialize_with = "lenient::i64_any")]
    pub startdate: i64,
    /// When it ended (unix seconds).
    #[serde(deserialize_with = "lenient::i64_any")]
    pub enddate: i64,
    /// The local day it started.
    pub date: NaiveDate,
    /// When it was last updated (unix seconds).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub modified: Option<i64>,
    /// The source device, if a device recorded it.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub deviceid: Option<Id>,
    /// Its figures (all `None` when Withings sent none).
    #[serde(default, deserialize_with = "nullable_data")]
    pub data: WorkoutData,
}

fn unknown_category() -> WorkoutCategory {
    WorkoutCategory::Unknown(0)
}

fn nullable_data<'de, D: Deserializer<'de>>(d: D) -> Result<WorkoutData, D::Error> {
    Ok(Option::<WorkoutData>::deserialize(d)?.unwrap_or_default())
}

impl Workout {
    /// Wall-clock length minus the pauses the user entered.
    pub fn active_seconds(&self) -> i64 {
        let span = self.enddate.saturating_sub(self.startdate).max(0);
        span.saturating_sub(self.data.pause_duration.unwrap_or(0).max(0))
            .max(0)
    }
}

/// Calories kcal, distance meters, durations seconds; intensity 0–100 (0: not
/// given). Nulls are common (`algo_pause_duration`, `spo2_average`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct WorkoutData {
    /// Active calories, kcal.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub calories: Option<f64>,
    /// Intensity, 0–100 (0: not given).
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub intensity: Option<i64>,
    /// Intensity as the user entered it, 0–100.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub manual_intensity: Option<i64>,
    /// Distance as the user entered it, meters.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub manual_distance: Option<f64>,
    /// Calories as the user entered them, kcal.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub manual_calories: Option<f64>,
    /// Average heart rate, bpm.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_average: Option<i64>,
    /// Lowest heart rate, bpm.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_min: Option<i64>,
    /// Highest heart rate, bpm.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_max: Option<i64>,
    /// Time in light heart-rate zone 0, seconds.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_0: Option<i64>,
    /// Time in moderate heart-rate zone 1, seconds.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_1: Option<i64>,
    /// Time in intense heart-rate zone 2, seconds.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_2: Option<i64>,
    /// Time in maximal heart-rate zone 3, seconds.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_3: Option<i64>,
    /// Pauses the user entered, seconds.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub pause_duration: Option<i64>,
    /// Pauses the device detected, seconds.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub algo_pause_duration: Option<i64>,
    /// Average SpO2, %.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub spo2_average: Option<f64>,
    /// Average core body temperature, °C.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub core_body_temperature_avg: Option<f64>,
    /// Lowest core body temperature, °C.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub core_body_temperature_min: Option<f64>,
    /// Highest core body temperature, °C.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub core_body_temperature_max: Option<f64>,
    /// "unknown", "usual" or "elevated" (Withings' reference types it as an integer).
    #[serde(deserialize_with = "opt_text")]
    pub core_body_temperature_status: Option<String>,
    /// Steps.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub steps: Option<i64>,
    /// Distance, meters.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub distance: Option<f64>,
    /// Floors climbed.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub elevation: Option<f64>,
    /// Pool laps.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub pool_laps: Option<i64>,
    /// Swimming strokes.
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub strokes: Option<i64>,
    /// Pool length, meters.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub pool_length: Option<f64>,
}

/// One getworkouts page (`more` is a boolean on v2 endpoints).
#[derive(Debug, Deserialize)]
#[serde(from = "RawWorkoutPage")]
pub struct WorkoutPage {
    /// The workouts of this page.
    pub series: Vec<Workout>,
    /// Whether more pages follow.
    pub page: PageInfo,
}

/// The page as sent, paging fields inline: `#[serde(flatten)]` would buffer the
/// whole page before parsing it.
#[derive(Deserialize)]
struct RawWorkoutPage {
    #[serde(default)]
    series: Vec<Workout>,
    #[serde(default, deserialize_with = "lenient::more_flag")]
    more: bool,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    offset: Option<i64>,
}

impl From<RawWorkoutPage> for WorkoutPage {
    fn from(r: RawWorkoutPage) -> Self {
        let page = PageInfo {
            more: r.more,
            offset: r.offset,
        };
        WorkoutPage {
            series: r.series,
            page,
        }
    }
}

impl WorkoutPage {
    fn into_parts(self) -> (Vec<Workout>, PageInfo) {
        (self.series, self.page)
    }
}

/// Parse the `body` of a getworkouts answer.
pub fn parse_workouts_body(body: &[u8]) -> Result<WorkoutPage, serde_json::Error> {
    serde_json::from_slice(body)
}

impl WithingsClient {
    /// Workouts that started on the local days in `days`.
    pub async fn get_workouts(
        &self,
        token: &AccessToken,
        days: DayRange,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Paged<Workout>, WithingsError> {
        let form = days_form("getworkouts", days, WORKOUT_FIELDS);
        self.paged(
            "/v2/measure",
            token,
            &form,
            deadline,
            max_pages,
            WorkoutPage::into_parts,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nulls_and_floats() {
        let body = br#"{"series":[{"id":3661300277,"category":"7","timezone":"Europe/Amsterdam",
            "model":1055,"attrib":0,"startdate":1693336011,"enddate":"1693336513","date":"2023-08-29",
            "deviceid":null,"data":{"calories":83.57224,"intensity":30,"pause_duration":100,
            "algo_pause_duration":null,"spo2_average":null,"core_body_temperature_status":"usual",
            "pool_laps":12,"metcumul":96.7}}, {"category":999,"startdate":1,"enddate":2,
            "date":"2023-08-30","data":null}],"more":true,"offset":2}"#;
        let page = parse_workouts_body(body).unwrap();
        let w = &page.series[0];
        assert_eq!(w.category, WorkoutCategory::Swimming);
        assert_eq!(w.id, Some(Id("3661300277".into())));
        assert_eq!(w.data.calories, Some(83.57224));
        assert_eq!(w.data.algo_pause_duration, None);
        assert_eq!(
            w.data.core_body_temperature_status.as_deref(),
            Some("usual")
        );
        assert_eq!(w.active_seconds(), 502 - 100);
        assert_eq!(page.series[1].category, WorkoutCategory::Unknown(999));
        assert_eq!(page.series[1].data, WorkoutData::default());
        assert!(page.page.more);
        assert_eq!(page.page.offset, Some(2));
    }
}
