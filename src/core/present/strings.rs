//! Every piece of UI text, in both languages, in one place: the app's, and the prerendered
//! page's (built natively from the Japanese table). The problems found in an opened file are
//! worded by the core, in both languages, where each is found (`core::lang::Message`).

use super::numbers::circled;
use super::outside::Around;
use super::summary::{Figures, Summary};
use crate::core::action::Mark;
use crate::core::model::Meta;
use crate::core::money;
use crate::core::view_state::{Lang, NoticeKind};

pub struct Strings {
    pub lang: Lang,
    pub app_name: &'static str,
    /// What the list is about, before the source's heading.
    pub subject: &'static str,
    pub total_label: &'static str,
    pub measures_unit: &'static str,
    pub key_measure: &'static str,
    pub new: &'static str,
    pub covid: &'static str,
    pub relisted: &'static str,
    pub key_measure_meaning: &'static str,
    pub new_meaning: &'static str,
    pub covid_meaning: &'static str,
    pub relisted_meaning: &'static str,
    pub priorities: &'static str,
    pub source: &'static str,
    pub unit_note: &'static str,
    pub view_directions: &'static str,
    pub view_departments: &'static str,
    pub view_table: &'static str,
    pub views_label: &'static str,
    pub top: &'static str,
    pub breadcrumb_label: &'static str,
    pub filters: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub directions: &'static str,
    pub initiatives: &'static str,
    pub department: &'static str,
    pub any_department: &'static str,
    pub marks: &'static str,
    pub amount_range: &'static str,
    pub min: &'static str,
    pub max: &'static str,
    pub presence: &'static str,
    pub presence_any: &'static str,
    pub presence_with: &'static str,
    pub presence_without: &'static str,
    pub clear_all: &'static str,
    pub matching: &'static str,
    pub all_of: &'static str,
    pub no_match: &'static str,
    pub no_amount: &'static str,
    pub no_amount_list: &'static str,
    pub no_area_note: &'static str,
    pub relisted_list: &'static str,
    pub small_list: &'static str,
    pub others_note: &'static str,
    pub close: &'static str,
    pub update_ready: &'static str,
    pub reload: &'static str,
    pub open_file: &'static str,
    pub open_file_hint: &'static str,
    pub reading: &'static str,
    /// The accessible name of the bar showing how far reading a file has got.
    pub reading_progress: &'static str,
    pub not_loaded: &'static str,
    pub more_problems: &'static str,
    pub showing_file: &'static str,
    pub back_to_embedded: &'static str,
    pub link_refers_to_file: &'static str,
    pub downloads: &'static str,
    pub save_csv: &'static str,
    pub save_json: &'static str,
    pub save_png: &'static str,
    pub save_page: &'static str,
    pub offline_help: &'static str,
    pub offline_help_text: &'static str,
    pub matches: &'static str,
    pub more_before: &'static str,
    pub more_after: &'static str,
    pub details: &'static str,
    pub amount: &'static str,
    pub share_of_all: &'static str,
    pub share_of_direction: &'static str,
    pub share_of_filtered: &'static str,
    pub description: &'static str,
    pub departments: &'static str,
    pub placement: &'static str,
    pub relisted_as: &'static str,
    pub original_is: &'static str,
    pub counted_at_original: &'static str,
    pub col_id: &'static str,
    pub col_name: &'static str,
    pub col_department: &'static str,
    pub col_amount: &'static str,
    pub table_total: &'static str,
    pub share: &'static str,
    pub qr_label: &'static str,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub copy_fallback: &'static str,
    pub notice_intro: &'static str,
    pub dismiss: &'static str,
    pub chart_hint: &'static str,
    pub legend: &'static str,
    pub data_error: &'static str,
    /// The other language's name, in that language (the switch's label).
    pub other_language: &'static str,
    pub unofficial_note: &'static str,
    pub open_full: &'static str,
    pub cells: &'static str,
    pub largest: &'static str,
    pub without_relisted: &'static str,
    // wave3 paper
    /// After a mark in the conditions: "★重点のみ".
    pub only: &'static str,
    /// Between conditions in words: "キーワード：観光／方向性：2".
    pub conditions_sep: &'static str,
    /// The conditions when nothing narrows the view.
    pub conditions_none: &'static str,
    pub conditions_label: &'static str,
    pub save_csv_notes: &'static str,
    pub made_on: &'static str,
    /// On a saved copy (file://): who can open the link.
    pub share_on_this_device: &'static str,
    /// On a saved copy: the download link is hidden, and this says why.
    pub saved_copy_note: &'static str,
    /// On a saved copy whose build knows the published address: the link goes there.
    pub share_hosted: &'static str,
    pub printed_on: &'static str,
    /// On paper: the level of the tree the chart shows.
    pub level_shown: &'static str,
    /// On paper, before the view's address and QR code.
    pub print_link_intro: &'static str,
    // wave3 highlight
    /// On a dimmed cell's button, for screen readers: it does not match the filters.
    pub no_match_cell: &'static str,
    /// The switch between dimming what does not match and laying out the matches only.
    pub only_matches: &'static str,
    /// In a measure's details, beside the shares of the budget and of its direction.
    pub share_of_initiative: &'static str,
    // wave3 labels
    /// After the name of a joint department group (共管).
    pub joint: &'static str,
    /// The legend where the cells are measures of a department group, coloured by direction.
    pub legend_lines_by_direction: &'static str,
    /// The legend of the department groups: their colour means nothing.
    pub legend_departments: &'static str,
    /// Before the list of a joint group's departments.
    pub joint_note: &'static str,
    /// Before the combinations of departments a joint group's lines name.
    pub joint_sets: &'static str,
    // wave3 words
    /// Beside the count's 「再掲N件」, its first use: what a relisting is, in one line.
    pub relisted_note: &'static str,
    /// The table's amount column: each figure carries its unit, so the header does not.
    pub col_budget: &'static str,
    pub col_direction: &'static str,
    /// The table's share column (each cell says what of: `share_of_whole`).
    pub col_share: &'static str,
    /// An empty result: what to try, and the filters that are on.
    pub try_these: &'static str,
    pub hint_kanji: &'static str,
    pub hint_fewer_words: &'static str,
    pub hint_remove_filters: &'static str,
    pub filters_on: &'static str,
    // wave3 phone
    /// The menu of rarely used actions (another file, downloads, language, print, share).
    pub menu: &'static str,
    pub menu_title: &'static str,
    pub print: &'static str,
    /// Closes the filter sheet.
    pub back_to_chart: &'static str,
    /// Expands the details' bottom sheet on a phone.
    pub details_expand: &'static str,
    /// The panel beside the chart before anything is chosen.
    pub details_hint: &'static str,
    // wave4 pictures
    /// The chart picture as SVG, for documents (vector).
    pub save_svg: &'static str,
    /// Above the suggested alt text of the chart picture.
    pub alt_text_label: &'static str,
    pub copy_alt: &'static str,
    pub alt_copied: &'static str,
    pub alt_copy_fallback: &'static str,
    /// In the alt text: what kind of picture it is.
    pub alt_chart: &'static str,
    /// In the alt text, before the largest cells.
    pub alt_largest: &'static str,
    pub alt_largest_matching: &'static str,
    /// In the chart picture's legend, with a search or filter: what a faded cell means.
    pub legend_faded: &'static str,
    // wave4 compare
    /// Beside 「別のファイルを開く」: opens a second file to compare with the one shown.
    pub compare_file: &'static str,
    pub compare_file_hint: &'static str,
    pub compare_title: &'static str,
    /// The earlier file's column and side.
    pub earlier: &'static str,
    pub later: &'static str,
    pub change: &'static str,
    pub change_pct: &'static str,
    pub matched_by: &'static str,
    pub method_name: &'static str,
    pub method_number: &'static str,
    pub method_manual: &'static str,
    pub method_relisted: &'static str,
    pub unmatched: &'static str,
    pub list_new: &'static str,
    pub list_ended: &'static str,
    pub list_grown: &'static str,
    pub list_shrunk: &'static str,
    pub list_no_amount: &'static str,
    /// A change cell where a side prints "-": never 0 or ∞%.
    pub not_compared: &'static str,
    pub none_in_list: &'static str,
    /// A button under a list cut short on screen: its label before the count.
    pub show_all: &'static str,
    pub whole: &'static str,
    pub by_direction: &'static str,
    pub by_initiative: &'static str,
    pub by_department: &'static str,
    pub swap_sides: &'static str,
    pub end_compare: &'static str,
    /// A link with `cmp=` opened where the second file is not open.
    pub compare_missing: &'static str,
    pub compare_open_missing: &'static str,
    /// The treemap of the later list, coloured by change.
    pub compare_map: &'static str,
    pub compare_table: &'static str,
    pub legend_less: &'static str,
    pub legend_more: &'static str,
    pub legend_same: &'static str,
    pub legend_new: &'static str,
    pub legend_unknown: &'static str,
    pub unpair: &'static str,
    pub pair_with: &'static str,
    pub choose_line: &'static str,
    pub save_compare_csv: &'static str,
    pub ignored_corrections: &'static str,
    pub corrections_full: &'static str,
    pub save_corrections: &'static str,
    pub open_corrections: &'static str,
    pub corrections_file_hint: &'static str,
    pub corrections_not_opened: &'static str,
    // wave4 compare2
    /// Read before a removed / added run of a description (visually: struck through / underlined).
    pub text_removed: &'static str,
    pub text_added: &'static str,
    pub text_change_end: &'static str,
    /// Under the descriptions when they differ: how the marks read.
    pub text_changes_legend: &'static str,
}

