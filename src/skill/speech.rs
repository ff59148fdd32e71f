//! What the skill says, per locale. Spoken answers are the UI: short, the right
//! day, numbers rounded the way a person says them.

use crate::alexa::date::{Period, PeriodKind};
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

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

fn month(lang: Lang, m: u32) -> &'static str {
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

/// The opening of an answer about the most recent night when it is not last
/// night: "Your latest night, Tuesday night," (then "you slept …").
pub fn latest_night_lead(lang: Lang, wake_day: NaiveDate, today: NaiveDate, stale: bool) -> String {
    let name = night_name(lang, wake_day, today);
    match (lang, stale) {
        (Lang::De, _) => format!("In deiner letzten erfassten Nacht, {},", dative(&name)),
        (_, false) => format!("Your latest night, {name},"),
        (_, true) => format!("Your latest night on record, {name},"),
    }
}

/// "die Nacht auf …" as an apposition to "in deiner letzten erfassten Nacht".
fn dative(night: &str) -> String {
    night.replacen("die ", "der ", 1)
}

fn times(lang: Lang, n: i64) -> String {
    match (lang, n) {
        (Lang::De, 1) => "einmal".into(),
        (Lang::De, 2) => "zweimal".into(),
        (Lang::De, n) => format!("{n} Mal"),
        (_, 1) => "once".into(),
        (_, 2) => "twice".into(),
        (_, n) => format!("{n} times"),
    }
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
pub fn sleep_average(lang: Lang, p: &Period, today: NaiveDate, avg: i64, nights: usize) -> String {
    let span = period(lang, p.kind, p.first, p.last, today);
    let avg = rough_duration(lang, avg);
    match lang {
        Lang::De => {
            format!("{span} hast du im Schnitt {avg} pro Nacht geschlafen, über {nights} Nächte.")
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
        _ => format!("{span} I have one night, {night}: you slept {total}."),
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

/// A weight as spoken: pounds for en-US, kilograms elsewhere; one decimal,
/// dropped when it is zero ("81 kilograms", "178.6 pounds", "81,4 Kilogramm").
pub fn weight(lang: Lang, kg: f64) -> String {
    let (value, unit) = match lang {
        Lang::EnUs => (kg * 2.204_622_621_8, "pounds"),
        Lang::EnGb => (kg, "kilograms"),
        Lang::De => (kg, "Kilogramm"),
    };
    let tenths = (value * 10.0).round() as i64;
    let mut n = if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    };
    if lang == Lang::De {
        n = n.replace('.', ",");
    }
    format!("{n} {unit}")
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

/// "You weighed 178.6 pounds this morning."
pub fn weighed(lang: Lang, kg: f64, when: &str) -> String {
    let w = weight(lang, kg);
    match lang {
        Lang::De => format!("Du hast {when} {w} gewogen."),
        _ => format!("You weighed {w} {when}."),
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

/// "yesterday", "on Saturday", "on Monday, November 2": a past day, relative to today.
fn on_day(lang: Lang, day: NaiveDate, today: NaiveDate) -> String {
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

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn lowercased_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

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

/// Fixed phrases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phrase {
    Welcome,
    WelcomeReprompt,
    Help,
    Goodbye,
    Fallback,
    AnythingElse,
    LinkAccount,
    NoSleepData,
    NoSleepInPeriod,
    DateNotUnderstood,
    DateInFuture,
    WithingsBusy,
    WithingsUnavailable,
    StoreUnavailable,
    BadRequest,
    CardTitleSleep,
    CardTitleWeight,
    CardTitleSteps,
    NoRecentWeight,
    NoWeightThen,
    NoStepsThen,
    AmbiguousWeight,
    NoRecentSleep,
    NoSleepThatNight,
    SyncForNewerNights,
    NoStepsThatTime,
    NoStepsTodayYet,
}

pub fn phrase(lang: Lang, p: Phrase) -> &'static str {
    use Phrase::*;
    match lang {
        Lang::De => match p {
            Welcome => {
                "Willkommen bei Withings. Du kannst fragen, wie du geschlafen hast, was du wiegst oder wie viele Schritte du gegangen bist. Was möchtest du wissen?"
            }
            WelcomeReprompt => "Frag zum Beispiel: Wie habe ich letzte Nacht geschlafen?",
            Help => {
                "Ich lese dir deine Withings-Daten vor. Frag zum Beispiel: Wie habe ich letzte Nacht geschlafen? Was wiege ich? Oder: Wie viele Schritte bin ich gestern gegangen? Was möchtest du wissen?"
            }
            Goodbye => "Bis bald.",
            Fallback => {
                "Das kann ich leider noch nicht. Du kannst nach deinem Schlaf, deinem Gewicht oder deinen Schritten fragen. Was möchtest du wissen?"
            }
            AnythingElse => "Möchtest du noch etwas wissen?",
            LinkAccount => {
                "Um deine Withings-Daten zu hören, verknüpfe bitte dein Withings-Konto in der Alexa-App. Ich habe dir dort eine Karte geschickt."
            }
            NoSleepData => {
                "Für diese Nacht habe ich keine Schlafdaten gefunden. Öffne die Withings-App, damit dein Gerät synchronisiert, und frag mich dann noch einmal."
            }
            NoSleepInPeriod => "Für diesen Zeitraum habe ich keine Schlafdaten gefunden.",
            DateNotUnderstood => {
                "Welchen Tag meinst du? Du kannst zum Beispiel letzte Nacht oder Montag sagen."
            }
            DateInFuture => {
                "Dieser Tag liegt noch in der Zukunft. Frag mich nach einer vergangenen Nacht."
            }
            WithingsBusy => {
                "Withings ist gerade ausgelastet. Bitte versuch es in ein paar Minuten noch einmal."
            }
            WithingsUnavailable => {
                "Ich konnte Withings gerade nicht erreichen. Bitte versuch es gleich noch einmal."
            }
            StoreUnavailable => {
                "Ich kann dein Konto gerade nicht nachschlagen. Bitte versuch es gleich noch einmal."
            }
            BadRequest => "Entschuldigung, diese Anfrage habe ich nicht verstanden.",
            CardTitleSleep => "Schlaf",
            CardTitleWeight => "Gewicht",
            CardTitleSteps => "Schritte",
            NoRecentWeight => {
                "In den letzten drei Monaten habe ich keine Wiegung gefunden. Stell dich auf deine Withings-Waage und frag mich dann noch einmal."
            }
            NoWeightThen => "Für diese Zeit habe ich keine Wiegung gefunden.",
            NoStepsThen => {
                "Für diese Zeit habe ich keine Schritte gefunden. Öffne die Withings-App, damit dein Tracker synchronisiert, und frag mich dann noch einmal."
            }
            AmbiguousWeight => "Deine Waage war nicht sicher, ob du das warst.",
            NoRecentSleep => {
                "In der letzten Woche habe ich keine Schlafdaten gefunden. Öffne die Withings-App, damit dein Gerät synchronisiert, und frag mich dann noch einmal."
            }
            NoSleepThatNight => "Für diese Nacht habe ich keine Schlafdaten gefunden.",
            SyncForNewerNights => {
                "Für neuere Nächte öffne die Withings-App, damit dein Gerät synchronisiert."
            }
            NoStepsThatTime => "Für diese Zeit habe ich keine Schritte gefunden.",
            NoStepsTodayYet => {
                "Für heute habe ich noch keine Schritte. Öffne die Withings-App, damit dein Tracker synchronisiert."
            }
        },
        _ => match p {
            Welcome => {
                "Welcome to Withings. You can ask how you slept, what you weigh, or how many steps you've taken. What would you like to know?"
            }
            WelcomeReprompt => "You can ask, how did I sleep last night?",
            Help => {
                "I read you your Withings data. Try asking, how did I sleep last night? What's my weight? Or, how many steps did I take yesterday? What would you like to know?"
            }
            Goodbye => "Goodbye.",
            Fallback => {
                "Sorry, I can't help with that yet. You can ask about your sleep, your weight or your steps. What would you like to know?"
            }
            AnythingElse => "Anything else?",
            LinkAccount => {
                "To hear your Withings data, please link your Withings account in the Alexa app. I've sent a card there to help."
            }
            NoSleepData => {
                "I couldn't find any sleep for that night. Open the Withings app so your device can sync, then ask me again."
            }
            NoSleepInPeriod => "I couldn't find any sleep for that time.",
            DateNotUnderstood => {
                "Which day do you mean? You can say last night, or a day like Monday."
            }
            DateInFuture => "That night hasn't happened yet. Ask me about a night that's past.",
            WithingsBusy => "Withings is busy right now. Please try again in a few minutes.",
            WithingsUnavailable => {
                "Sorry, I couldn't reach Withings just now. Please try again in a moment."
            }
            StoreUnavailable => {
                "Sorry, I'm having trouble finding your account right now. Please try again in a moment."
            }
            BadRequest => "Sorry, I didn't understand that request.",
            CardTitleSleep => "Sleep",
            CardTitleWeight => "Weight",
            CardTitleSteps => "Steps",
            NoRecentWeight => {
                "I couldn't find a weigh-in in the last three months. Step on your Withings scale, then ask me again."
            }
            NoWeightThen => "I couldn't find a weigh-in for that time.",
            NoStepsThen => {
                "I couldn't find any steps for that time. Open the Withings app so your tracker can sync, then ask me again."
            }
            AmbiguousWeight => "Your scale wasn't sure that was you, so it may be someone else's.",
            NoRecentSleep => {
                "I couldn't find any sleep in the past week. Open the Withings app so your device can sync, then ask me again."
            }
            NoSleepThatNight => "I couldn't find any sleep for that night.",
            SyncForNewerNights => {
                "For newer nights, open the Withings app so your device can sync."
            }
            NoStepsThatTime => "I couldn't find any steps for that time.",
            NoStepsTodayYet => {
                "I don't have today's steps yet; open the Withings app so your tracker can sync."
            }
        },
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
