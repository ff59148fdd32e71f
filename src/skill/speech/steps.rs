//! Sentences about steps.

use super::Lang;
use super::dates::{on_day, period};
use super::words::{capitalized, clock_time, goal_percent, lowercased_first};
use crate::alexa::date::Period;
use chrono::{NaiveDate, NaiveTime};

/// Steps on one day, with progress towards the goal when today is asked about.
/// `synced` is the time of the last sync when it is worth saying (today only).
pub fn steps_day(
    lang: Lang,
    day: NaiveDate,
    today: NaiveDate,
    steps: i64,
    goal: Option<i64>,
    synced: Option<NaiveTime>,
) -> String {
    let de = lang == Lang::De;
    if day == today {
        let head = match (synced, de) {
            (Some(t), true) => {
                format!(
                    "Stand {} bist du heute {steps} Schritte gegangen",
                    clock_time(lang, t)
                )
            }
            (Some(t), false) => format!(
                "As of your last sync at {}, you've taken {steps} steps today",
                clock_time(lang, t)
            ),
            (None, true) => format!("Heute bist du bisher {steps} Schritte gegangen"),
            (None, false) => format!("So far today you've taken {steps} steps"),
        };
        return match goal.filter(|g| *g > 0) {
            Some(g) if steps >= g => {
                if de {
                    format!("{head} und hast dein Ziel von {g} Schritten erreicht.")
                } else {
                    format!("{head}, past your goal of {g}.")
                }
            }
            Some(g) => {
                let pct = goal_percent(steps, g);
                if de {
                    format!("{head}, {pct} Prozent deines Ziels von {g} Schritten.")
                } else {
                    format!("{head}, {pct} percent of your {g} step goal.")
                }
            }
            None => format!("{head}."),
        };
    }
    let when = capitalized(&on_day(lang, day, today));
    if de {
        format!("{when} bist du {steps} Schritte gegangen.")
    } else {
        format!("{when} you took {steps} steps.")
    }
}

/// Daily steps rounded to the nearest hundred above 1000.
fn round_steps(avg: i64) -> i64 {
    if avg >= 1000 {
        (avg + 50) / 100 * 100
    } else {
        avg
    }
}

/// Steps over a period: the finished days (averaged when there are several)
/// and, when the period reaches today, today's count so far, never counted as
/// a full day.
pub fn steps_period(
    lang: Lang,
    p: &Period,
    today: NaiveDate,
    full_days: &[(NaiveDate, i64)],
    so_far_today: Option<i64>,
) -> String {
    let span = period(lang, p.kind, p.first, p.last, today);
    let de = lang == Lang::De;
    let tail = match (so_far_today, de) {
        (Some(s), true) => format!(", dazu heute bisher {s}"),
        (Some(s), false) => format!(", and {s} so far today"),
        (None, _) => String::new(),
    };
    match (full_days, so_far_today) {
        ([], Some(s)) if de => format!("{span} bist du bisher {s} Schritte gegangen."),
        ([], Some(s)) => format!("So far {} you've taken {s} steps.", lowercased_first(&span)),
        ([], None) => String::new(),
        ([(day, steps)], _) if de => format!(
            "{span} bist du {} {steps} Schritte gegangen{tail}.",
            on_day(lang, *day, today)
        ),
        ([(day, steps)], _) => format!(
            "{span} you took {steps} steps {}{tail}.",
            on_day(lang, *day, today)
        ),
        (many, _) => {
            let n = many.len();
            let avg = round_steps(many.iter().map(|(_, s)| s).sum::<i64>() / n as i64);
            if de {
                format!(
                    "{span} bist du im Schnitt {avg} Schritte am Tag gegangen, über {n} Tage{tail}."
                )
            } else {
                format!("{span} you averaged {avg} steps a day over {n} days{tail}.")
            }
        }
    }
}
