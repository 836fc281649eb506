//! A gate in the store's append path, for tests: while a [`Hold`] is out, every append waits
//! before it commits, and the test can see that one is waiting. So a test can freeze a room
//! with a change applied but not yet stored, and check what has left the server by then.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub(crate) struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct GateState {
    holds: usize,
    /// Appends waiting at the gate now.
    waiting: usize,
}

impl Gate {
    /// Called by the store before it commits: waits while the gate is held.
    pub(crate) fn pass(&self) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if state.holds == 0 {
            return;
        }
        state.waiting += 1;
        self.changed.notify_all();
        while state.holds > 0 {
            state = match self.changed.wait(state) {
                Ok(state) => state,
                Err(_) => return,
            };
        }
        state.waiting -= 1;
        self.changed.notify_all();
    }

    pub(crate) fn hold(self: &Arc<Self>) -> Hold {
        if let Ok(mut state) = self.state.lock() {
            state.holds += 1;
        }
        Hold { gate: self.clone() }
    }
}

/// Appends wait before committing until this is dropped.
#[derive(Debug)]
pub(crate) struct Hold {
    gate: Arc<Gate>,
}

impl Hold {
    /// Waits until at least one append is waiting at the gate; `false` if none came in `wait`.
    pub(crate) fn until_waiting(&self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        let Ok(mut state) = self.gate.state.lock() else {
            return false;
        };
        while state.waiting == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            state = match self.gate.changed.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(_) => return false,
            };
        }
        true
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        if let Ok(mut state) = self.gate.state.lock() {
            state.holds -= 1;
        }
        self.gate.changed.notify_all();
    }
}
