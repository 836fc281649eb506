//! An agreement's stored log as one body: its rows (v1 updates, oldest first), each as a
//! lib0 buffer (its length as a variable-length integer, then its bytes). The server sends it
//! to a page opening the agreement (`GET /api/agreements/{id}/state`), so the page holds the
//! agreement before its socket's sync step, which then carries only what came after.
//!
//! The rows go as stored rather than merged into one update: almost always there is one
//! (a compacted log), and when there are more, merging a real consultation's log would cost
//! the server a decode of the whole agreement per page opened, while the page applies them in
//! one transaction anyway ([`Agreement::apply_stored`](crate::Agreement::apply_stored)).

use super::WireError;
use yrs::encoding::read::{Cursor, Read};
use yrs::encoding::write::Write;

/// The body carrying `rows`.
pub fn join_log<R: AsRef<[u8]>>(rows: &[R]) -> Vec<u8> {
    let mut body = Vec::with_capacity(rows.iter().map(|r| r.as_ref().len() + 5).sum());
    for row in rows {
        body.write_buf(row.as_ref());
    }
    body
}

/// The rows of a body made by [`join_log`], in order; refused when it is cut short or a length
/// runs past its end.
pub fn split_log(body: &[u8]) -> Result<Vec<&[u8]>, WireError> {
    let mut cursor = Cursor::new(body);
    let mut rows = Vec::new();
    while cursor.has_content() {
        let len: usize = cursor.read_var()?;
        let start = cursor.next;
        let row = start
            .checked_add(len)
            .and_then(|end| body.get(start..end))
            .ok_or_else(|| WireError::Malformed("a row runs past the log's end".into()))?;
        cursor.next += len;
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_splits_into_the_rows_it_was_joined_from() {
        let rows: Vec<Vec<u8>> = vec![vec![0; 300], vec![], vec![7, 8, 9]];
        let body = join_log(&rows);
        assert_eq!(split_log(&body).expect("a log"), rows);
        assert!(split_log(&[]).expect("an empty log").is_empty());
        // A length past the end, and a length cut short, are refused.
        assert!(split_log(&body[..body.len() - 1]).is_err());
        assert!(split_log(&[0x80]).is_err());
    }

    #[test]
    fn a_stored_log_applied_in_one_transaction_is_the_agreement() {
        let written = crate::Agreement::new(1);
        written.set_title("Avtal om samverkan");
        let first = written.encode_state();
        let before = written.state_vector();
        written.set_title("Avtal om samverkan 2027");
        let second = written.encode_diff(&before).expect("a diff");
        let body = join_log(&[first, second]);
        let opened = crate::Agreement::new(2);
        opened
            .apply_stored(&split_log(&body).expect("a log"))
            .expect("applies");
        assert_eq!(opened.title(), "Avtal om samverkan 2027");
        assert_eq!(opened.state_vector(), written.state_vector());
    }
}
