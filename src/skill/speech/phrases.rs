//! The fixed phrases, per language.

use super::Lang;

pub enum Phrase {
    Welcome,
    WelcomeReprompt,
    Help,
    Goodbye,
    Fallback,
    AnythingElse,
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
    NoRecentWeight,
    NoWeightThen,
    NoStepsThen,
    AmbiguousWeight,
    NoRecentSleep,
    NoSleepThatNight,
    SyncForNewerNights,
    NoStepsThatTime,
    NoStepsTodayYet,
    /// Before the account's data, for a recognised speaker without a link of their own.
    AccountProfile,
}

pub fn phrase(lang: Lang, p: Phrase) -> &'static str {
    use Phrase::*;
    match lang {
        Lang::De => match p {
            Welcome => {
                "Willkommen bei Withings. Du kannst fragen, wie du geschlafen hast, was du wiegst oder wie viele Schritte du gegangen bist. Was möchtest du wissen?"
            }
            WelcomeReprompt => "Frag zum Beispiel: Wie habe ich letzte Nacht geschlafen?",
            Help => {
                "Ich lese dir deine Withings-Daten vor. Frag zum Beispiel: Wie habe ich letzte Nacht geschlafen? Was wiege ich? Oder: Wie viele Schritte bin ich gestern gegangen? Was möchtest du wissen?"
            }
            Goodbye => "Bis bald.",
            Fallback => {
                "Das kann ich leider noch nicht. Du kannst nach deinem Schlaf, deinem Gewicht oder deinen Schritten fragen. Was möchtest du wissen?"
            }
            AnythingElse => "Möchtest du noch etwas wissen?",
            AccountProfile => "Aus dem Withings-Profil des Kontos:",
            LinkAccount => {
                "Um deine Withings-Daten zu hören, verknüpfe bitte dein Withings-Konto in der Alexa-App. Ich habe dir dort eine Karte geschickt."
            }
            NoSleepData => {
                "Für diese Nacht habe ich keine Schlafdaten gefunden. Öffne die Withings-App, damit dein Gerät synchronisiert, und frag mich dann noch einmal."
            }
            NoSleepInPeriod => "Für diesen Zeitraum habe ich keine Schlafdaten gefunden.",
            DateNotUnderstood => {
                "Welchen Tag meinst du? Du kannst zum Beispiel letzte Nacht oder Montag sagen."
            }
            DateInFuture => {
                "Dieser Tag liegt noch in der Zukunft. Frag mich nach einer vergangenen Nacht."
            }
            WithingsBusy => {
                "Withings ist gerade ausgelastet. Bitte versuch es in ein paar Minuten noch einmal."
            }
            WithingsUnavailable => {
                "Ich konnte Withings gerade nicht erreichen. Bitte versuch es gleich noch einmal."
            }
            StoreUnavailable => {
                "Ich kann dein Konto gerade nicht nachschlagen. Bitte versuch es gleich noch einmal."
            }
            BadRequest => "Entschuldigung, diese Anfrage habe ich nicht verstanden.",
            CardTitleSleep => "Schlaf",
            CardTitleWeight => "Gewicht",
            CardTitleSteps => "Schritte",
            NoRecentWeight => {
                "In den letzten drei Monaten habe ich keine Wiegung gefunden. Stell dich auf deine Withings-Waage und frag mich dann noch einmal."
            }
            NoWeightThen => "Für diese Zeit habe ich keine Wiegung gefunden.",
            NoStepsThen => {
                "Für diese Zeit habe ich keine Schritte gefunden. Öffne die Withings-App, damit dein Tracker synchronisiert, und frag mich dann noch einmal."
            }
            AmbiguousWeight => "Deine Waage war nicht sicher, ob du das warst.",
            NoRecentSleep => {
                "In der letzten Woche habe ich keine Schlafdaten gefunden. Öffne die Withings-App, damit dein Gerät synchronisiert, und frag mich dann noch einmal."
            }
            NoSleepThatNight => "Für diese Nacht habe ich keine Schlafdaten gefunden.",
            SyncForNewerNights => {
                "Für neuere Nächte öffne die Withings-App, damit dein Gerät synchronisiert."
            }
            NoStepsThatTime => "Für diese Zeit habe ich keine Schritte gefunden.",
            NoStepsTodayYet => {
                "Für heute habe ich noch keine Schritte. Öffne die Withings-App, damit dein Tracker synchronisiert."
            }
        },
        _ => match p {
            Welcome => {
                "Welcome to Withings. You can ask how you slept, what you weigh, or how many steps you've taken. What would you like to know?"
            }
            WelcomeReprompt => "You can ask, how did I sleep last night?",
            Help => {
                "I read you your Withings data. Try asking, how did I sleep last night? What's my weight? Or, how many steps did I take yesterday? What would you like to know?"
            }
            Goodbye => "Goodbye.",
            Fallback => {
                "Sorry, I can't help with that yet. You can ask about your sleep, your weight or your steps. What would you like to know?"
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
            DateNotUnderstood => {
                "Which day do you mean? You can say last night, or a day like Monday."
            }
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
            SyncForNewerNights => {
                "For newer nights, open the Withings app so your device can sync."
            }
            NoStepsThatTime => "I couldn't find any steps for that time.",
            NoStepsTodayYet => {
                "I don't have today's steps yet; open the Withings app so your tracker can sync."
            }
        },
    }
}
