//! How the server accepts connections: every accepted socket has Nagle's algorithm off.
//!
//! A sync connection carries small frames both ways — a keystroke's relay is a few dozen bytes.
//! With Nagle's algorithm on, a small write waits while an earlier one is unacknowledged, and
//! the peer acknowledges late (Linux delays an ACK up to 40 ms): relays then sat in the kernel
//! for up to 40 ms, more than the whole of the server's own path (read → stored → written,
//! `rooms/timing.rs`). axum's `serve` leaves the option as the socket has it (on); browsers and
//! the Node y-websocket server's `ws` set `TCP_NODELAY` on their sockets. What is written is
//! already gathered per wake (`ws.rs` writes every queued frame, then flushes once), so turning
//! the delay off costs no extra packets for a busy connection.

use axum::serve::{Listener, ListenerExt};
use tokio::net::{TcpListener, TcpStream};

/// `listener`, with `TCP_NODELAY` set on every connection it accepts.
pub(crate) fn accepting(
    listener: TcpListener,
) -> impl Listener<Io = TcpStream, Addr = std::net::SocketAddr> {
    listener.tap_io(|socket: &mut TcpStream| {
        if let Err(error) = socket.set_nodelay(true) {
            tracing::warn!(%error, "could not turn off the send delay of a connection");
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_accepted_connection_sends_small_frames_without_delay() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("port 0");
        let addr = listener.local_addr().expect("address");
        let mut accepting = accepting(listener);
        for _ in 0..2 {
            let client = TcpStream::connect(addr).await.expect("connect");
            let (socket, _) = accepting.accept().await;
            assert!(
                socket.nodelay().expect("read TCP_NODELAY"),
                "an accepted socket still delays small writes (Nagle's algorithm is on)"
            );
            // The client side is left as the client set it: the option is the server's.
            drop(client);
        }
    }
}
