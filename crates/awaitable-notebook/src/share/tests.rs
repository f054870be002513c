//! Share links: round trips over many strings, base64url against RFC 4648's
//! vectors, and hostile fragments (truncated, badly padded, not base64,
//! zip bombs) refused.

use miniz_oxide::deflate::compress_to_vec;

use crate::course::{course, Lang};
use crate::share::{
    base64url_decode, base64url_encode, decode_share, encode_share, ShareError, SharedCell,
    MAX_ENCODED_LEN, MAX_SHARED_BYTES,
};
use crate::test_rng::Rng;

fn round_trip(code: &str, lang: Lang) {
    let fragment = encode_share(code, lang).unwrap();
    assert!(fragment.starts_with("#code="), "{fragment}");
    assert!(
        fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"#=&-_".contains(&b)),
        "{fragment}"
    );
    assert_eq!(
        decode_share(&fragment),
        Ok(SharedCell {
            code: code.to_owned(),
            lang: Some(lang)
        }),
        "{code:?}"
    );
}

#[test]
fn shares_the_course_cells() {
    let (mut code_len, mut link_len) = (0, 0);
    for cell in course() {
        if let Some(code) = cell.code() {
            round_trip(code.source, Lang::Fr);
            round_trip(code.source, Lang::En);
            code_len += code.source.len();
            link_len += encode_share(code.source, Lang::Fr).unwrap().len();
        }
    }
    // Compression pays: the links are shorter than the code, all told.
    assert!(link_len < code_len, "{link_len} >= {code_len}");
}

#[test]
fn fragment_shape() {
    assert_eq!(encode_share("", Lang::En).unwrap(), "#code=AwA&lang=en");
    let fragment = encode_share("print('hi')", Lang::Fr).unwrap();
    assert!(fragment.ends_with("&lang=fr"), "{fragment}");
}

#[test]
fn round_trips_generated_strings() {
    let mut rng = Rng::new(4);
    for case in 0..1500 {
        let max = if case % 50 == 0 { 5000 } else { 60 };
        let code = rng.string(max);
        round_trip(&code, *rng.pick(&Lang::ALL));
    }
    for code in [
        "\0",
        "\0\0\0",
        "🎉",
        "a\u{0}b🎉\r\n\tc",
        "\u{10ffff}",
        "=&#%+",
    ] {
        round_trip(code, Lang::Fr);
    }
}

#[test]
fn round_trips_the_largest_code() {
    // Incompressible-ish text of exactly the limit.
    let mut rng = Rng::new(5);
    let mut code = String::new();
    while code.len() < MAX_SHARED_BYTES {
        let c = char::from(b'!' + rng.below(94) as u8);
        code.push(c);
    }
    let fragment = encode_share(&code, Lang::En).unwrap();
    assert!(fragment.len() < MAX_ENCODED_LEN + 20);
    round_trip(&code, Lang::En);
    // Repetitive text of exactly the limit.
    round_trip(&"x".repeat(MAX_SHARED_BYTES), Lang::Fr);

    let over = "x".repeat(MAX_SHARED_BYTES + 1);
    assert_eq!(
        encode_share(&over, Lang::Fr),
        Err(ShareError::TooLarge {
            limit: MAX_SHARED_BYTES
        })
    );
}

#[test]
fn reads_fragments_leniently() {
    let fragment = encode_share("print(1)", Lang::En).unwrap();
    let bare = fragment.trim_start_matches('#');
    let shared = |lang| SharedCell {
        code: "print(1)".to_owned(),
        lang,
    };
    assert_eq!(decode_share(bare), Ok(shared(Some(Lang::En))));
    let code_only = bare.split('&').next().unwrap();
    assert_eq!(decode_share(code_only), Ok(shared(None)));
    let value = code_only.trim_start_matches("code=");
    for other in [
        format!("#x=1&code={value}&lang=EN&code=AAAA"),
        format!("#lang=en&lang=fr&code={value}"),
        format!("#code={value}&utm=2&lang=%65n"),
    ] {
        assert_eq!(decode_share(&other), Ok(shared(Some(Lang::En))), "{other}");
    }
    assert_eq!(
        decode_share(&format!("#code={value}&lang=<script>")),
        Ok(shared(None))
    );
    // Padding, written out or percent-encoded, is accepted when right.
    let padded = match value.len() % 4 {
        2 => format!("{value}=="),
        3 => format!("{value}="),
        _ => value.to_owned(),
    };
    assert_eq!(
        decode_share(&format!("code={padded}")).map(|s| s.code),
        Ok("print(1)".to_owned())
    );
    let escaped = padded.replace('=', "%3D");
    assert_eq!(
        decode_share(&format!("code={escaped}")).map(|s| s.code),
        Ok("print(1)".to_owned())
    );
}

