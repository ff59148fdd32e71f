//! Skill events (`AlexaSkillEvent.*`): Alexa tells the skill it was enabled,
//! disabled, linked, or that permissions changed. They arrive on their own,
//! their response is ignored and must never speak. A disabled skill deletes
//! everything held for the user and gives up their Withings access.

use super::Skill;
use super::router::SkillEvent;
use crate::alexa::response::ResponseBuilder;
use crate::alexa::{RequestEnvelope, ResponseEnvelope};
use crate::secret::AlexaToken;
use crate::store::LinkStore;
use std::time::Duration;
use withings::Deadline;

impl<S: LinkStore> Skill<S> {
    pub(super) async fn skill_event(
        &self,
        env: &RequestEnvelope,
        event: SkillEvent,
        deadline: Deadline,
    ) -> ResponseEnvelope {
        match event {
            SkillEvent::Disabled => self.forget_user(env, deadline).await,
            SkillEvent::AccountLinked => {
                // The bridge stored the link already; nothing to add here.
                tracing::info!(linked = env.access_token().is_some(), "account linked");
            }
            SkillEvent::Enabled => tracing::info!("skill enabled"),
            SkillEvent::PermissionAccepted | SkillEvent::PermissionChanged => {
                // The skill asks for no permission it must act on.
                tracing::info!(?event, "permissions acknowledged");
            }
        }
        ResponseBuilder::empty()
    }

    /// The user disabled the skill: delete the links their tokens name (the
    /// account's and a recognised person's), with the bridge's grants, and
    /// revoke the application's access at Withings.
    async fn forget_user(&self, env: &RequestEnvelope, deadline: Deadline) {
        let tokens = [env.access_token(), env.person_access_token()];
        if tokens.iter().all(Option::is_none) {
            tracing::info!("skill disabled by a user with no linked account");
            return;
        }
        for token in tokens.into_iter().flatten() {
            let key = AlexaToken::new(token).hashed();
            let link = match self.store.forget(&key).await {
                Ok(Some(link)) => link,
                Ok(None) => {
                    tracing::info!(link = %key, "skill disabled; no link stored");
                    continue;
                }
                Err(e) => {
                    tracing::error!(link = %key, error = %e, "skill disabled; the link could not be deleted");
                    continue;
                }
            };
            tracing::info!(link = %key, "skill disabled; link and grants deleted");
            // One link per Withings user (a re-link replaces the old one), so
            // revoking the user's access takes nothing from anyone else.
            let revoked = self
                .withings
                .revoke(
                    &link.withings_user_id,
                    self.clock.now(),
                    deadline.cap(Duration::from_secs(3)),
                )
                .await;
            match revoked {
                Ok(()) => tracing::info!(link = %key, "Withings access revoked"),
                // The stored tokens are gone either way; they expire at Withings.
                Err(e) => tracing::warn!(link = %key, error = %e, "Withings revoke failed"),
            }
        }
    }
}
