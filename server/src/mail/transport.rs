//! The SMTP connection the operator configures: where the relay is, how the connection is
//! protected, and whom to trust.
//!
//! `SAMRAD_SMTP_URL` names the relay and the protection in one place, so the two cannot
//! disagree:
//! - `smtp://[user:password@]host[:port]` — plain SMTP (port 25), for a relay on the same host
//!   or network;
//! - `smtp+starttls://…` — STARTTLS, required: the relay must offer it and its certificate
//!   must verify, else nothing is sent (port 587);
//! - `smtps://…` — implicit TLS from the first byte (port 465).
//!
//! Certificates are verified against the Mozilla roots built in (webpki-roots; no system store
//! is read), plus the operator's own CA when `SAMRAD_SMTP_CA` names a PEM file — for a relay
//! with an internal certificate. Verification is never switched off.

use super::MailError;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::time::Duration;

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// No TLS.
    Plain,
    /// Plain connection upgraded with STARTTLS before anything else is said; required.
    StartTls,
    /// TLS from the first byte.
    Implicit,
}

impl Protection {
    /// The port used when the URL names none.
    fn default_port(self) -> u16 {
        match self {
            Protection::Plain => 25,
            Protection::StartTls => 587,
            Protection::Implicit => 465,
        }
    }
}

/// A relay's address as the URL gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    pub protection: Protection,
    pub host: String,
    pub port: u16,
    /// User and password, if the relay wants a login.
    pub login: Option<(String, String)>,
}

/// Reads `SAMRAD_SMTP_URL`'s form (see the module header).
pub fn relay(url: &str) -> Result<Relay, MailError> {
    let bad = || {
        MailError::Settings(format!(
            "{url} is not smtp://, smtp+starttls:// or smtps://[user:password@]host[:port]"
        ))
    };
    let (protection, rest) = [
        ("smtp://", Protection::Plain),
        ("smtp+starttls://", Protection::StartTls),
        ("smtps://", Protection::Implicit),
    ]
    .into_iter()
    .find_map(|(scheme, p)| url.strip_prefix(scheme).map(|rest| (p, rest)))
    .ok_or_else(bad)?;
    let rest = rest.trim_end_matches('/');
    let (login, server) = match rest.rsplit_once('@') {
        Some((login, server)) => (Some(login), server),
        None => (None, rest),
    };
    let (host, port) = match server.rsplit_once(':') {
        Some((host, port)) => (host, port.parse::<u16>().map_err(|_| bad())?),
        None => (server, protection.default_port()),
    };
    if host.is_empty() {
        return Err(bad());
    }
    let login = login
        .and_then(|l| l.split_once(':'))
        .map(|(u, p)| (u.to_string(), p.to_string()));
    Ok(Relay {
        protection,
        host: host.to_string(),
        port,
        login,
    })
}

/// The transport to `url`, trusting `ca_pem` (PEM certificates) beside the built-in roots.
pub fn transport(
    url: &str,
    ca_pem: Option<&[u8]>,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
    let relay = relay(url)?;
    let tls = match relay.protection {
        Protection::Plain => Tls::None,
        Protection::StartTls => Tls::Required(parameters(&relay.host, ca_pem)?),
        Protection::Implicit => Tls::Wrapper(parameters(&relay.host, ca_pem)?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&relay.host)
        .port(relay.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(20)));
    if let Some((user, password)) = relay.login {
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok(builder.build())
}

/// TLS to `host`: its certificate must be valid for `host` and chain to a trusted root.
fn parameters(host: &str, ca_pem: Option<&[u8]>) -> Result<TlsParameters, MailError> {
    let settings = |e: lettre::transport::smtp::Error| MailError::Settings(e.to_string());
    let mut builder = TlsParameters::builder(host.to_string());
    if let Some(pem) = ca_pem {
        // lettre reads a file with no certificate in it as none to add: say so instead of
        // trusting nothing more than the built-in roots without a word.
        if !String::from_utf8_lossy(pem).contains("-----BEGIN CERTIFICATE-----") {
            return Err(MailError::Settings(
                "SAMRAD_SMTP_CA holds no PEM certificate".into(),
            ));
        }
        builder = builder.add_root_certificate(Certificate::from_pem(pem).map_err(settings)?);
    }
    builder.build_rustls().map_err(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_says_how_the_relay_is_reached() {
        let r = relay("smtps://ann:pw@mail.example.org").expect("smtps");
        assert_eq!(
            r,
            Relay {
                protection: Protection::Implicit,
                host: "mail.example.org".into(),
                port: 465,
                login: Some(("ann".into(), "pw".into())),
            }
        );
        let r = relay("smtp+starttls://mail.example.org").expect("starttls");
        assert_eq!((r.protection, r.port), (Protection::StartTls, 587));
        let r = relay("smtp://127.0.0.1:2525/").expect("plain");
        assert_eq!(
            (r.protection, r.port, r.login),
            (Protection::Plain, 2525, None)
        );
        assert!(relay("imap://mail.example.org").is_err());
        assert!(relay("smtps://").is_err());
    }

    #[test]
    fn a_certificate_that_is_not_pem_is_refused() {
        assert!(transport("smtps://mail.example.org", Some(b"not a certificate")).is_err());
    }
}
