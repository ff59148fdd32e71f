//! Parse cost of large Withings pages, the way the client does it (envelope with
//! a borrowed raw body, then the typed body). No benchmark framework: a timing
//! loop and a table of wall and CPU ns per page, and MB/s on CPU time.
//!
//! `cargo bench --bench parse`. Without `--bench` on the command line (e.g.
//! `cargo test --benches`) every case runs once as a smoke check.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::{Duration, Instant};
use withings::{ACTIVITY_FIELDS, ActivityPage, MeasurePage, SleepSummaryPage, WorkoutPage, dedupe};
use withings_sandbox::health::{
    ACCOUNT_DAY, activity_for_day, measure_groups_for_day, sleep_night, workouts_for_day,
};

const USER: &str = "bench-user";

#[derive(Deserialize)]
struct Envelope<'a> {
    status: i64,
    #[serde(borrow)]
    body: &'a RawValue,
}

fn unwrap_body<T: DeserializeOwned>(bytes: &[u8]) -> T {
    let env: Envelope = serde_json::from_slice(bytes).expect("bench input is valid");
    assert_eq!(env.status, 0);
    serde_json::from_str(env.body.get()).expect("bench input has the expected shape")
}

fn envelope(body: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"status": 0, "body": body})).expect("a JSON value serializes")
}

struct Case {
    name: &'static str,
    input: Vec<u8>,
    /// Parses the input and returns the item count.
    run: fn(&[u8]) -> usize,
}

fn cases() -> Vec<Case> {
    let tz: Tz = "Europe/Paris".parse().expect("a known zone");
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
    let first = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let days = |n: u64| (0..n).filter_map(move |i| first.checked_add_days(Days::new(i)));

    let nights: Vec<Value> = days(300)
        .filter_map(|d| sleep_night(USER, tz, d, now))
        .collect();
    assert_eq!(nights.len(), 300);

    let mut groups: Vec<Value> = ACCOUNT_DAY
        .iter_days()
        .flat_map(|d| measure_groups_for_day(USER, tz, d))
        .take(1000)
        .collect();
    groups.reverse();

    let activities: Vec<Value> = days(365)
        .filter_map(|d| activity_for_day(USER, tz, d, now, ACTIVITY_FIELDS))
        .collect();

    let workouts: Vec<Value> = days(600)
        .flat_map(|d| workouts_for_day(USER, tz, d))
        .take(300)
        .collect();

    let meas = envelope(json!({
        "updatetime": "1795608000", "timezone": "Europe/Paris",
        "measuregrps": groups, "more": 1, "offset": 1000
    }));

    vec![
        Case {
            name: "sleep getsummary, 300 series",
            input: envelope(json!({"series": nights, "more": true, "offset": 300})),
            run: |b| {
                let p: SleepSummaryPage = unwrap_body(b);
                black_box(p.page.more);
                p.series.len()
            },
        },
        Case {
            name: "getmeas, 1000 groups",
            input: meas.clone(),
            run: |b| unwrap_body::<MeasurePage>(b).groups.len(),
        },
        Case {
            name: "getmeas, 1000 groups + dedupe",
            input: meas,
            run: |b| dedupe(unwrap_body::<MeasurePage>(b).groups).len(),
        },
        Case {
            name: "getactivity, 365 days",
            input: envelope(json!({"activities": activities, "more": false, "offset": 0})),
            run: |b| unwrap_body::<ActivityPage>(b).activities.len(),
        },
        Case {
            name: "getworkouts, 300 series",
            input: envelope(json!({"series": workouts, "more": true, "offset": 300})),
            run: |b| unwrap_body::<WorkoutPage>(b).series.len(),
        },
    ]
}

/// CPU time of this thread so far (user + system, `/proc/thread-self/stat`, in
/// clock ticks of 10 ms): on a shared machine wall time also counts the waits
/// for a core, so the table gives both. `None` where there is no such file.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Time `run` for about `budget`, after a short warm-up: iterations, wall ns
/// per call and CPU ns per call.
fn time(input: &[u8], run: fn(&[u8]) -> usize, budget: Duration) -> (u64, f64, Option<f64>) {
    let warm = Instant::now();
    while warm.elapsed() < budget / 10 {
        black_box(run(black_box(input)));
    }
    let mut iters = 0u64;
    let cpu_before = thread_cpu();
    let started = Instant::now();
    let mut batch = 1u64;
    while started.elapsed() < budget {
        for _ in 0..batch {
            black_box(run(black_box(input)));
        }
        iters += batch;
        batch = (batch * 2).min(1 << 12);
    }
    let wall = started.elapsed().as_nanos() as f64 / iters as f64;
    let cpu = thread_cpu()
        .zip(cpu_before)
        .map(|(after, before)| (after - before).as_nanos() as f64 / iters as f64);
    (iters, wall, cpu)
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let cases = cases();

    if !benching {
        for c in &cases {
            assert!((c.run)(&c.input) > 0, "{}", c.name);
        }
        println!(
            "parse bench: {} cases ran once (pass --bench to time them)",
            cases.len()
        );
        return;
    }

    println!(
        "{:<32} {:>10} {:>7} {:>8} {:>13} {:>13} {:>9}",
        "case", "bytes", "items", "iters", "ns/op", "cpu ns/op", "MB/s"
    );
    for c in &cases {
        let items = (c.run)(&c.input);
        let (iters, ns, cpu) = time(&c.input, c.run, Duration::from_secs(2));
        // Throughput on CPU time when known: what the parser does, not the queue for a core.
        let per_op = cpu.unwrap_or(ns);
        let mbps = c.input.len() as f64 / per_op * 1e9 / 1e6;
        let cpu = cpu.map_or("-".to_string(), |c| format!("{c:.0}"));
        println!(
            "{:<32} {:>10} {:>7} {:>8} {:>13.0} {:>13} {:>9.1}",
            c.name,
            c.input.len(),
            items,
            iters,
            ns,
            cpu,
            mbps
        );
    }
}
