//! Workouts (`/v2/measure` `action=getworkouts`): one series item per session,
//! keyed by its local start day.

use super::client::{Deadline, PageInfo, Paged, WithingsClient, days_form};
use super::dates::DayRange;
use super::error::WithingsError;
use super::lenient::{self, Id};
use super::measure::opt_text;
use crate::secret::AccessToken;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

macro_rules! workout_categories {
    ($($variant:ident = $code:literal, $name:literal;)*) => {
        /// `category` (notes §4.4). New codes appear without notice (notes §5.8),
        /// hence `Unknown`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum WorkoutCategory {
            $($variant,)*
            Unknown(i64),
        }

        impl WorkoutCategory {
            /// Every documented category, in code order.
            pub const ALL: &'static [WorkoutCategory] = &[$(WorkoutCategory::$variant),*];

            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => WorkoutCategory::$variant,)*
                    other => WorkoutCategory::Unknown(other),
                }
            }

            pub fn code(&self) -> i64 {
                match self {
                    $(WorkoutCategory::$variant => $code,)*
                    WorkoutCategory::Unknown(c) => *c,
                }
            }

            /// English name as in Withings' table ("Workout" when unknown).
            pub fn name(&self) -> &'static str {
                match self {
                    $(WorkoutCategory::$variant => $name,)*
                    WorkoutCategory::Unknown(_) => "Workout",
                }
            }
        }
    };
}

workout_categories! {
    Walk = 1, "Walk";
    Run = 2, "Run";
    Hiking = 3, "Hiking";
    Skating = 4, "Skating";
    Bmx = 5, "BMX";
    Bicycling = 6, "Bicycling";
    Swimming = 7, "Swimming";
    Surfing = 8, "Surfing";
    Kitesurfing = 9, "Kitesurfing";
    Windsurfing = 10, "Windsurfing";
    Bodyboard = 11, "Bodyboard";
    Tennis = 12, "Tennis";
    TableTennis = 13, "Table tennis";
    Squash = 14, "Squash";
    Badminton = 15, "Badminton";
    LiftWeights = 16, "Lift weights";
    // Older docs: "Calisthenics"; the current spec and app say "Fitness".
    Fitness = 17, "Fitness";
    Elliptical = 18, "Elliptical";
    Pilates = 19, "Pilates";
    BasketBall = 20, "Basket-ball";
    Soccer = 21, "Soccer";
    Football = 22, "Football";
    Rugby = 23, "Rugby";
    VolleyBall = 24, "Volley-ball";
    Waterpolo = 25, "Waterpolo";
    HorseRiding = 26, "Horse riding";
    Golf = 27, "Golf";
    Yoga = 28, "Yoga";
    Dancing = 29, "Dancing";
    Boxing = 30, "Boxing";
    Fencing = 31, "Fencing";
    Wrestling = 32, "Wrestling";
    MartialArts = 33, "Martial arts";
    Skiing = 34, "Skiing";
    Snowboarding = 35, "Snowboarding";
    Other = 36, "Other";
    NoActivity = 128, "No activity";
    Rowing = 187, "Rowing";
    Zumba = 188, "Zumba";
    Baseball = 191, "Baseball";
    Handball = 192, "Handball";
    Hockey = 193, "Hockey";
    IceHockey = 194, "Ice hockey";
    Climbing = 195, "Climbing";
    IceSkating = 196, "Ice skating";
    MultiSport = 272, "Multi-sport";
    IndoorWalk = 306, "Indoor walk";
    IndoorRunning = 307, "Indoor running";
    IndoorCycling = 308, "Indoor cycling";
    StandupPaddleboarding = 455, "Standup Paddleboarding";
    Padel = 456, "Padel";
    Gaming = 457, "Gaming";
    BeachVolleyball = 490, "Beach volleyball";
    StairStepper = 491, "Stair Stepper";
    Skateboarding = 492, "Skateboarding";
    Parkour = 493, "Parkour";
    Kayaking = 494, "Kayaking";
    Canoeing = 495, "Canoeing";
    Sailing = 496, "Sailing";
    Fishing = 497, "Fishing";
    TrailRunning = 498, "Trail Running";
    Snowshoeing = 499, "Snowshoeing";
    Paintball = 500, "Paintball";
    Archery = 501, "Archery";
    ScubaDiving = 502, "Scuba Diving";
    BaseballTraining = 503, "Baseball Training";
    Biathlon = 504, "Biathlon";
    Bocce = 505, "Bocce";
    Petanque = 506, "Pétanque";
    Paragliding = 507, "Paragliding";
    Frisbee = 508, "Frisbee";
    Skydiving = 509, "Skydiving";
    Pickleball = 510, "Pickleball";
    Cornhole = 511, "Cornhole";
    Dodgeball = 512, "Dodgeball";
    Ultimate = 513, "Ultimate";
    Teqball = 514, "Teqball";
    WheelchairRunningPace = 515, "Wheelchair (running pace)";
    WheelchairWalkingPace = 516, "Wheelchair (walking pace)";
    Athletics = 517, "Athletics";
    TrackCycling = 518, "Track Cycling";
    Pentathlon = 519, "Pentathlon";
    SportShooting = 520, "Sport Shooting";
    Triathlon = 521, "Triathlon";
    Diving = 522, "Diving";
    MountainBiking = 523, "Mountain Biking";
    GravelBiking = 524, "Gravel Biking";
    EBiking = 525, "E-Biking";
    EMountainBiking = 526, "E-Mountain Biking";
    Handcycling = 527, "Handcycling";
    Velomobile = 528, "Velomobile";
    BackcountrySkiing = 529, "Backcountry Skiing";
    NordicSkiing = 530, "Nordic Skiing";
    RollerSkiing = 531, "Roller Skiing";
    Racquetball = 532, "Racquetball";
    HipHop = 534, "Hip Hop";
    Muaythai = 535, "Muaythai";
    Taekwondo = 536, "Taekwondo";
    Judo = 537, "Judo";
    Trampoline = 538, "Trampoline";
    StandingFrame = 539, "Standing Frame";
    SeatedStrength = 540, "Seated Strength";
    SeatedCardio = 541, "Seated Cardio";
    WalkWithWalker = 542, "Walk With Walker";
    WalkWithCane = 543, "Walk With Cane";
    Breaking = 544, "Breaking";
    Chores = 545, "Chores";
    Crossfit = 546, "Crossfit";
    Spinclass = 547, "Spinclass";
    Cricket = 548, "Cricket";
    FlamencoDancing = 549, "Flamenco Dancing";
    Hiit = 550, "HIIT";
    Meditation = 551, "Meditation";
    Stretching = 552, "Stretching";
    YardWorkGardening = 553, "Yard Work/Gardening";
    Cleaning = 554, "Cleaning";
    PublicSpeaking = 555, "Public Speaking";
    Spikeball = 556, "Spikeball";
    Lacrosse = 557, "Lacrosse";
    BabyWearing = 558, "Baby Wearing";
    DogWalking = 559, "Dog Walking";
    BreathingExercises = 560, "Breathing exercises";
    BalanceDrills = 561, "Balance Drills";
    PushingAStroller = 562, "Pushing a Stroller";
    ToddlerWearing = 563, "Toddler Wearing";
    Bowling = 564, "Bowling";
    Lasertag = 565, "Lasertag";
    NordicWalking = 566, "Nordic Walking";
    SumoWrestling = 567, "Sumo Wrestling";
    Cooking = 568, "Cooking";
}

