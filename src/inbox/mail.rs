//! The person's choice of e-mail for their inbox, over the server's `/api/mail`.

use serde::{Deserialize, Serialize};

/// How someone wants to be told by e-mail (the server's `MailMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailMode {
    Off,
    Immediate,
    Daily,
}

impl MailMode {
    pub const ALL: [MailMode; 3] = [MailMode::Off, MailMode::Immediate, MailMode::Daily];

    pub fn key(self) -> &'static str {
        match self {
            MailMode::Off => "off",
            MailMode::Immediate => "immediate",
            MailMode::Daily => "daily",
        }
    }

    pub fn from_key(key: &str) -> Option<MailMode> {
        MailMode::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// One person's choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailSetting {
    pub address: String,
    pub mode: MailMode,
    pub lang: String,
}

/// What the server says: whether it sends e-mail at all, and the choice made, if any.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MailState {
    pub enabled: bool,
    pub setting: Option<MailSetting>,
}

/// The server's e-mail state for the signed-in person.
pub async fn fetch_mail() -> Result<MailState, String> {
    let response = gloo_net::http::Request::get("/api/mail")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.json().await.map_err(|e| e.to_string())
}

/// Saves the signed-in person's choice.
pub async fn save_mail(setting: &MailSetting) -> Result<MailState, String> {
    let response = gloo_net::http::Request::post("/api/mail")
        .json(setting)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.json().await.map_err(|e| e.to_string())
}
