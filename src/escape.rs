//! Escape closes a panel, as its close button does: one handler for every panel that opens
//! over or beside the page (the inbox, the participants, the matrix's detail) and for the
//! confirmations of a formal step (a change of phase, sending on remiss, sending an answer),
//! which Escape closes as Cancel does.

/// A `keydown` handler that runs `close` when Escape is pressed inside the element, and keeps
/// the key from doing anything else there.
pub fn closes_on_escape(close: impl Fn() + 'static) -> impl Fn(web_sys::KeyboardEvent) + 'static {
    move |ev| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    }
}
