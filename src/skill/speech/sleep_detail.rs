//! Sentences about one detail of a night: time to fall asleep, sleep stages,
//! wake-ups, sleep score, heart rate during sleep.

use super::Lang;
use super::words::{capitalized, decimal, duration, times};
use crate::skill::slots::SleepDetail;

/// One night's value of a detail, in its natural unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DetailValue {
    Seconds(i64),
    Count(i64),
    Points(i64),
    /// Average, lowest, highest.
    Bpm(i64, Option<i64>, Option<i64>),
}

fn bpm(lang: Lang, n: i64) -> String {
    match lang {
        Lang::De => format!("{n} Schlägen pro Minute"),
        Lang::Fr => format!("{n} battements par minute"),
        _ => format!("{n} beats per minute"),
    }
}

/// "Last night it took you 12 minutes to fall asleep."
pub fn detail_night(lang: Lang, night: &str, d: SleepDetail, v: DetailValue) -> String {
    use DetailValue::*;
    use SleepDetail::*;
    let n = capitalized(night);
    let stage = |en: &str, de: &str, fr: &str, s: i64| {
        let t = duration(lang, s);
        match lang {
            Lang::De => format!("{n} hattest du {t} {de}."),
            Lang::Fr => format!("{n}, vous avez eu {t} de {fr}."),
            _ => format!("{n} you had {t} of {en}."),
        }
    };
    match (d, v, lang) {
        (FallAsleep, Seconds(s), Lang::De) => {
            format!(
                "{n} hast du {} zum Einschlafen gebraucht.",
                duration(lang, s)
            )
        }
        (FallAsleep, Seconds(s), Lang::Fr) => {
            format!("{n}, vous avez mis {} à vous endormir.", duration(lang, s))
        }
        (FallAsleep, Seconds(s), _) => {
            format!("{n} it took you {} to fall asleep.", duration(lang, s))
        }
        (Rem, Seconds(s), _) => stage("REM sleep", "REM-Schlaf", "sommeil paradoxal", s),
        (Light, Seconds(s), _) => stage("light sleep", "Leichtschlaf", "sommeil léger", s),
        (Deep, Seconds(s), _) => stage("deep sleep", "Tiefschlaf", "sommeil profond", s),
        (Wakeups, Count(0), Lang::De) => format!("{n} bist du nicht aufgewacht."),
        (Wakeups, Count(0), Lang::Fr) => format!("{n}, vous ne vous êtes pas réveillé."),
        (Wakeups, Count(0), _) => format!("{n} you didn't wake up."),
        (Wakeups, Count(c), Lang::De) => format!("{n} bist du {} aufgewacht.", times(lang, c)),
        (Wakeups, Count(c), Lang::Fr) => {
            format!("{n}, vous vous êtes réveillé {}.", times(lang, c))
        }
        (Wakeups, Count(c), _) => format!("{n} you woke up {}.", times(lang, c)),
        (Score, Points(s), Lang::De) => format!("{n} lag dein Schlafwert bei {s}."),
        (Score, Points(s), Lang::Fr) => format!("{n}, votre score de sommeil était de {s}."),
        (Score, Points(s), _) => format!("{n} your sleep score was {s}."),
        (HeartRate, Bpm(avg, lo, hi), _) => {
            let range = match (lo, hi, lang) {
                (Some(l), Some(h), Lang::De) => format!(", zwischen {l} und {h}"),
                (Some(l), Some(h), Lang::Fr) => format!(", entre {l} et {h}"),
                (Some(l), Some(h), _) => format!(", between {l} and {h}"),
                _ => String::new(),
            };
            match lang {
                Lang::De => format!(
                    "{n} lag dein Puls im Schnitt bei {}{range}.",
                    bpm(lang, avg)
                ),
                Lang::Fr => format!("{n}, votre pouls moyen était de {}{range}.", bpm(lang, avg)),
                _ => format!("{n} your heart rate averaged {}{range}.", bpm(lang, avg)),
            }
        }
        _ => String::new(),
    }
}

