//! `AMAZON.DATE` values, random and nearly valid, on any day in any zone: the
//! parser never panics, a parsed date resolves to a period that is ordered and
//! not in the future, and every real calendar day is understood.

mod fuzzing;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use fuzzing::*;
use proptest::prelude::*;
use withings::local_today;
use withings_alexa::alexa::date::{self, SpokenDate};
use withings_alexa::skill::query::DateQuery;

const REGRESSIONS: &str = "tests/proptest-regressions/fuzz_dates.txt";

/// Forms close to what Alexa sends: right shapes with wrong numbers, wrong
/// case, stray spaces and signs.
fn near_valid() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9X]{0,5}",
        "[0-9]{4}-[0-9]{1,3}-[0-9]{1,3}",
        "[0-9X]{4}-[Ww][0-9]{0,3}(-[Ww][Ee])?",
        "[0-9X]{4}-(WI|SP|SU|FA|wi|XX|xx|[0-9]{1,2})(-(XX|[0-9]{2}))?",
        "(PRESENT_REF|present_ref|[0-9]{3}[Xx]|[0-9]{2}XX|XXXX)",
        "[ +-]?[0-9]{1,6}-[0-9]{0,3}-[0-9]{0,3}[ ]?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}",
        "[0-9A-Z-]{0,14}",
    ]
}

/// Any day from year 1 to 9999.
fn any_day() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap().num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .unwrap()
        .num_days_from_ce();
    (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

fn any_zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(chrono_tz::TZ_VARIANTS.to_vec())
}

/// Any instant from year 1 to 9999.
fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    (-62_135_596_800i64..253_402_300_799).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

/// What the skill does with a slot value on `now` in `tz`, checked.
fn check(value: &str, tz: Tz, now: DateTime<Utc>) -> Result<(), TestCaseError> {
    let spoken = date::parse(value);
    let query = DateQuery::from_slot(Some(value));
    prop_assert_eq!(spoken.is_some(), query.is_some());
    let Some(query) = query else {
        return Ok(());
    };
    let today = local_today(tz, now);
    if let Some(p) = query.period(today, tz) {
        prop_assert!(p.first <= p.last, "{value:?}: {p:?}");
        prop_assert!(
            p.last <= today,
            "{value:?} on {today}: {p:?} ends in the future"
        );
        let range = query
            .fetch_range(today, tz)
            .expect("a period has a fetch range");
        prop_assert!(range.first <= p.first && p.last <= range.last);
    } else {
        prop_assert!(query.fetch_range(today, tz).is_none());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(15_000, REGRESSIONS))]

    #[test]
    fn random_strings(value in chars(16), tz in any_zone(), now in any_instant()) {
        check(&value, tz, now)?;
    }

    #[test]
    fn nearly_valid_forms(value in near_valid(), tz in any_zone(), now in any_instant()) {
        check(&value, tz, now)?;
    }

    #[test]
    fn every_calendar_day_is_understood(day in any_day(), today in any_day()) {
        let value = day.format("%Y-%m-%d").to_string();
        prop_assert_eq!(date::parse(&value), Some(SpokenDate::Day(day)));
        if let Some(p) = SpokenDate::Day(day).resolve(today) {
            prop_assert!(p.first <= p.last && p.last <= today);
        } else {
            prop_assert!(day > today, "{day} is past on {today} yet unresolved");
        }
    }
}
