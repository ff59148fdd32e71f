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
    if lang == Lang::Fr {
        return fr_steps_day(day, today, steps, goal, synced);
    }
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

fn fr_steps_day(
    day: NaiveDate,
    today: NaiveDate,
    steps: i64,
    goal: Option<i64>,
    synced: Option<NaiveTime>,
) -> String {
    let lang = Lang::Fr;
    if day != today {
        let when = capitalized(&on_day(lang, day, today));
        return format!("{when}, vous avez fait {steps} pas.");
    }
    let head = match synced {
        Some(t) => format!(
            "À votre dernière synchronisation, à {}, vous aviez fait {steps} pas aujourd'hui",
            clock_time(lang, t)
        ),
        None => format!("Aujourd'hui, vous avez fait {steps} pas jusqu'ici"),
    };
    match goal.filter(|g| *g > 0) {
        Some(g) if steps >= g => format!("{head}, au-delà de votre objectif de {g}."),
        Some(g) => format!(
            "{head}, soit {} pour cent de votre objectif de {g} pas.",
            goal_percent(steps, g)
        ),
        None => format!("{head}."),
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
    if lang == Lang::Fr {
        return fr_steps_period(&span, today, full_days, so_far_today);
    }
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

fn fr_steps_period(
    span: &str,
    today: NaiveDate,
    full_days: &[(NaiveDate, i64)],
    so_far_today: Option<i64>,
) -> String {
    let tail = so_far_today
        .map(|s| format!(", et {s} aujourd'hui jusqu'ici"))
        .unwrap_or_default();
    match (full_days, so_far_today) {
        ([], Some(s)) => format!("{span}, vous avez fait {s} pas jusqu'ici."),
        ([], None) => String::new(),
        ([(day, steps)], _) => format!(
            "{span}, vous avez fait {steps} pas {}{tail}.",
            on_day(Lang::Fr, *day, today)
        ),
        (many, _) => {
            let n = many.len();
            let avg = round_steps(many.iter().map(|(_, s)| s).sum::<i64>() / n as i64);
            format!("{span}, vous avez fait en moyenne {avg} pas par jour, sur {n} jours{tail}.")
        }
    }
}

/// Today's steps for the summary, said roughly: "So far today you've taken a
/// little over 3 thousand steps."
pub fn steps_summary(lang: Lang, steps: i64) -> String {
    let n = super::words::rough_count(lang, steps);
    match lang {
        Lang::De => format!("Heute bist du bisher {n} Schritte gegangen."),
        Lang::Fr => format!("Aujourd'hui, vous avez fait {n} pas jusqu'ici."),
        _ => format!("So far today you've taken {n} steps."),
    }
}
