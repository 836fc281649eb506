//! Samråd's browser app (Leptos, client-side rendered). Components only read the live
//! agreement and call domain methods; the protocol and the rules live in `samrad-domain`.

pub mod access;
pub mod components;
pub mod deferred;
pub mod early;
pub mod escape;
pub mod filters;
pub mod format;
pub mod i18n;
pub mod inbox;
pub mod kept_compilation;
pub mod later;
pub mod live;
pub mod markdown;
pub mod near;
pub mod progressive;
pub mod quiet;
pub mod reading;
pub mod session;
pub mod shell;
pub mod unsaved_stances;
pub mod writes;

pub use components::app::App;
