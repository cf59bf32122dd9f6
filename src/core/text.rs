//! Search-text folding for Japanese: NFKC (全角/半角 letters, digits and half-width kana become
//! one form), katakana folded to hiragana, and case folded, so 「ｶﾝｺｳ」「カンコウ」「かんこう」 and
//! 「ＤＸ」「dx」 each find the same lines.
//!
//! NFKC and case folding need Unicode tables. Natively they come from the unicode-normalization
//! crate; in the browser the platform's own `String.prototype.normalize` does the same job, so the
//! shipped wasm carries no tables. The core takes the normaliser as a plain function and stays
//! free of browser types.

/// NFKC normalisation followed by lower-casing.
pub type Normalize = fn(&str) -> String;

/// The native normaliser (tests, benchmarks, tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn nfkc_lower(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// Folds text for matching. Query and haystack go through the same function.
pub fn fold(text: &str, normalize: Normalize) -> String {
    kana_fold(&normalize(text))
}

/// Katakana to hiragana only (enough to order names by reading-ish keys without tables).
pub fn kana_fold(text: &str) -> String {
    text.chars().map(katakana_to_hiragana).collect()
}

fn katakana_to_hiragana(c: char) -> char {
    // ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above ぁ … ゖ; ヽヾ likewise above ゝゞ.
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// Splits a query into folded terms (on any whitespace, 全角 spaces included after NFKC).
pub fn terms(query: &str, normalize: Normalize) -> Vec<String> {
    fold(query, normalize)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> String {
        fold(text, nfkc_lower)
    }

    #[test]
    fn width_and_kana_variants_fold_together() {
        assert_eq!(f("ｶﾝｺｳ"), "かんこう");
        assert_eq!(f("カンコウ"), "かんこう");
        assert_eq!(f("ガイド"), f("ｶﾞｲﾄﾞ"));
        assert_eq!(f("ＤＸ"), "dx");
        assert_eq!(f("ＵＩＪターン"), "uijたーん");
        assert_eq!(f("１６０万円"), "160万円");
        assert_eq!(f("観光"), "観光");
    }

    #[test]
    fn terms_split_on_ideographic_space() {
        assert_eq!(terms("観光\u{3000}ＰＲ  ", nfkc_lower), vec!["観光", "pr"]);
        assert!(terms(" \u{3000} ", nfkc_lower).is_empty());
    }
}
