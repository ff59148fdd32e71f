//! Days, nights and periods named relative to the user's today.

use super::Lang;
use crate::alexa::date::PeriodKind;
use chrono::{Datelike, NaiveDate, Timelike, Weekday};

pub fn weekday(lang: Lang, d: Weekday) -> &'static str {
    let i = d.num_days_from_monday() as usize;
    match lang {
        Lang::De => [
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
            "Sonntag",
        ][i],
        _ => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
    }
}

pub(super) fn month(lang: Lang, m: u32) -> &'static str {
    let i = (m as usize).saturating_sub(1).min(11);
    match lang {
        Lang::De => [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ][i],
        _ => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][i],
    }
}

/// "Monday, November 23" / "Monday 23 November" / "Montag, 23. November".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let (wd, mo, day) = (weekday(lang, d.weekday()), month(lang, d.month()), d.day());
    match lang {
        Lang::EnUs => format!("{wd}, {mo} {day}"),
        Lang::EnGb => format!("{wd} {day} {mo}"),
        Lang::De => format!("{wd}, {day}. {mo}"),
    }
}

/// How to name the night that ended on `wake_day`, seen from `today`. English
/// names the evening it began ("Sunday night") so there is no doubt which night.
pub fn night(lang: Lang, wake_day: NaiveDate, today: NaiveDate) -> String {
    let eve = wake_day.pred_opt().unwrap_or(wake_day);
    match ((today - wake_day).num_days(), lang) {
        (0, Lang::De) => "Letzte Nacht".into(),
        (0, _) => "Last night".into(),
        (1, Lang::De) => "Vorletzte Nacht".into(),
        (1, _) => "The night before last".into(),
        (2..=6, Lang::De) => format!("In der Nacht auf {}", weekday(lang, wake_day.weekday())),
        (2..=6, _) => format!("{} night", weekday(lang, eve.weekday())),
        (_, Lang::De) => format!("In der Nacht auf {}", date(lang, wake_day)),
        (_, _) => format!("On the night of {}", date(lang, eve)),
    }
}

/// A night named by its evening in English ("Tuesday night", "the night of
/// Tuesday, November 17") and by its morning in German ("die Nacht auf Mittwoch").
pub fn night_name(lang: Lang, wake_day: NaiveDate, today: NaiveDate) -> String {
    let eve = wake_day.pred_opt().unwrap_or(wake_day);
    match ((today - wake_day).num_days(), lang) {
        (0, Lang::De) => "die letzte Nacht".into(),
        (0, _) => "last night".into(),
        (1..=6, Lang::De) => format!("die Nacht auf {}", weekday(lang, wake_day.weekday())),
        (1..=6, _) => format!("{} night", weekday(lang, eve.weekday())),
        (_, Lang::De) => format!("die Nacht auf {}", date(lang, wake_day)),
        (_, _) => format!("the night of {}", date(lang, eve)),
    }
}

/// How a period is named. `last` is the period's last day already clipped to
/// today, so a period that reaches today is the current one ("this weekend"),
/// whatever day of it today is.
pub fn period(
    lang: Lang,
    kind: PeriodKind,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> String {
    let current = first <= today && last >= today;
    let days_back = (today - first).num_days();
    let de = lang == Lang::De;
    match kind {
        PeriodKind::Week if current => (if de { "Diese Woche" } else { "This week" }).into(),
        PeriodKind::Week if days_back < 14 => {
            (if de { "Letzte Woche" } else { "Last week" }).into()
        }
        PeriodKind::Week if de => format!("In der Woche ab {}", date(lang, first)),
        PeriodKind::Week => format!("In the week of {}", date(lang, first)),
        PeriodKind::Weekend if current => (if de {
            "Dieses Wochenende"
        } else {
            "This weekend"
        })
        .into(),
        PeriodKind::Weekend if first == last_weekend(today) => (if de {
            "Am letzten Wochenende"
        } else {
            "Last weekend"
        })
        .into(),
        PeriodKind::Weekend if de => format!("Am Wochenende ab {}", date(lang, first)),
        PeriodKind::Weekend => format!("Over the weekend of {}", date(lang, first)),
        PeriodKind::Month if current => (if de { "Diesen Monat" } else { "This month" }).into(),
        PeriodKind::Month if de => format!("Im {} {}", month(lang, first.month()), first.year()),
        PeriodKind::Month => format!("In {} {}", month(lang, first.month()), first.year()),
        PeriodKind::Year if current => (if de { "Dieses Jahr" } else { "This year" }).into(),
        PeriodKind::Year if de => format!("Im Jahr {}", first.year()),
        PeriodKind::Year => format!("In {}", first.year()),
        _ if de => format!("Seit {}", date(lang, first)),
        _ => format!("Since {}", date(lang, first)),
    }
}

/// The Saturday of the weekend before the current one (or before the most
/// recent one, on a weekday).
fn last_weekend(today: NaiveDate) -> NaiveDate {
    let since_saturday = (today.weekday().num_days_from_monday() + 2) % 7;
    let recent = today - chrono::Days::new(u64::from(since_saturday));
    if since_saturday <= 1 {
        recent - chrono::Days::new(7)
    } else {
        recent
    }
}

/// When a measurement was taken, relative to today: "this morning", "yesterday",
/// "on Monday", "on November 3".
pub fn when(lang: Lang, at: chrono::NaiveDateTime, today: NaiveDate) -> String {
    let day = at.date();
    let part = match at.hour() {
        0..=11 => 0,
        12..=17 => 1,
        _ => 2,
    };
    match ((today - day).num_days(), lang) {
        (0, Lang::De) => ["heute Morgen", "heute Nachmittag", "heute Abend"][part].into(),
        (0, _) => ["this morning", "this afternoon", "this evening"][part].into(),
        (1, Lang::De) => "gestern".into(),
        (1, _) => "yesterday".into(),
        (2..=6, Lang::De) => format!("am {}", weekday(lang, day.weekday())),
        (2..=6, _) => format!("on {}", weekday(lang, day.weekday())),
        (_, Lang::De) => format!("am {}. {}", day.day(), month(lang, day.month())),
        (_, Lang::EnGb) => format!("on {} {}", day.day(), month(lang, day.month())),
        (_, _) => format!("on {} {}", month(lang, day.month()), day.day()),
    }
}

/// "yesterday", "on Saturday", "on Monday, November 2": a past day, relative to today.
pub(super) fn on_day(lang: Lang, day: NaiveDate, today: NaiveDate) -> String {
    match ((today - day).num_days(), lang) {
        (0, Lang::De) => "heute".into(),
        (0, _) => "today".into(),
        (1, Lang::De) => "gestern".into(),
        (1, _) => "yesterday".into(),
        (2..=6, Lang::De) => format!("am {}", weekday(lang, day.weekday())),
        (2..=6, _) => format!("on {}", weekday(lang, day.weekday())),
        (_, Lang::De) => format!("am {}", date(lang, day)),
        (_, _) => format!("on {}", date(lang, day)),
    }
}
