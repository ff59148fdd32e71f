//! The fixed phrases, one file per language.

mod de;
mod en;
mod fr;

use super::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phrase {
    Welcome,
    WelcomeReprompt,
    Help,
    Goodbye,
    Fallback,
    AnythingElse,
    /// Before the account's data, for a recognised speaker without a link of their own.
    AccountProfile,
    LinkAccount,
    NoSleepData,
    NoSleepInPeriod,
    DateNotUnderstood,
    DateInFuture,
    WithingsBusy,
    WithingsUnavailable,
    StoreUnavailable,
    BadRequest,
    CardTitleSleep,
    CardTitleWeight,
    CardTitleSteps,
    CardTitleBody,
    CardTitleBloodPressure,
    CardTitleHeartRate,
    CardTitleActivity,
    CardTitleGoals,
    CardTitleWorkouts,
    CardTitleSummary,
    NoRecentWeight,
    NoWeightThen,
    NoStepsThen,
    AmbiguousWeight,
    NoRecentSleep,
    NoSleepThatNight,
    SyncForNewerNights,
    NoStepsThatTime,
    NoStepsTodayYet,
    NotEnoughWeighIns,
    NoBodyComposition,
    NoBloodPressure,
    NoHeartRate,
    NoActivity,
    NoWorkouts,
    NoRecentWorkouts,
    NoStepGoal,
    NoSleepGoal,
    NoWeightGoal,
    NoSleepDetail,
    NoSummaryData,
    AskSleepDetail,
    AskBodyMetric,
    AskActivityMetric,
    AskGoal,
    AskMetric,
    NothingToFollow,
    /// Asked after a data answer in an open session.
    OrSummary,
    NothingThenLatest,
    /// After an answer over a period too long to read whole in time.
    PartlyFetched,
}

pub fn phrase(lang: Lang, p: Phrase) -> &'static str {
    match lang {
        Lang::De => de::phrase(p),
        Lang::Fr => fr::phrase(p),
        _ => en::phrase(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_said_in_every_language() {
        use Phrase::*;
        let all = [
            Welcome,
            WelcomeReprompt,
            Help,
            Goodbye,
            Fallback,
            AnythingElse,
            AccountProfile,
            LinkAccount,
            NoSleepData,
            NoSleepInPeriod,
            DateNotUnderstood,
            DateInFuture,
            WithingsBusy,
            WithingsUnavailable,
            StoreUnavailable,
            BadRequest,
            CardTitleSleep,
            CardTitleWeight,
            CardTitleSteps,
            CardTitleBody,
            CardTitleBloodPressure,
            CardTitleHeartRate,
            CardTitleActivity,
            CardTitleGoals,
            CardTitleWorkouts,
            CardTitleSummary,
            NoRecentWeight,
            NoWeightThen,
            NoStepsThen,
            AmbiguousWeight,
            NoRecentSleep,
            NoSleepThatNight,
            SyncForNewerNights,
            NoStepsThatTime,
            NoStepsTodayYet,
            NotEnoughWeighIns,
            NoBodyComposition,
            NoBloodPressure,
            NoHeartRate,
            NoActivity,
            NoWorkouts,
            NoRecentWorkouts,
            NoStepGoal,
            NoSleepGoal,
            NoWeightGoal,
            NoSleepDetail,
            NoSummaryData,
            AskSleepDetail,
            AskBodyMetric,
            AskActivityMetric,
            AskGoal,
            AskMetric,
            NothingToFollow,
            OrSummary,
            NothingThenLatest,
            PartlyFetched,
        ];
        for lang in [Lang::EnUs, Lang::De, Lang::Fr] {
            for p in all {
                let s = phrase(lang, p);
                assert!(
                    !s.is_empty() && s.split_whitespace().count() <= 40,
                    "{lang:?} {p:?}"
                );
            }
        }
        assert_ne!(phrase(Lang::Fr, Goodbye), phrase(Lang::EnUs, Goodbye));
    }
}
