//! What the skill says, per locale. Spoken answers are the UI: short, the right
//! day, numbers rounded the way a person says them. One file per kind of sentence.

mod dates;
mod phrases;
mod sleep;
mod steps;
mod weight;
mod words;

pub use dates::{date, night, night_name, period, weekday, when};
pub use phrases::{Phrase, phrase};
pub use sleep::{latest_night_lead, sleep_average, sleep_night, sleep_only_night};
pub use steps::{steps_day, steps_period};
pub use weight::{weighed, weight};
pub use words::{clock_time, duration, goal_percent, rough_duration};

/// The languages the skill speaks. English variants differ in date order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    EnUs,
    EnGb,
    De,
}

impl Lang {
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        if l.starts_with("de") {
            Lang::De
        } else if l == "en-us" || l == "en-ca" || !l.starts_with("en") {
            Lang::EnUs
        } else {
            Lang::EnGb
        }
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
        assert_eq!(Lang::from_locale("en-IN"), Lang::EnGb);
        assert_eq!(Lang::from_locale("en-US"), Lang::EnUs);
        assert_eq!(Lang::from_locale("de-DE"), Lang::De);
        assert_eq!(Lang::from_locale("ja-JP"), Lang::EnUs);
    }
}
