//! The load's phases and the figures they yield (the same JSON fields as tests/bench/load.mjs).

use futures_util::stream::{self, StreamExt};
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

use crate::client::{self, Cmd, Error, Run, Spec};
use crate::histogram::Histogram;
use crate::machine::{cpu_seconds, loadavg, now, rss_mb};
use crate::options::Opts;
use crate::stats::Stats;

type Handle = mpsc::Sender<Cmd>;

fn log(opts: &Opts, what: &str) {
    eprintln!("[load {}] {what}", opts.get("server").unwrap_or("?"));
}

/// Connects `chosen`, `parallel` at a time; fails with the first few failures.
async fn connect(chosen: Vec<Spec>, parallel: usize) -> Result<Vec<Handle>, Error> {
    let results: Vec<_> = stream::iter(chosen)
        .map(client::connect)
        .buffer_unordered(parallel)
        .collect()
        .await;
    let mut handles = vec![];
    let mut failures = vec![];
    for r in results {
        match r {
            Ok(h) => handles.push(h),
            Err(e) => failures.push(e.to_string()),
        }
    }
    if failures.is_empty() {
        Ok(handles)
    } else {
        failures.truncate(5);
        Err(format!("connecting: {}", failures.join("; ")).into())
    }
}

async fn sleep_ms(ms: f64) {
    tokio::time::sleep(Duration::from_secs_f64(ms.max(0.0) / 1000.0)).await;
}

/// Asks every client and collects the answers (a client gone answers nothing).
async fn ask<T>(
    handles: &[Handle],
    cmd: impl Fn(oneshot::Sender<T>) -> Cmd,
) -> Vec<oneshot::Receiver<T>> {
    let mut out = vec![];
    for h in handles {
        let (tx, rx) = oneshot::channel();
        let _ = h.send(cmd(tx)).await;
        out.push(rx);
    }
    out
}

/// Every remark made and saved (Samråd answers each write with its state vector).
async fn prepare(handles: &[Handle]) -> u64 {
    let answers = ask(handles, Cmd::Prepare).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut unsaved = 0;
    for rx in answers {
        if !matches!(tokio::time::timeout_at(deadline, rx).await, Ok(Ok(()))) {
            unsaved += 1;
        }
    }
    unsaved
}

pub async fn run(opts: &Opts) -> Result<String, Error> {
    let pid = opts.get("pid").ok_or("--pid PID")?.to_string();
    let all = crate::specs::specs(opts).await?;
    let parallel = opts.num("workers", 2.0).max(1.0) as usize;
    let agreements = all
        .iter()
        .map(|s| &s.agreement)
        .collect::<HashSet<_>>()
        .len();
    let mut f = Map::new();
    f.insert("server".into(), json!(opts.get("server")));
    f.insert("tool".into(), json!("rust"));
    f.insert("connections".into(), json!(all.len()));
    f.insert("agreements".into(), json!(agreements));
    f.insert(
        "writers".into(),
        json!(all.iter().filter(|s| s.writes.is_some()).count()),
    );
    f.insert("rate".into(), json!(opts.num("rate", 5.0)));
    f.insert("presenceHz".into(), json!(opts.num("presence-hz", 10.0)));
    sleep_ms(500.0).await;
    let rss_start = rss_mb(&pid);

    log(
        opts,
        &format!("connecting one client to each of {agreements} agreements …"),
    );
    let t0 = std::time::Instant::now();
    let (first, rest): (Vec<Spec>, Vec<Spec>) = all.iter().cloned().partition(|s| s.first);
    let mut handles = connect(first, 10 * parallel).await?;
    log(opts, &format!("… in {:.1} s", t0.elapsed().as_secs_f64()));
    sleep_ms(2000.0).await;
    let rss_loaded = rss_mb(&pid);
    if let (true, Some(out), Some(h)) = (opts.samrad(), opts.get("seed-out"), handles.first()) {
        let (tx, rx) = oneshot::channel();
        let _ = h.send(Cmd::Seed(tx)).await;
        std::fs::write(out, rx.await?)?;
    }

    log(
        opts,
        &format!("connecting the other {} clients …", all.len() - agreements),
    );
    let t0 = std::time::Instant::now();
    handles.extend(connect(rest, 20 * parallel).await?);
    log(opts, &format!("… in {:.1} s", t0.elapsed().as_secs_f64()));
    sleep_ms(3000.0).await;
    let rss_connected = rss_mb(&pid);
    f.insert("unsavedRemarks".into(), json!(prepare(&handles).await));
    sleep_ms(1000.0).await;

    let stats = measure(opts, &pid, &handles, &mut f).await;
    f.insert("rssAfter".into(), json!(rss_mb(&pid)));
    figures(&mut f, opts, stats, all.len(), agreements);
    f.insert("rssStart".into(), json!(rss_start));
    f.insert("rssLoaded".into(), json!(rss_loaded));
    f.insert("rssConnected".into(), json!(rss_connected));
    f.insert(
        "perAgreementMB".into(),
        json!((rss_loaded - rss_start) / agreements as f64),
    );
    let idle = (all.len() - agreements).max(1) as f64;
    f.insert(
        "perConnectionKB".into(),
        json!((rss_connected - rss_loaded) * 1024.0 / idle),
    );
    let line = Value::Object(f).to_string();
    if let Some(path) = opts.get("json") {
        std::fs::write(path, format!("{line}\n"))?;
    }
    Ok(line)
}

