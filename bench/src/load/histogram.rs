//! Latencies in 0.05 ms buckets up to 10 s, exactly as tests/bench/load/histogram.mjs counts
//! them, so both load tools turn the same samples into the same quantiles.

const STEP: f64 = 0.05;
const BUCKETS: usize = 200_001;

pub struct Histogram {
    buckets: Vec<u32>,
    count: u64,
}

impl Histogram {
    pub fn new() -> Self {
        Histogram {
            buckets: vec![0; BUCKETS],
            count: 0,
        }
    }

    pub fn add(&mut self, ms: f64) {
        let i = (ms / STEP).round().clamp(0.0, (BUCKETS - 1) as f64) as usize;
        self.buckets[i] += 1;
        self.count += 1;
    }

    /// The latency below which `q` (0..1) of the samples fall, in ms; NaN when empty.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.count == 0 {
            return f64::NAN;
        }
        let rank = (q * self.count as f64).ceil() as u64;
        let mut seen = 0u64;
        for (i, n) in self.buckets.iter().enumerate() {
            seen += u64::from(*n);
            if seen >= rank {
                return i as f64 * STEP;
            }
        }
        (BUCKETS - 1) as f64 * STEP
    }
}

#[cfg(test)]
mod tests {
    use super::Histogram;

    #[test]
    fn quantiles_are_bucket_bounds() {
        let mut h = Histogram::new();
        assert!(h.quantile(0.5).is_nan());
        for ms in [1.0, 2.0, 3.0, 4.0] {
            h.add(ms);
        }
        assert!((h.quantile(0.5) - 2.0).abs() < 1e-9);
        assert!((h.quantile(1.0) - 4.0).abs() < 1e-9);
    }
}
