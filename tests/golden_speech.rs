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

/// An intent request built from a sample event, with the given slots.
fn intent(name: &str, slots: &[(&str, &str)]) -> serde_json::Value {
    let mut ev = event("sleep-on-date.json");
    let mut s = serde_json::Map::new();
    for (k, v) in slots {
        s.insert(k.to_string(), serde_json::json!({"name": k, "value": v}));
    }
    ev["request"]["intent"] = serde_json::json!({"name": name, "slots": s});
    ev
}

/// Every intent with its slot forms: dates, periods (finished and current),
/// custom slot ids and synonyms, days without data.
const MATRIX: &[(&str, &[(&str, &str)])] = &[
    ("SleepIntent", &[]),
    ("SleepIntent", &[("date", "2026-11-23")]),
    ("SleepIntent", &[("date", "2026-W47")]),
    ("SleepIntent", &[("date", "2025")]),
    ("SleepIntent", &[("date", "2025-SU")]),
    ("SleepIntent", &[("date", "2026-FA")]),
    ("SleepIntent", &[("date", "201X")]),
    ("SleepIntent", &[("date", "2026-11-25")]),
    ("SleepDetailIntent", &[]),
    ("SleepDetailIntent", &[("detail", "fall_asleep")]),
    ("SleepDetailIntent", &[("detail", "rem")]),
    ("SleepDetailIntent", &[("detail", "light")]),
    ("SleepDetailIntent", &[("detail", "deep sleep")]),
    ("SleepDetailIntent", &[("detail", "wakeups")]),
    (
        "SleepDetailIntent",
        &[("detail", "score"), ("date", "2026-11-23")],
    ),
    ("SleepDetailIntent", &[("detail", "heart_rate")]),
    (
        "SleepDetailIntent",
        &[("detail", "score"), ("date", "2026-W47")],
    ),
    ("SleepDetailIntent", &[("detail", "dreams")]),
    ("WeightIntent", &[]),
    ("WeightIntent", &[("date", "2026-11-22")]),
    ("WeightIntent", &[("date", "2020-01-01")]),
    ("WeightChangeIntent", &[]),
    ("WeightChangeIntent", &[("since", "2026-11")]),
    ("WeightChangeIntent", &[("since", "2026-10-01")]),
    ("WeightChangeIntent", &[("since", "2020-01-01")]),
    ("BodyCompositionIntent", &[]),
    ("BodyCompositionIntent", &[("metric", "fat_percent")]),
    ("BodyCompositionIntent", &[("metric", "fat_mass")]),
    ("BodyCompositionIntent", &[("metric", "muscle")]),
    (
        "BodyCompositionIntent",
        &[("metric", "bone"), ("date", "2026-11-22")],
    ),
    ("BodyCompositionIntent", &[("metric", "hydration")]),
    ("BodyCompositionIntent", &[("metric", "visceral_fat")]),
    (
        "BodyCompositionIntent",
        &[("metric", "fat_percent"), ("date", "2020-01-01")],
    ),
    ("BloodPressureIntent", &[]),
    ("BloodPressureIntent", &[("date", "2026-11-23")]),
    ("BloodPressureIntent", &[("date", "2026-W47")]),
    ("HeartRateIntent", &[]),
    ("HeartRateIntent", &[("date", "2026-W47")]),
    ("StepsIntent", &[]),
    ("StepsIntent", &[("date", "2026-W47")]),
    ("ActivityIntent", &[]),
    (
        "ActivityIntent",
        &[("metric", "distance"), ("date", "2026-11-24")],
    ),
    (
        "ActivityIntent",
        &[("metric", "distance"), ("date", "2026-W47")],
    ),
    (
        "ActivityIntent",
        &[("metric", "floors"), ("date", "2026-11-24")],
    ),
    (
        "ActivityIntent",
        &[("metric", "calories"), ("date", "2026-W47")],
    ),
    ("ActivityIntent", &[("metric", "active_minutes")]),
    (
        "ActivityIntent",
        &[("metric", "active_minutes"), ("date", "2026-10")],
    ),
    (
        "ActivityIntent",
        &[("metric", "distance"), ("date", "2020-01-01")],
    ),
    ("GoalIntent", &[]),
    ("GoalIntent", &[("goal", "steps")]),
    ("GoalIntent", &[("goal", "sleep")]),
    ("GoalIntent", &[("goal", "weight")]),
    ("WorkoutIntent", &[]),
    ("WorkoutIntent", &[("date", "2026-11-24")]),
    ("WorkoutIntent", &[("date", "2026-W47")]),
    ("WorkoutIntent", &[("date", "2020-01-01")]),
    ("SummaryIntent", &[]),
    ("FollowUpIntent", &[("date", "2026-11-24")]),
    ("AMAZON.YesIntent", &[]),
    ("AMAZON.NoIntent", &[]),
];

