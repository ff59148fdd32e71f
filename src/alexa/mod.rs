//! The Alexa custom-skill protocol only: tolerant request types, one response
//! builder, AMAZON.DATE parsing, and the Settings API client. Knows nothing of
//! Withings or storage.

pub mod api_endpoint;
pub mod date;
pub mod request;
pub mod response;
pub mod settings;
pub mod settings_cache;

pub use request::{Intent, Request, RequestEnvelope, Slot};
pub use response::{Card, ResponseBuilder, ResponseEnvelope};
