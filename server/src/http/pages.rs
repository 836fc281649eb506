//! The pages the server writes itself: the sign-in page an invitation link opens, the page
//! saying why a link signs nobody in, and a note when the app is not built. They speak the
//! reader's language ([`Lang`]) and wear the app's own stylesheet and classes (`topbar`,
//! `notice`, `primary`), so signing in looks like the app. No inline styles or scripts: the
//! CSP forbids both, and the sign-in button is a plain form that works without JavaScript.

use super::lang::Lang;
use crate::store::{InvitationView, InviteRefusal};

/// Everything these pages say, in one language.
struct Words {
    sign_in_title: &'static str,
    sign_in_heading: &'static str,
    /// `{agreement}` is the agreement's title.
    invited_to: &'static str,
    /// `{name}` and `{organisation}` are the invited participant's.
    sign_in_as: &'static str,
    personal: &'static str,
    unknown: &'static str,
    used: &'static str,
    expired: &'static str,
    revoked: &'static str,
    ask_for_new: &'static str,
    already_signed_in: &'static str,
    cross_site_title: &'static str,
    cross_site_body: &'static str,
    languages: &'static str,
}

const SV: Words = Words {
    sign_in_title: "Logga in",
    sign_in_heading: "Logga in i Samråd",
    invited_to: "Du är inbjuden att delta i {agreement}.",
    sign_in_as: "Logga in som {name}, {organisation}",
    personal: "Länken är personlig och fungerar en gång. Är det inte du? Stäng sidan och säg till samordnaren.",
    unknown: "Inbjudan finns inte",
    used: "Inbjudan har redan använts",
    expired: "Inbjudan har gått ut",
    revoked: "Inbjudan har återkallats",
    ask_for_new: "Varje inbjudningslänk fungerar en gång. Be samordnaren om en ny länk.",
    already_signed_in: "Du är redan inloggad – öppna avtalet",
    cross_site_title: "Inloggningen kom inte från Samråds egen sida",
    cross_site_body: "Öppna din personliga länk igen och tryck på knappen där. Ingen har loggats in.",
    languages: "Språk",
};

const NB: Words = Words {
    sign_in_title: "Logg inn",
    sign_in_heading: "Logg inn i Samråd",
    invited_to: "Du er invitert til å delta i {agreement}.",
    sign_in_as: "Logg inn som {name}, {organisation}",
    personal: "Lenken er personlig og virker én gang. Er det ikke deg? Lukk siden og si fra til koordinatoren.",
    unknown: "Invitasjonen finnes ikke",
    used: "Invitasjonen er allerede brukt",
    expired: "Invitasjonen er utløpt",
    revoked: "Invitasjonen er trukket tilbake",
    ask_for_new: "Hver invitasjonslenke virker én gang. Be koordinatoren om en ny lenke.",
    already_signed_in: "Du er allerede logget inn – åpne avtalen",
    cross_site_title: "Innloggingen kom ikke fra Samråds egen side",
    cross_site_body: "Åpne den personlige lenken din igjen og trykk på knappen der. Ingen er logget inn.",
    languages: "Språk",
};

const NN: Words = Words {
    sign_in_title: "Logg inn",
    sign_in_heading: "Logg inn i Samråd",
    invited_to: "Du er invitert til å delta i {agreement}.",
    sign_in_as: "Logg inn som {name}, {organisation}",
    personal: "Lenkja er personleg og verkar éin gong. Er det ikkje deg? Lukk sida og sei frå til koordinatoren.",
    unknown: "Invitasjonen finst ikkje",
    used: "Invitasjonen er allereie brukt",
    expired: "Invitasjonen har gått ut",
    revoked: "Invitasjonen er trekt tilbake",
    ask_for_new: "Kvar invitasjonslenkje verkar éin gong. Be koordinatoren om ei ny lenkje.",
    already_signed_in: "Du er allereie logga inn – opne avtalen",
    cross_site_title: "Innlogginga kom ikkje frå Samråd si eiga side",
    cross_site_body: "Opne den personlege lenkja di på nytt og trykk på knappen der. Ingen er logga inn.",
    languages: "Språk",
};

const EN: Words = Words {
    sign_in_title: "Sign in",
    sign_in_heading: "Sign in to Samråd",
    invited_to: "You are invited to take part in {agreement}.",
    sign_in_as: "Sign in as {name}, {organisation}",
    personal:
        "This link is personal and works once. Not you? Close this page and tell the coordinator.",
    unknown: "This invitation does not exist",
    used: "This invitation has already been used",
    expired: "This invitation has expired",
    revoked: "This invitation has been withdrawn",
    ask_for_new: "Each invitation link works once. Ask the coordinator for a new link.",
    already_signed_in: "You are already signed in – open the agreement",
    cross_site_title: "This sign-in did not come from Samråd's own page",
    cross_site_body:
        "Open your personal link again and press the button there. Nobody has been signed in.",
    languages: "Language",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Sv => &SV,
        Lang::Nb => &NB,
        Lang::Nn => &NN,
        Lang::En => &EN,
    }
}

