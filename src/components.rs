//! One component per file.

pub mod agreement_view;
pub mod app;
pub mod clause_card;
pub mod connection_badge;
pub mod presence_bar;
pub mod remark_form;
pub mod remark_thread;
pub mod toc;
