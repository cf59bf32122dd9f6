//! The chart's legend: one swatch per direction.

use crate::core::model::Budget;
use crate::core::present::colour;
use crate::core::present::strings::Strings;
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
                        <span class="swatch" style={format!("background:{}", colour::css_colour(colour::direction_colour(b, d.id)))}></span>
                        { format!("{} {}", d.id.0, props.strings.title(&d.title)) }
                    </li>
                }) }
            </ul>
        </figure>
    }
}
