//! Who has access to the agreement, as the server's participants API tells a coordinator: the
//! calls, and what state each participant's access is in.
//!
//! Access lives in the server's store, not in the shared document: links and sessions are
//! secrets and must never reach other participants' replicas. The API answers only
//! coordinators; the status shown is derived here from the raw timestamps, so the rule (which
//! link counts, when it has expired) is one pure function, tested natively.

use samrad_domain::{Participant, Role};
use serde::{Deserialize, Serialize};

/// A participant's newest invitation link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Invitation {
    /// When the link stops working (ms since the epoch).
    pub expires_ms: f64,
    /// When it was opened, if it was.
    pub used_ms: Option<f64>,
    /// Whether a coordinator withdrew it.
    pub revoked: bool,
}

/// One participant and the state of their access.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Access {
    /// Who.
    pub participant: Participant,
    /// Their newest invitation; none for participants set up with the agreement.
    pub invitation: Option<Invitation>,
    /// How many sessions they have open.
    pub sessions: u32,
}

/// Where someone's access stands, as shown to the coordinator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AccessStatus {
    /// Signed in on at least one device.
    SignedIn,
    /// Invited; the link works until the given time.
    Invited { until_ms: f64 },
    /// Opened the link once, but no session is open any more.
    LinkUsed,
    /// The link ran out before it was used.
    Expired,
    /// A coordinator withdrew the access.
    Revoked,
    /// No link was ever issued.
    NoLink,
}

impl AccessStatus {
    /// The UI string key.
    pub fn key(self) -> &'static str {
        match self {
            AccessStatus::SignedIn => "access.status.signed_in",
            AccessStatus::Invited { .. } => "access.status.invited",
            AccessStatus::LinkUsed => "access.status.link_used",
            AccessStatus::Expired => "access.status.expired",
            AccessStatus::Revoked => "access.status.revoked",
            AccessStatus::NoLink => "access.status.no_link",
        }
    }
}

impl Access {
    /// The status at `now_ms`. An open session wins over the link's state: a renewed link
    /// does not sign anybody out.
    pub fn status(&self, now_ms: f64) -> AccessStatus {
        if self.sessions > 0 {
            return AccessStatus::SignedIn;
        }
        match &self.invitation {
            None => AccessStatus::NoLink,
            Some(i) if i.revoked => AccessStatus::Revoked,
            Some(i) if i.used_ms.is_some() => AccessStatus::LinkUsed,
            Some(i) if now_ms >= i.expires_ms => AccessStatus::Expired,
            Some(i) => AccessStatus::Invited {
                until_ms: i.expires_ms,
            },
        }
    }
}

/// Whom to invite.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewParticipant {
    /// Full name.
    pub name: String,
    /// Their organisation, as the agreement names it.
    pub organisation: String,
    /// Their role key.
    pub role: &'static str,
}

impl NewParticipant {
    /// A new participant with `role`.
    pub fn new(name: &str, organisation: &str, role: Role) -> NewParticipant {
        NewParticipant {
            name: name.trim().to_string(),
            organisation: organisation.trim().to_string(),
            role: role.key(),
        }
    }
}

/// A personal link the server issued, to hand to its participant.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IssuedLink {
    /// The link.
    pub link: String,
    /// When it stops working.
    pub expires_ms: f64,
}

#[derive(Deserialize)]
struct AccessList {
    participants: Vec<Access>,
}

#[derive(Deserialize)]
struct Invited {
    participant: Participant,
    link: String,
    expires_ms: f64,
}

#[derive(Deserialize)]
struct ApiError {
    error: String,
}

/// The server's error message, or the status when the body has none.
async fn failure(response: gloo_net::http::Response) -> String {
    let status = response.status();
    match response.json::<ApiError>().await {
        Ok(e) => e.error,
        Err(_) => format!("HTTP {status}"),
    }
}

/// A sent request's response, or why it failed: the transport's error or the server's message.
async fn answered(
    sent: Result<gloo_net::http::Response, gloo_net::Error>,
) -> Result<gloo_net::http::Response, String> {
    let response = sent.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(failure(response).await);
    }
    Ok(response)
}

