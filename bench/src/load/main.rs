//! The server benchmark's load tool in Rust: the twin of tests/bench/load.mjs (same options,
//! phases and JSON figures), plain Yjs-protocol clients on one tokio runtime, each frame
//! timestamped the moment it is read, so the tool's own delays stay small beside the
//! latencies it measures. Signs everyone in (Samråd), connects one client per agreement, then
//! all the others, reading the server's resident memory after each step; then every client
//! announces its presence at --presence-hz and every writer types --rate keystrokes a second
//! for --warmup + --duration seconds. Prints one JSON line (and writes it to --json).
//!
//!   samrad-load --server samrad --base http://127.0.0.1:PORT --pid PID --links FILE [--seed-out FILE]
//!   samrad-load --server node   --base http://127.0.0.1:PORT --pid PID --agreements 100 --per 10 --seed FILE
//!
//! Options: --workers 2 (runtime threads) --rate 5 --writers 10 --presence-hz 10 --warmup 5
//! --duration 20 --drain 2 --json FILE --mark FILE.

mod client;
mod histogram;
mod machine;
mod options;
mod run;
mod specs;
mod stats;
mod timers;
mod writes;

fn main() {
    let opts = match options::Opts::parse(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("samrad-load: {e}");
            std::process::exit(2);
        }
    };
    let threads = opts.num("workers", 2.0).max(1.0) as usize;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build();
    let result = match runtime {
        Ok(rt) => rt.block_on(run::run(&opts)),
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(line) => {
            println!("{line}");
            // Clients may still be closing; the figures are out.
            std::process::exit(0);
        }
        Err(e) => {
            eprintln!("samrad-load: {e}");
            std::process::exit(1);
        }
    }
}
