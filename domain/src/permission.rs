//! What each role may do in each phase: a pure function of the model, used alike by the app
//! (to offer only what is allowed), by the domain operations (to refuse) and by the server (to
//! reject updates that break the rules).

use crate::{Phase, Role};
use serde::{Deserialize, Serialize};

/// Something a participant may want to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Write a comment or question on a clause or a range.
    Remark,
    /// Propose replacement wording.
    Propose,
    /// Reply to a remark.
    Reply,
    /// Support or oppose a proposal.
    Support,
    /// Draft the organisation's stance on a clause.
    DraftStance,
    /// Send the organisation's answer (the respondent only).
    SendAnswer,
    /// Change clause text, including accepting a proposal.
    EditText,
    /// Add, move or remove chapters and clauses.
    EditStructure,
    /// Give a remark a disposition.
    Dispose,
    /// Cut a named version.
    CutVersion,
    /// Change the phase, deadlines and participants.
    Manage,
    /// Record an answer that came another way (by e-mail, on paper) for an organisation.
    RecordAnswer,
    /// Write the coordinators' response to what was said on a clause (bemötande / vurdering).
    Respond,
}

/// Whether `role` may perform `action` while the agreement is in `phase`.
pub fn may(role: Role, phase: Phase, action: Action) -> bool {
    use Action::*;
    use Phase::*;
    match role {
        Role::Observer => false,
        Role::Coordinator => match action {
            Manage | CutVersion => true,
            // The text is frozen while it is out for consultation and once closed.
            EditText | EditStructure => matches!(phase, Drafting | Merging),
            Dispose => !matches!(phase, Closed),
            Remark | Propose | Reply | Support => !matches!(phase, Closed),
            DraftStance | SendAnswer => matches!(phase, Consultation),
            // Answers still arrive by e-mail after the consultation closes; responses are
            // written while the answers come in and while they are compiled.
            RecordAnswer | Respond => matches!(phase, Consultation | Merging),
        },
        Role::Member | Role::Jurist => {
            let proposes = role == Role::Jurist;
            match action {
                Remark | Support => matches!(phase, Drafting | Consultation),
                Propose => proposes && matches!(phase, Drafting | Consultation),
                // Answering a coordinator's question stays possible while remarks are merged.
                Reply => matches!(phase, Drafting | Consultation | Merging),
                DraftStance | SendAnswer => matches!(phase, Consultation),
                EditText | EditStructure | Dispose | CutVersion | Manage | RecordAnswer
                | Respond => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observers_never_write() {
        for phase in Phase::ALL {
            for action in [
                Action::Remark,
                Action::Reply,
                Action::Support,
                Action::Manage,
            ] {
                assert!(!may(Role::Observer, phase, action), "{phase:?} {action:?}");
            }
        }
    }

    #[test]
    fn text_is_frozen_during_consultation() {
        assert!(may(Role::Coordinator, Phase::Drafting, Action::EditText));
        assert!(!may(
            Role::Coordinator,
            Phase::Consultation,
            Action::EditText
        ));
        assert!(may(Role::Coordinator, Phase::Merging, Action::EditText));
        assert!(!may(Role::Coordinator, Phase::Closed, Action::EditText));
    }

    #[test]
    fn only_jurists_and_coordinators_propose() {
        assert!(!may(Role::Member, Phase::Drafting, Action::Propose));
        assert!(may(Role::Jurist, Phase::Drafting, Action::Propose));
        assert!(may(Role::Coordinator, Phase::Drafting, Action::Propose));
    }

    #[test]
    fn stances_only_in_consultation() {
        assert!(!may(Role::Member, Phase::Drafting, Action::DraftStance));
        assert!(may(Role::Member, Phase::Consultation, Action::DraftStance));
        assert!(!may(Role::Member, Phase::Merging, Action::DraftStance));
    }

    #[test]
    fn only_coordinators_record_answers_and_respond_while_compiling() {
        for action in [Action::RecordAnswer, Action::Respond] {
            assert!(may(Role::Coordinator, Phase::Consultation, action));
            assert!(may(Role::Coordinator, Phase::Merging, action));
            assert!(!may(Role::Coordinator, Phase::Drafting, action));
            assert!(!may(Role::Coordinator, Phase::Closed, action));
            for role in [Role::Member, Role::Jurist, Role::Observer] {
                assert!(Phase::ALL.iter().all(|p| !may(role, *p, action)));
            }
        }
    }

    #[test]
    fn members_only_reply_while_merging() {
        assert!(!may(Role::Member, Phase::Merging, Action::Remark));
        assert!(may(Role::Member, Phase::Merging, Action::Reply));
        assert!(!may(Role::Member, Phase::Closed, Action::Reply));
    }
}
