//! The compilation page's compilation, kept current change by change (the domain's
//! `KeptCompilation`): a remark, the wording or the response on clause X builds clause X's
//! section, and only the views of clause X and of the front matter (whose figures it moves)
//! are told. An answer sent, the outline, the versions, the phase or who takes part build it
//! all again — and only then is the remiss version presumed afresh (that reads every remark of
//! the consultation; a remark on one clause cannot make another version the remiss version
//! once the consultation has remarks).
//!
//! The remiss version's text — the costliest read, the whole document as it stood then — is
//! read once per agreement and version and kept beyond the page: a version never changes once
//! cut, so opening the compilation again, or building it again after an answer, starts from it.

use crate::live::Live;
use leptos::prelude::*;
use samrad_domain::compilation::{ClauseCompilation, KeptCompilation, RemissText};
use samrad_domain::{Agreement, Change, ClauseId, Compilation};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

thread_local! {
    /// The remiss text read last, with the agreement it was read from.
    static REMISS: RefCell<Option<(String, RemissText)>> = const { RefCell::new(None) };
}

/// Handles to the kept compilation; cheap to copy into views.
#[derive(Clone, Copy)]
pub struct LiveCompilation {
    kept: StoredValue<Option<KeptCompilation>, LocalStorage>,
    /// Told of every update: the introduction, the summary and the outline read this.
    front: StoredValue<ArcTrigger>,
    /// One per clause a view has read.
    clauses: StoredValue<HashMap<ClauseId, ArcTrigger>>,
}

impl LiveCompilation {
    /// Runs `f` on the compilation (`None` before there is one); re-run on every update.
    pub fn with<R>(&self, f: impl FnOnce(&Compilation) -> R) -> Option<R> {
        self.front.with_value(|t| t.track());
        self.kept
            .with_value(|k| k.as_ref().map(|k| f(k.compilation())))
    }

    /// Clause `id`'s section; re-read when it is built again.
    pub fn clause(&self, id: &str) -> Option<ClauseCompilation> {
        self.clauses.update_value(|map| {
            map.entry(id.to_string()).or_default().track();
        });
        self.kept.with_value(|k| {
            k.as_ref()?
                .compilation()
                .chapters
                .iter()
                .flat_map(|c| &c.clauses)
                .find(|c| c.id == id)
                .cloned()
        })
    }

    /// Tells the views of what `update` built again.
    fn tell(&self, all: bool, clauses: &[ClauseId]) {
        self.front.with_value(|t| t.notify());
        self.clauses.with_value(|map| {
            let told = map
                .iter()
                .filter(|(id, _)| all || clauses.contains(id))
                .map(|(_, t)| t);
            told.for_each(ArcTrigger::notify);
        });
    }
}

/// The compilation of agreement `id` (`a`), from the remiss text kept for it if there is one.
fn build(id: &str, a: &Agreement) -> Option<KeptCompilation> {
    let version = a.presumed_remiss_version()?;
    let known = REMISS.with_borrow(|r| {
        r.as_ref()
            .filter(|(of, text)| of == id && text.version() == version)
            .map(|(_, text)| text.clone())
    });
    let text = match known {
        Some(text) => text,
        None => {
            let text = a.remiss_text(&version).ok()?;
            REMISS.set(Some((id.to_string(), text.clone())));
            text
        }
    };
    a.kept_compilation_from(text).ok()
}

/// The compilation of `live`'s agreement (`id`), built now and kept current.
pub fn keep_compilation(live: Live, id: String) -> LiveCompilation {
    let first = live.untracked(|a| build(&id, a));
    let kept = LiveCompilation {
        kept: StoredValue::new_local(first),
        front: StoredValue::new(ArcTrigger::new()),
        clauses: StoredValue::new(HashMap::new()),
    };
    let pending: Arc<Mutex<Vec<Change>>> = Arc::default();
    let arrived = ArcTrigger::new();
    live.watch({
        let (pending, arrived) = (pending.clone(), arrived.clone());
        move |changes| {
            pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(changes);
            arrived.notify();
        }
    });
    // The transaction has committed by the time this runs: the replica may be read.
    Effect::new(move |_| {
        arrived.track();
        let changes = std::mem::take(&mut *pending.lock().unwrap_or_else(|e| e.into_inner()));
        if !changes.is_empty() {
            update(live, &id, kept, &changes);
        }
    });
    kept
}

fn update(live: Live, id: &str, kept: LiveCompilation, changes: &[Change]) {
    // (everything built again, the clauses built again)
    let mut told: (bool, Vec<ClauseId>) = (false, Vec::new());
    live.untracked(|a| {
        kept.kept.update_value(|k| {
            let update = k.as_mut().map(|k| k.update(a, changes));
            told = match update {
                Some(Ok(u)) if !u.rebuilt => (false, u.clauses.into_iter().collect()),
                Some(Ok(_)) if same_remiss(k.as_ref(), a) => (true, Vec::new()),
                // Nothing yet, a refusal, or another remiss version now: built afresh.
                _ => {
                    *k = build(id, a);
                    (true, Vec::new())
                }
            };
        })
    });
    let (all, clauses) = told;
    if all || !clauses.is_empty() {
        kept.tell(all, &clauses);
    }
}

/// Whether `kept` still answers the version the agreement's remiss version is presumed to be.
fn same_remiss(kept: Option<&KeptCompilation>, a: &Agreement) -> bool {
    kept.map(KeptCompilation::remiss_version) == a.presumed_remiss_version().as_deref()
}
