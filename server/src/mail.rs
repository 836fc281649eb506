//! Notices by e-mail, for those who ask (off unless the operator configures SMTP): one e-mail
//! per notice as it happens, or one daily digest of what is still unread — each person's
//! choice, kept in the store. Every e-mail carries a one-click unsubscribe link (RFC 8058:
//! `List-Unsubscribe` with an https/http URL and `List-Unsubscribe-Post`), signed so that it
//! works without signing in and only for the person it was sent to.
//!
//! The mailer is a loop beside the rooms: woken when a room has stored notices (and every
//! `every` for digests), it reads from the store what is due, sends it through lettre's SMTP
//! transport and records it as mailed, so a notice is mailed once however often it wakes and
//! across restarts. A failed send is tried again on the next round.

mod compose;
mod token;
pub mod transport;
pub(crate) mod words;

pub use token::{token_holds, unsubscribe_token, SECRET as TOKEN_SECRET};

use crate::store::{MailMode, Store, StoreError, Unmailed};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;
use tokio::sync::{watch, Notify};

/// How long between two digests to one person, by default.
pub const DIGEST_EVERY: Duration = Duration::from_secs(24 * 3600);

/// The operator's mail settings.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// Where to send and how the connection is protected: `smtp://`, `smtp+starttls://` or
    /// `smtps://[user:password@]host[:port]` (see transport.rs).
    pub smtp_url: String,
    /// Certificates (PEM) trusted beside the built-in roots: the operator's own CA.
    pub ca_pem: Option<Vec<u8>>,
    /// The sender, as `Samråd <noreply@example.org>`.
    pub from: String,
    /// How often the mailer looks for due digests (and retries failed sends).
    pub every: Duration,
    /// How long between two digests to one person.
    pub digest_every: Duration,
}

impl MailConfig {
    /// From `SAMRAD_SMTP_URL` and `SAMRAD_MAIL_FROM`; `None` (no e-mail) unless both are set.
    /// `SAMRAD_SMTP_CA` names a PEM file of certificates to trust beside the built-in roots;
    /// one that cannot be read is an error, not a silent fall-back.
    pub fn from_env() -> Result<Option<MailConfig>, MailError> {
        let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let (Some(smtp_url), Some(from)) = (set("SAMRAD_SMTP_URL"), set("SAMRAD_MAIL_FROM")) else {
            return Ok(None);
        };
        let ca_pem = match set("SAMRAD_SMTP_CA") {
            Some(path) => Some(
                std::fs::read(&path)
                    .map_err(|e| MailError::Settings(format!("SAMRAD_SMTP_CA {path}: {e}")))?,
            ),
            None => None,
        };
        Ok(Some(MailConfig {
            smtp_url,
            ca_pem,
            from,
            every: Duration::from_secs(60),
            digest_every: DIGEST_EVERY,
        }))
    }
}

/// Why an e-mail could not be sent.
#[derive(Debug, Error)]
pub enum MailError {
    /// The SMTP URL or an address could not be read.
    #[error("mail settings: {0}")]
    Settings(String),
    /// The SMTP server refused or could not be reached.
    #[error("sending failed: {0}")]
    Send(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the mailer needs: the store, the transport and sender, and the links' base.
pub(crate) struct Mailer {
    store: Store,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::message::Mailbox,
    public_url: Arc<str>,
    secret: Vec<u8>,
    digest_every_ms: i64,
}

impl Mailer {
    pub fn new(
        store: Store,
        config: &MailConfig,
        public_url: Arc<str>,
    ) -> Result<Mailer, MailError> {
        let transport = transport::transport(&config.smtp_url, config.ca_pem.as_deref())?;
        let from = config
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::Settings(e.to_string()))?;
        let secret = store.secret(token::SECRET)?;
        let digest_every_ms = config.digest_every.as_millis() as i64;
        Ok(Mailer {
            digest_every_ms,
            store,
            transport,
            from,
            public_url,
            secret,
        })
    }

    /// Sends what is due; returns how many e-mails went out.
    pub async fn round(&self, now_ms: i64) -> Result<usize, MailError> {
        let (store, digest_every_ms) = (self.store.clone(), self.digest_every_ms);
        let due = tokio::task::spawn_blocking(move || store.unmailed(now_ms - digest_every_ms))
            .await
            .map_err(|e| MailError::Send(e.to_string()))??;
        let mut sent = 0;
        for person in due {
            match self.send_to(&person, now_ms).await {
                Ok(n) => sent += n,
                Err(e) => {
                    tracing::warn!(participant = %person.participant, error = %e, "mail not sent")
                }
            }
        }
        Ok(sent)
    }

    /// Sends one person what is due for them, then records it as mailed.
    async fn send_to(&self, person: &Unmailed, now_ms: i64) -> Result<usize, MailError> {
        let link = token::unsubscribe_link(&self.public_url, &self.secret, person);
        let open = format!("{}/a/{}", self.public_url, person.agreement);
        let messages = match person.setting.mode {
            MailMode::Off => return Ok(0),
            MailMode::Immediate => person
                .items
                .iter()
                .map(|item| compose::one(&self.from, person, item, &open, &link))
                .collect::<Result<Vec<_>, _>>()?,
            MailMode::Daily => vec![compose::digest(&self.from, person, &open, &link)?],
        };
        for message in &messages {
            self.transport
                .send(message.clone())
                .await
                .map_err(|e| MailError::Send(e.to_string()))?;
        }
        let ids: Vec<i64> = person.items.iter().map(|i| i.id).collect();
        let digest = (person.setting.mode == MailMode::Daily).then_some(now_ms);
        let (store, a, p) = (
            self.store.clone(),
            person.agreement.clone(),
            person.participant.clone(),
        );
        tokio::task::spawn_blocking(move || store.mark_mailed(&a, &p, &ids, digest))
            .await
            .map_err(|e| MailError::Send(e.to_string()))??;
        Ok(messages.len())
    }
}

/// The mailer's loop: a round when woken (notices stored) or every `every`, until `stop`.
pub(crate) async fn run(
    mailer: Mailer,
    wake: Arc<Notify>,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut ticks = tokio::time::interval(every);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = wake.notified() => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        if let Err(e) = mailer.round(crate::now_ms()).await {
            tracing::warn!(error = %e, "mail round failed");
        }
    }
}
