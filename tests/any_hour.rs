//! The skill answers at any hour: the README's run command names a sleep
//! duration whatever "now" is, and what it says at each hour is pinned in
//! `tests/golden/hours.txt`. No test here reads the wall clock.
//!
//! To accept new wording: `UPDATE_GOLDEN=1 cargo test --test any_hour`, then
//! review `tests/golden/hours.txt` in the diff.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::*;
use std::process::Command;
use withings_sandbox::DEMO_USER_ID;

/// Does `s` name a duration of sleep ("slept 7 hours 12 minutes", "45 minutes")?
fn names_sleep_duration(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let slept = words.iter().position(|w| *w == "slept");
    slept.is_some_and(|i| {
        words[i..].windows(2).any(|w| {
            w[0].parse::<u32>().is_ok() && (w[1].starts_with("hour") || w[1].starts_with("minute"))
        })
    })
}

/// The README's run command, `--now` pinned, with the sandbox user in `zone`.
fn readme_command(now: DateTime<Utc>, zone: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_withings-alexa"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["invoke", "events/sleep-last-night.json", "--now"])
        .arg(now.to_rfc3339())
        .args(["--sandbox-zone", zone])
        .env_remove("TABLE_NAME")
        .env_remove("WITHINGS_API_URL")
        .env_remove("SKILL_ID")
        .output()
        .expect("run the runner");
    assert!(
        out.status.success(),
        "{now} {zone}: exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("response JSON");
    v["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn readme_command_names_a_sleep_duration_at_every_hour_in_three_zones() {
    let day = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
    let cases: Vec<(DateTime<Utc>, &str)> = ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"]
        .into_iter()
        .flat_map(|zone| (0..24).map(move |h| (day + Duration::hours(h), zone)))
        .collect();
    // Two at a time: the machine has two cores.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = cases
            .chunks(cases.len().div_ceil(2))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|(now, zone)| {
                            let said = readme_command(*now, zone);
                            (!names_sleep_duration(&said)).then(|| format!("{now} {zone}: {said}"))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker"))
            .collect()
    });
    assert_eq!(cases.len(), 72);
    assert!(
        failures.is_empty(),
        "no sleep duration at:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_half_hour_across_dst_changes_each_question_answers() {
    // Days on which the sandbox user's clocks change, far west and far east of UTC.
    for (zone, day) in [
        ("America/Los_Angeles", "2026-11-01"),
        ("Europe/Berlin", "2026-10-25"),
        ("Pacific/Auckland", "2026-09-27"),
        ("Pacific/Auckland", "2026-04-05"),
    ] {
        let start = local(zone, &format!("{day}T00:00"));
        for step in 0..48 {
            let now = start + Duration::minutes(30 * step);
            let h = harness_at(now).await;
            h.demo_in(zone);
            h.link_demo().await;
            let sleep = h.say("sleep-last-night.json", None, "en-US").await;
            assert!(names_sleep_duration(&sleep), "{zone} {now}: {sleep}");
            let weight = h.say("weight.json", None, "en-US").await;
            assert!(weight.starts_with("You weighed "), "{zone} {now}: {weight}");
            let steps = h.say("steps-today.json", None, "en-US").await;
            assert!(
                steps.contains(" steps") && !steps.contains("couldn't"),
                "{zone} {now}: {steps}"
            );
        }
    }
}

/// One case of the hours golden file: a local time in New York (the demo
/// user's zone), a question, and optionally the instant the devices last synced.
struct Case {
    at: &'static str,
    event: &'static str,
    date: Option<&'static str>,
    last_sync: Option<&'static str>,
}

const fn case(at: &'static str, event: &'static str, date: Option<&'static str>) -> Case {
    Case {
        at,
        event,
        date,
        last_sync: None,
    }
}

const fn unsynced(at: &'static str, event: &'static str, last_sync: &'static str) -> Case {
    Case {
        at,
        event,
        date: None,
        last_sync: Some(last_sync),
    }
}

const CASES: &[Case] = &[
    // Thursday 26 November, through the day.
    case("2026-11-26T00:15", "sleep-last-night.json", None),
    case("2026-11-26T00:15", "steps-today.json", None),
    case("2026-11-26T00:15", "weight.json", None),
    case("2026-11-26T05:00", "sleep-last-night.json", None),
    case("2026-11-26T05:00", "steps-today.json", None),
    case("2026-11-26T05:00", "weight.json", None),
    case("2026-11-26T08:00", "sleep-last-night.json", None),
    case("2026-11-26T15:00", "sleep-last-night.json", None),
    case("2026-11-26T15:00", "steps-today.json", None),
    case("2026-11-26T15:00", "weight.json", None),
    case("2026-11-26T23:30", "sleep-last-night.json", None),
    // Devices that have not synced since Tuesday morning.
    unsynced(
        "2026-11-26T20:00",
        "sleep-last-night.json",
        "2026-11-24T09:00",
    ),
    unsynced("2026-11-26T20:00", "steps-today.json", "2026-11-24T09:00"),
    unsynced("2026-11-26T20:00", "weight.json", "2026-11-24T09:00"),
    // Today's steps last synced this morning.
    unsynced("2026-11-26T15:00", "steps-today.json", "2026-11-26T09:40"),
    // The night of a date long before the account existed: no sync advice.
    case("2026-11-26T15:00", "sleep-on-date.json", Some("2023-05-10")),
    case("2026-11-26T15:00", "sleep-on-date.json", Some("2026-11-25")),
    // The current weekend, on Saturday and on Sunday, and the one before.
    case(
        "2026-11-28T15:00",
        "sleep-this-week.json",
        Some("2026-W48-WE"),
    ),
    case("2026-11-28T15:00", "steps-today.json", Some("2026-W48-WE")),
    case(
        "2026-11-29T15:00",
        "sleep-this-week.json",
        Some("2026-W48-WE"),
    ),
    case("2026-11-29T15:00", "steps-today.json", Some("2026-W48-WE")),
    case("2026-11-29T15:00", "steps-today.json", Some("2026-W47-WE")),
    case("2026-11-26T15:00", "steps-today.json", Some("2026-W48")),
    case("2026-11-26T15:00", "sleep-this-week.json", Some("2025")),
];

const LOCALES: &[&str] = &["en-US", "en-GB", "de-DE"];

#[tokio::test]
async fn speech_at_each_hour_matches_golden_file() {
    let zone = withings_sandbox::DEMO_TIMEZONE;
    let mut out = String::new();
    for c in CASES {
        let h = harness_at(local(zone, c.at)).await;
        h.link_demo().await;
        if let Some(t) = c.last_sync {
            h.sandbox
                .state
                .set_last_sync(DEMO_USER_ID, Some(local(zone, t)));
        }
        for locale in LOCALES {
            let said = h.say(c.event, c.date, locale).await;
            out.push_str(&format!(
                "{} {locale} {} {}{}\n  {said}\n",
                c.at,
                c.event,
                c.date.unwrap_or("-"),
                c.last_sync
                    .map(|t| format!(" (last sync {t})"))
                    .unwrap_or_default()
            ));
        }
    }
    compare_golden("tests/golden/hours.txt", &out);
}
