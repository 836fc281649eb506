//! `samrad-server`: runs the sync server and prints fresh sign-in links for the demo;
//! `samrad-server admin …` creates agreements and invites people from the command line —
//! through the running server if one uses the store, else on the store directly.
//! End-to-end tests start it with `--addr 127.0.0.1:0` and parse the printed links.

use clap::{Parser, Subcommand};
use samrad_server::admin::{self, Request};
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
    #[command(subcommand)]
    admin: Option<Top>,
}

#[derive(Debug, Subcommand)]
enum Top {
    /// Looks after agreements: through the server if it is running on the store (it takes
    /// them on a socket beside it), else on the store directly.
    #[command(subcommand)]
    Admin(Admin),
}

#[derive(Debug, Subcommand)]
enum Admin {
    /// Creates an agreement from a Word draft (.docx: heading styles give chapters and
    /// clauses) or a Markdown file (# title, ## chapter, ### clause).
    Create {
        /// The agreement's id in links.
        id: String,
        /// The draft file.
        file: PathBuf,
    },
    /// Invites a participant and prints their personal link (with the running server's
    /// address, or --public-url / --addr when none runs).
    Invite {
        agreement: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        organisation: String,
        /// observer, member, jurist or coordinator.
        #[arg(long)]
        role: String,
    },
    /// Lists the agreements, or one agreement's participants.
    List { agreement: Option<String> },
    /// Revokes an invitation link.
    Revoke { link: String },
}

fn run_admin(cli: &Cli, command: &Admin) -> Result<(), Box<dyn std::error::Error>> {
    let base = cli
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", cli.addr));
    // What reading a Word draft changed, told after the command's own answer.
    let mut notes = Vec::new();
    let request = match command {
        Admin::Create { id, file } => {
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
            let (request, read) =
                admin::create_request(id, &std::fs::read(file)?, stem.as_deref().unwrap_or(id))?;
            notes = read;
            request
        }
        Admin::Invite {
            agreement,
            name,
            organisation,
            role,
        } => Request::Invite {
            agreement: agreement.clone(),
            name: name.clone(),
            organisation: organisation.clone(),
            role: role.clone(),
        },
        Admin::List { agreement } => Request::List {
            agreement: agreement.clone(),
        },
        Admin::Revoke { link } => Request::Revoke { link: link.clone() },
    };
    let out = admin::run(&cli.db, &request, &base)?;
    println!("{}", out.trim_end());
    for note in notes {
        println!("  note: {note}");
    }
    Ok(())
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
    if let Some(Top::Admin(command)) = &cli.admin {
        if let Err(e) = run_admin(&cli, command) {
            eprintln!("samrad-server: {e}");
            std::process::exit(2);
        }
        return Ok(());
    }
    let mut config = Config::new(cli.db, cli.app);
    config.public_url = cli.public_url;
    config.allowed_origins = cli.allow_origin;
    config.mail = samrad_server::mail::MailConfig::from_env()?;

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