pub static JA: Strings = Strings {
    lang: Lang::Ja,
    app_name: "予算エクスプローラー",
    subject: "中小企業振興",
    total_label: "予算総額",
    measures_unit: "事業",
    key_measure: "★重点",
    new: "新規",
    covid: "コロナ",
    relisted: "再掲",
    key_measure_meaning: "★ 重点事業",
    new_meaning: "【新】 令和5年度の新規事業",
    covid_meaning: "【コロナ】 新型コロナウイルス感染症関連の事業",
    relisted_meaning: "【再掲】 別の取組にも掲載されている事業（金額は元の掲載に計上）",
    priorities: "令和5年度の重点事項",
    source: "出典",
    unit_note: "金額の単位は千円。合計は再掲を除き、各事業を1回だけ数えています。",
    view_directions: "方向性別",
    view_departments: "担当課別",
    view_table: "一覧表",
    views_label: "表示の切り替え",
    top: "全体",
    breadcrumb_label: "現在の階層",
    filters: "絞り込み",
    search: "キーワード",
    search_placeholder: "例：観光、DX、商店街",
    directions: "方向性",
    initiatives: "取組",
    department: "担当課",
    any_department: "すべての担当課",
    marks: "区分",
    amount_range: "予算額（千円）",
    min: "下限",
    max: "上限",
    presence: "金額の記載",
    presence_any: "すべて",
    presence_with: "金額あり",
    presence_without: "金額なし（「-」）",
    clear_all: "条件をすべて解除",
    matching: "該当",
    all_of: "全",
    no_match: "条件に合う事業はありません。",
    no_amount: "金額の記載なし",
    no_amount_list: "金額の記載がないもの（面積なし）",
    no_area_note: "ここには金額の記載がある事業がないため、図の面積では表せません。下の一覧から選んでください。",
    relisted_list: "再掲（金額は元の掲載に計上）",
    small_list: "小さな区画（①…は図に名前を書ききれない区画の番号）",
    others_note: "「その他」は小さい項目をまとめた区画です。押すと、その中の大きいものから順に表示します。",
    close: "閉じる",
    update_ready: "新しい版があります。再読み込みすると更新されます。",
    reload: "再読み込み",
    open_file: "別のデータを開く（JSON・CSV）",
    open_file_hint: "ファイルはこの端末の中だけで読み込まれ、どこにも送られません。ここへドラッグ＆ドロップもできます。",
    reading: "読み込み中…",
    reading_progress: "読み込みの進み具合",
    not_loaded: "次の問題があるため、このファイルは読み込みませんでした。表示はそのままです",
    more_problems: "件の問題は省略しました。",
    showing_file: "表示中のデータ：読み込んだファイル",
    back_to_embedded: "埋め込みデータ（熊本市 令和5年度）に戻る",
    link_refers_to_file: "注意：このリンクは読み込んだファイルの表示です。相手の画面では、このページに埋め込まれたデータで開きます。",
    downloads: "この表示のデータを保存",
    save_csv: "CSV（Excel用）",
    save_json: "JSON",
    save_png: "図を画像で保存（PNG）",
    save_page: "このページをオフライン用に保存",
    offline_help: "オフラインで使うには",
    offline_help_text: "パソコンやAndroidでは「このページをオフライン用に保存」で保存したファイルを開くと、ネットワークなしで同じように使えます。iPadやiPhoneでは、保存したファイルをファイルアプリから開いてもプログラムが動かないため、Safariでこのページを開き、共有メニューの「ホーム画面に追加」を使ってください。一度開いたあとは、ホーム画面からオフラインでも開けます。",
    matches: "見つかった事業",
    more_before: "ほか",
    more_after: "件は一覧表で見る",
    details: "事業の詳細",
    amount: "予算額",
    share_of_all: "予算総額に占める割合",
    share_of_direction: "方向性の中での割合",
    share_of_filtered: "絞り込み結果の中での割合",
    description: "事業概要",
    departments: "担当課（室）",
    placement: "位置づけ",
    relisted_as: "この事業の再掲",
    original_is: "元の掲載",
    counted_at_original: "金額は元の掲載に計上",
    col_id: "番号",
    col_name: "事業名",
    col_department: "担当課（室）",
    col_amount: "予算額（千円）",
    table_total: "合計",
    share: "共有",
    qr_label: "この表示のリンクのQRコード（スマートフォンのカメラで読み取れます）",
    copy_link: "この表示のリンクをコピー",
    copied: "リンクをコピーしました",
    copy_fallback: "自動でコピーできませんでした。下のリンクを選択してコピーしてください。",
    notice_intro: "リンクの一部を読み取れなかったため、その部分を無視して表示しています：",
    dismiss: "閉じる",
    chart_hint: "区画をタップ（またはEnter）で詳しく。矢印キーで区画を移動、Escで1つ上へ。",
    legend: "色は方向性を表します",
    data_error: "データを読み込めませんでした",
    other_language: "English",
    unofficial_note: "",
    open_full: "全画面で開く",
    cells: "区画",
    largest: "最大は",
    without_relisted: "を除く",
    // wave3 paper
    only: "のみ",
    conditions_sep: "／",
    conditions_none: "絞り込みなし（すべての事業）",
    conditions_label: "条件",
    save_csv_notes: "CSV（出典・条件つき、このアプリで開き直す用）",
    made_on: "作成日",
    share_on_this_device: "このページは端末に保存されたファイルです。このリンクとQRコードは、この端末でしか開けません。ほかの人には、保存したファイル（HTML）そのものを送ってください。",
    saved_copy_note: "このページはすでに端末に保存されたファイルなので、オフラインでもそのまま使えます。",
    printed_on: "印刷日",
    level_shown: "表示している階層",
    print_link_intro: "このページのリンク（同じ表示を開きます）",
    share_hosted: "このページは端末に保存されたファイルです。このリンクとQRコードは公開版のページを開くので、ほかの人にも送れます（公開版のデータは更新されていることがあります）。",
    // wave3 highlight
    no_match_cell: "該当なし",
    only_matches: "該当のみ表示",
    share_of_initiative: "取組の中での割合",
    // wave3 labels
    joint: "（共管）",
    legend_lines_by_direction: "色は各事業の方向性を表します",
    legend_departments: "担当課別の区画の色に意味はありません（濃淡は隣の区画と見分けるためだけのものです）",
    joint_note: "共管（複数の課が共同で担当）",
    joint_sets: "担当の組み合わせ",
    // wave3 words
    relisted_note: "再掲＝別の取組にも載る事業（金額は1回だけ計上）",
    col_budget: "予算額",
    col_direction: "方向性",
    col_share: "割合",
    try_these: "次を試してください",
    hint_kanji: "漢字で入力する（例：かんこう → 観光）。読みがなでは探せません。",
    hint_fewer_words: "言葉を減らす（すべての言葉を含む事業だけが見つかります）。",
    hint_remove_filters: "絞り込みを外す（下の条件を押すと1つずつ外れます）。",
    filters_on: "使っている条件",
    // wave3 phone
    menu: "メニュー",
    menu_title: "その他の操作",
    print: "印刷する",
    back_to_chart: "グラフに戻る",
    details_expand: "全画面で表示",
    details_hint: "区画・検索結果・表の行を選ぶと、ここに事業の詳細が表示されます。",
    // wave4 pictures
    save_svg: "図をベクター画像で保存（SVG）",
    alt_text_label: "図の説明文（文書に貼るときの代替テキストの例）",
    copy_alt: "説明文をコピー",
    alt_copied: "説明文をコピーしました",
    alt_copy_fallback: "自動でコピーできませんでした。上の文を選択してコピーしてください。",
    alt_chart: "樹形図",
    alt_largest: "大きい順に",
    alt_largest_matching: "該当する区画の大きい順に",
    legend_faded: "薄い色の区画は条件に該当しません",
    // wave4 compare
    compare_file: "別のファイルと比べる",
    compare_file_hint: "もう1つの一覧（JSON・CSV）を選ぶと、いま表示している一覧と比べます。ファイルはこの端末から出ません。",
    compare_title: "2つの一覧の比較",
    earlier: "前",
    later: "後",
    change: "増減",
    change_pct: "増減率",
    matched_by: "対応づけ",
    method_name: "名称",
    method_number: "番号（同じ取組・担当課）",
    method_manual: "手動",
    method_relisted: "再掲（元の事業に従う）",
    unmatched: "対応なし",
    list_new: "新規の事業",
    list_ended: "終了した事業",
    list_grown: "増額した事業",
    list_shrunk: "減額した事業",
    list_no_amount: "金額の記載がなく比べられない事業",
    not_compared: "比較不可",
    none_in_list: "ありません",
    show_all: "すべて表示",
    whole: "全体",
    by_direction: "方向性別",
    by_initiative: "取組別",
    by_department: "担当課別",
    swap_sides: "前後を入れ替える",
    end_compare: "比較をやめる",
    compare_missing: "このリンクは別のファイルとの比較を表していますが、そのファイルはこの端末で開かれていません。",
    compare_open_missing: "比べるファイルを開く",
    compare_map: "後の一覧（面積は後の金額、色は増減）",
    compare_table: "事業ごとの比較",
    legend_less: "減額",
    legend_more: "増額",
    legend_same: "増減なし",
    legend_new: "新規",
    legend_unknown: "金額なし（比較不可）",
    unpair: "この対応づけを外す",
    pair_with: "次の事業と対応づける",
    choose_line: "事業を選ぶ",
    save_compare_csv: "比較をCSVで保存",
    ignored_corrections: "適用できなかった対応づけの修正",
    corrections_full: "修正の数の上限（2,000件）に達しました。",
    save_corrections: "修正をファイルに保存",
    open_corrections: "修正のファイルを開く",
    corrections_file_hint: "手で組んだ対・外した対の一覧です（テキスト、この端末に保存）。リンクに入るのは最初の24件まで。",
    corrections_not_opened: "修正のファイルを開けませんでした",
    // wave4 compare2
    text_removed: "［削除：",
    text_added: "［追加：",
    text_change_end: "］",
    text_changes_legend: "事業概要の違い：取り消し線は前にだけある文字、下線は後にだけある文字。",
};

