//! The app state and its one reducer. Everything the user can set lives in `view`
//! (a `ViewState`, the same struct the URL carries); the rest is derived from it.

use crate::core::action::{self, Action, Step};
use crate::core::chart::{self, Level};
use crate::core::compare::{self, Comparison};
use crate::core::filter::{SearchIndex, Selection};
use crate::core::lang::Message;
use crate::core::model::Budget;
use crate::core::view_state::{CompareView, Notice, NoticeKind, Notices, ViewState};
use std::cell::OnceCell;
use std::rc::Rc;
use yew::prelude::*;

thread_local! {
    /// The dataset the last [`Msg::Release`] let go of, until nothing holds it any more: Yew
    /// renders in slices of about 16 ms with a `setTimeout` between them, so after a release
    /// some components may still hold the shown dataset for a few tasks (seen on a slow
    /// machine: all of a 50,000-line file still held when its successor was being decoded).
    static LET_GO: std::cell::RefCell<Option<(std::rc::Weak<Budget>, std::rc::Weak<SearchIndex>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Whether the dataset the last [`Msg::Release`] let go of is still held somewhere (a component
/// Yew has not rendered again yet). `false` once it is gone, or when no release is pending.
pub fn released_still_held() -> bool {
    LET_GO.with(|l| {
        let mut l = l.borrow_mut();
        let held = l
            .as_ref()
            .is_some_and(|(b, i)| b.strong_count() > 0 || i.strong_count() > 0);
        if !held {
            *l = None;
        }
        held
    })
}

/// The dataset and its search index, compared by identity (cheap for Yew's prop checks).
#[derive(Clone)]
pub struct Data {
    pub budget: Rc<Budget>,
    pub index: Rc<SearchIndex>,
    /// What its lines are matched by in a comparison, worked out the first time it is compared
    /// and kept, so that swapping the sides or a correction redoes only the pairing.
    compare_keys: Rc<OnceCell<compare::Keys>>,
}

impl Data {
    pub fn new(budget: Budget) -> Self {
        let index = SearchIndex::new(&budget, super::browser_nfkc_lower);
        Data {
            budget: Rc::new(budget),
            index: Rc::new(index),
            compare_keys: Rc::default(),
        }
    }

    /// A dataset whose lines' folded search text was worked out already (by the reader module,
    /// in its worker); `None` unless there is one text per line.
    pub fn with_folded(budget: Budget, folded: Vec<String>) -> Option<Self> {
        let index = SearchIndex::from_folded(&budget, folded, super::browser_nfkc_lower)?;
        Some(Data {
            budget: Rc::new(budget),
            index: Rc::new(index),
            compare_keys: Rc::default(),
        })
    }

    fn compare_keys(&self) -> &compare::Keys {
        self.compare_keys
            .get_or_init(|| compare::Keys::new(&self.budget, super::browser_nfkc_lower))
    }
}

/// The dataset the app starts with: the embedded one, or in a benchmark build (feature
/// `bench-hook`, never shipped) a contract JSON the benchmark injected as `window.__BENCH_BUDGET__`.
pub fn initial_data() -> Result<Data, Vec<Message>> {
    #[cfg(feature = "bench-hook")]
    {
        use crate::core::lang::Lang;
        let injected = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"__BENCH_BUDGET__".into()).ok())
            .and_then(|v| v.as_string());
        if let Some(text) = injected {
            return crate::core::validate::parse(&text)
                .map(Data::new)
                .map_err(|errors| {
                    errors
                        .iter()
                        .map(|e| Message {
                            ja: e.text(Lang::Ja),
                            en: e.text(Lang::En),
                        })
                        .collect()
                });
        }
    }
    // Undecodable embedded data has no line or field to name: the page's heading says it all.
    crate::core::embedded_budget()
        .map(Data::new)
        .map_err(|_| Vec::new())
}

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.budget, &other.budget)
    }
}

pub struct AppState {
    pub data: Data,
    /// The dataset compiled into the page, to come back to after opening a file.
    pub embedded: Data,
    /// The name of the file being shown, when it is not the embedded data.
    pub loaded: Option<String>,
    pub view: ViewState,
    /// How the last change should reach the URL.
    pub step: Step,
    /// Parts of the last link that were dropped (grouped by kind, so always a short list).
    pub notices: Notices,
    /// The filter applied to the data (derived; recomputed only when the filter changes).
    pub selection: Rc<Selection>,
    /// The treemap level the view shows (derived; recomputed only when its inputs change).
    pub level: Rc<Level>,
    /// The second file opened to compare with, and its name.
    pub second: Option<(Data, String)>,
    /// The comparison shown (derived from `data`, `second` and `view.compare`).
    pub comparison: Option<Rc<Comparison>>,
    /// The shown file's lines were let go for the next file, which is being decoded
    /// ([`Msg::Release`]): `data` holds its meta, directions and initiatives only, and the view
    /// waits for the next file (nothing of it is shown).
    pub released: bool,
}

