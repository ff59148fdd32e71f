//! The shared path of every data intent: the account (refreshed when due) and
//! the device's settings (zone, units), looked up together, then one Withings call with one retry.

use super::Skill;
use super::account::{AccountError, Accounts};
use crate::alexa::settings::{self, DeviceSettings};
use crate::alexa::{RequestEnvelope, api_endpoint};
use crate::secret::{AccessToken, AlexaToken};
use crate::store::LinkStore;
use chrono_tz::Tz;
use std::future::Future;
use std::time::Duration;
use withings::{Deadline, WithingsError};

impl<S: LinkStore> Skill<S> {
    /// The device's Alexa settings (zone, units): remembered for a while per
    /// device, else asked for within a short budget.
    pub(super) async fn device_settings(
        &self,
        env: &RequestEnvelope,
        deadline: Deadline,
    ) -> DeviceSettings {
        let (Some((endpoint, token)), Some(device)) = (env.api(), env.device_id()) else {
            return DeviceSettings::default();
        };
        // The request's token goes only to Amazon's API hosts (or the
        // configured local stand-in), never to a host the request names.
        let endpoint = match self.config.alexa_api_override.as_deref() {
            Some(local) => local,
            None if api_endpoint::is_amazon_api(endpoint) => endpoint,
            None => {
                tracing::warn!("apiEndpoint is not an Amazon Alexa API host; not called");
                return DeviceSettings::default();
            }
        };
        let timeout = deadline.cap(Duration::from_millis(1200)).remaining();
        let ask = settings::device_settings(&self.http, endpoint, token, device, timeout);
        self.settings
            .get_or_ask(device, self.clock.now(), ask)
            .await
    }

    /// The shared path of every data intent: find the link (refreshing if due)
    /// while the device's settings are looked up, fetch with the access token, refresh
    /// once and retry if Withings rejects it, and remember the zone the data states.
    /// `call` gets the token and the best zone known before fetching.
    pub(super) async fn fetch<T, F, Fut>(
        &self,
        env: &RequestEnvelope,
        deadline: Deadline,
        call: F,
        zone_of: impl Fn(&T) -> Option<Tz>,
    ) -> Result<Fetched<T>, AccountError>
    where
        F: Fn(AccessToken, Tz) -> Fut,
        Fut: Future<Output = Result<T, WithingsError>>,
    {
        let (token, _) = super::household::token(env).ok_or(AccountError::NotLinked)?;
        let token = AlexaToken::new(token);
        let key = token.hashed();
        let accounts = Accounts {
            store: &self.store,
            withings: &self.withings,
            clock: &self.clock,
            auth: self.config.client_auth,
        };
        // The device's settings and the account lookup are independent: run together.
        let (device, link) = tokio::join!(
            self.device_settings(env, deadline),
            accounts.fresh(&key, None, deadline)
        );
        let mut link = link?;
        let device_tz = device.zone;
        let stored_tz: Option<Tz> = link.timezone.as_deref().and_then(|t| t.parse().ok());
        let guess = device_tz.or(stored_tz).unwrap_or(Tz::UTC);
        let mut retried = false;
        let data = loop {
            match call(link.access_token.clone(), guess).await {
                Ok(d) => break d,
                // Rejected before expiry (revoked, or rotated elsewhere): refresh once.
                Err(WithingsError::InvalidToken { .. }) if !retried => {
                    retried = true;
                    link = accounts.fresh(&key, Some(link.version), deadline).await?;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "Withings data call failed");
                    return Err(e.into());
                }
            }
        };
        let data_tz = zone_of(&data);
        if let Some(dtz) = data_tz
            && stored_tz != Some(dtz)
            && let Err(e) = self.store.set_timezone(&key, dtz.name()).await
        {
            tracing::warn!(error = %e, "could not remember the user's zone");
        }
        Ok(Fetched {
            data,
            tz: device_tz.or(stored_tz).or(data_tz).unwrap_or(Tz::UTC),
            now: self.clock.now(),
            device,
        })
    }
}

/// Data fetched for a user, with the zone to read it in.
pub(super) struct Fetched<T> {
    pub data: T,
    pub tz: Tz,
    pub now: chrono::DateTime<chrono::Utc>,
    /// The device's settings as read (units for the speech that needs them).
    #[allow(dead_code)]
    pub device: DeviceSettings,
}