const ALL_LOCALES: &[&str] = &[
    "en-US", "en-GB", "en-CA", "en-AU", "en-IN", "de-DE", "fr-FR", "ja-JP",
];

/// What a case says: `name slots` then the speech, one case per pair of lines.
fn case_line(locale: &str, name: &str, slots: &[(&str, &str)], said: &str) -> String {
    let slots: Vec<String> = slots.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{locale} {name} {}\n  {said}\n", slots.join(","))
}

#[tokio::test]
async fn every_intent_in_every_locale_matches_golden_file() {
    let h = memory_harness().await;
    h.link_demo().await;
    let mut out = String::new();
    for locale in ALL_LOCALES {
        for (name, slots) in MATRIX {
            let r = h.ask(with_locale(intent(name, slots), locale)).await;
            let said = speech(&r);
            // One breath per answer.
            assert!(
                said.split_whitespace().count() <= 45,
                "{locale} {name}: {said}"
            );
            assert!(!said.contains("NaN") && !said.contains("null"), "{said}");
            out.push_str(&case_line(locale, name, slots, &said));
        }
    }
    compare_golden("tests/golden/intents.txt", &out);
}

/// The questions whose answer depends on the hour, asked at several hours of
/// the demo user's day (New York): before the first sync, mid-morning, late.
#[tokio::test]
async fn hour_dependent_answers_match_golden_file() {
    let hours = [
        "2026-11-26T10:30:00Z",
        "2026-11-26T15:00:00Z",
        "2026-11-27T03:30:00Z",
    ];
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("SummaryIntent", &[]),
        ("SleepIntent", &[]),
        ("StepsIntent", &[]),
        ("ActivityIntent", &[("metric", "distance")]),
        ("GoalIntent", &[("goal", "steps")]),
        ("WorkoutIntent", &[]),
        ("BloodPressureIntent", &[]),
    ];
    let mut out = String::new();
    for at in hours {
        let at: chrono::DateTime<chrono::Utc> = at.parse().unwrap();
        let h = harness_at(at).await;
        h.link_demo().await;
        for locale in ["en-US", "en-GB", "de-DE", "fr-FR"] {
            for (name, slots) in cases {
                let said = speech(&h.ask(with_locale(intent(name, slots), locale)).await);
                out.push_str(&format!("{at} "));
                out.push_str(&case_line(locale, name, slots, &said));
            }
        }
    }
    compare_golden("tests/golden/hours.intents.txt", &out);
}

