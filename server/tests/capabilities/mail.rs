//! Notices by e-mail, delivered to a real SMTP server started by the test (`smtp_sink`): a
//! person who chose e-mail gets a mention at once, in their language, with one-click
//! unsubscribe headers; the link's page changes nothing, posting to it turns e-mail off, a
//! forged link does nothing; a daily digest gathers what is unread. The relay may be reached
//! with STARTTLS or TLS from the first byte, its certificate verified against a CA the
//! operator names; one that does not verify gets nothing.

use crate::support::smtp_sink::{self, Delivered, SinkTls};
use crate::support::*;
use samrad_domain::RemarkDraft;
use samrad_server::mail::MailConfig;
use serde_json::{json, Value};
use std::time::Duration;

/// Mail through `smtp_url`, trusting `ca_pem`, looked at every 50 ms.
fn mail_config(smtp_url: String, ca_pem: Option<Vec<u8>>, digest_every: Duration) -> MailConfig {
    MailConfig {
        smtp_url,
        ca_pem,
        from: "Samråd <noreply@samrad.test>".into(),
        every: Duration::from_millis(50),
        digest_every,
    }
}

async fn choose(server: &samrad_server::RunningServer, cookie: &str, body: Value) -> Value {
    let response = http()
        .post(format!("{}/api/mail", server.public_url))
        .header("cookie", cookie)
        .header("origin", server.public_url.as_str())
        .json(&body)
        .send()
        .await
        .expect("POST /api/mail");
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

async fn mention(erik: &mut Peer, whom: &str, text: &str) {
    let c = clause(&erik.agreement, "1.1");
    let whom = whom.to_string();
    erik.edit(|a| {
        let draft = RemarkDraft {
            mentions: vec![whom],
            ..RemarkDraft::comment(&c, text)
        };
        a.write_remark(&person("member"), draft, now())
            .expect("remark");
    })
    .await;
    until_saved(erik).await;
}

async fn next(mail: &mut tokio::sync::mpsc::UnboundedReceiver<Delivered>) -> Delivered {
    tokio::time::timeout(WAIT, mail.recv())
        .await
        .expect("mailed in time")
        .expect("sink runs")
}

#[tokio::test]
async fn a_mention_is_mailed_at_once_and_one_click_unsubscribes() {
    let (smtp_url, mut mail) = smtp_sink::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_configured(dir.path(), |c| {
        c.mail = Some(mail_config(smtp_url, None, Duration::from_secs(3600)));
    })
    .await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let sara = sign_in(&server, "jurist").await;
    let chosen = choose(
        &server,
        &sara,
        json!({ "address": "sara@example.org", "mode": "immediate", "lang": "sv" }),
    )
    .await;
    assert_eq!(chosen["enabled"], true);
    mention(
        &mut erik,
        &person("jurist").id,
        "@Sara Nyström, stämmer detta?",
    )
    .await;

    let m = next(&mut mail).await;
    println!("{}", m.data);
    assert_eq!(m.to, ["<sara@example.org>"]);
    assert!(
        m.body().contains("Erik Johansson nämnde dig – 1.1 Parter"),
        "{}",
        m.body()
    );
    assert!(m.body().contains(&format!("{}/a/", server.public_url)));
    let link = m.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert_eq!(
        m.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let link = link
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    assert!(m.body().contains(&link), "the link is in the text too");

    // Opening the link changes nothing (mail scanners follow links).
    let page = http().get(&link).send().await.expect("GET");
    assert_eq!(page.status(), 200);
    // Tried: a link with another person's name and Sara's token.
    let forged = link.replace(&person("jurist").id, &person("member").id);
    let refused = http()
        .post(&forged)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("POST");
    assert_eq!(refused.status(), 404);
    // The mail program's one-click POST: no cookie, no origin.
    let done = http()
        .post(&link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("POST");
    assert_eq!(done.status(), 200);
    let setting: Value = http()
        .get(format!("{}/api/mail", server.public_url))
        .header("cookie", sara.as_str())
        .send()
        .await
        .expect("GET /api/mail")
        .json()
        .await
        .expect("json");
    assert_eq!(setting["setting"]["mode"], "off");

    mention(
        &mut erik,
        &person("jurist").id,
        "@Sara Nyström, en sak till.",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(
        mail.try_recv().is_err(),
        "nothing is mailed after unsubscribing"
    );
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn a_daily_digest_gathers_what_is_unread() {
    let (smtp_url, mut mail) = smtp_sink::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_configured(dir.path(), |c| {
        c.mail = Some(mail_config(smtp_url, None, Duration::from_millis(800)));
    })
    .await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let sara = sign_in(&server, "jurist").await;
    choose(
        &server,
        &sara,
        json!({ "address": "sara@example.org", "mode": "daily", "lang": "en" }),
    )
    .await;
    mention(&mut erik, &person("jurist").id, "@Sara Nyström, first.").await;
    mention(&mut erik, &person("jurist").id, "@Sara Nyström, second.").await;
    let m = next(&mut mail).await;
    println!("{}", m.data);
    assert_eq!(
        m.body()
            .matches("Erik Johansson mentioned you – 1.1 Parter")
            .count(),
        2,
        "{}",
        m.body()
    );
    assert!(
        m.header("Subject")
            .is_some_and(|s| s.contains("2 new events")),
        "{:?}",
        m.header("Subject")
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(mail.try_recv().is_err(), "one digest");
    server.shutdown().await.expect("clean shutdown");
}

/// Sara asks for e-mail at once, Erik mentions her: what the relay `sink` receives.
async fn mention_through(sink: &mut smtp_sink::Sink, trust: bool) -> Option<(Delivered, bool)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let ca = trust.then(|| sink.ca_pem.clone());
    let url = sink.url.clone();
    let server = start_configured(dir.path(), |c| {
        c.mail = Some(mail_config(url, ca, Duration::from_secs(3600)));
    })
    .await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let sara = sign_in(&server, "jurist").await;
    let address = json!({ "address": "sara@example.org", "mode": "immediate", "lang": "sv" });
    choose(&server, &sara, address).await;
    mention(&mut erik, &person("jurist").id, "@Sara Nyström, säkert?").await;
    let wait = if trust { WAIT } else { Duration::from_secs(2) };
    let got = tokio::time::timeout(wait, sink.mail.recv())
        .await
        .ok()
        .flatten();
    let secured = sink.secured.try_recv().unwrap_or(false);
    server.shutdown().await.expect("clean shutdown");
    got.map(|m| (m, secured))
}

#[tokio::test]
async fn mail_goes_through_starttls_to_a_relay_whose_certificate_verifies() {
    let mut sink = smtp_sink::start_with(SinkTls::StartTls).await;
    let (m, secured) = mention_through(&mut sink, true).await.expect("mailed");
    assert!(secured, "delivered after STARTTLS");
    assert_eq!(m.to, ["<sara@example.org>"]);
    assert!(
        m.body().contains("Erik Johansson nämnde dig"),
        "{}",
        m.body()
    );
}

#[tokio::test]
async fn mail_goes_over_implicit_tls_to_a_relay_whose_certificate_verifies() {
    let mut sink = smtp_sink::start_with(SinkTls::Implicit).await;
    let (m, secured) = mention_through(&mut sink, true).await.expect("mailed");
    assert!(secured, "delivered over TLS");
    assert!(
        m.body().contains("Erik Johansson nämnde dig"),
        "{}",
        m.body()
    );
}

#[tokio::test]
async fn a_relay_whose_certificate_does_not_verify_gets_nothing() {
    let mut sink = smtp_sink::start_with(SinkTls::Implicit).await;
    assert!(
        mention_through(&mut sink, false).await.is_none(),
        "the test CA is not trusted: nothing is sent"
    );
}
