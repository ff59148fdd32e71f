//! Days, nights and periods named relative to the user's today.

use super::Lang;
use super::words::capitalized;
use crate::alexa::date::{PeriodKind, Season};
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
        Lang::Fr => [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
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
        Lang::Fr => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
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

/// "Monday, November 23" / "Monday 23 November" / "Montag, 23. November" /
/// "lundi 23 novembre".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let (wd, mo, day) = (weekday(lang, d.weekday()), month(lang, d.month()), d.day());
    match lang {
        Lang::De => format!("{wd}, {day}. {mo}"),
        Lang::Fr => format!("{wd} {} {mo}", fr_day(day)),
        _ if lang.day_first() => format!("{wd} {day} {mo}"),
        _ => format!("{wd}, {mo} {day}"),
    }
}

/// French ordinal for the first of the month ("1er novembre").
fn fr_day(day: u32) -> String {
    if day == 1 {
        "1er".into()
    } else {
        day.to_string()
    }
}

/// "la nuit de lundi à mardi", or with dates when it is more than a week back.
fn fr_night(eve: NaiveDate, wake: NaiveDate, today: NaiveDate) -> String {
    let l = Lang::Fr;
    if (today - wake).num_days() <= 6 {
        format!(
            "la nuit de {} à {}",
            weekday(l, eve.weekday()),
            weekday(l, wake.weekday())
        )
    } else if eve.month() == wake.month() {
        format!(
            "la nuit du {} {} au {}",
            weekday(l, eve.weekday()),
            fr_day(eve.day()),
            date(l, wake)
        )
    } else {
        format!("la nuit du {} au {}", date(l, eve), date(l, wake))
    }
}

/// How to name the night that ended on `wake_day`, seen from `today`. English
/// names the evening it began ("Sunday night") so there is no doubt which night.
pub fn night(lang: Lang, wake_day: NaiveDate, today: NaiveDate) -> String {
    let eve = wake_day.pred_opt().unwrap_or(wake_day);
    match ((today - wake_day).num_days(), lang) {
        (0, Lang::De) => "Letzte Nacht".into(),
        (0, Lang::Fr) => "La nuit dernière".into(),
        (0, _) => "Last night".into(),
        (1, Lang::De) => "Vorletzte Nacht".into(),
        (1, _) if lang.is_english() => "The night before last".into(),
        (2..=6, Lang::De) => format!("In der Nacht auf {}", weekday(lang, wake_day.weekday())),
        (_, Lang::Fr) => capitalized(&fr_night(eve, wake_day, today)),
        (2..=6, _) => format!("{} night", weekday(lang, eve.weekday())),
        (_, Lang::De) => format!("In der Nacht auf {}", date(lang, wake_day)),
        (_, _) => format!("On the night of {}", date(lang, eve)),
    }
}

/// A night named by its evening in English ("Tuesday night", "the night of
/// Tuesday, November 17"), by its morning in German ("die Nacht auf Mittwoch"),
/// by both in French ("la nuit de mardi à mercredi").
pub fn night_name(lang: Lang, wake_day: NaiveDate, today: NaiveDate) -> String {
    let eve = wake_day.pred_opt().unwrap_or(wake_day);
    match ((today - wake_day).num_days(), lang) {
        (0, Lang::De) => "die letzte Nacht".into(),
        (0, Lang::Fr) => "la nuit dernière".into(),
        (0, _) => "last night".into(),
        (_, Lang::Fr) => fr_night(eve, wake_day, today),
        (1..=6, Lang::De) => format!("die Nacht auf {}", weekday(lang, wake_day.weekday())),
        (1..=6, _) => format!("{} night", weekday(lang, eve.weekday())),
        (_, Lang::De) => format!("die Nacht auf {}", date(lang, wake_day)),
        (_, _) => format!("the night of {}", date(lang, eve)),
    }
}

fn season_name(lang: Lang, s: Season) -> &'static str {
    match (lang, s) {
        (Lang::De, Season::Winter) => "Winter",
        (Lang::De, Season::Spring) => "Frühling",
        (Lang::De, Season::Summer) => "Sommer",
        (Lang::De, Season::Fall) => "Herbst",
        (Lang::Fr, Season::Winter) => "hiver",
        (Lang::Fr, Season::Spring) => "printemps",
        (Lang::Fr, Season::Summer) => "été",
        (Lang::Fr, Season::Fall) => "automne",
        (_, Season::Winter) => "winter",
        (_, Season::Spring) => "spring",
        (_, Season::Summer) => "summer",
        (Lang::EnUs | Lang::EnCa, Season::Fall) => "fall",
        (_, Season::Fall) => "autumn",
    }
}

