//! A new draft from Word: a coordinator picks a .docx while the agreement is being drafted
//! and before anyone has remarked; the server reads it and replaces the chapters and clauses
//! in one change that reaches everyone. What the server says — a summary, or why the file was
//! refused (not Word, password-protected, no headings, too large …) — is shown as it says it,
//! in the reader's language.

use crate::i18n::{t, use_i18n};
use crate::session::use_agreement;
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::JsCast;

/// The server's answer to an imported draft.
#[derive(Debug, Clone, Deserialize)]
struct Imported {
    chapters: usize,
    clauses: usize,
    #[serde(default)]
    notes: Vec<ImportNote>,
}

#[derive(Debug, Clone, Deserialize)]
struct ImportNote {
    message: String,
}

/// A refusal as the server words it.
#[derive(Debug, Clone, Deserialize)]
struct Refused {
    error: String,
}

/// What became of one upload.
#[derive(Debug, Clone)]
enum Outcome {
    Sending,
    Done(Imported),
    Refused(String),
}

async fn upload(url: String, file: web_sys::File) -> Result<Imported, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let response = gloo_net::http::Request::post(&url)
        .header(
            "content-type",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        .body(bytes)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if response.ok() {
        response.json::<Imported>().await.map_err(|e| e.to_string())
    } else {
        let status = response.status();
        match response.json::<Refused>().await {
            Ok(r) => Err(r.error),
            Err(_) => Err(format!("HTTP {status}")),
        }
    }
}

#[component]
pub fn DraftImport() -> impl IntoView {
    let locale = use_i18n();
    let agreement = use_agreement();
    let outcome = RwSignal::new(None::<Outcome>);
    let on_pick = move |ev: web_sys::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        let url = format!(
            "/api/agreements/{}/draft?lang={}",
            agreement.id,
            locale.get_untracked().code()
        );
        outcome.set(Some(Outcome::Sending));
        leptos::task::spawn_local(async move {
            let result = upload(url, file).await;
            outcome.set(Some(match result {
                Ok(done) => Outcome::Done(done),
                Err(why) => Outcome::Refused(why),
            }));
        });
        if let Some(input) = input {
            // The same file can be picked again after it has been fixed.
            input.set_value("");
        }
    };
    let shown = move || {
        outcome.get().map(|o| match o {
            Outcome::Sending => view! { <p role="status">{t("draft.sending")}</p> }.into_any(),
            Outcome::Done(done) => {
                let counts = locale.get().text_n("draft.done_clauses", done.clauses, &[]);
                let chapters = locale.get().text_n("draft.done_chapters", done.chapters, &[]);
                view! {
                    <div class="ok" role="status">
                        <p>{locale.get().text("draft.done", &[("chapters", &chapters), ("clauses", &counts)])}</p>
                        <ul>{done.notes.into_iter().map(|n| view! { <li>{n.message}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any()
            }
            Outcome::Refused(why) => view! {
                <p class="error" role="alert">{locale.get().text("draft.refused", &[("reason", &why)])}</p>
            }
            .into_any(),
        })
    };
    view! {
        <section class="draft-import" aria-labelledby="draft-import-title">
            <h2 id="draft-import-title">{t("draft.title")}</h2>
            <p class="hint">{t("draft.hint")}</p>
            <label class="ui file-label" for="draft-file">{t("draft.pick")}</label>
            <input
                id="draft-file"
                type="file"
                accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                on:change=on_pick
            />
            {shown}
        </section>
    }
}
