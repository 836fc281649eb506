//! `samrad-server`: runs the sync server and prints fresh sign-in links for the demo.
//! End-to-end tests start it with `--addr 127.0.0.1:0` and parse the printed links.

use clap::Parser;
use samrad_server::{start, Config};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Samråd's sync server.
#[derive(Debug, Parser)]
#[command(name = "samrad-server", version, about)]
struct Cli {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// SQLite database file.
    #[arg(long, default_value = "samrad.db")]
    db: PathBuf,
    /// Directory of the built app (Trunk's output).
    #[arg(long, default_value = "dist")]
    app: PathBuf,
    /// Public base URL for printed links and the origin check [default: http://<bound addr>].
    #[arg(long)]
    public_url: Option<String>,
    /// A further origin allowed to open sync connections (repeatable).
    #[arg(long = "allow-origin")]
    allow_origin: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "samrad_server=info".into()),
        )
        .init();
    let cli = Cli::parse();
    let mut config = Config::new(cli.db, cli.app);
    config.public_url = cli.public_url;
    config.allowed_origins = cli.allow_origin;

    let listener = tokio::net::TcpListener::bind(cli.addr).await?;
    let server = start(config, listener).await?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(server.banner().as_bytes())?;
    // Tests read the links from a pipe, where stdout is block-buffered.
    stdout.flush()?;
    drop(stdout);

    stopped().await;
    tracing::info!("shutting down");
    server.shutdown().await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
