//! What the skill says, per locale. Spoken answers are the UI: short, the right
//! day, numbers rounded the way a person says them. One file per kind of sentence.

mod activity;
mod body;
mod dates;
mod goals;
mod phrases;
mod sleep;
mod sleep_detail;
mod steps;
mod weight;
mod words;
mod workouts;

pub use activity::{activity_day, activity_period, activity_value, card_distance, distance};
pub use body::{blood_pressure, blood_pressure_average, body, heart_rate, heart_rate_average};
pub use goals::{sleep_goal, weight_goal};
pub use sleep_detail::{DetailValue, detail_average, detail_night, overview_night};
pub use workouts::{day_workouts, last_workout, period_workouts, sport, workout};

pub use dates::{date, night, night_name, on_day, period, weekday, when};
pub use phrases::{Phrase, phrase};
pub use sleep::{latest_night_lead, sleep_average, sleep_night, sleep_only_night};
pub use steps::{steps_day, steps_period, steps_summary};
pub use weight::{card_weight, mass, weighed, weight, weight_change};
pub use words::{
    capitalized, clock_time, decimal, duration, goal_percent, rough_count, rough_duration,
};

/// The languages the skill speaks. English variants differ in date order,
/// clock style and units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    EnUs,
    EnGb,
    EnCa,
    EnAu,
    EnIn,
    De,
    Fr,
}

impl Lang {
    /// Unsupported locales are answered in US English.
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        match l.as_str() {
            _ if l.starts_with("de") => Lang::De,
            _ if l.starts_with("fr") => Lang::Fr,
            "en-gb" => Lang::EnGb,
            "en-ca" => Lang::EnCa,
            "en-au" => Lang::EnAu,
            "en-in" => Lang::EnIn,
            _ => Lang::EnUs,
        }
    }

    pub fn is_english(self) -> bool {
        !matches!(self, Lang::De | Lang::Fr)
    }

    /// "24 November" rather than "November 24".
    pub fn day_first(self) -> bool {
        !matches!(self, Lang::EnUs | Lang::EnCa)
    }

    /// The decimal separator said and shown.
    pub fn decimal_comma(self) -> bool {
        !self.is_english()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(
            duration(Lang::EnUs, 7 * 3600 + 12 * 60 + 10),
            "7 hours 12 minutes"
        );
        assert_eq!(duration(Lang::EnUs, 3600 + 40 * 60), "1 hour 40 minutes");
        assert_eq!(duration(Lang::EnUs, 3600), "1 hour");
        assert_eq!(duration(Lang::EnUs, 60), "1 minute");
        assert_eq!(duration(Lang::EnUs, 29), "0 minutes");
        assert_eq!(duration(Lang::De, 2 * 3600 + 60), "2 Stunden 1 Minute");
        assert_eq!(
            rough_duration(Lang::EnUs, 7 * 3600 + 12 * 60),
            "7 hours 10 minutes"
        );
        assert_eq!(rough_duration(Lang::EnUs, 7 * 3600 + 58 * 60), "8 hours");
    }

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("en-GB"), Lang::EnGb);
        assert_eq!(Lang::from_locale("en-IN"), Lang::EnIn);
        assert_eq!(Lang::from_locale("fr-FR"), Lang::Fr);
        assert_eq!(Lang::from_locale("fr-CA"), Lang::Fr);
        assert_eq!(Lang::from_locale("en-NZ"), Lang::EnUs);
        assert_eq!(Lang::from_locale("en-US"), Lang::EnUs);
        assert_eq!(Lang::from_locale("de-DE"), Lang::De);
        assert_eq!(Lang::from_locale("ja-JP"), Lang::EnUs);
    }
}
