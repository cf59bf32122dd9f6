//! QR codes of links, so that a tablet can pass its view to a colleague's phone. The encoding is
//! qrcodegen's; this module only chooses the settings and hands the UI a plain grid.

use qrcodegen::{QrCode, QrCodeEcc};

/// A square grid of dark (`true`) and light modules, without the quiet zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrGrid {
    pub size: usize,
    dark: Vec<bool>,
}

impl QrGrid {
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// Dark modules as runs per row: (x, y, length), few enough to draw as rectangles.
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    out.push((start, y, x - start));
                } else {
                    x += 1;
                }
            }
        }
        out
    }
}

/// Encodes `text` at medium error correction (a screen photographed at an angle still reads);
/// `None` when it is too long for any QR version.
pub fn encode(text: &str) -> Option<QrGrid> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size() as usize;
    let dark = (0..size * size)
        .map(|i| code.get_module((i % size) as i32, (i / size) as i32))
        .collect();
    Some(QrGrid { size, dark })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_is_a_small_code_with_finder_patterns() {
        let g = encode("https://example.org/#at=i4&sel=4-5").unwrap();
        assert!(
            g.size >= 21 && (g.size - 17).is_multiple_of(4),
            "size {}",
            g.size
        );
        // The three finder patterns: dark 7×7 outline at three corners, light ring inside.
        for (ox, oy) in [(0, 0), (g.size - 7, 0), (0, g.size - 7)] {
            assert!(g.is_dark(ox, oy) && g.is_dark(ox + 6, oy + 6) && g.is_dark(ox + 3, oy + 3));
            assert!(!g.is_dark(ox + 1, oy + 1) && !g.is_dark(ox + 5, oy + 5));
        }
        let dark: usize = g.runs().iter().map(|r| r.2).sum();
        assert_eq!(
            dark,
            (0..g.size * g.size)
                .filter(|i| g.is_dark(i % g.size, i / g.size))
                .count()
        );
    }

    #[test]
    fn long_links_grow_and_absurd_ones_are_refused() {
        let long = format!("https://example.org/#q={}", "%E8%A6%B3".repeat(60));
        assert!(encode(&long).unwrap().size > 41);
        assert_eq!(encode(&"x".repeat(5000)), None);
    }
}
