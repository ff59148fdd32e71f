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
        (_, 1) => "once".into(),
        (_, 2) => "twice".into(),
        (_, n) => format!("{n} times"),
    }
}

/// A clock time as said in each locale: "6:40 AM", "6:40 am", "6:40 Uhr".
pub fn clock_time(lang: Lang, t: NaiveTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    match lang {
        Lang::De => format!("{h}:{m:02} Uhr"),
        _ => {
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            let half = match (lang, h < 12) {
                (Lang::EnUs, true) => "AM",
                (Lang::EnUs, false) => "PM",
                (_, true) => "am",
                (_, false) => "pm",
            };
            format!("{h12}:{m:02} {half}")
        }
    }
}

/// A percentage of a goal, rounded, but never 100 before the goal is reached.
pub fn goal_percent(value: i64, goal: i64) -> i64 {
    let pct = (value * 200 + goal) / (2 * goal);
    if value < goal { pct.min(99) } else { pct }
}

pub(super) fn capitalized(s: &str) -> String {
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
