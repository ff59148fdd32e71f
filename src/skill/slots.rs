//! The custom slot types of the intent contract and how a slot becomes one of
//! their ids: entity resolution first, else the spoken value matched against the
//! ids and their synonyms (what a model without resolutions still sends).

use crate::alexa::request::Slot;

macro_rules! slot_type {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $id:literal [$($syn:literal),*],)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The id the interaction models give this value.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            /// The value for an id or a spoken synonym (any case).
            pub fn from_text(text: &str) -> Option<Self> {
                let t = text.trim().to_lowercase();
                $(
                    if t == $id || t == $id.replace('_', " ") $(|| t == $syn)* {
                        return Some($name::$variant);
                    }
                )*
                None
            }
        }
    };
}

slot_type! {
    /// SleepDetail: one detail of a night.
    SleepDetail {
        FallAsleep = "fall_asleep" ["time to fall asleep", "fall asleep", "einschlafen", "einschlafzeit", "endormissement", "m'endormir"],
        Rem = "rem" ["rem sleep", "rem-schlaf", "sommeil paradoxal"],
        Light = "light" ["light sleep", "leichtschlaf", "sommeil léger"],
        Deep = "deep" ["deep sleep", "tiefschlaf", "sommeil profond"],
        Wakeups = "wakeups" ["wake ups", "wake-ups", "woke up", "aufwachphasen", "réveils"],
        Score = "score" ["sleep score", "schlafwert", "score de sommeil"],
        HeartRate = "heart_rate" ["heart rate", "pulse", "puls", "herzfrequenz", "fréquence cardiaque", "pouls"],
    }
}

slot_type! {
    /// BodyMetric: what the scale measured besides weight.
    BodyMetric {
        FatPercent = "fat_percent" ["body fat", "fat percentage", "körperfett", "fettanteil", "masse grasse en pourcentage", "taux de graisse"],
        FatMass = "fat_mass" ["fat mass", "fettmasse", "masse grasse"],
        Muscle = "muscle" ["muscle mass", "muskelmasse", "masse musculaire"],
        Bone = "bone" ["bone mass", "knochenmasse", "masse osseuse"],
        Hydration = "hydration" ["water", "body water", "wasseranteil", "hydratation"],
        VisceralFat = "visceral_fat" ["visceral fat", "viszeralfett", "graisse viscérale"],
    }
}

slot_type! {
    /// ActivityMetric: a day's activity besides steps.
    ActivityMetric {
        Distance = "distance" ["how far", "strecke", "entfernung"],
        Floors = "floors" ["stairs", "stockwerke", "etagen", "étages"],
        Calories = "calories" ["kalorien"],
        ActiveMinutes = "active_minutes" ["active time", "aktive minuten", "minutes actives"],
    }
}

slot_type! {
    /// GoalKind: one of the goals set in the Withings app.
    GoalKind {
        Steps = "steps" ["step goal", "schritte", "schrittziel", "pas"],
        Sleep = "sleep" ["sleep goal", "schlaf", "schlafziel", "sommeil"],
        Weight = "weight" ["weight goal", "gewicht", "gewichtsziel", "poids"],
    }
}

slot_type! {
    /// Metric: what a follow-up question switches to.
    Metric {
        Sleep = "sleep" ["schlaf", "sommeil"],
        Weight = "weight" ["gewicht", "poids"],
        Steps = "steps" ["schritte", "pas"],
        BodyComposition = "body_composition" ["body composition", "körperzusammensetzung", "composition corporelle"],
        BloodPressure = "blood_pressure" ["blood pressure", "blutdruck", "tension", "tension artérielle"],
        HeartRate = "heart_rate" ["heart rate", "pulse", "puls", "fréquence cardiaque", "pouls"],
        Distance = "distance" ["strecke"],
        Floors = "floors" ["stockwerke", "étages"],
        Calories = "calories" ["kalorien"],
        ActiveMinutes = "active_minutes" ["active minutes", "aktive minuten", "minutes actives"],
        Workouts = "workouts" ["workout", "trainings", "training", "entraînements", "séances"],
    }
}

/// What a custom slot held: nothing, a known id, or words that match none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlotValue<T> {
    Empty,
    Known(T),
    Unknown(String),
}

/// The id entity resolution matched, if any authority matched.
fn resolved_id(slot: &Slot) -> Option<String> {
    let authorities = slot
        .resolutions
        .as_ref()?
        .get("resolutionsPerAuthority")?
        .as_array()?;
    authorities.iter().find_map(|a| {
        let matched = a.pointer("/status/code")?.as_str()? == "ER_SUCCESS_MATCH";
        let id = a.pointer("/values/0/value/id")?.as_str()?;
        matched.then(|| id.to_string())
    })
}

/// Read a custom slot through `parse` (an id or synonym to a value).
pub fn read<T>(slot: Option<&Slot>, parse: impl Fn(&str) -> Option<T>) -> SlotValue<T> {
    let Some(slot) = slot else {
        return SlotValue::Empty;
    };
    let spoken = slot
        .value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty() && *v != "?");
    if let Some(v) = resolved_id(slot).as_deref().and_then(&parse) {
        return SlotValue::Known(v);
    }
    match spoken {
        None => SlotValue::Empty,
        Some(s) => match parse(s) {
            Some(v) => SlotValue::Known(v),
            None => SlotValue::Unknown(s.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn slot(value: Option<&str>, resolutions: Option<serde_json::Value>) -> Slot {
        Slot {
            name: Some("detail".into()),
            value: value.map(str::to_string),
            resolutions,
        }
    }

    #[test]
    fn resolution_id_first_then_spoken_words() {
        let er = json!({"resolutionsPerAuthority": [{
            "authority": "amzn1.er-authority.echo-sdk.x.SleepDetail",
            "status": {"code": "ER_SUCCESS_MATCH"},
            "values": [{"value": {"name": "how long it took me to fall asleep", "id": "fall_asleep"}}]
        }]});
        let s = slot(Some("how long it took me to fall asleep"), Some(er));
        assert_eq!(
            read(Some(&s), SleepDetail::from_text),
            SlotValue::Known(SleepDetail::FallAsleep)
        );
        let s = slot(Some("Deep Sleep"), None);
        assert_eq!(
            read(Some(&s), SleepDetail::from_text),
            SlotValue::Known(SleepDetail::Deep)
        );
        let no_match = json!({"resolutionsPerAuthority": [{
            "status": {"code": "ER_SUCCESS_NO_MATCH"}
        }]});
        let s = slot(Some("dreams"), Some(no_match));
        assert_eq!(
            read(Some(&s), SleepDetail::from_text),
            SlotValue::Unknown("dreams".into())
        );
        assert_eq!(
            read(Some(&slot(None, None)), SleepDetail::from_text),
            SlotValue::Empty
        );
        assert_eq!(read(None, GoalKind::from_text), SlotValue::Empty);
    }

    #[test]
    fn every_id_reads_back() {
        for m in Metric::ALL {
            assert_eq!(Metric::from_text(m.id()), Some(*m));
        }
        for m in BodyMetric::ALL {
            assert_eq!(BodyMetric::from_text(m.id()), Some(*m));
        }
        assert_eq!(
            ActivityMetric::from_text("active minutes"),
            Some(ActivityMetric::ActiveMinutes)
        );
    }
}
