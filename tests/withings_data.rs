//! The data calls of issue 3 against the sandbox on a real loopback port:
//! getmeas, getactivity, getworkouts, getgoals — parsing of odd-but-real shapes,
//! paging, every error bucket, and concurrent calls under one deadline. Plus the
//! parsers on JSON fixtures shaped like the spec's examples.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use withings::Clock;
use withings::{
    Attrib, BRAND_EXTERNAL, BRAND_WITHINGS, DayRange, Deadline, Decimal, Goals, Id,
    MeasureCategory, MeasureGroup, MeasureQuery, MeasureRange, MeasureType, StatusBucket,
    WithingsClient, WithingsError, WorkoutCategory, activity_for_day, dedupe, http_client, latest,
    latest_blood_pressure, parse_activity_body, parse_goals_body, parse_measure_body,
    parse_workouts_body,
};
use withings_alexa::secret::{AccessToken, ClientSecret};
use withings_sandbox::{Fault, FaultKind, Sandbox, health};

/// 2026-11-25 18:30 UTC: 13:30 in New York, already the 26th in Auckland.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 18, 30, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const PAGE: usize = 25;

struct Env {
    sb: Sandbox,
    client: WithingsClient,
    token: AccessToken,
    user: String,
    tz: Tz,
}

async fn env(user: &str, tz: Tz) -> Env {
    let sb = Sandbox::start(Clock::Fixed(now()), 0).await.unwrap();
    sb.state.add_user(user, tz);
    let issued = sb.state.issue(user, Duration::hours(3));
    let client = withings_alexa::config::withings_client(
        http_client(),
        sb.url(),
        "sandbox-client".into(),
        ClientSecret::new("sandbox-secret"),
    );
    Env {
        sb,
        client,
        token: AccessToken::new(issued.access_token),
        user: user.into(),
        tz,
    }
}

fn deadline() -> Deadline {
    Deadline::after(std::time::Duration::from_secs(10))
}

fn ny() -> Tz {
    "America/New_York".parse().unwrap()
}

/// 30 local days ending today (New York).
fn month() -> DayRange {
    DayRange::new(day(2026, 10, 27), day(2026, 11, 25))
}

/// What the sandbox holds for `days`, computed from its generator.
fn expected_groups(user: &str, tz: Tz, days: DayRange) -> Vec<Value> {
    let (start, next) = days.instants(tz);
    let (start, end, now) = (start.timestamp(), next.timestamp() - 1, now().timestamp());
    days.widened()
        .first
        .iter_days()
        .take_while(|d| *d <= days.widened().last)
        .flat_map(|d| health::measure_groups_for_day(user, tz, d))
        .filter(|g| {
            let n = |k: &str| g[k].as_i64().unwrap();
            (start..=end).contains(&n("date")) && n("created") <= now && n("category") == 1
        })
        .collect()
}

fn pages(n: usize) -> usize {
    n.div_ceil(PAGE).max(1)
}

// ---------------------------------------------------------------------------
// getmeas

