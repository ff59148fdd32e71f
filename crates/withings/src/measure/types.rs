//! The code tables of getmeas: measure types, attributions and categories.
//!
//! Each enum keeps an `Unknown(code)` escape hatch: Withings adds codes
//! without notice, and one unknown code must never fail a whole page.

use crate::lenient;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

macro_rules! measure_types {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $name:literal, $unit:literal;)*) => {
        /// `meastype`: what a measure measures.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum MeasureType {
            $(
                #[doc = concat!($name, " (code ", $code, ").")]
                $(#[$doc])*
                $variant,
            )*
            /// A code this crate does not know yet.
            Unknown(i64),
        }

        impl MeasureType {
            /// Every documented type, in code order.
            pub const ALL: &'static [MeasureType] = &[$(MeasureType::$variant),*];

            /// The type of a `meastype` code.
            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => MeasureType::$variant,)*
                    other => MeasureType::Unknown(other),
                }
            }

            /// The `meastype` code.
            pub fn code(&self) -> i64 {
                match self {
                    $(MeasureType::$variant => $code,)*
                    MeasureType::Unknown(c) => *c,
                }
            }

            /// English name as in Withings' table.
            pub fn name(&self) -> &'static str {
                match self {
                    $(MeasureType::$variant => $name,)*
                    MeasureType::Unknown(_) => "Unknown measure",
                }
            }

            /// Unit symbol ("kg", "mmHg"); empty for scores and classifications.
            pub fn unit(&self) -> &'static str {
                match self {
                    $(MeasureType::$variant => $unit,)*
                    MeasureType::Unknown(_) => "",
                }
            }
        }
    };
}

// Units from Withings' table; it gives none for the ECG intervals (135–138)
// nor for electrodermal activity / ESC (196, 229), so those carry the
// customary ms and µS.
measure_types! {
    Weight = 1, "Weight", "kg";
    Height = 4, "Height", "m";
    FatFreeMass = 5, "Fat free mass", "kg";
    FatRatio = 6, "Fat ratio", "%";
    FatMassWeight = 8, "Fat mass weight", "kg";
    DiastolicBloodPressure = 9, "Diastolic blood pressure", "mmHg";
    SystolicBloodPressure = 10, "Systolic blood pressure", "mmHg";
    /// From blood-pressure monitors and scales only.
    HeartPulse = 11, "Heart pulse", "bpm";
    Temperature = 12, "Temperature", "°C";
    Spo2 = 54, "SpO2", "%";
    BodyTemperature = 71, "Body temperature", "°C";
    SkinTemperature = 73, "Skin temperature", "°C";
    MuscleMass = 76, "Muscle mass", "kg";
    Hydration = 77, "Hydration", "kg";
    BoneMass = 88, "Bone mass", "kg";
    PulseWaveVelocity = 91, "Pulse wave velocity", "m/s";
    Vo2Max = 123, "VO2 max", "ml/min/kg";
    /// A classification (0 negative, 1 positive, …), not a physical value.
    AfibResult = 130, "Atrial fibrillation result", "";
    QrsInterval = 135, "QRS interval", "ms";
    PrInterval = 136, "PR interval", "ms";
    QtInterval = 137, "QT interval", "ms";
    CorrectedQtInterval = 138, "Corrected QT interval", "ms";
    AfibPpg = 139, "Atrial fibrillation result from PPG", "";
    VascularAge = 155, "Vascular age", "years";
    NerveHealthScore = 167, "Nerve health score", "";
    ExtracellularWater = 168, "Extracellular water", "kg";
    IntracellularWater = 169, "Intracellular water", "kg";
    /// Without unit.
    VisceralFat = 170, "Visceral fat", "";
    FatFreeMassSegments = 173, "Fat free mass for segments", "kg";
    FatMassSegments = 174, "Fat mass for segments", "kg";
    MuscleMassSegments = 175, "Muscle mass for segments", "kg";
    ElectrodermalActivityFeet = 196, "Electrodermal activity feet", "µS";
    BasalMetabolicRate = 226, "Basal metabolic rate", "kcal";
    MetabolicAge = 227, "Metabolic age", "years";
    ElectrochemicalSkinConductance = 229, "Electrochemical skin conductance", "µS";
}

impl<'de> Deserialize<'de> for MeasureType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::i64_any(d).map(MeasureType::from_code)
    }
}

impl Serialize for MeasureType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.code())
    }
}

