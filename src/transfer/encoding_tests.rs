//! Unit tests of `encoding.rs`: encoding cells, sniffing and decoding.

use super::*;

#[test]
fn encodes_and_names_what_gbk_cannot_hold() {
    let mut enc = CellEncoder::new(Charset::Gbk);
    assert_eq!(enc.encode("编码").unwrap(), b"\xb1\xe0\xc2\xeb");
    assert_eq!(enc.encode("王𠮷").unwrap_err(), '𠮷');
    // Codes GB18030 gave later, which Windows' GBK (Excel, WPS) shows as
    // a blank box: refused like a character GBK lacks.
    assert_eq!(enc.encode("刘䶮").unwrap_err(), '䶮');
    assert_eq!(enc.encode("a︐b").unwrap_err(), '︐');
    assert_eq!(enc.encode("\u{E000}").unwrap_err(), '\u{E000}');
    assert_eq!(enc.encode("€5，龘").unwrap(), b"\x805\xa3\xac\xfd\x93");
    let mut enc = CellEncoder::new(Charset::Gb18030);
    assert!(enc.encode("王𠮷").is_ok());
}

#[test]
fn detects_and_decodes() {
    let gbk = b"\xb1\xe0\xc2\xeb,x\n";
    assert_eq!(sniff(gbk, None, "f").unwrap(), (Charset::Gb18030, 0));
    assert_eq!(
        sniff("编码".as_bytes(), None, "f").unwrap(),
        (Charset::Utf8, 0)
    );
    assert_eq!(
        sniff(b"\xEF\xBB\xBFa", None, "f").unwrap(),
        (Charset::Utf8, 3)
    );
    assert!(sniff(b"\x89PNG\r\n", None, "f").is_err());
    let mut text = String::new();
    Decoding::new(&gbk[..], Charset::Gbk)
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "编码,x\n");
    let mut sink = String::new();
    let err = Decoding::new(&b"a\nb\n\xff\n"[..], Charset::Utf8)
        .read_to_string(&mut sink)
        .unwrap_err();
    let malformed = err.get_ref().unwrap().downcast_ref::<Malformed>().unwrap();
    assert_eq!(malformed.line, 3);
}
