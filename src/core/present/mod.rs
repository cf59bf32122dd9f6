//! What the reader is told, independent of how it is put on screen: every text in both languages,
//! the chart's colours and their contrast, the header's figures, the shares in a measure's
//! details, numbers the source's way. The app (`ui`, wasm) and the build (`xtask`'s prerendered
//! page and sharing image, native) both take them from here, so they say the same by
//! construction. Amounts and shares as text are `core::money`'s; this layer picks the language.

pub mod alt_text;
pub mod colour;
pub mod conditions;
pub mod legend;
pub mod no_match;
pub mod numbers;
pub mod outside;
pub mod picture_frame;
pub mod shares;
pub mod strings;
pub mod summary;
