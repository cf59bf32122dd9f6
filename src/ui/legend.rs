//! The chart's legend: one swatch per direction.

use super::chart;
use super::strings::Strings;
use crate::core::model::Budget;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub budget: Rc<Budget>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn Legend(props: &LegendProps) -> Html {
    let b = &props.budget;
    html! {
        <figure class="legend" aria-label={props.strings.legend}>
            <figcaption>{ props.strings.legend }</figcaption>
            <ul>
                { for b.directions.iter().map(|d| html! {
                    <li key={d.id.0}>
                        <span class="swatch" style={format!("background:{}", chart::css_colour(chart::direction_colour(b, d.id)))}></span>
                        { format!("{} {}", d.id.0, props.strings.title(&d.title)) }
                    </li>
                }) }
            </ul>
        </figure>
    }
}
