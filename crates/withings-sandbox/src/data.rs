//! Deterministic, plausible health data: the same user and day always give the
//! same numbers, so answers are reproducible with `--now`.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

/// Every sandbox account was created on this day: nothing exists before it, and
/// the height and weight objective entered at sign-up are dated then.
pub const ACCOUNT_DAY: NaiveDate = NaiveDate::from_ymd_opt(2023, 6, 1).expect("a valid date");

/// SplitMix64: a tiny, well-mixed hash of (user, day, salt).
pub fn mix(user: &str, day: NaiveDate, salt: u64) -> u64 {
    let mut x = salt ^ 0x9E37_79B9_7F4A_7C15;
    for b in user.bytes() {
        x = x.wrapping_mul(0x100_0000_01B3) ^ b as u64;
    }
    x ^= (chrono::Datelike::num_days_from_ce(&day) as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A value in `lo..=hi` drawn from the hash.
pub fn pick(user: &str, day: NaiveDate, salt: u64, lo: i64, hi: i64) -> i64 {
    lo + (mix(user, day, salt) % ((hi - lo + 1) as u64)) as i64
}

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
        "data": {
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
        }
    }))
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
