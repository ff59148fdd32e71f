//! Day boundaries in the user's zone, far east and far west of UTC and across
//! DST changes: "last night" just after midnight, the current weekend, and
//! weigh-ins near local midnight when the skill does not know the zone yet.
//! Every case pins "now".

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;
use serde_json::{Value, json};
use withings_alexa::config::SAMPLE_ALEXA_TOKEN;
use withings_alexa::store::AnyStore;
use withings_sandbox::health::measure_groups_for_day;

/// A harness at `now` whose linked user lives in `zone`; the device's zone is
/// `device_zone` (`None`: the Settings API has none, so the skill must guess).
async fn user_in(zone: &str, device_zone: Option<&str>, now: DateTime<Utc>) -> Harness<AnyStore> {
    let h = harness_at(now).await;
    h.sandbox
        .state
        .add_user("traveller", zone.parse().expect("zone"));
    h.sandbox.state.set_device_zone(device_zone);
    h.link(SAMPLE_ALEXA_TOKEN, "traveller", Duration::hours(3))
        .await;
    h
}

fn names_duration(s: &str) -> bool {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| {
            w[0].parse::<u32>().is_ok()
                && ["hour", "minute", "Stunde", "Minute"]
                    .iter()
                    .any(|u| w[1].starts_with(u))
        })
}

fn has_weight(groups: &[Value]) -> bool {
    groups.iter().any(|g| {
        g["measures"]
            .as_array()
            .is_some_and(|ms| ms.iter().any(|m| m["type"] == 1))
    })
}

/// The first day from `from` on which the sandbox user did (or did not) weigh in.
fn day_where(zone: &str, from: &str, weighed: bool) -> NaiveDate {
    let tz = zone.parse().expect("zone");
    let mut d: NaiveDate = from.parse().expect("date");
    while has_weight(&measure_groups_for_day("traveller", tz, d)) != weighed {
        d = d.succ_opt().expect("a next day");
    }
    d
}

/// A manual weigh-in of `kg` at local `at` (unit −3, as grams).
fn weigh_in(zone: &str, at: &str, kg: f64) -> Value {
    let t = local(zone, at).timestamp();
    json!({
        "grpid": 987_654_321, "attrib": 0, "date": t, "created": t + 60, "modified": t + 60,
        "category": 1, "deviceid": null, "model": null,
        "measures": [{"value": (kg * 1000.0).round() as i64, "type": 1, "unit": -3}],
        "timezone": zone,
    })
}

#[tokio::test]
async fn far_east_morning_weigh_in_is_found_on_its_local_day() {
    // Auckland is UTC+13 in November: a 07:00 weigh-in lies on the previous UTC day.
    let zone = "Pacific/Auckland";
    let day = day_where(zone, "2026-11-16", true);
    let h = user_in(zone, None, local(zone, "2026-11-25T12:00")).await;
    let r = h
        .ask(with_locale(
            with_date(event("weight.json"), Some(&day.to_string())),
            // Kilograms (en-GB says stones and pounds).
            "en-AU",
        ))
        .await;
    let said = speech(&r);
    assert!(
        said.starts_with("You weighed ") && said.contains(" kilograms "),
        "{said}"
    );
    let card = json(&r)["response"]["card"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        card.contains(&day.to_string()),
        "the weigh-in of {day}: {card}"
    );
}

#[tokio::test]
async fn far_west_late_weigh_in_is_found_on_its_local_day() {
    // Honolulu is UTC−10: 23:30 there is 09:30 UTC the next day.
    let zone = "Pacific/Honolulu";
    let h = user_in(zone, None, local(zone, "2026-11-25T12:00")).await;
    h.sandbox
        .state
        .add_measure_group("traveller", weigh_in(zone, "2026-11-20T23:30", 123.4));
    let said = h.say("weight.json", Some("2026-11-20"), "en-AU").await;
    assert_eq!(said, "You weighed 123.4 kilograms on Friday.");
}

#[tokio::test]
async fn paris_weigh_in_just_after_midnight_is_found() {
    let zone = "Europe/Paris";
    let day = day_where(zone, "2026-11-10", false);
    let h = user_in(zone, None, local(zone, "2026-11-28T12:00")).await;
    h.sandbox
        .state
        .add_measure_group("traveller", weigh_in(zone, &format!("{day}T00:30"), 77.0));
    for (locale, want) in [
        ("en-AU", "77 kilograms"),
        ("en-GB", "12 stone 2"),
        ("de-DE", "77 Kilogramm"),
        ("fr-FR", "77 kilos"),
    ] {
        let said = h.say("weight.json", Some(&day.to_string()), locale).await;
        assert!(said.contains(want), "{locale} {day}: {said}");
    }
}

