//! The page's content before and without JavaScript, generated at build time from the same data
//! and the same core as the app: the title, the total, the summary, every line in a table, the
//! source. People see it while the wasm starts, search engines and readers without JavaScript
//! get all of it, and a failed start still leaves a useful page.
//!
//! It sits in `<div class="app" id="static-content">` in `<body>`; the app mounts on `<body>`
//! and clears it (Yew's `Renderer::new()`), so the app replaces it in one go. Its header is the
//! app's `Summary` header (src/ui/mod.rs) element for element, class for class and word for word
//! (both take their figures and words from `core::present`), so the top of the page does not move
//! when the app takes over (the browser test tests/e2e/static-content.test.mjs compares the two). The table below gives way to the chart.
//!
//! Also here: the `<title>`, description and sharing tags of `<head>`, which say the count and
//! total from the data, and `finish_site`, the whole post-inlining step.

use crate::inline::{find_ci, scan};
use kumamoto_sme_budget::core::action::{self, activate};
use kumamoto_sme_budget::core::aggregate::{self, Node, NodeKey};
use kumamoto_sme_budget::core::chart::{self, Level};
use kumamoto_sme_budget::core::filter::Selection;
use kumamoto_sme_budget::core::label::{
    figures_line, level_plan, node_name, number_text, rule_breaks, small_cells, spoken_figures,
    CellPlan,
};
use kumamoto_sme_budget::core::model::{Budget, Line};
use kumamoto_sme_budget::core::money;
use kumamoto_sme_budget::core::picture::{self, describe, Cell};
use kumamoto_sme_budget::core::present::colour::{css_colour, fill_for, INK};
use kumamoto_sme_budget::core::present::numbers::circled;
use kumamoto_sme_budget::core::present::strings::JA;
use kumamoto_sme_budget::core::present::summary::Summary;
use kumamoto_sme_budget::core::svg::{self, Link, Sized};
use kumamoto_sme_budget::core::treemap::{layout, Rect, GOLDEN};
use kumamoto_sme_budget::core::view_state::ViewState;
use std::fmt::Write;
use std::path::Path;

/// Text for HTML: `&`, `<`, `>` and both quotes become character references, so the result is
/// safe both as element content and inside a double- or single-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The header, exactly as the app's `Summary` renders it in Japanese (no whitespace between
/// elements, as Yew writes none), from the same figures and words (`core::present`).
fn summary(b: &Budget) -> String {
    let all = Summary::of(b);
    let stats: String = all
        .marks
        .iter()
        .map(|&(mark, figures)| {
            format!(
                "<li><span class=\"stat-label\">{}</span>{}</li>",
                escape(JA.mark(mark)),
                escape(&JA.mark_figures(figures))
            )
        })
        .collect();
    let priorities: String = b
        .meta
        .priorities
        .iter()
        .map(|p| format!("<li>{}</li>", escape(p)))
        .collect();
    format!(
        "<header class=\"summary\">\
         <p class=\"city\">{city}</p>\
         <h1>{title}</h1>\
         <p id=\"total\" class=\"total\">{label} <strong>{readable}</strong>\
         <span class=\"exact\">{exact}</span></p>\
         <ul class=\"stats\">{stats}</ul>\
         <details class=\"priorities\"><summary>{priorities_label}</summary><ol>{priorities}</ol></details>\
         </header>",
        city = escape(&JA.city_line(&b.meta)),
        title = escape(&heading(b)),
        label = escape(JA.total_label),
        readable = escape(&JA.amount(all.total)),
        exact = escape(&JA.total_detail(&all)),
        priorities_label = escape(JA.priorities),
    )
}

/// "熊本市 中小企業振興 令和五年度 事業一覧", the app's `<h1>`.
fn heading(b: &Budget) -> String {
    JA.heading(&b.meta)
}

/// Marks as text badges, as the app's table shows them (never colour alone).
fn badges(m: &Line) -> String {
    let marks = [
        (m.marks.key_measure, "key", JA.key_measure),
        (m.marks.new, "new", JA.new),
        (m.marks.covid, "covid", JA.covid),
        (m.is_relisting(), "relisted", JA.relisted),
    ];
    let inner: String = marks
        .iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, class, label)| format!("<span class=\"badge {class}\">{label}</span>"))
        .collect();
    if inner.is_empty() {
        inner
    } else {
        format!("<span class=\"badges\">{inner}</span>")
    }
}