impl<'de> Deserialize<'de> for WorkoutCategory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(lenient::opt_i64(d)?.map_or(WorkoutCategory::Unknown(0), WorkoutCategory::from_code))
    }
}

impl Serialize for WorkoutCategory {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.code())
    }
}

/// One session. Times are unix seconds; `date` is the local start day.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Workout {
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub id: Option<Id>,
    #[serde(default = "unknown_category")]
    pub category: WorkoutCategory,
    #[serde(default, deserialize_with = "opt_text")]
    pub timezone: Option<String>,
    /// Source model id (an integer here, unlike getmeas' model name).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub model: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub attrib: Option<i64>,
    #[serde(deserialize_with = "lenient::i64_any")]
    pub startdate: i64,
    #[serde(deserialize_with = "lenient::i64_any")]
    pub enddate: i64,
    pub date: NaiveDate,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub modified: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_id")]
    pub deviceid: Option<Id>,
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
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub calories: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub intensity: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub manual_intensity: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub manual_distance: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub manual_calories: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_average: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_min: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_max: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_0: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_1: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_2: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub hr_zone_3: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub pause_duration: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub algo_pause_duration: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub spo2_average: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub core_body_temperature_avg: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub core_body_temperature_min: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub core_body_temperature_max: Option<f64>,
    /// "unknown", "usual" or "elevated" (the spec types it as an integer).
    #[serde(deserialize_with = "opt_text")]
    pub core_body_temperature_status: Option<String>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub steps: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub distance: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub elevation: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub pool_laps: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    pub strokes: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub pool_length: Option<f64>,
}

/// One getworkouts page (`more` is a boolean on v2 endpoints).
#[derive(Debug, Deserialize)]
pub struct WorkoutPage {
    #[serde(default)]
    pub series: Vec<Workout>,
    #[serde(flatten)]
    pub page: PageInfo,
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
    fn category_table_is_complete_and_unique() {
        assert_eq!(WorkoutCategory::ALL.len(), 130);
        let mut codes: Vec<i64> = WorkoutCategory::ALL.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 130);
        for c in WorkoutCategory::ALL {
            assert_eq!(WorkoutCategory::from_code(c.code()), *c);
        }
        assert_eq!(WorkoutCategory::from_code(2).name(), "Run");
        assert_eq!(WorkoutCategory::from_code(506).name(), "Pétanque");
        assert_eq!(WorkoutCategory::from_code(568), WorkoutCategory::Cooking);
        assert_eq!(
            WorkoutCategory::from_code(533),
            WorkoutCategory::Unknown(533)
        );
        assert_eq!(WorkoutCategory::Unknown(533).name(), "Workout");
    }

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