pub static EN: Strings = Strings {
    lang: Lang::En,
    app_name: "Budget Explorer",
    subject: "SME promotion",
    total_label: "Total budget",
    measures_unit: "measures",
    key_measure: "★ Key",
    new: "New",
    covid: "COVID",
    relisted: "Relisted",
    key_measure_meaning: "★ Key measure (重点事業)",
    new_meaning: "【新】 New in FY2023",
    covid_meaning: "【コロナ】 Related to COVID-19",
    relisted_meaning: "【再掲】 Also listed under another initiative (the amount counts there)",
    priorities: "Priorities for FY2023 (in Japanese)",
    source: "Source",
    unit_note: "Amounts in thousand yen in the source. Totals count each measure once (relisted lines excluded).",
    view_directions: "By direction",
    view_departments: "By department",
    view_table: "Table",
    views_label: "Switch view",
    top: "All",
    breadcrumb_label: "Current level",
    filters: "Filters",
    search: "Search",
    search_placeholder: "e.g. 観光, DX, 商店街",
    directions: "Direction",
    initiatives: "Initiative",
    department: "Department",
    any_department: "All departments",
    marks: "Marks",
    amount_range: "Budget (thousand yen)",
    min: "From",
    max: "To",
    presence: "Amount given",
    presence_any: "All",
    presence_with: "With an amount",
    presence_without: "Without (\"-\")",
    clear_all: "Clear all filters",
    matching: "Matching:",
    all_of: "All",
    no_match: "No measure matches these filters.",
    no_amount: "no amount given",
    no_amount_list: "Without an amount (no area)",
    no_area_note: "Nothing here has an amount, so the chart cannot show it as area. Choose from the list below.",
    relisted_list: "Relisted (the amount counts at the original line)",
    small_list: "Small cells (① … number the cells too small for a name)",
    others_note: "“more” groups the smaller items; open it to see them, largest first.",
    close: "Close",
    update_ready: "A newer version is available. Reload to update.",
    reload: "Reload",
    open_file: "Open another budget file (JSON, CSV)",
    open_file_hint: "The file is read on this device only and sent nowhere. You can also drop it here.",
    reading: "Reading…",
    reading_progress: "Reading progress",
    not_loaded: "This file was not loaded because of the problems below; the view is unchanged",
    more_problems: " more problems not shown.",
    showing_file: "Showing a file you opened",
    back_to_embedded: "Back to the embedded data (Kumamoto FY2023)",
    link_refers_to_file: "Note: this link shows a file you opened; on another device it opens with the data built into this page.",
    downloads: "Save the data of this view",
    save_csv: "CSV (for Excel)",
    save_json: "JSON",
    save_png: "Save the chart as an image (PNG)",
    save_page: "Save this page for offline use",
    offline_help: "Using it offline",
    offline_help_text: "On a computer or Android phone, open the file saved with \"Save this page for offline use\": it works the same with no network. On an iPad or iPhone a saved file opened from the Files app runs no programs, so open this page in Safari and choose \"Add to Home Screen\" in the share menu; after one visit it opens from the Home Screen offline too.",
    matches: "Measures found",
    more_before: "",
    more_after: " more in the table",
    details: "Measure",
    amount: "Budget",
    share_of_all: "Share of the total budget",
    share_of_direction: "Share of its direction",
    share_of_filtered: "Share of the filtered total",
    description: "Description (in Japanese)",
    departments: "Departments",
    placement: "Place in the plan",
    relisted_as: "Relisted as",
    original_is: "Original line",
    counted_at_original: "amount counted at the original",
    col_id: "No.",
    col_name: "Measure",
    col_department: "Departments",
    col_amount: "Budget (¥ thousand)",
    table_total: "Total",
    share: "Share",
    qr_label: "QR code of the link to this view (scan it with a phone camera)",
    copy_link: "Copy a link to this view",
    copied: "Link copied",
    copy_fallback: "Could not copy automatically. Select the link below and copy it.",
    notice_intro: "Parts of the link could not be read and were ignored:",
    dismiss: "Dismiss",
    chart_hint: "Tap a cell (or press Enter) for more. Arrow keys move between cells, Esc goes up.",
    legend: "Colours show the direction",
    data_error: "The data could not be loaded",
    other_language: "日本語",
    unofficial_note: "Titles of directions and initiatives are unofficial translations; measure names are the city's Japanese names.",
    open_full: "Open the full view",
    cells: "cells",
    largest: "largest:",
    without_relisted: " excluded",
    // wave3 paper
    only: " only",
    conditions_sep: " / ",
    conditions_none: "Nothing narrowed (all lines)",
    conditions_label: "Conditions",
    save_csv_notes: "CSV with source and conditions (to reopen here)",
    made_on: "Made on",
    share_on_this_device: "This page is a file saved on this device: the link and QR code open only here. To share it, send the saved HTML file itself.",
    saved_copy_note: "This page is already a file saved on this device, so it works offline as it is.",
    printed_on: "Printed on",
    level_shown: "Level shown",
    print_link_intro: "Link to this view (opens the same view)",
    share_hosted: "This page is a file saved on this device. The link and QR code open the published page, so others can use them (its data may have been updated since).",
    // wave3 highlight
    no_match_cell: "no match",
    only_matches: "Only the matches",
    share_of_initiative: "Share of its initiative",
    // wave3 labels
    joint: " (joint)",
    legend_lines_by_direction: "Colours show each measure's direction",
    legend_departments: "In the department view colour carries no meaning (the shades only tell neighbouring cells apart)",
    joint_note: "Joint (departments in charge together)",
    joint_sets: "combinations",
    // wave3 words
    relisted_note: "Relisted = listed twice, counted once",
    col_budget: "Budget",
    col_direction: "Direction",
    col_share: "Share",
    try_these: "Try this",
    hint_kanji: "Search in Japanese, in kanji (e.g. 観光 for tourism, not かんこう): the names are Japanese, and readings are not searched.",
    hint_fewer_words: "Use fewer words (a measure must contain every word).",
    hint_remove_filters: "Remove filters (press one below to remove it).",
    filters_on: "Filters on",
    // wave3 phone
    menu: "Menu",
    menu_title: "More actions",
    print: "Print",
    back_to_chart: "Back to the chart",
    details_expand: "Full height",
    details_hint: "Choose a cell, a search result or a table row to see the measure's details here.",
    // wave4 pictures
    save_svg: "Save the chart as a vector image (SVG)",
    alt_text_label: "A description of the chart (suggested alt text for documents)",
    copy_alt: "Copy the description",
    alt_copied: "Description copied",
    alt_copy_fallback: "Could not copy automatically. Select the text above and copy it.",
    alt_chart: "Treemap",
    alt_largest: "Largest cells",
    alt_largest_matching: "Largest matching cells",
    legend_faded: "Faded cells do not match the conditions",
    // wave4 compare
    compare_file: "Compare with another file",
    compare_file_hint: "Pick a second list (JSON or CSV) to compare with the one shown. The file never leaves this device.",
    compare_title: "Comparing two lists",
    earlier: "Earlier",
    later: "Later",
    change: "Change",
    change_pct: "Change %",
    matched_by: "Matched by",
    method_name: "name",
    method_number: "number (same initiative and department)",
    method_manual: "by hand",
    method_relisted: "relisting (follows its original)",
    unmatched: "not matched",
    list_new: "New measures",
    list_ended: "Ended measures",
    list_grown: "Measures that grew",
    list_shrunk: "Measures that shrank",
    list_no_amount: "Measures with no amount on a side (not compared)",
    not_compared: "not comparable",
    none_in_list: "None",
    show_all: "Show all",
    whole: "Whole",
    by_direction: "By direction",
    by_initiative: "By initiative",
    by_department: "By department",
    swap_sides: "Swap earlier and later",
    end_compare: "End the comparison",
    compare_missing: "This link shows a comparison with a second file, which is not open on this device.",
    compare_open_missing: "Open the file to compare",
    compare_map: "The later list (area: later amount; colour: change)",
    compare_table: "Measure by measure",
    legend_less: "less",
    legend_more: "more",
    legend_same: "no change",
    legend_new: "new",
    legend_unknown: "no amount (not compared)",
    unpair: "Unpair these lines",
    pair_with: "Pair with",
    choose_line: "Choose a measure",
    save_compare_csv: "Save the comparison as CSV",
    ignored_corrections: "Corrections that could not be applied",
    corrections_full: "No more corrections can be kept (2,000 at most).",
    save_corrections: "Save the corrections as a file",
    open_corrections: "Open a corrections file",
    corrections_file_hint: "The pairs made or undone by hand (a text file, saved on this device). A link holds the first 24.",
    corrections_not_opened: "The corrections file was not opened",
    // wave4 compare2
    text_removed: "[removed: ",
    text_added: "[added: ",
    text_change_end: "]",
    text_changes_legend: "In the descriptions, struck-through text is only in the earlier list, underlined text only in the later.",
};

