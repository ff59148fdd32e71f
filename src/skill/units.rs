//! The units answers are spoken in: locale defaults, which the device's Alexa
//! settings (`System.distanceUnits`) override for distance.

use super::speech::Lang;
use crate::alexa::settings::DistanceUnits;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightUnit {
    Kilograms,
    Pounds,
    /// Stones and pounds: how British people state their body weight.
    Stones,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceUnit {
    Kilometers,
    Miles,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Units {
    pub weight: WeightUnit,
    pub distance: DistanceUnit,
}

impl Units {
    /// What people in each locale expect when nothing is set.
    pub fn for_lang(lang: Lang) -> Units {
        let weight = match lang {
            Lang::EnUs | Lang::EnCa => WeightUnit::Pounds,
            Lang::EnGb => WeightUnit::Stones,
            Lang::EnAu | Lang::EnIn | Lang::De | Lang::Fr => WeightUnit::Kilograms,
        };
        let distance = match lang {
            Lang::EnUs | Lang::EnGb => DistanceUnit::Miles,
            _ => DistanceUnit::Kilometers,
        };
        Units { weight, distance }
    }

    pub fn for_locale(locale: &str) -> Units {
        Units::for_lang(Lang::from_locale(locale))
    }

    /// The locale default with the device's `System.distanceUnits` applied.
    pub fn with_distance_setting(mut self, setting: Option<DistanceUnits>) -> Units {
        match setting {
            Some(DistanceUnits::Metric) => self.distance = DistanceUnit::Kilometers,
            Some(DistanceUnits::Imperial) => self.distance = DistanceUnit::Miles,
            None => {}
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_defaults_and_the_device_setting() {
        let us = Units::for_locale("en-US");
        assert_eq!(
            (us.weight, us.distance),
            (WeightUnit::Pounds, DistanceUnit::Miles)
        );
        let gb = Units::for_locale("en-GB");
        assert_eq!(
            (gb.weight, gb.distance),
            (WeightUnit::Stones, DistanceUnit::Miles)
        );
        let ca = Units::for_locale("en-CA");
        assert_eq!(
            (ca.weight, ca.distance),
            (WeightUnit::Pounds, DistanceUnit::Kilometers)
        );
        for l in ["en-AU", "en-IN", "de-DE", "fr-FR"] {
            let u = Units::for_locale(l);
            assert_eq!(
                (u.weight, u.distance),
                (WeightUnit::Kilograms, DistanceUnit::Kilometers),
                "{l}"
            );
        }
        assert_eq!(
            us.with_distance_setting(Some(DistanceUnits::Metric))
                .distance,
            DistanceUnit::Kilometers
        );
        assert_eq!(
            Units::for_locale("de-DE")
                .with_distance_setting(Some(DistanceUnits::Imperial))
                .distance,
            DistanceUnit::Miles
        );
        assert_eq!(us.with_distance_setting(None), us);
    }
}
