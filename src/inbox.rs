//! The signed-in person's inbox in the app: the notices the server keeps for them
//! (`samrad_domain::InboxItem`), loaded over HTTP when the sync connection opens (so nothing
//! told while offline is missed), kept current by the server's inbox messages on the sync
//! socket, and marked read here — at once on screen, then on the server, which tells the
//! person's other devices.

pub mod mail;

use leptos::prelude::*;
use leptos::task::spawn_local;
use samrad_domain::{InboxItem, InboxMessage};
use serde::Deserialize;

/// The inbox's signals. `Copy`, held by [`crate::live::Live`].
#[derive(Debug, Clone, Copy)]
pub struct Inbox {
    /// Newest first.
    items: RwSignal<Vec<InboxItem>>,
    /// Why the last load or mark failed, if it did.
    pub error: RwSignal<Option<String>>,
    /// Whether the list has arrived at least once.
    pub loaded: RwSignal<bool>,
}

#[derive(Deserialize)]
struct Listed {
    items: Vec<InboxItem>,
}

impl Default for Inbox {
    fn default() -> Self {
        Inbox::new()
    }
}

impl Inbox {
    /// An empty inbox (before the server has answered).
    pub fn new() -> Inbox {
        Inbox {
            items: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            loaded: RwSignal::new(false),
        }
    }

    /// The notices, newest first (tracked).
    pub fn items(&self) -> Vec<InboxItem> {
        self.items.get()
    }

    /// How many are unread (tracked).
    pub fn unread(&self) -> usize {
        self.items
            .with(|items| items.iter().filter(|i| !i.read).count())
    }

    /// Applies what the server told this connection.
    pub fn receive(&self, message: InboxMessage) {
        match message {
            InboxMessage::New { item } => self.items.update(|items| {
                if !items.iter().any(|i| i.id == item.id) {
                    items.insert(0, item);
                }
            }),
            InboxMessage::Read { ids } => self.set_read(ids.as_deref()),
        }
    }

    fn set_read(&self, ids: Option<&[i64]>) {
        self.items.update(|items| {
            for item in items.iter_mut() {
                if ids.is_none_or(|ids| ids.contains(&item.id)) {
                    item.read = true;
                }
            }
        });
    }

    /// Loads the list from the server.
    pub fn refresh(&self) {
        let this = *self;
        spawn_local(async move {
            match fetch().await {
                Ok(items) => {
                    this.items.set(items);
                    this.loaded.set(true);
                    this.error.set(None);
                }
                Err(e) => this.error.set(Some(e)),
            }
        });
    }

    /// Marks `ids` read (all when `None`): on screen now, then on the server.
    pub fn mark_read(&self, ids: Option<Vec<i64>>) {
        let unread = |id: &i64| {
            self.items
                .with_untracked(|i| i.iter().any(|i| i.id == *id && !i.read))
        };
        if ids.as_ref().is_some_and(|ids| !ids.iter().any(unread)) {
            return;
        }
        self.set_read(ids.as_deref());
        let this = *self;
        spawn_local(async move {
            if let Err(e) = post_read(ids).await {
                this.error.set(Some(e));
            }
        });
    }
}

async fn fetch() -> Result<Vec<InboxItem>, String> {
    let response = gloo_net::http::Request::get("/api/inbox")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response
        .json::<Listed>()
        .await
        .map(|l| l.items)
        .map_err(|e| e.to_string())
}

async fn post_read(ids: Option<Vec<i64>>) -> Result<(), String> {
    /// What the server marks read: these notices, or all when `None`.
    #[derive(serde::Serialize)]
    struct ReadIds {
        ids: Option<Vec<i64>>,
    }
    let body = ReadIds { ids };
    let response = gloo_net::http::Request::post("/api/inbox/read")
        .json(&body)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    Ok(())
}
