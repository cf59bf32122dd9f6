//! Which rows of a long list to put in the page: the rows on screen, some more either side
//! (overscan), and the height the left-out rows would take above and below, so that the page is
//! as tall as with every row. Pure arithmetic: the UI measures and renders.

use std::ops::Range;

/// Where the rows are relative to the screen, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Rows in the list.
    pub count: usize,
    /// Height of every row (the UI keeps rows to one height).
    pub row_height: f64,
    /// The screen's top minus the first row's top: how far the rows have scrolled up past the
    /// top of the screen (negative while they start lower on the screen).
    pub offset: f64,
    /// Height of the screen.
    pub viewport: f64,
}

/// The rows to render, `start..end`, and the height of the rows left out before and after them.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// The row height the spacers were computed with.
    pub row_height: f64,
    pub before: f64,
    pub after: f64,
}

impl Geometry {
    /// A row height the arithmetic can use (at least one pixel).
    fn height(&self) -> f64 {
        if self.row_height.is_finite() && self.row_height >= 1.0 {
            self.row_height
        } else {
            1.0
        }
    }

    /// The rows that intersect the screen (empty when the list is wholly above or below it; the
    /// range then sits at that end of the list).
    pub fn visible(&self) -> Range<usize> {
        let h = self.height();
        let top = if self.offset.is_finite() {
            self.offset
        } else {
            0.0
        };
        let bottom = top + self.viewport.max(0.0);
        // `as` saturates: negative gives 0, beyond the end gives a huge number, clamped below.
        let first = ((top / h).floor() as usize).min(self.count);
        let end = ((bottom / h).ceil() as usize).clamp(first, self.count);
        first..end
    }

    /// The rows to render: the visible rows and `overscan` (at least one) more on each side.
    /// `current`, what is rendered now, is kept while it still holds the visible rows and half
    /// the overscan on each side, so that a small scroll renders nothing. There is always at
    /// least one row beyond the screen each way, so Tab and Shift+Tab have a next row to move to
    /// (which the browser scrolls into view, moving the span on).
    pub fn span(&self, overscan: usize, current: Option<Range<usize>>) -> Span {
        let overscan = overscan.max(1);
        let margin = (overscan / 2).max(1);
        let visible = self.visible();
        let needed = visible.start.saturating_sub(margin)..(visible.end + margin).min(self.count);
        let rows = match current {
            Some(c) if c.start <= needed.start && needed.end <= c.end && c.end <= self.count => c,
            _ => {
                visible.start.saturating_sub(overscan)
                    ..visible.end.saturating_add(overscan).min(self.count)
            }
        };
        let h = self.height();
        Span {
            row_height: h,
            before: rows.start as f64 * h,
            after: (self.count - rows.end) as f64 * h,
            start: rows.start,
            end: rows.end,
        }
    }
}

/// One part of the rendered list, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Empty height standing for rows left out (`key` tells the UI's spacers apart).
    Spacer {
        key: &'static str,
        height: f64,
    },
    Rows(Range<usize>),
}

