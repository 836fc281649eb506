//! A client's keystroke and presence periods, each with a random phase (as the Node tool's
//! setInterval after a random setTimeout), and when they stop.

use std::time::Duration;
use tokio::time::{interval_at, Instant, Interval, MissedTickBehavior};

use crate::client::Run;
use crate::machine::now;

pub enum Tick {
    Keystroke,
    Presence,
    Stop,
}

#[derive(Default)]
pub struct Timers {
    keys: Option<Interval>,
    presence: Option<Interval>,
    stop: Option<Instant>,
}

/// A pseudo-random number in 0..1 (xorshift).
pub fn random(state: &mut u64) -> f64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 11) as f64 / (1u64 << 53) as f64
}

/// A period of `hz` with a random phase. Keystrokes make up a late tick at once (`Burst`), so
/// every server is offered the same number of writes however late this busy machine wakes
/// the tool (with `Delay` a late tick pushed every later one back, and the server sharing the
/// cores with the tool was offered fewer: 997 against 1,000 writes/s). Presence just goes on
/// from the late tick, as a browser's timer does.
fn periodic(hz: f64, rng: &mut u64, missed: MissedTickBehavior) -> Option<Interval> {
    if hz <= 0.0 {
        return None;
    }
    let period = Duration::from_secs_f64(1.0 / hz);
    let mut i = interval_at(Instant::now() + period.mul_f64(random(rng)), period);
    i.set_missed_tick_behavior(missed);
    Some(i)
}

impl Timers {
    pub fn start(&mut self, run: &Run, writes: bool, rng: &mut u64) {
        self.presence = periodic(run.presence_hz, rng, MissedTickBehavior::Delay);
        if writes {
            self.keys = periodic(run.rate, rng, MissedTickBehavior::Burst);
        }
        let left = Duration::from_secs_f64(((run.stop_at - now()) / 1000.0).max(0.0));
        self.stop = Some(Instant::now() + left);
    }

    pub fn stop(&mut self) {
        *self = Timers::default();
    }

    pub async fn next(&mut self) -> Tick {
        tokio::select! {
            _ = tick(&mut self.keys) => Tick::Keystroke,
            _ = tick(&mut self.presence) => Tick::Presence,
            _ = until(self.stop) => Tick::Stop,
        }
    }
}

async fn tick(i: &mut Option<Interval>) {
    match i {
        Some(i) => {
            i.tick().await;
        }
        None => std::future::pending().await,
    }
}

async fn until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