#[tokio::test]
async fn getmeas_pages_and_parses_real_oddities() {
    let e = env("meas-user", ny()).await;
    let query = MeasureQuery {
        types: vec![],
        category: Some(MeasureCategory::Real),
        range: MeasureRange::Days {
            days: month(),
            tz: e.tz,
        },
    };
    let got = e
        .client
        .get_measures(&e.token, query, deadline(), 50)
        .await
        .unwrap();
    let want = expected_groups(&e.user, e.tz, month());
    assert!(got.complete);
    assert!(want.len() > 2 * PAGE, "enough for 3+ pages: {}", want.len());
    assert_eq!(got.items.len(), want.len());
    assert_eq!(e.sb.state.count("getmeas"), pages(want.len()));

    let (start, next) = month().instants(e.tz);
    let groups = &got.items;
    for g in groups {
        assert!(g.date >= start.timestamp() && g.date < next.timestamp());
        assert!(g.date <= now().timestamp(), "nothing from the future");
        assert_eq!(g.category, MeasureCategory::Real);
        // Groups without their own zone take the page's.
        assert_eq!(g.timezone.as_deref(), Some("America/New_York"));
        assert!(!g.measures.is_empty());
    }
    // Newest first, as the API sends them.
    assert!(groups.windows(2).all(|w| w[0].date >= w[1].date));

    // deviceid: a hex string, a number, or null.
    let ids: Vec<&Option<Id>> = groups.iter().map(|g| &g.deviceid).collect();
    assert!(
        ids.iter().any(|d| d.is_none()),
        "manual entries have no device"
    );
    assert!(
        ids.iter()
            .any(|d| d.as_ref().is_some_and(|i| i.0.len() == 40))
    );
    assert!(ids.iter().any(|d| {
        d.as_ref()
            .is_some_and(|i| i.0.chars().all(|c| c.is_ascii_digit()))
    }));

    // attrib 17 with an undocumented meastype: kept, not an error.
    let scan = groups
        .iter()
        .find(|g| g.attrib == Attrib::GuidedEsc)
        .expect("a Body Scan session");
    assert!(scan.get(MeasureType::Unknown(999)).is_some());
    assert_eq!(scan.model.as_deref(), Some("Body Scan"));

    // Blood pressure in unit -2; `modelid` spelling read into model_id.
    let bp = groups
        .iter()
        .find(|g| g.get(MeasureType::SystolicBloodPressure).is_some())
        .expect("a blood-pressure group");
    assert_eq!(bp.model_id, Some(45));
    let sys = bp.get(MeasureType::SystolicBloodPressure).unwrap();
    assert_eq!(sys.unit, -2);
    assert_eq!(sys.decimal().round_to(0), (sys.value / 100).to_string());

    // Weight in grams with unit -3, spoken exactly.
    let w = groups
        .iter()
        .filter(|g| g.model_id == Some(6))
        .find_map(|g| g.get(MeasureType::Weight))
        .unwrap();
    assert_eq!(w.unit, -3);
    let exact = format!("{}.{:03}", w.value / 1000, w.value % 1000);
    assert_eq!(
        w.decimal().to_string(),
        exact.trim_end_matches('0').trim_end_matches('.')
    );

    // The same grpid twice: attrib 0 and attrib 8.
    let mut seen: HashMap<i64, Vec<Attrib>> = HashMap::new();
    for g in groups {
        seen.entry(g.grpid).or_default().push(g.attrib);
    }
    let twice: Vec<_> = seen.values().filter(|a| a.len() > 1).collect();
    assert!(!twice.is_empty());
    for attribs in twice {
        assert_eq!(attribs, &vec![Attrib::Device, Attrib::SameAsDevice]);
    }

    // After dedupe: one group per grpid, one value per type and instant.
    let clean = dedupe(got.items.clone());
    assert!(clean.len() < got.items.len());
    let ids: HashSet<i64> = clean.iter().map(|g| g.grpid).collect();
    assert_eq!(ids.len(), clean.len());
    let mut per_instant = HashSet::new();
    for g in &clean {
        assert_ne!(g.attrib, Attrib::SameAsDevice);
        for m in &g.measures {
            assert!(per_instant.insert((g.date, m.kind)), "{:?} twice", m.kind);
        }
    }

    // latest(): the newest weight attributed to the user.
    let newest = latest(&clean, MeasureType::Weight).unwrap();
    let newest_owned = clean
        .iter()
        .filter(|g| !g.attrib.is_ambiguous() && g.get(MeasureType::Weight).is_some())
        .map(|g| g.date)
        .max()
        .unwrap();
    assert_eq!(newest.date, newest_owned);
    assert!(!newest.ambiguous());
}