#[tokio::test]
async fn last_night_just_after_midnight_is_the_night_before() {
    // A Paris user asking as the day has just turned, summer and winter.
    let zone = "Europe/Paris";
    for at in [
        "2026-06-12T00:15",
        "2026-06-12T00:30",
        "2026-07-03T00:40",
        "2026-12-04T00:30",
        // The night clocks go back, before and after the change.
        "2026-10-25T00:15",
        "2026-10-25T05:00",
    ] {
        let h = user_in(zone, Some(zone), local(zone, at)).await;
        let en = h.say("sleep-last-night.json", None, "en-GB").await;
        assert!(
            en.starts_with("Your latest night, ") && names_duration(&en),
            "{at}: {en}"
        );
        let de = h.say("sleep-last-night.json", None, "de-DE").await;
        assert!(
            de.starts_with("In deiner letzten erfassten Nacht, der Nacht auf ")
                && names_duration(&de),
            "{at}: {de}"
        );
        assert!(
            !en.contains("sync") && !de.contains("synchronisiert"),
            "{at}: recent, no advice"
        );
    }
}

#[tokio::test]
async fn last_night_once_the_night_is_over_is_last_night() {
    let zone = "Asia/Tokyo";
    let h = user_in(zone, Some(zone), local(zone, "2026-11-26T12:00")).await;
    let said = h.say("sleep-last-night.json", None, "en-US").await;
    assert!(said.starts_with("Last night you slept "), "{said}");
}

#[tokio::test]
async fn the_current_weekend_is_this_weekend_east_and_west() {
    // Saturday and Sunday afternoon, and the Sunday LA leaves DST.
    for (zone, at, week) in [
        ("Asia/Tokyo", "2026-11-28T15:00", "2026-W48-WE"),
        ("Asia/Tokyo", "2026-11-29T15:00", "2026-W48-WE"),
        ("America/Los_Angeles", "2026-11-28T15:00", "2026-W48-WE"),
        ("America/Los_Angeles", "2026-11-01T15:00", "2026-W44-WE"),
        ("Pacific/Auckland", "2026-09-27T15:00", "2026-W39-WE"),
    ] {
        let h = user_in(zone, Some(zone), local(zone, at)).await;
        let sleep = h.say("sleep-this-week.json", Some(week), "en-US").await;
        assert!(sleep.starts_with("This weekend "), "{zone} {at}: {sleep}");
        let de = h.say("sleep-this-week.json", Some(week), "de-DE").await;
        assert!(de.starts_with("Dieses Wochenende "), "{zone} {at}: {de}");
        let steps = h.say("steps-today.json", Some(week), "en-US").await;
        assert!(
            steps.contains("so far") || steps.contains("So far"),
            "today is not counted as a full day: {zone} {at}: {steps}"
        );
        assert!(!steps.contains("over 1 day"), "{steps}");
    }
}

#[tokio::test]
async fn a_single_night_is_said_to_the_minute() {
    // Saturday afternoon: this weekend holds one night, which is not averaged
    // (and so not rounded to 5 minutes).
    let zone = "Europe/Berlin";
    let h = user_in(zone, Some(zone), local(zone, "2026-11-28T15:00")).await;
    let one = h
        .say("sleep-this-week.json", Some("2026-W48-WE"), "en-US")
        .await;
    let night = h
        .say("sleep-on-date.json", Some("2026-11-28"), "en-US")
        .await;
    let minutes = |s: &str| {
        s.split(": you slept ")
            .nth(1)
            .or_else(|| s.split(" you slept ").nth(1))
            .map(|rest| rest.split([',', '.']).next().unwrap_or("").to_string())
    };
    assert!(
        one.starts_with("This weekend I have one night, last night: "),
        "{one}"
    );
    assert_eq!(minutes(&one), minutes(&night), "{one} / {night}");
}

#[tokio::test]
async fn old_gaps_get_no_sync_advice_recent_ones_do() {
    let zone = "America/Los_Angeles";
    let h = user_in(zone, Some(zone), local(zone, "2026-11-26T20:00")).await;
    // Nothing synced since Tuesday morning.
    h.sandbox
        .state
        .set_last_sync("traveller", Some(local(zone, "2026-11-24T09:00")));
    let recent = h
        .say("sleep-on-date.json", Some("2026-11-26"), "en-US")
        .await;
    assert!(recent.contains("sync"), "{recent}");
    let latest = h.say("sleep-last-night.json", None, "en-US").await;
    assert!(
        latest.starts_with("Your latest night on record, Monday night, ")
            && latest.contains("sync"),
        "{latest}"
    );
    // Before the account existed there is nothing to sync: the answer says
    // so, then gives the latest night instead.
    let old = h
        .say("sleep-on-date.json", Some("2023-05-10"), "en-US")
        .await;
    assert!(
        old.starts_with(
            "I couldn't find any sleep for that night. Your latest night on record, Monday night, "
        ),
        "{old}"
    );
    let old_steps = h.say("steps-today.json", Some("2023-05-10"), "en-US").await;
    assert_eq!(old_steps, "I couldn't find any steps for that time.");
}