/// `attrib`: how a group was attributed to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attrib {
    /// 0: captured by a device, surely this user's.
    Device,
    /// 1: captured by a device shared with other users; may be someone else's.
    DeviceAmbiguous,
    /// 2: entered manually.
    Manual,
    /// 4: entered manually at account creation (may be stale).
    ManualAtCreation,
    /// 5: blood-pressure monitor's best of a series.
    BpmAuto,
    /// 7: confirmed by the user.
    Confirmed,
    /// 8: documented as "same as 0"; arrives as a duplicate of an attrib-0 group.
    SameAsDevice,
    /// 15: taken in guided conditions (Nerve Health Score).
    Guided,
    /// 17: guided conditions, newer devices (NHS + ESC); undocumented in the
    /// current table but seen in real data.
    GuidedEsc,
    /// A code this crate does not know yet (-1 when none was sent).
    Unknown(i64),
}

impl Attrib {
    /// The attribution of an `attrib` code.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Attrib::Device,
            1 => Attrib::DeviceAmbiguous,
            2 => Attrib::Manual,
            4 => Attrib::ManualAtCreation,
            5 => Attrib::BpmAuto,
            7 => Attrib::Confirmed,
            8 => Attrib::SameAsDevice,
            15 => Attrib::Guided,
            17 => Attrib::GuidedEsc,
            c => Attrib::Unknown(c),
        }
    }

    /// The `attrib` code.
    pub fn code(&self) -> i64 {
        match self {
            Attrib::Device => 0,
            Attrib::DeviceAmbiguous => 1,
            Attrib::Manual => 2,
            Attrib::ManualAtCreation => 4,
            Attrib::BpmAuto => 5,
            Attrib::Confirmed => 7,
            Attrib::SameAsDevice => 8,
            Attrib::Guided => 15,
            Attrib::GuidedEsc => 17,
            Attrib::Unknown(c) => *c,
        }
    }

    /// May belong to someone sharing the device. A value like that is still
    /// worth reporting, flagged, rather than dropped: it is usually the user's.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, Attrib::DeviceAmbiguous)
    }

    /// How much to trust that a group is this user's, for choosing between
    /// groups that report the same thing at the same time. Higher is better.
    pub fn trust(&self) -> u8 {
        match self {
            Attrib::Device | Attrib::SameAsDevice | Attrib::Confirmed => 4,
            Attrib::BpmAuto | Attrib::Guided | Attrib::GuidedEsc => 4,
            Attrib::Manual => 3,
            Attrib::ManualAtCreation => 2,
            Attrib::Unknown(_) => 1,
            Attrib::DeviceAmbiguous => 0,
        }
    }
}

impl<'de> Deserialize<'de> for Attrib {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Missing or null: nothing says it is ambiguous; treat as unknown.
        Ok(lenient::opt_i64(d)?.map_or(Attrib::Unknown(-1), Attrib::from_code))
    }
}

/// `category`: real measures or the user's objectives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeasureCategory {
    /// 1: measured (the default when the field is missing).
    Real,
    /// 2: an objective the user set.
    Goal,
    /// A code this crate does not know yet.
    Unknown(i64),
}

impl MeasureCategory {
    /// The category of a `category` code.
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => MeasureCategory::Real,
            2 => MeasureCategory::Goal,
            c => MeasureCategory::Unknown(c),
        }
    }

    /// The `category` code.
    pub fn code(&self) -> i64 {
        match self {
            MeasureCategory::Real => 1,
            MeasureCategory::Goal => 2,
            MeasureCategory::Unknown(c) => *c,
        }
    }
}

impl<'de> Deserialize<'de> for MeasureCategory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(lenient::opt_i64(d)?.map_or(MeasureCategory::Real, MeasureCategory::from_code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_type_round_trips() {
        assert_eq!(MeasureType::ALL.len(), 35);
        for t in MeasureType::ALL {
            assert_eq!(MeasureType::from_code(t.code()), *t);
            assert!(!t.name().is_empty());
        }
        assert_eq!(MeasureType::from_code(999), MeasureType::Unknown(999));
        assert_eq!(MeasureType::Weight.unit(), "kg");
        assert_eq!(MeasureType::SystolicBloodPressure.unit(), "mmHg");
        assert_eq!(Attrib::from_code(17), Attrib::GuidedEsc);
        assert_eq!(Attrib::from_code(10), Attrib::Unknown(10));
    }
}
