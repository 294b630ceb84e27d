//! The user's language (zh or en), chosen once in `main`, and the `tr!`
//! macro that picks a message in it. Domain code uses `tr!` for messages so
//! that errors speak the clerk's language without threading it through.

use std::sync::atomic::{AtomicBool, Ordering};

static ENGLISH: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum Lang {
    Zh,
    En,
}

pub fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Zh
    }
}

pub fn is_en() -> bool {
    ENGLISH.load(Ordering::Relaxed)
}

/// Picks one of two static strings by language.
pub fn pick(zh: &'static str, en: &'static str) -> &'static str {
    if is_en() { en } else { zh }
}

/// `tr!("中文 {x}", "English {x}")` formats the message in the current language.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(,)?) => {
        if $crate::i18n::is_en() {
            format!($en)
        } else {
            format!($zh)
        }
    };
}
