//! Sentences about weight, in the units the user expects.

use super::Lang;
use super::words::decimal;
use crate::skill::units::WeightUnit;

const LB_PER_KG: f64 = 2.204_622_621_8;

/// A weight as a person says it: "81 kilograms" / "81,4 Kilogramm" (one
/// decimal, dropped when zero), "178 and a half pounds" (to the half pound),
/// "12 stone 4" (whole pounds).
pub fn weight(lang: Lang, unit: WeightUnit, kg: f64) -> String {
    match unit {
        WeightUnit::Kilograms => {
            // As said: one kilogram, but 0.5 or 1.5 kilograms; French keeps the
            // singular below two ("1,5 kilo").
            let tenths = (kg * 10.0).round().abs();
            let word = match lang {
                Lang::De => "Kilogramm",
                Lang::Fr if tenths < 20.0 => "kilo",
                Lang::Fr => "kilos",
                _ if tenths == 10.0 => "kilogram",
                _ => "kilograms",
            };
            format!("{} {word}", decimal(lang, kg))
        }
        WeightUnit::Pounds => pounds(lang, kg * LB_PER_KG),
        WeightUnit::Stones => {
            let lb = (kg * LB_PER_KG).round().max(0.0) as i64;
            match (lb / 14, lb % 14) {
                (st, 0) => format!("{st} stone"),
                (st, rest) => format!("{st} stone {rest}"),
            }
        }
    }
}

/// Pounds to the nearest half: "178 pounds", "178 and a half pounds".
fn pounds(lang: Lang, lb: f64) -> String {
    let halves = (lb * 2.0).round() as i64;
    let (whole, half) = (halves / 2, halves % 2 != 0);
    match (lang, half) {
        (Lang::De, _) => format!("{} Pfund", decimal(lang, halves as f64 / 2.0)),
        (Lang::Fr, _) => {
            let word = if halves.abs() < 4 { "livre" } else { "livres" };
            format!("{} {word}", decimal(lang, halves as f64 / 2.0))
        }
        (_, true) if whole == 0 => "half a pound".into(),
        (_, true) => format!("{whole} and a half pounds"),
        (_, false) if whole == 1 => "1 pound".into(),
        (_, false) => format!("{whole} pounds"),
    }
}

/// A body mass (muscle, fat, bone): stones are for body weight only, so
/// British users hear those in pounds.
pub fn mass(lang: Lang, unit: WeightUnit, kg: f64) -> String {
    match unit {
        WeightUnit::Stones => pounds(lang, kg * LB_PER_KG),
        u => weight(lang, u, kg),
    }
}

/// The card's metric line, with the spoken unit beside it when it differs:
/// "81.4 kg (179.5 lb)".
pub fn card_weight(unit: WeightUnit, kg: f64) -> String {
    let metric = format!("{:.1} kg", kg);
    match unit {
        WeightUnit::Kilograms => metric,
        WeightUnit::Pounds => format!("{metric} ({:.1} lb)", kg * LB_PER_KG),
        WeightUnit::Stones => {
            let lb = (kg * LB_PER_KG).round() as i64;
            format!("{metric} ({} st {} lb)", lb / 14, lb % 14)
        }
    }
}

/// "You weighed 178 and a half pounds this morning."
pub fn weighed(lang: Lang, unit: WeightUnit, kg: f64, when: &str) -> String {
    let w = weight(lang, unit, kg);
    match lang {
        Lang::De => format!("Du hast {when} {w} gewogen."),
        Lang::Fr => format!("Vous pesiez {w} {when}."),
        _ => format!("You weighed {w} {when}."),
    }
}

