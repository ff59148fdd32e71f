//! Sandbox answers for measures, activity, workouts and goals, in the real
//! response shapes and with the real oddities: `more` as 0/1 on getmeas but a
//! bool on v2, deviceid as string, number or null, `model_id` vs `modelid`, a
//! grpid sent twice (attrib 0 and 8), an undocumented meastype and attrib 17,
//! blood pressure in unit −2, `updatetime` as a string. Data is deterministic per
//! user and local day, and nothing is served before it happened (or synced).

use super::data::{mix, pick};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::str::FromStr;
use withings::{local_midnight, local_today};

/// Everything a data handler needs to know about the request.
pub struct Ctx<'a> {
    pub user: &'a str,
    pub tz: Tz,
    pub now: DateTime<Utc>,
    pub page_size: usize,
    pub form: &'a HashMap<String, String>,
    /// Groups a test added by hand, served like the generated ones.
    pub extra_groups: &'a [Value],
}

/// The full Withings envelope for `path`/`action`, or `None` if this module does
/// not serve that call.
pub fn answer(path: &str, action: &str, ctx: &Ctx) -> Option<Value> {
    let reply = match (path, action) {
        ("/measure", "getmeas") => getmeas(ctx),
        ("/v2/measure", "getactivity") => getactivity(ctx),
        ("/v2/measure", "getworkouts") => getworkouts(ctx),
        ("/v2/user", "getgoals") => Ok(ok(goals(ctx.user))),
        _ => return None,
    };
    Some(reply.unwrap_or_else(|e| e))
}

pub use super::data::ACCOUNT_DAY;

/// A fixed day to hash per-user constants (base weight, device ids) from.
const USER_DAY: NaiveDate = ACCOUNT_DAY;

fn ok(body: Value) -> Value {
    json!({"status": 0, "body": body})
}

fn invalid(what: &str) -> Value {
    json!({"status": 503, "body": {}, "error": format!("Invalid Params: {what}")})
}

/// An optional parameter that must parse if present.
fn param<T: FromStr>(ctx: &Ctx, name: &str) -> Result<Option<T>, Value> {
    match ctx.form.get(name).map(|v| v.trim()) {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| invalid(name)),
    }
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

/// `offset`, page of `items`, and whether more remain.
fn paginate(ctx: &Ctx, items: Vec<Value>) -> Result<(Vec<Value>, bool, usize), Value> {
    let offset: usize = param(ctx, "offset")?.unwrap_or(0);
    let size = ctx.page_size.max(1);
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(offset).take(size).collect();
    let next = offset.saturating_add(page.len());
    let more = next < total;
    Ok((page, more, if more { next } else { 0 }))
}

// ---------------------------------------------------------------------------
// getmeas

