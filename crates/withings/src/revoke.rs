//! `POST /v2/oauth2 action=revoke`: end the application's access to one
//! user's data. Withings invalidates that user's access and refresh tokens
//! and unsubscribes their notifications. The call is always signed (a nonce
//! and an HMAC-SHA256 over `revoke,client_id,nonce`), as Withings requires.

use crate::oauth2::request_signature;
use crate::{Deadline, WithingsClient, WithingsError};
use chrono::{DateTime, Utc};

impl WithingsClient {
    /// Revoke this application's access to `user_id`'s data.
    pub async fn revoke(
        &self,
        user_id: &str,
        now: DateTime<Utc>,
        deadline: Deadline,
    ) -> Result<(), WithingsError> {
        let nonce = self.nonce(now.timestamp(), deadline).await?;
        let creds = self.credentials();
        let signature =
            request_signature(&creds.client_secret, &["revoke", &creds.client_id, &nonce]);
        let form = [
            ("action", "revoke".to_string()),
            ("client_id", creds.client_id.clone()),
            ("nonce", nonce),
            ("signature", signature),
            ("userid", user_id.to_string()),
        ];
        let _: serde_json::Value = self
            .post(
                "/v2/oauth2",
                None,
                &form,
                deadline,
                WithingsError::from_status,
            )
            .await?;
        Ok(())
    }
}