/// "Since Wednesday you've lost 2 pounds, from 180 to 178 pounds." A change
/// under a quarter kilo, or under what the unit can say, is "about the same".
pub fn weight_change(
    lang: Lang,
    unit: WeightUnit,
    since: &str,
    from_kg: f64,
    to_kg: f64,
) -> String {
    // The change is the difference of the two numbers as said, so the
    // sentence adds up for the listener.
    let (from, to) = (weight(lang, unit, from_kg), weight(lang, unit, to_kg));
    let (delta, change) = match unit {
        WeightUnit::Kilograms => {
            let d = ((to_kg * 10.0).round() - (from_kg * 10.0).round()) / 10.0;
            (d, weight(lang, unit, d.abs()))
        }
        WeightUnit::Pounds => {
            let halves = |kg: f64| (kg * LB_PER_KG * 2.0).round();
            let d = (halves(to_kg) - halves(from_kg)) / 2.0;
            (d, pounds(lang, d.abs()))
        }
        WeightUnit::Stones => {
            let d = (to_kg * LB_PER_KG).round() - (from_kg * LB_PER_KG).round();
            (d, pounds(lang, d.abs()))
        }
    };
    // A quarter kilo (about half a pound) is a scale's day-to-day noise: in
    // every unit, a change under it is "about the same".
    let same = delta == 0.0 || (to_kg - from_kg).abs() < 0.25;
    match (lang, same, delta < 0.0) {
        (Lang::De, true, _) => format!("{since} ist dein Gewicht gleich geblieben, bei {to}."),
        (Lang::De, false, true) => {
            format!("{since} hast du {change} abgenommen, von {from} auf {to}.")
        }
        (Lang::De, false, false) => {
            format!("{since} hast du {change} zugenommen, von {from} auf {to}.")
        }
        (Lang::Fr, true, _) => format!("{since}, votre poids est resté stable, à {to}."),
        (Lang::Fr, false, true) => format!("{since}, vous avez perdu {change}, de {from} à {to}."),
        (Lang::Fr, false, false) => format!("{since}, vous avez pris {change}, de {from} à {to}."),
        (_, true, _) => format!("{since} your weight has stayed about the same, at {to}."),
        (_, false, true) => format!("{since} you've lost {change}, from {from} to {to}."),
        (_, false, false) => format!("{since} you've gained {change}, from {from} to {to}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_french_keeps_the_singular_below_two() {
        let kg = WeightUnit::Kilograms;
        assert_eq!(weight(Lang::EnAu, kg, 1.02), "1 kilogram");
        assert_eq!(weight(Lang::EnAu, kg, 0.5), "0.5 kilograms");
        assert_eq!(weight(Lang::Fr, kg, 1.5), "1,5 kilo");
        assert_eq!(weight(Lang::Fr, kg, 2.0), "2 kilos");
        assert_eq!(weight(Lang::Fr, WeightUnit::Pounds, 0.68), "1,5 livre");
    }

    #[test]
    fn a_scales_noise_is_about_the_same_in_every_unit() {
        for (lang, unit) in [
            (Lang::EnAu, WeightUnit::Kilograms),
            (Lang::EnUs, WeightUnit::Pounds),
            (Lang::EnGb, WeightUnit::Stones),
        ] {
            let s = weight_change(lang, unit, "This month", 91.2, 91.1);
            assert!(s.contains("about the same"), "{s}");
            let s = weight_change(lang, unit, "This month", 91.5, 91.1);
            assert!(s.contains("lost"), "{s}");
        }
    }

    #[test]
    fn weights_are_said_like_a_person_says_them() {
        assert_eq!(
            weight(Lang::EnAu, WeightUnit::Kilograms, 81.013),
            "81 kilograms"
        );
        assert_eq!(
            weight(Lang::De, WeightUnit::Kilograms, 81.44),
            "81,4 Kilogramm"
        );
        assert_eq!(weight(Lang::Fr, WeightUnit::Kilograms, 81.44), "81,4 kilos");
        // 81 kg is 178.57 lb.
        assert_eq!(
            weight(Lang::EnUs, WeightUnit::Pounds, 81.0),
            "178 and a half pounds"
        );
        assert_eq!(weight(Lang::EnUs, WeightUnit::Pounds, 81.65), "180 pounds");
        // 78 kg is 171.96 lb: 12 st 4 lb.
        assert_eq!(weight(Lang::EnGb, WeightUnit::Stones, 78.0), "12 stone 4");
        assert_eq!(weight(Lang::EnGb, WeightUnit::Stones, 76.2), "12 stone");
        assert_eq!(
            mass(Lang::EnGb, WeightUnit::Stones, 1.2),
            "2 and a half pounds"
        );
        assert_eq!(
            card_weight(WeightUnit::Stones, 78.0),
            "78.0 kg (12 st 4 lb)"
        );
    }

    #[test]
    fn changes_say_which_way_and_by_how_much() {
        assert_eq!(
            weight_change(
                Lang::EnUs,
                WeightUnit::Pounds,
                "Since Wednesday",
                82.0,
                81.0
            ),
            "Since Wednesday you've lost 2 and a half pounds, from 181 pounds to 178 and a half pounds."
        );
        assert_eq!(
            weight_change(
                Lang::Fr,
                WeightUnit::Kilograms,
                "Depuis mercredi",
                81.0,
                81.02
            ),
            "Depuis mercredi, votre poids est resté stable, à 81 kilos."
        );
    }
}