#[tokio::test]
async fn getmeas_latest_helpers_and_filters() {
    let e = env("meas-user", ny()).await;
    let week = DayRange::new(day(2026, 11, 19), day(2026, 11, 25));

    let all = e
        .client
        .get_measures(
            &e.token,
            MeasureQuery::days(&[], week, e.tz),
            deadline(),
            10,
        )
        .await
        .unwrap();
    let w = e
        .client
        .latest_measure(&e.token, MeasureType::Weight, week, e.tz, deadline(), 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Some(&w), latest(&all.items, MeasureType::Weight).as_ref());
    assert_eq!(w.kind, MeasureType::Weight);
    let bp = e
        .client
        .latest_blood_pressure(&e.token, week, e.tz, deadline(), 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Some(bp.clone()), latest_blood_pressure(&all.items));
    assert!(bp.systolic.cmp_value(&bp.diastolic).is_gt());

    // meastypes narrows groups and their measures.
    let only = e
        .client
        .get_measures(
            &e.token,
            MeasureQuery::days(&[MeasureType::Weight, MeasureType::FatRatio], week, e.tz),
            deadline(),
            10,
        )
        .await
        .unwrap();
    assert!(!only.items.is_empty());
    assert!(
        only.items
            .iter()
            .flat_map(|g| &g.measures)
            .all(|m| matches!(m.kind, MeasureType::Weight | MeasureType::FatRatio))
    );

    // lastupdate: only what changed since.
    let since = now().timestamp() - 2 * 86_400;
    let recent = e
        .client
        .get_measures(
            &e.token,
            MeasureQuery::updated_since(&[], since),
            deadline(),
            10,
        )
        .await
        .unwrap();
    assert!(recent.complete && !recent.items.is_empty());
    assert!(recent.items.iter().all(|g| g.modified >= Some(since)));

    // Objectives (category 2): the weight goal set at sign-up.
    let goals = e
        .client
        .get_measures(
            &e.token,
            MeasureQuery {
                types: vec![MeasureType::Weight],
                category: Some(MeasureCategory::Goal),
                range: MeasureRange::All,
            },
            deadline(),
            5,
        )
        .await
        .unwrap();
    assert_eq!(goals.items.len(), 1);
    assert_eq!(goals.items[0].category, MeasureCategory::Goal);
    assert_eq!(goals.items[0].attrib, Attrib::ManualAtCreation);
}

#[tokio::test]
async fn page_limit_leaves_the_result_incomplete() {
    let e = env("meas-user", ny()).await;
    let got = e
        .client
        .get_measures(
            &e.token,
            MeasureQuery::days(&[], month(), e.tz),
            deadline(),
            2,
        )
        .await
        .unwrap();
    assert!(!got.complete);
    assert_eq!(got.items.len(), 2 * PAGE);
    assert_eq!(e.sb.state.count("getmeas"), 2);
}

// ---------------------------------------------------------------------------
// getactivity

#[tokio::test]
async fn getactivity_follows_the_users_calendar_and_pages() {
    let e = env("walker", ny()).await;
    let days = DayRange::new(day(2026, 10, 18), day(2026, 11, 26));
    let got = e
        .client
        .get_activity(&e.token, days, deadline(), 10)
        .await
        .unwrap();
    assert!(got.complete);
    // The 26th has not begun in New York: 39 days, two pages of 25.
    assert_eq!(got.items.len(), 39);
    assert_eq!(e.sb.state.count("getactivity"), 2);
    let dates: Vec<NaiveDate> = got.items.iter().map(|a| a.date).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(dates.last(), Some(&day(2026, 11, 25)));
    for a in &got.items {
        // Every field was asked for through data_fields, so every field is there.
        assert!(a.steps.is_some() && a.distance.is_some() && a.totalcalories.is_some());
        assert!(a.hr_zone_3.is_some() && a.active.is_some());
        assert_eq!(a.timezone.as_deref(), Some("America/New_York"));
        assert!(a.modified.unwrap() <= now().timestamp());
        match a.is_tracker {
            Some(true) => {
                assert_eq!(a.brand, Some(BRAND_WITHINGS));
                assert!(a.deviceid.is_some() && a.heart_rate().is_some());
            }
            _ => {
                assert_eq!(a.brand, Some(BRAND_EXTERNAL));
                assert!(a.deviceid.is_none() && a.heart_rate().is_none());
            }
        }
    }
    assert!(got.items.iter().any(|a| a.is_tracker == Some(true)));
    assert!(got.items.iter().any(|a| a.is_tracker == Some(false)));

    // Auckland is already on the 26th.
    let e = env("walker", "Pacific/Auckland".parse().unwrap()).await;
    let got = e
        .client
        .get_activity(
            &e.token,
            DayRange::new(day(2026, 11, 25), day(2026, 11, 27)),
            deadline(),
            10,
        )
        .await
        .unwrap();
    let dates: Vec<NaiveDate> = got.items.iter().map(|a| a.date).collect();
    assert_eq!(dates, vec![day(2026, 11, 25), day(2026, 11, 26)]);
    assert!(activity_for_day(&got.items, day(2026, 11, 26)).is_some());
}

