//! "How did I sleep (last night | on <date> | this week)?"

use super::Answer;
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use crate::alexa::date::PeriodKind;
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use withings::{DayRange, SleepSeries, local_today};

/// The user's zone as the data states it (the latest night's).
pub fn zone_from_series(series: &[SleepSeries]) -> Option<Tz> {
    series
        .iter()
        .max_by_key(|s| s.enddate)
        .and_then(|s| s.timezone.as_deref())
        .and_then(|tz| tz.parse().ok())
}

/// How far back "last night" looks for the most recent night.
const LATEST_WINDOW_DAYS: u64 = 7;
/// A latest night that ended longer ago than this gets a nudge to sync.
const STALE_AFTER_SECS: i64 = 36 * 3600;

/// The local days to fetch: the week up to today for "last night" (the most
/// recent night may not be today's), else the asked period; a day wider each
/// side so that a zone learned only from the data still finds its nights.
pub fn fetch_range(query: DateQuery, today: NaiveDate, tz: Tz) -> Option<DayRange> {
    match query {
        DateQuery::Unspoken => Some(DayRange::new(window_start(today)?, today).widened()),
        DateQuery::Spoken(_) => query.fetch_range(today, tz),
    }
}

pub(super) fn window_start(today: NaiveDate) -> Option<NaiveDate> {
    today.checked_sub_days(Days::new(LATEST_WINDOW_DAYS - 1))
}

