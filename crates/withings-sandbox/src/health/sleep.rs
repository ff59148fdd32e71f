//! Sleep: one night per local wake-up day, and `POST /v2/sleep` getsummary.

use super::query::{Ctx, page_of};
use super::{ACCOUNT_DAY, mix, pick};
use crate::envelope::{invalid_params, ok};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

fn local(tz: Tz, day: NaiveDate, minutes_after_midnight: i64) -> DateTime<Utc> {
    let midnight = withings::local_midnight(tz, day);
    let t = midnight + chrono::Duration::minutes(minutes_after_midnight);
    Utc.from_utc_datetime(&t.naive_utc())
}

/// The night that ended on local day `wake`, as a getsummary series item, or
/// `None` if the user has not woken up from it yet at `now`.
pub fn sleep_night(user: &str, tz: Tz, wake: NaiveDate, now: DateTime<Utc>) -> Option<Value> {
    if wake <= ACCOUNT_DAY {
        return None;
    }
    let eve = wake.checked_sub_days(Days::new(1))?;
    // Into bed between 22:00 and 23:45 the evening before.
    let bed = local(tz, eve, pick(user, wake, 1, 22 * 60, 23 * 60 + 45));
    let latency = pick(user, wake, 2, 4, 25) * 60;
    let asleep = pick(user, wake, 3, 6 * 60 + 5, 8 * 60 + 20) * 60;
    let wakeups = pick(user, wake, 4, 0, 3);
    let waso = wakeups * pick(user, wake, 5, 3, 12) * 60;
    let wakeup_latency = pick(user, wake, 6, 2, 15) * 60;
    let in_bed = latency + asleep + waso + wakeup_latency;
    let out = bed + chrono::Duration::seconds(in_bed);
    if out > now {
        return None;
    }
    let deep = asleep * pick(user, wake, 7, 17, 25) / 100;
    let rem = asleep * pick(user, wake, 8, 18, 24) / 100;
    let light = asleep - deep - rem;
    let efficiency = (asleep as f64 / in_bed as f64 * 100.0).round() / 100.0;
    let score = (40 + asleep / 900 + deep / 1200 - wakeups * 3).clamp(35, 98);
    // Two literals: as one, it is past json!'s recursion under the default limit.
    let data = json!({
        "total_timeinbed": in_bed,
        "total_sleep_time": asleep,
        "asleepduration": asleep,
        "lightsleepduration": light,
        "deepsleepduration": deep,
        "remsleepduration": rem,
        "sleep_efficiency": efficiency,
        "sleep_latency": latency,
        "wakeup_latency": wakeup_latency,
        "wakeupduration": waso,
        "wakeupcount": wakeups,
        "waso": waso,
        "nb_rem_episodes": pick(user, wake, 11, 3, 6),
        "durationtosleep": latency,
        "durationtowakeup": wakeup_latency,
        "out_of_bed_count": pick(user, wake, 12, 0, 2),
        "hr_average": pick(user, wake, 13, 51, 63),
        "hr_min": pick(user, wake, 14, 42, 50),
        "hr_max": pick(user, wake, 15, 70, 95),
        "rr_average": pick(user, wake, 16, 12, 16),
        "rr_min": pick(user, wake, 17, 8, 11),
        "rr_max": pick(user, wake, 18, 17, 24),
        "breathing_disturbances_intensity": pick(user, wake, 19, 0, 20),
        // Real responses carry nulls for what a device cannot measure.
        "snoring": null,
        "snoringepisodecount": pick(user, wake, 20, 0, 8),
        "sleep_score": score,
        "apnea_hypopnea_index": pick(user, wake, 21, 0, 9),
        "night_events": {},
        "mvt_score_avg": pick(user, wake, 22, 5, 30),
        "mvt_active_duration": pick(user, wake, 23, 60, 900),
    });
    Some(json!({
        "id": mix(user, wake, 9) % 1_000_000_000,
        "timezone": tz.name(),
        "model": 32,
        "model_id": 63,
        "hash_deviceid": format!("{:x}", mix(user, wake, 10)),
        "startdate": bed.timestamp(),
        "enddate": out.timestamp(),
        "date": wake.format("%Y-%m-%d").to_string(),
        "created": out.timestamp() + 600,
        "modified": out.timestamp() + 600,
        "completed": true,
        "data": data,
    }))
}

/// getsummary: the nights that ended on the days `startdateymd..=enddateymd`
/// (at most 400 days), a page at a time. A bad `offset` counts as 0.
pub(crate) fn getsummary(ctx: &Ctx) -> Result<Value, Value> {
    let day = |k: &str| ctx.params.get(k).and_then(|v| v.parse::<NaiveDate>().ok());
    let (Some(first), Some(last)) = (day("startdateymd"), day("enddateymd")) else {
        return Err(invalid_params("startdateymd/enddateymd"));
    };
    if last < first || (last - first).num_days() > 400 {
        return Err(invalid_params("date range"));
    }
    let nights: Vec<Value> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter_map(|d| sleep_night(ctx.user, ctx.tz, d, ctx.now))
        .collect();
    let offset: usize = ctx
        .params
        .get("offset")
        .and_then(|o| o.parse().ok())
        .unwrap_or(0);
    let (page, more, offset) = page_of(nights, offset, ctx.page_size);
    Ok(ok(json!({"series": page, "more": more, "offset": offset})))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nights_are_deterministic_and_plausible() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let wake = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let a = sleep_night("u1", tz, wake, now).unwrap();
        assert_eq!(a, sleep_night("u1", tz, wake, now).unwrap());
        let asleep = a["data"]["total_sleep_time"].as_i64().unwrap();
        assert!((6 * 3600..=8 * 3600 + 20 * 60).contains(&asleep));
        assert!(a["enddate"].as_i64() > a["startdate"].as_i64());
        // Tonight has not ended yet.
        let tonight = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert!(sleep_night("u1", tz, tonight, now).is_none());
    }
}
