//! Reading a y-websocket frame from a client, before yrs sees any of it. The framing is read
//! here rather than by yrs' `MessageReader` (which takes running out of bytes for the end), so
//! a cut-off message is refused; every client id is checked; a frame holds a bounded number of
//! messages, at most one state vector and one presence query (each is answered with what may
//! be the whole document or everyone's presence); every document update is read by the domain's
//! bounded reader (`samrad_domain::wire`) before anything is merged or judged.

use super::RoomError;
use samrad_domain::wire::{checked_client, parse_update, Limits, WireError};
use yrs::encoding::read::{Cursor, Error as ReadError, Read};
use yrs::sync::protocol::{
    MSG_AWARENESS, MSG_QUERY_AWARENESS, MSG_SYNC, MSG_SYNC_STEP_1, MSG_SYNC_STEP_2, MSG_SYNC_UPDATE,
};
use yrs::sync::AwarenessUpdate;
use yrs::updates::decoder::Decode;
use yrs::StateVector;

/// Most messages one frame may hold. A client sends one or two at a time (its state vector and
/// presence on connecting, then one update or presence change per frame).
pub const MAX_MESSAGES_PER_FRAME: usize = 8;

/// Largest presence state, in bytes of JSON (a name, an organisation, where one reads and types).
pub const MAX_PRESENCE_BYTES: usize = 4096;

/// A decoded client message other than a document update, ready to act on.
pub(super) enum Step {
    Step1(StateVector),
    Presence(AwarenessUpdate),
    Query,
}

/// A frame, decoded: its document updates (SyncStep2 or Update, v1 bytes) and its other
/// messages.
pub(super) struct Decoded {
    pub updates: Vec<Vec<u8>>,
    pub steps: Vec<Step>,
}

/// Decodes every message of a frame, refusing the whole frame if any part is bad.
pub(super) fn decode(frame: &[u8]) -> Result<Decoded, RoomError> {
    let mut cursor = Cursor::new(frame);
    let mut updates = Vec::new();
    let mut steps = Vec::new();
    let (mut step1s, mut queries) = (0, 0);
    while cursor.has_content() {
        if updates.len() + steps.len() == MAX_MESSAGES_PER_FRAME {
            return Err(RoomError::TooMany(format!(
                "a frame holds at most {MAX_MESSAGES_PER_FRAME} messages"
            )));
        }
        let tag: u8 = cursor.read_var().map_err(wire)?;
        match tag {
            MSG_SYNC => {
                let kind: u8 = cursor.read_var().map_err(wire)?;
                if !matches!(kind, MSG_SYNC_STEP_1 | MSG_SYNC_STEP_2 | MSG_SYNC_UPDATE) {
                    return Err(RoomError::Decode(format!("unknown sync message {kind}")));
                }
                let body = cursor.read_buf().map_err(wire)?;
                if kind == MSG_SYNC_STEP_1 {
                    step1s += 1;
                    check_entries(body, 2, |c| {
                        let _clock: u32 = c.read_var().map_err(wire)?;
                        Ok(())
                    })?;
                    steps.push(Step::Step1(StateVector::decode_v1(body).map_err(wire)?));
                } else {
                    // Read here too, so a malformed update refuses the frame before anything.
                    parse_update(body, Limits::PEER).map_err(|e| match e {
                        WireError::Malformed(m) => RoomError::Decode(m),
                        WireError::Limit(m) => RoomError::TooLarge(m),
                    })?;
                    updates.push(body.to_vec());
                }
            }
            MSG_AWARENESS => {
                let body = cursor.read_buf().map_err(wire)?;
                check_entries(body, 3, |c| {
                    let clock: u32 = c.read_var().map_err(wire)?;
                    // yrs adds one to a presence's clock when its connection leaves: at the
                    // maximum that overflows (a panic in debug builds; otherwise a removal
                    // others ignore, a ghost for good). Found by fuzzing the room.
                    if clock == u32::MAX {
                        return Err(RoomError::Decode("a presence clock at its maximum".into()));
                    }
                    let json = c.read_string().map_err(wire)?;
                    if json.len() > MAX_PRESENCE_BYTES {
                        return Err(RoomError::TooLarge(format!(
                            "a presence state is larger than {MAX_PRESENCE_BYTES} bytes"
                        )));
                    }
                    Ok(())
                })?;
                let update = AwarenessUpdate::decode_v1(body).map_err(wire)?;
                steps.push(Step::Presence(update));
            }
            MSG_QUERY_AWARENESS => {
                queries += 1;
                steps.push(Step::Query);
            }
            // Auth and custom messages.
            tag => return Err(RoomError::Unsupported(tag)),
        }
        if step1s > 1 || queries > 1 {
            return Err(RoomError::TooMany(
                "a frame asks for the state or for presence once".into(),
            ));
        }
    }
    if updates.is_empty() && steps.is_empty() {
        return Err(RoomError::Empty);
    }
    Ok(Decoded { updates, steps })
}

/// A read error as a refusal: running out of bytes means the frame was cut off.
fn wire(e: ReadError) -> RoomError {
    match e {
        ReadError::EndOfBuffer(_) => RoomError::Truncated,
        e => RoomError::Decode(e.to_string()),
    }
}

/// Checks a state vector or awareness update as yrs will read it: a count, then entries that
/// each start with a client id, the rest read by `rest`. The count must fit the bytes (each
/// entry takes at least `min_entry`), so yrs never reserves room for a count the frame cannot
/// hold.
fn check_entries(
    body: &[u8],
    min_entry: u64,
    rest: impl Fn(&mut Cursor<'_>) -> Result<(), RoomError>,
) -> Result<(), RoomError> {
    let mut cursor = Cursor::new(body);
    let count: u64 = cursor.read_var().map_err(wire)?;
    if count.saturating_mul(min_entry) > body.len() as u64 {
        return Err(RoomError::Decode(format!(
            "{count} entries cannot fit in {} bytes",
            body.len()
        )));
    }
    for _ in 0..count {
        checked_client(cursor.read_var().map_err(wire)?).map_err(wire)?;
        rest(&mut cursor)?;
    }
    Ok(())
}