/// What every page shares: the reader's language and the app's stylesheets.
#[derive(Debug, Clone, Copy)]
pub struct Chrome<'a> {
    /// The language the page is written in.
    pub lang: Lang,
    /// The app's stylesheet URLs, as its `index.html` links them.
    pub stylesheets: &'a [String],
    /// Whether the page offers the language switch: only pages whose own address takes a
    /// `?lang=` (a link's page, not the answer to a POST).
    pub switch: bool,
}

impl Chrome<'_> {
    /// A whole page: the app's top bar with a language switch, then `body` in a `notice`.
    pub(crate) fn page(&self, title: &str, body: &str) -> String {
        let w = words(self.lang);
        let styles: String = self
            .stylesheets
            .iter()
            .map(|href| format!("<link rel=\"stylesheet\" href=\"{}\">\n", escape(href)))
            .collect();
        let links: String = Lang::ALL
            .into_iter()
            .map(|l| {
                let (code, name) = (l.code(), l.name());
                if l == self.lang {
                    // The language the page is in: said, not linked.
                    format!("<strong lang=\"{code}\" aria-current=\"true\">{name}</strong>")
                } else {
                    format!(
                        "<a href=\"?lang={code}\" hreflang=\"{code}\" lang=\"{code}\">{name}</a>"
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let switch = if self.switch {
            format!(
                "<nav class=\"me\" aria-label=\"{}\">{links}</nav>",
                w.languages
            )
        } else {
            String::new()
        };
        format!(
            "<!doctype html>\n<html lang=\"{tag}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"robots\" content=\"noindex\">\n<title>{title} – Samråd</title>\n{styles}\
             </head>\n<body>\n<header class=\"topbar\"><div class=\"topbar-row\">\
             <span class=\"brand\">Samråd</span>{switch}</div></header>\n\
             <main class=\"notice\">\n{body}\n</main>\n</body>\n</html>\n",
            tag = self.lang.tag(),
            title = escape(title),
        )
    }

    /// The page an invitation link opens while it is valid: who it is for, and the button
    /// that signs them in (a same-origin POST carrying the token, and `carried`, the language
    /// the link asked for, so the app opens in it). Opening it changes nothing.
    pub fn sign_in(
        &self,
        token: &str,
        carried: Option<Lang>,
        invitation: &InvitationView,
    ) -> String {
        let w = words(self.lang);
        let p = &invitation.participant;
        let invited = w.invited_to.replace(
            "{agreement}",
            &format!("<cite>{}</cite>", escape(&invitation.agreement.title)),
        );
        let button = w
            .sign_in_as
            .replace("{name}", &escape(&p.name))
            .replace("{organisation}", &escape(&p.organisation));
        let body = format!(
            "<h1>{heading}</h1>\n<p>{invited}</p>\n\
             <form method=\"post\" action=\"/join\" class=\"ui\">\n\
             <input type=\"hidden\" name=\"token\" value=\"{token}\">\n\
             {lang}\
             <button type=\"submit\" class=\"primary\">{button}</button>\n</form>\n\
             <p>{personal}</p>",
            heading = w.sign_in_heading,
            token = escape(token),
            lang = carried
                .map(|l| format!(
                    "<input type=\"hidden\" name=\"lang\" value=\"{}\">\n",
                    l.code()
                ))
                .unwrap_or_default(),
            personal = w.personal,
        );
        self.page(w.sign_in_title, &body)
    }

    /// Why a link signs nobody in. `open` is the agreement's address when the reader is
    /// already signed in as the person the link was for (they opened their link twice).
    pub fn refused(&self, refusal: InviteRefusal, open: Option<&str>) -> String {
        let w = words(self.lang);
        let heading = match refusal {
            InviteRefusal::Unknown => w.unknown,
            InviteRefusal::Used => w.used,
            InviteRefusal::Expired => w.expired,
            InviteRefusal::Revoked => w.revoked,
        };
        let onward = open
            .map(|href| {
                format!(
                    "\n<p><a href=\"{}\">{}</a></p>",
                    escape(href),
                    w.already_signed_in
                )
            })
            .unwrap_or_default();
        let body = format!(
            "<h1>{heading}</h1>\n<p role=\"alert\">{}</p>{onward}",
            w.ask_for_new
        );
        self.page(heading, &body)
    }

    /// A sign-in that did not come from the sign-in page itself (another site's form, a
    /// script): nobody was signed in and the link still works.
    pub fn cross_site(&self) -> String {
        let w = words(self.lang);
        let body = format!(
            "<h1>{}</h1>\n<p role=\"alert\">{}</p>",
            w.cross_site_title, w.cross_site_body
        );
        self.page(w.cross_site_title, &body)
    }
}

/// Shown for every page when the front end has not been built into the app directory (for
/// whoever runs the server, so in Swedish and English).
pub fn not_built(app_dir: &str) -> String {
    let body = format!(
        "<h1>Appen är inte byggd</h1>\n<p>Servern hittar ingen <code>index.html</code> i \
         <code>{dir}</code>. Bygg appen med <code>trunk build</code>.</p>\n\
         <h1 lang=\"en\">The app is not built</h1>\n<p lang=\"en\">The server finds no \
         <code>index.html</code> in <code>{dir}</code>. Build the app with \
         <code>trunk build</code>.</p>",
        dir = escape(app_dir)
    );
    Chrome {
        lang: Lang::Sv,
        stylesheets: &[],
        switch: false,
    }
    .page("Appen är inte byggd", &body)
}

/// The stylesheet URLs an `index.html` links (Trunk writes
/// `<link rel="stylesheet" href="/main-<hash>.css" …>`), so the server's pages wear them too.
pub fn stylesheets(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<link").map(|i| i + from) {
        let end = lower[start..].find('>').map_or(lower.len(), |i| i + start);
        let tag = &html[start..end];
        if attribute(tag, "rel").is_some_and(|rel| rel.eq_ignore_ascii_case("stylesheet")) {
            if let Some(href) = attribute(tag, "href") {
                found.push(href.to_string());
            }
        }
        from = end;
    }
    found
}

/// The value of a quoted attribute in one tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| i + from) {
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = &tag[at + name.len()..];
        if let (true, Some(rest)) = (before_ok, rest.strip_prefix('=')) {
            let quote = rest.chars().next()?;
            if quote == '"' || quote == '\'' {
                return rest[1..].split(quote).next();
            }
        }
        from = at + name.len();
    }
    None
}