/// Every line in source order, one row group per initiative headed by its direction and
/// initiative with their counts and totals (from the core's aggregation), and a totals row that
/// counts each measure once.
fn table(b: &Budget) -> String {
    let all = Selection::all(b);
    let tree = aggregate::by_direction(b, &all);
    let initiative_node = |id| -> Option<&Node> {
        tree.iter()
            .flat_map(|d| &d.children)
            .find(|i| i.key == NodeKey::Initiative(id))
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"table-wrap\"><table id=\"static-table\" role=\"table\">\n\
         <caption>{}</caption>\n\
         <colgroup><col class=\"id\"><col class=\"name\"><col class=\"dept\"><col class=\"amount\"></colgroup>\n\
         <thead role=\"rowgroup\"><tr role=\"row\">\
         <th scope=\"col\" role=\"columnheader\" class=\"id\">{}</th>\
         <th scope=\"col\" role=\"columnheader\" class=\"name\">{}</th>\
         <th scope=\"col\" role=\"columnheader\" class=\"dept\">{}</th>\
         <th scope=\"col\" role=\"columnheader\" class=\"amount\">{}</th></tr></thead>",
        escape(&format!(
            "{}（{}{}・{}件）",
            JA.view_table,
            all.measures,
            JA.measures_unit,
            b.lines.len()
        )),
        JA.col_id,
        JA.col_name,
        JA.col_department,
        JA.col_amount,
    );
    let mut current = None;
    for m in &b.lines {
        let initiative = m.id.initiative;
        if current != Some(initiative) {
            if current.is_some() {
                out.push_str("\n</tbody>");
            }
            current = Some(initiative);
            let i = b.initiative(initiative);
            let d = i.and_then(|i| b.direction(i.direction));
            let figures = initiative_node(initiative).map_or(String::new(), |n| {
                format!(
                    "（{}{}・{}）",
                    n.measures,
                    JA.measures_unit,
                    money::exact(n.total)
                )
            });
            let _ = write!(
                out,
                "\n<tbody role=\"rowgroup\">\n<tr role=\"row\" class=\"group\">\
                 <th scope=\"rowgroup\" role=\"rowheader\" colspan=\"4\">\
                 <span class=\"group-direction\">{}</span> \
                 <span class=\"group-initiative\">{}</span>\
                 <span class=\"group-figures\">{}</span></th></tr>",
                escape(&d.map_or(String::new(), |d| format!(
                    "{}{} {} ›",
                    JA.directions, d.id.0, d.title
                ))),
                escape(&format!(
                    "{}{} {}",
                    JA.initiatives,
                    circled(initiative.0),
                    i.map_or("", |i| i.title.as_str())
                )),
                escape(&figures),
            );
        }
        let amount = match (m.relisted_of, m.amount) {
            (Some(_), Some(n)) => format!(
                "<span class=\"relisted-amount\">({})</span>",
                money::grouped(n)
            ),
            (_, Some(n)) => money::grouped(n),
            (_, None) => "-".to_string(),
        };
        let _ = write!(
            out,
            "\n<tr role=\"row\" data-id=\"{id}\"><td role=\"cell\" class=\"id\">{id}</td>\
             <th scope=\"row\" role=\"rowheader\" class=\"name\">{name}{badges}</th>\
             <td role=\"cell\" class=\"dept\">{dept}</td>\
             <td role=\"cell\" class=\"amount\">{amount}</td></tr>",
            id = escape(&m.id.to_string()),
            name = escape(&m.name),
            badges = badges(m),
            dept = escape(&m.departments.join("・")),
        );
    }
    if current.is_some() {
        out.push_str("\n</tbody>");
    }
    let _ = write!(
        out,
        "\n<tfoot role=\"rowgroup\"><tr role=\"row\">\
         <th scope=\"row\" role=\"rowheader\" colspan=\"3\">{}</th>\
         <td role=\"cell\" class=\"amount\">{}</td></tr></tfoot>\n</table></div>",
        escape(&JA.total_row(all.measures, all.relistings)),
        money::grouped(all.total),
    );
    out
}

/// The chart box's shape, and its width (CSS px, as the app measures it: floored) at the
/// narrowest viewport of each range of widths (`from`, up to the next range's) that
/// static/style.css lays out alike: on a phone 4:5 across the page, from 600 px 1:1 beside the
/// details panel, from 1000 px 16:10, from 1280 px between the filters and the panel. Within a
/// range the box grows with the viewport, so each range's labels are planned for its narrowest
/// box and still fit the wider ones. The ranges start at the widths people's devices have
/// (phones 320, 360, 390; tablets 810, 1080; laptops 1280, 1440), so that there the picture is
/// the app's to the pixel. tests/e2e/static-content.test.mjs measures the app's box at each
/// `from` and fails when the stylesheet no longer gives these.
const BOXES: [ChartBox; 9] = [
    ChartBox {
        from: 0,
        at: 320,
        aspect: (4, 5),
        width: 296.0,
    },
    ChartBox {
        from: 360,
        at: 360,
        aspect: (4, 5),
        width: 336.0,
    },
    ChartBox {
        from: 390,
        at: 390,
        aspect: (4, 5),
        width: 366.0,
    },
    ChartBox {
        from: 600,
        at: 600,
        aspect: (1, 1),
        width: 265.0,
    },
    ChartBox {
        from: 810,
        at: 810,
        aspect: (1, 1),
        width: 475.0,
    },
    ChartBox {
        from: 1000,
        at: 1000,
        aspect: (16, 10),
        width: 601.0,
    },
    ChartBox {
        from: 1080,
        at: 1080,
        aspect: (16, 10),
        width: 681.0,
    },
    ChartBox {
        from: 1280,
        at: 1280,
        aspect: (16, 10),
        width: 577.0,
    },
    ChartBox {
        from: 1440,
        at: 1440,
        aspect: (16, 10),
        width: 737.0,
    },
];

/// One range of viewport widths and its chart box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartBox {
    /// The range's narrowest viewport width (px); the first range starts at 0.
    pub from: u32,
    /// The viewport width the box is measured at (the first range's narrowest phone).
    pub at: u32,
    /// Width : height, as `aspect-ratio` in the stylesheet.
    pub aspect: (u32, u32),
    pub width: f64,
}

impl ChartBox {
    /// The box's height, floored as the app measures it.
    pub fn height(&self) -> f64 {
        (self.width * f64::from(self.aspect.1) / f64::from(self.aspect.0)).floor()
    }
}

/// The default view's level (what the app first shows), its cells laid out and labelled in
/// `b`ox as the app does it (`core::chart`, `core::treemap`, `core::label` with the native
/// word breaks, `core::picture`).
fn picture_at(budget: &Budget, level: &Level, b: &ChartBox) -> Vec<Cell> {
    let (rects, plans) = plan_at(budget, level, b);
    picture::cells(budget, level, &rects, &plans, None, None)
}

/// The level's rectangles and label plan in box `b`, as the app computes them.
fn plan_at(budget: &Budget, level: &Level, b: &ChartBox) -> (Vec<Rect>, Vec<CellPlan>) {
    let values: Vec<f64> = level.drawn().into_iter().map(|v| v as f64).collect();
    let rects = layout(&values, Rect::new(0.0, 0.0, b.width, b.height()), GOLDEN);
    let (plans, _) = level_plan(budget, level, &rects, &JA, rule_breaks);
    (rects, plans)
}