/// Every measure group whose `date` falls on local `day`, as the API would list
/// it once synced (`created` may still lie after "now"; callers filter).
pub fn measure_groups_for_day(user: &str, tz: Tz, day: NaiveDate) -> Vec<Value> {
    let mut groups = Vec::new();
    if day < ACCOUNT_DAY {
        return groups;
    }
    let dn = day_number(day);
    let lag = |salt: u64| pick(user, day, salt, 20, 300);
    let group = |grpid: i64, attrib: i64, date: i64, created: i64, category: i64| {
        let mut g = Map::new();
        g.insert("grpid".into(), json!(grpid));
        g.insert("attrib".into(), json!(attrib));
        g.insert("date".into(), json!(date));
        g.insert("created".into(), json!(created));
        g.insert("modified".into(), json!(created));
        g.insert("category".into(), json!(category));
        g
    };
    let m = |kind: i64, value: i64, unit: i64| json!({"value": value, "type": kind, "unit": unit, "algo": 0, "fm": 3});

    if day == ACCOUNT_DAY {
        // Sign-up: height and a weight objective, typed in by hand.
        let t = at(tz, day, 9 * 3600 + 12 * 60);
        for (slot, category, measure) in [
            (6, 1, m(4, pick(user, USER_DAY, 101, 1580, 1950), -3)),
            (7, 2, m(1, goal_weight_grams(user), -3)),
        ] {
            let mut g = group(
                id_for(user, 1_000_000_000, day, slot),
                4,
                t,
                t + 2,
                category,
            );
            g.insert("deviceid".into(), Value::Null);
            g.insert("hash_deviceid".into(), Value::Null);
            g.insert("model".into(), Value::Null);
            g.insert("model_id".into(), Value::Null);
            g.insert("measures".into(), json!([measure]));
            g.insert("comment".into(), Value::Null);
            groups.push(Value::Object(g));
        }
    }

    // Morning weigh-in on the Body Cardio, most days; always on duplicate days.
    let duplicate_day = dn % 5 == 0;
    if duplicate_day || pick(user, day, 110, 0, 9) < 8 {
        let t = at(tz, day, pick(user, day, 111, 390 * 60, 510 * 60));
        let created = t + lag(112);
        let weight = weight_grams(user, day);
        let fat_ratio = pick(user, day, 113, 17_000, 28_000); // %, unit -3
        let fat = weight * fat_ratio / 100_000;
        let ffm = weight - fat;
        // Someone else stepped on the shared scale now and then.
        let attrib = if !duplicate_day && pick(user, day, 114, 0, 9) == 0 {
            1
        } else {
            0
        };
        let scale_id = hex_id(user, 120);
        let mut g = group(id_for(user, 1_000_000_000, day, 0), attrib, t, created, 1);
        g.insert("deviceid".into(), json!(scale_id));
        g.insert("hash_deviceid".into(), json!(scale_id));
        g.insert("model".into(), json!("Body Cardio"));
        g.insert("model_id".into(), json!(6));
        g.insert(
            "measures".into(),
            json!([
                m(1, weight, -3),
                m(8, fat, -3),
                m(6, fat_ratio, -3),
                m(5, ffm, -3),
                m(76, ffm * 93 / 1000, -2),
                m(77, ffm * 72 / 1000, -2),
                m(88, ffm * 5 / 1000, -2),
                m(11, pick(user, day, 115, 56, 82), 0),
            ]),
        );
        g.insert("comment".into(), Value::Null);
        g.insert("timezone".into(), json!(tz.name()));
        if duplicate_day {
            let mut copy = g.clone();
            copy.insert("attrib".into(), json!(8));
            groups.push(Value::Object(g));
            groups.push(Value::Object(copy));
        } else {
            groups.push(Value::Object(g));
        }
        // Pulse wave velocity arrives as its own group at the same instant,
        // repeating the heart pulse with a slightly different value.
        if pick(user, day, 116, 0, 2) == 0 {
            let mut p = group(
                id_for(user, 1_000_000_000, day, 1),
                attrib,
                t,
                created + 5,
                1,
            );
            p.insert("deviceid".into(), json!(scale_id));
            p.insert("hash_deviceid".into(), json!(scale_id));
            p.insert("model".into(), json!("Body Cardio"));
            p.insert("model_id".into(), json!(6));
            p.insert(
                "measures".into(),
                json!([
                    m(91, pick(user, day, 117, 6_200, 9_400), -3),
                    m(11, pick(user, day, 115, 56, 82) + 1, 0)
                ]),
            );
            p.insert("comment".into(), Value::Null);
            groups.push(Value::Object(p));
        }
    }

    // Evening blood pressure: values in unit -2 (10600 → 106 mmHg), spelled
    // `modelid`, no group timezone.
    if pick(user, day, 140, 0, 9) < 6 {
        let t = at(tz, day, pick(user, day, 141, 19 * 3600, 22 * 3600));
        let attrib = match pick(user, day, 142, 0, 9) {
            0 => 1,
            1 | 2 => 5,
            _ => 0,
        };
        let bpm_id = hex_id(user, 150);
        let mut g = group(
            id_for(user, 1_000_000_000, day, 2),
            attrib,
            t,
            t + lag(143),
            1,
        );
        g.insert("deviceid".into(), json!(bpm_id));
        g.insert("hash_deviceid".into(), json!(bpm_id));
        g.insert(
            "measures".into(),
            json!([
                m(9, pick(user, day, 144, 68, 92) * 100, -2),
                m(10, pick(user, day, 145, 108, 146) * 100, -2),
                m(11, pick(user, day, 146, 55, 88) * 100, -2),
            ]),
        );
        g.insert("modelid".into(), json!(45));
        g.insert("model".into(), json!("BPM Connect"));
        g.insert("comment".into(), Value::Null);
        groups.push(Value::Object(g));
    }

    // A manual weight typed into the app at lunch (no device).
    if dn % 11 == 4 {
        let t = at(tz, day, pick(user, day, 160, 12 * 3600, 13 * 3600));
        let mut g = group(id_for(user, 1_000_000_000, day, 3), 2, t, t + 1, 1);
        g.insert("deviceid".into(), Value::Null);
        g.insert("hash_deviceid".into(), Value::Null);
        g.insert(
            "measures".into(),
            json!([m(1, weight_grams(user, day) / 100 + 3, -2)]),
        );
        g.insert("modelid".into(), Value::Null);
        g.insert("model".into(), Value::Null);
        g.insert("comment".into(), Value::Null);
        groups.push(Value::Object(g));
    }

    // Body Scan nerve-health session: attrib 17, deviceid as a number (as in the
    // official example), and a meastype no table lists yet.
    if dn % 7 == 2 {
        let t = at(
            tz,
            day,
            pick(user, day, 170, 20 * 3600, 21 * 3600 + 30 * 60),
        );
        let mut g = group(id_for(user, 1_000_000_000, day, 4), 17, t, t + lag(171), 1);
        g.insert(
            "deviceid".into(),
            json!(14_546_187 + (mix(user, USER_DAY, 172) % 1000) as i64),
        );
        g.insert("hash_deviceid".into(), json!(hex_id(user, 173)));
        g.insert(
            "measures".into(),
            json!([
                m(167, pick(user, day, 174, 55, 96), 0),
                m(229, pick(user, day, 175, 5_800, 8_600), -2),
                m(999, pick(user, day, 176, 100, 900), -1),
            ]),
        );
        g.insert("model".into(), json!("Body Scan"));
        g.insert("model_id".into(), json!(10));
        g.insert("comment".into(), Value::Null);
        g.insert("timezone".into(), json!(tz.name()));
        groups.push(Value::Object(g));
    }
    groups
}

