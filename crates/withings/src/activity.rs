//! Daily activity (`/v2/measure` `action=getactivity`): one item per local day
//! (and per source, when a phone and a tracker both report).

use crate::client::WithingsClient;
use crate::dates::DayRange;
use crate::deadline::Deadline;
use crate::error::WithingsError;
use crate::lenient::{self, Id, opt_bool, opt_text};
use crate::paging::{PageInfo, Paged, days_form};
use crate::secret::AccessToken;
use chrono::NaiveDate;
use serde::Deserialize;

/// Every daily field. Without `data_fields` the API leaves most of them out.
pub const ACTIVITY_FIELDS: &[&str] = &[
    "steps",
    "distance",
    "elevation",
    "soft",
    "moderate",
    "intense",
    "active",
    "calories",
    "totalcalories",
    "hr_average",
    "hr_min",
    "hr_max",
    "hr_zone_0",
    "hr_zone_1",
    "hr_zone_2",
    "hr_zone_3",
];

/// `brand` 1: the day was measured by Withings (a device or the app).
pub const BRAND_WITHINGS: i64 = 1;
/// `brand` 18: the day came from elsewhere (a phone, Google Fit, …).
pub const BRAND_EXTERNAL: i64 = 18;

/// One day's aggregate. Durations are seconds, distance meters, elevation
/// floors, calories kcal. A field is `None` when not sent.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Activity {
    /// The local day.
    pub date: NaiveDate,
    /// The user's zone for that day.
    #[serde(default, deserialize_with = "opt_text")]
    pub timezone: Option<String>,
    /// The source device, if a device reported.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub deviceid: Option<Id>,
    /// A hashed device id, on newer answers.
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub hash_deviceid: Option<Id>,
    /// Who measured: [`BRAND_WITHINGS`] or [`BRAND_EXTERNAL`].
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub brand: Option<i64>,
    /// Whether the source is a worn tracker (rather than a phone).
    #[serde(default, deserialize_with = "opt_bool")]
    pub is_tracker: Option<bool>,
    /// When the day was last updated (unix seconds).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub modified: Option<i64>,
    /// Model name ("ScanWatch", "GoogleFit tracker").
    #[serde(default, deserialize_with = "opt_text")]
    pub model: Option<String>,
    /// Model id of the source.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub modelid: Option<i64>,
    /// Steps.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub steps: Option<i64>,
    /// Distance, meters.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub distance: Option<f64>,
    /// Floors climbed.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub elevation: Option<f64>,
    /// Time in soft activity, seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub soft: Option<i64>,
    /// Time in moderate activity, seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub moderate: Option<i64>,
    /// Time in intense activity, seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub intense: Option<i64>,
    /// Time active (the sum of moderate and intense), seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub active: Option<i64>,
    /// Active calories, kcal.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub calories: Option<f64>,
    /// Total calories (active and at rest), kcal.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub totalcalories: Option<f64>,
    /// Average heart rate, bpm (0 from sources without a sensor; see [`Activity::heart_rate`]).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hr_average: Option<i64>,
    /// Lowest heart rate, bpm.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hr_min: Option<i64>,
    /// Highest heart rate, bpm.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hr_max: Option<i64>,
    /// Time in light heart-rate zone 0, seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hr_zone_0: Option<i64>,
    /// Time in moderate heart-rate zone 1, seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hr_zone_1: Option<i64>,
    /// Time in intense heart-rate zone 2, seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hr_zone_2: Option<i64>,
    /// Time in maximal heart-rate zone 3, seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub hr_zone_3: Option<i64>,
}

impl Activity {
    /// Average heart rate, if the source measures it (phones send 0).
    pub fn heart_rate(&self) -> Option<i64> {
        self.hr_average.filter(|&hr| hr > 0)
    }
}

/// The item to report for `day` when several sources report it: a Withings
/// tracker first, then the one with most steps.
pub fn activity_for_day(items: &[Activity], day: NaiveDate) -> Option<&Activity> {
    items.iter().filter(|a| a.date == day).max_by_key(|a| {
        (
            a.is_tracker.unwrap_or(false),
            a.steps.unwrap_or(0),
            a.modified.unwrap_or(0),
        )
    })
}

/// One getactivity page (`more` is a boolean on v2 endpoints).
#[derive(Debug, Deserialize)]
#[serde(from = "RawActivityPage")]
pub struct ActivityPage {
    /// The days of this page.
    pub activities: Vec<Activity>,
    /// Whether more pages follow.
    pub page: PageInfo,
}

/// The page as sent, paging fields inline: `#[serde(flatten)]` would buffer the
/// whole page before parsing it (several times slower on a year of days).
#[derive(Deserialize)]
struct RawActivityPage {
    #[serde(default)]
    activities: Vec<Activity>,
    #[serde(default, deserialize_with = "lenient::more_flag")]
    more: bool,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    offset: Option<i64>,
}

impl From<RawActivityPage> for ActivityPage {
    fn from(r: RawActivityPage) -> Self {
        let page = PageInfo {
            more: r.more,
            offset: r.offset,
        };
        ActivityPage {
            activities: r.activities,
            page,
        }
    }
}

impl ActivityPage {
    fn into_parts(self) -> (Vec<Activity>, PageInfo) {
        (self.activities, self.page)
    }
}

/// Parse the `body` of a getactivity answer.
pub fn parse_activity_body(body: &[u8]) -> Result<ActivityPage, serde_json::Error> {
    serde_json::from_slice(body)
}

impl WithingsClient {
    /// Daily activity for the local days in `days` (the user's calendar days).
    pub async fn get_activity(
        &self,
        token: &AccessToken,
        days: DayRange,
        deadline: Deadline,
        max_pages: usize,
    ) -> Result<Paged<Activity>, WithingsError> {
        let form = days_form("getactivity", days, ACTIVITY_FIELDS);
        self.paged(
            "/v2/measure",
            token,
            &form,
            deadline,
            max_pages,
            ActivityPage::into_parts,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_loose_shapes() {
        let body = br#"{"activities":[
            {"date":"2023-10-20","timezone":"Europe/Amsterdam","deviceid":null,"hash_deviceid":null,
             "brand":18,"is_tracker":false,"modelid":"1055","model":"GoogleFit tracker",
             "steps":1209,"distance":1028.559,"calories":"85.497","hr_average":0,"new_field":[1]},
            {"date":"2023-10-20","deviceid":"892359876fd8805ac45bab078c4828692f0276b1",
             "brand":1,"is_tracker":1,"modelid":93,"steps":1100,"hr_average":71}],
            "more":false,"offset":0}"#;
        let page = parse_activity_body(body).unwrap();
        let a = &page.activities[0];
        assert_eq!(a.modelid, Some(1055));
        assert_eq!(a.calories, Some(85.497));
        assert_eq!(a.heart_rate(), None);
        assert_eq!(a.elevation, None);
        let day = NaiveDate::from_ymd_opt(2023, 10, 20).unwrap();
        let best = activity_for_day(&page.activities, day).unwrap();
        assert_eq!(best.is_tracker, Some(true));
        assert_eq!(best.heart_rate(), Some(71));
        assert!(!page.page.more);
    }

    #[test]
    fn a_missing_date_is_an_error() {
        assert!(parse_activity_body(br#"{"activities":[{"steps":5}]}"#).is_err());
    }
}
