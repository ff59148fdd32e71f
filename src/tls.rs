//! One rustls setup for the Lambdas' two HTTP clients (reqwest for Withings and
//! Alexa, the AWS SDK's for DynamoDB and SSM), with roots compiled in.
//!
//! Both clients would otherwise read the system trust store file by file (about
//! 300 files on a Debian host), reqwest at start and the SDK at its first call:
//! most of a cold start. Mozilla's roots (webpki-roots) ship in the binary as
//! parsed trust anchors, so building the root store costs no I/O and no parsing.

use aws_smithy_http_client::tls::{self, TlsContext, TrustStore, rustls_provider::CryptoMode};
use rustls::RootCertStore;
use std::sync::Arc;

/// Mozilla's root store, as compiled in.
fn roots() -> RootCertStore {
    RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    }
}

/// The rustls client configuration reqwest is given (aws-lc-rs, as reqwest and
/// the AWS SDK use by default, so one crypto provider is linked).
pub fn client_config() -> rustls::ClientConfig {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("aws-lc-rs supports the default TLS versions")
        .with_root_certificates(roots())
        .with_no_client_auth()
}

/// A reqwest client on [`client_config`], with the Withings client's settings.
pub fn reqwest_client() -> reqwest::Client {
    withings::http_client_builder()
        .tls_backend_preconfigured(client_config())
        .build()
        .expect("the HTTP client configuration is static")
}

/// The AWS SDK's HTTP client (its default: hyper on rustls with aws-lc-rs), but
/// trusting only Amazon Trust Services' roots instead of the system store: the
/// SDK talks to AWS endpoints only, and their certificates chain to these. The
/// SDK takes roots as PEM and parses them when it first connects, so the fewer
/// the better (five certificates instead of about 150).
pub fn aws_http_client() -> aws_sdk_dynamodb::config::SharedHttpClient {
    let trust = TrustStore::empty()
        .with_native_roots(false)
        .with_pem_certificate(AMAZON_ROOTS_PEM.as_bytes());
    let context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .expect("the compiled-in PEM roots are valid");
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
        .tls_context(context)
        .build_https()
}

/// Amazon Root CA 1 to 4 and Starfield Services Root CA G2 (which cross-signs
/// Amazon Root CA 1 for older clients).
const AMAZON_ROOTS_PEM: &str = include_str!("tls/amazon-roots.pem");

#[cfg(test)]
mod tests {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;

    #[test]
    fn the_amazon_roots_parse_as_five_certificates() {
        let certs: Vec<_> = CertificateDer::pem_slice_iter(super::AMAZON_ROOTS_PEM.as_bytes())
            .collect::<Result<_, _>>()
            .expect("valid PEM");
        assert_eq!(certs.len(), 5);
        let mut store = rustls::RootCertStore::empty();
        let (added, ignored) = store.add_parsable_certificates(certs);
        assert_eq!((added, ignored), (5, 0));
    }

    #[test]
    fn both_clients_build_without_the_system_store() {
        assert!(!super::roots().is_empty());
        let _ = super::reqwest_client();
        let _ = super::aws_http_client();
    }
}