#[test]
fn base64url_matches_rfc_4648() {
    let vectors: [(&[u8], &str); 7] = [
        (b"", ""),
        (b"f", "Zg"),
        (b"fo", "Zm8"),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg"),
        (b"fooba", "Zm9vYmE"),
        (b"foobar", "Zm9vYmFy"),
    ];
    for (bytes, text) in vectors {
        assert_eq!(base64url_encode(bytes), text);
        assert_eq!(base64url_decode(text).as_deref(), Some(bytes));
    }
    // The URL-safe alphabet: 0xfb 0xff is "-_8" where base64 has "+/8".
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(base64url_decode("-_8"), Some(vec![0xfb, 0xff]));
    assert_eq!(base64url_decode("Zg=="), Some(b"f".to_vec()));
    assert_eq!(base64url_decode("Zm8="), Some(b"fo".to_vec()));

    let mut rng = Rng::new(6);
    for _ in 0..500 {
        let bytes: Vec<u8> = (0..rng.below(40)).map(|_| rng.next_u64() as u8).collect();
        assert_eq!(base64url_decode(&base64url_encode(&bytes)), Some(bytes));
    }
}

#[test]
fn base64url_is_strict() {
    for bad in [
        "Z",      // a lone character holds no byte
        "Zm9vY",  // truncated group
        "Zg=",    // wrong padding
        "Zg===",  // too much padding
        "Zm9v=",  // padding after a full group
        "Zm9v==", // padding after a full group
        "Zm8==",  // padding that does not complete the group
        "====",   // padding alone
        "Z===",   // padding alone after one character
        "Zg=a",   // data after padding
        "Zh",     // unused bits set ("f" is "Zg")
        "Zm9",    // unused bits set ("fo" is "Zm8")
        "Zm9v+/", // standard base64's alphabet
        "Zm 9v",  // space
        "Zm9v\0", // NUL
        "Zm9vé",  // non-ASCII
    ] {
        assert_eq!(base64url_decode(bad), None, "{bad:?}");
    }
}

fn code_value(bytes: &[u8]) -> String {
    format!("#code={}&lang=fr", base64url_encode(bytes))
}

#[test]
fn hostile_fragments_are_refused() {
    let good = encode_share("print('hello world')", Lang::Fr).unwrap();
    let value = good
        .trim_start_matches("#code=")
        .trim_end_matches("&lang=fr");

    assert_eq!(decode_share(""), Err(ShareError::NoCode));
    assert_eq!(decode_share("#"), Err(ShareError::NoCode));
    assert_eq!(decode_share("#lang=fr"), Err(ShareError::NoCode));
    assert_eq!(decode_share("#Code=AwA"), Err(ShareError::NoCode));
    assert_eq!(decode_share("#code="), Err(ShareError::Corrupt));
    assert_eq!(decode_share("#code"), Err(ShareError::Corrupt));
    assert_eq!(decode_share("#code=!!!!"), Err(ShareError::BadBase64));
    assert_eq!(decode_share("#code=%"), Err(ShareError::BadBase64));
    assert_eq!(decode_share("#code=%ZZ"), Err(ShareError::BadBase64));
    assert_eq!(
        decode_share(&format!("#code={value}===")),
        Err(ShareError::BadBase64)
    );
    assert_eq!(
        decode_share(&format!("#code={value}+")),
        Err(ShareError::BadBase64)
    );

    // Truncated anywhere: an error, never a panic, never the wrong code
    // passed off silently as the whole.
    for end in 0..value.len() {
        match decode_share(&format!("#code={}", &value[..end])) {
            Err(ShareError::BadBase64 | ShareError::Corrupt | ShareError::NotUtf8) => {}
            other => panic!("truncated at {end}: {other:?}"),
        }
    }

    // Not deflate data.
    assert_eq!(
        decode_share(&code_value(&[0xff; 16])),
        Err(ShareError::Corrupt)
    );
    // Deflate of bytes that are not UTF-8.
    assert_eq!(
        decode_share(&code_value(&compress_to_vec(&[0x66, 0xff, 0xfe], 6))),
        Err(ShareError::NotUtf8)
    );

    let long = format!("#code={}", "A".repeat(MAX_ENCODED_LEN + 1));
    assert_eq!(
        decode_share(&long),
        Err(ShareError::TooLong {
            len: MAX_ENCODED_LEN + 1,
            limit: MAX_ENCODED_LEN
        })
    );
}

