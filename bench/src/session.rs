//! Talking to the server over HTTP as a participant would: signing in with a personal link,
//! and — as a coordinator — inviting people and issuing fresh links through the same API the
//! app's participants panel uses.

use serde_json::{json, Value};

/// What went wrong talking to the server.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A link's token put on `base`: links carry the address the server was started with.
pub fn on_base(link: &str, base: &str) -> String {
    match link.find("/join/") {
        Some(at) => format!("{base}{}", &link[at..]),
        None => link.to_string(),
    }
}

fn client() -> Result<reqwest::Client, Error> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?)
}

/// Signs in with a personal link as a browser would and returns the session's `Cookie`
/// header value. The one place that knows how a link is redeemed: the link opens a page
/// naming who it is for, whose button posts the link's token back to the same origin; that
/// answers with the session cookie and a redirect to the agreement.
pub async fn sign_in(link: &str) -> Result<String, Error> {
    let http = client()?;
    let page = http.get(link).send().await?;
    if !page.status().is_success() {
        return Err(format!("opening {link}: {}", page.status()).into());
    }
    let (origin, token) = link
        .split_once("/join/")
        .ok_or_else(|| format!("not a sign-in link: {link}"))?;
    let response = http
        .post(format!("{origin}/join"))
        .header("origin", origin)
        .header("sec-fetch-site", "same-origin")
        .form(&[("token", token)])
        .send()
        .await?;
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_string());
    match cookie {
        Some(cookie) if response.status().is_redirection() => Ok(cookie),
        _ => Err(format!("signing in with {link}: {}", response.status()).into()),
    }
}

/// A participant the coordinator has invited: their id and personal link.
#[derive(Debug, Clone)]
pub struct Invited {
    pub id: String,
    pub link: String,
}

/// Invites someone as the coordinator whose session `cookie` is given.
pub async fn invite(
    base: &str,
    cookie: &str,
    name: &str,
    organisation: &str,
    role: &str,
) -> Result<Invited, Error> {
    let response = client()?
        .post(format!("{base}/api/participants"))
        .header("cookie", cookie)
        .header("origin", base)
        .json(&json!({ "name": name, "organisation": organisation, "role": role }))
        .send()
        .await?;
    let status = response.status();
    let body: Value = response.json().await?;
    match (body["participant"]["id"].as_str(), body["link"].as_str()) {
        (Some(id), Some(link)) => Ok(Invited {
            id: id.to_string(),
            link: link.to_string(),
        }),
        _ => Err(format!("inviting {name}: {status} {body}").into()),
    }
}

/// A fresh personal link for an existing participant, as the coordinator whose session
/// `cookie` is given.
pub async fn renew(base: &str, cookie: &str, participant: &str) -> Result<String, Error> {
    let response = client()?
        .post(format!("{base}/api/participants/{participant}/link"))
        .header("cookie", cookie)
        .header("origin", base)
        .send()
        .await?;
    let status = response.status();
    let body: Value = response.json().await?;
    body["link"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("a new link for {participant}: {status} {body}").into())
}
