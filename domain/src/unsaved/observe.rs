//! What applying an update to a replica changes, as yrs' deep observers see it: used to learn
//! which entries a refused replica's own changes reach (see unsaved.rs). The server's guard
//! does not rely on observers (they miss changes no reader sees); it places every block of an
//! update itself (guard.rs).

use crate::Agreement;
use std::cell::RefCell;
use std::rc::Rc;
use yrs::types::{Event, PathSegment};
use yrs::{DeepObservable, Transact};

/// One change an update made, as recorded by the deep observers.
#[derive(Debug, Clone)]
pub(super) struct Change {
    pub(super) root: &'static str,
    /// Keys from the root map down to the changed type.
    pub(super) path: Vec<String>,
    pub(super) what: ChangeKind,
}

#[derive(Debug, Clone)]
pub(super) enum ChangeKind {
    /// A key of a map was set or removed.
    Entry { key: String },
    /// A text was edited.
    Text,
    /// Anything else (arrays, XML): never part of an agreement.
    Other,
}

impl Agreement {
    /// Applies `update` and returns every change it made, as the deep observers on each root
    /// saw them.
    pub(super) fn apply_observed(
        &self,
        decoded: yrs::Update,
    ) -> Result<Vec<Change>, yrs::error::UpdateError> {
        const ORIGIN: &str = "unsaved";
        let changes: Rc<RefCell<Vec<Change>>> = Rc::default();
        let roots = self.root_maps();
        for (root, map) in &roots {
            let (sink, root) = (changes.clone(), *root);
            map.observe_deep(ORIGIN, move |txn, events| {
                let mut sink = sink.borrow_mut();
                for event in events.iter() {
                    let path: Vec<String> = event
                        .path()
                        .into_iter()
                        .map(|s| match s {
                            PathSegment::Key(k) => k.to_string(),
                            PathSegment::Index(i) => format!("#{i}"),
                        })
                        .collect();
                    match event {
                        Event::Map(e) => {
                            for key in e.keys(txn).keys() {
                                let what = ChangeKind::Entry {
                                    key: key.to_string(),
                                };
                                let path = path.clone();
                                sink.push(Change { root, path, what });
                            }
                        }
                        Event::Text(_) => sink.push(Change {
                            root,
                            path,
                            what: ChangeKind::Text,
                        }),
                        _ => sink.push(Change {
                            root,
                            path,
                            what: ChangeKind::Other,
                        }),
                    }
                }
            });
        }
        let applied = self.doc.transact_mut_with(ORIGIN).apply_update(decoded);
        for (_, map) in &roots {
            map.unobserve_deep(ORIGIN);
        }
        applied?;
        Ok(changes.take())
    }
}
