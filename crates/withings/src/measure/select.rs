//! Choosing among the groups getmeas returns: collapsing what it reports twice,
//! and picking the newest value (or blood-pressure pair) the user can trust.

use super::decimal::Decimal;
use super::types::{Attrib, MeasureCategory, MeasureType};
use super::wire::{Measure, MeasureGroup};
use std::collections::{HashMap, HashSet};

/// Collapse what the API reports twice:
/// * the same `grpid` more than once (attrib 0 and 8 copies): keep the most
///   recently modified copy, preferring a non-8 attrib on ties;
/// * the same measure type in several groups with the same `date` and category
///   (a weigh-in attributed twice): keep it in the most trusted group only.
///
/// Groups left without measures are dropped; the result is newest first.
pub fn dedupe(groups: Vec<MeasureGroup>) -> Vec<MeasureGroup> {
    let mut by_id: HashMap<i64, MeasureGroup> = HashMap::with_capacity(groups.len());
    for g in groups {
        match by_id.get(&g.grpid) {
            Some(kept) if copy_rank(kept) >= copy_rank(&g) => {}
            _ => {
                by_id.insert(g.grpid, g);
            }
        }
    }
    let mut out: Vec<MeasureGroup> = by_id.into_values().collect();
    // Most trusted first within a timestamp, so the first claim on a type wins.
    out.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| b.attrib.trust().cmp(&a.attrib.trust()))
            .then_with(|| b.modified.cmp(&a.modified))
            .then_with(|| b.grpid.cmp(&a.grpid))
    });
    // Keyed by position too: segment types (173–175) repeat within one group,
    // once per body part. Only an earlier group can claim a measure.
    let mut claimed: HashSet<(i64, i64, i64, Option<i64>)> = HashSet::new();
    for g in &mut out {
        let (date, cat) = (g.date, g.category.code());
        let key = |m: &Measure| (date, cat, m.kind.code(), m.position);
        g.measures.retain(|m| !claimed.contains(&key(m)));
        claimed.extend(g.measures.iter().map(key));
    }
    out.retain(|g| !g.measures.is_empty());
    out
}

fn copy_rank(g: &MeasureGroup) -> (Option<i64>, bool, usize) {
    (
        g.modified,
        g.attrib != Attrib::SameAsDevice,
        g.measures.len(),
    )
}

/// One value picked out of the groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// What was measured.
    pub kind: MeasureType,
    /// The exact value, in the type's unit.
    pub value: Decimal,
    /// When it was taken (unix seconds).
    pub date: i64,
    /// The group it came from.
    pub grpid: i64,
    /// How that group was attributed to the user.
    pub attrib: Attrib,
    /// The zone the group was taken in, if Withings said.
    pub timezone: Option<String>,
}

impl Reading {
    /// Possibly someone else's (shared device); say so instead of hiding it.
    pub fn ambiguous(&self) -> bool {
        self.attrib.is_ambiguous()
    }
}

/// The newest real (not objective) measure of `kind`. An ambiguous group is
/// only used when nothing attributed to the user exists.
pub fn latest(groups: &[MeasureGroup], kind: MeasureType) -> Option<Reading> {
    let pick = |allow_ambiguous: bool| {
        groups
            .iter()
            .filter(|g| g.category == MeasureCategory::Real)
            .filter(|g| allow_ambiguous || !g.attrib.is_ambiguous())
            .filter_map(|g| g.get(kind).map(|m| (g, m)))
            .max_by(|(a, _), (b, _)| {
                a.date
                    .cmp(&b.date)
                    .then_with(|| a.attrib.trust().cmp(&b.attrib.trust()))
                    .then_with(|| a.modified.cmp(&b.modified))
                    .then_with(|| a.grpid.cmp(&b.grpid))
            })
            .map(|(g, m)| Reading {
                kind,
                value: m.decimal(),
                date: g.date,
                grpid: g.grpid,
                attrib: g.attrib,
                timezone: g.timezone.clone(),
            })
    };
    pick(false).or_else(|| pick(true))
}

/// A blood-pressure reading: both values come from the same group.
#[derive(Clone, Debug, PartialEq)]
pub struct BloodPressure {
    /// Systolic pressure, mmHg.
    pub systolic: Decimal,
    /// Diastolic pressure, mmHg.
    pub diastolic: Decimal,
    /// Heart pulse taken with it, bpm, if the monitor sent one.
    pub pulse: Option<Decimal>,
    /// When it was taken (unix seconds).
    pub date: i64,
    /// How the group was attributed to the user.
    pub attrib: Attrib,
}

/// The newest group that has both systolic and diastolic pressure.
pub fn latest_blood_pressure(groups: &[MeasureGroup]) -> Option<BloodPressure> {
    let reading = |allow_ambiguous: bool| {
        groups
            .iter()
            .filter(|g| g.category == MeasureCategory::Real)
            .filter(|g| allow_ambiguous || !g.attrib.is_ambiguous())
            .filter_map(|g| {
                let sys = g.get(MeasureType::SystolicBloodPressure)?;
                let dia = g.get(MeasureType::DiastolicBloodPressure)?;
                Some(BloodPressure {
                    systolic: sys.decimal(),
                    diastolic: dia.decimal(),
                    pulse: g.get(MeasureType::HeartPulse).map(Measure::decimal),
                    date: g.date,
                    attrib: g.attrib,
                })
            })
            .max_by_key(|bp| bp.date)
    };
    reading(false).or_else(|| reading(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(
        grpid: i64,
        attrib: i64,
        date: i64,
        modified: i64,
        types: &[(i64, i64)],
    ) -> MeasureGroup {
        let measures: Vec<_> = types
            .iter()
            .map(|(t, v)| serde_json::json!({"type": t, "value": v, "unit": -3}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "grpid": grpid, "attrib": attrib, "date": date, "created": date,
            "modified": modified, "category": 1, "deviceid": null, "measures": measures
        }))
        .unwrap()
    }

    #[test]
    fn dedupe_collapses_copies_and_same_time_groups() {
        let groups = vec![
            group(1, 0, 100, 110, &[(1, 81013), (6, 21000)]),
            group(1, 8, 100, 110, &[(1, 81013), (6, 21000)]),
            // Same weigh-in, ambiguous copy under another grpid, plus a new type.
            group(2, 1, 100, 120, &[(1, 81000), (91, 7100)]),
            group(3, 1, 50, 60, &[(1, 70000)]),
        ];
        let out = dedupe(groups);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].grpid, 1);
        assert_eq!(out[0].attrib, Attrib::Device);
        assert_eq!(out[1].grpid, 2);
        assert_eq!(out[1].measures.len(), 1);
        assert_eq!(out[1].measures[0].kind, MeasureType::PulseWaveVelocity);
        assert_eq!(out[2].grpid, 3);

        // Segment measures repeat a type within a group and all survive.
        let mut segments = group(9, 0, 200, 200, &[(175, 3000), (175, 3100)]);
        segments.measures[1].position = Some(3);
        assert_eq!(dedupe(vec![segments]).remove(0).measures.len(), 2);

        let w = latest(&out, MeasureType::Weight).unwrap();
        assert_eq!((w.grpid, w.value.to_string().as_str()), (1, "81.013"));
        // Only an ambiguous group has this type: still reported, flagged.
        let only_ambiguous = vec![group(3, 1, 50, 60, &[(1, 70000)])];
        assert!(
            latest(&only_ambiguous, MeasureType::Weight)
                .unwrap()
                .ambiguous()
        );
        assert_eq!(latest(&out, MeasureType::Height), None);
    }
}
