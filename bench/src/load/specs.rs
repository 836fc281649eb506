//! Every client: who it is, where it connects, and what it writes — signing in through the
//! links for Samråd (as the sign-in page's button does), made-up participants for Node.

use futures_util::stream::{self, StreamExt};
use std::collections::HashMap;
use std::sync::Arc;

use crate::client::{Error, Person, Spec, Writes};
use crate::options::Opts;
use samrad_bench::session;

/// Signs in through a link (`session::sign_in`, as the fixture tool does); returns the
/// session cookie and who it is.
async fn sign_in(
    http: &reqwest::Client,
    base: &str,
    link: &str,
) -> Result<(String, Person), Error> {
    let cookie = session::sign_in(&session::on_base(link, base)).await?;
    let answer: serde_json::Value = http
        .get(format!("{base}/api/session"))
        .header("cookie", &cookie)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let p = &answer["participant"];
    let field = |k: &str| p[k].as_str().unwrap_or_default().to_string();
    let person = Person {
        id: field("id"),
        name: field("name"),
        organisation: field("organisation"),
        role: field("role"),
    };
    Ok((cookie, person))
}

async fn samrad_people(
    opts: &Opts,
) -> Result<Vec<(String, String, Option<String>, Person)>, Error> {
    let links = std::fs::read_to_string(opts.get("links").ok_or("--links FILE")?)?;
    let pairs: Vec<(String, String)> = links
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((w.next()?.to_string(), w.next()?.to_string()))
        })
        .collect();
    eprintln!("[load samrad] signing in {} participants …", pairs.len());
    let t0 = std::time::Instant::now();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let base = opts.base();
    let signed: Vec<Result<(String, Person), Error>> = stream::iter(&pairs)
        .map(|(_, link)| sign_in(&http, &base, link))
        .buffered(8)
        .collect()
        .await;
    eprintln!(
        "[load samrad] signed in in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let ws = base.replacen("http", "ws", 1);
    pairs
        .into_iter()
        .zip(signed)
        .map(|((agreement, _), s)| {
            let (cookie, person) = s?;
            Ok((
                format!("{ws}/sync/{agreement}"),
                agreement,
                Some(cookie),
                person,
            ))
        })
        .collect()
}

fn node_people(opts: &Opts) -> Vec<(String, String, Option<String>, Person)> {
    let ws = opts.base().replacen("http", "ws", 1);
    let mut people = vec![];
    for a in 0..opts.num("agreements", 100.0) as usize {
        let agreement = format!("bench-{a:03}");
        for p in 0..opts.num("per", 10.0) as usize {
            let person = Person {
                id: format!("p-{agreement}-{p}"),
                name: format!("Deltagare {}", p + 1),
                organisation: format!("Kommun {}", p + 1),
                role: if p == 0 { "coordinator" } else { "member" }.into(),
            };
            people.push((format!("{ws}/{agreement}"), agreement.clone(), None, person));
        }
    }
    people
}

pub async fn specs(opts: &Opts) -> Result<Vec<Spec>, Error> {
    let samrad = opts.samrad();
    let people = if samrad {
        samrad_people(opts).await?
    } else {
        node_people(opts)
    };
    let seed = match opts.get("seed") {
        Some(f) => Some(Arc::new(std::fs::read(f)?)),
        None => None,
    };
    let mut count: HashMap<String, usize> = HashMap::new();
    for (_, a, _, _) in &people {
        *count.entry(a.clone()).or_default() += 1;
    }
    let writers = opts.num("writers", 10.0) as usize;
    let mut rank: HashMap<String, usize> = HashMap::new();
    let base = opts.base();
    Ok(people
        .into_iter()
        .enumerate()
        .map(|(index, (url, agreement, cookie, person))| {
            let r = rank.entry(agreement.clone()).or_default();
            let mine = *r;
            *r += 1;
            let writes = match person.role.as_str() {
                _ if mine >= writers => None,
                "observer" => None,
                "coordinator" => Some(Writes::Text),
                _ => Some(Writes::Remark),
            };
            Spec {
                index,
                peers: count[&agreement] - 1,
                url,
                origin: base.clone(),
                cookie,
                person,
                first: mine == 0,
                writes,
                acks: samrad,
                // Node keeps documents only in memory: each agreement's first client brings it.
                seed: if !samrad && mine == 0 {
                    seed.clone()
                } else {
                    None
                },
                agreement,
            }
        })
        .collect())
}