pub fn get(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// Unofficial English titles of the directions and initiatives (the source is Japanese only).
const TITLES_EN: &[(&str, &str)] = &[
    ("創業・事業承継の促進", "Start-ups and business succession"),
    ("新たな事業活動の促進", "New business activities"),
    ("経営基盤の強化", "Stronger business foundations"),
    ("受注機会の増大", "More public-procurement orders"),
    ("小規模企業の振興", "Small enterprises"),
    ("創業支援", "Start-up support"),
    ("事業承継支援", "Business succession support"),
    ("技術革新・生産性向上支援", "Innovation and productivity"),
    ("販路開拓・消費拡大支援", "New markets and consumption"),
    ("人材の育成及び確保", "Developing and securing people"),
    (
        "経営向上・安定のための支援",
        "Better and steadier management",
    ),
    ("事業継続リスクへの対応", "Business continuity risks"),
    ("商店街の振興", "Shopping streets"),
    (
        "受注機会の増大に向けた支援",
        "Support for more public orders",
    ),
    (
        "小規模企業の持続的な発展に向けた支援",
        "Sustainable growth of small enterprises",
    ),
    ("令和五年度 事業一覧", "FY2023 list of measures"),
];

impl Strings {
    // wave3 labels
    /// Between the items of a list of names: "、" / ", ".
    pub fn list_sep(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "、",
            Lang::En => ", ",
        }
    }

    /// A direction's or initiative's title in this language (English: an unofficial
    /// translation where there is one; otherwise the Japanese title).
    pub fn title<'a>(&self, japanese: &'a str) -> &'a str {
        match self.lang {
            Lang::Ja => japanese,
            Lang::En => TITLES_EN
                .iter()
                .find(|(ja, _)| *ja == japanese)
                .map_or(japanese, |(_, en)| en),
        }
    }

    /// The button that shows every item of a list cut short: "すべて表示（2,806）" / "Show all (2,806)".
    pub fn show_all_of(&self, n: usize) -> String {
        format!("{}{}", self.show_all, self.paren(&money::grouped(n as u64)))
    }

    /// The cell grouping a level's smaller items: "その他 231件" / "231 more".
    pub fn others(&self, n: usize) -> String {
        match self.lang {
            Lang::Ja => format!("その他 {}件", money::grouped(n as u64)),
            Lang::En => format!("{} more", money::grouped(n as u64)),
        }
    }

    /// Under a chart whose 「その他」 is too large to draw beside the cells it shows: `drawn` of
    /// the level's `whole` is in the chart.
    pub fn others_apart_note(&self, shown: usize, drawn: u64, whole: u64) -> String {
        let share = self.share(drawn, whole);
        match self.lang {
            Lang::Ja => format!("図は大きい順に{shown}件（この階層の{share}）です。残りは「その他」にまとめています。"),
            Lang::En => format!("The chart shows the {shown} largest ({share} of this level); the rest are grouped below."),
        }
    }

    /// The filter sheet's button back to the chart, with the live count and total:
    /// 「12事業・8.4億円を表示」 / "Show 12 measures · ¥840 million" (wave3 phone).
    pub fn show_selection(&self, measures: usize, total: u64) -> String {
        match self.lang {
            Lang::Ja => format!("{}・{}を表示", self.measures(measures), self.amount(total)),
            Lang::En => format!("Show {} · {}", self.measures(measures), self.amount(total)),
        }
    }

    /// "59事業" / "59 measures".
    pub fn measures(&self, n: usize) -> String {
        let grouped = money::grouped(n as u64);
        match self.lang {
            Lang::Ja => format!("{grouped}{}", self.measures_unit),
            Lang::En if n == 1 => "1 measure".to_string(),
            Lang::En => format!("{grouped} {}", self.measures_unit),
        }
    }

    /// A rounded amount: "37.4億円" / "¥3.74 billion".
    pub fn amount(&self, thousand_yen: u64) -> String {
        match self.lang {
            Lang::Ja => money::readable(thousand_yen),
            Lang::En => money::readable_en(thousand_yen),
        }
    }

    /// The exact amount: "3,739,426千円" / "¥3,739,426 thousand".
    pub fn exact(&self, thousand_yen: u64) -> String {
        match self.lang {
            Lang::Ja => money::exact(thousand_yen),
            Lang::En => money::exact_en(thousand_yen),
        }
    }

    pub fn share(&self, part: u64, whole: u64) -> String {
        let text = money::share(part, whole);
        match self.lang {
            Lang::Ja => text,
            Lang::En => text.replace("0.1%未満", "<0.1%"),
        }
    }

    /// After a notice's examples when the link had more parts of that kind: "ほか 計4,096件" /
    /// " and more, 4,096 in all".
    pub fn notice_count(&self, count: usize) -> String {
        let n = money::grouped(count as u64);
        match self.lang {
            Lang::Ja => format!(" ほか 計{n}件"),
            Lang::En => format!(" and more, {n} in all"),
        }
    }

    /// Beside the corrections when there are more than a link holds.
    pub fn corrections_beyond_link(&self, all: usize, carried: usize) -> String {
        let rest = money::grouped((all - carried.min(all)) as u64);
        let (all, carried) = (money::grouped(all as u64), money::grouped(carried as u64));
        match self.lang {
            Lang::Ja => format!("修正{all}件のうち、リンクに入るのは最初の{carried}件です。残りの{rest}件は「修正をファイルに保存」のファイルに入ります。リンクを渡すときは、そのファイルも渡してください。"),
            Lang::En => format!("The link holds the first {carried} of the {all} corrections; the other {rest} are in the file “Save the corrections as a file” saves. Pass that file on with the link."),
        }
    }

    /// A link whose corrections are partly in a corrections file, not opened here.
    pub fn corrections_in_file(&self, beyond: usize) -> String {
        let n = money::grouped(beyond as u64);
        match self.lang {
            Lang::Ja => format!("このリンクの比較には、リンクに入らなかった修正があと{n}件あります。それは一緒に保存された修正のファイルにあります。開くと使われます。"),
            Lang::En => format!("This link's comparison has {n} more corrections than the link holds: they are in the corrections file saved with it. Open it to apply them."),
        }
    }

    /// A link longer than a link may be: only its start was read.
    pub fn link_cut(&self, length: usize, read: usize) -> String {
        let (length, read) = (money::grouped(length as u64), money::grouped(read as u64));
        match self.lang {
            Lang::Ja => {
                format!("リンクが長すぎるため（{length}文字）、先頭の{read}文字までを読みました")
            }
            Lang::En => format!(
                "The link is too long ({length} characters); only its first {read} were read"
            ),
        }
    }

    /// Under the search box when the text is longer than a link carries.
    pub fn query_cut(&self, kept: usize) -> String {
        let kept = money::grouped(kept as u64);
        match self.lang {
            Lang::Ja => format!("リンクには検索語の先頭{kept}文字だけが入ります。"),
            Lang::En => format!("The link keeps only the first {kept} characters of the search."),
        }
    }

    /// "（…）" / " (…)".
    pub fn paren(&self, inner: &str) -> String {
        let (open, close) = self.paren_marks();
        format!("{open}{inner}{close}")
    }

    /// What `paren` puts around its text: "（", "）" / " (", ")".
    pub fn paren_marks(&self) -> (&'static str, &'static str) {
        match self.lang {
            Lang::Ja => ("（", "）"),
            Lang::En => (" (", ")"),
        }
    }

    /// Between items of a list: "、" / ", ".
    pub fn sep(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "、",
            Lang::En => ", ",
        }
    }

    /// What the canvas says to a screen reader: the level, its size and its largest cell.
    pub fn chart_summary(
        &self,
        level: &str,
        cells: usize,
        total: u64,
        largest: Option<(&str, u64)>,
    ) -> String {
        let mut text = match self.lang {
            Lang::Ja => format!("{level}：{cells}{}、合計{}", self.cells, self.amount(total)),
            Lang::En => format!(
                "{level}: {cells} {}, total {}",
                self.cells,
                self.amount(total)
            ),
        };
        if let Some((name, amount)) = largest {
            let detail = format!(
                "{}{}{}",
                self.amount(amount),
                self.sep(),
                self.share(amount, total)
            );
            match self.lang {
                Lang::Ja => {
                    text.push_str(&format!("。{}{name}{}", self.largest, self.paren(&detail)))
                }
                Lang::En => {
                    text.push_str(&format!("; {} {name}{}", self.largest, self.paren(&detail)))
                }
            }
        }
        text
    }

    /// "再掲4件" / "4 relisted".
    pub fn relisted_count(&self, n: usize) -> String {
        match self.lang {
            Lang::Ja => format!("{}{n}件", self.relisted),
            Lang::En => format!("{n} relisted"),
        }
    }

    /// Under a printed table that holds only the first `shown` of `total` lines.
    pub fn printed_rows(&self, shown: usize, total: usize) -> String {
        let (shown_text, total_text, left) = (
            money::grouped(shown as u64),
            money::grouped(total as u64),
            money::grouped((total - shown) as u64),
        );
        match self.lang {
            Lang::Ja => format!(
                "印刷したのは、この並び順の先頭{shown_text}行です（全{total_text}行のうち{left}行を省略）。すべての行は「{}」の「{}」で保存できます。",
                self.downloads, self.save_csv
            ),
            Lang::En => format!(
                "Printed: the first {shown_text} of {total_text} lines in this order ({left} left out). \"{}\" → \"{}\" saves every line.",
                self.downloads, self.save_csv
            ),
        }
    }

    /// After a label: "：" / ": ".
    pub fn colon(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "：",
            Lang::En => ": ",
        }
    }

    /// A mark's short label, as in the header, the filters and the badges: "★重点" / "★ Key".
    pub fn mark(&self, mark: Mark) -> &'static str {
        match mark {
            Mark::KeyMeasure => self.key_measure,
            Mark::New => self.new,
            Mark::Covid => self.covid,
        }
    }

    /// The source with its date: "令和5年度 予算資料（2023-03-31時点）" / "… (as of 2023-03-31)".
    pub fn source_as_of(&self, source: &str, as_of: &str) -> String {
        match self.lang {
            Lang::Ja => format!("{source}（{as_of}時点）"),
            Lang::En => format!("{source} (as of {as_of})"),
        }
    }

    /// Above the heading: "予算エクスプローラー（令和5年度・FY2023）".
    pub fn city_line(&self, meta: &Meta) -> String {
        format!(
            "{}{}",
            self.app_name,
            self.paren(&format!("{}・FY{}", meta.era_year, meta.fiscal_year))
        )
    }

    /// The page's heading: "熊本市 中小企業振興 令和五年度 事業一覧".
    pub fn heading(&self, meta: &Meta) -> String {
        format!("{} {} {}", meta.city, self.subject, self.title(&meta.title))
    }

    /// Beside the rounded total: "（3,739,426千円、59事業）".
    pub fn total_detail(&self, summary: &Summary) -> String {
        self.paren(&format!(
            "{}{}{}",
            self.exact(summary.total),
            self.sep(),
            self.measures(summary.measures)
        ))
    }

    /// After a mark's label in the header: " 8事業 · 2億円".
    pub fn mark_figures(&self, figures: Figures) -> String {
        format!(
            " {} · {}",
            self.measures(figures.measures),
            self.amount(figures.total)
        )
    }

    /// The table's totals row: "合計（59事業、再掲4件を除く）" / "Total (59 measures, 4
    /// relisted excluded)".
    pub fn total_row(&self, measures: usize, relistings: usize) -> String {
        let counted = if relistings > 0 {
            format!(
                "{}{}{}{}",
                self.measures(measures),
                self.sep(),
                self.relisted_count(relistings),
                self.without_relisted
            )
        } else {
            self.measures(measures)
        };
        format!("{}{}", self.table_total, self.paren(&counted))
    }
}

