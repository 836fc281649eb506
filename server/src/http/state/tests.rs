use super::*;

fn accepts(value: &str) -> bool {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCEPT_ENCODING,
        HeaderValue::from_str(value).expect("header"),
    );
    accepts_gzip(&headers)
}

#[test]
fn gzip_is_sent_when_its_own_weight_or_any_codings_allows_it() {
    for yes in [
        "gzip, deflate",
        "gzip, deflate, br, zstd",
        "GZIP",
        "br;q=1.0, gzip;q=0.5",
        "*",
        "br, *;q=0.1",
        "gzip; Q=0.3",
    ] {
        assert!(accepts(yes), "{yes}");
    }
    for no in [
        "",
        "br",
        "identity",
        "gzip;q=0",
        "gzip;q=0.000",
        "gzip; Q=0",
        "gzip;q=0, *",
        "*;q=0",
        "gzip;q=nonsense",
        "xgzip, gzipx",
    ] {
        assert!(!accepts(no), "{no}");
    }
    assert!(!accepts_gzip(&HeaderMap::new()), "no header");
}
