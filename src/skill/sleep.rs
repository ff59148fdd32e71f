//! "How did I sleep (last night | on <date> | this week)?"

use super::Answer;
use super::query::DateQuery;
use super::speech::{self, Lang, Phrase};
use crate::alexa::date::PeriodKind;
use crate::withings::dates::local_today;
use crate::withings::sleep::SleepSeries;
use chrono_tz::Tz;

/// The user's zone as the data states it (the latest night's).
pub fn zone_from_series(series: &[SleepSeries]) -> Option<Tz> {
    series
        .iter()
        .max_by_key(|s| s.enddate)
        .and_then(|s| s.timezone.as_deref())
        .and_then(|tz| tz.parse().ok())
}

/// Compose the answer for `query` from the fetched series.
pub fn answer(
    lang: Lang,
    query: DateQuery,
    tz: Tz,
    now: chrono::DateTime<chrono::Utc>,
    series: &[SleepSeries],
) -> Answer {
    let today = local_today(tz, now);
    let Some(period) = query.period(today) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    // One night per wake-up day: the longest sleep (naps and second devices aside).
    let mut nights: Vec<(&SleepSeries, i64)> = Vec::new();
    for s in series
        .iter()
        .filter(|s| s.date >= period.first && s.date <= period.last)
    {
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
    match (period.kind, nights.as_slice()) {
        (PeriodKind::Day, []) => Answer::phrase(lang, Phrase::NoSleepData),
        (_, []) => Answer::phrase(lang, Phrase::NoSleepInPeriod),
        (PeriodKind::Day, [(night, asleep), ..]) => {
            let when = speech::night(lang, night.date, today);
            let speech = speech::sleep_night(
                lang,
                &when,
                *asleep,
                night.data.deepsleepduration,
                night.data.wakeupcount,
            );
            let card = card_details(lang, night, *asleep, &speech);
            Answer { speech, card }
        }
        (kind, many) => {
            let avg = many.iter().map(|(_, a)| a).sum::<i64>() / many.len() as i64;
            let speech = speech::sleep_average(lang, kind, period.first, today, avg, many.len());
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

fn card_details(lang: Lang, s: &SleepSeries, asleep: i64, speech_text: &str) -> String {
    let d = |secs: i64| speech::duration(lang, secs);
    let de = lang == Lang::De;
    let mut lines = vec![
        speech_text.to_string(),
        format!(
            "{}: {}",
            if de { "Geschlafen" } else { "Asleep" },
            d(asleep)
        ),
    ];
    let mut add = |label_en: &str, label_de: &str, v: Option<String>| {
        if let Some(v) = v {
            lines.push(format!("{}: {v}", if de { label_de } else { label_en }));
        }
    };
    add("Time in bed", "Im Bett", s.data.total_timeinbed.map(d));
    add("Deep sleep", "Tiefschlaf", s.data.deepsleepduration.map(d));
    add("REM sleep", "REM-Schlaf", s.data.remsleepduration.map(d));
    add(
        "Light sleep",
        "Leichtschlaf",
        s.data.lightsleepduration.map(d),
    );
    add(
        "Wake-ups",
        "Aufwachphasen",
        s.data.wakeupcount.map(|n| n.to_string()),
    );
    add(
        "Sleep efficiency",
        "Schlafeffizienz",
        s.data
            .sleep_efficiency
            .map(|e| format!("{}%", (e * 100.0).round() as i64)),
    );
    add(
        "Average heart rate",
        "Durchschnittspuls",
        s.data.hr_average.map(|h| format!("{h} bpm")),
    );
    add(
        "Sleep score",
        "Schlafwert",
        s.data.sleep_score.map(|n| n.to_string()),
    );
    lines.join("\n")
}
