//! The sports a workout can be: Withings' `category` codes, with their names.

use crate::lenient;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! workout_categories {
    ($($variant:ident = $code:literal, $name:literal;)*) => {
        /// A workout's `category`: the sport. Withings adds codes without
        /// notice, and one unknown code must not fail a whole page, hence `Unknown`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum WorkoutCategory {
            $(
                #[doc = concat!($name, " (code ", $code, ").")]
                $variant,
            )*
            /// A code this crate does not know yet (0 when none was sent).
            Unknown(i64),
        }

        impl WorkoutCategory {
            /// Every documented category, in code order.
            pub const ALL: &'static [WorkoutCategory] = &[$(WorkoutCategory::$variant),*];

            /// The category of a `category` code.
            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => WorkoutCategory::$variant,)*
                    other => WorkoutCategory::Unknown(other),
                }
            }

            /// The `category` code.
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
    // Older docs: "Calisthenics"; the current reference and the app say "Fitness".
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
}
