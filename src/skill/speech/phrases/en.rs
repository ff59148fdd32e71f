//! The fixed phrases in English (every English locale).

use super::Phrase;

pub(super) fn phrase(p: Phrase) -> &'static str {
    use Phrase::*;
    match p {
        Welcome => {
            "Welcome to Withings. You can ask about your sleep, weight, steps, heart or workouts, or say 'my summary'. Would you like your summary?"
        }
        WelcomeReprompt => "You can ask, how did I sleep last night? Or say, my summary.",
        Help => {
            "I read you your Withings data. Try asking, how did I sleep last night? What's my blood pressure? How far did I walk this week? Or say, my summary. What would you like to know?"
        }
        Goodbye => "Goodbye.",
        Fallback => {
            "Sorry, I can't help with that yet. You can ask about your sleep, weight, body composition, blood pressure, activity, goals or workouts. What would you like to know?"
        }
        AnythingElse => "Anything else?",
        AccountProfile => "From the account's Withings profile:",
        LinkAccount => {
            "To hear your Withings data, please link your Withings account in the Alexa app. I've sent a card there to help."
        }
        NoSleepData => {
            "I couldn't find any sleep for that night. Open the Withings app so your device can sync, then ask me again."
        }
        NoSleepInPeriod => "I couldn't find any sleep for that time.",
        DateNotUnderstood => "Which day do you mean? You can say last night, or a day like Monday.",
        DateInFuture => "That night hasn't happened yet. Ask me about a night that's past.",
        WithingsBusy => "Withings is busy right now. Please try again in a few minutes.",
        WithingsUnavailable => {
            "Sorry, I couldn't reach Withings just now. Please try again in a moment."
        }
        StoreUnavailable => {
            "Sorry, I'm having trouble finding your account right now. Please try again in a moment."
        }
        BadRequest => "Sorry, I didn't understand that request.",
        CardTitleSleep => "Sleep",
        CardTitleWeight => "Weight",
        CardTitleSteps => "Steps",
        CardTitleBody => "Body composition",
        CardTitleBloodPressure => "Blood pressure",
        CardTitleHeartRate => "Heart rate",
        CardTitleActivity => "Activity",
        CardTitleGoals => "Goals",
        CardTitleWorkouts => "Workouts",
        CardTitleSummary => "Summary",
        NoRecentWeight => {
            "I couldn't find a weigh-in in the last three months. Step on your Withings scale, then ask me again."
        }
        NoWeightThen => "I couldn't find a weigh-in for that time.",
        NoStepsThen => {
            "I couldn't find any steps for that time. Open the Withings app so your tracker can sync, then ask me again."
        }
        AmbiguousWeight => "Your scale wasn't sure that was you, so it may be someone else's.",
        NoRecentSleep => {
            "I couldn't find any sleep in the past week. Open the Withings app so your device can sync, then ask me again."
        }
        NoSleepThatNight => "I couldn't find any sleep for that night.",
        SyncForNewerNights => "For newer nights, open the Withings app so your device can sync.",
        NoStepsThatTime => "I couldn't find any steps for that time.",
        NoStepsTodayYet => {
            "I don't have today's steps yet; open the Withings app so your tracker can sync."
        }
        NotEnoughWeighIns => {
            "I need two weigh-ins to tell how your weight changed, and I found fewer for that time."
        }
        NoBodyComposition => {
            "I couldn't find that body composition measure in the last three months."
        }
        NoBloodPressure => "I couldn't find a blood pressure reading in the last three months.",
        NoHeartRate => "I couldn't find a heart rate reading in the last three months.",
        NoActivity => "I couldn't find any activity for that time.",
        NoWorkouts => "I couldn't find any workouts for that time.",
        NoRecentWorkouts => "I couldn't find any workouts in the last month.",
        NoStepGoal => "You haven't set a step goal in the Withings app yet.",
        NoSleepGoal => "You haven't set a sleep goal in the Withings app yet.",
        NoWeightGoal => "You haven't set a weight goal in the Withings app yet.",
        NoSleepDetail => "Your device didn't record that for that night.",
        NoSummaryData => {
            "I couldn't find any recent sleep, steps or weight. Open the Withings app so your devices can sync, then ask me again."
        }
        AskSleepDetail => {
            "Which part of your sleep? You can ask for your sleep score, deep sleep, REM sleep, wake-ups, or how long it took to fall asleep."
        }
        AskBodyMetric => {
            "Which measure? You can ask for your body fat, fat mass, muscle mass, bone mass, hydration or visceral fat."
        }
        AskActivityMetric => {
            "Which activity? You can ask how far you walked, how many floors you climbed, your calories or your active minutes."
        }
        AskGoal => "Which goal? You can ask about your step, sleep or weight goal.",
        AskMetric => {
            "Sorry, what would you like to know about? You can say sleep, weight, steps, blood pressure or workouts."
        }
        NothingToFollow => {
            "What would you like to know? You can ask about your sleep, weight, steps or workouts."
        }
        OrSummary => "Would you like your summary?",
        NothingThenLatest => "I found nothing for that time, so here is your latest.",
        PartlyFetched => "That is from the days I could fetch in time.",
    }
}
