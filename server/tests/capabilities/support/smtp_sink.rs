//! A real SMTP server for tests, on port 0: it speaks enough of RFC 5321 for a client to
//! deliver (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, and STARTTLS when asked to offer it)
//! and hands every message received, as sent, to the test. Not a mock of the client: lettre
//! connects to it over TCP — plain, upgraded with STARTTLS, or TLS from the first byte, with a
//! certificate for `localhost` issued by a CA made for the test (rcgen), served with rustls.

use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::{rustls, TlsAcceptor};

/// A message as delivered: the envelope's recipients and the raw data (headers and body).
#[derive(Debug, Clone)]
pub struct Delivered {
    pub to: Vec<String>,
    pub data: String,
}

impl Delivered {
    /// The value of header `name` (unfolded), if present.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    /// The body, with quoted-printable soft breaks and escapes undone where lettre used them.
    pub fn body(&self) -> String {
        let body = self
            .data
            .split_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or("");
        decode_qp(body)
    }
}

fn decode_qp(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() + 1 {
            if let Ok(b) = u8::from_str_radix(joined.get(i + 1..i + 3).unwrap_or(""), 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How the sink is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkTls {
    Plain,
    /// Offers STARTTLS after EHLO and refuses mail until the connection is upgraded.
    StartTls,
    /// TLS from the first byte.
    Implicit,
}

/// A running sink: the URL to configure, the test CA to trust (PEM), and the messages as they
/// arrive.
pub struct Sink {
    pub url: String,
    pub ca_pem: Vec<u8>,
    pub mail: mpsc::UnboundedReceiver<Delivered>,
    /// Whether each delivery came over TLS, in order.
    pub secured: mpsc::UnboundedReceiver<bool>,
}

/// Starts a plain sink; returns its `smtp://` URL and the messages as they arrive.
pub async fn start() -> (String, mpsc::UnboundedReceiver<Delivered>) {
    let sink = start_with(SinkTls::Plain).await;
    (sink.url, sink.mail)
}

/// Starts a sink reached as `tls` says, on `localhost` and port 0.
pub async fn start_with(tls: SinkTls) -> Sink {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let port = listener.local_addr().expect("address").port();
    let scheme = match tls {
        SinkTls::Plain => "smtp",
        SinkTls::StartTls => "smtp+starttls",
        SinkTls::Implicit => "smtps",
    };
    let (ca_pem, acceptor) = test_certificate();
    let (tx, mail) = mpsc::unbounded_channel();
    let (secured_tx, secured) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (tx, secured_tx, acceptor) = (tx.clone(), secured_tx.clone(), acceptor.clone());
            tokio::spawn(async move {
                let tell = Told {
                    tx,
                    secured: secured_tx,
                };
                match tls {
                    SinkTls::Implicit => match acceptor.accept(socket).await {
                        Ok(stream) => session(stream, tell, None, true).await,
                        Err(e) => eprintln!("sink: TLS handshake failed: {e}"),
                    },
                    SinkTls::StartTls => session(socket, tell, Some(acceptor), false).await,
                    SinkTls::Plain => session(socket, tell, None, false).await,
                }
            });
        }
    });
    Sink {
        url: format!("{scheme}://localhost:{port}"),
        ca_pem,
        mail,
        secured,
    }
}

/// A CA made for this test and a certificate it issued for `localhost`: the CA's PEM (for the
/// client to trust) and an acceptor serving the certificate.
fn test_certificate() -> (Vec<u8>, TlsAcceptor) {
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Samråd test CA");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA");
    let key = rcgen::KeyPair::generate().expect("key");
    let params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).expect("params");
    let cert = params.signed_by(&key, &ca).expect("certificate");
    let chain = vec![CertificateDer::from(cert.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server config");
    (ca.pem().into_bytes(), TlsAcceptor::from(Arc::new(config)))
}

/// Where a session hands what it received.
struct Told {
    tx: mpsc::UnboundedSender<Delivered>,
    secured: mpsc::UnboundedSender<bool>,
}

/// A connection, plain or TLS, as one type (an upgraded one wraps the plain one).
trait Stream: AsyncRead + AsyncWrite + Send + Unpin {}
impl<S: AsyncRead + AsyncWrite + Send + Unpin> Stream for S {}

/// One SMTP conversation. With `upgrade`, STARTTLS is offered and required before MAIL.
fn session(
    stream: impl Stream + 'static,
    told: Told,
    upgrade: Option<TlsAcceptor>,
    secure: bool,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
    let stream: Box<dyn Stream> = Box::new(stream);
    Box::pin(async move {
        let (read, mut write) = tokio::io::split(stream);
        let mut lines = BufReader::new(read).lines();
        if !secure || upgrade.is_none() {
            // A connection upgraded by STARTTLS gets no second greeting.
            if write.write_all(b"220 sink.test ESMTP\r\n").await.is_err() {
                return;
            }
        }
        let mut to = Vec::new();
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            let must_upgrade = upgrade.is_some() && !secure;
            let reply: &[u8] = match verb.as_str() {
                "EHLO" if must_upgrade => b"250-sink.test\r\n250-8BITMIME\r\n250 STARTTLS\r\n",
                "EHLO" => b"250-sink.test\r\n250 8BITMIME\r\n",
                "STARTTLS" if must_upgrade => {
                    let _ = write.write_all(b"220 go ahead\r\n").await;
                    let plain = lines.into_inner().into_inner().unsplit(write);
                    let acceptor = upgrade.clone().expect("acceptor");
                    match acceptor.accept(plain).await {
                        Ok(tls) => session(tls, told, upgrade, true).await,
                        Err(e) => eprintln!("sink: STARTTLS handshake failed: {e}"),
                    }
                    return;
                }
                "MAIL" if must_upgrade => b"530 Must issue a STARTTLS command first\r\n",
                "HELO" | "MAIL" | "RSET" | "NOOP" => b"250 OK\r\n",
                "RCPT" => {
                    to.push(
                        line.split_once(':')
                            .map(|(_, a)| a.trim().to_string())
                            .unwrap_or_default(),
                    );
                    b"250 OK\r\n"
                }
                "DATA" => {
                    let _ = write.write_all(b"354 end with .\r\n").await;
                    let mut data = String::new();
                    while let Ok(Some(l)) = lines.next_line().await {
                        if l == "." {
                            break;
                        }
                        data.push_str(l.strip_prefix('.').unwrap_or(&l));
                        data.push_str("\r\n");
                    }
                    let _ = told.secured.send(secure);
                    let _ = told.tx.send(Delivered {
                        to: std::mem::take(&mut to),
                        data,
                    });
                    b"250 queued\r\n"
                }
                "QUIT" => {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                }
                _ => b"502 not implemented\r\n",
            };
            if write.write_all(reply).await.is_err() {
                return;
            }
        }
    })
}