/// The app's list of small cells under the chart (`ui::chart`'s `small-cells`) in box `b`,
/// element for element and word for word, each row a link to the level it opens instead of a
/// button (class `class`: shown by the stylesheet's widths); empty when no cell is small there.
/// The app's takeover keeps it under the app's chart until the app has measured its box and
/// lists the same rows itself, so that nothing below the chart moves.
fn small_list_at(
    budget: &Budget,
    level: &Level,
    b: &ChartBox,
    links: &[Option<Link>],
    class: &str,
) -> String {
    let (rects, plans) = plan_at(budget, level, b);
    let small = small_cells(level, &rects, &plans);
    if small.is_empty() {
        return String::new();
    }
    let mut rows = String::new();
    for &i in &small {
        let node = &level.nodes[i];
        let Some(link) = &links[i] else { continue };
        let number = plans[i]
            .number
            .map(|n| {
                format!(
                    "<span class=\"number\" aria-hidden=\"true\">{}</span>",
                    number_text(n)
                )
            })
            .unwrap_or_default();
        let _ = write!(
            rows,
            "<li><a class=\"list-cell\" href=\"{}\" aria-label=\"{}\">{number}<span class=\"swatch\" style=\"background:{}\"></span><span class=\"name\">{}</span><span class=\"figures\">{}</span></a></li>",
            escape(&link.href),
            escape(&link.name),
            css_colour(fill_for(budget, &node.key, i)),
            escape(&node_name(node, &JA)),
            escape(&figures_line(&spoken_figures(node, level, &JA, budget))),
        );
    }
    format!(
        "<section class=\"cell-list {class}\"><h2>{}</h2><ul>{rows}</ul></section>",
        escape(&format!(
            "{}{}",
            JA.small_list,
            JA.paren(&small.len().to_string())
        ))
    )
}

/// The default view (the top of the directions, in Japanese), as the app first shows it.
fn default_level(budget: &Budget) -> Level {
    let view = ViewState::default();
    chart::level(
        budget,
        &Selection::all(budget),
        view.only_matches,
        view.view,
        &view.drill,
        view.others_page,
        JA.top,
    )
}

/// Each cell's link: the fragment the app writes when that cell is activated in the default
/// view (`action::activate`, applied and formatted by the core), and its button's name.
fn links(budget: &Budget, level: &Level) -> Vec<Option<Link>> {
    level
        .nodes
        .iter()
        .map(|node| {
            let act = activate(&node.key, level.others_page)?;
            let mut view = ViewState::default();
            action::apply(&mut view, act, budget);
            Some(Link {
                href: format!("#{}", view.format()),
                name: describe(node, level, &JA, budget),
            })
        })
        .collect()
}

/// How many cells the static chart draws, each a link (at every size: the layout scales).
pub fn static_chart_cells(budget: &Budget) -> usize {
    let level = default_level(budget);
    picture_at(budget, &level, &BOXES[0])
        .iter()
        .filter(|c| svg::drawn(c))
        .count()
}

/// The page background behind the cells (light; the stylesheet gives the gaps the dark page's
/// colour in a dark scheme, as the canvas does).
const GAP: (u8, u8, u8) = (255, 255, 255);

/// The static chart: one fluid picture per box shape (shown by the stylesheet's widths), each
/// with the labels of every range of that shape (shown by theirs), and its style rules.
fn static_chart(budget: &Budget) -> (String, String) {
    let level = default_level(budget);
    let links = links(budget, &level);
    let biggest = level.nodes.iter().max_by_key(|n| n.total);
    let summary = JA.chart_summary(
        JA.top,
        level.nodes.len(),
        level.nodes.iter().map(|n| n.total).sum(),
        biggest
            .filter(|b| b.total > 0)
            .map(|b| (node_name(b, &JA), b.total))
            .as_ref()
            .map(|(name, total)| (name.as_ref(), *total)),
    );
    let pictures: Vec<Vec<Cell>> = BOXES
        .iter()
        .map(|b| picture_at(budget, &level, b))
        .collect();
    let classes: Vec<String> = (0..BOXES.len()).map(|i| format!("k{i}")).collect();
    let mut html = String::new();
    let mut css = format!(
        "#chart>#static-chart{{position:absolute;inset:0}}#static-chart.later>svg{{visibility:hidden}}#static-chart>svg{{position:absolute;inset:0;display:none}}#static-chart .g{{stroke:var(--bg)}}#static-chart g{{display:none}}#static-small>section{{display:none}}#static-small a.list-cell{{color:inherit;text-decoration:none}}{}",
        svg::style("#static-chart ")
    );
    // Ranges of one shape share a picture: consecutive boxes of equal aspect. From each
    // range's start its labels show and the previous range's hide (and so for the pictures).
    let mut shape_start = 0;
    for (i, b) in BOXES.iter().enumerate() {
        let opens = i == 0 || b.aspect != BOXES[i - 1].aspect;
        let (open, close) = if b.from == 0 {
            (String::new(), "")
        } else {
            (format!("@media(min-width:{}px){{", b.from), "}")
        };
        css.push_str(&open);
        if opens {
            if i > 0 {
                let _ = write!(css, "#static-chart .p{shape_start}{{display:none}}");
            }
            shape_start = i;
            let _ = write!(css, "#static-chart .p{i}{{display:block}}");
        }
        if i > 0 {
            let _ = write!(
                css,
                "#static-chart .k{0}{{display:none}}#static-small .k{0}{{display:none}}",
                i - 1
            );
        }
        let _ = write!(
            css,
            "#static-chart .k{i}{{display:inline}}#static-small .k{i}{{display:block}}{close}"
        );
        let end = (i + 1..BOXES.len())
            .find(|&j| BOXES[j].aspect != b.aspect)
            .unwrap_or(BOXES.len());
        if !opens {
            continue;
        }
        let sizes: Vec<Sized> = (i..end)
            .map(|j| Sized {
                class: &classes[j],
                width: BOXES[j].width,
                height: BOXES[j].height(),
                cells: &pictures[j],
            })
            .collect();
        let _ = write!(
            html,
            "<svg class=\"p{i}\" width=\"100%\" height=\"100%\" fill=\"{}\" role=\"group\" aria-label=\"{}\">{}</svg>",
            svg::hex(INK),
            escape(&summary),
            svg::fluid(&sizes, GAP, &links)
        );
    }
    (html, css)
}

/// The app's list of small cells for each box (`small_list_at`), in `#static-small`, each shown
/// by the same widths as that box's labels.
fn static_small(budget: &Budget) -> String {
    let level = default_level(budget);
    let links = links(budget, &level);
    let lists: String = BOXES
        .iter()
        .enumerate()
        .map(|(i, b)| small_list_at(budget, &level, b, &links, &format!("k{i}")))
        .collect();
    format!("<div id=\"static-small\">{lists}</div>")
}

