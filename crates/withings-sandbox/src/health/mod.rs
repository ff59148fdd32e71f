//! Deterministic, plausible health data in the real response shapes, one file
//! per kind: the same user and local day always give the same numbers, so
//! answers are reproducible with `--now`, and nothing is served before it
//! happened (or synced). Each kind also answers its Withings action.
//!
//! The real oddities are kept: `more` as 0/1 on getmeas but a bool on v2,
//! deviceid as string, number or null, `model_id` vs `modelid`, a grpid sent
//! twice (attrib 0 and 8), an undocumented meastype and attrib 17, blood
//! pressure in unit −2, `updatetime` as a string.

pub(crate) mod activity;
pub(crate) mod goals;
pub(crate) mod measures;
mod query;
pub(crate) mod sleep;
pub(crate) mod workouts;

pub use activity::activity_for_day;
pub use goals::goals;
pub use measures::measure_groups_for_day;
pub(crate) use query::Ctx;
pub use sleep::sleep_night;
pub use workouts::{UNDOCUMENTED_CATEGORY, workouts_for_day};

use chrono::{DateTime, Datelike, NaiveDate};
use chrono_tz::Tz;
use withings::local_midnight;

/// Every sandbox account was created on this day: nothing exists before it, and
/// the height and weight objective entered at sign-up are dated then.
pub const ACCOUNT_DAY: NaiveDate = NaiveDate::from_ymd_opt(2023, 6, 1).expect("a valid date");

/// A fixed day to hash per-user constants (base weight, device ids) from.
const USER_DAY: NaiveDate = ACCOUNT_DAY;

/// SplitMix64: a tiny, well-mixed hash of (user, day, salt).
fn mix(user: &str, day: NaiveDate, salt: u64) -> u64 {
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
fn pick(user: &str, day: NaiveDate, salt: u64, lo: i64, hi: i64) -> i64 {
    lo + (mix(user, day, salt) % ((hi - lo + 1) as u64)) as i64
}

fn day_number(d: NaiveDate) -> i64 {
    d.num_days_from_ce() as i64
}

/// Unix time `secs` after local midnight of `day`.
fn at(tz: Tz, day: NaiveDate, secs: i64) -> i64 {
    local_midnight(tz, day).timestamp() + secs
}

fn local_day(tz: Tz, ts: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(ts, 0).map(|t| t.with_timezone(&tz).date_naive())
}

/// 40 hex digits, like Withings' device ids.
fn hex_id(user: &str, salt: u64) -> String {
    let a = mix(user, USER_DAY, salt);
    let b = mix(user, USER_DAY, salt + 1);
    let c = mix(user, USER_DAY, salt + 2);
    format!("{a:016x}{b:016x}{:08x}", c as u32)
}

/// Unique per user, day and slot; stable across runs.
fn id_for(user: &str, base: i64, day: NaiveDate, slot: i64) -> i64 {
    let user_part = (mix(user, USER_DAY, 7) % 997) as i64;
    base + user_part * 10_000_000 + day_number(day) * 8 + slot
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::Params;
    use chrono::{TimeZone, Utc};
    use serde_json::Value;

    fn ctx<'a>(params: &'a Params, now: DateTime<Utc>) -> Ctx<'a> {
        Ctx {
            user: "u1",
            tz: chrono_tz::Europe::Paris,
            now,
            page_size: 25,
            params,
            extra_groups: &[],
        }
    }

    fn form(pairs: &[(&str, &str)]) -> Params {
        pairs.iter().copied().collect()
    }

    type Action = fn(&Ctx) -> Result<Value, Value>;

    #[test]
    fn nothing_from_the_future() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 6, 0, 0).unwrap();
        let f = form(&[
            ("startdateymd", "2026-11-20"),
            ("enddateymd", "2026-11-30"),
            ("data_fields", "steps"),
        ]);
        let reply = activity::getactivity(&ctx(&f, now)).unwrap();
        let acts = reply["body"]["activities"].as_array().unwrap();
        assert_eq!(acts.len(), 6, "20th..25th");
        assert_eq!(acts[5]["date"], "2026-11-25");
        assert!(acts[0].get("distance").is_none());
        let f = form(&[]);
        let reply = measures::getmeas(&ctx(&f, now)).unwrap();
        assert_eq!(reply["status"], 0);
        let newest = reply["body"]["measuregrps"][0]["date"].as_i64().unwrap();
        assert!(newest <= now.timestamp());
    }

    #[test]
    fn weigh_ins_carry_body_composition_and_small_pages_page() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 18, 0, 0).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let groups = measures::measure_groups_for_day("u1", chrono_tz::Europe::Paris, day);
        assert_eq!(
            groups,
            measures::measure_groups_for_day("u1", chrono_tz::Europe::Paris, day),
            "deterministic"
        );
        let types: Vec<i64> = groups
            .iter()
            .flat_map(|g| g["measures"].as_array().unwrap().iter())
            .filter_map(|m| m["type"].as_i64())
            .collect();
        for t in [1, 5, 6, 8, 76, 77, 88, 170] {
            assert!(types.contains(&t), "type {t} in {types:?}");
        }
        let f = form(&[("meastype", "170")]);
        let mut c = ctx(&f, now);
        c.page_size = 2;
        let reply = measures::getmeas(&c).unwrap();
        assert_eq!(reply["body"]["measuregrps"].as_array().unwrap().len(), 2);
        assert_eq!(reply["body"]["more"], 1);
        assert_eq!(reply["body"]["offset"], 2);
    }

    #[test]
    fn bad_params_are_503() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 6, 0, 0).unwrap();
        let getmeas: Action = measures::getmeas;
        for (action, f) in [
            (getmeas, form(&[("startdate", "x")])),
            (getmeas, form(&[("startdate", "9"), ("enddate", "1")])),
            (getmeas, form(&[("meastypes", "1,a")])),
            (workouts::getworkouts, form(&[])),
            (
                activity::getactivity,
                form(&[("startdateymd", "2026-13-01"), ("enddateymd", "2026-11-01")]),
            ),
            (sleep::getsummary, form(&[("startdateymd", "2026-11-01")])),
        ] {
            let reply = action(&ctx(&f, now)).unwrap_err();
            assert_eq!(reply["status"], 503, "{f:?}");
            assert!(
                reply["error"]
                    .as_str()
                    .unwrap()
                    .starts_with("Invalid Params: ")
            );
        }
    }
}
