//! Numbers and durations as a person says them.

use super::Lang;
use chrono::{NaiveTime, Timelike};

/// Whole minutes, spoken: "7 hours 12 minutes", "1 hour", "45 minutes".
pub fn duration(lang: Lang, seconds: i64) -> String {
    let minutes = (seconds.max(0) + 30) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    let unit = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (hours, mins) = match lang {
        Lang::De => (unit(h, "Stunde", "Stunden"), unit(m, "Minute", "Minuten")),
        Lang::Fr => (unit(h, "heure", "heures"), unit(m, "minute", "minutes")),
        _ => (unit(h, "hour", "hours"), unit(m, "minute", "minutes")),
    };
    match (h, m) {
        (0, _) => mins,
        (_, 0) => hours,
        _ => format!("{hours} {mins}"),
    }
}

/// Like `duration`, rounded to 5 minutes once past an hour (for averages).
pub fn rough_duration(lang: Lang, seconds: i64) -> String {
    if seconds >= 3600 {
        duration(lang, ((seconds + 150) / 300) * 300)
    } else {
        duration(lang, seconds)
    }
}

pub(super) fn times(lang: Lang, n: i64) -> String {
    match (lang, n) {
        (Lang::De, 1) => "einmal".into(),
        (Lang::De, 2) => "zweimal".into(),
        (Lang::De, n) => format!("{n} Mal"),
        (Lang::Fr, 1) => "une fois".into(),
        (Lang::Fr, n) => format!("{n} fois"),
        (_, 1) => "once".into(),
        (_, 2) => "twice".into(),
        (_, n) => format!("{n} times"),
    }
}

/// A clock time as said in each locale: "6:40 AM", "6:40 am", "6:40 Uhr", "6 h 40".
pub fn clock_time(lang: Lang, t: NaiveTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    match lang {
        Lang::De => format!("{h}:{m:02} Uhr"),
        Lang::Fr => format!("{h} h {m:02}"),
        _ => {
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            let half = match (lang, h < 12) {
                (Lang::EnUs | Lang::EnCa, true) => "AM",
                (Lang::EnUs | Lang::EnCa, false) => "PM",
                (_, true) => "am",
                (_, false) => "pm",
            };
            format!("{h12}:{m:02} {half}")
        }
    }
}

/// A number with at most one decimal, the decimal dropped when it is zero,
/// with the locale's separator: "81", "3.2", "3,2".
pub fn decimal(lang: Lang, value: f64) -> String {
    if !value.is_finite() {
        return "0".into();
    }
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.abs();
    if t % 10 == 0 {
        format!("{sign}{}", t / 10)
    } else if lang.decimal_comma() {
        format!("{sign}{},{}", t / 10, t % 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

/// A large count said roughly, the way people do: "a little over 9 thousand",
/// "about 9 and a half thousand", "almost 10 thousand"; under 1000 stays exact.
pub fn rough_count(lang: Lang, n: i64) -> String {
    if n < 1000 {
        return n.to_string();
    }
    let (k, rest) = (n / 1000, n % 1000);
    let next = k + 1;
    // "a little over a thousand", "un peu plus de mille".
    if k == 1 && lang.is_english() && (50..=299).contains(&rest) {
        return "a little over a thousand".into();
    }
    if k == 1 && lang == Lang::Fr && (50..=299).contains(&rest) {
        return "un peu plus de mille".into();
    }
    match (lang, rest) {
        (Lang::De, 0..=49) => format!("{k}.000"),
        (Lang::De, 50..=299) => format!("etwas über {k}.000"),
        (Lang::De, 300..=699) => format!("etwa {k}.500"),
        (Lang::De, _) => format!("fast {next}.000"),
        (Lang::Fr, 0..=49) => format!("{k} mille"),
        (Lang::Fr, 50..=299) => format!("un peu plus de {k} mille"),
        (Lang::Fr, 300..=699) => format!("environ {k} mille 500"),
        (Lang::Fr, _) => format!("presque {next} mille"),
        (_, 0..=49) => format!("{k} thousand"),
        (_, 50..=299) => format!("a little over {k} thousand"),
        (_, 300..=699) => format!("about {k} and a half thousand"),
        (_, _) => format!("almost {next} thousand"),
    }
}

/// A percentage of a goal, rounded, but never 100 before the goal is reached.
pub fn goal_percent(value: i64, goal: i64) -> i64 {
    let pct = (value * 200 + goal) / (2 * goal);
    if value < goal { pct.min(99) } else { pct }
}

pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub(super) fn lowercased_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}