// ---------------------------------------------------------------------------
// getworkouts

#[tokio::test]
async fn getworkouts_pages_and_keeps_unknown_categories() {
    let e = env("runner", ny()).await;
    let days = DayRange::new(day(2026, 9, 27), day(2026, 11, 25));
    let got = e
        .client
        .get_workouts(&e.token, days, deadline(), 10)
        .await
        .unwrap();
    let expected = days
        .first
        .iter_days()
        .take_while(|d| *d <= days.last)
        .flat_map(|d| health::workouts_for_day(&e.user, e.tz, d))
        .filter(|w| w["modified"].as_i64().unwrap() <= now().timestamp())
        .count();
    assert!(got.complete);
    assert!(expected > PAGE, "at least two pages: {expected}");
    assert_eq!(got.items.len(), expected);
    assert_eq!(e.sb.state.count("getworkouts"), pages(expected));

    let ids: HashSet<_> = got.items.iter().map(|w| w.id.clone()).collect();
    assert_eq!(ids.len(), got.items.len());
    assert!(
        got.items
            .iter()
            .any(|w| w.category == WorkoutCategory::Unknown(health::UNDOCUMENTED_CATEGORY))
    );
    assert!(
        got.items
            .iter()
            .any(|w| WorkoutCategory::ALL.contains(&w.category))
    );
    for w in &got.items {
        assert!(w.enddate <= now().timestamp() && w.startdate < w.enddate);
        assert!(days.contains(w.date));
        // `date` is the local start day.
        let local = DateTime::from_timestamp(w.startdate, 0)
            .unwrap()
            .with_timezone(&e.tz)
            .date_naive();
        assert_eq!(w.date, local);
        assert!(w.active_seconds() > 0);
        assert_eq!(w.data.algo_pause_duration, None);
        assert!(w.data.calories.is_some() && w.data.hr_zone_0.is_some());
        if w.category == WorkoutCategory::Swimming {
            assert!(w.data.pool_laps.unwrap() > 0);
        }
    }
}

// ---------------------------------------------------------------------------
// getgoals

#[tokio::test]
async fn getgoals_with_and_without_goals() {
    // The sandbox's users are deterministic: find one of each shape.
    let users: Vec<String> = (0..200).map(|i| format!("goal-{i}")).collect();
    let with_weight = users
        .iter()
        .find(|u| health::goals(u)["goals"].get("weight").is_some())
        .unwrap();
    let none = users
        .iter()
        .find(|u| health::goals(u)["goals"].is_array())
        .unwrap();

    let e = env(with_weight, ny()).await;
    let g = e.client.get_goals(&e.token, deadline()).await.unwrap();
    let raw = &health::goals(with_weight)["goals"];
    assert_eq!(g.steps, raw["steps"].as_i64());
    assert_eq!(g.sleep, raw["sleep"].as_i64());
    let weight = g.weight.unwrap();
    assert_eq!(weight.exponent, -3);
    assert_eq!(Some(weight.mantissa), raw["weight"]["value"].as_i64());

    let e = env(none, ny()).await;
    let g = e.client.get_goals(&e.token, deadline()).await.unwrap();
    assert_eq!(g, Goals::default());
}

