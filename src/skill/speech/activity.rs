//! Sentences about activity besides steps: distance, floors, calories and
//! active time, for a day or a period.

use super::Lang;
use super::words::{decimal, rough_duration};
use crate::skill::slots::ActivityMetric;
use crate::skill::units::DistanceUnit;

const M_PER_MILE: f64 = 1609.344;

/// A distance in meters as said: "3.2 miles", "5,1 Kilometer", "1 mile".
pub fn distance(lang: Lang, unit: DistanceUnit, meters: f64) -> String {
    let (v, one, many) = match (unit, lang) {
        (DistanceUnit::Miles, Lang::De) => (meters / M_PER_MILE, "Meile", "Meilen"),
        (DistanceUnit::Miles, _) => (meters / M_PER_MILE, "mile", "miles"),
        (DistanceUnit::Kilometers, Lang::De) => (meters / 1000.0, "Kilometer", "Kilometer"),
        (DistanceUnit::Kilometers, Lang::Fr) => (meters / 1000.0, "kilomètre", "kilomètres"),
        (DistanceUnit::Kilometers, Lang::EnUs | Lang::EnCa) => {
            (meters / 1000.0, "kilometer", "kilometers")
        }
        (DistanceUnit::Kilometers, _) => (meters / 1000.0, "kilometre", "kilometres"),
    };
    let n = decimal(lang, v);
    format!("{n} {}", if n == "1" { one } else { many })
}

/// The card's metric distance, with miles beside it when spoken in miles.
pub fn card_distance(unit: DistanceUnit, meters: f64) -> String {
    match unit {
        DistanceUnit::Kilometers => format!("{:.1} km", meters / 1000.0),
        DistanceUnit::Miles => format!("{:.1} km ({:.1} mi)", meters / 1000.0, meters / M_PER_MILE),
    }
}

/// A metric's value as said, from the day's raw number (meters, floors, kcal,
/// seconds).
pub fn activity_value(lang: Lang, unit: DistanceUnit, m: ActivityMetric, v: f64) -> String {
    match m {
        ActivityMetric::Distance => distance(lang, unit, v),
        ActivityMetric::Floors => {
            let n = v.round() as i64;
            match (lang, n) {
                (Lang::De, 1) => "1 Stockwerk".into(),
                (Lang::De, n) => format!("{n} Stockwerke"),
                (Lang::Fr, 1) => "1 étage".into(),
                (Lang::Fr, n) => format!("{n} étages"),
                (_, 1) => "1 floor".into(),
                (_, n) => format!("{n} floors"),
            }
        }
        ActivityMetric::Calories => {
            let n = round_calories(v);
            match lang {
                Lang::De => format!("{n} aktive Kalorien"),
                Lang::Fr => format!("{n} calories actives"),
                _ => format!("{n} active calories"),
            }
        }
        ActivityMetric::ActiveMinutes => rough_duration(lang, v as i64),
    }
}

/// Calories to the nearest 10 once past 100: nobody says 453.
fn round_calories(v: f64) -> i64 {
    let n = v.round() as i64;
    if n >= 100 { (n + 5) / 10 * 10 } else { n }
}

/// One day: `when` is `None` for today (so far).
pub fn activity_day(lang: Lang, m: ActivityMetric, value: &str, when: Option<&str>) -> String {
    use ActivityMetric::*;
    match (lang, when) {
        (Lang::De, None) => match m {
            Distance => format!("Heute bist du bisher {value} gegangen."),
            Floors => format!("Heute bist du bisher {value} gestiegen."),
            Calories => format!("Heute hast du bisher {value} verbrannt."),
            ActiveMinutes => format!("Heute warst du bisher {value} aktiv."),
        },
        (Lang::De, Some(w)) => match m {
            Distance => format!("{w} bist du {value} gegangen."),
            Floors => format!("{w} bist du {value} gestiegen."),
            Calories => format!("{w} hast du {value} verbrannt."),
            ActiveMinutes => format!("{w} warst du {value} aktiv."),
        },
        (Lang::Fr, w) => {
            let (w, tail) = match w {
                None => ("Aujourd'hui", " jusqu'ici"),
                Some(w) => (w, ""),
            };
            match m {
                Distance => format!("{w}, vous avez parcouru {value}{tail}."),
                Floors => format!("{w}, vous avez monté {value}{tail}."),
                Calories => format!("{w}, vous avez brûlé {value}{tail}."),
                ActiveMinutes => format!("{w}, vous avez été actif pendant {value}{tail}."),
            }
        }
        (_, None) => match m {
            Distance => format!("So far today you've walked {value}."),
            Floors => format!("So far today you've climbed {value}."),
            Calories => format!("So far today you've burned {value}."),
            ActiveMinutes => format!("So far today you've been active for {value}."),
        },
        (_, Some(w)) => match m {
            Distance => format!("{w} you walked {value}."),
            Floors => format!("{w} you climbed {value}."),
            Calories => format!("{w} you burned {value}."),
            ActiveMinutes => format!("{w} you were active for {value}."),
        },
    }
}

/// A period: the total and the daily average over `days` days.
pub fn activity_period(
    lang: Lang,
    m: ActivityMetric,
    span: &str,
    total: &str,
    per_day: &str,
    days: usize,
) -> String {
    use ActivityMetric::*;
    match lang {
        Lang::De => {
            let verb = match m {
                Distance => "bist du insgesamt {t} gegangen",
                Floors => "bist du insgesamt {t} gestiegen",
                Calories => "hast du insgesamt {t} verbrannt",
                ActiveMinutes => "warst du insgesamt {t} aktiv",
            };
            format!(
                "{span} {}, im Schnitt {per_day} am Tag über {days} Tage.",
                verb.replace("{t}", total)
            )
        }
        Lang::Fr => {
            let verb = match m {
                Distance => "vous avez parcouru",
                Floors => "vous avez monté",
                Calories => "vous avez brûlé",
                ActiveMinutes => "vous avez été actif pendant",
            };
            format!(
                "{span}, {verb} {total} au total, en moyenne {per_day} par jour sur {days} jours."
            )
        }
        _ => {
            let verb = match m {
                Distance => "you walked",
                Floors => "you climbed",
                Calories => "you burned",
                ActiveMinutes => "you were active for",
            };
            format!("{span} {verb} {total} in all, on average {per_day} a day over {days} days.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_in_each_unit_and_language() {
        assert_eq!(
            distance(Lang::EnUs, DistanceUnit::Miles, 5150.0),
            "3.2 miles"
        );
        assert_eq!(
            distance(Lang::EnGb, DistanceUnit::Kilometers, 5150.0),
            "5.2 kilometres"
        );
        assert_eq!(
            distance(Lang::De, DistanceUnit::Kilometers, 5150.0),
            "5,2 Kilometer"
        );
        assert_eq!(
            distance(Lang::Fr, DistanceUnit::Kilometers, 1000.0),
            "1 kilomètre"
        );
        assert_eq!(
            card_distance(DistanceUnit::Miles, 5150.0),
            "5.2 km (3.2 mi)"
        );
        assert_eq!(
            activity_value(
                Lang::EnUs,
                DistanceUnit::Miles,
                ActivityMetric::Calories,
                453.2
            ),
            "450 active calories"
        );
    }
}
