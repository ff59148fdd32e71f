//! Daily activity from a watch (or, some days, only the phone), partial for
//! today; and `POST /v2/measure` getactivity.

use super::query::{Ctx, keep_fields};
use super::{ACCOUNT_DAY, USER_DAY, at, hex_id, pick};
use crate::envelope::ok;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};
use withings::local_midnight;

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One day's getactivity item as of `now` (today's is partial), or `None`
/// before the account existed or for a day that has not begun.
pub fn activity_for_day(
    user: &str,
    tz: Tz,
    day: NaiveDate,
    now: DateTime<Utc>,
    wanted: &[&str],
) -> Option<Value> {
    let start = at(tz, day, 0);
    let next = local_midnight(tz, day.succ_opt()?).timestamp();
    let now = now.timestamp();
    if day < ACCOUNT_DAY || start >= now {
        return None;
    }
    // Share of the day gone by: no steps from the future.
    let share = ((now - start) as f64 / (next - start) as f64).min(1.0);
    let scale = |v: i64| (v as f64 * share).round() as i64;
    let phone = pick(user, day, 200, 0, 9) == 0;
    let steps = scale(pick(user, day, 201, 2_500, 14_000));
    let stride = pick(user, USER_DAY, 202, 68, 82) as f64 / 100.0;
    let moderate = scale(pick(user, day, 203, 300, 2_400));
    let intense = scale(pick(user, day, 204, 0, 1_800));
    let calories = round3(steps as f64 * 0.041 + intense as f64 / 60.0 * 7.3);
    let bmr = pick(user, USER_DAY, 205, 1_450, 1_950) as f64 * share;
    let (hr_avg, hr_min, hr_max) = if phone {
        (0, 0, 0)
    } else {
        (
            pick(user, day, 206, 62, 80),
            pick(user, day, 207, 44, 55),
            pick(user, day, 208, 118, 168),
        )
    };
    let zone = |salt: u64, hi: i64| {
        if phone {
            0
        } else {
            scale(pick(user, day, salt, 0, hi))
        }
    };
    let data = json!({
        "steps": steps,
        "distance": round3(steps as f64 * stride),
        "elevation": scale(pick(user, day, 209, 0, 24)),
        "soft": scale(pick(user, day, 210, 1_200, 7_200)),
        "moderate": moderate,
        "intense": intense,
        "active": moderate + intense,
        "calories": calories,
        "totalcalories": round3(calories + bmr),
        "hr_average": hr_avg,
        "hr_min": hr_min,
        "hr_max": hr_max,
        "hr_zone_0": zone(211, 30_000),
        "hr_zone_1": zone(212, 6_000),
        "hr_zone_2": zone(213, 1_800),
        "hr_zone_3": zone(214, 600),
    });
    let Value::Object(data) = data else {
        return None;
    };
    let mut item = keep_fields(data, wanted);
    let synced = (next + pick(user, day, 215, 600, 7_200)).min(now);
    let (device, brand, tracker, model, modelid) = if phone {
        (Value::Null, 18, false, "iOS step tracker", 1051)
    } else {
        (json!(hex_id(user, 220)), 1, true, "ScanWatch 2", 94)
    };
    item.insert("deviceid".into(), device.clone());
    item.insert("hash_deviceid".into(), device);
    item.insert("timezone".into(), json!(tz.name()));
    item.insert("date".into(), json!(day.format("%Y-%m-%d").to_string()));
    item.insert("modified".into(), json!(synced));
    item.insert("brand".into(), json!(brand));
    item.insert("modelid".into(), json!(modelid));
    item.insert("model".into(), json!(model));
    item.insert("is_tracker".into(), json!(tracker));
    Some(Value::Object(item))
}

const DEFAULT_ACTIVITY_FIELDS: &[&str] = &[
    "steps",
    "distance",
    "elevation",
    "soft",
    "moderate",
    "intense",
    "active",
    "calories",
    "totalcalories",
];

pub(crate) fn getactivity(ctx: &Ctx) -> Result<Value, Value> {
    let (days, lastupdate) = ctx.v2_days()?;
    let wanted = ctx.fields(DEFAULT_ACTIVITY_FIELDS);
    let items: Vec<Value> = days
        .into_iter()
        .filter_map(|d| activity_for_day(ctx.user, ctx.tz, d, ctx.now, &wanted))
        .filter(|a| lastupdate.is_none_or(|u| a.get("modified").and_then(Value::as_i64) >= Some(u)))
        .collect();
    let (page, more, offset) = ctx.paginate(items)?;
    Ok(ok(
        json!({"activities": page, "more": more, "offset": offset}),
    ))
}