// ---------------------------------------------------------------------------
// Errors, through the client

fn fault(path: &str, kind: FaultKind) -> Fault {
    Fault {
        path: Some(path.into()),
        kind,
        times: Some(1),
    }
}

async fn measures(e: &Env, deadline: Deadline) -> Result<Vec<MeasureGroup>, WithingsError> {
    e.client
        .get_measures(
            &e.token,
            MeasureQuery::days(&[], DayRange::day(day(2026, 11, 24)), e.tz),
            deadline,
            5,
        )
        .await
        .map(|p| p.items)
}

#[tokio::test]
async fn every_error_bucket_surfaces_through_the_client() {
    let e = env("err-user", ny()).await;
    let status = |s| fault("/measure", FaultKind::Status { status: s });

    e.sb.state.inject(status(401));
    assert!(matches!(
        measures(&e, deadline()).await,
        Err(WithingsError::InvalidToken { status: 401 })
    ));

    e.sb.state.inject(status(601));
    let err = measures(&e, deadline()).await.unwrap_err();
    assert!(matches!(err, WithingsError::RateLimited));
    assert!(
        !err.is_transient(),
        "601 wants a back-off, not a quick retry"
    );

    e.sb.state.inject(status(2554));
    assert!(matches!(
        measures(&e, deadline()).await,
        Err(WithingsError::Api {
            status: 2554,
            bucket: StatusBucket::NotImplemented,
            ..
        })
    ));

    e.sb.state.inject(status(2555));
    assert!(matches!(
        measures(&e, deadline()).await,
        Err(WithingsError::Api {
            status: 2555,
            bucket: StatusBucket::Unauthorized,
            ..
        })
    ));

    e.sb.state.inject(status(503));
    assert!(matches!(
        measures(&e, deadline()).await,
        Err(WithingsError::Api {
            status: 503,
            bucket: StatusBucket::InvalidParams,
            ..
        })
    ));

    e.sb.state
        .inject(fault("/measure", FaultKind::Http { status: 500 }));
    let err = measures(&e, deadline()).await.unwrap_err();
    assert!(matches!(err, WithingsError::Http { status: 500 }));
    assert!(err.is_transient());

    e.sb.state
        .inject(fault("/measure", FaultKind::Delay { millis: 2_000 }));
    let started = std::time::Instant::now();
    let err = measures(&e, Deadline::after(std::time::Duration::from_millis(200)))
        .await
        .unwrap_err();
    assert!(matches!(err, WithingsError::Timeout), "{err:?}");
    assert!(started.elapsed() < std::time::Duration::from_millis(1_500));

    e.sb.state.inject(fault("/measure", FaultKind::Garbage));
    match measures(&e, deadline()).await {
        Err(WithingsError::Malformed { status, excerpt }) => {
            assert_eq!(status, 200);
            assert!(!excerpt.is_empty());
            assert!(!excerpt.contains(e.token.expose()));
        }
        other => panic!("expected Malformed, got {other:?}"),
    }

    // Faults were one-shot: the same call works again.
    assert!(!measures(&e, deadline()).await.unwrap().is_empty());
}

