//! Search-text folding for Japanese: NFKC (全角/半角 letters, digits and half-width kana become
//! one form), katakana folded to hiragana, and case folded, so 「ｶﾝｺｳ」「カンコウ」「かんこう」 and
//! 「ＤＸ」「dx」 each find the same lines.

use unicode_normalization::UnicodeNormalization;

/// Folds text for matching. Query and haystack go through the same function.
pub fn fold(text: &str) -> String {
    text.nfkc()
        .map(katakana_to_hiragana)
        .flat_map(char::to_lowercase)
        .collect()
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
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_kana_variants_fold_together() {
        assert_eq!(fold("ｶﾝｺｳ"), "かんこう");
        assert_eq!(fold("カンコウ"), "かんこう");
        assert_eq!(fold("ガイド"), fold("ｶﾞｲﾄﾞ"));
        assert_eq!(fold("ＤＸ"), "dx");
        assert_eq!(fold("ＵＩＪターン"), "uijたーん");
        assert_eq!(fold("１６０万円"), "160万円");
        assert_eq!(fold("観光"), "観光");
    }

    #[test]
    fn terms_split_on_ideographic_space() {
        assert_eq!(terms("観光\u{3000}ＰＲ  "), vec!["観光", "pr"]);
        assert!(terms(" \u{3000} ").is_empty());
    }
}
