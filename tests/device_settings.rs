//! The device's Alexa settings: the three read together over real loopback
//! HTTP, remembered per device for a quarter hour, and every failure a `None`.

mod common;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use chrono::Duration;
use common::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;
use withings::Clock;
use withings::http_client;
use withings_alexa::alexa::settings::{
    DeviceSettings, DistanceUnits, Lookup, SettingsCache, TemperatureUnit, device_settings,
};

/// What the stand-in does for one setting.
#[derive(Clone)]
enum Answer {
    Value(&'static str),
    NotSet,
    Status(u16),
    Body(&'static str),
    Stall,
}

/// A loopback Settings API that counts the calls per device and answers each
/// setting as told.
#[derive(Default)]
struct StandIn {
    answers: Mutex<HashMap<String, Answer>>,
    calls: Mutex<HashMap<String, usize>>,
}

impl StandIn {
    fn calls(&self, device: &str) -> usize {
        self.calls.lock().unwrap().get(device).copied().unwrap_or(0)
    }

    fn answer(&self, setting: &str, a: Answer) {
        self.answers.lock().unwrap().insert(setting.into(), a);
    }
}

async fn setting(
    State(s): State<Arc<StandIn>>,
    Path((device, name)): Path<(String, String)>,
) -> Response {
    *s.calls.lock().unwrap().entry(device).or_default() += 1;
    let answer = s.answers.lock().unwrap().get(&name).cloned();
    match answer.unwrap_or(Answer::Status(404)) {
        Answer::Value(v) => axum::Json(v).into_response(),
        Answer::NotSet => StatusCode::NO_CONTENT.into_response(),
        Answer::Status(c) => StatusCode::from_u16(c).unwrap().into_response(),
        Answer::Body(b) => ([("content-type", "application/json")], b).into_response(),
        Answer::Stall => {
            tokio::time::sleep(StdDuration::from_secs(30)).await;
            StatusCode::OK.into_response()
        }
    }
}

async fn stand_in() -> (Arc<StandIn>, String) {
    let s = Arc::new(StandIn::default());
    s.answer("System.timeZone", Answer::Value("Europe/Berlin"));
    s.answer("System.distanceUnits", Answer::Value("METRIC"));
    s.answer("System.temperatureUnit", Answer::Value("CELSIUS"));
    let app = Router::new()
        .route("/v2/devices/{device}/settings/{name}", get(setting))
        .with_state(s.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    (s, url)
}

async fn read(url: &str, device: &str, timeout_ms: u64) -> Lookup {
    device_settings(
        &http_client(),
        url,
        "token",
        device,
        StdDuration::from_millis(timeout_ms),
    )
    .await
}

#[tokio::test]
async fn the_three_settings_are_read_and_parsed() {
    let (s, url) = stand_in().await;
    let l = read(&url, "dev-1", 2000).await;
    assert!(l.complete);
    assert_eq!(
        l.settings,
        DeviceSettings {
            zone: Some(chrono_tz::Europe::Berlin),
            distance_units: Some(DistanceUnits::Metric),
            temperature_unit: Some(TemperatureUnit::Celsius),
        }
    );
    assert_eq!(s.calls("dev-1"), 3);
    s.answer("System.distanceUnits", Answer::Value("IMPERIAL"));
    s.answer("System.temperatureUnit", Answer::Value("FAHRENHEIT"));
    let l = read(&url, "dev-1", 2000).await;
    assert_eq!(l.settings.distance_units, Some(DistanceUnits::Imperial));
    assert_eq!(
        l.settings.temperature_unit,
        Some(TemperatureUnit::Fahrenheit)
    );
    // Not set (204, as the simulator answers for units) is a definite answer.
    s.answer("System.distanceUnits", Answer::NotSet);
    s.answer("System.temperatureUnit", Answer::Value("KELVIN"));
    let l = read(&url, "dev-1", 2000).await;
    assert!(l.complete);
    assert_eq!(l.settings.distance_units, None);
    assert_eq!(l.settings.temperature_unit, None);
    assert_eq!(l.settings.zone, Some(chrono_tz::Europe::Berlin));
}

#[tokio::test]
async fn failures_are_none_and_mark_the_lookup_incomplete() {
    let (s, url) = stand_in().await;
    for (bad, expect_zone) in [
        (Answer::Status(401), None),
        (Answer::Status(403), None),
        (Answer::Status(429), None),
        (Answer::Status(500), None),
        (Answer::Body("{\"not\": \"a string\"}"), None),
        (Answer::Body("\"Mars/Olympus_Mons\""), None),
    ] {
        s.answer("System.timeZone", bad);
        let l = read(&url, "dev-f", 2000).await;
        assert_eq!(l.settings.zone, expect_zone);
        assert_eq!(l.settings.distance_units, Some(DistanceUnits::Metric));
    }
    // A stalled setting costs no more than the timeout, and the others still count.
    s.answer("System.timeZone", Answer::Stall);
    let l = read(&url, "dev-f", 300).await;
    assert!(!l.complete);
    assert_eq!(l.settings.zone, None);
    assert_eq!(l.settings.temperature_unit, Some(TemperatureUnit::Celsius));
    // Nothing listening, or no URL at all: all `None`, no panic.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    for endpoint in [closed.as_str(), "not a url"] {
        let l = read(endpoint, "dev-f", 1000).await;
        assert_eq!(l, Lookup::default(), "{endpoint}");
    }
}

#[tokio::test]
async fn one_lookup_per_device_per_quarter_hour() {
    let (s, url) = stand_in().await;
    let cache = SettingsCache::default();
    let t0 = now();
    let ask = |device: &'static str, at| {
        let url = url.clone();
        let cache = &cache;
        async move {
            cache
                .get_or_ask(device, at, async { read(&url, device, 2000).await })
                .await
        }
    };
    let first = ask("dev-a", t0).await;
    assert_eq!(first.zone, Some(chrono_tz::Europe::Berlin));
    for minutes in [0, 1, 14] {
        assert_eq!(ask("dev-a", t0 + Duration::minutes(minutes)).await, first);
    }
    assert_eq!(s.calls("dev-a"), 3, "one lookup: three settings, once");
    // Another device is its own lookup.
    ask("dev-b", t0).await;
    assert_eq!((s.calls("dev-a"), s.calls("dev-b")), (3, 3));
    // After 15 minutes the settings are asked again, and changes show.
    s.answer("System.timeZone", Answer::Value("Asia/Tokyo"));
    let later = ask("dev-a", t0 + Duration::minutes(15)).await;
    assert_eq!(later.zone, Some(chrono_tz::Asia::Tokyo));
    assert_eq!(s.calls("dev-a"), 6);
    // A failed lookup is retried after a minute, not kept for a quarter hour.
    s.answer("System.timeZone", Answer::Status(503));
    let t1 = t0 + Duration::minutes(40);
    assert_eq!(ask("dev-c", t1).await.zone, None);
    assert_eq!(ask("dev-c", t1 + Duration::seconds(30)).await.zone, None);
    assert_eq!(s.calls("dev-c"), 3);
    s.answer("System.timeZone", Answer::Value("Asia/Tokyo"));
    let recovered = ask("dev-c", t1 + Duration::seconds(61)).await;
    assert_eq!(recovered.zone, Some(chrono_tz::Asia::Tokyo));
    assert_eq!(s.calls("dev-c"), 6);
}

/// The settings calls the sandbox answered for `device`.
fn settings_calls(h: &Harness<withings_alexa::store::AnyStore>, device: &str) -> usize {
    let path = format!("/v2/devices/{device}/settings");
    h.sandbox
        .state
        .seen()
        .iter()
        .filter(|s| s.path == path)
        .count()
}

fn on_device(mut ev: serde_json::Value, device: &str) -> serde_json::Value {
    ev["context"]["System"]["device"]["deviceId"] = device.into();
    ev
}

#[tokio::test]
async fn the_skill_asks_each_device_once_per_quarter_hour() {
    let mut h = memory_harness().await;
    h.link_demo().await;
    let ev = event("sleep-last-night.json");
    let device = ev["context"]["System"]["device"]["deviceId"]
        .as_str()
        .unwrap()
        .to_string();
    let first = speech(&h.ask(ev.clone()).await);
    assert!(first.starts_with("Last night you slept"), "{first}");
    assert_eq!(settings_calls(&h, &device), 3);
    // The same question and others from the same device: no new lookup, same answer.
    assert_eq!(speech(&h.ask(ev.clone()).await), first);
    h.ask(event("weight.json")).await;
    h.ask(event("steps-today.json")).await;
    assert_eq!(settings_calls(&h, &device), 3);
    // Another device asks for itself.
    h.ask(on_device(ev.clone(), "amzn1.ask.device.OTHER")).await;
    assert_eq!(settings_calls(&h, "amzn1.ask.device.OTHER"), 3);
    assert_eq!(settings_calls(&h, &device), 3);
    // Sixteen minutes on, the device is asked again.
    h.skill.clock = Clock::Fixed(now() + Duration::minutes(16));
    h.ask(ev).await;
    assert_eq!(settings_calls(&h, &device), 6);
}

#[tokio::test]
async fn the_sandbox_serves_the_unit_settings() {
    let h = memory_harness().await;
    let url = h.sandbox.url().as_str().trim_end_matches('/').to_string();
    // Unset by default: 204, an answer that leaves the locale's units.
    let l = read(&url, "d", 2000).await;
    assert!(l.complete);
    assert_eq!(l.settings.distance_units, None);
    assert_eq!(l.settings.temperature_unit, None);
    h.sandbox
        .state
        .set_device_units(Some("IMPERIAL"), Some("FAHRENHEIT"));
    let l = read(&url, "d", 2000).await;
    assert_eq!(l.settings.distance_units, Some(DistanceUnits::Imperial));
    assert_eq!(
        l.settings.temperature_unit,
        Some(TemperatureUnit::Fahrenheit)
    );
    h.sandbox
        .state
        .set_device_units(Some("METRIC"), Some("CELSIUS"));
    let l = read(&url, "d", 2000).await;
    assert_eq!(l.settings.distance_units, Some(DistanceUnits::Metric));
    assert_eq!(l.settings.temperature_unit, Some(TemperatureUnit::Celsius));
    h.sandbox.state.set_device_units(None, None);
    h.sandbox.state.set_device_zone(None);
    let l = read(&url, "d", 2000).await;
    assert!(l.complete, "204 is an answer");
    assert_eq!(l.settings, DeviceSettings::default());
}

#[tokio::test]
async fn distances_follow_the_devices_unit_setting() {
    // The sandbox's device says METRIC, so an en-US user hears kilometers; an
    // unset setting leaves the locale's miles; weights keep the locale's pounds.
    let h = memory_harness().await;
    h.link_demo().await;
    h.sandbox.state.set_device_units(Some("METRIC"), None);
    let metric = speech(&h.ask(event("activity-distance.json")).await);
    assert!(metric.contains("kilometers"), "{metric}");
    let weight = speech(&h.ask(event("weight.json")).await);
    assert!(weight.contains("pounds"), "{weight}");
    h.sandbox.state.set_device_units(None, None);
    let on_other = on_device(event("activity-distance.json"), "amzn1.ask.device.UNSET");
    let unset = speech(&h.ask(on_other).await);
    assert!(unset.contains("miles"), "{unset}");
}