/// The load: warmup, the measured window (server CPU, this tool's CPU and timer lag, the
/// --mark file), the drain; then every client's counts.
async fn measure(
    opts: &Opts,
    pid: &str,
    handles: &[Handle],
    f: &mut Map<String, Value>,
) -> Vec<Stats> {
    let warmup = opts.num("warmup", 5.0) * 1000.0;
    let duration = opts.num("duration", 20.0) * 1000.0;
    let start = now() + 200.0;
    let run = Run {
        window_start: start + warmup,
        window_end: start + warmup + duration,
        stop_at: start + warmup + duration,
        rate: opts.num("rate", 5.0),
        presence_hz: opts.num("presence-hz", 10.0),
    };
    let writers = f.get("writers").cloned().unwrap_or_default();
    log(
        opts,
        &format!(
            "running: {writers} writers at {}/s, presence at {} Hz, {} + {} s …",
            run.rate,
            run.presence_hz,
            warmup / 1000.0,
            duration / 1000.0
        ),
    );
    for h in handles {
        let _ = h.send(Cmd::Run(run)).await;
    }
    let lag = tokio::spawn(timer_lag(run.window_start, run.window_end));
    sleep_ms(run.window_start - now()).await;
    let (server0, own0) = (cpu_seconds(pid), cpu_seconds("self"));
    f.insert("loadavgStart".into(), json!(loadavg()));
    if let Some(mark) = opts.get("mark") {
        let _ = std::fs::write(mark, "");
    }
    sleep_ms(run.window_end - now()).await;
    let seconds = duration / 1000.0;
    f.insert(
        "cpuPercent".into(),
        json!((cpu_seconds(pid) - server0) / seconds * 100.0),
    );
    f.insert(
        "loadCpuPercent".into(),
        json!([((cpu_seconds("self") - own0) / seconds * 100.0).round()]),
    );
    f.insert("loadavgEnd".into(), json!(loadavg()));
    if let Some(mark) = opts.get("mark") {
        let _ = std::fs::remove_file(mark);
    }
    sleep_ms(opts.num("drain", 2.0) * 1000.0).await;
    f.insert(
        "loadLoopLagP99".into(),
        json!(lag.await.unwrap_or(f64::NAN)),
    );
    client::STOPPING.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut out = vec![];
    for rx in ask(handles, Cmd::Close).await {
        out.extend(rx.await.ok());
    }
    sleep_ms(500.0).await;
    out
}

/// How late a 5 ms timer fires on this runtime over the window, p99 (the Node tool reports its
/// event loop's delay the same way).
async fn timer_lag(start: f64, end: f64) -> f64 {
    let mut h = Histogram::new();
    while now() < end {
        let t = now();
        sleep_ms(5.0).await;
        if t >= start {
            h.add(now() - t - 5.0);
        }
    }
    h.quantile(0.99)
}

fn figures(
    f: &mut Map<String, Value>,
    opts: &Opts,
    runs: Vec<Stats>,
    connections: usize,
    _agreements: usize,
) {
    let seconds = opts.num("duration", 20.0);
    let sum = |g: fn(&Stats) -> u64| runs.iter().map(g).sum::<u64>() as f64;
    let hist = |g: fn(&Stats) -> &Vec<f64>| {
        let mut h = Histogram::new();
        runs.iter()
            .flat_map(|s| g(s).iter())
            .for_each(|ms| h.add(*ms));
        h
    };
    let (latency, presence, acks) = (
        hist(|s| &s.latency),
        hist(|s| &s.presence_latency),
        hist(|s| &s.ack_latency),
    );
    let mut closes = Map::new();
    for (k, v) in runs.iter().flat_map(|s| s.closes.iter()) {
        let n = closes.get(k).and_then(Value::as_u64).unwrap_or(0);
        closes.insert(k.clone(), json!(n + v));
    }
    let expected = sum(|s| s.expected);
    let figures = json!({
        "writesPerSec": sum(|s| s.writes) / seconds,
        "deliveriesPerSec": sum(|s| s.deliveries) / seconds,
        "delivered": if expected > 0.0 { sum(|s| s.deliveries) / expected } else { f64::NAN },
        "p50": latency.quantile(0.5), "p99": latency.quantile(0.99), "max": latency.quantile(1.0),
        "presencePerSec": sum(|s| s.presence_out) / seconds,
        "presenceP50": presence.quantile(0.5), "presenceP99": presence.quantile(0.99),
        "savedP50": acks.quantile(0.5), "savedP99": acks.quantile(0.99),
        "closes": closes,
        "stillOpen": runs.iter().filter(|s| s.open).count(),
        "clientsAnswered": runs.len(),
        "connectionsAsked": connections,
    });
    if let Value::Object(m) = figures {
        f.extend(m);
    }
}