fn weight_grams(user: &str, day: NaiveDate) -> i64 {
    let base = pick(user, USER_DAY, 100, 58_000, 96_000);
    // A slow ±450 g wave plus day-to-day noise.
    let drift = ((day_number(day) % 90) - 45).abs() * 20 - 450;
    base + drift + pick(user, day, 102, -400, 400)
}

fn goal_weight_grams(user: &str) -> i64 {
    let base = pick(user, USER_DAY, 100, 58_000, 96_000);
    (base - pick(user, USER_DAY, 103, 3_000, 8_000)) / 500 * 500
}

fn types_param(ctx: &Ctx) -> Result<Option<Vec<i64>>, Value> {
    if let Some(one) = param::<i64>(ctx, "meastype")? {
        return Ok(Some(vec![one]));
    }
    match ctx.form.get("meastypes").map(|s| s.trim()) {
        None | Some("") => Ok(None),
        Some(list) => list
            .split(',')
            .map(|t| t.trim().parse::<i64>().map_err(|_| invalid("meastypes")))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
    }
}

fn getmeas(ctx: &Ctx) -> Result<Value, Value> {
    let types = types_param(ctx)?;
    let category: i64 = param(ctx, "category")?.unwrap_or(1);
    if !matches!(category, 1 | 2) {
        return Err(invalid("category"));
    }
    let start: Option<i64> = param(ctx, "startdate")?;
    let end: Option<i64> = param(ctx, "enddate")?;
    let lastupdate: Option<i64> = param(ctx, "lastupdate")?;
    if let (Some(s), Some(e)) = (start, end)
        && s > e
    {
        return Err(invalid("startdate is after enddate"));
    }
    let now = ctx.now.timestamp();
    let lo = start.unwrap_or(i64::MIN);
    let hi = end.unwrap_or(i64::MAX).min(now);
    let first = local_day(ctx.tz, lo.max(0))
        .unwrap_or(ACCOUNT_DAY)
        .max(ACCOUNT_DAY);
    let last = local_day(ctx.tz, hi).unwrap_or(ACCOUNT_DAY);

    let mut groups: Vec<Value> = Vec::new();
    let generated = first
        .iter_days()
        .take_while(|d| *d <= last)
        .flat_map(|day| measure_groups_for_day(ctx.user, ctx.tz, day));
    for mut g in generated.chain(ctx.extra_groups.iter().cloned()) {
        let num = |k: &str| g.get(k).and_then(Value::as_i64).unwrap_or(0);
        let (date, created, cat) = (num("date"), num("created"), num("category"));
        if date < lo || date > hi || created > now || cat != category {
            continue;
        }
        if lastupdate.is_some_and(|u| num("modified") < u) {
            continue;
        }
        if let Some(types) = &types
            && let Some(Value::Array(ms)) = g.get_mut("measures")
        {
            ms.retain(|m| {
                m.get("type")
                    .and_then(Value::as_i64)
                    .is_some_and(|t| types.contains(&t))
            });
            if ms.is_empty() {
                continue;
            }
        }
        groups.push(g);
    }
    // Newest first; a stable sort keeps an attrib-8 copy next to its original.
    groups.sort_by_key(|g| std::cmp::Reverse(g.get("date").and_then(Value::as_i64)));
    let (page, more, offset) = paginate(ctx, groups)?;
    Ok(ok(json!({
        "updatetime": now.to_string(),
        "timezone": ctx.tz.name(),
        "measuregrps": page,
        "more": i64::from(more),
        "offset": offset,
    })))
}