/// One night per wake-up day within `first..=last` (the longest sleep: naps
/// and second devices aside), oldest first, with its time asleep.
pub(super) fn nights_between(
    series: &[SleepSeries],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(&SleepSeries, i64)> {
    let mut nights: Vec<(&SleepSeries, i64)> = Vec::new();
    for s in series.iter().filter(|s| s.date >= first && s.date <= last) {
        let Some(asleep) = s.data.sleep_seconds() else {
            continue;
        };
        match nights.iter_mut().find(|(n, _)| n.date == s.date) {
            Some(slot) if slot.1 < asleep => *slot = (s, asleep),
            Some(_) => {}
            None => nights.push((s, asleep)),
        }
    }
    nights.sort_by_key(|(s, _)| s.date);
    nights
}

/// Compose the answer for `query` from the fetched series.
pub fn answer(
    lang: Lang,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    series: &[SleepSeries],
    complete: bool,
    latest: &[SleepSeries],
) -> Answer {
    let today = local_today(tz, now);
    let Some(period) = query.period(today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    if query == DateQuery::Unspoken {
        return latest_night(lang, today, now, series);
    }
    let nights = nights_between(series, period.first, period.last);
    // Syncing can only bring the last two nights; older gaps are just gaps.
    let recent = (today - period.last).num_days() <= 1;
    match (period.kind, nights.as_slice()) {
        (PeriodKind::Day, []) => {
            let none = if recent {
                Phrase::NoSleepData
            } else {
                Phrase::NoSleepThatNight
            };
            let has_latest = window_start(today)
                .is_some_and(|first| !nights_between(latest, first, today).is_empty());
            if !has_latest {
                return Answer::phrase(lang, none);
            }
            // Say so, then the latest night with its date.
            let mut a = latest_night(lang, today, now, latest);
            a.speech = format!(
                "{} {}",
                speech::phrase(lang, Phrase::NoSleepThatNight),
                a.speech
            );
            a
        }
        (_, []) => Answer::phrase(lang, Phrase::NoSleepInPeriod),
        (PeriodKind::Day, [(night, asleep), ..]) => {
            let when = speech::night(lang, night.date, today);
            one_night(lang, night, *asleep, &when, None)
        }
        (_, [(night, asleep)]) => {
            let speech = speech::sleep_only_night(lang, &period, today, night.date, *asleep);
            let card = card_details(lang, night, *asleep, &speech);
            Answer { speech, card }
        }
        (_, many) => {
            let avg = many.iter().map(|(_, a)| a).sum::<i64>() / many.len() as i64;
            let speech = speech::sleep_average(lang, &period, today, avg, many.len(), complete);
            let mut card = speech.clone();
            for (s, a) in many {
                card.push_str(&format!(
                    "\n{}: {}",
                    speech::date(lang, s.date),
                    speech::duration(lang, *a)
                ));
            }
            Answer { speech, card }
        }
    }
}

/// "Last night" with no date: the most recent night that has ended, named
/// when it is not the one that ended this morning, with a nudge to sync when
/// it is old enough that a newer one should exist.
fn latest_night(
    lang: Lang,
    today: NaiveDate,
    now: DateTime<Utc>,
    series: &[SleepSeries],
) -> Answer {
    let Some(first) = window_start(today) else {
        return Answer::phrase(lang, Phrase::NoRecentSleep);
    };
    let nights = nights_between(series, first, today);
    let Some((night, asleep)) = nights.last() else {
        return Answer::phrase(lang, Phrase::NoRecentSleep);
    };
    if night.date == today {
        return one_night(
            lang,
            night,
            *asleep,
            &speech::night(lang, today, today),
            None,
        );
    }
    let stale = now.timestamp() - night.enddate > STALE_AFTER_SECS;
    let lead = speech::latest_night_lead(lang, night.date, today, stale);
    let nudge = stale.then(|| speech::phrase(lang, Phrase::SyncForNewerNights));
    one_night(lang, night, *asleep, &lead, nudge)
}

fn one_night(
    lang: Lang,
    night: &SleepSeries,
    asleep: i64,
    when: &str,
    nudge: Option<&str>,
) -> Answer {
    let mut speech = speech::sleep_night(
        lang,
        when,
        asleep,
        night.data.deepsleepduration,
        night.data.wakeupcount,
    );
    if let Some(n) = nudge {
        speech.push(' ');
        speech.push_str(n);
    }
    let card = card_details(lang, night, asleep, &speech);
    Answer { speech, card }
}

/// A label for the card in the user's language.
pub(super) fn label(
    lang: Lang,
    en: &'static str,
    de: &'static str,
    fr: &'static str,
) -> &'static str {
    match lang {
        Lang::De => de,
        Lang::Fr => fr,
        _ => en,
    }
}

fn card_details(lang: Lang, s: &SleepSeries, asleep: i64, speech_text: &str) -> String {
    let d = |secs: i64| speech::duration(lang, secs);
    let mut lines = vec![
        speech_text.to_string(),
        format!(
            "{}: {}",
            label(lang, "Asleep", "Geschlafen", "Sommeil"),
            d(asleep)
        ),
    ];
    let data = &s.data;
    let rows = [
        (
            ("Time in bed", "Im Bett", "Au lit"),
            data.total_timeinbed.map(d),
        ),
        (
            ("Time to fall asleep", "Einschlafzeit", "Endormissement"),
            data.durationtosleep.map(d),
        ),
        (
            ("Deep sleep", "Tiefschlaf", "Sommeil profond"),
            data.deepsleepduration.map(d),
        ),
        (
            ("REM sleep", "REM-Schlaf", "Sommeil paradoxal"),
            data.remsleepduration.map(d),
        ),
        (
            ("Light sleep", "Leichtschlaf", "Sommeil léger"),
            data.lightsleepduration.map(d),
        ),
        (
            ("Wake-ups", "Aufwachphasen", "Réveils"),
            data.wakeupcount.map(|n| n.to_string()),
        ),
        (
            (
                "Sleep efficiency",
                "Schlafeffizienz",
                "Efficacité du sommeil",
            ),
            data.sleep_efficiency
                .map(|e| format!("{}%", (e * 100.0).round() as i64)),
        ),
        (
            (
                "Average heart rate",
                "Durchschnittspuls",
                "Fréquence cardiaque moyenne",
            ),
            data.hr_average.map(|h| format!("{h} bpm")),
        ),
        (
            ("Sleep score", "Schlafwert", "Score de sommeil"),
            data.sleep_score.map(|n| n.to_string()),
        ),
    ];
    for ((en, de, fr), v) in rows {
        if let Some(v) = v {
            lines.push(format!("{}: {v}", label(lang, en, de, fr)));
        }
    }
    lines.join("\n")
}