// wave3 highlight
impl Strings {
    /// A cell's share of its level: "この階層の35.8%" / "35.8% of this level"; laid out over
    /// the matches only, of the matches there: "この階層の該当分の46.5%" / "46.5% of the matches
    /// here".
    pub fn share_of_level(&self, part: u64, whole: u64, only_matches: bool) -> String {
        let share = self.share(part, whole);
        match (self.lang, only_matches) {
            (Lang::Ja, false) => format!("この階層の{share}"),
            (Lang::Ja, true) => format!("この階層の該当分の{share}"),
            (Lang::En, false) => format!("{share} of this level"),
            (Lang::En, true) => format!("{share} of the matches here"),
        }
    }

    /// The part of a cell the filters match: "うち該当 3事業・1,200万円" / "matching: 3
    /// measures · ¥12 million".
    pub fn matched_part(&self, measures: usize, total: u64) -> String {
        match self.lang {
            Lang::Ja => format!(
                "うち該当 {}・{}",
                self.measures(measures),
                self.amount(total)
            ),
            Lang::En => format!(
                "matching: {} · {}",
                self.measures(measures),
                self.amount(total)
            ),
        }
    }

    /// Above an unfiltered chart: "この階層 14事業・12億円" / "This level: 14 measures · ¥1.2
    /// billion" (the line stays when a filter is set, so the chart below it does not move).
    pub fn level_figures(&self, measures: usize, total: u64) -> String {
        let (n, amount) = (self.measures(measures), self.amount(total));
        match self.lang {
            Lang::Ja => format!("この階層 {n}・{amount}"),
            Lang::En => format!("This level: {n} · {amount}"),
        }
    }

    /// Above a filtered chart: "この階層で該当 3事業（14事業中）・1.2億円" / "Matching at this
    /// level: 3 of 14 measures · ¥120 million"; `of` is `None` when only the matches are laid
    /// out (the level's whole is then not at hand): "この階層で該当 3事業・1.2億円".
    pub fn level_matches(&self, matched: usize, of: Option<usize>, total: u64) -> String {
        let amount = self.amount(total);
        match (self.lang, of) {
            (Lang::Ja, Some(of)) => format!(
                "この階層で該当 {}（{}中）・{amount}",
                self.measures(matched),
                self.measures(of)
            ),
            (Lang::Ja, None) => format!("この階層で該当 {}・{amount}", self.measures(matched)),
            (Lang::En, Some(of)) => format!(
                "Matching at this level: {} of {} · {amount}",
                money::grouped(matched as u64),
                self.measures(of)
            ),
            (Lang::En, None) => format!(
                "Matching at this level: {} · {amount}",
                self.measures(matched)
            ),
        }
    }
}

// wave4 pictures
impl Strings {
    /// The chart picture's suggested alt text: "樹形図：{heading}（{path}）。条件：…。大きい順に：
    /// A 1.2億円、B …。この階層 14事業・12億円。" / "Treemap of {heading} ({path}). Conditions:
    /// …. Largest cells: A ¥120 million, B …. This level: …."
    pub fn alt_text(
        &self,
        heading: &str,
        path: &str,
        conditions: Option<&str>,
        filtered: bool,
        largest: &[String],
        figures: &str,
    ) -> String {
        let lead = if filtered {
            self.alt_largest_matching
        } else {
            self.alt_largest
        };
        let mut out = match self.lang {
            Lang::Ja => format!("{}：{heading}（{path}）。", self.alt_chart),
            Lang::En => format!("{} of {heading} ({path}). ", self.alt_chart),
        };
        if let Some(c) = conditions {
            match self.lang {
                Lang::Ja => out.push_str(&format!("{}：{c}。", self.conditions_label)),
                Lang::En => out.push_str(&format!("{}: {c}. ", self.conditions_label)),
            }
        }
        if !largest.is_empty() {
            match self.lang {
                Lang::Ja => out.push_str(&format!("{lead}：{}。", largest.join("、"))),
                Lang::En => out.push_str(&format!("{lead}: {}. ", largest.join(", "))),
            }
        }
        match self.lang {
            Lang::Ja => out.push_str(&format!("{figures}。")),
            Lang::En => out.push_str(&format!("{figures}.")),
        }
        out
    }
}

// wave3 words: the plain words around relistings, the plan's terms and an empty result.
impl Strings {
    /// An initiative inside a sentence: "取組①" / "initiative ①".
    pub fn initiative_label(&self, n: u8) -> String {
        match self.lang {
            Lang::Ja => format!("{}{}", self.initiatives, circled(n)),
            Lang::En => format!("initiative {}", circled(n)),
        }
    }

    /// A line's share of the whole budget, in the table: "全体の15.5%" / "15.5% of total".
    pub fn share_of_whole(&self, part: u64, whole: u64) -> String {
        let share = self.share(part, whole);
        match self.lang {
            Lang::Ja => format!("全体の{share}"),
            Lang::En => format!("{share} of total"),
        }
    }

    /// In a relisted line's details, around its original's name: "別の取組にも掲載されている
    /// 事業。金額は元の掲載（取組①の成長産業創出支援事業）で数えています。"
    pub fn relisted_sentence(&self, initiative: u8, original: &str) -> Around {
        let at = self.initiative_label(initiative);
        match self.lang {
            Lang::Ja => Around::new(
                format!("別の取組にも掲載されている事業。金額は元の掲載（{at}の"),
                original,
                "）で数えています。",
            ),
            Lang::En => Around::new(
                "Also listed under another initiative. Its amount is counted at the original, ",
                original,
                format!(" ({at})."),
            ),
        }
    }

    /// Under a relisted line's name (table, lists): "元の掲載：取組①の成長産業創出支援事業" /
    /// "Original: 成長産業創出支援事業 (initiative ①)".
    pub fn original_line(&self, initiative: u8, original: &str) -> Around {
        let at = self.initiative_label(initiative);
        match self.lang {
            Lang::Ja => Around::new(
                format!("{}{}{at}の", self.original_is, self.colon()),
                original,
                "",
            ),
            Lang::En => Around::new("Original: ", original, format!(" ({at})")),
        }
    }

