//! Golden speech: what the skill says, per locale, for the sample events at a
//! pinned instant. The sandbox's data is deterministic, so any change to wording,
//! rounding, dates or zones shows up here as a diff.
//!
//! To accept new wording: `UPDATE_GOLDEN=1 cargo test --test golden_speech`,
//! then review `tests/golden/speech.txt` in the diff.

mod common;

use common::*;

const EVENTS: &[(&str, Option<&str>)] = &[
    ("launch.json", None),
    ("sleep-last-night.json", None),
    ("sleep-on-date.json", Some("2026-11-23")),
    // Alexa resolves "on Monday" forward; the skill answers for the past Monday.
    ("sleep-on-date.json", Some("2026-11-30")),
    ("sleep-on-date.json", Some("2026-11-18")),
    ("sleep-this-week.json", Some("2026-W48")),
    ("sleep-this-week.json", Some("2026-W47")),
    ("sleep-this-week.json", Some("2026-W47-WE")),
    ("sleep-this-week.json", Some("2026-10")),
    ("weight.json", None),
    ("weight.json", Some("2026-11-22")),
    ("weight.json", Some("2026-11-30")),
    ("steps-today.json", None),
    ("steps-today.json", Some("2026-11-24")),
    ("steps-today.json", Some("2026-11-02")),
    ("steps-today.json", Some("2026-W47")),
    ("help.json", None),
    ("stop.json", None),
    ("fallback.json", None),
    ("sleep-not-linked.json", None),
];

const LOCALES: &[&str] = &["en-US", "en-GB", "de-DE"];

#[tokio::test]
async fn speech_matches_golden_file() {
    let h = memory_harness().await;
    h.link_demo().await;
    let mut out = String::new();
    for locale in LOCALES {
        for (name, date) in EVENTS {
            let mut ev = with_locale(event(name), locale);
            if date.is_some() {
                ev = with_date(ev, *date);
            }
            let said = speech(&h.ask(ev).await);
            out.push_str(&format!(
                "{locale} {name} {}\n  {said}\n",
                date.unwrap_or("-")
            ));
        }
    }
    compare_golden("tests/golden/speech.txt", &out);
}

#[tokio::test]
async fn last_night_follows_the_users_zone_not_utc() {
    // 03:30 UTC on Nov 25 is still the evening of Nov 24 in Los Angeles: "last
    // night" there is the night that ended on the morning of Nov 24.
    let late = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 25, 3, 30, 0).unwrap();
    let h = harness_with(
        withings_alexa::store::memory::MemoryStore::new(),
        withings::Clock::Fixed(late),
    )
    .await;
    h.sandbox
        .state
        .add_user("angeleno", "America/Los_Angeles".parse().unwrap());
    h.sandbox.state.set_device_zone(Some("America/Los_Angeles"));
    h.link(
        withings_alexa::config::SAMPLE_ALEXA_TOKEN,
        "angeleno",
        chrono::Duration::hours(3),
    )
    .await;
    let said = speech(&h.ask(event("sleep-last-night.json")).await);
    assert!(said.starts_with("Last night you slept"), "{said}");
    // Same account, date asked explicitly: Nov 24 is "last night" in LA.
    let dated = speech(
        &h.ask(with_date(event("sleep-on-date.json"), Some("2026-11-24")))
            .await,
    );
    assert_eq!(said, dated);
}