/// A conversation in an open session: the answer is remembered, follow-ups
/// change its date or metric, yes/no answer the question the skill asked.
#[tokio::test]
async fn a_conversation_flows_through_follow_ups() {
    let h = memory_harness().await;
    h.link_demo().await;
    let mut out = String::new();
    for locale in ["en-US", "de-DE", "fr-FR"] {
        let mut attributes = serde_json::json!({});
        let turns: &[(&str, &[(&str, &str)])] = &[
            ("LaunchRequest", &[]),
            ("AMAZON.YesIntent", &[]),
            ("SleepIntent", &[]),
            ("FollowUpIntent", &[("date", "2026-11-23")]),
            ("FollowUpIntent", &[("metric", "weight")]),
            ("FollowUpIntent", &[("date", "2026-W47")]),
            ("FollowUpIntent", &[("metric", "blood_pressure")]),
            ("AMAZON.NoIntent", &[]),
        ];
        for (i, (name, slots)) in turns.iter().enumerate() {
            let mut ev = if *name == "LaunchRequest" {
                event("launch.json")
            } else {
                intent(name, slots)
            };
            ev = with_locale(ev, locale);
            ev["session"]["new"] = serde_json::json!(i == 0);
            ev["session"]["attributes"] = attributes.clone();
            let r = json(&h.ask(ev).await);
            let said = r["response"]["outputSpeech"]["ssml"]
                .as_str()
                .unwrap_or("")
                .replace("<speak>", "")
                .replace("</speak>", "");
            out.push_str(&case_line(locale, name, slots, &said));
            attributes = r["sessionAttributes"].clone();
            if *name == "AMAZON.NoIntent" {
                assert_eq!(r["response"]["shouldEndSession"], true, "{said}");
            } else {
                assert_eq!(r["response"]["shouldEndSession"], false, "{name}: {said}");
            }
        }
    }
    compare_golden("tests/golden/conversation.txt", &out);
}

/// Withings serving pages of 7 nights: a month is read whole, and a year too
/// long to page through in time says what the answer is based on.
#[tokio::test]
async fn long_periods_are_read_whole_or_say_what_they_are_based_on() {
    let h = memory_harness().await;
    h.link_demo().await;
    h.sandbox.state.set_page_size(7);
    let april = h
        .say("sleep-this-week.json", Some("2026-04"), "en-US")
        .await;
    assert!(april.ends_with("over 30 nights."), "{april}");
    let year = h.say("sleep-this-week.json", Some("2025"), "en-US").await;
    assert!(year.contains("nights I could fetch"), "{year}");
    let fr = h.say("sleep-this-week.json", Some("2025"), "fr-FR").await;
    assert!(fr.contains("nuits que j'ai pu récupérer"), "{fr}");
    // Served whole, the same year is all 365 nights.
    h.sandbox.state.set_page_size(25);
    let whole = h.say("sleep-this-week.json", Some("2025"), "en-US").await;
    assert!(whole.ends_with("over 365 nights."), "{whole}");
    let steps = h.say("steps-today.json", Some("2026-10"), "en-US").await;
    assert!(steps.contains("over 31 days"), "{steps}");
}

/// The device's distance setting overrides the locale's default; the card
/// keeps the metric value whatever is spoken.
#[test]
fn distance_follows_the_unit_setting() {
    use withings_alexa::alexa::settings::DistanceUnits;
    use withings_alexa::skill::{activity, query::DateQuery, speech::Lang, units::Units};
    let day: withings::Activity = serde_json::from_value(serde_json::json!({
        "date": "2026-11-24", "timezone": "America/New_York", "distance": 5150.0, "is_tracker": true
    }))
    .unwrap();
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 26, 15, 0, 0).unwrap();
    let ask = DateQuery::from_slot(Some("2026-11-24")).unwrap();
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let cases = [
        ("en-US", None, "On Tuesday you walked 3.2 miles."),
        (
            "en-US",
            Some(DistanceUnits::Metric),
            "On Tuesday you walked 5.2 kilometers.",
        ),
        ("en-GB", None, "On Tuesday you walked 3.2 miles."),
        (
            "en-AU",
            Some(DistanceUnits::Imperial),
            "On Tuesday you walked 3.2 miles.",
        ),
        ("en-IN", None, "On Tuesday you walked 5.2 kilometres."),
        ("de-DE", None, "Am Dienstag bist du 5,2 Kilometer gegangen."),
        (
            "fr-FR",
            Some(DistanceUnits::Imperial),
            "Mardi, vous avez parcouru 3,2 miles.",
        ),
    ];
    for (locale, setting, want) in cases {
        let lang = Lang::from_locale(locale);
        let units = Units::for_locale(locale).with_distance_setting(setting);
        let a = activity::answer(
            lang,
            units,
            None,
            ask,
            tz,
            now,
            std::slice::from_ref(&day),
            true,
        );
        assert_eq!(a.speech, want, "{locale} {setting:?}");
        assert!(a.card.contains("5.2 km"), "{}", a.card);
    }
}