    /// What 方向性 and 取組 are, where they first appear: "方向性は計画の5つの柱、…".
    pub fn plan_terms(&self, directions: usize, initiatives: usize) -> String {
        match self.lang {
            Lang::Ja => format!(
                "方向性は計画の{directions}つの柱、取組はその下にある{initiatives}の具体的な取組です。"
            ),
            Lang::En => format!(
                "Directions are the plan's {directions} main aims; initiatives are the {initiatives} programmes under them."
            ),
        }
    }

    /// An empty result of a search: "「かんこう」に合う事業はありません。"; `narrowed` when
    /// other filters are on as well.
    pub fn no_match_for(&self, query: &str, narrowed: bool) -> Around {
        match (self.lang, narrowed) {
            (Lang::Ja, false) => Around::new("「", query, "」に合う事業はありません。"),
            (Lang::Ja, true) => {
                Around::new("「", query, "」と絞り込みの条件に合う事業はありません。")
            }
            (Lang::En, false) => Around::new("No measure matches “", query, "”."),
            (Lang::En, true) => Around::new("No measure matches “", query, "” and the filters."),
        }
    }

    /// The search, as one of the filters that are on: "キーワード「かんこう」".
    pub fn query_chip(&self, query: &str) -> Around {
        match self.lang {
            Lang::Ja => Around::new(format!("{}「", self.search), query, "」"),
            Lang::En => Around::new(format!("{} “", self.search), query, "”"),
        }
    }

    /// "方向性2 新たな事業活動の促進" / "Direction 2: New business activities".
    pub fn direction_chip(&self, n: u8, title: &str) -> Around {
        match self.lang {
            Lang::Ja => Around::new(format!("{}{n} ", self.directions), title, ""),
            Lang::En => Around::new(format!("{} {n}: ", self.directions), title, ""),
        }
    }

    /// "取組③ 技術革新・生産性向上支援" / "Initiative ③: Innovation and productivity".
    pub fn initiative_chip(&self, n: u8, title: &str) -> Around {
        match self.lang {
            Lang::Ja => Around::new(format!("{}{} ", self.initiatives, circled(n)), title, ""),
            Lang::En => Around::new(format!("{} {}: ", self.initiatives, circled(n)), title, ""),
        }
    }

    /// "担当課：商業金融課" / "Department: 商業金融課".
    pub fn department_chip(&self, names: &str) -> Around {
        Around::new(format!("{}{}", self.department, self.colon()), names, "")
    }

    /// "予算額 300,000千円以上" / "Budget from ¥300,000 thousand".
    pub fn min_chip(&self, thousand_yen: u64) -> String {
        match self.lang {
            Lang::Ja => format!("{} {}以上", self.col_budget, self.exact(thousand_yen)),
            Lang::En => format!("{} from {}", self.col_budget, self.exact(thousand_yen)),
        }
    }

    /// "予算額 500,000千円以下" / "Budget up to ¥500,000 thousand".
    pub fn max_chip(&self, thousand_yen: u64) -> String {
        match self.lang {
            Lang::Ja => format!("{} {}以下", self.col_budget, self.exact(thousand_yen)),
            Lang::En => format!("{} up to {}", self.col_budget, self.exact(thousand_yen)),
        }
    }

    /// A filter's remove button, for a screen reader: "「★重点」を外す" / "Remove “★ Key”".
    pub fn remove_label(&self, chip: &Around) -> String {
        match self.lang {
            Lang::Ja => format!("「{}」を外す", chip.plain()),
            Lang::En => format!("Remove “{}”", chip.plain()),
        }
    }
}

/// Why a part of a link was dropped, in words.
// wave4 compare
impl Strings {
    /// A change in thousand yen, signed ("+1.6億円", "−5,000万円"; "±0" for none).
    pub fn signed_amount(&self, change: i64) -> String {
        match change.signum() {
            0 => "±0".into(),
            1 => format!("+{}", self.amount(change.unsigned_abs())),
            _ => format!("−{}", self.amount(change.unsigned_abs())),
        }
    }

    /// A percentage change to one decimal ("+12.3%", "−100.0%").
    pub fn signed_percent(&self, percent: f64) -> String {
        let text = format!("{}%", crate::core::decimal::fixed(percent.abs(), 1));
        if text == "0.0%" {
            "±0.0%".into()
        } else if percent > 0.0 {
            format!("+{text}")
        } else {
            format!("−{text}")
        }
    }

    /// How a pair was matched.
    pub fn method(&self, method: Option<crate::core::compare::Method>) -> &'static str {
        use crate::core::compare::Method;
        match method {
            None => self.unmatched,
            Some(Method::Name) => self.method_name,
            Some(Method::Number) => self.method_number,
            Some(Method::Manual) => self.method_manual,
            Some(Method::Relisted) => self.method_relisted,
        }
    }
}

pub fn notice(kind: NoticeKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (NoticeKind::InvalidValue, Lang::Ja) => "値が正しくありません",
        (NoticeKind::UnknownItem, Lang::Ja) => "該当する項目がありません",
        (NoticeKind::BadEncoding, Lang::Ja) => "文字を読み取れません",
        (NoticeKind::TooLong, Lang::Ja) => "長すぎるため短くしました",
        (NoticeKind::InvalidValue, Lang::En) => "not a valid value",
        (NoticeKind::UnknownItem, Lang::En) => "no such item",
        (NoticeKind::BadEncoding, Lang::En) => "unreadable characters",
        (NoticeKind::TooLong, Lang::En) => "too long, shortened",
    }
}

