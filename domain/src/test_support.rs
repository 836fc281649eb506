//! What the domain's unit tests share: a fixed "now", the demo agreement as the server holds
//! it, and the device's storage as the app's edge keeps it.

use crate::device::{Acks, DeviceCopy, Opened, Write};
use crate::{demo, Agreement};
use std::collections::BTreeMap;

/// A fixed time (ms since the epoch), so what the tests write does not depend on the clock.
pub(crate) const NOW: f64 = 1_790_000_000_000.0;

/// A replica as `client` holding the server's state: the demo agreement.
pub(crate) fn server_replica(client: u64) -> Agreement {
    let server = demo::agreement(1, NOW).expect("demo");
    let replica = Agreement::new(client);
    replica
        .apply_update(&server.encode_state())
        .expect("server state");
    replica
}

/// The device's storage as the edge keeps it: records by key, and the acknowledgements; a key
/// written twice is a fault.
#[derive(Default)]
pub(crate) struct Storage {
    pub(crate) records: BTreeMap<u64, Vec<u8>>,
    pub(crate) acks: Option<Acks>,
}

impl Storage {
    pub(crate) fn apply(&mut self, writes: impl IntoIterator<Item = Write>) {
        for write in writes {
            match write {
                Write::Append { key, record } => {
                    assert!(
                        self.records.insert(key, record).is_none(),
                        "key {key} reused"
                    );
                }
                Write::Compact { key, record } => {
                    self.records.retain(|k, _| *k >= key);
                    self.records.insert(key, record);
                }
                Write::Acks(acks) => self.acks = Some(acks),
            }
        }
    }

    /// A page load as `client` opening what is stored.
    pub(crate) fn open(&self, client: u64) -> Opened {
        let records = self.records.iter().map(|(k, v)| (*k, v.clone())).collect();
        DeviceCopy::open(client, records, self.acks.clone()).expect("opens")
    }
}