/// Everyone with access to the signed-in coordinator's agreement.
pub async fn fetch_access() -> Result<Vec<Access>, String> {
    let response = answered(
        gloo_net::http::Request::get("/api/participants")
            .send()
            .await,
    )
    .await?;
    response
        .json::<AccessList>()
        .await
        .map(|l| l.participants)
        .map_err(|e| e.to_string())
}

/// Invites someone; returns them with their personal link.
pub async fn invite(new: &NewParticipant) -> Result<(Participant, IssuedLink), String> {
    let request = gloo_net::http::Request::post("/api/participants")
        .json(new)
        .map_err(|e| e.to_string())?;
    let response = answered(request.send().await).await?;
    let invited = response
        .json::<Invited>()
        .await
        .map_err(|e| e.to_string())?;
    Ok((
        invited.participant,
        IssuedLink {
            link: invited.link,
            expires_ms: invited.expires_ms,
        },
    ))
}

/// A fresh link for `participant`; their earlier unused links stop working.
pub async fn renew_link(participant: &str) -> Result<IssuedLink, String> {
    let url = format!("/api/participants/{participant}/link");
    let response = answered(gloo_net::http::Request::post(&url).send().await).await?;
    response
        .json::<IssuedLink>()
        .await
        .map_err(|e| e.to_string())
}

/// Withdraws `participant`'s links and ends their sessions.
pub async fn revoke_access(participant: &str) -> Result<(), String> {
    let url = format!("/api/participants/{participant}/access");
    answered(gloo_net::http::Request::delete(&url).send().await).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(invitation: Option<Invitation>, sessions: u32) -> Access {
        Access {
            participant: Participant {
                id: "p-1".into(),
                name: "Ingrid Berg".into(),
                organisation: "Ekby kommun".into(),
                role: Role::Member,
            },
            invitation,
            sessions,
        }
    }

    fn link(expires_ms: f64, used_ms: Option<f64>, revoked: bool) -> Option<Invitation> {
        Some(Invitation {
            expires_ms,
            used_ms,
            revoked,
        })
    }

    #[test]
    fn status_follows_the_newest_link_and_open_sessions() {
        let now = 1_000.0;
        assert_eq!(access(None, 0).status(now), AccessStatus::NoLink);
        assert_eq!(access(None, 2).status(now), AccessStatus::SignedIn);
        assert_eq!(
            access(link(2_000.0, None, false), 0).status(now),
            AccessStatus::Invited { until_ms: 2_000.0 }
        );
        assert_eq!(
            access(link(1_000.0, None, false), 0).status(now),
            AccessStatus::Expired,
            "a link is void from its expiry on"
        );
        assert_eq!(
            access(link(2_000.0, Some(500.0), false), 0).status(now),
            AccessStatus::LinkUsed
        );
        assert_eq!(
            access(link(2_000.0, None, true), 0).status(now),
            AccessStatus::Revoked
        );
        assert_eq!(
            access(link(2_000.0, None, false), 1).status(now),
            AccessStatus::SignedIn,
            "a renewed link does not sign anybody out"
        );
    }

    #[test]
    fn the_servers_list_parses() {
        let json = r#"{"participants":[{"participant":{"id":"p-1","name":"Ingrid Berg",
            "organisation":"Ekby kommun","role":"jurist"},
            "invitation":{"expires_ms":2000,"used_ms":null,"revoked":false},"sessions":0},
            {"participant":{"id":"p-2","name":"Karin","organisation":"Region","role":"coordinator"},
            "invitation":null,"sessions":1}]}"#;
        let list: AccessList = serde_json::from_str(json).expect("parses");
        assert_eq!(list.participants.len(), 2);
        assert_eq!(list.participants[0].participant.role, Role::Jurist);
        assert_eq!(list.participants[1].status(0.0), AccessStatus::SignedIn);
        let new = NewParticipant::new("  Ingrid Berg ", "Ekby kommun", Role::Jurist);
        assert_eq!(
            serde_json::to_string(&new).expect("json"),
            r#"{"name":"Ingrid Berg","organisation":"Ekby kommun","role":"jurist"}"#
        );
    }
}
