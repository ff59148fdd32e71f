//! Les phrases fixes en français.

use super::Phrase;

pub(super) fn phrase(p: Phrase) -> &'static str {
    use Phrase::*;
    match p {
        Welcome => {
            "Bienvenue sur Withings. Vous pouvez me demander votre sommeil, votre poids, vos pas, votre cœur ou vos entraînements, ou dire : mon résumé. Voulez-vous votre résumé ?"
        }
        WelcomeReprompt => {
            "Vous pouvez demander : comment ai-je dormi cette nuit ? Ou dire : mon résumé."
        }
        Help => {
            "Je vous lis vos données Withings. Demandez par exemple : comment ai-je dormi cette nuit ? Quelle est ma tension ? Combien de kilomètres ai-je marché cette semaine ? Ou dites : mon résumé. Que voulez-vous savoir ?"
        }
        Goodbye => "Au revoir.",
        Fallback => {
            "Désolé, je ne sais pas encore faire cela. Vous pouvez me demander votre sommeil, votre poids, votre composition corporelle, votre tension, votre activité, vos objectifs ou vos entraînements. Que voulez-vous savoir ?"
        }
        AnythingElse => "Autre chose ?",
        AccountProfile => "Depuis le profil Withings du compte :",
        LinkAccount => {
            "Pour entendre vos données Withings, associez votre compte Withings dans l'application Alexa. Je vous y ai envoyé une carte."
        }
        NoSleepData => {
            "Je n'ai pas trouvé de sommeil pour cette nuit. Ouvrez l'application Withings pour synchroniser votre appareil, puis redemandez-moi."
        }
        NoSleepInPeriod => "Je n'ai pas trouvé de sommeil pour cette période.",
        DateNotUnderstood => {
            "De quel jour parlez-vous ? Vous pouvez dire cette nuit, ou un jour comme lundi."
        }
        DateInFuture => "Ce jour n'est pas encore arrivé. Demandez-moi une nuit déjà passée.",
        WithingsBusy => {
            "Withings est très sollicité en ce moment. Réessayez dans quelques minutes."
        }
        WithingsUnavailable => {
            "Désolé, je n'ai pas pu joindre Withings. Réessayez dans un instant."
        }
        StoreUnavailable => {
            "Désolé, je n'arrive pas à retrouver votre compte pour le moment. Réessayez dans un instant."
        }
        BadRequest => "Désolé, je n'ai pas compris cette demande.",
        CardTitleSleep => "Sommeil",
        CardTitleWeight => "Poids",
        CardTitleSteps => "Pas",
        CardTitleBody => "Composition corporelle",
        CardTitleBloodPressure => "Tension artérielle",
        CardTitleHeartRate => "Fréquence cardiaque",
        CardTitleActivity => "Activité",
        CardTitleGoals => "Objectifs",
        CardTitleWorkouts => "Entraînements",
        CardTitleSummary => "Résumé",
        NoRecentWeight => {
            "Je n'ai pas trouvé de pesée ces trois derniers mois. Montez sur votre balance Withings, puis redemandez-moi."
        }
        NoWeightThen => "Je n'ai pas trouvé de pesée pour cette période.",
        NoStepsThen => {
            "Je n'ai pas trouvé de pas pour cette période. Ouvrez l'application Withings pour synchroniser votre tracker, puis redemandez-moi."
        }
        AmbiguousWeight => {
            "Votre balance n'était pas sûre que c'était vous : c'est peut-être quelqu'un d'autre."
        }
        NoRecentSleep => {
            "Je n'ai pas trouvé de sommeil cette semaine. Ouvrez l'application Withings pour synchroniser votre appareil, puis redemandez-moi."
        }
        NoSleepThatNight => "Je n'ai pas trouvé de sommeil pour cette nuit.",
        SyncForNewerNights => {
            "Pour des nuits plus récentes, ouvrez l'application Withings pour synchroniser votre appareil."
        }
        NoStepsThatTime => "Je n'ai pas trouvé de pas pour cette période.",
        NoStepsTodayYet => {
            "Je n'ai pas encore vos pas d'aujourd'hui ; ouvrez l'application Withings pour synchroniser votre tracker."
        }
        NotEnoughWeighIns => {
            "Il me faut deux pesées pour dire comment votre poids a changé, et j'en ai trouvé moins pour cette période."
        }
        NoBodyComposition => {
            "Je n'ai pas trouvé cette mesure de composition corporelle ces trois derniers mois."
        }
        NoBloodPressure => "Je n'ai pas trouvé de mesure de tension ces trois derniers mois.",
        NoHeartRate => "Je n'ai pas trouvé de mesure du pouls ces trois derniers mois.",
        NoActivity => "Je n'ai pas trouvé d'activité pour cette période.",
        NoWorkouts => "Je n'ai pas trouvé d'entraînement pour cette période.",
        NoRecentWorkouts => "Je n'ai pas trouvé d'entraînement ce dernier mois.",
        NoStepGoal => "Vous n'avez pas encore fixé d'objectif de pas dans l'application Withings.",
        NoSleepGoal => {
            "Vous n'avez pas encore fixé d'objectif de sommeil dans l'application Withings."
        }
        NoWeightGoal => {
            "Vous n'avez pas encore fixé d'objectif de poids dans l'application Withings."
        }
        NoSleepDetail => "Votre appareil n'a pas enregistré cela pour cette nuit.",
        NoSummaryData => {
            "Je n'ai trouvé ni sommeil, ni pas, ni pesée récents. Ouvrez l'application Withings pour synchroniser vos appareils, puis redemandez-moi."
        }
        AskSleepDetail => {
            "Quelle partie de votre sommeil ? Vous pouvez demander votre score de sommeil, le sommeil profond, paradoxal, les réveils ou le temps d'endormissement."
        }
        AskBodyMetric => {
            "Quelle mesure ? Vous pouvez demander la masse grasse, la masse musculaire, la masse osseuse, l'hydratation ou la graisse viscérale."
        }
        AskActivityMetric => {
            "Quelle activité ? Vous pouvez demander la distance, les étages, les calories ou les minutes actives."
        }
        AskGoal => {
            "Quel objectif ? Vous pouvez demander votre objectif de pas, de sommeil ou de poids."
        }
        AskMetric => {
            "Sur quoi voulez-vous des nouvelles ? Vous pouvez dire sommeil, poids, pas, tension ou entraînements."
        }
        NothingToFollow => {
            "Que voulez-vous savoir ? Vous pouvez demander votre sommeil, votre poids, vos pas ou vos entraînements."
        }
        OrSummary => "Voulez-vous votre résumé ?",
        NothingThenLatest => {
            "Je n'ai rien trouvé pour cette période ; voici votre dernière mesure."
        }
        PartlyFetched => "Cela repose sur les jours que j'ai pu récupérer à temps.",
    }
}