/// Tables are static: the same table is the same language.
impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;

    impl Strings {
        /// Every text of the table by name. The pattern names every field (no `..`), so a text
        /// added to `Strings` does not compile until it is listed here, and so tested.
        fn texts(&self) -> Vec<(&'static str, &'static str)> {
            let Strings {
                lang: _,
                app_name,
                subject,
                total_label,
                measures_unit,
                key_measure,
                new,
                covid,
                relisted,
                key_measure_meaning,
                new_meaning,
                covid_meaning,
                relisted_meaning,
                priorities,
                source,
                unit_note,
                view_directions,
                view_departments,
                view_table,
                views_label,
                top,
                breadcrumb_label,
                filters,
                search,
                search_placeholder,
                directions,
                initiatives,
                department,
                any_department,
                marks,
                amount_range,
                min,
                max,
                presence,
                presence_any,
                presence_with,
                presence_without,
                clear_all,
                matching,
                all_of,
                no_match,
                no_amount,
                no_amount_list,
                no_area_note,
                relisted_list,
                small_list,
                others_note,
                close,
                update_ready,
                reload,
                open_file,
                open_file_hint,
                reading,
                reading_progress,
                not_loaded,
                more_problems,
                showing_file,
                back_to_embedded,
                link_refers_to_file,
                downloads,
                save_csv,
                save_json,
                save_png,
                save_page,
                offline_help,
                offline_help_text,
                matches,
                more_before,
                more_after,
                details,
                amount,
                share_of_all,
                share_of_direction,
                share_of_filtered,
                description,
                departments,
                placement,
                relisted_as,
                original_is,
                counted_at_original,
                col_id,
                col_name,
                col_department,
                col_amount,
                table_total,
                share,
                qr_label,
                copy_link,
                copied,
                copy_fallback,
                notice_intro,
                dismiss,
                chart_hint,
                legend,
                data_error,
                other_language,
                unofficial_note,
                open_full,
                cells,
                largest,
                without_relisted,
                only,
                conditions_sep,
                conditions_none,
                conditions_label,
                save_csv_notes,
                made_on,
                share_on_this_device,
                saved_copy_note,
                share_hosted,
                printed_on,
                level_shown,
                print_link_intro,
                no_match_cell,
                only_matches,
                share_of_initiative,
                joint,
                legend_lines_by_direction,
                legend_departments,
                joint_note,
                joint_sets,
                relisted_note,
                col_budget,
                col_direction,
                col_share,
                try_these,
                hint_kanji,
                hint_fewer_words,
                hint_remove_filters,
                filters_on,
                menu,
                menu_title,
                print,
                back_to_chart,
                details_expand,
                details_hint,
                save_svg,
                alt_text_label,
                copy_alt,
                alt_copied,
                alt_copy_fallback,
                alt_chart,
                alt_largest,
                alt_largest_matching,
                legend_faded,
                compare_file,
                compare_file_hint,
                compare_title,
                earlier,
                later,
                change,
                change_pct,
                matched_by,
                method_name,
                method_number,
                method_manual,
                method_relisted,
                unmatched,
                list_new,
                list_ended,
                list_grown,
                list_shrunk,
                list_no_amount,
                not_compared,
                none_in_list,
                show_all,
                whole,
                by_direction,
                by_initiative,
                by_department,
                swap_sides,
                end_compare,
                compare_missing,
                compare_open_missing,
                compare_map,
                compare_table,
                legend_less,
                legend_more,
                legend_same,
                legend_new,
                legend_unknown,
                unpair,
                pair_with,
                choose_line,
                save_compare_csv,
                ignored_corrections,
                corrections_full,
                save_corrections,
                open_corrections,
                corrections_file_hint,
                corrections_not_opened,
                text_removed,
                text_added,
                text_change_end,
                text_changes_legend,
            } = self;
            vec![
                ("app_name", app_name),
                ("subject", subject),
                ("total_label", total_label),
                ("measures_unit", measures_unit),
                ("key_measure", key_measure),
                ("new", new),
                ("covid", covid),
                ("relisted", relisted),
                ("key_measure_meaning", key_measure_meaning),
                ("new_meaning", new_meaning),
                ("covid_meaning", covid_meaning),
                ("relisted_meaning", relisted_meaning),
                ("priorities", priorities),
                ("source", source),
                ("unit_note", unit_note),
                ("view_directions", view_directions),
                ("view_departments", view_departments),
                ("view_table", view_table),
                ("views_label", views_label),
                ("top", top),
                ("breadcrumb_label", breadcrumb_label),
                ("filters", filters),
                ("search", search),
                ("search_placeholder", search_placeholder),
                ("directions", directions),
                ("initiatives", initiatives),
                ("department", department),
                ("any_department", any_department),
                ("marks", marks),
                ("amount_range", amount_range),
                ("min", min),
                ("max", max),
                ("presence", presence),
                ("presence_any", presence_any),
                ("presence_with", presence_with),
                ("presence_without", presence_without),
                ("clear_all", clear_all),
                ("matching", matching),
                ("all_of", all_of),
                ("no_match", no_match),
                ("no_amount", no_amount),
                ("no_amount_list", no_amount_list),
                ("no_area_note", no_area_note),
                ("relisted_list", relisted_list),
                ("small_list", small_list),
                ("others_note", others_note),
                ("close", close),
                ("update_ready", update_ready),
                ("reload", reload),
                ("open_file", open_file),
                ("open_file_hint", open_file_hint),
                ("reading", reading),
                ("reading_progress", reading_progress),
                ("not_loaded", not_loaded),
                ("more_problems", more_problems),
                ("showing_file", showing_file),
                ("back_to_embedded", back_to_embedded),
                ("link_refers_to_file", link_refers_to_file),
                ("downloads", downloads),
                ("save_csv", save_csv),
                ("save_json", save_json),
                ("save_png", save_png),
                ("save_page", save_page),
                ("offline_help", offline_help),
                ("offline_help_text", offline_help_text),
                ("matches", matches),
                ("more_before", more_before),
                ("more_after", more_after),
                ("details", details),
                ("amount", amount),
                ("share_of_all", share_of_all),
                ("share_of_direction", share_of_direction),
                ("share_of_filtered", share_of_filtered),
                ("description", description),
                ("departments", departments),
                ("placement", placement),
                ("relisted_as", relisted_as),
                ("original_is", original_is),
                ("counted_at_original", counted_at_original),
                ("col_id", col_id),
                ("col_name", col_name),
                ("col_department", col_department),
                ("col_amount", col_amount),
                ("table_total", table_total),
                ("share", share),
                ("qr_label", qr_label),
                ("copy_link", copy_link),
                ("copied", copied),
                ("copy_fallback", copy_fallback),
                ("notice_intro", notice_intro),
                ("dismiss", dismiss),
                ("chart_hint", chart_hint),
                ("legend", legend),
                ("data_error", data_error),
                ("other_language", other_language),
                ("unofficial_note", unofficial_note),
                ("open_full", open_full),
                ("cells", cells),
                ("largest", largest),
                ("without_relisted", without_relisted),
                ("only", only),
                ("conditions_sep", conditions_sep),
                ("conditions_none", conditions_none),
                ("conditions_label", conditions_label),
                ("save_csv_notes", save_csv_notes),
                ("made_on", made_on),
                ("share_on_this_device", share_on_this_device),
                ("saved_copy_note", saved_copy_note),
                ("share_hosted", share_hosted),
                ("printed_on", printed_on),
                ("level_shown", level_shown),
                ("print_link_intro", print_link_intro),
                ("no_match_cell", no_match_cell),
                ("only_matches", only_matches),
                ("share_of_initiative", share_of_initiative),
                ("joint", joint),
                ("legend_lines_by_direction", legend_lines_by_direction),
                ("legend_departments", legend_departments),
                ("joint_note", joint_note),
                ("joint_sets", joint_sets),
                ("relisted_note", relisted_note),
                ("col_budget", col_budget),
                ("col_direction", col_direction),
                ("col_share", col_share),
                ("try_these", try_these),
                ("hint_kanji", hint_kanji),
                ("hint_fewer_words", hint_fewer_words),
                ("hint_remove_filters", hint_remove_filters),
                ("filters_on", filters_on),
                ("menu", menu),
                ("menu_title", menu_title),
                ("print", print),
                ("back_to_chart", back_to_chart),
                ("details_expand", details_expand),
                ("details_hint", details_hint),
                ("save_svg", save_svg),
                ("alt_text_label", alt_text_label),
                ("copy_alt", copy_alt),
                ("alt_copied", alt_copied),
                ("alt_copy_fallback", alt_copy_fallback),
                ("alt_chart", alt_chart),
                ("alt_largest", alt_largest),
                ("alt_largest_matching", alt_largest_matching),
                ("legend_faded", legend_faded),
                ("compare_file", compare_file),
                ("compare_file_hint", compare_file_hint),
                ("compare_title", compare_title),
                ("earlier", earlier),
                ("later", later),
                ("change", change),
                ("change_pct", change_pct),
                ("matched_by", matched_by),
                ("method_name", method_name),
                ("method_number", method_number),
                ("method_manual", method_manual),
                ("method_relisted", method_relisted),
                ("unmatched", unmatched),
                ("list_new", list_new),
                ("list_ended", list_ended),
                ("list_grown", list_grown),
                ("list_shrunk", list_shrunk),
                ("list_no_amount", list_no_amount),
                ("not_compared", not_compared),
                ("none_in_list", none_in_list),
                ("show_all", show_all),
                ("whole", whole),
                ("by_direction", by_direction),
                ("by_initiative", by_initiative),
                ("by_department", by_department),
                ("swap_sides", swap_sides),
                ("end_compare", end_compare),
                ("compare_missing", compare_missing),
                ("compare_open_missing", compare_open_missing),
                ("compare_map", compare_map),
                ("compare_table", compare_table),
                ("legend_less", legend_less),
                ("legend_more", legend_more),
                ("legend_same", legend_same),
                ("legend_new", legend_new),
                ("legend_unknown", legend_unknown),
                ("unpair", unpair),
                ("pair_with", pair_with),
                ("choose_line", choose_line),
                ("save_compare_csv", save_compare_csv),
                ("ignored_corrections", ignored_corrections),
                ("corrections_full", corrections_full),
                ("save_corrections", save_corrections),
                ("open_corrections", open_corrections),
                ("corrections_file_hint", corrections_file_hint),
                ("corrections_not_opened", corrections_not_opened),
                ("text_removed", text_removed),
                ("text_added", text_added),
                ("text_change_end", text_change_end),
                ("text_changes_legend", text_changes_legend),
            ]
        }
    }

    /// Texts deliberately empty in one language: the English "N more" needs nothing before the
    /// number, and the Japanese titles need no note that they are translations.
    const EMPTY: [(Lang, &str); 2] = [(Lang::En, "more_before"), (Lang::Ja, "unofficial_note")];

    #[test]
    fn both_tables_are_complete_and_say_something() {
        assert_eq!((JA.lang, EN.lang), (Lang::Ja, Lang::En));
        assert!(std::ptr::eq(get(Lang::Ja), &JA) && std::ptr::eq(get(Lang::En), &EN));
        let (ja, en) = (JA.texts(), EN.texts());
        assert_eq!(ja.len(), en.len());
        for (table, texts) in [(&JA, &ja), (&EN, &en)] {
            for &(name, text) in texts.iter() {
                let allowed = EMPTY.contains(&(table.lang, name));
                assert_eq!(
                    text.trim().is_empty(),
                    allowed,
                    "{:?} {name}: {text:?}",
                    table.lang
                );
                // Formatting is done by the methods: a table holds no placeholder.
                assert!(
                    !text.contains('{') && !text.contains('}'),
                    "{name}: {text:?}"
                );
            }
        }
        // The two languages differ wherever there is something to translate (the JSON label,
        // the same word in both, aside).
        let same: Vec<&str> = ja
            .iter()
            .zip(&en)
            .filter(|(j, e)| j.1 == e.1)
            .map(|(j, _)| j.0)
            .collect();
        assert_eq!(same, ["save_json"]);
    }

    #[test]
    fn texts_that_quote_another_quote_it_exactly() {
        for s in [&JA, &EN] {
            // The offline help names the button that saves the page.
            assert!(s.offline_help_text.contains(s.save_page), "{:?}", s.lang);
            // The printed table's note names the section and button that save every line.
            let note = s.printed_rows(10, 63);
            assert!(
                note.contains(s.downloads) && note.contains(s.save_csv),
                "{note}"
            );
        }
        assert!(JA.others_note.contains("その他") && EN.others_note.contains("more"));
        assert!(EN.others(3).ends_with("more") && JA.others(3).starts_with("その他"));
    }

    #[test]
    fn numbers_appear_in_both_languages_grouped_the_same() {
        // The numbers in a text, in order, with their grouping commas ("1,234").
        let digits = |t: &str| -> Vec<String> {
            t.split(|c: char| !c.is_ascii_digit() && c != ',')
                .map(|n| n.trim_matches(',').to_string())
                .filter(|n| !n.is_empty())
                .collect()
        };
        for (ja, en) in [
            (JA.others(1234), EN.others(1234)),
            (JA.measures(1234), EN.measures(1234)),
            (JA.relisted_count(4), EN.relisted_count(4)),
            (JA.printed_rows(1000, 12345), EN.printed_rows(1000, 12345)),
            (
                JA.others_apart_note(19, 1, 4),
                EN.others_apart_note(19, 1, 4),
            ),
            (JA.total_row(59, 4), EN.total_row(59, 4)),
        ] {
            assert_eq!(digits(&ja), digits(&en), "{ja} / {en}");
            assert!(!digits(&ja).is_empty());
        }
        assert_eq!(EN.measures(1), "1 measure");
        assert_eq!(JA.measures(1), "1事業");
        assert_eq!(EN.share(1, 10_000), "<0.1%");
        assert_eq!(JA.share(1, 10_000), "0.1%未満");
    }

    #[test]
    fn the_header_in_both_languages() {
        let b = embedded_budget().unwrap();
        let summary = Summary::of(&b);
        assert_eq!(
            JA.city_line(&b.meta),
            "予算エクスプローラー（令和5年度・FY2023）"
        );
        assert_eq!(EN.city_line(&b.meta), "Budget Explorer (令和5年度・FY2023)");
        assert_eq!(
            JA.heading(&b.meta),
            "熊本市 中小企業振興 令和五年度 事業一覧"
        );
        assert_eq!(
            EN.heading(&b.meta),
            "熊本市 SME promotion FY2023 list of measures"
        );
        assert_eq!(JA.total_detail(&summary), "（3,739,426千円、59事業）");
        assert_eq!(
            EN.total_detail(&summary),
            " (¥3,739,426 thousand, 59 measures)"
        );
        let figures: Vec<String> = summary
            .marks
            .iter()
            .map(|&(mark, f)| format!("{}{}", JA.mark(mark), JA.mark_figures(f)))
            .collect();
        assert_eq!(
            figures,
            [
                "★重点 8事業 · 2億円",
                "新規 3事業 · 7,200万円",
                "コロナ 10事業 · 14.6億円"
            ]
        );
        assert_eq!(
            EN.mark_figures(summary.marks[2].1),
            " 10 measures · ¥1.46 billion"
        );
        assert_eq!(JA.total_row(59, 4), "合計（59事業、再掲4件を除く）");
        assert_eq!(JA.total_row(59, 0), "合計（59事業）");
        assert_eq!(
            EN.total_row(59, 4),
            "Total (59 measures, 4 relisted excluded)"
        );
    }

    #[test]
    fn every_notice_is_worded_in_both_languages() {
        for kind in [
            NoticeKind::InvalidValue,
            NoticeKind::UnknownItem,
            NoticeKind::BadEncoding,
            NoticeKind::TooLong,
        ] {
            let (ja, en) = (notice(kind, Lang::Ja), notice(kind, Lang::En));
            assert!(!ja.is_empty() && !en.is_empty() && ja != en, "{kind:?}");
        }
    }

    #[test]
    fn every_title_has_a_translation() {
        let b = embedded_budget().unwrap();
        let titles = b
            .directions
            .iter()
            .map(|d| &d.title)
            .chain(b.initiatives.iter().map(|i| &i.title))
            .chain([&b.meta.title]);
        for t in titles {
            assert_eq!(JA.title(t), t);
            assert_ne!(EN.title(t), t, "{t} has no English title");
        }
        assert_eq!(EN.title("ない題"), "ない題");
    }

    // wave3 highlight
    #[test]
    fn shares_and_matches_say_what_they_are_of() {
        // 旅行商品割引事業 at 取組④: 35.8% of the level.
        assert_eq!(JA.share_of_level(358, 1000, false), "この階層の35.8%");
        assert_eq!(EN.share_of_level(358, 1000, false), "35.8% of this level");
        assert_eq!(
            JA.share_of_level(465, 1000, true),
            "この階層の該当分の46.5%"
        );
        assert_eq!(
            EN.share_of_level(465, 1000, true),
            "46.5% of the matches here"
        );
        assert_eq!(JA.matched_part(3, 12_000), "うち該当 3事業・1,200万円");
        assert_eq!(
            EN.matched_part(1, 12_000),
            "matching: 1 measure · ¥12 million"
        );
        assert_eq!(
            JA.level_matches(3, Some(14), 120_000),
            "この階層で該当 3事業（14事業中）・1.2億円"
        );
        assert_eq!(
            EN.level_matches(3, Some(14), 120_000),
            "Matching at this level: 3 of 14 measures · ¥120 million"
        );
        assert_eq!(
            JA.level_matches(1, None, 500),
            "この階層で該当 1事業・50万円"
        );
        assert_eq!(JA.level_figures(14, 120_000), "この階層 14事業・1.2億円");
        assert_eq!(
            EN.level_figures(14, 120_000),
            "This level: 14 measures · ¥120 million"
        );
        assert_eq!(
            EN.level_matches(1, None, 500),
            "Matching at this level: 1 measure · ¥500 thousand"
        );
    }

    // wave3 words
    #[test]
    fn a_relisted_line_names_its_original_in_both_languages() {
        let b = embedded_budget().unwrap();
        // 10-2 relists 1-5, 成長産業創出支援事業 under 取組①.
        let copy = b.lines.iter().find(|m| m.id.to_string() == "10-2").unwrap();
        let original = b.line(copy.relisted_of.unwrap()).unwrap();
        let (n, name) = (original.id.initiative.0, original.name.as_str());
        assert_eq!(
            JA.relisted_sentence(n, name).plain(),
            "別の取組にも掲載されている事業。金額は元の掲載（取組①の成長産業創出支援事業）で数えています。"
        );
        assert_eq!(
            EN.relisted_sentence(n, name).plain(),
            "Also listed under another initiative. Its amount is counted at the original, 成長産業創出支援事業 (initiative ①)."
        );
        assert_eq!(
            JA.original_line(n, name).plain(),
            "元の掲載：取組①の成長産業創出支援事業"
        );
        assert_eq!(
            EN.original_line(n, name).plain(),
            "Original: 成長産業創出支援事業 (initiative ①)"
        );
        // The name is the outside part, never our words.
        assert_eq!(JA.original_line(n, name).outside, name);
        assert_eq!(JA.initiative_label(12), "取組⑫");
        assert!(JA.relisted_note.starts_with(JA.relisted));
        assert!(EN.relisted_note.starts_with(EN.relisted));
    }

    #[test]
    fn the_plan_terms_and_an_empty_search_in_both_languages() {
        let b = embedded_budget().unwrap();
        let (d, i) = (b.directions.len(), b.initiatives.len());
        assert_eq!((d, i), (5, 10));
        assert_eq!(
            JA.plan_terms(d, i),
            "方向性は計画の5つの柱、取組はその下にある10の具体的な取組です。"
        );
        assert_eq!(
            EN.plan_terms(d, i),
            "Directions are the plan's 5 main aims; initiatives are the 10 programmes under them."
        );
        assert_eq!(
            JA.no_match_for("かんこう", false).plain(),
            "「かんこう」に合う事業はありません。"
        );
        assert_eq!(
            EN.no_match_for("kankou", true).plain(),
            "No measure matches “kankou” and the filters."
        );
        assert_eq!(JA.min_chip(300_000), "予算額 300,000千円以上");
        // 3-3's 578,800千円 of 3,739,426千円 (as in its details).
        assert_eq!(JA.share_of_whole(578_800, 3_739_426), "全体の15.5%");
        assert_eq!(EN.share_of_whole(578_800, 3_739_426), "15.5% of total");
        assert_eq!(EN.share_of_whole(1, 10_000), "<0.1% of total");
        assert_eq!(EN.max_chip(500_000), "Budget up to ¥500,000 thousand");
        // A typed right-to-left override is shown, not obeyed.
        assert_eq!(
            JA.query_chip("\u{202E}abc").plain(),
            "キーワード「⟨U+202E⟩abc」"
        );
    }

    // wave3 phone
    #[test]
    fn the_filter_sheet_button_says_count_and_total_in_both_languages() {
        // 12 measures, 840,000千円 = 8.4億円.
        assert_eq!(JA.show_selection(12, 840_000), "12事業・8.4億円を表示");
        assert_eq!(
            EN.show_selection(12, 840_000),
            "Show 12 measures · ¥840 million"
        );
        assert_eq!(
            EN.show_selection(1, 840_000),
            "Show 1 measure · ¥840 million"
        );
    }
}

#[cfg(test)]
mod compare_tests {
    use super::*;

    #[test]
    fn changes_are_signed_and_none_is_plus_minus_zero() {
        assert_eq!(JA.signed_amount(0), "±0");
        assert_eq!(JA.signed_amount(16_103), format!("+{}", JA.amount(16_103)));
        assert_eq!(
            EN.signed_amount(-500_000),
            format!("−{}", EN.amount(500_000))
        );
        assert_eq!(JA.signed_percent(12.345), "+12.3%");
        assert_eq!(JA.signed_percent(-62.5), "−62.5%");
        assert_eq!(JA.signed_percent(-0.01), "±0.0%");
    }
}
