//! Sentences about progress towards the goals set in the Withings app.

use super::Lang;
use super::weight::{mass, weight};
use super::words::{capitalized, duration, goal_percent};
use crate::skill::units::WeightUnit;

/// "Last night you slept 7 hours 48 minutes, 98 percent of your 8 hour goal."
pub fn sleep_goal(lang: Lang, night: &str, asleep: i64, goal: i64) -> String {
    let (slept, target) = (duration(lang, asleep), duration(lang, goal));
    let night = capitalized(night);
    if asleep >= goal {
        return match lang {
            Lang::De => {
                format!("{night} hast du {slept} geschlafen und dein Ziel von {target} erreicht.")
            }
            Lang::Fr => {
                format!("{night}, vous avez dormi {slept} et atteint votre objectif de {target}.")
            }
            _ => format!("{night} you slept {slept}, meeting your goal of {target}."),
        };
    }
    let pct = goal_percent(asleep, goal);
    match lang {
        Lang::De => {
            format!("{night} hast du {slept} geschlafen, {pct} Prozent deines Ziels von {target}.")
        }
        Lang::Fr => format!(
            "{night}, vous avez dormi {slept}, soit {pct} pour cent de votre objectif de {target}."
        ),
        _ => format!("{night} you slept {slept}, {pct} percent of your goal of {target}."),
    }
}

/// "You weigh 202 pounds; your goal is 190 pounds, 12 pounds to go."
pub fn weight_goal(lang: Lang, unit: WeightUnit, kg: f64, goal_kg: f64) -> String {
    let (now, goal) = (weight(lang, unit, kg), weight(lang, unit, goal_kg));
    let gap = (kg - goal_kg).abs();
    let reached = match unit {
        WeightUnit::Kilograms => gap < 0.25,
        _ => gap * 2.204_622_621_8 < 0.5,
    };
    let to_go = mass(lang, unit, gap);
    match (lang, reached) {
        (Lang::De, true) => format!("Du wiegst {now} und hast dein Ziel von {goal} erreicht."),
        (Lang::De, false) => format!("Du wiegst {now}; dein Ziel ist {goal}, noch {to_go}."),
        (Lang::Fr, true) => format!("Vous pesez {now} et avez atteint votre objectif de {goal}."),
        (Lang::Fr, false) => {
            format!("Vous pesez {now} ; votre objectif est de {goal}, encore {to_go}.")
        }
        (_, true) => format!("You weigh {now}, right at your goal of {goal}."),
        (_, false) => format!("You weigh {now}; your goal is {goal}, {to_go} to go."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_sentences() {
        assert_eq!(
            sleep_goal(Lang::EnUs, "last night", 7 * 3600 + 48 * 60, 8 * 3600),
            "Last night you slept 7 hours 48 minutes, 98 percent of your goal of 8 hours."
        );
        assert_eq!(
            weight_goal(Lang::EnUs, WeightUnit::Pounds, 91.6, 86.2),
            "You weigh 202 pounds; your goal is 190 pounds, 12 pounds to go."
        );
        assert_eq!(
            weight_goal(Lang::Fr, WeightUnit::Kilograms, 80.1, 80.0),
            "Vous pesez 80,1 kilos et avez atteint votre objectif de 80 kilos."
        );
    }
}