#[test]
fn zip_bombs_are_refused() {
    // 8 MiB of one letter deflate to about 8 KB: well within the link
    // limit, far over the code limit.
    let bomb = compress_to_vec(&vec![b'a'; 8 << 20], 10);
    let fragment = code_value(&bomb);
    assert!(fragment.len() < MAX_ENCODED_LEN, "{}", fragment.len());
    assert_eq!(
        decode_share(&fragment),
        Err(ShareError::TooLarge {
            limit: MAX_SHARED_BYTES
        })
    );
    // One byte over the limit.
    let just_over = compress_to_vec(&vec![b'a'; MAX_SHARED_BYTES + 1], 9);
    assert_eq!(
        decode_share(&code_value(&just_over)),
        Err(ShareError::TooLarge {
            limit: MAX_SHARED_BYTES
        })
    );
}

#[test]
fn random_fragments_never_panic() {
    let mut rng = Rng::new(7);
    let good = encode_share("import asyncio\nawait asyncio.sleep(1)\n", Lang::En).unwrap();
    for _ in 0..3000 {
        let fragment = match rng.below(3) {
            0 => rng.string(80),
            1 => format!("#code={}", rng.string(40)),
            _ => {
                // The good link with a few characters changed.
                let mut chars: Vec<char> = good.chars().collect();
                for _ in 0..1 + rng.below(3) {
                    let at = rng.below(chars.len());
                    chars[at] = rng.char();
                }
                chars.into_iter().collect()
            }
        };
        if let Ok(shared) = decode_share(&fragment) {
            assert!(shared.code.len() <= MAX_SHARED_BYTES);
        }
    }
}

#[test]
fn errors_have_messages() {
    for error in [
        ShareError::NoCode,
        ShareError::TooLong { len: 9, limit: 1 },
        ShareError::BadBase64,
        ShareError::Corrupt,
        ShareError::TooLarge { limit: 1024 },
        ShareError::NotUtf8,
    ] {
        let message = error.message();
        assert!(!message.fr.is_empty() && !message.en.is_empty());
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn a_shared_notebook_is_one_cell_saved_apart_from_the_course() {
    use crate::ipynb_import::{export_imported, import_notebook};
    use crate::saved::{NotebookId, SavedWork};
    use crate::share::{shared_notebook, SHARED_CELL_ID};

    let notebook = shared_notebook("print('hi')", Lang::En);
    assert_eq!(notebook.cells.len(), 1);
    assert_eq!(notebook.cells[0].id(), Some(SHARED_CELL_ID));
    assert_eq!(notebook.cells[0].source(), "print('hi')");
    assert!(
        notebook.id.as_str().starts_with("shared-"),
        "{:?}",
        notebook.id
    );
    assert_ne!(notebook.id, NotebookId::course(Lang::Fr));
    // The same code finds the same saved edits; other code does not.
    assert_eq!(notebook.id, shared_notebook("print('hi')", Lang::Fr).id);
    assert_ne!(notebook.id, shared_notebook("print('ho')", Lang::En).id);
    // Exported with an edit, it opens in the page (and in Jupyter) again.
    let mut edits = SavedWork::new(notebook.id.clone());
    edits.set_source(SHARED_CELL_ID, "print('hi')", "print('edited')");
    let again = import_notebook(&export_imported(&notebook, &edits)).unwrap();
    assert_eq!(again.cells[0].source(), "print('edited')");
    assert_eq!(again.lang, Some(Lang::En));
}

#[test]
fn the_language_of_a_link_is_read_without_its_code() {
    use crate::params::sets_lang;
    use crate::share::shared_lang;

    let fragment = encode_share("print(1)", Lang::En).unwrap();
    assert_eq!(shared_lang(&fragment), Some(Lang::En));
    assert_eq!(shared_lang("#code=AwA"), None);
    assert_eq!(shared_lang("#lang=xx&code=AwA"), None);
    assert!(sets_lang("?lang=fr&cell=2"));
    assert!(sets_lang("cell=2&lang=zz"));
    assert!(!sets_lang("?cell=2#lang=en"));
    assert!(!sets_lang(""));
}