/// Text made safe for HTML content and quoted attributes.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AgreementInfo;
    use samrad_domain::{Participant, Role};

    fn invitation() -> InvitationView {
        InvitationView {
            participant: Participant {
                id: "p-1".into(),
                name: "Erik <Johansson>".into(),
                organisation: "Strandviks kommun".into(),
                role: Role::Member,
            },
            agreement: AgreementInfo {
                id: "a".into(),
                title: "Avtal & bilagor".into(),
            },
            refusal: None,
        }
    }

    #[test]
    fn finds_the_apps_stylesheets() {
        let html = r#"<head><link rel="stylesheet" href="/main-3f2a.css" integrity="sha384-x"/>
<link rel="preload" href="/samrad_bg.wasm" as="fetch"><LINK REL='stylesheet' HREF='/b.css'></head>"#;
        assert_eq!(stylesheets(html), vec!["/main-3f2a.css", "/b.css"]);
        assert!(stylesheets("<html></html>").is_empty());
    }

    #[test]
    fn the_sign_in_page_names_the_invited_and_escapes_everything() {
        let sheets = vec!["/main-1.css".to_string()];
        let chrome = Chrome {
            lang: Lang::Sv,
            stylesheets: &sheets,
            switch: true,
        };
        let page = chrome.sign_in("tok\"en", None, &invitation());
        assert!(page.contains("<html lang=\"sv-SE\">"), "{page}");
        assert!(page.contains("<link rel=\"stylesheet\" href=\"/main-1.css\">"));
        assert!(page.contains("Logga in som Erik &lt;Johansson&gt;, Strandviks kommun"));
        assert!(page.contains("<cite>Avtal &amp; bilagor</cite>"));
        assert!(page.contains("name=\"token\" value=\"tok&quot;en\""));
        assert!(page.contains("method=\"post\" action=\"/join\""));
        assert!(!page.contains("<script") && !page.contains("style="));
        assert!(page.contains("<a href=\"?lang=nb\" hreflang=\"nb\" lang=\"nb\">Norsk bokmål</a>"));
        assert!(page.contains("<strong lang=\"sv\" aria-current=\"true\">Svenska</strong>"));
        let en = Chrome {
            lang: Lang::En,
            stylesheets: &sheets,
            switch: false,
        }
        .refused(InviteRefusal::Used, Some("/a/x"));
        assert!(en.contains("<html lang=\"en-GB\">"));
        assert!(en.contains("This invitation has already been used"));
        assert!(en.contains("<a href=\"/a/x\">You are already signed in"));
        assert!(!en.contains("?lang="), "a POST's answer has no switch");
    }
}
