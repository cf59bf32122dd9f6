//! The browser layer: a thin Yew shell over the core. It renders what the core computes and
//! holds no budget logic of its own.

use crate::core::{self, filter::Selection, model::Budget, money};
use yew::prelude::*;

/// Mounts the app on `<body>` (replacing the page's static content).
pub fn start() {
    yew::Renderer::<App>::new().render();
}

#[function_component]
fn App() -> Html {
    // Parsed once per mount; the build already refused an invalid file, but a broken build still
    // gets a message instead of a panic.
    let budget = use_memo((), |_| core::embedded_budget());
    match &*budget {
        Ok(budget) => html! { <Overview budget={std::rc::Rc::new(budget.clone())} /> },
        Err(errors) => html! {
            <main class="data-error" role="alert">
                <h1>{ "データを読み込めませんでした" }</h1>
                <ul>{ for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
            </main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct OverviewProps {
    budget: std::rc::Rc<Budget>,
}

#[function_component]
fn Overview(props: &OverviewProps) -> Html {
    let b = &*props.budget;
    let all = Selection::all(b);
    html! {
        <main>
            <header>
                <p class="city">{ format!("{} {}", b.meta.city, b.meta.era_year) }</p>
                <h1>{ "中小企業振興 " }{ &b.meta.title }</h1>
                <p class="total" id="total">
                    { "予算総額 " }<strong>{ money::readable(all.total) }</strong>
                    { format!("（{}、{}事業）", money::exact(all.total), all.measures) }
                </p>
            </header>
            <ol class="measures" id="measures">
                { for all.lines.iter().map(|&at| {
                    let m = &b.measures[at];
                    let amount = match (m.relisted_of, m.budget) {
                        (Some(of), _) => format!("【再掲】{of}に計上"),
                        (None, Some(n)) => money::exact(n),
                        (None, None) => "金額の記載なし".to_string(),
                    };
                    html! {
                        <li key={m.id.to_string()} data-id={m.id.to_string()}>
                            <span class="id">{ m.id.to_string() }</span>
                            <span class="name">{ &m.name }</span>
                            <span class="dept">{ m.department_group() }</span>
                            <span class="amount">{ amount }</span>
                        </li>
                    }
                }) }
            </ol>
            <footer>
                <p>{ format!("出典：{}（単位：{}）", b.meta.source, b.meta.unit) }</p>
                <p>{ &b.meta.note }</p>
            </footer>
        </main>
    }
}
