//! Signed unsubscribe links: the link names the agreement and the person, and carries an
//! HMAC-SHA256 of both under a secret kept in the store, so it works without signing in, for
//! that person only, and survives restarts.

use crate::store::Unmailed;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The store's name for the signing secret.
pub const SECRET: &str = "unsubscribe";

/// The token for `participant` in `agreement`.
pub fn unsubscribe_token(secret: &[u8], agreement: &str, participant: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(agreement.as_bytes());
    mac.update(b"\n");
    mac.update(participant.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Whether `token` was made for `participant` in `agreement` (compared in constant time).
pub fn token_holds(secret: &[u8], agreement: &str, participant: &str, token: &str) -> bool {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return false;
    };
    mac.update(agreement.as_bytes());
    mac.update(b"\n");
    mac.update(participant.as_bytes());
    let Ok(given) = URL_SAFE_NO_PAD.decode(token) else {
        return false;
    };
    mac.verify_slice(&given).is_ok()
}

/// The one-click unsubscribe URL for the person `person` is about.
pub fn unsubscribe_link(public_url: &str, secret: &[u8], person: &Unmailed) -> String {
    let token = unsubscribe_token(secret, &person.agreement, &person.participant);
    format!(
        "{public_url}/mail/unsubscribe/{}/{}/{token}",
        person.agreement, person.participant
    )
}
