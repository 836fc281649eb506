//! Encryption at rest: every record of the device copy is sealed with AES-GCM under a key
//! WebCrypto made non-extractable. The key is kept in the agreement's database as a
//! `CryptoKey` object, which the browser stores without ever exposing its bytes to script —
//! so the database files copied off the machine, or read by a page script, are unreadable
//! without the browser profile that made them. AES-GCM also authenticates: a record altered
//! on disk fails to open and is skipped like any damaged one.

use super::DeviceError;
use js_sys::{Array, Object, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, SubtleCrypto};

/// The nonce's length: 96 bits, as AES-GCM recommends.
const NONCE: usize = 12;

fn subtle() -> Result<SubtleCrypto, DeviceError> {
    let crypto = web_sys::window()
        .ok_or(DeviceError::Unavailable)?
        .crypto()
        .map_err(|_| DeviceError::Unavailable)?;
    Ok(crypto.subtle())
}

fn js(e: JsValue) -> DeviceError {
    DeviceError::Crypto(format!("{e:?}"))
}

/// A fresh AES-GCM key that no script can read out.
pub async fn new_key() -> Result<CryptoKey, DeviceError> {
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let params = AesKeyGenParams::new("AES-GCM", 256);
    let promise = subtle()?
        .generate_key_with_object(&params, false, &usages)
        .map_err(js)?;
    let key = JsFuture::from(promise).await.map_err(js)?;
    key.dyn_into::<CryptoKey>().map_err(js)
}

/// `plain` sealed under `key`: a random nonce, then the ciphertext with its tag.
pub async fn seal(key: &CryptoKey, plain: &[u8]) -> Result<Vec<u8>, DeviceError> {
    let mut nonce = [0u8; NONCE];
    web_sys::window()
        .ok_or(DeviceError::Unavailable)?
        .crypto()
        .map_err(js)?
        .get_random_values_with_u8_array(&mut nonce)
        .map_err(js)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&nonce[..]));
    let promise = subtle()?
        .encrypt_with_object_and_u8_array(&params, key, plain)
        .map_err(js)?;
    let sealed = JsFuture::from(promise).await.map_err(js)?;
    let mut out = nonce.to_vec();
    out.extend(Uint8Array::new(&sealed).to_vec());
    Ok(out)
}

/// The plain bytes of `sealed`, or `None` if it was not sealed under `key` or was altered.
pub async fn open(key: &CryptoKey, sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE {
        return None;
    }
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&sealed[..NONCE]));
    let promise = subtle()
        .ok()?
        .decrypt_with_object_and_u8_array(&params, key, &sealed[NONCE..])
        .ok()?;
    let plain = JsFuture::from(promise).await.ok()?;
    Some(Uint8Array::new(&plain).to_vec())
}

/// Whether `value` (read from the database) is a key this browser made.
pub fn as_key(value: JsValue) -> Option<CryptoKey> {
    value
        .dyn_into::<Object>()
        .ok()?
        .dyn_into::<CryptoKey>()
        .ok()
}