#[tokio::test]
async fn real_api_refusals() {
    let e = env("err-user", ny()).await;
    // A 503 the sandbox itself decides on: an inverted range.
    let err = e
        .client
        .get_measures(
            &e.token,
            MeasureQuery {
                types: vec![],
                category: None,
                range: MeasureRange::Between {
                    start: 200,
                    end: 100,
                },
            },
            deadline(),
            5,
        )
        .await
        .unwrap_err();
    match err {
        WithingsError::Api {
            status: 503,
            bucket: StatusBucket::InvalidParams,
            message,
        } => assert!(message.starts_with("Invalid Params"), "{message}"),
        other => panic!("expected 503, got {other:?}"),
    }

    // An expired token on every endpoint.
    let expired = AccessToken::new(e.sb.state.issue(&e.user, Duration::hours(-1)).access_token);
    let week = DayRange::new(day(2026, 11, 19), day(2026, 11, 25));
    let c = &e.client;
    let results = [
        c.get_activity(&expired, week, deadline(), 2)
            .await
            .map(|_| ()),
        c.get_workouts(&expired, week, deadline(), 2)
            .await
            .map(|_| ()),
        c.get_goals(&expired, deadline()).await.map(|_| ()),
        c.get_measures(&expired, MeasureQuery::days(&[], week, e.tz), deadline(), 2)
            .await
            .map(|_| ()),
    ];
    for r in results {
        assert!(matches!(
            r,
            Err(WithingsError::InvalidToken { status: 401 })
        ));
    }
}

// ---------------------------------------------------------------------------
// Concurrency

#[tokio::test]
async fn concurrent_calls_share_one_deadline() {
    let e = env("busy", ny()).await;
    let week = DayRange::new(day(2026, 11, 19), day(2026, 11, 25));
    let dl = Deadline::after(std::time::Duration::from_secs(5));
    let (activity, workouts) = tokio::join!(
        e.client.get_activity(&e.token, week, dl, 3),
        e.client.get_workouts(&e.token, week, dl, 3),
    );
    assert_eq!(activity.unwrap().items.len(), 7);
    assert!(workouts.unwrap().complete);

    // One slow endpoint times out; the other still answers within the budget.
    e.sb.state
        .inject(fault("/v2/user", FaultKind::Delay { millis: 3_000 }));
    let started = std::time::Instant::now();
    let dl = Deadline::after(std::time::Duration::from_millis(400));
    let (goals, activity) = tokio::join!(
        e.client.get_goals(&e.token, dl),
        e.client.get_activity(&e.token, week, dl, 3),
    );
    assert!(matches!(goals, Err(WithingsError::Timeout)));
    assert_eq!(activity.unwrap().items.len(), 7);
    assert!(started.elapsed() < std::time::Duration::from_millis(2_000));
}

// ---------------------------------------------------------------------------
// Fixtures shaped like the spec's examples

fn body_of(fixture: &str) -> Vec<u8> {
    let v: Value = serde_json::from_str(fixture).unwrap();
    assert_eq!(v["status"], 0);
    serde_json::to_vec(&v["body"]).unwrap()
}

#[test]
fn fixture_getmeas() {
    let page = parse_measure_body(&body_of(include_str!("fixtures/getmeas.json"))).unwrap();
    assert!(page.page.more);
    assert_eq!(page.page.offset, Some(5));
    assert_eq!(page.updatetime, Some(1594257200));
    let g = &page.groups;
    assert_eq!(g.len(), 5);
    // The spec's example puts a timestamp in `category`: unknown, not an error.
    assert_eq!(g[0].category, MeasureCategory::Unknown(1594257200));
    assert_eq!(g[0].attrib, Attrib::DeviceAmbiguous);
    assert_eq!(g[0].model_id, Some(6));
    assert_eq!(g[0].measures[0].position, Some(1));
    assert_eq!(g[0].measures[0].decimal().to_string(), "65.75");
    assert_eq!(g[1].deviceid, Some(Id("14546187".into())));
    assert_eq!(g[1].attrib, Attrib::GuidedEsc);
    assert_eq!(g[1].model_id, Some(45));
    let dia = g[1].get(MeasureType::DiastolicBloodPressure).unwrap();
    assert_eq!(dia.decimal(), Decimal::new(10600, -2));
    assert_eq!(dia.decimal().round_to(1), "106");
    assert_eq!(g[1].measures[3].kind, MeasureType::Unknown(999));
    assert_eq!(g[1].measures[3].decimal().round_to(1), "424.2");
    assert_eq!(g[2].deviceid, None);
    assert_eq!(
        g[2].get(MeasureType::Weight).unwrap().decimal().to_string(),
        "81.013"
    );
    assert_eq!(g[3].attrib, Attrib::SameAsDevice);
    assert_eq!(g[4].category, MeasureCategory::Goal);

    let clean = dedupe(page.groups.clone());
    assert_eq!(clean.len(), 4);
    let w = latest(&clean, MeasureType::Weight).unwrap();
    // The goal (category 2) and the ambiguous-category group do not count.
    assert_eq!(
        (w.grpid, w.value.round_to(2).as_str()),
        (2726375351, "81.01")
    );
    assert_eq!(w.timezone.as_deref(), Some("America/New_York"));
    let bp = latest_blood_pressure(&clean).unwrap();
    assert_eq!(
        (bp.systolic.round_to(0), bp.diastolic.round_to(0)),
        ("143".to_string(), "106".to_string())
    );
    assert_eq!(bp.pulse, Some(Decimal::new(8200, -2)));
}

