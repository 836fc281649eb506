//! One component per file.

pub mod agreement_view;
pub mod answer_bar;
pub mod app;
pub mod clause_card;
pub mod clause_text;
pub mod competing_proposals;
pub mod composer;
pub mod connection_badge;
pub mod diff_view;
pub mod disposition_form;
pub mod filter_bar;
pub mod language_picker;
pub mod mention_field;
pub mod participants_panel;
pub mod phase_control;
pub mod presence_bar;
pub mod remark_card;
pub mod remark_thread;
pub mod selection_toolbar;
pub mod signed_in;
pub mod stance_panel;
pub mod support_buttons;
pub mod toc;
pub mod unsaved_link;
pub mod unsaved_panel;
pub mod workspace;
