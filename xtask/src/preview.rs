//! The sharing image, `dist/preview.png` (1200×630, what LINE, Facebook and X show for a link):
//! the budget as a treemap, directions in the app's colours, each split into its measures, laid
//! out by the core's own squarified layout. No text (no font to rasterise; the title and total are
//! in the sharing tags beside it). Deterministic: the same data gives the same bytes.

use crate::prerender::PREVIEW_SIZE;
use kumamoto_sme_budget::core::aggregate::{self, Node};
use kumamoto_sme_budget::core::filter::Selection;
use kumamoto_sme_budget::core::model::Budget;
use kumamoto_sme_budget::core::present::colour::{fill_for, Rgb};
use kumamoto_sme_budget::core::treemap::{self, Rect, GOLDEN};

const BACKGROUND: Rgb = (255, 255, 255);
/// The app's accent colour (`--accent`), as a band along the top.
const ACCENT: Rgb = (0, 90, 156);
const MARGIN: f64 = 24.0;
const BAND: f64 = 16.0;
/// White between directions, and between measures inside one.
const GAP_DIRECTION: f64 = 6.0;
const GAP_MEASURE: f64 = 2.0;

/// An RGB image in memory.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, fill: Rgb) -> Self {
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for _ in 0..width * height {
            pixels.extend_from_slice(&[fill.0, fill.1, fill.2]);
        }
        Canvas {
            width,
            height,
            pixels,
        }
    }

    /// Fills `r` shrunk by `inset` on every side, snapped to whole pixels.
    fn fill(&mut self, r: Rect, inset: f64, colour: Rgb) {
        let clamp = |v: f64, max: u32| (v.round().max(0.0) as u32).min(max);
        let (x0, x1) = (
            clamp(r.x0 + inset, self.width),
            clamp(r.x1 - inset, self.width),
        );
        let (y0, y1) = (
            clamp(r.y0 + inset, self.height),
            clamp(r.y1 - inset, self.height),
        );
        for y in y0..y1 {
            for x in x0..x1 {
                let at = ((y * self.width + x) * 3) as usize;
                self.pixels[at..at + 3].copy_from_slice(&[colour.0, colour.1, colour.2]);
            }
        }
    }
}

/// The preview image as PNG bytes.
pub fn png(budget: &Budget) -> Vec<u8> {
    let (width, height) = PREVIEW_SIZE;
    let mut canvas = Canvas::new(width, height, BACKGROUND);
    canvas.fill(Rect::new(0.0, 0.0, f64::from(width), BAND), 0.0, ACCENT);
    let area = Rect::new(
        MARGIN,
        BAND + MARGIN,
        f64::from(width) - MARGIN,
        f64::from(height) - MARGIN,
    );
    let directions = aggregate::by_direction(budget, &Selection::all(budget));
    let values = |nodes: &[Node]| -> Vec<f64> { nodes.iter().map(|n| n.total as f64).collect() };
    let rects = treemap::layout(&values(&directions), area, GOLDEN);
    for (direction, rect) in directions.iter().zip(&rects) {
        if rect.area() <= 0.0 {
            continue;
        }
        // The direction's measures, across its initiatives, each its own cell.
        let measures: Vec<Node> = direction
            .children
            .iter()
            .flat_map(|i| i.children.iter().cloned())
            .collect();
        let inner = Rect::new(
            rect.x0 + GAP_DIRECTION / 2.0,
            rect.y0 + GAP_DIRECTION / 2.0,
            rect.x1 - GAP_DIRECTION / 2.0,
            rect.y1 - GAP_DIRECTION / 2.0,
        );
        // Each in a shade of its direction's colour, by the app's own rule for its cells.
        for (k, (measure, cell)) in measures
            .iter()
            .zip(treemap::layout(&values(&measures), inner, GOLDEN))
            .enumerate()
            .filter(|(_, (_, cell))| cell.area() > 0.0)
        {
            canvas.fill(cell, GAP_MEASURE / 2.0, fill_for(budget, &measure.key, k));
        }
    }
    encode(&canvas)
}

fn encode(canvas: &Canvas) -> Vec<u8> {
    encode_rgb(canvas.width, canvas.height, &canvas.pixels)
}

/// PNG (8-bit RGB) at the encoder's best compression (zlib level 9, each row's filter chosen
/// adaptively: half the bytes of unfiltered rows on these flat colours). Also used for the app
/// icons.
pub fn encode_rgb(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    encoder
        .write_header()
        .and_then(|mut w| {
            w.write_image_data(pixels)?;
            w.finish()
        })
        .expect("writing to memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kumamoto_sme_budget::core::embedded_budget;
    use kumamoto_sme_budget::core::present::colour::{
        lighten, DIRECTION_COLOURS, DIRECTION_SHADES,
    };

    /// Decodes a PNG (with the png crate's decoder, which checks every CRC and the zlib stream)
    /// to its size and RGB pixels.
    fn pixels(png: &[u8]) -> (u32, u32, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("a PNG");
        let mut out = vec![0; reader.output_buffer_size().expect("fits in memory")];
        let frame = reader.next_frame(&mut out).expect("one frame");
        assert_eq!(
            (frame.color_type, frame.bit_depth),
            (png::ColorType::Rgb, png::BitDepth::Eight)
        );
        out.truncate(frame.buffer_size());
        (frame.width, frame.height, out)
    }

    #[test]
    fn a_tiny_image_round_trips() {
        let mut c = Canvas::new(3, 2, (1, 2, 3));
        c.fill(Rect::new(1.0, 0.0, 2.0, 2.0), 0.0, (9, 8, 7));
        let (w, h, px) = pixels(&encode(&c));
        assert_eq!((w, h), (3, 2));
        assert_eq!(px, [1, 2, 3, 9, 8, 7, 1, 2, 3, 1, 2, 3, 9, 8, 7, 1, 2, 3]);
    }

    #[test]
    fn the_preview_is_1200_by_630_in_the_direction_colours_and_deterministic() {
        let b = embedded_budget().unwrap();
        let png = png(&b);
        assert_eq!(png, super::png(&b), "same data, same bytes");
        let (w, h, px) = pixels(&png);
        assert_eq!((w, h), (1200, 630));
        let at = |x: u32, y: u32| {
            let i = ((y * w + x) * 3) as usize;
            (px[i], px[i + 1], px[i + 2])
        };
        assert_eq!(at(600, 5), ACCENT);
        assert_eq!(at(5, 300), BACKGROUND);
        // Every colour drawn is white, the accent, or a direction colour (possibly lightened);
        // the large directions show (方向性4 has no amount: no area; 方向性5's 295千円 is
        // thinner than the gaps).
        let mut seen = std::collections::BTreeSet::new();
        for p in px.chunks_exact(3) {
            seen.insert((p[0], p[1], p[2]));
        }
        let mut expected = std::collections::BTreeSet::from([BACKGROUND, ACCENT]);
        for c in DIRECTION_COLOURS {
            for amount in DIRECTION_SHADES {
                expected.insert(lighten(c, amount));
            }
        }
        assert!(
            seen.is_subset(&expected),
            "{:?}",
            seen.difference(&expected)
        );
        for d in [0, 1, 2] {
            assert!(seen.contains(&DIRECTION_COLOURS[d]), "direction {}", d + 1);
        }
        assert!(!seen.contains(&DIRECTION_COLOURS[3]));
        // Mostly flat colour: small.
        assert!(png.len() < 40_000, "{} bytes", png.len());
    }
}