pub enum Msg {
    Do(Action),
    /// The URL fragment changed under us (back/forward, a pasted link).
    FromUrl(super::url::Fragment),
    DismissNotices,
    /// A file was opened and passed validation: show it instead.
    Load(Data, String),
    /// Back to the data compiled into the page.
    Unload,
    /// A second file passed validation: compare the dataset with it.
    Compare(Data, String),
    /// A file passed validation (in the reader's worker) and is about to be decoded over a file
    /// shown: let go of the shown file's lines and search text first, so that two large datasets
    /// are never held at once. The view is kept as it is for the next file ([`Msg::Load`]).
    Release,
    /// The file after a [`Msg::Release`] could not be decoded (a broken reader module): back to
    /// the embedded data.
    Abandon,
}

impl AppState {
    pub fn new(data: Data, fragment: &super::url::Fragment) -> Self {
        let (mut view, mut notices) = read(&data, fragment);
        let selection = Rc::new(view.filter.apply(&data.budget, &data.index));
        let level = level_of(&data, &mut view, &selection, &mut notices);
        AppState {
            embedded: data.clone(),
            loaded: None,
            data,
            view,
            step: Step::None,
            notices,
            selection,
            level,
            second: None,
            comparison: None,
            released: false,
        }
    }

    /// The comparison for `view`, reusing this state's when nothing it depends on changed.
    fn comparison_for(
        &self,
        data: &Data,
        second: &Option<(Data, String)>,
        view: &ViewState,
    ) -> Option<Rc<Comparison>> {
        let (second, _) = second.as_ref()?;
        let compare = view.compare.as_ref()?;
        let unchanged = data == &self.data
            && self.second.as_ref().is_some_and(|(d, _)| d == second)
            && self.view.compare.as_ref() == Some(compare);
        if unchanged {
            if let Some(c) = &self.comparison {
                return Some(c.clone());
            }
        }
        let (before, after) = if compare.second_is_earlier {
            (second, data)
        } else {
            (data, second)
        };
        Some(Rc::new(compare::compare_keyed(
            (&before.budget, before.compare_keys()),
            (&after.budget, after.compare_keys()),
            &compare.corrections,
            super::browser_nfkc_lower,
        )))
    }

    fn with(&self, mut view: ViewState, step: Step, mut notices: Notices) -> Self {
        // A keystroke that finds the same lines (商店 → 商店街) keeps the selection, and with it
        // the level: the components showing them then skip rendering by pointer.
        let selection = if view.filter == self.view.filter {
            self.selection.clone()
        } else {
            view.filter
                .apply_keeping(&self.data.budget, &self.data.index, &self.selection)
        };
        let same_level = Rc::ptr_eq(&selection, &self.selection)
            && (view.view, &view.drill, view.others_page, view.only_matches)
                == (
                    self.view.view,
                    &self.view.drill,
                    self.view.others_page,
                    self.view.only_matches,
                );
        let level = if same_level {
            self.level.clone()
        } else {
            level_of(&self.data, &mut view, &selection, &mut notices)
        };
        let comparison = self.comparison_for(&self.data, &self.second, &view);
        AppState {
            data: self.data.clone(),
            embedded: self.embedded.clone(),
            loaded: self.loaded.clone(),
            view,
            step,
            notices,
            selection,
            level,
            second: self.second.clone(),
            comparison,
            released: self.released,
        }
    }

    /// Shows another dataset, keeping what of the view still applies to it (the rest is
    /// reported like a link's unknown parts).
    fn switch(&self, data: Data, loaded: Option<String>) -> Self {
        let mut view = self.view.clone();
        // Pages of 「その他」 belong to the old data's levels.
        view.others_page = 0;
        let mut notices = view.reconcile(&data.budget);
        let selection = Rc::new(view.filter.apply(&data.budget, &data.index));
        let level = level_of(&data, &mut view, &selection, &mut notices);
        let comparison = self.comparison_for(&data, &self.second, &view);
        AppState {
            data,
            embedded: self.embedded.clone(),
            loaded,
            view,
            step: Step::Push,
            notices,
            selection,
            level,
            second: self.second.clone(),
            comparison,
            released: false,
        }
    }