/// No detail named: "Last night you fell asleep in 12 minutes, woke up twice,
/// and your sleep score was 78." Parts the device did not record are left out.
pub fn overview_night(
    lang: Lang,
    night: &str,
    fall_asleep: Option<i64>,
    wakeups: Option<i64>,
    score: Option<i64>,
) -> String {
    let n = capitalized(night);
    let mut parts: Vec<String> = Vec::new();
    let de = lang == Lang::De;
    let fr = lang == Lang::Fr;
    if let Some(s) = fall_asleep {
        let t = duration(lang, s);
        parts.push(match lang {
            Lang::De => format!("bist in {t} eingeschlafen"),
            Lang::Fr => format!("vous vous êtes endormi en {t}"),
            _ => format!("you fell asleep in {t}"),
        });
    }
    if let Some(w) = wakeups {
        let you = if parts.is_empty() { "you " } else { "" };
        parts.push(match (lang, w) {
            (Lang::De, 0) => "bist nicht aufgewacht".into(),
            (Lang::De, w) => format!("bist {} aufgewacht", times(lang, w)),
            (Lang::Fr, 0) => "vous ne vous êtes pas réveillé".into(),
            (Lang::Fr, w) => format!("vous vous êtes réveillé {}", times(lang, w)),
            (_, 0) => format!("{you}didn't wake up"),
            (_, w) => format!("{you}woke up {}", times(lang, w)),
        });
    }
    if let Some(s) = score {
        parts.push(match lang {
            Lang::De => format!("dein Schlafwert lag bei {s}"),
            Lang::Fr => format!("votre score de sommeil était de {s}"),
            _ => format!("your sleep score was {s}"),
        });
    }
    let and = if de {
        "und"
    } else if fr {
        "et"
    } else {
        "and"
    };
    let body = match parts.as_slice() {
        [] => return String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}, {and} {last}", init.join(", ")),
    };
    match lang {
        Lang::De if body.starts_with("dein") => {
            format!(
                "{n} {}.",
                body.replacen("dein Schlafwert lag", "lag dein Schlafwert", 1)
            )
        }
        Lang::De => format!("{n} {}.", body.replacen("bist", "bist du", 1)),
        Lang::Fr => format!("{n}, {body}."),
        _ => format!("{n} {body}."),
    }
}

/// The average of a detail over a period's nights.
pub fn detail_average(lang: Lang, span: &str, d: SleepDetail, avg: f64, nights: usize) -> String {
    use SleepDetail::*;
    let value = match d {
        FallAsleep | Rem | Light | Deep => duration(lang, avg.round() as i64),
        Wakeups => decimal(lang, avg),
        Score => (avg.round() as i64).to_string(),
        HeartRate => bpm(lang, avg.round() as i64).replace("Schlägen", "Schläge"),
    };
    let label = match (lang, d) {
        (Lang::De, FallAsleep) => "Einschlafzeit",
        (Lang::De, Rem) => "REM-Schlaf",
        (Lang::De, Light) => "Leichtschlaf",
        (Lang::De, Deep) => "Tiefschlaf",
        (Lang::De, Wakeups) => "Aufwachphasen",
        (Lang::De, Score) => "Schlafwert",
        (Lang::De, HeartRate) => "Puls im Schlaf",
        (Lang::Fr, FallAsleep) => "temps d'endormissement",
        (Lang::Fr, Rem) => "sommeil paradoxal",
        (Lang::Fr, Light) => "sommeil léger",
        (Lang::Fr, Deep) => "sommeil profond",
        (Lang::Fr, Wakeups) => "réveils",
        (Lang::Fr, Score) => "score de sommeil",
        (Lang::Fr, HeartRate) => "pouls pendant le sommeil",
        (_, FallAsleep) => "time to fall asleep",
        (_, Rem) => "REM sleep",
        (_, Light) => "light sleep",
        (_, Deep) => "deep sleep",
        (_, Wakeups) => "wake-ups",
        (_, Score) => "sleep score",
        (_, HeartRate) => "heart rate during sleep",
    };
    match lang {
        Lang::De => format!("{span}: {label} im Schnitt {value}, über {nights} Nächte."),
        Lang::Fr => format!("{span}, {label} en moyenne : {value}, sur {nights} nuits."),
        _ => format!("{span} your average {label} was {value}, over {nights} nights."),
    }
}
