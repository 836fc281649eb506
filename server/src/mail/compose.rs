//! E-mails as their reader gets them: plain text in their language, a link to the agreement,
//! and the one-click unsubscribe headers (RFC 8058) with the same link in the text.

use super::words::text;
use super::MailError;
use crate::docx::Words;
use crate::http::lang::Lang;
use crate::store::Unmailed;
use fluent_bundle::FluentValue;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::Message;
use samrad_domain::{InboxItem, NoticeKind};

/// One notice as an e-mail.
pub fn one(
    from: &Mailbox,
    person: &Unmailed,
    item: &InboxItem,
    open: &str,
    unsubscribe: &str,
) -> Result<Message, MailError> {
    let lang = lang_of(person);
    let what = sentence(lang, item);
    let subject = text(lang, "mail.subject", &[("what", what.clone().into())]);
    let body = format!("{what}\n\n{}\n", footer(lang, open, unsubscribe));
    message(from, person, &subject, body, unsubscribe)
}

/// Everything due for one person as a digest.
pub fn digest(
    from: &Mailbox,
    person: &Unmailed,
    open: &str,
    unsubscribe: &str,
) -> Result<Message, MailError> {
    let lang = lang_of(person);
    let count = FluentValue::from(person.items.len());
    let subject = text(lang, "mail.digest_subject", &[("count", count)]);
    let lines: Vec<String> = person
        .items
        .iter()
        .map(|i| format!("• {}", sentence(lang, i)))
        .collect();
    let body = format!(
        "{}\n\n{}\n",
        lines.join("\n"),
        footer(lang, open, unsubscribe)
    );
    message(from, person, &subject, body, unsubscribe)
}

fn lang_of(person: &Unmailed) -> Lang {
    Lang::from_code(&person.setting.lang).unwrap_or(Lang::Sv)
}

fn footer(lang: Lang, open: &str, unsubscribe: &str) -> String {
    let open = text(lang, "mail.open", &[("link", open.to_string().into())]);
    let why = text(
        lang,
        "mail.unsubscribe",
        &[("link", unsubscribe.to_string().into())],
    );
    format!("{open}\n\n-- \n{why}")
}

fn message(
    from: &Mailbox,
    person: &Unmailed,
    subject: &str,
    body: String,
    unsubscribe: &str,
) -> Result<Message, MailError> {
    let to: Mailbox = person
        .setting
        .address
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Settings(e.to_string()))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{unsubscribe}>"),
        ))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".to_string(),
        ))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| MailError::Settings(e.to_string()))
}

/// The notice in words, as the inbox says it.
fn sentence(lang: Lang, item: &InboxItem) -> String {
    let n = &item.notice;
    let by = || FluentValue::from(n.by.clone());
    let place = || FluentValue::from(n.place.clone());
    match &n.kind {
        NoticeKind::Mention => text(
            lang,
            "inbox.mention",
            &[("name", by()), ("clause", place())],
        ),
        NoticeKind::Reply => text(lang, "inbox.reply", &[("name", by()), ("clause", place())]),
        NoticeKind::Disposition { value } => {
            let value = text(lang, &format!("disposition.{}", value.key()), &[]);
            let args = [("name", by()), ("clause", place()), ("value", value.into())];
            text(lang, "inbox.disposition", &args)
        }
        NoticeKind::Accepted => text(
            lang,
            "inbox.accepted",
            &[("name", by()), ("clause", place())],
        ),
        NoticeKind::Phase { phase } => {
            let phase = text(lang, &format!("phase.{}", phase.key()), &[]);
            text(
                lang,
                "inbox.phase",
                &[("name", by()), ("phase", phase.into())],
            )
        }
        NoticeKind::Deadline { deadline_ms } => text(
            lang,
            "inbox.deadline",
            &[("date", lang.date(*deadline_ms).into())],
        ),
        NoticeKind::Version { name } => text(
            lang,
            "inbox.version",
            &[("name", by()), ("version", name.clone().into())],
        ),
        NoticeKind::Draft { clauses } => text(
            lang,
            "inbox.draft",
            &[("name", by()), ("count", FluentValue::from(*clauses))],
        ),
    }
}
