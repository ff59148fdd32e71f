//! The user's goals (`/v2/user` `action=getgoals`).

use crate::client::WithingsClient;
use crate::deadline::Deadline;
use crate::error::WithingsError;
use crate::lenient;
use crate::measure::Decimal;
use crate::secret::AccessToken;
use serde::{Deserialize, Deserializer};

/// Each goal is `None` when the user has not set it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Goals {
    /// Steps per day.
    pub steps: Option<i64>,
    /// Sleep per night, seconds.
    pub sleep: Option<i64>,
    /// Target weight, kg.
    pub weight: Option<Decimal>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawGoals {
    #[serde(deserialize_with = "lenient::opt_i64")]
    steps: Option<i64>,
    #[serde(deserialize_with = "lenient::opt_i64")]
    sleep: Option<i64>,
    weight: Option<RawWeight>,
}

#[derive(Deserialize)]
struct RawWeight {
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    value: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    unit: Option<i64>,
}

#[derive(Deserialize)]
struct GoalsBody {
    #[serde(default, deserialize_with = "goals_object")]
    goals: Goals,
}

/// A user without goals gets `"goals": []` (a PHP empty array), not `{}`.
fn goals_object<'de, D: Deserializer<'de>>(d: D) -> Result<Goals, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?.unwrap_or_default();
    if !v.is_object() {
        return Ok(Goals::default());
    }
    let raw: RawGoals = serde_json::from_value(v).map_err(serde::de::Error::custom)?;
    let weight = raw.weight.and_then(|w| {
        let unit = i32::try_from(w.unit.unwrap_or(0)).ok()?;
        Some(Decimal::new(w.value?, unit))
    });
    Ok(Goals {
        steps: raw.steps,
        sleep: raw.sleep,
        weight,
    })
}

/// Parse the `body` of a getgoals answer.
pub fn parse_goals_body(body: &[u8]) -> Result<Goals, serde_json::Error> {
    serde_json::from_slice::<GoalsBody>(body).map(|b| b.goals)
}

impl WithingsClient {
    /// The user's goals; a user who set none gets [`Goals::default`].
    pub async fn get_goals(
        &self,
        token: &AccessToken,
        deadline: Deadline,
    ) -> Result<Goals, WithingsError> {
        let body: GoalsBody = self
            .data(
                "/v2/user",
                token,
                &[("action", "getgoals".to_string())],
                deadline,
            )
            .await?;
        Ok(body.goals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_shapes() {
        let g = parse_goals_body(
            br#"{"goals":{"steps":10000,"sleep":"28800","weight":{"value":70500,"unit":-3}}}"#,
        )
        .unwrap();
        assert_eq!(g.steps, Some(10000));
        assert_eq!(g.sleep, Some(28800));
        assert_eq!(g.weight.unwrap().round_to(1), "70.5");
        assert_eq!(
            parse_goals_body(br#"{"goals":[]}"#).unwrap(),
            Goals::default()
        );
        assert_eq!(parse_goals_body(br#"{}"#).unwrap(), Goals::default());
        let g = parse_goals_body(br#"{"goals":{"steps":8000,"weight":{"value":null}}}"#).unwrap();
        assert_eq!((g.steps, g.sleep, g.weight), (Some(8000), None, None));
    }
}
