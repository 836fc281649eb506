#![allow(clippy::unwrap_used)]
use samrad_domain::demo::consultation;

#[test]
fn print() {
    let (a, remiss) = consultation::agreement(1).unwrap();
    let c = a.compilation(&remiss).unwrap();
    println!("{}", serde_json::to_string_pretty(&c).unwrap());
}
