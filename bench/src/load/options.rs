//! The load tool's options: the same `--name value` pairs as tests/bench/load.mjs.

use std::collections::HashMap;

pub struct Opts(HashMap<String, String>);

impl Opts {
    pub fn parse(args: impl Iterator<Item = String>) -> Result<Opts, String> {
        let mut map = HashMap::new();
        let mut args = args.peekable();
        while let Some(a) = args.next() {
            let key = a.strip_prefix("--").ok_or(format!("not an option: {a}"))?;
            let value = args.next().ok_or(format!("--{key} needs a value"))?;
            map.insert(key.to_string(), value);
        }
        Ok(Opts(map))
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(String::as_str)
    }

    pub fn num(&self, k: &str, default: f64) -> f64 {
        self.get(k).and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    pub fn samrad(&self) -> bool {
        self.get("server") == Some("samrad")
    }

    pub fn base(&self) -> String {
        self.get("base")
            .unwrap_or("http://127.0.0.1:8080")
            .trim_end_matches('/')
            .to_string()
    }
}