/// Run as the page is read (before the app's module script). The static chart is the default
/// view's: another view's link hides it and its list of small cells (their boxes stay) until the
/// app draws its own. In the default view it is moved into the app's chart box as soon as the
/// app has made it (the app clears the page's content as it mounts), under the canvas, and
/// removed once the canvas is sized and drawn: Yew paints its first frame before its effects
/// draw, and the box would show blank in between. The list of small cells is moved under the
/// app's chart at the same time (where the app's own goes: before its lists of cells without
/// area) and removed when the app has measured its box (`data-plan`),
/// in the same change as the app's own list appears: Yew yields to the browser between its
/// first render and its effects, so frames are painted before the app knows its box, and
/// without the stand-in the list would push what is below the chart down. Ends when the app
/// shows no chart.
const TAKEOVER: &str = "{const p=document.getElementById(\"static-chart\"),l=document.getElementById(\"static-small\");\
if(location.hash.length>1){p.classList.add(\"later\");l.style.visibility=\"hidden\"}\
else new MutationObserver((_,o)=>{const c=document.getElementById(\"chart\");\
if(!c){if(document.querySelector(\"body>.app:not(#static-content)\"))o.disconnect();return}\
if(!p.isConnected)c.prepend(p);\
const m=c.hasAttribute(\"data-plan\");\
if(!m&&!l.isConnected)c.parentNode.insertBefore(l,c.parentNode.querySelector(\"#no-amount-cells,#relisted-cells\"));\
if(m)l.remove();\
if(c.querySelector(\"canvas\")?.getAttribute(\"width\")>0){p.remove();l.remove();o.disconnect()}})\
.observe(document.body,{childList:true,subtree:true,attributes:true,attributeFilter:[\"width\",\"data-plan\"]})}";

/// What the app shows above the chart (its search, the view tabs and menu, the breadcrumbs),
/// element for element and word for word as the app renders them in the default view, so that
/// the chart below sits where the app's will. The controls work only in the app: until it
/// starts they hold their place unseen (`reserve`), and without JavaScript they are left out.
fn above_chart(b: &Budget) -> (String, String) {
    let all = Selection::all(b);
    let mut result = format!("{} {}", JA.all_of, JA.measures(all.measures));
    if all.relistings > 0 {
        result.push_str(&JA.paren(&JA.relisted_count(all.relistings)));
    }
    result.push_str(&format!(" ・ {} {}", JA.table_total, JA.amount(all.total)));
    let note = if all.relistings > 0 {
        format!("<p class=\"term-note\">{}</p>", escape(JA.relisted_note))
    } else {
        String::new()
    };
    let sidebar = format!(
        "<div class=\"sidebar reserve\" aria-hidden=\"true\"><section class=\"filters\">\
         <div class=\"search\"><label>{search}</label><input type=\"search\" placeholder=\"{placeholder}\"></div>\
         <div class=\"result-line\"><p class=\"result\">{result}</p></div>{note}\
         <button type=\"button\" class=\"filter-toggle\">{filters}</button></section></div>",
        search = escape(JA.search),
        placeholder = escape(JA.search_placeholder),
        result = escape(&result),
        filters = escape(JA.filters),
    );
    let tabs: String = [
        (JA.view_directions, true),
        (JA.view_departments, false),
        (JA.view_table, false),
    ]
    .iter()
    .map(|(label, current)| {
        format!(
            "<button type=\"button\" class=\"tab\" aria-pressed=\"{current}\">{}</button>",
            escape(label)
        )
    })
    .collect();
    let top = format!(
        "<div class=\"toolbar reserve\" aria-hidden=\"true\"><nav class=\"views\">{tabs}</nav>\
         <div class=\"menu\"><button type=\"button\" class=\"menu-button\"><span class=\"menu-icon\">☰</span>\
         <span class=\"menu-text\">{menu}</span></button></div></div>\
         <div class=\"level-head\"><div class=\"level-where\"><nav class=\"crumbs\" aria-label=\"{crumbs}\">\
         <ol><li><span aria-current=\"page\">{here}</span></li></ol></nav><p id=\"level-matches\"></p></div></div>",
        menu = escape(JA.menu),
        crumbs = escape(JA.breadcrumb_label),
        here = escape(JA.top),
    );
    (sidebar, top)
}