#[test]
fn fixture_getactivity() {
    let page = parse_activity_body(&body_of(include_str!("fixtures/getactivity.json"))).unwrap();
    assert!(page.page.more);
    assert_eq!(page.page.offset, Some(2));
    let a = &page.activities[0];
    assert_eq!(a.date, day(2020, 6, 24));
    assert_eq!(
        (a.steps, a.distance, a.elevation),
        (Some(6200), Some(3000.0), Some(100.0))
    );
    assert_eq!(
        (a.active, a.calories, a.totalcalories),
        (Some(2300), Some(1200.0), Some(3500.0))
    );
    assert_eq!(
        (a.hr_min, a.hr_max, a.hr_zone_3),
        (Some(70), Some(80), Some(400))
    );
    assert_eq!(
        (a.brand, a.is_tracker, a.modelid),
        (Some(18), Some(true), Some(59))
    );
    assert_eq!(a.model.as_deref(), Some("Pulse HR"));
    let b = &page.activities[1];
    assert_eq!(b.modelid, Some(1055), "modelid as a string");
    assert_eq!(b.deviceid, None);
    assert_eq!(b.heart_rate(), None);
    assert_eq!(b.calories, Some(134.132));
}

#[test]
fn fixture_getworkouts() {
    let page = parse_workouts_body(&body_of(include_str!("fixtures/getworkouts.json"))).unwrap();
    assert!(!page.page.more);
    let s = &page.series;
    assert_eq!(s[0].category, WorkoutCategory::Other);
    assert_eq!(s[0].id, Some(Id("12345".into())));
    assert_eq!(s[0].active_seconds(), 1594257200 - 1594245600 - 120);
    assert_eq!(
        s[0].data.core_body_temperature_status.as_deref(),
        Some("usual")
    );
    assert_eq!(s[0].data.spo2_average, None);
    // The 2017 blog's sample: float calories, fields no longer documented.
    assert_eq!(s[1].category.name(), "Walk");
    assert_eq!(s[1].data.calories, Some(83.57224));
    assert_eq!(s[1].data.distance, Some(2291.37));
    assert_eq!(s[1].id, Some(Id("3661300277".into())));
    assert_eq!(s[2].category, WorkoutCategory::Unknown(569));
    assert_eq!(s[2].model, None);
    assert_eq!(s[2].data.steps, None);
}

#[test]
fn fixture_getgoals() {
    let g = parse_goals_body(&body_of(include_str!("fixtures/getgoals.json"))).unwrap();
    assert_eq!(g.steps, Some(10000));
    assert_eq!(g.sleep, Some(28800));
    assert_eq!(g.weight.map(|w| w.round_to(1)).as_deref(), Some("70.5"));
    let none = parse_goals_body(&body_of(include_str!("fixtures/getgoals_none.json"))).unwrap();
    assert_eq!(none, Goals::default());
}
