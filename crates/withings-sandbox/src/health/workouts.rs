//! Workouts: up to two sessions a day, some in a category no table lists yet;
//! and `POST /v2/measure` getworkouts.

use super::query::{Ctx, keep_fields};
use super::{ACCOUNT_DAY, at, day_number, hex_id, id_for, pick};
use crate::envelope::ok;
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde_json::{Value, json};

/// A category beyond the documented table, as new ones appear unannounced.
pub const UNDOCUMENTED_CATEGORY: i64 = 569;

const CATEGORY_POOL: &[i64] = &[1, 1, 2, 2, 6, 7, 16, 28, 307, 550, 187, 3];

const DEFAULT_WORKOUT_FIELDS: &[&str] = &[
    "calories",
    "intensity",
    "manual_distance",
    "manual_calories",
    "hr_average",
    "hr_min",
    "hr_max",
    "steps",
    "distance",
    "elevation",
];

/// The workouts that started on local `day` (finished or not; callers drop
/// those still running), with every data field.
pub fn workouts_for_day(user: &str, tz: Tz, day: NaiveDate) -> Vec<Value> {
    if day < ACCOUNT_DAY {
        return Vec::new();
    }
    let dn = day_number(day);
    let undocumented_day = dn % 17 == 5;
    let count = match pick(user, day, 300, 0, 9) {
        _ if undocumented_day => 1,
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    (0..count)
        .map(|i| {
            let salt = 310 + i as u64 * 40;
            let category = if undocumented_day && i == 0 {
                UNDOCUMENTED_CATEGORY
            } else {
                CATEGORY_POOL[pick(user, day, salt, 0, CATEGORY_POOL.len() as i64 - 1) as usize]
            };
            let begin = if i == 0 {
                pick(user, day, salt + 1, 6 * 3600 + 30 * 60, 8 * 3600)
            } else {
                pick(
                    user,
                    day,
                    salt + 1,
                    17 * 3600 + 30 * 60,
                    19 * 3600 + 30 * 60,
                )
            };
            let minutes = pick(user, day, salt + 2, 20, 75);
            let start = at(tz, day, begin);
            let end = start + minutes * 60;
            let pause = if pick(user, day, salt + 3, 0, 3) == 0 {
                pick(user, day, salt + 4, 30, 240)
            } else {
                0
            };
            let swim = category == 7;
            let moving = matches!(category, 1 | 2 | 3 | 6 | 187 | 307);
            let steps = if matches!(category, 1 | 2 | 3 | 307) {
                minutes * pick(user, day, salt + 5, 95, 165)
            } else {
                0
            };
            let laps = if swim { minutes * 2 } else { 0 };
            let distance = if swim {
                laps * 25
            } else if moving {
                minutes * pick(user, day, salt + 6, 80, 330)
            } else {
                0
            };
            let hr_avg = pick(user, day, salt + 7, 98, 152);
            let watch = pick(user, day, salt + 8, 0, 4) != 0;
            json!({
                "id": id_for(user, 3_000_000_000, day, i),
                "category": category,
                "timezone": tz.name(),
                "model": if watch { 94 } else { 1055 },
                "attrib": if pick(user, day, salt + 9, 0, 4) == 0 { 7 } else { 0 },
                "startdate": start,
                "enddate": end,
                "date": day.format("%Y-%m-%d").to_string(),
                "modified": end + pick(user, day, salt + 10, 60, 900),
                "deviceid": if watch { json!(hex_id(user, 220)) } else { Value::Null },
                "data": {
                    "calories": minutes * pick(user, day, salt + 11, 5, 12),
                    "intensity": if watch { 0 } else { 30 },
                    "manual_intensity": 0,
                    "manual_distance": 0,
                    "manual_calories": 0,
                    "hr_average": if watch { hr_avg } else { 0 },
                    "hr_min": if watch { hr_avg - pick(user, day, salt + 12, 20, 40) } else { 0 },
                    "hr_max": if watch { hr_avg + pick(user, day, salt + 13, 15, 35) } else { 0 },
                    "hr_zone_0": if watch { minutes * 12 } else { 0 },
                    "hr_zone_1": if watch { minutes * 30 } else { 0 },
                    "hr_zone_2": if watch { minutes * 15 } else { 0 },
                    "hr_zone_3": if watch { minutes * 3 } else { 0 },
                    "pause_duration": pause,
                    // Real responses carry these as null more often than not.
                    "algo_pause_duration": Value::Null,
                    "spo2_average": Value::Null,
                    "core_body_temperature_avg": Value::Null,
                    "core_body_temperature_min": Value::Null,
                    "core_body_temperature_max": Value::Null,
                    "core_body_temperature_status": "unknown",
                    "steps": steps,
                    "distance": distance,
                    "elevation": if moving { pick(user, day, salt + 14, 0, 12) } else { 0 },
                    "pool_laps": laps,
                    "strokes": if swim { laps * 18 } else { 0 },
                    "pool_length": if swim { 25 } else { 0 },
                }
            })
        })
        .collect()
}

pub(crate) fn getworkouts(ctx: &Ctx) -> Result<Value, Value> {
    let (days, lastupdate) = ctx.v2_days()?;
    let wanted = ctx.fields(DEFAULT_WORKOUT_FIELDS);
    let now = ctx.now.timestamp();
    let mut items = Vec::new();
    for day in days {
        for mut w in workouts_for_day(ctx.user, ctx.tz, day) {
            let num = |k: &str| w.get(k).and_then(Value::as_i64).unwrap_or(0);
            // A session shows up once it ended and synced.
            if num("modified") > now || lastupdate.is_some_and(|u| num("modified") < u) {
                continue;
            }
            if let Some(Value::Object(data)) = w.get_mut("data") {
                *data = keep_fields(std::mem::take(data), &wanted);
            }
            items.push(w);
        }
    }
    let (page, more, offset) = ctx.paginate(items)?;
    Ok(ok(json!({"series": page, "more": more, "offset": offset})))
}
