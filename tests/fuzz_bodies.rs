//! Withings bodies, random and broken on purpose, through the client's parsers
//! and the helpers that read the parsed data: a value or a clear error, never
//! a panic (no overflow on absurd numbers either).

mod fuzzing;

use chrono::{NaiveDate, TimeZone, Utc};
use fuzzing::*;
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::OnceLock;
use withings::{
    MeasureType, PageInfo, SleepSeries, activity_for_day, dedupe, latest, latest_blood_pressure,
    parse_activity_body, parse_goals_body, parse_measure_body, parse_workouts_body,
};

const REGRESSIONS: &str = "tests/proptest-regressions/fuzz_bodies.txt";

/// The getsummary page (the client keeps its own type private; same shape).
#[derive(Deserialize)]
struct SleepPage {
    series: Vec<SleepSeries>,
    #[serde(flatten)]
    #[allow(dead_code)]
    page: PageInfo,
}

/// Real bodies of each kind: the fixtures, and a sandbox night.
fn samples() -> &'static Vec<Value> {
    static S: OnceLock<Vec<Value>> = OnceLock::new();
    S.get_or_init(|| {
        let mut bodies: Vec<Value> = json_files("tests/fixtures")
            .into_iter()
            .map(|(_, v)| v["body"].clone())
            .collect();
        let tz = chrono_tz::America::New_York;
        let wake = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 13, 0, 0).unwrap();
        let night = withings_sandbox::health::sleep_night("fuzz", tz, wake, now)
            .expect("a night before now");
        bodies.push(json!({"series": [night], "more": false, "offset": 0}));
        bodies
    })
}

/// Every parser on `bytes`, and every helper on what parses.
fn parse_all(bytes: &[u8]) {
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    if let Ok(page) = parse_measure_body(bytes) {
        let groups = dedupe(page.groups);
        for kind in [
            MeasureType::Weight,
            MeasureType::FatRatio,
            MeasureType::HeartPulse,
        ] {
            if let Some(r) = latest(&groups, kind) {
                let _ = (r.value.to_f64(), r.value.round_to(2), r.value.normalized());
            }
        }
        let _ = latest_blood_pressure(&groups);
    }
    if let Ok(page) = parse_activity_body(bytes) {
        let _ = activity_for_day(&page.activities, day);
    }
    let _ = parse_goals_body(bytes);
    if let Ok(page) = parse_workouts_body(bytes) {
        for w in &page.series {
            let _ = w.active_seconds();
        }
    }
    if let Ok(page) = serde_json::from_slice::<SleepPage>(bytes) {
        for s in &page.series {
            let _ = s.data.sleep_seconds();
        }
    }
}

proptest! {
    #![proptest_config(config(5_000, REGRESSIONS))]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        parse_all(&bytes);
    }
}

proptest! {
    #![proptest_config(config(10_000, REGRESSIONS))]

    #[test]
    fn random_json(v in json()) {
        parse_all(&serde_json::to_vec(&v).unwrap());
    }
}

/// A number as Withings might send one: any size, as text, null or a float.
fn num() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => any::<i64>().prop_map(Value::from),
        3 => (-10i64..100_000).prop_map(Value::from),
        1 => any::<i64>().prop_map(|n| Value::String(n.to_string())),
        1 => Just(Value::Null),
        1 => any::<f64>().prop_map(Value::from),
    ]
}

/// Objects with these keys (some of them) holding odd numbers.
fn fields(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(keys), num()), 0..keys.len() + 1)
        .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

/// Bodies of the right shape with absurd numbers where the numbers go.
fn shaped_body() -> impl Strategy<Value = Value> {
    const SLEEP: &[&str] = &[
        "total_timeinbed",
        "total_sleep_time",
        "asleepduration",
        "lightsleepduration",
        "remsleepduration",
        "deepsleepduration",
        "wakeupcount",
        "sleep_score",
        "hr_average",
    ];
    const GROUP: &[&str] = &["grpid", "attrib", "date", "created", "modified", "category"];
    const MEASURE: &[&str] = &["value", "type", "unit", "algo", "fm", "position"];
    const WORKOUT: &[&str] = &["category", "startdate", "enddate", "date", "modified"];
    const ACTIVITY: &[&str] = &[
        "steps",
        "distance",
        "calories",
        "hr_average",
        "brand",
        "modified",
    ];
    let list = |item: BoxedStrategy<Value>| prop::collection::vec(item, 0..4);
    prop_oneof![
        list(
            (fields(SLEEP), any::<i64>())
                .prop_map(|(data, d)| json!({"data": data, "startdate": d, "enddate": d / 2, "date": "2026-11-24"}))
                .boxed()
        )
        .prop_map(|s| json!({"series": s, "more": false})),
        list(
            (fields(GROUP), list(fields(MEASURE).boxed()))
                .prop_map(|(mut g, ms)| {
                    g["measures"] = Value::Array(ms);
                    g
                })
                .boxed()
        )
        .prop_map(|g| json!({"measuregrps": g, "more": 0})),
        list(
            (
                fields(WORKOUT),
                fields(&["pause_duration", "steps", "calories"])
            )
                .prop_map(|(mut w, data)| {
                    w["data"] = data;
                    w
                })
                .boxed()
        )
        .prop_map(|w| json!({"series": w})),
        list(
            (fields(ACTIVITY), "20[0-9]{2}-[0-9]{2}-[0-9]{2}")
                .prop_map(|(mut a, date)| {
                    a["date"] = Value::String(date);
                    a
                })
                .boxed()
        )
        .prop_map(|a| json!({"activities": a})),
        fields(&["steps", "sleep", "weight", "value", "unit"]).prop_map(|g| json!({"goals": g})),
    ]
}

proptest! {
    #![proptest_config(config(10_000, REGRESSIONS))]

    #[test]
    fn absurd_numbers_in_the_right_places(v in shaped_body()) {
        parse_all(&serde_json::to_vec(&v).unwrap());
    }
}

proptest! {
    #![proptest_config(config(15_000, REGRESSIONS))]

    #[test]
    fn broken_real_bodies(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let mut v = samples()[pick.index(samples().len())].clone();
        for m in &mutations {
            apply(&mut v, m);
        }
        parse_all(&serde_json::to_vec(&v).unwrap());
    }
}

#[test]
fn the_real_bodies_parse() {
    for body in samples() {
        let bytes = serde_json::to_vec(body).unwrap();
        let parsed = parse_measure_body(&bytes).is_ok()
            || parse_activity_body(&bytes).is_ok()
            || parse_workouts_body(&bytes).is_ok()
            || parse_goals_body(&bytes).is_ok()
            || serde_json::from_slice::<SleepPage>(&bytes).is_ok();
        assert!(parsed, "{body}");
        parse_all(&bytes);
    }
}

/// Found by `absurd_numbers_in_the_right_places`: stage durations whose sum
/// leaves i64 panicked in `sleep_seconds` (a debug build's overflow check).
#[test]
fn huge_sleep_stages_do_not_overflow() {
    let body = json!({"series": [{
        "date": "2026-11-24", "startdate": 0, "enddate": 0,
        // Read exactly, these two still sum past i64::MIN.
        "data": {"lightsleepduration": "-5034329921203790913", "remsleepduration": -8189042115650984449i64},
    }]});
    let page: SleepPage = serde_json::from_value(body).unwrap();
    assert_eq!(page.series[0].data.sleep_seconds(), Some(i64::MIN));
}
