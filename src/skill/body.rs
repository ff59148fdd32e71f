//! "What's my body fat?" / "What was my muscle mass on Monday?"

use super::measures::{self, local_time, on_days, zone_of};
use super::query::DateQuery;
use super::slots::BodyMetric;
use super::speech::{self, Lang, Phrase};
use super::units::Units;
use super::{Answer, Skill};
use crate::skill::account::AccountError;
use crate::store::LinkStore;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use withings::{Deadline, MeasureGroup, MeasureType, latest, local_today};

/// The measure type a body metric is read from.
pub fn measure_type(m: BodyMetric) -> MeasureType {
    match m {
        BodyMetric::FatPercent => MeasureType::FatRatio,
        BodyMetric::FatMass => MeasureType::FatMassWeight,
        BodyMetric::Muscle => MeasureType::MuscleMass,
        BodyMetric::Bone => MeasureType::BoneMass,
        BodyMetric::Hydration => MeasureType::Hydration,
        BodyMetric::VisceralFat => MeasureType::VisceralFat,
    }
}

/// What "my body composition" says: fat and muscle.
const DEFAULT: [BodyMetric; 2] = [BodyMetric::FatPercent, BodyMetric::Muscle];

fn metrics(metric: Option<BodyMetric>) -> Vec<BodyMetric> {
    metric.map(|m| vec![m]).unwrap_or_else(|| DEFAULT.to_vec())
}

/// The answer from the groups of the asked days and of the latest window
/// (used when the asked days have none).
#[allow(clippy::too_many_arguments)]
pub fn answer(
    lang: Lang,
    units: Units,
    metric: Option<BodyMetric>,
    query: DateQuery,
    tz: Tz,
    now: DateTime<Utc>,
    asked: &[MeasureGroup],
    recent: &[MeasureGroup],
) -> Answer {
    let today = local_today(tz, now);
    let Some(days) = measures::asked_days(query, today, tz) else {
        return Answer::phrase(lang, Phrase::DateInFuture);
    };
    let wanted = metrics(metric);
    let first = wanted[0];
    let in_days = on_days(asked, days, tz);
    let (groups, fell_back) = match latest(&in_days, measure_type(first)) {
        Some(_) => (in_days, false),
        None => (on_days(recent, measures::latest_window(today), tz), true),
    };
    let Some(reading) = latest(&groups, measure_type(first)) else {
        return Answer::phrase(lang, Phrase::NoBodyComposition);
    };
    // Every wanted metric from that same weigh-in.
    let group = groups.iter().find(|g| g.grpid == reading.grpid);
    let values: Vec<(BodyMetric, f64)> = wanted
        .iter()
        .filter_map(|m| {
            let v = group?.get(measure_type(*m))?.decimal().to_f64();
            v.is_finite().then_some((*m, v))
        })
        .collect();
    let zone = group.map(|g| zone_of(g, tz)).unwrap_or(tz);
    let Some(at) = local_time(reading.date, zone) else {
        return Answer::phrase(lang, Phrase::NoBodyComposition);
    };
    let mut text = speech::body(lang, units.weight, &speech::when(lang, at, today), &values);
    if fell_back && query != DateQuery::Unspoken {
        text = format!("{} {text}", speech::phrase(lang, Phrase::NothingThenLatest));
    }
    let mut card = text.clone();
    for (m, v) in &values {
        let unit = measure_type(*m).unit();
        card.push_str(&format!("\n{}: {v:.1} {unit}", measure_type(*m).name()));
    }
    card.push_str(&format!("\n{}", at.format("%Y-%m-%d %H:%M")));
    Answer { speech: text, card }
}

impl<S: LinkStore> Skill<S> {
    pub(super) async fn body(
        &self,
        env: &crate::alexa::RequestEnvelope,
        lang: Lang,
        units: Units,
        metric: Option<BodyMetric>,
        query: DateQuery,
        deadline: Deadline,
    ) -> Result<Answer, AccountError> {
        let types: Vec<MeasureType> = metrics(metric).into_iter().map(measure_type).collect();
        let f = self.measures(env, deadline, query, &types).await?;
        let (asked, recent) = &f.data;
        Ok(answer(
            lang, units, metric, query, f.tz, f.now, asked, recent,
        ))
    }
}
