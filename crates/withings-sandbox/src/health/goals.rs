//! Goals (steps, sleep, weight), and `POST /v2/user` getgoals.

use super::query::Ctx;
use super::{USER_DAY, pick};
use crate::envelope::ok;
use serde_json::{Value, json};

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

pub(super) fn goal_weight_grams(user: &str) -> i64 {
    let base = pick(user, USER_DAY, 100, 58_000, 96_000);
    (base - pick(user, USER_DAY, 103, 3_000, 8_000)) / 500 * 500
}

/// getgoals.
pub(crate) fn getgoals(ctx: &Ctx) -> Result<Value, Value> {
    Ok(ok(goals(ctx.user)))
}
