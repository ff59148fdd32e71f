//! Sentences about sleep.

use super::Lang;
use super::dates::{night_name, period};
use super::words::{duration, rough_duration, times};
use crate::alexa::date::Period;
use chrono::NaiveDate;

/// The opening of an answer about the most recent night when it is not last
/// night: "Your latest night, Tuesday night," (then "you slept …").
pub fn latest_night_lead(lang: Lang, wake_day: NaiveDate, today: NaiveDate, stale: bool) -> String {
    let name = night_name(lang, wake_day, today);
    match (lang, stale) {
        (Lang::De, _) => format!("In deiner letzten erfassten Nacht, {},", dative(&name)),
        (Lang::Fr, _) => format!("Lors de votre dernière nuit enregistrée, {name}"),
        (_, false) => format!("Your latest night, {name},"),
        (_, true) => format!("Your latest night on record, {name},"),
    }
}

/// "die Nacht auf …" as an apposition to "in deiner letzten erfassten Nacht".
fn dative(night: &str) -> String {
    night.replacen("die ", "der ", 1)
}

/// One night: total sleep plus one detail (deep sleep, else wake-ups).
pub fn sleep_night(
    lang: Lang,
    when: &str,
    asleep: i64,
    deep: Option<i64>,
    wakeups: Option<i64>,
) -> String {
    let total = duration(lang, asleep);
    match (lang, deep.filter(|d| *d >= 60), wakeups) {
        (Lang::De, Some(d), _) => format!(
            "{when} hast du {total} geschlafen, davon {} Tiefschlaf.",
            duration(lang, d)
        ),
        (Lang::De, None, Some(0)) => format!("{when} hast du {total} durchgeschlafen."),
        (Lang::De, None, Some(w)) => {
            format!(
                "{when} hast du {total} geschlafen und bist {} aufgewacht.",
                times(lang, w)
            )
        }
        (Lang::De, None, None) => format!("{when} hast du {total} geschlafen."),
        (Lang::Fr, Some(d), _) => format!(
            "{when}, vous avez dormi {total}, dont {} de sommeil profond.",
            duration(lang, d)
        ),
        (Lang::Fr, None, Some(0)) => {
            format!("{when}, vous avez dormi {total} sans vous réveiller.")
        }
        (Lang::Fr, None, Some(w)) => format!(
            "{when}, vous avez dormi {total} et vous êtes réveillé {}.",
            times(lang, w)
        ),
        (Lang::Fr, None, None) => format!("{when}, vous avez dormi {total}."),
        (_, Some(d), _) => format!(
            "{when} you slept {total}, with {} of deep sleep.",
            duration(lang, d)
        ),
        (_, None, Some(0)) => format!("{when} you slept {total} without waking up."),
        (_, None, Some(w)) => format!("{when} you slept {total} and woke up {}.", times(lang, w)),
        (_, None, None) => format!("{when} you slept {total}."),
    }
}

/// Several nights: the average and how many nights it covers.
/// When not every night could be read in time, it says what it is based on.
pub fn sleep_average(
    lang: Lang,
    p: &Period,
    today: NaiveDate,
    avg: i64,
    nights: usize,
    complete: bool,
) -> String {
    let span = period(lang, p.kind, p.first, p.last, today);
    let avg = rough_duration(lang, avg);
    if !complete {
        return match lang {
            Lang::De => format!(
                "{span} hast du im Schnitt {avg} pro Nacht geschlafen, über die {nights} Nächte, die ich abrufen konnte."
            ),
            Lang::Fr => format!(
                "{span}, vous avez dormi en moyenne {avg} par nuit, sur les {nights} nuits que j'ai pu récupérer."
            ),
            _ => format!(
                "{span} you averaged {avg} of sleep over the {nights} nights I could fetch."
            ),
        };
    }
    match lang {
        Lang::De => {
            format!("{span} hast du im Schnitt {avg} pro Nacht geschlafen, über {nights} Nächte.")
        }
        Lang::Fr => {
            format!("{span}, vous avez dormi en moyenne {avg} par nuit, sur {nights} nuits.")
        }
        _ => format!("{span} you averaged {avg} of sleep over {nights} nights."),
    }
}

/// A period with a single night in it: that night, named, to the minute.
pub fn sleep_only_night(
    lang: Lang,
    p: &Period,
    today: NaiveDate,
    wake_day: NaiveDate,
    asleep: i64,
) -> String {
    let span = period(lang, p.kind, p.first, p.last, today);
    let night = night_name(lang, wake_day, today);
    let total = duration(lang, asleep);
    match lang {
        Lang::De => {
            format!("{span} habe ich eine Nacht, {night}: Du hast {total} geschlafen.")
        }
        Lang::Fr => format!("{span}, j'ai une seule nuit, {night} : vous avez dormi {total}."),
        _ => format!("{span} I have one night, {night}: you slept {total}."),
    }
}
