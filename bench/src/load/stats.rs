//! One client's counts over the measured window; the coordinator sums them.

use std::collections::HashMap;

#[derive(Default, Debug)]
pub struct Stats {
    pub writes: u64,
    pub expected: u64,
    pub deliveries: u64,
    pub presence_out: u64,
    pub presence_in: u64,
    pub frames_in: u64,
    /// Milliseconds from a write's stamp to its frame read by another client.
    pub latency: Vec<f64>,
    pub presence_latency: Vec<f64>,
    /// Milliseconds from a write to the server's state vector covering it (Samråd's "saved").
    pub ack_latency: Vec<f64>,
    pub closes: HashMap<String, u64>,
    pub open: bool,
}