impl Span {
    /// The list as spacers and rows. `keep`, a row outside the span (the one holding the
    /// keyboard focus), is rendered at its own place too, between two spacers, so that scrolling
    /// it off screen does not take the focus out of the page.
    pub fn pieces(&self, count: usize, keep: Option<usize>) -> Vec<Piece> {
        let h = self.row_height;
        let space = |key, rows: usize| Piece::Spacer {
            key,
            height: rows as f64 * h,
        };
        let rows = Piece::Rows(self.start..self.end);
        match keep {
            Some(k) if k < self.start => vec![
                space("before", k),
                Piece::Rows(k..k + 1),
                space("gap", self.start - k - 1),
                rows,
                Piece::Spacer {
                    key: "after",
                    height: self.after,
                },
            ],
            Some(k) if k >= self.end && k < count => vec![
                Piece::Spacer {
                    key: "before",
                    height: self.before,
                },
                rows,
                space("gap", k - self.end),
                Piece::Rows(k..k + 1),
                space("after", count - k - 1),
            ],
            _ => vec![
                Piece::Spacer {
                    key: "before",
                    height: self.before,
                },
                rows,
                Piece::Spacer {
                    key: "after",
                    height: self.after,
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(count: usize, offset: f64) -> Geometry {
        Geometry {
            count,
            row_height: 50.0,
            offset,
            viewport: 500.0,
        }
    }

    /// Total height of the pieces and the rows they render, in order.
    fn laid_out(pieces: &[Piece]) -> (f64, Vec<usize>) {
        let mut height = 0.0;
        let mut rows = Vec::new();
        for p in pieces {
            match p {
                Piece::Spacer { height: h, .. } => height += h,
                Piece::Rows(r) => {
                    height += r.len() as f64 * 50.0;
                    rows.extend(r.clone());
                }
            }
        }
        (height, rows)
    }

    #[test]
    fn a_focused_row_far_away_is_kept_at_its_place() {
        let s = at(10_000, 5_025.0).span(5, None); // rows 95..116
        let whole = 10_000.0 * 50.0;
        // Above the span: rows 0..=40 take 41 rows of height before the span starts.
        let (h, rows) = laid_out(&s.pieces(10_000, Some(40)));
        assert_eq!(h, whole);
        assert_eq!(rows[0], 40);
        assert_eq!(rows[1..], (95..116).collect::<Vec<_>>()[..]);
        assert!(
            matches!(s.pieces(10_000, Some(40))[0], Piece::Spacer { height, .. } if height == 40.0 * 50.0)
        );
        // Below, and the very last row.
        for k in [500, 9_999] {
            let (h, rows) = laid_out(&s.pieces(10_000, Some(k)));
            assert_eq!((h, *rows.last().unwrap(), rows.len()), (whole, k, 22));
        }
        // Inside the span, or no focus, or out of range: just the span.
        for keep in [None, Some(100), Some(10_000)] {
            let (h, rows) = laid_out(&s.pieces(10_000, keep));
            assert_eq!((h, rows), (whole, (95..116).collect()));
        }
    }

    #[test]
    fn at_the_top_the_first_screen_and_overscan_below() {
        let s = at(10_000, 0.0).span(5, None);
        assert_eq!((s.start, s.end), (0, 15));
        assert_eq!((s.before, s.after), (0.0, 9_985.0 * 50.0));
    }

    #[test]
    fn scrolled_into_the_middle() {
        // Rows 100.5 to 110.5 are on screen: 100..111 intersect it.
        let g = at(10_000, 5_025.0);
        assert_eq!(g.visible(), 100..111);
        let s = g.span(5, None);
        assert_eq!((s.start, s.end), (95, 116));
        assert_eq!(s.before, 95.0 * 50.0);
        assert_eq!(s.after, (10_000.0 - 116.0) * 50.0);
    }

    #[test]
    fn at_the_end_the_last_row_is_rendered_and_nothing_after() {
        let s = at(10_000, 10_000.0 * 50.0 - 500.0).span(5, None);
        assert_eq!((s.start, s.end), (9_985, 10_000));
        assert_eq!(s.after, 0.0);
    }

    #[test]
    fn rows_lower_on_the_screen_and_off_it() {
        // The list starts 300 px down the screen: its first four rows show.
        assert_eq!(at(10_000, -300.0).visible(), 0..4);
        // Wholly below the screen: the first rows are ready for when it scrolls in.
        let below = at(10_000, -2_000.0);
        assert_eq!(below.visible(), 0..0);
        assert_eq!(below.span(5, None).end, 5);
        // Wholly above (scrolled past, to the page's footer): the last rows.
        let above = at(10_000, 600_000.0);
        assert_eq!(above.visible(), 10_000..10_000);
        let s = above.span(5, None);
        assert_eq!((s.start, s.end, s.after), (9_995, 10_000, 0.0));
    }

    #[test]
    fn short_and_empty_lists() {
        let s = at(3, 0.0).span(5, None);
        assert_eq!((s.start, s.end, s.before, s.after), (0, 3, 0.0, 0.0));
        let s = at(0, 100.0).span(5, None);
        assert_eq!((s.start, s.end, s.before, s.after), (0, 0, 0.0, 0.0));
    }

    #[test]
    fn a_small_scroll_keeps_what_is_rendered_and_a_larger_one_moves_it() {
        let g = at(10_000, 5_000.0);
        let first = g.span(5, None);
        assert_eq!((first.start, first.end), (95, 115));
        // Three rows further: still inside, with two rows (half the overscan) to spare.
        let kept = at(10_000, 5_150.0).span(5, Some(first.start..first.end));
        assert_eq!(kept, first);
        // Five rows further: fewer than two rows to spare below; re-centre.
        let moved = at(10_000, 5_250.0).span(5, Some(first.start..first.end));
        assert_eq!((moved.start, moved.end), (100, 120));
        // A list that got shorter than what is rendered is never kept.
        let shorter = at(100, 0.0).span(5, Some(0..300));
        assert_eq!((shorter.start, shorter.end), (0, 15));
    }

    #[test]
    fn unusable_measurements_still_give_a_bounded_span() {
        let g = Geometry {
            count: 1_000,
            row_height: 0.0,
            offset: f64::NAN,
            viewport: 20.0,
        };
        let s = g.span(2, None);
        assert_eq!((s.start, s.end), (0, 22));
    }

    proptest! {
        #[test]
        fn the_page_is_as_tall_as_every_row_and_the_screen_is_covered(
            count in 0usize..50_000,
            row_height in 1.0f64..200.0,
            offset in -5_000.0f64..2_000_000.0,
            viewport in 0.0f64..3_000.0,
            overscan in 0usize..20,
            current in proptest::option::of((0usize..50_000, 0usize..200)),
        ) {
            let g = Geometry { count, row_height, offset, viewport };
            let current = current.map(|(start, len)| start..start + len);
            let s = g.span(overscan, current.clone());
            prop_assert!(s.start <= s.end && s.end <= count);
            // Spacers and rendered rows add up to the whole list.
            let total = s.before + (s.end - s.start) as f64 * row_height + s.after;
            prop_assert!((total - count as f64 * row_height).abs() < 1e-6 * (1.0 + total));
            // Every visible row is rendered, and one more each side where there is one.
            let v = g.visible();
            prop_assert!(s.start <= v.start.saturating_sub(1));
            prop_assert!(s.end >= (v.end + 1).min(count));
            // Rows rendered: what is kept, or the screen plus overscan each side.
            let fresh = v.len() + 2 * overscan.max(1);
            prop_assert!(Some(s.start..s.end) == current || s.end - s.start <= fresh);
        }
    }
}
