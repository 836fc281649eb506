//! End-to-end capabilities of the server over real sockets: each test starts a server on
//! port 0 with its own database file and talks to it as a browser would.

mod admin;
mod bindings;
mod cli;
mod compilation;
mod compilation_csv;
mod compilation_docx;
mod converge;
mod crash;
mod deadlines;
mod docx;
mod docx_http;
mod drafts;
mod enforcement;
mod headers;
mod hostile;
mod inbox;
mod invitations;
mod mail;
mod malformed;
mod meeting;
mod origin;
mod participants;
mod quota;
mod restart;
mod sessions;
mod signout;
mod stored_state;
mod support;
mod unloading;
mod versions;
