//! Numbers written the source's way, beyond amounts and shares (those are `core::money`).

/// ①–⑳ as the source writes initiative numbers; beyond twenty (no such glyph), "(21)".
pub fn circled(n: u8) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + u32::from(n) - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => format!("({n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(10), "⑩");
        assert_eq!(circled(20), "⑳");
        assert_eq!(circled(21), "(21)");
        assert_eq!(circled(0), "(0)");
    }
}
