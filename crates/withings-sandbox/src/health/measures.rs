//! Body measures: weigh-ins on a shared scale (sometimes twice, sometimes
//! someone else's), pulse wave velocity, blood pressure, manual entries and
//! Body Scan sessions; and `POST /measure` getmeas.

use super::goals::goal_weight_grams;
use super::query::Ctx;
use super::{ACCOUNT_DAY, USER_DAY, at, day_number, hex_id, id_for, local_day, mix, pick};
use crate::envelope::{invalid_params, ok};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

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
        let body_cardio = |g: &mut Map<String, Value>| {
            g.insert("deviceid".into(), json!(scale_id));
            g.insert("hash_deviceid".into(), json!(scale_id));
            g.insert("model".into(), json!("Body Cardio"));
            g.insert("model_id".into(), json!(6));
        };
        let mut g = group(id_for(user, 1_000_000_000, day, 0), attrib, t, created, 1);
        body_cardio(&mut g);
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
                // Visceral fat index, unitless, steady over weeks.
                m(170, visceral_fat(user, day), 0),
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
            body_cardio(&mut p);
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

/// A visceral fat index (1–30 scale, healthy under 13) that moves slowly.
fn visceral_fat(user: &str, day: NaiveDate) -> i64 {
    pick(user, USER_DAY, 180, 5, 12) + (day_number(day) / 30) % 2
}

fn weight_grams(user: &str, day: NaiveDate) -> i64 {
    let base = pick(user, USER_DAY, 100, 58_000, 96_000);
    // A slow ±450 g wave plus day-to-day noise.
    let drift = ((day_number(day) % 90) - 45).abs() * 20 - 450;
    base + drift + pick(user, day, 102, -400, 400)
}

fn types_param(ctx: &Ctx) -> Result<Option<Vec<i64>>, Value> {
    if let Some(one) = ctx.param::<i64>("meastype")? {
        return Ok(Some(vec![one]));
    }
    match ctx.params.get("meastypes").map(str::trim) {
        None | Some("") => Ok(None),
        Some(list) => list
            .split(',')
            .map(|t| {
                t.trim()
                    .parse::<i64>()
                    .map_err(|_| invalid_params("meastypes"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
    }
}

pub(crate) fn getmeas(ctx: &Ctx) -> Result<Value, Value> {
    let types = types_param(ctx)?;
    let category: i64 = ctx.param("category")?.unwrap_or(1);
    if !matches!(category, 1 | 2) {
        return Err(invalid_params("category"));
    }
    let start: Option<i64> = ctx.param("startdate")?;
    let end: Option<i64> = ctx.param("enddate")?;
    let lastupdate: Option<i64> = ctx.param("lastupdate")?;
    if let (Some(s), Some(e)) = (start, end)
        && s > e
    {
        return Err(invalid_params("startdate is after enddate"));
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
    let (page, more, offset) = ctx.paginate(groups)?;
    Ok(ok(json!({
        "updatetime": now.to_string(),
        "timezone": ctx.tz.name(),
        "measuregrps": page,
        "more": i64::from(more),
        "offset": offset,
    })))
}