// ---------------------------------------------------------------------------
// v2: days as YYYY-MM-DD or lastupdate

/// The local days asked for, clamped to the account's life, plus `lastupdate`.
fn v2_days(ctx: &Ctx) -> Result<(Vec<NaiveDate>, Option<i64>), Value> {
    let today = local_today(ctx.tz, ctx.now);
    let start: Option<NaiveDate> = param(ctx, "startdateymd")?;
    let end: Option<NaiveDate> = param(ctx, "enddateymd")?;
    let lastupdate: Option<i64> = param(ctx, "lastupdate")?;
    let (first, last) = match (start, end, lastupdate) {
        (Some(s), Some(e), _) if s <= e => (s, e),
        (Some(_), Some(_), _) => return Err(invalid("startdateymd is after enddateymd")),
        (None, None, Some(_)) => (ACCOUNT_DAY, today),
        _ => return Err(invalid("startdateymd/enddateymd or lastupdate")),
    };
    let days = first
        .max(ACCOUNT_DAY)
        .iter_days()
        .take_while(|d| *d <= last.min(today))
        .collect();
    Ok((days, lastupdate))
}

/// The requested `data_fields`, or `default` when none were asked for.
fn fields<'a>(ctx: &'a Ctx, default: &[&'a str]) -> Vec<&'a str> {
    match ctx.form.get("data_fields").map(|s| s.trim()) {
        Some(list) if !list.is_empty() => list.split(',').map(str::trim).collect(),
        _ => default.to_vec(),
    }
}

fn keep_fields(all: Map<String, Value>, wanted: &[&str]) -> Map<String, Value> {
    all.into_iter()
        .filter(|(k, _)| wanted.contains(&k.as_str()))
        .collect()
}

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

fn getactivity(ctx: &Ctx) -> Result<Value, Value> {
    let (days, lastupdate) = v2_days(ctx)?;
    let wanted = fields(ctx, DEFAULT_ACTIVITY_FIELDS);
    let items: Vec<Value> = days
        .into_iter()
        .filter_map(|d| activity_for_day(ctx.user, ctx.tz, d, ctx.now, &wanted))
        .filter(|a| lastupdate.is_none_or(|u| a.get("modified").and_then(Value::as_i64) >= Some(u)))
        .collect();
    let (page, more, offset) = paginate(ctx, items)?;
    Ok(ok(
        json!({"activities": page, "more": more, "offset": offset}),
    ))
}

// ---------------------------------------------------------------------------
// getworkouts

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

fn getworkouts(ctx: &Ctx) -> Result<Value, Value> {
    let (days, lastupdate) = v2_days(ctx)?;
    let wanted = fields(ctx, DEFAULT_WORKOUT_FIELDS);
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
    let (page, more, offset) = paginate(ctx, items)?;
    Ok(ok(json!({"series": page, "more": more, "offset": offset})))
}

// ---------------------------------------------------------------------------
// getgoals

/// The user's goals; a user who never set any gets `[]`, as from the real API.
pub fn goals(user: &str) -> Value {
    if pick(user, USER_DAY, 400, 0, 9) == 0 {
        return json!({"goals": []});
    }
    let steps = [6_000, 7_500, 8_000, 10_000, 12_000][pick(user, USER_DAY, 401, 0, 4) as usize];
    let sleep = [25_200, 27_000, 28_800][pick(user, USER_DAY, 402, 0, 2) as usize];
    let mut goals = json!({"steps": steps, "sleep": sleep});
    if pick(user, USER_DAY, 403, 0, 3) != 0 {
        goals["weight"] = json!({"value": goal_weight_grams(user), "unit": -3});
    }
    json!({ "goals": goals })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ctx<'a>(form: &'a HashMap<String, String>, now: DateTime<Utc>) -> Ctx<'a> {
        Ctx {
            user: "u1",
            tz: chrono_tz::Europe::Paris,
            now,
            page_size: 25,
            form,
            extra_groups: &[],
        }
    }

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn nothing_from_the_future() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 6, 0, 0).unwrap();
        let f = form(&[
            ("startdateymd", "2026-11-20"),
            ("enddateymd", "2026-11-30"),
            ("data_fields", "steps"),
        ]);
        let reply = answer("/v2/measure", "getactivity", &ctx(&f, now)).unwrap();
        let acts = reply["body"]["activities"].as_array().unwrap();
        assert_eq!(acts.len(), 6, "20th..25th");
        assert_eq!(acts[5]["date"], "2026-11-25");
        assert!(acts[0].get("distance").is_none());
        let f = form(&[]);
        let reply = answer("/measure", "getmeas", &ctx(&f, now)).unwrap();
        assert_eq!(reply["status"], 0);
        let newest = reply["body"]["measuregrps"][0]["date"].as_i64().unwrap();
        assert!(newest <= now.timestamp());
    }

    #[test]
    fn bad_params_are_503() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 6, 0, 0).unwrap();
        for (path, action, f) in [
            ("/measure", "getmeas", form(&[("startdate", "x")])),
            (
                "/measure",
                "getmeas",
                form(&[("startdate", "9"), ("enddate", "1")]),
            ),
            ("/measure", "getmeas", form(&[("meastypes", "1,a")])),
            ("/v2/measure", "getworkouts", form(&[])),
            (
                "/v2/measure",
                "getactivity",
                form(&[("startdateymd", "2026-13-01"), ("enddateymd", "2026-11-01")]),
            ),
        ] {
            let reply = answer(path, action, &ctx(&f, now)).unwrap();
            assert_eq!(reply["status"], 503, "{path} {action} {f:?}");
            assert!(
                reply["error"]
                    .as_str()
                    .unwrap()
                    .starts_with("Invalid Params: ")
            );
        }
        assert!(answer("/v2/user", "getdevice", &ctx(&form(&[]), now)).is_none());
    }
}
