//! Die festen Sätze auf Deutsch.

use super::Phrase;

pub(super) fn phrase(p: Phrase) -> &'static str {
    use Phrase::*;
    match p {
        Welcome => {
            "Willkommen bei Withings. Du kannst nach Schlaf, Gewicht, Schritten, Herz oder Training fragen, oder sag: meine Zusammenfassung. Möchtest du deine Zusammenfassung hören?"
        }
        WelcomeReprompt => {
            "Frag zum Beispiel: Wie habe ich letzte Nacht geschlafen? Oder sag: meine Zusammenfassung."
        }
        Help => {
            "Ich lese dir deine Withings-Daten vor. Frag zum Beispiel: Wie habe ich letzte Nacht geschlafen? Wie ist mein Blutdruck? Wie weit bin ich diese Woche gegangen? Oder sag: meine Zusammenfassung. Was möchtest du wissen?"
        }
        Goodbye => "Bis bald.",
        Fallback => {
            "Das kann ich leider noch nicht. Du kannst nach Schlaf, Gewicht, Körperzusammensetzung, Blutdruck, Aktivität, Zielen oder Training fragen. Was möchtest du wissen?"
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
        CardTitleBody => "Körperzusammensetzung",
        CardTitleBloodPressure => "Blutdruck",
        CardTitleHeartRate => "Puls",
        CardTitleActivity => "Aktivität",
        CardTitleGoals => "Ziele",
        CardTitleWorkouts => "Training",
        CardTitleSummary => "Zusammenfassung",
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
        NotEnoughWeighIns => {
            "Um zu sagen, wie sich dein Gewicht verändert hat, brauche ich zwei Wiegungen, und für diese Zeit habe ich weniger gefunden."
        }
        NoBodyComposition => {
            "Diesen Wert deiner Körperzusammensetzung habe ich in den letzten drei Monaten nicht gefunden."
        }
        NoBloodPressure => "In den letzten drei Monaten habe ich keine Blutdruckmessung gefunden.",
        NoHeartRate => "In den letzten drei Monaten habe ich keine Pulsmessung gefunden.",
        NoActivity => "Für diese Zeit habe ich keine Aktivität gefunden.",
        NoWorkouts => "Für diese Zeit habe ich kein Training gefunden.",
        NoRecentWorkouts => "Im letzten Monat habe ich kein Training gefunden.",
        NoStepGoal => "Du hast in der Withings-App noch kein Schrittziel festgelegt.",
        NoSleepGoal => "Du hast in der Withings-App noch kein Schlafziel festgelegt.",
        NoWeightGoal => "Du hast in der Withings-App noch kein Gewichtsziel festgelegt.",
        NoSleepDetail => "Dein Gerät hat das für diese Nacht nicht aufgezeichnet.",
        NoSummaryData => {
            "Ich habe keine aktuellen Daten zu Schlaf, Schritten oder Gewicht gefunden. Öffne die Withings-App, damit deine Geräte synchronisieren, und frag mich dann noch einmal."
        }
        AskSleepDetail => {
            "Welchen Teil deines Schlafs? Du kannst nach Schlafwert, Tiefschlaf, REM-Schlaf, Aufwachphasen oder Einschlafzeit fragen."
        }
        AskBodyMetric => {
            "Welchen Wert? Du kannst nach Körperfett, Fettmasse, Muskelmasse, Knochenmasse, Wasseranteil oder Viszeralfett fragen."
        }
        AskActivityMetric => {
            "Welche Aktivität? Du kannst nach Strecke, Stockwerken, Kalorien oder aktiven Minuten fragen."
        }
        AskGoal => {
            "Welches Ziel? Du kannst nach deinem Schritt-, Schlaf- oder Gewichtsziel fragen."
        }
        AskMetric => {
            "Wonach möchtest du fragen? Du kannst Schlaf, Gewicht, Schritte, Blutdruck oder Training sagen."
        }
        NothingToFollow => {
            "Was möchtest du wissen? Du kannst nach Schlaf, Gewicht, Schritten oder Training fragen."
        }
        OrSummary => "Möchtest du deine Zusammenfassung hören?",
        NothingThenLatest => "Für diese Zeit habe ich nichts gefunden, hier ist dein letzter Wert.",
        PartlyFetched => "Das beruht auf den Tagen, die ich rechtzeitig abrufen konnte.",
    }
}