/// The static content: the app's header, what the app shows above its chart, the chart of
/// the default view, the table of every line, and the source, inside the container the app
/// replaces.
pub fn static_content(budget: &Budget) -> String {
    let b = budget;
    let (sidebar, top) = above_chart(b);
    let (chart, _) = static_chart(b);
    let small = static_small(b);
    format!(
        "<div class=\"app\" id=\"static-content\">\n{}\n<div class=\"layout\">{sidebar}\n<main>{top}\n\
         <div class=\"chart-block\"><div class=\"chart\" id=\"static-chart\" data-boxes=\"{boxes}\">{chart}</div>{small}</div>\n{}\n</main></div>\n\
         <footer class=\"source\"><p>{}</p><p>{}</p><p>{}</p></footer>\n<script>{TAKEOVER}</script>\n</div>",
        summary(b),
        table(b),
        escape(&format!(
            "{}：{}（{} {}）",
            JA.source, b.meta.source, b.meta.city, b.meta.era_year
        )),
        escape(&b.meta.note),
        escape(JA.unit_note),
        boxes = BOXES
            .iter()
            .map(|x| format!("{}:{}x{}", x.at, x.width, x.height()))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Places `content` at the start of `<body>`, before its `<noscript>` (kept: it says what the
/// interactive part needs).
pub fn insert(html: &str, content: &str) -> Result<String, String> {
    if html.contains("id=\"static-content\"") {
        return Err("the page already has its static content".into());
    }
    let elements = scan(html);
    let body = elements
        .iter()
        .find(|e| e.name == "body")
        .ok_or("no <body> in the page")?;
    let at = elements
        .iter()
        .find(|e| e.name == "noscript" && e.whole.start > body.whole.start)
        .map_or(body.whole.end, |n| n.whole.start);
    let (before, after) = html.split_at(at);
    // Keep the noscript's indentation for what follows.
    let indent = if before.ends_with("  ") { "\n  " } else { "\n" };
    Ok(format!("{before}{content}{indent}{after}"))
}

/// How the page's description and sharing tags describe the data.
struct Words {
    title: String,
    description: String,
    share_title: String,
}

fn words(b: &Budget) -> Words {
    let all = Selection::all(b);
    let count_and_total = format!(
        "{}{}・{}",
        all.measures,
        JA.measures_unit,
        money::readable(all.total)
    );
    Words {
        title: format!("{}：{count_and_total} | {}", heading(b), JA.app_name),
        description: format!(
            "{}の{} {} 事業一覧：{}{}、{}{}（{}、再掲を除き各事業を1回）。{}つの{}・{}の{}・担当課ごとに、図と一覧表で見る。",
            b.meta.city,
            b.meta.era_year,
            JA.subject,
            all.measures,
            JA.measures_unit,
            JA.total_label,
            money::readable(all.total),
            money::exact(all.total),
            b.directions.len(),
            JA.directions,
            b.initiatives.len(),
            JA.initiatives,
        ),
        share_title: format!("{}（{count_and_total}）", heading(b)),
    }
}

/// Width and height of the sharing image (`preview.png`), the size LINE, Facebook and X expect.
pub const PREVIEW_SIZE: (u32, u32) = (1200, 630);

/// The `<title>` and description say the count and total from the data, and sharing tags follow
/// the description (static: crawlers run no script).
pub fn head(html: &str, budget: &Budget) -> Result<String, String> {
    let w = words(budget);
    let elements = scan(html);
    let title = elements
        .iter()
        .find(|e| e.name == "title")
        .ok_or("no <title> in the page")?;
    let title_end = find_ci(&html[title.whole.end..], "</title>")
        .map(|i| title.whole.end + i + "</title>".len())
        .ok_or("<title> is not closed")?;
    let description = elements
        .iter()
        .find(|e| e.name == "meta" && e.attr("name") == Some("description"))
        .ok_or("no <meta name=\"description\"> in the page")?;
    if elements
        .iter()
        .any(|e| e.name == "meta" && e.attr("property").is_some_and(|p| p.starts_with("og:")))
    {
        return Err("the page already has sharing tags".into());
    }
    let (width, height) = PREVIEW_SIZE;
    let meta = |key: &str, name: &str, content: &str| {
        format!(
            "\n  <meta {key}=\"{name}\" content=\"{}\">",
            escape(content)
        )
    };
    let mut sharing = String::from(
        "\n  <!-- Sharing (LINE, social media). og:image is relative to the page, as the site may be \
         served from any folder or host; some crawlers want an absolute URL, so a host may rewrite \
         it to https://…/preview.png. The page itself never loads the image. -->",
    );
    for (key, name, content) in [
        ("property", "og:type", "website"),
        ("property", "og:locale", "ja_JP"),
        ("property", "og:title", w.share_title.as_str()),
        ("property", "og:description", w.description.as_str()),
        ("property", "og:image", "preview.png"),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", &width.to_string()),
        ("property", "og:image:height", &height.to_string()),
        (
            "property",
            "og:image:alt",
            "方向性ごとの予算額を面積で表した図（ツリーマップ）",
        ),
        ("name", "twitter:card", "summary_large_image"),
    ] {
        sharing.push_str(&meta(key, name, content));
    }
    // Rules for the static content only (gone with it when the app starts); the rest of its
    // look is the app's own stylesheet.
    sharing.push_str(&format!(
        "\n  <style>\n{STATIC_CSS}{}\n</style>",
        static_chart(budget).1
    ));

    let mut edits = [
        (
            title.whole.start..title_end,
            format!("<title>{}</title>", escape(&w.title)),
        ),
        (
            description.whole.clone(),
            format!(
                "<meta name=\"description\" content=\"{}\">{sharing}",
                escape(&w.description)
            ),
        ),
    ];
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(html.len() + 4096);
    let mut at = 0;
    for (range, text) in &edits {
        out.push_str(&html[at..range.start]);
        out.push_str(text);
        at = range.end;
    }
    out.push_str(&html[at..]);
    Ok(out)
}

/// The table's group rows, and on narrow screens the same cards as the app's table; the app's
/// controls hold their place unseen until it starts, and are left out without JavaScript (the
/// chart and the table then take the page's width).
const STATIC_CSS: &str = "#static-content .reserve { visibility: hidden; }
@media (scripting: none) {
  #static-content .reserve { display: none; }
  #static-content .layout { display: block; }
  #static-content .chart-block { max-width: 60rem; }
}
#static-table .group th { background: var(--soft); font-weight: 700; }
/* Columns from the <col>s, not from the rows: the parser can paint the page before the last row
   has arrived, and an automatic layout would widen and narrow the columns as rows came in (a
   layout shift seen at tablet 810, where the header sits at the bottom of the screen). */
#static-table { table-layout: fixed; }
#static-table col.id { width: 4rem; }
#static-table col.dept { width: 30%; }
#static-table col.amount { width: 8.5rem; }
#static-table td, #static-table th { overflow-wrap: anywhere; }
#static-table .group-figures { font-weight: 400; color: var(--muted); }
@media (max-width: 599px) {
  #static-table, #static-table tbody, #static-table tfoot, #static-table tr, #static-table td, #static-table th { display: block; }
  #static-table thead tr { display: flex; flex-wrap: wrap; gap: 0 0.8rem; }
  #static-table colgroup { display: none; }
  #static-table thead th { border: 0; padding: 0; background: none; }
  #static-table tbody tr { display: grid; grid-template-columns: 3rem 1fr; padding: 0.4rem 0; border-bottom: 1px solid var(--line); }
  #static-table tbody td, #static-table tbody th { border: 0; padding: 0 0.3rem; }
  #static-table tbody .group th { grid-column: 1 / -1; padding: 0.3rem; }
  #static-table tbody .name { grid-column: 2; grid-row: 1; }
  #static-table tbody .dept { grid-column: 2; color: var(--muted); font-size: 0.9rem; }
  #static-table tbody .amount { grid-column: 2; text-align: left; }
  #static-table tfoot tr { display: flex; justify-content: space-between; border-top: 2px solid var(--ink); }
  #static-table tfoot th, #static-table tfoot td { border: 0; }
}
";

/// The step after inlining: static content, head tags, the sharing image, and last the Content
/// Security Policy (it hashes the final scripts and styles).
pub fn finish_site(dist: &Path) -> Result<(), String> {
    let budget = kumamoto_sme_budget::core::embedded_budget()
        .map_err(|e| format!("the embedded data does not validate: {e:?}"))?;
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = insert(&html, &static_content(&budget))
        .and_then(|h| head(&h, &budget))
        .and_then(|h| crate::csp::add_csp(&h))
        .map_err(|e| format!("{}: {e}", index.display()))?;
    let preview = dist.join("preview.png");
    std::fs::write(&preview, crate::preview::png(&budget))
        .map_err(|e| format!("{}: {e}", preview.display()))?;
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kumamoto_sme_budget::core::embedded_budget;

    fn budget() -> Budget {
        embedded_budget().expect("the embedded data is valid")
    }

    #[test]
    fn escape_makes_text_inert() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("熊本市 予算"), "熊本市 予算");
        assert_eq!(
            escape("<script>alert(\"x\")</script>"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        );
        assert_eq!(
            escape("<img src=x onerror='alert(1)'>"),
            "&lt;img src=x onerror=&#39;alert(1)&#39;&gt;"
        );
        // Already-escaped text is escaped again, not passed through.
        assert_eq!(escape("&amp; &lt;"), "&amp;amp; &amp;lt;");
        assert_eq!(escape("A&B"), "A&amp;B");
    }

    #[test]
    fn the_header_says_what_the_app_says() {
        let html = summary(&budget());
        assert_eq!(
            &html[..html.find("<ul").unwrap()],
            "<header class=\"summary\"><p class=\"city\">予算エクスプローラー（令和5年度・FY2023）</p>\
             <h1>熊本市 中小企業振興 令和五年度 事業一覧</h1>\
             <p id=\"total\" class=\"total\">予算総額 <strong>37.4億円</strong>\
             <span class=\"exact\">（3,739,426千円、59事業）</span></p>"
        );
        assert_eq!(html.matches("<li><span class=\"stat-label\">").count(), 3);
        assert!(html.contains("<li><span class=\"stat-label\">★重点</span> "));
        assert!(html.contains("<details class=\"priorities\"><summary>令和5年度の重点事項</summary><ol><li>令和２年度以降"));
        assert_eq!(html.matches("<li>").count(), 3 + 3);
        assert!(html.ends_with("</ol></details></header>"));
    }

    /// The header's text is the presentation layer's, piece for piece: what the app's `Summary`
    /// shows in Japanese (it renders the same calls).
    #[test]
    fn the_header_text_is_what_present_words() {
        let b = budget();
        let all = Summary::of(&b);
        let html = summary(&b);
        // Text only, as a reader (or `textContent`) gets it.
        let mut text = String::new();
        for piece in html.split('<').skip(1) {
            text.push_str(piece.split_once('>').map_or("", |(_, t)| t));
        }
        let mut expected = format!(
            "{}{}{} {}{}",
            JA.city_line(&b.meta),
            JA.heading(&b.meta),
            JA.total_label,
            JA.amount(all.total),
            JA.total_detail(&all)
        );
        for (mark, figures) in all.marks {
            expected.push_str(JA.mark(mark));
            expected.push_str(&JA.mark_figures(figures));
        }
        expected.push_str(JA.priorities);
        for p in &b.meta.priorities {
            expected.push_str(p);
        }
        assert_eq!(text, expected);
        assert!(text.contains("★重点 8事業 · 2億円"), "{text}");
    }

    #[test]
    fn the_totals_row_is_what_present_words() {
        let b = budget();
        let all = Summary::of(&b);
        let row = format!(
            "colspan=\"3\">{}</th><td role=\"cell\" class=\"amount\">{}</td>",
            JA.total_row(all.measures, all.relistings),
            money::grouped(all.total)
        );
        assert!(table(&b).contains(&row), "{row}");
    }

    #[test]
    fn the_table_lists_every_line_in_source_order() {
        let b = budget();
        let html = static_content(&b);
        let ids: Vec<&str> = html
            .split("<tr role=\"row\" data-id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        let expected: Vec<String> = b.lines.iter().map(|m| m.id.to_string()).collect();
        assert_eq!(ids.len(), 63);
        assert_eq!(ids, expected);
        // One row group per initiative, headed by its direction and initiative.
        assert_eq!(html.matches("<tbody role=\"rowgroup\">").count(), 10);
        assert_eq!(html.matches("</tbody>").count(), 10);
        assert!(html.contains(
            "<span class=\"group-direction\">方向性1 創業・事業承継の促進 ›</span> \
             <span class=\"group-initiative\">取組① 創業支援</span>"
        ));
        assert!(html.contains(
            "<span class=\"group-initiative\">取組⑩ 小規模企業の持続的な発展に向けた支援</span>"
        ));
        // Marks as text, "-" for no amount, relisted amounts in brackets.
        let row = |id: &str| {
            let start = html.find(&format!("data-id=\"{id}\"")).unwrap();
            &html[start..start + html[start..].find("</tr>").unwrap()]
        };
        assert!(row("10-2").contains("<span class=\"badge relisted\">再掲</span>"));
        assert!(row("10-2").contains("<span class=\"relisted-amount\">(15,285)</span>"));
        assert!(row("1-1").ends_with("<td role=\"cell\" class=\"amount\">24,200</td>"));
        let dashes = html.matches("class=\"amount\">-</td>").count();
        assert_eq!(dashes, 8);
        assert!(html.contains(
            "<th scope=\"row\" role=\"rowheader\" colspan=\"3\">合計（59事業、再掲4件を除く）</th>\
             <td role=\"cell\" class=\"amount\">3,739,426</td>"
        ));
        assert!(html.contains("<caption>一覧表（59事業・63件）</caption>"));
        // The source and its date.
        assert!(html.contains("<footer class=\"source\"><p>出典：熊本市「令和五年度 事業一覧」"));
        assert!(html.contains("2023年3月末日時点"));
        // Only escaped text: no tag the generator did not write.
        let tags: std::collections::BTreeSet<&str> = html
            .split('<')
            .skip(1)
            .map(|s| s.split([' ', '>']).next().unwrap().trim_start_matches('/'))
            .collect();
        let allowed = [
            "a", "button", "caption", "col", "colgroup", "details", "div", "footer", "g", "h1",
            "h2", "header", "input", "label", "li", "main", "nav", "ol", "p", "rect", "script",
            "section", "span", "strong", "summary", "svg", "table", "tbody", "td", "text", "tfoot",
            "th", "thead", "tr", "ul",
        ];
        assert_eq!(tags.into_iter().collect::<Vec<_>>(), allowed);
    }

    #[test]
    fn the_static_list_of_small_cells_is_the_apps_at_each_box() {
        let b = budget();
        let level = default_level(&b);
        let html = static_small(&b);
        let mut listed = 0;
        for (i, x) in BOXES.iter().enumerate() {
            let (rects, plans) = plan_at(&b, &level, x);
            let small = small_cells(&level, &rects, &plans);
            let class = format!("<section class=\"cell-list k{i}\">");
            let Some(at) = html.find(&class) else {
                assert!(small.is_empty(), "box {i}: no list for {small:?}");
                continue;
            };
            let section = &html[at..at + html[at..].find("</section>").unwrap()];
            // Its heading counts its rows; each row links to its cell's level.
            let heading = format!("{}{}", JA.small_list, JA.paren(&small.len().to_string()));
            assert!(
                section.contains(&format!("<h2>{}</h2>", escape(&heading))),
                "{section}"
            );
            let hrefs: Vec<&str> = section
                .split("href=\"")
                .skip(1)
                .map(|s| &s[..s.find('"').unwrap()])
                .collect();
            let expected: Vec<String> = small
                .iter()
                .map(|&c| match &level.nodes[c].key {
                    NodeKey::Direction(d) => format!("#at=d{}", d.0),
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(hrefs, expected, "box {i}");
            listed += 1;
        }
        // The default view has cells too small for a name (its two smallest directions).
        assert!(listed > 0, "no box lists a cell");
    }

    #[test]
    fn data_with_markup_stays_text() {
        let mut b = budget();
        b.lines[0].name = "<img src=x onerror=alert(1)>".into();
        b.lines[0].departments = vec!["\"><script>alert(1)</script>".into()];
        b.meta.priorities[0] = "a & b".into();
        let html = static_content(&b);
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("<li>a &amp; b</li>"));
        // No element from the data: the one script is the takeover's.
        assert!(!html.contains("<img"));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains(&format!("<script>{TAKEOVER}</script>")));
    }

    /// Which pictures and label groups the static chart's rules show in a viewport `width` px
    /// wide: the rules applied in order, as a browser cascades them (equal specificity).
    fn shown(css: &str, width: u32) -> Vec<String> {
        let mut on: Vec<String> = Vec::new();
        let mut apply = |rules: &str| {
            for rule in rules.split('}').filter(|r| r.contains("{display:")) {
                let (selector, value) = rule.split_once('{').unwrap();
                let Some(class) = selector.strip_prefix("#static-chart .") else {
                    continue;
                };
                on.retain(|c| c != class);
                if value != "display:none" {
                    on.push(class.to_string());
                }
            }
        };
        let mut rest = css;
        while let Some(at) = rest.find("@media(min-width:") {
            apply(&rest[..at]);
            let after = &rest[at + "@media(min-width:".len()..];
            let (from, body) = after.split_once("px){").unwrap();
            let end = body.find("}}").unwrap() + 1;
            if from.parse::<u32>().unwrap() <= width {
                apply(&body[..end]);
            }
            rest = &body[end + 1..];
        }
        apply(rest);
        on.sort();
        on
    }

    #[test]
    fn each_width_shows_one_picture_with_one_set_of_labels() {
        let (_, css) = static_chart(&budget());
        let expect = |shape: usize, labels: usize| vec![format!("k{labels}"), format!("p{shape}")];
        for (width, shape, labels) in [
            (320, 0, 0),
            (359, 0, 0),
            (360, 0, 1),
            (390, 0, 2),
            (599, 0, 2),
            (600, 3, 3),
            (810, 3, 4),
            (999, 3, 4),
            (1000, 5, 5),
            (1080, 5, 6),
            (1279, 5, 6),
            (1280, 5, 7),
            (1440, 5, 8),
            (2560, 5, 8),
        ] {
            assert_eq!(shown(&css, width), expect(shape, labels), "at {width} px");
        }
    }

    #[test]
    fn the_static_chart_is_the_default_views_level_at_each_box() {
        let b = budget();
        let level = default_level(&b);
        let (html, _) = static_chart(&b);
        // One picture per shape, all of the level's cells with room for a fill in each.
        assert_eq!(html.matches("<svg class=\"p").count(), 3);
        for (i, bx) in BOXES.iter().enumerate() {
            let cells = picture_at(&b, &level, bx);
            // The app's own plan at that box: every label line is in that range's group.
            let class = format!("k{i}");
            let groups = html
                .split("<g class=\"")
                .skip(1)
                .filter(|g| g.split('"').next().unwrap().split(' ').any(|c| c == class))
                .count();
            let drawn: Vec<&Cell> = cells.iter().filter(|c| svg::drawn(c)).collect();
            assert_eq!(drawn.len(), static_chart_cells(&b));
            assert!(drawn.len() >= 3, "{i}: {} cells", drawn.len());
            let labelled = drawn
                .iter()
                .filter(|c| c.label.is_some() || c.number_px().is_some())
                .count();
            assert_eq!(groups, labelled, "{i}");
            for c in &drawn {
                for line in c.label.iter().flat_map(|l| l.name.iter().chain(&l.figures)) {
                    assert!(
                        html.contains(&format!(">{}</text>", escape(line))),
                        "{i}: {line}"
                    );
                }
            }
            // A squarified layout scales with its box: the shape's first layout, scaled, is
            // this box's to a fraction of a pixel (so one set of rectangles serves all sizes).
            let first = BOXES.iter().position(|x| x.aspect == bx.aspect).unwrap();
            let base = picture_at(&b, &level, &BOXES[first]);
            let k = bx.width / BOXES[first].width;
            for (c, o) in cells.iter().zip(&base) {
                for (v, w) in [(c.rect.x0, o.rect.x0), (c.rect.x1, o.rect.x1)] {
                    assert!((v - w * k).abs() < 0.5, "{i}: {v} vs {}", w * k);
                }
                let kh = bx.height() / BOXES[first].height();
                for (v, w) in [(c.rect.y0, o.rect.y0), (c.rect.y1, o.rect.y1)] {
                    assert!((v - w * kh).abs() < 0.5, "{i}: {v} vs {}", w * kh);
                }
            }
        }
    }

    #[test]
    fn each_cell_links_to_the_level_it_opens() {
        let b = budget();
        let level = default_level(&b);
        let links = links(&b, &level);
        let (html, _) = static_chart(&b);
        assert_eq!(links.len(), level.nodes.len());
        for (node, link) in level.nodes.iter().zip(&links) {
            let link = link.as_ref().expect("every top-level cell opens something");
            // Read back as the app reads the fragment at start: the node's own level.
            let (view, notices) = ViewState::parse(&link.href);
            assert!(notices.is_empty(), "{}", link.href);
            assert_eq!(
                Some(view.drill.clone()),
                chart::drill_into(&node.key),
                "{}",
                link.href
            );
            assert_eq!(
                view,
                ViewState {
                    drill: view.drill.clone(),
                    ..ViewState::default()
                }
            );
            assert!(
                link.name.starts_with(node_name(node, &JA).as_ref()),
                "{}",
                link.name
            );
            assert!(
                link.name.contains(&JA.amount(node.total)) || node.total == 0,
                "{}",
                link.name
            );
        }
        assert_eq!(links[0].as_ref().unwrap().href, "#at=d1");
        // In the page: each drawn cell a link, in each of the three pictures.
        assert_eq!(
            html.matches("<a href=\"#at=d").count(),
            3 * static_chart_cells(&b)
        );
        assert_eq!(static_chart_cells(&b), 3);
    }

    const PAGE: &str = "<!doctype html>\n<html lang=\"ja\">\n<head>\n  <meta charset=\"utf-8\">\n  \
        <title>熊本市 — 予算エクスプローラー</title>\n  <meta name=\"description\" content=\"old\">\n  \
        <style>\nbody { margin: 0; }\n</style>\n<script type=\"module\">start();</script>\n</head>\n\
        <body>\n  <noscript>\n    <p>JavaScript を有効にしてください。</p>\n  </noscript>\n</body>\n</html>\n";

    #[test]
    fn insert_puts_the_content_before_the_noscript() {
        let out =
            insert(PAGE, "<div class=\"app\" id=\"static-content\">X</div>").expect("inserts");
        assert!(out.contains(
            "<body>\n  <div class=\"app\" id=\"static-content\">X</div>\n  <noscript>\n    <p>JavaScript を有効にしてください。</p>\n  </noscript>\n</body>"
        ), "{out}");
        assert_eq!(
            out.replace("<div class=\"app\" id=\"static-content\">X</div>\n  ", ""),
            PAGE
        );
        assert!(
            insert(&out, "<div class=\"app\" id=\"static-content\">X</div>")
                .unwrap_err()
                .contains("already")
        );
        // Without a noscript: at the start of the body.
        let bare = "<html><head></head><body><p>x</p></body></html>";
        assert_eq!(
            insert(bare, "C").unwrap(),
            "<html><head></head><body>C\n<p>x</p></body></html>"
        );
        assert!(insert("<p>no body</p>", "C").is_err());
    }

    #[test]
    fn head_says_the_count_and_total_and_has_sharing_tags() {
        let out = head(PAGE, &budget()).expect("head");
        assert!(out.contains(
            "<title>熊本市 中小企業振興 令和五年度 事業一覧：59事業・37.4億円 | 予算エクスプローラー</title>"
        ));
        assert!(out.contains("<meta name=\"description\" content=\"熊本市の令和5年度 中小企業振興 事業一覧：59事業、予算総額37.4億円（3,739,426千円、再掲を除き各事業を1回）。5つの方向性・10の取組・担当課ごとに、図と一覧表で見る。\">"));
        for tag in [
            "<meta property=\"og:type\" content=\"website\">",
            "<meta property=\"og:locale\" content=\"ja_JP\">",
            "<meta property=\"og:title\" content=\"熊本市 中小企業振興 令和五年度 事業一覧（59事業・37.4億円）\">",
            "<meta property=\"og:image\" content=\"preview.png\">",
            "<meta property=\"og:image:width\" content=\"1200\">",
            "<meta property=\"og:image:height\" content=\"630\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        ] {
            assert!(out.contains(tag), "{tag}");
        }
        assert!(out.contains("<meta property=\"og:description\" content=\"熊本市の令和5年度"));
        assert!(!out.contains("content=\"old\""));
        assert!(out.contains("<style>\n#static-content .reserve { visibility: hidden; }"));
        assert!(out.contains("#static-table .group th"));
        assert!(out.ends_with("<body>\n  <noscript>\n    <p>JavaScript を有効にしてください。</p>\n  </noscript>\n</body>\n</html>\n"));
        assert!(head(&out, &budget()).unwrap_err().contains("already"));
    }

    #[test]
    fn the_whole_step_gives_a_page_whose_policy_covers_everything() {
        let b = budget();
        let page = insert(PAGE, &static_content(&b))
            .and_then(|h| head(&h, &b))
            .and_then(|h| crate::csp::add_csp(&h))
            .expect("finishes");
        // Two styles (the app's and the static content's) and two scripts (the app's, the static
        // chart's takeover), each by hash.
        let policy = page
            .split("Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("policy");
        assert_eq!(policy.matches("'sha256-").count(), 4, "{policy}");
        let script_src = policy
            .split("script-src ")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        assert!(!script_src.contains("unsafe-inline") && !script_src.contains("'unsafe-eval'"));
        assert!(page.find("Content-Security-Policy").unwrap() < page.find("<style").unwrap());
    }
}
