//! A labelled text field with a submit button, for remarks and replies. The caller's callback
//! performs the domain operation and says whether it worked; a refusal is shown, the draft kept.

use crate::i18n::{t, use_i18n};
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn RemarkForm(
    /// Unique id of the text field, for its label.
    field_id: String,
    /// The visible label.
    label: Signal<String>,
    /// UI string key of the submit button.
    submit_key: &'static str,
    /// Performs the write; `Err` carries a message for the reader.
    on_submit: Callback<String, Result<(), String>>,
    /// Shows a cancel button when given.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// Focuses the field when it appears (a reply form opened by the reader).
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let locale = use_i18n();
    let (body, set_body) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let field = NodeRef::<html::Textarea>::new();
    if autofocus {
        Effect::new(move |_| {
            if let Some(el) = field.get() {
                let _ = el.focus();
            }
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = body.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        match on_submit.run(text) {
            Ok(()) => {
                set_body.set(String::new());
                set_error.set(None);
            }
            Err(e) => set_error.set(Some(e)),
        }
    };
    view! {
        <form class="remark-form" on:submit=submit>
            <label for=field_id.clone()>{move || label.get()}</label>
            <textarea
                id=field_id
                node_ref=field
                rows="3"
                prop:value=body
                on:input=move |ev| set_body.set(event_target_value(&ev))
            ></textarea>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="error" role="alert">
                                {locale.get().text("remark.error", &[("error", &e)])}
                            </p>
                        }
                    })
            }}
            <div class="actions">
                <button type="submit" class="primary">{t(submit_key)}</button>
                {on_cancel
                    .map(|cancel| {
                        view! {
                            <button type="button" on:click=move |_| cancel.run(())>
                                {t("remark.cancel")}
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}