/// How a period is named. `last` is the period's last day already clipped to
/// today, so a period that reaches today is the current one ("this weekend"),
/// whatever day of it today is; a finished one is named whole ("In 2025").
pub fn period(
    lang: Lang,
    kind: PeriodKind,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> String {
    let current = first <= today && last >= today;
    let days_back = (today - first).num_days();
    let pick = |en: &str, de: &str, fr: &str| -> String {
        match lang {
            Lang::De => de.into(),
            Lang::Fr => fr.into(),
            _ => en.into(),
        }
    };
    let d = date(lang, first);
    let (mo, y) = (month(lang, first.month()), first.year());
    match kind {
        PeriodKind::Week if current => pick("This week", "Diese Woche", "Cette semaine"),
        PeriodKind::Week if days_back < 14 => {
            pick("Last week", "Letzte Woche", "La semaine dernière")
        }
        PeriodKind::Week => pick(
            &format!("In the week of {d}"),
            &format!("In der Woche ab {d}"),
            &format!("La semaine du {d}"),
        ),
        PeriodKind::Weekend if current => pick("This weekend", "Dieses Wochenende", "Ce week-end"),
        PeriodKind::Weekend if first == last_weekend(today) => pick(
            "Last weekend",
            "Am letzten Wochenende",
            "Le week-end dernier",
        ),
        PeriodKind::Weekend => pick(
            &format!("Over the weekend of {d}"),
            &format!("Am Wochenende ab {d}"),
            &format!("Le week-end du {d}"),
        ),
        PeriodKind::Month if current => pick("This month", "Diesen Monat", "Ce mois-ci"),
        PeriodKind::Month => pick(
            &format!("In {mo} {y}"),
            &format!("Im {mo} {y}"),
            &format!("En {mo} {y}"),
        ),
        PeriodKind::Year if current => pick("This year", "Dieses Jahr", "Cette année"),
        PeriodKind::Year => pick(
            &format!("In {y}"),
            &format!("Im Jahr {y}"),
            &format!("En {y}"),
        ),
        PeriodKind::Season(s) => {
            let name = season_name(lang, s);
            let fr_prep = match s {
                Season::Spring => "Au",
                Season::Winter => "À l'",
                _ => "En",
            };
            let fr_this = match s {
                Season::Spring => "Ce",
                _ => "Cet",
            };
            if current {
                pick(
                    &format!("This {name}"),
                    &format!("Diesen {name}"),
                    &format!("{fr_this} {name}"),
                )
            } else {
                let sep = if s == Season::Winter { "" } else { " " };
                pick(
                    &format!("In the {name} of {y}"),
                    &format!("Im {name} {y}"),
                    &format!("{fr_prep}{sep}{name} {y}"),
                )
            }
        }
        PeriodKind::Decade if current => {
            pick("This decade", "In diesem Jahrzehnt", "Cette décennie")
        }
        PeriodKind::Decade => pick(
            &format!("In the {y}s"),
            &format!("In den {y}er-Jahren"),
            &format!("Dans les années {y}"),
        ),
        PeriodKind::Day => pick(
            &format!("Since {d}"),
            &format!("Seit {d}"),
            &format!("Depuis le {d}"),
        ),
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
        (0, Lang::Fr) => ["ce matin", "cet après-midi", "ce soir"][part].into(),
        (1, Lang::Fr) => "hier".into(),
        (2..=6, Lang::Fr) => weekday(lang, day.weekday()).into(),
        (_, Lang::Fr) => format!("le {} {}", fr_day(day.day()), month(lang, day.month())),
        (0, _) => ["this morning", "this afternoon", "this evening"][part].into(),
        (1, Lang::De) => "gestern".into(),
        (1, _) => "yesterday".into(),
        (2..=6, Lang::De) => format!("am {}", weekday(lang, day.weekday())),
        (2..=6, _) => format!("on {}", weekday(lang, day.weekday())),
        (_, Lang::De) => format!("am {}. {}", day.day(), month(lang, day.month())),
        (_, _) if lang.day_first() => format!("on {} {}", day.day(), month(lang, day.month())),
        (_, _) => format!("on {} {}", month(lang, day.month()), day.day()),
    }
}

/// "yesterday", "on Saturday", "on Monday, November 2": a past day, relative to today.
pub fn on_day(lang: Lang, day: NaiveDate, today: NaiveDate) -> String {
    match ((today - day).num_days(), lang) {
        (0, Lang::De) => "heute".into(),
        (0, Lang::Fr) => "aujourd'hui".into(),
        (1, Lang::Fr) => "hier".into(),
        (2..=6, Lang::Fr) => weekday(lang, day.weekday()).into(),
        (_, Lang::Fr) => format!("le {}", date(lang, day)),
        (0, _) => "today".into(),
        (1, Lang::De) => "gestern".into(),
        (1, _) => "yesterday".into(),
        (2..=6, Lang::De) => format!("am {}", weekday(lang, day.weekday())),
        (2..=6, _) => format!("on {}", weekday(lang, day.weekday())),
        (_, Lang::De) => format!("am {}", date(lang, day)),
        (_, _) => format!("on {}", date(lang, day)),
    }
}
