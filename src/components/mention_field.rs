//! A text field that offers participants when the writer types `@`: arrow keys move through
//! the suggestions, Enter or Tab picks one, Escape closes them. Picked participants are
//! recorded as mentions, so the remark names them by id, not only by text.

use crate::i18n::t;
use crate::live::use_live;
use leptos::html;
use leptos::prelude::*;
use samrad_domain::Participant;

/// The `@query` being typed just before the caret: (start offset in UTF-16 units, query).
fn mention_query(text: &str, caret: usize) -> Option<(usize, String)> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let before = String::from_utf16_lossy(&units[..caret.min(units.len())]);
    let at = before.rfind('@')?;
    let query = &before[at + 1..];
    let starts_word = before[..at].chars().last().is_none_or(char::is_whitespace);
    if !starts_word || query.contains('\n') || query.chars().count() > 30 {
        return None;
    }
    let start = before[..at].encode_utf16().count();
    Some((start, query.to_string()))
}

fn suggestions(people: &[Participant], query: &str) -> Vec<Participant> {
    let q = query.to_lowercase();
    people
        .iter()
        .filter(|p| {
            p.name
                .to_lowercase()
                .split_whitespace()
                .any(|w| w.starts_with(&q))
                || p.name.to_lowercase().starts_with(&q)
        })
        .take(6)
        .cloned()
        .collect()
}

#[component]
pub fn MentionField(
    field_id: String,
    label: Signal<String>,
    value: RwSignal<String>,
    mentions: RwSignal<Vec<String>>,
    /// Told when the writer starts (true) or stops (false) typing.
    #[prop(optional)]
    on_typing: Option<Callback<bool>>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let live = use_live();
    let node = NodeRef::<html::Textarea>::new();
    let open = RwSignal::new(Vec::<Participant>::new());
    let active = RwSignal::new(0usize);
    let query_at = RwSignal::new(None::<(usize, String)>);
    if autofocus {
        Effect::new(move |_| {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        });
    }
    let list_id = format!("{field_id}-mentions");
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    let refresh = move || {
        let Some(el) = node.get_untracked() else {
            return;
        };
        let caret = el.selection_start().ok().flatten().unwrap_or(0) as usize;
        let found = mention_query(&value.get_untracked(), caret);
        // Participants are read only while an @mention is being typed, not on every key.
        let list = found
            .as_ref()
            .map(|(_, q)| suggestions(&live.untracked(|a| a.participants()), q))
            .unwrap_or_default();
        if found.is_some() || query_at.with_untracked(Option::is_some) {
            query_at.set(found);
            active.set(0);
        }
        if !(list.is_empty() && open.with_untracked(Vec::is_empty)) {
            open.set(list);
        }
    };
    let pick = move |p: Participant| {
        let Some((start, query)) = query_at.get_untracked() else {
            return;
        };
        let text = value.get_untracked();
        let units: Vec<u16> = text.encode_utf16().collect();
        let end = (start + 1 + query.encode_utf16().count()).min(units.len());
        let new = format!(
            "{}@{} {}",
            String::from_utf16_lossy(&units[..start]),
            p.name,
            String::from_utf16_lossy(&units[end..])
        );
        value.set(new);
        mentions.update(|m| {
            if !m.contains(&p.id) {
                m.push(p.id.clone());
            }
        });
        open.set(Vec::new());
        query_at.set(None);
        if let Some(el) = node.get_untracked() {
            let caret = (start + 2 + p.name.encode_utf16().count()) as u32;
            el.set_value(&value.get_untracked());
            let _ = el.set_selection_range(caret, caret);
            let _ = el.focus();
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let list = open.get_untracked();
        if list.is_empty() {
            return;
        }
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                active.update(|i| *i = (*i + 1) % list.len());
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|i| *i = (*i + list.len() - 1) % list.len());
            }
            "Enter" | "Tab" => {
                ev.prevent_default();
                if let Some(p) = list.get(active.get_untracked()).cloned() {
                    pick(p);
                }
            }
            "Escape" => {
                ev.prevent_default();
                open.set(Vec::new());
            }
            _ => {}
        }
    };
    let active_option = {
        let option_id = option_id.clone();
        move || (!open.get().is_empty()).then(|| option_id(active.get()))
    };
    view! {
        <div class="mention-field">
            <label for=field_id.clone()>{move || label.get()}</label>
            <textarea
                id=field_id.clone()
                node_ref=node
                rows="3"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-activedescendant=active_option
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    refresh();
                    if let Some(cb) = on_typing {
                        cb.run(!value.get_untracked().trim().is_empty());
                    }
                }
                on:keydown=on_keydown
                on:blur=move |_| {
                    // A field removed while focused (its composer closed after sending) is
                    // blurred after its owner, and the callback with it, is gone: nobody is
                    // typing there any more, and there is no one left to tell.
                    if let Some(cb) = on_typing {
                        let _ = cb.try_run(false);
                    }
                }
            ></textarea>
            <ul
                id=list_id.clone()
                role="listbox"
                class="mention-list"
                aria-label=t("mention.list")
                hidden=move || open.get().is_empty()
            >
                {move || {
                    open.get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let chosen = p.clone();
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    aria-selected=move || (active.get() == i).to_string()
                                    class:active=move || active.get() == i
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        pick(chosen.clone());
                                    }
                                >
                                    {p.name.clone()}
                                    <span class="organisation">" · "{p.organisation.clone()}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_query_before_the_caret() {
        assert_eq!(mention_query("Hej @Sa", 7), Some((4, "Sa".into())));
        assert_eq!(
            mention_query("Hej @Sara Ny", 12),
            Some((4, "Sara Ny".into()))
        );
        assert_eq!(mention_query("mail@example", 12), None, "not after a word");
        assert_eq!(mention_query("Hej", 3), None);
        assert_eq!(mention_query("@", 1), Some((0, String::new())));
    }

    #[test]
    fn suggests_by_any_name_part() {
        let people = samrad_domain::demo::participants();
        let names: Vec<_> = suggestions(&people, "ny")
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Sara Nyström"]);
        assert_eq!(suggestions(&people, "").len(), 4);
    }
}
