//! Opening an uploaded Word file safely: a DOCX is a zip package of XML parts, and an upload
//! may be anything — an old `.doc`, a password-protected file, a damaged zip, or a zip bomb.
//!
//! Everything is decided before anything is inflated beyond bounds:
//! - the size of the upload ([`MAX_DOCX_BYTES`]);
//! - an OLE compound file (the container of `.doc` files and of password-protected DOCX, whose
//!   encrypted package sits in an `EncryptedPackage` stream) is told apart from a zip;
//! - the zip's central directory: entry count, encrypted entries, and the declared size of the
//!   parts that will be read;
//! - then only the few XML parts a draft needs are inflated, each through a reader that stops
//!   one byte past its limit, so a part whose declared size lies still cannot inflate further.

use super::DocxError;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Largest upload accepted.
pub const MAX_DOCX_BYTES: usize = 20 * 1024 * 1024;

/// Most entries a package may list (a long Word document with images has a few hundred).
const MAX_ENTRIES: usize = 5_000;

/// Most one XML part may inflate to. A 120-clause agreement's `document.xml` is about 1 MB.
const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;

/// Most all the parts read may inflate to together.
const MAX_TOTAL_BYTES: u64 = 48 * 1024 * 1024;

/// The signature of an OLE compound file.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The parts of a package that were read, by name (without a leading `/`).
#[derive(Debug, Default)]
pub struct Package {
    parts: HashMap<String, Vec<u8>>,
}

impl Package {
    /// A part's bytes, if the package has it and it was asked for.
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts
            .get(name.trim_start_matches('/'))
            .map(Vec::as_slice)
    }
}

/// Whether `bytes` look like a Word file of either kind (a zip package, or an OLE container
/// as `.doc` and password-protected files are) rather than text.
pub fn looks_like_word(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&OLE_MAGIC)
}

/// Checks `bytes` and inflates the parts among `wanted` that `wanted` accepts by name (the
/// relationship parts are always read).
pub fn open(bytes: &[u8], wanted: impl Fn(&str) -> bool) -> Result<Package, DocxError> {
    if bytes.len() > MAX_DOCX_BYTES {
        return Err(DocxError::TooLarge);
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(if holds_encrypted_package(bytes) {
            DocxError::PasswordProtected
        } else {
            DocxError::OldWord
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(DocxError::NotDocx);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Damaged(format!("zip: {e}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::ZipBomb(format!(
            "{} entries (at most {MAX_ENTRIES})",
            archive.len()
        )));
    }
    let mut chosen = Vec::new();
    let mut declared = 0u64;
    let mut word = false;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| DocxError::Damaged(format!("zip entry {index}: {e}")))?;
        let name = entry.name().trim_start_matches('/').replace('\\', "/");
        word |= name.starts_with("word/");
        if entry.encrypted() {
            return Err(DocxError::PasswordProtected);
        }
        let read = name.ends_with(".rels") || wanted(&name);
        if !read {
            continue;
        }
        if entry.size() > MAX_PART_BYTES {
            return Err(DocxError::ZipBomb(format!(
                "{name} declares {} bytes",
                entry.size()
            )));
        }
        declared += entry.size();
        chosen.push((index, name));
    }
    if !word {
        return Err(DocxError::NotDocx);
    }
    if declared > MAX_TOTAL_BYTES {
        return Err(DocxError::ZipBomb(format!(
            "the parts declare {declared} bytes"
        )));
    }
    let mut package = Package::default();
    let mut total = 0u64;
    for (index, name) in chosen {
        let entry = archive
            .by_index(index)
            .map_err(|e| DocxError::Damaged(format!("{name}: {e}")))?;
        let limit = entry.size().min(MAX_PART_BYTES);
        let mut data = Vec::with_capacity(limit as usize);
        entry
            .take(limit + 1)
            .read_to_end(&mut data)
            .map_err(|e| DocxError::Damaged(format!("{name}: {e}")))?;
        if data.len() as u64 > limit {
            return Err(DocxError::ZipBomb(format!(
                "{name} inflates past its declared size"
            )));
        }
        total += data.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(DocxError::ZipBomb(format!(
                "the parts inflate past {total} bytes"
            )));
        }
        package.parts.insert(name, data);
    }
    Ok(package)
}

/// Whether an OLE compound file names an `EncryptedPackage` stream: how Office stores a
/// password-protected DOCX (MS-OFFCRYPTO). Directory entry names are UTF-16LE.
fn holds_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .expect("start");
            writer.write_all(data).expect("write");
        }
        writer.finish().expect("finish").into_inner()
    }

    #[test]
    fn reads_only_the_wanted_parts() {
        let bytes = zip_of(&[
            ("_rels/.rels", b"<r/>"),
            ("word/document.xml", b"<d/>"),
            ("word/media/image1.png", &[0u8; 1000]),
        ]);
        let package = open(&bytes, |n| n == "word/document.xml").expect("open");
        assert_eq!(package.part("/word/document.xml"), Some(&b"<d/>"[..]));
        assert_eq!(package.part("_rels/.rels"), Some(&b"<r/>"[..]));
        assert_eq!(package.part("word/media/image1.png"), None);
    }

    #[test]
    fn refuses_what_is_not_a_docx() {
        assert_eq!(open(b"hello", |_| true).err(), Some(DocxError::NotDocx));
        let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(open(&odt, |_| true).err(), Some(DocxError::NotDocx));
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend_from_slice(&[0u8; 600]);
        assert_eq!(open(&doc, |_| true).err(), Some(DocxError::OldWord));
        let mut protected = doc.clone();
        protected.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            open(&protected, |_| true).err(),
            Some(DocxError::PasswordProtected)
        );
        let big = vec![0u8; MAX_DOCX_BYTES + 1];
        assert_eq!(open(&big, |_| true).err(), Some(DocxError::TooLarge));
        let truncated = &zip_of(&[("word/document.xml", b"<d/>")])[..30];
        assert!(matches!(
            open(truncated, |_| true),
            Err(DocxError::Damaged(_))
        ));
    }
}