    /// The state while the next file is decoded over a shown one ([`Msg::Release`]): the shown
    /// file's lines and search text are dropped (every component showing them is replaced), the
    /// view is left exactly as it is (not checked against the empty shell, which would drop
    /// its selection), and nothing else changes.
    fn released(&self) -> Self {
        let old = &self.data.budget;
        LET_GO.with(|l| {
            *l.borrow_mut() = Some((Rc::downgrade(old), Rc::downgrade(&self.data.index)));
        });
        let shell = Data::new(Budget {
            meta: old.meta.clone(),
            directions: old.directions.clone(),
            initiatives: old.initiatives.clone(),
            lines: Vec::new(),
        });
        let selection = Rc::new(Selection::all(&shell.budget));
        let level = Rc::new(chart::level(
            &shell.budget,
            &selection,
            false,
            self.view.view,
            &Default::default(),
            0,
            crate::core::present::strings::JA.top,
        ));
        AppState {
            data: shell,
            embedded: self.embedded.clone(),
            loaded: self.loaded.clone(),
            view: self.view.clone(),
            step: Step::None,
            notices: self.notices.clone(),
            selection,
            level,
            second: self.second.clone(),
            comparison: None,
            released: true,
        }
    }

    /// Compares with `second`: a link's comparison (sides, corrections) is kept; else the file
    /// of the earlier (or same) year is the earlier side.
    fn compare_with(&self, second: Data, name: String) -> Self {
        let mut view = self.view.clone();
        if view.compare.is_none() {
            view.compare = Some(CompareView {
                second_is_earlier: second.budget.meta.fiscal_year
                    <= self.data.budget.meta.fiscal_year,
                corrections: Vec::new(),
                beyond_link: 0,
                open: None,
            });
        }
        let second = Some((second, name));
        let comparison = self.comparison_for(&self.data, &second, &view);
        AppState {
            data: self.data.clone(),
            embedded: self.embedded.clone(),
            loaded: self.loaded.clone(),
            view,
            step: Step::Push,
            notices: self.notices.clone(),
            selection: self.selection.clone(),
            level: self.level.clone(),
            second,
            comparison,
            released: self.released,
        }
    }
}

/// The level to draw. A link may ask for more 「その他」 pages than the level has (a hand-edited
/// `more=`, or another dataset): the view keeps the pages there are, and the notice says so.
fn level_of(
    data: &Data,
    view: &mut ViewState,
    selection: &Selection,
    notices: &mut Notices,
) -> Rc<Level> {
    let level = chart::level(
        &data.budget,
        selection,
        view.only_matches,
        view.view,
        &view.drill,
        view.others_page,
        crate::core::present::strings::JA.top,
    );
    if level.others_page < view.others_page {
        notices.push(Notice {
            key: "more".into(),
            value: view.others_page.to_string(),
            kind: NoticeKind::UnknownItem,
        });
        view.others_page = level.others_page;
    }
    Rc::new(level)
}

/// A fragment as a state this dataset can show, with what had to be dropped.
fn read(data: &Data, fragment: &super::url::Fragment) -> (ViewState, Notices) {
    let (mut view, mut notices) = fragment.parse();
    notices.extend(view.reconcile(&data.budget));
    (view, notices)
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        match msg {
            // While the next file is decoded (a few hundred ms) the view waits for it: an action
            // or a link would be checked against an empty shell.
            Msg::Do(_) | Msg::FromUrl(_) | Msg::DismissNotices | Msg::Compare(..)
                if self.released =>
            {
                self
            }
            Msg::Release if self.loaded.is_none() || self.released => self,
            Msg::Release => Rc::new(self.released()),
            Msg::Abandon if self.released => Rc::new(self.switch(self.embedded.clone(), None)),
            Msg::Abandon => self,
            Msg::Do(action) => {
                let mut view = self.view.clone();
                let up = action == Action::Up;
                let step = action::apply(&mut view, action, &self.data.budget);
                // Up out of a group lands on the 「その他」 page that lists it, where the person
                // came from (the pages depend on the selection, which the core action lacks).
                if up && view.drill != self.view.drill {
                    view.others_page = chart::page_holding(
                        &self.data.budget,
                        &self.selection,
                        view.only_matches,
                        view.view,
                        &view.drill,
                        &self.view.drill,
                    );
                }
                if step == Step::None {
                    return self;
                }
                Rc::new(self.with(view, step, self.notices.clone()))
            }
            Msg::FromUrl(fragment) => {
                let (view, notices) = read(&self.data, &fragment);
                // The notices are the new link's: an old link's notice must not outlive it.
                if view == self.view && notices == self.notices {
                    return self;
                }
                Rc::new(self.with(view, Step::None, notices))
            }
            Msg::DismissNotices => {
                Rc::new(self.with(self.view.clone(), Step::None, Notices::default()))
            }
            Msg::Load(data, name) => Rc::new(self.switch(data, Some(name))),
            Msg::Unload => Rc::new(self.switch(self.embedded.clone(), None)),
            Msg::Compare(data, name) => Rc::new(self.compare_with(data, name)),
        }
    }
}
