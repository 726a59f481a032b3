//! The two languages of the app and every fixed user-visible string, in one typed table.
//!
//! A message is a variant of [`Msg`]; the `messages!` table below gives its English and
//! Simplified Chinese text side by side, so a missing translation is a compile error rather
//! than a blank on the projector. Data that carries its own wording (a framework's dimension
//! labels, edited by the user) uses [`Label`] instead.

use serde::{Deserialize, Serialize};

/// A language the interface is shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese (zh-CN).
    #[serde(rename = "zh")]
    Zh,
}

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>` and in storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Reads a BCP 47 tag such as `zh-CN`, `zh-Hans-CN`, `en-US`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language in a browser's preference list, English if none is.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// The other language: what the language switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// A text that exists in both languages, for data the user can edit (framework labels, help).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    pub en: String,
    pub zh: String,
}

impl Label {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Label {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when that one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, fallback) = match lang {
            Lang::En => (&self.en, &self.zh),
            Lang::Zh => (&self.zh, &self.en),
        };
        if wanted.is_empty() {
            fallback
        } else {
            wanted
        }
    }

    /// "English 中文", the form explanations use so a trainee sees both terms.
    pub fn both(&self) -> String {
        match (self.en.is_empty(), self.zh.is_empty()) {
            (false, false) if self.en != self.zh => format!("{} {}", self.en, self.zh),
            (true, false) => self.zh.clone(),
            _ => self.en.clone(),
        }
    }
}

macro_rules! messages {
    ($( $(#[$doc:meta])* $key:ident => $en:literal, $zh:literal; )*) => {
        /// A fixed string of the interface. [`Msg::text`] gives it in a language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( $(#[$doc])* $key, )*
        }

        impl Msg {
            /// Every message, for completeness checks.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Zh) => $zh, )*
                }
            }
        }
    };
}

messages! {
    AppName => "KAM Radar", "大客户雷达";
    Tagline => "Key-account scoring, right in your browser", "大客户评估与画像，完全在浏览器中完成";
    SwitchLanguage => "中文", "English";
    SwitchLanguageHint => "Switch the interface to Chinese", "将界面切换为英文";
    MainNavigation => "Main views", "主要视图";
    NavImport => "Import", "导入";
    NavPortfolio => "Portfolio", "客户组合";
    NavAccounts => "Accounts", "客户";
    NavStakeholders => "Stakeholders", "客户人员";
    NavFrameworks => "Frameworks", "评估框架";
    WelcomeTitle => "Score your key accounts in minutes", "几分钟内完成大客户评估";
    WelcomeBody => "Drop in a spreadsheet exported from Excel, WPS or your CRM (CSV or XLSX). Every account is scored against the key-account scorecard, the credit rating and the external and internal profiles, classified, explained and drawn as a radar. Nothing leaves this computer.",
        "拖入从 Excel、WPS 或 CRM 导出的表格（CSV 或 XLSX）。每个客户都会按大客户评判标准、信用等级、客户外部画像和内部画像评分、分类、解释，并绘制雷达图。数据不会离开这台电脑。";
    DropZoneTitle => "Drop a spreadsheet here", "将表格文件拖放到此处";
    DropZoneFormats => "CSV (UTF-8, GBK, UTF-16), XLSX, XLS or ODS", "CSV（UTF-8、GBK、UTF-16）、XLSX、XLS 或 ODS";
    LoadDemo => "Load demo workspace", "载入演示工作区";
    DemoBanner => "Demo workspace: the source's customers A and B, stakeholders X, Y, Z and about 200 synthetic accounts. Not client data.",
        "演示工作区：资料中的客户 A、B，人员 X、Y、Z 及约 200 个模拟客户。并非真实客户数据。";
    RemoveDemo => "Remove demo", "移除演示数据";
    NoAccountsYet => "No accounts yet. Load the demo workspace to explore, or import a spreadsheet.",
        "尚无客户。可载入演示工作区体验，或导入表格。";
    SearchAccounts => "Search accounts", "搜索客户";
    RefineSearch => "Only the first matches are listed: refine the search to see others.",
        "仅列出前若干个匹配项：请缩小搜索范围查看其他客户。";
    CompareMode => "Compare up to 5 accounts", "对比最多 5 个客户";
    CompareHint => "Tick up to five accounts to overlay them on one radar.",
        "勾选最多五个客户，在同一张雷达图上对比。";
    CompareFull => "Five accounts are compared already: untick one first.",
        "已选满五个客户：请先取消勾选一个。";
    ChooseAccount => "Choose an account from the list.", "请从列表中选择一个客户。";
    CompareWith => "Compare with", "对照线";
    ValuesTable => "Values as a table", "数值表";
    Dimension => "Dimension", "维度";
    WhyTitle => "How each score was reached", "评分依据";
    Industry => "Industry", "行业";
    Region => "Region", "区域";
    Owner => "Owner", "负责人";
    NoPeople => "No people recorded for this account yet.", "该客户尚无人员记录。";
    PeopleByJourney => "People by journey point, each against the ideal profile",
        "按旅程点分组的人员，与理想画像对照";
    AccountsPerClass => "Accounts per class", "各类别客户数";
    AccountsCaption => "Accounts", "客户数";
    ParetoTitle => "ABC Pareto curve", "ABC 帕累托曲线";
    ShareOfAccounts => "Share of accounts (%)", "客户占比（%）";
    CumulativeShare => "Cumulative share (%)", "累计占比（%）";
    ScatterTitle => "Key-account score against credit score", "大客户评分与信用评分";
    KeyAccountScore => "Key-account score", "大客户评分";
    CreditScore => "Credit score", "信用评分";
    NotClassified => "not classified (inputs missing or not valid)", "未分类（输入缺失或无效）";
    KeyStatusLost => "key-account status lost · red list", "已取消大客户资格 · 红名单";
    RegainKeyStatus => "Key-account status was lost on the red list: it returns with the next assessment off the red list (see Credit rating).", "因长期停留在红名单已取消大客户资格：下一次评估脱离红名单后即恢复（见信用等级）。";
    FrameworksCannotScore => "The frameworks in force cannot score:", "当前评估框架无法评分：";
    DownloadPng => "Download PNG", "下载 PNG";
    DownloadSvg => "Download SVG", "下载 SVG";
    Missing => "missing", "缺失";
    SavedInBrowser => "Saved in this browser", "已保存在本浏览器";
    NotSavedYet => "Autosaved in this browser", "自动保存在本浏览器";
    MemoryOnlyBanner => "Browser storage is unavailable (private mode or disabled): your work is kept in memory only and is lost when this tab closes. Download the workspace file to keep it.",
        "浏览器存储不可用（隐私模式或已禁用）：数据仅保存在内存中，关闭此标签页后将丢失。请下载工作区文件以保留数据。";
    StorageFullBanner => "Browser storage is full: the last saved state is intact, but newer changes are not saved. Download the workspace file to keep them.",
        "浏览器存储已满：上次保存的内容完好，但之后的更改未能保存。请下载工作区文件以保留这些更改。";
    ChangedElsewhereBanner => "This workspace was changed in another tab. Reload it, or keep this tab's version (it replaces the other).",
        "此工作区已在另一个标签页中被修改。可重新载入，或保留本标签页的版本（将覆盖另一版本）。";
    RecoveredBanner => "The latest save could not be read, so the previous good save was restored. The unreadable data is kept: download it before discarding.",
        "最近一次保存的数据无法读取，已恢复上一次完好的保存。无法读取的数据仍被保留：请先下载再丢弃。";
    SaveFailedBanner => "Saving failed:", "保存失败：";
    DownloadWorkspace => "Download workspace file", "下载工作区文件";
    ReloadWorkspace => "Reload", "重新载入";
    KeepMine => "Keep this tab's version", "保留本标签页版本";
    DownloadUnreadable => "Download unreadable data", "下载无法读取的数据";
    Discard => "Discard", "丢弃";
    NavAbout => "Privacy & data", "隐私与数据";
    PrivacyTitle => "Your data stays in this browser", "数据只保存在本浏览器";
    PrivacyWhat => "What is kept: your workspace (accounts, people including any personal details you enter, orders, credit history, edited frameworks, settings) and your interface language.",
        "保存的内容：工作区（客户、人员及你录入的个人信息、订单、信用记录、修改过的评估框架、设置）以及界面语言。";
    PrivacyWhere => "Where: this browser's storage for this site only (localStorage, and IndexedDB for very large workspaces). KAM Radar has no server: nothing is uploaded, nothing is tracked, and the page cannot connect to any other site.",
        "保存位置：仅在本浏览器中本网站的存储（localStorage，超大工作区使用 IndexedDB）。大客户雷达没有服务器：不上传任何数据、不做任何跟踪，页面也无法连接其他网站。";
    PrivacyDelete => "To remove everything, use Delete all data below (or clear this site's data in the browser settings).",
        "如需删除全部数据，请使用下方的“删除全部数据”（或在浏览器设置中清除本网站数据）。";
    StorageInUse => "Browser storage used by KAM Radar", "大客户雷达占用的浏览器存储";
    WorkspaceFile => "Workspace file", "工作区文件";
    WorkspaceFileHelp => "Download the open workspace as one JSON file to keep a copy, move it to another computer or hand it to a colleague; open such a file here to restore it as a workspace of its own (an empty, unnamed workspace is filled instead).",
        "将当前工作区下载为一个 JSON 文件，可留作备份、迁移到另一台电脑或交给同事；在此打开该文件即可将其恢复为一个独立的工作区（若当前工作区为空且未命名，则直接填入）。";
    OpenWorkspaceFile => "Open a workspace file", "打开工作区文件";
    WorkspaceOpened => "Workspace restored from the file.", "已从文件恢复工作区。";
    WorkspaceFileRejected => "This file could not be opened:", "无法打开此文件：";
    DeleteAllData => "Delete all data", "删除全部数据";
    DeleteAllConfirm => "Delete every workspace and setting KAM Radar keeps in this browser? Download the workspace file first if you may need it. This cannot be undone.",
        "确定删除大客户雷达在本浏览器中保存的所有工作区和设置吗？如有需要请先下载工作区文件。此操作无法撤销。";
    DeletedAll => "All data KAM Radar kept in this browser has been deleted.", "大客户雷达在本浏览器中保存的全部数据已删除。";
    PrivacyNote => "Private by design: your data stays in this browser. No server, no account, no tracking.",
        "隐私优先：数据只保存在本浏览器中。无服务器、无账号、无跟踪。";
    PortfolioEmpty => "The portfolio will list every account with its scores and classes for each framework: key-account list, credit grade, external class, internal tier, ABC and RFM.",
        "客户组合将列出每个客户在各框架下的得分与分类：大客户名单、信用等级、外部画像分类、内部画像层级、ABC 与 RFM。";
    AccountsEmpty => "Each account will show every score with its explanation and its external and internal radars against their lines.",
        "每个客户将展示各项得分及其依据，以及外部画像和内部画像相对基准线的雷达图。";
    StakeholdersEmpty => "The people at each customer will appear by journey point, each with a radar against the ideal profile, the power map and the relationship plan.",
        "客户人员将按旅程点展示，每人一张相对理想画像的雷达图，并附组织权力图谱与关系发展计划。";
    NothingYet => "Nothing here yet", "暂无内容";
    // Import
    ChooseFiles => "Choose files…", "选择文件…";
    ImportLead => "Accounts, stakeholders, orders and credit assessments — from several sheets or files at once. The files are read in this browser only; you check the mapping and the report before anything changes.",
        "客户、客户人员、订单和信用评估可同时从多个工作表或文件导入。文件只在本浏览器中读取；在任何数据变更之前，你可以先核对列映射和问题报告。";
    TemplatesHint => "A template to hand to your client (bilingual headers, accepted labels):", "可交给客户填写的模板（中英文表头及可用的等级标签）：";
    TemplateCsv => "Template CSV", "CSV 模板";
    TemplateXlsx => "Template XLSX", "XLSX 模板";
    ImportReading => "Reading the files…", "正在读取文件…";
    ImportConverting => "Checking every row…", "正在逐行检查…";
    ImportScoring => "Imported. Scoring every account…", "已导入，正在为每个客户评分…";
    Cancel => "Cancel", "取消";
    ImportCancelled => "The import was cancelled; nothing was changed.", "导入已取消，数据未作任何更改。";
    MappingHint => "Check what each sheet holds and which field each column fills; the first rows are shown under the columns. Columns that match no field are kept on the account as attributes.",
        "请核对每个工作表的内容类型以及每列对应的字段；各列下方显示前几行数据。未匹配任何字段的列将作为客户属性保留。";
    SheetHolds => "This sheet holds", "此工作表的内容：";
    SheetNotImported => "This sheet will not be imported.", "此工作表不会被导入。";
    ConfidenceNone => "not matched", "未匹配";
    ConfidenceMedium => "probable", "可能";
    ConfidenceHigh => "sure", "确定";
    ConfidenceRemembered => "as last time", "沿用上次";
    ConfidenceUser => "your choice", "手动指定";
    CheckImport => "Check the import", "检查导入";
    NothingToImport => "Every sheet is set to “not imported”.", "所有工作表都设为“不导入”。";
    ImportPreviewTitle => "What this import will change", "本次导入将带来的变更";
    NewAccounts => "new accounts", "个新客户";
    UpdatedAccounts => "accounts updated", "个客户将更新";
    UnchangedAccounts => "accounts unchanged", "个客户无变化";
    RowsWithProblems => "rows with problems, left out", "行有问题，未导入";
    NewStakeholders => "new stakeholders", "位新客户人员";
    UpdatedStakeholders => "stakeholders updated", "位客户人员将更新";
    NewOrders => "new orders", "笔新订单";
    NewAssessments => "new credit assessments", "条新信用评估";
    MergeNeverDeletes => "An import only adds and updates: nothing the files do not mention is deleted, and an empty cell never erases a value.",
        "导入只会新增和更新：文件未涉及的数据不会被删除，空单元格也不会清除已有的值。";
    CommitImport => "Import", "确认导入";
    BackToMapping => "Back to the mapping", "返回列映射";
    ProblemsTitle => "Problems", "问题";
    NoProblems => "No problems: every row can be imported.", "没有问题：所有行均可导入。";
    ProblemsTruncated => "Only the first problems are listed; the problem rows download holds every rejected row with its reasons.",
        "此处只列出前面的问题；下载的问题行文件包含所有被拒绝的行及原因。";
    DownloadProblemRows => "Download problem rows", "下载问题行";
    ColumnFile => "File", "文件";
    ColumnSheet => "Sheet", "工作表";
    ColumnRow => "Row", "行";
    ColumnColumn => "Column", "列";
    ColumnValue => "Value", "值";
    ColumnReason => "Reason", "原因";
    SeverityError => "error", "错误";
    SeverityWarning => "warning", "警告";
    ImportDone => "Import complete", "导入完成";
    OpenPortfolio => "Open the portfolio", "查看客户组合";
    OpenAccounts => "Open the accounts", "查看客户";
    // Portfolio table
    PortfolioTableTitle => "All accounts", "全部客户";
    ColAccount => "Account", "客户";
    ColKeyList => "Key-account list", "大客户名单";
    ColCreditGrade => "Credit grade", "信用等级";
    ColExternalScore => "External score", "外部画像得分";
    ColExternalClass => "External class", "外部画像分类";
    ColInternalScore => "Internal score", "内部画像得分";
    ColInternalTier => "Internal tier", "内部画像层级";
    ColAbc => "ABC", "ABC 类";
    ColRfm => "RFM", "RFM 分组";
    ColLevel => "Level", "级别";
    LevelCompany => "Company-level", "公司级";
    LevelRegional => "Regional-level", "区域级";
    LevelNotSet => "Level not set", "未设置级别";
    AllLevels => "All levels", "全部级别";
    AllOwners => "All owners", "全部负责人";
    AllRegions => "All regions", "全部区域";
    AbcFacet => "ABC class (annual sales)", "ABC 分类（年销售额）";
    NoAbc => "no figure to rank by", "无排序依据数据";
    CountsCaption => "Accounts per class among those the other filters show. Click a class to show only it; click it again to show all.",
        "各类别的客户数（在其他筛选条件下统计）。点击某一类别只显示该类，再次点击恢复显示全部。";
    AccountsShown => "Accounts shown", "显示的客户";
    ClearFilters => "Clear filters", "清除筛选";
    NoMatches => "No account matches these filters.", "没有符合筛选条件的客户。";
    TableHelp => "Click a heading to sort, again to reverse. Arrow keys move between rows; Enter or a click opens the account.",
        "点击列标题排序，再次点击反向排序。方向键在行间移动；按回车键或单击打开该客户。";
    DownloadResultsCsv => "Download results CSV (all accounts)", "下载结果 CSV（全部客户）";
    DownloadResultsHint => "Every account, whatever the filters show, in the stable results format (UTF-8). Text a spreadsheet would run as a formula (starting with = + - @) gets a leading '.",
        "导出全部客户（不受筛选影响），采用固定的结果格式（UTF-8）。以 = + - @ 开头、可能被电子表格当作公式执行的文本会加上前缀 '。";
    DownloadShownCsv => "Download shown rows (CSV)", "下载当前显示的客户（CSV）";
    DownloadShownHint => "Only the accounts the filters show, in the table's order, in the same format.",
        "仅导出当前筛选显示的客户，按表格顺序排列，格式相同。";
    // Workspaces
    WorkspaceLabel => "Workspace", "工作区";
    UntitledWorkspace => "Untitled workspace", "未命名工作区";
    NewWorkspace => "New workspace", "新建工作区";
    ManageWorkspaces => "Manage workspaces…", "管理工作区…";
    WorkspacesTitle => "Workspaces", "全部工作区";
    WorkspacesHelp => "Each workspace keeps its own accounts, people, orders, credit history, edited frameworks, column mappings and settings. Opening another one saves the open one first; a deleted workspace can be brought back with Undo for a minute.",
        "每个工作区独立保存各自的客户、人员、订单、信用记录、修改过的评估框架、列映射和设置。打开其他工作区前会先保存当前工作区；删除的工作区可在一分钟内通过“撤销”恢复。";
    NameColumn => "Name", "名称";
    KeptIn => "Kept in", "存储位置";
    SizeColumn => "Size", "大小";
    LastSaved => "Last saved", "最近保存";
    Actions => "Actions", "操作";
    OpenHere => "open", "当前";
    OpenWorkspace => "Open", "打开";
    Rename => "Rename", "重命名";
    Duplicate => "Duplicate", "复制";
    Delete => "Delete", "删除";
    Save => "Save", "保存";
    CopySuffix => "(copy)", "副本";
    WorkspaceDeleted => "Workspace deleted:", "已删除工作区：";
    Undo => "Undo", "撤销";
    BackupReminder => "You have done a fair amount of work since this workspace's file was last downloaded. Download it to keep a copy outside this browser.",
        "自上次下载此工作区文件以来，你已做了不少修改。请下载文件，在浏览器之外保留一份副本。";
    NotNow => "Not now", "暂不";
    LocalStorage => "localStorage", "本地存储 (localStorage)";
    IndexedDb => "IndexedDB", "大容量存储 (IndexedDB)";
    StorageKinds => "Storage in use: localStorage (a few MB for this site) for ordinary workspaces; a workspace that outgrows it moves to IndexedDB (far larger) by itself. The list of workspaces below says where each one is kept.",
        "使用的存储：普通工作区保存在 localStorage（本网站约有几 MB）；超出容量的工作区会自动转存到 IndexedDB（容量大得多）。下方的工作区列表注明了每个工作区的存储位置。";
    StorageLocalOnly => "Storage in use: localStorage (a few MB for this site). This browser offers no IndexedDB, so a workspace larger than that cannot be kept here: download it as a file.",
        "使用的存储：localStorage（本网站约有几 MB）。此浏览器不提供 IndexedDB，超出该容量的工作区无法保存在这里：请下载为文件。";
    OpeningWorkspace => "Opening your workspace…", "正在打开工作区…";
    // Account view: why, what to improve, credit history, cuts, inline editing, notes
    WhatToImprove => "What to improve", "改进方向";
    AccountInputs => "Inputs", "输入数据";
    InputsHelp => "Type a value and press Enter to save it, Escape to cancel. A level can be chosen or a number entered; an empty field clears the input (the score is then missing, not 0). Scores update at once.",
        "输入后按回车保存，按 Esc 取消。档位可直接选择，也可输入数字；清空输入框即删除该输入（得分显示为缺失，而不是 0）。得分会立即更新。";
    AccountFieldsTitle => "Account", "客户信息";
    AlsoReadBy => "also read by", "同时用于";
    NumberOption => "number…", "数字…";
    NotSetOption => "— not set —", "— 未填写 —";
    UnknownLevelOption => "not a level", "无效档位";
    PressEnter => "Enter to save · Esc to cancel", "回车保存 · Esc 取消";
    CreditHistory => "Credit history", "信用记录";
    ColDate => "Date", "日期";
    ColTotal => "Total", "合计";
    ColGrade => "Grade", "等级";
    ColList => "List", "名单";
    NoCreditHistory => "No dated credit assessment yet: import a sheet of assessments to keep the history and the red-list clock.",
        "尚无带日期的信用评估：导入信用评估表即可保留信用记录并启用红名单计时。";
    NotOnRedList => "Not on the red list: the red-list clock is not running.", "不在红名单上：红名单计时未启动。";
    PortfolioPosition => "Share of wallet, ABC, RFM, contract value, strategic test", "钱包份额、ABC、RFM、合同价值与战略级候选";
    ShareOfWallet => "Share of wallet", "钱包份额";
    ShareNeedsFigures => "Needs our annual sales (an input above) and the customer's spend in our category.",
        "需要我方年销售额（见上方输入）和客户在本品类的采购额。";
    CategorySpend => "Customer's category spend", "客户品类采购额";
    NoAbcClass => "No ABC class: the account has no figure of what ABC ranks by (annual sales or contract value, chosen in the Portfolio settings).",
        "无 ABC 分类：该客户没有 ABC 排序依据的数据（年销售额或合同金额，在客户组合设置中选择）。";
    NoRfmCell => "No RFM cell: no order up to today.", "无 RFM 分组：截至今天没有订单。";
    Notes => "Notes", "备注";
    NotesHelp => "Free notes, saved when you leave the box; they stay in this browser.", "自由备注，离开输入框时保存；仅保存在本浏览器中。";
    // Framework editor
    FwListLabel => "Frameworks in force", "当前使用的评估框架";
    FwPreset => "preset", "预设";
    FwEdited => "edited", "已修改";
    FwOwn => "your own", "自定义";
    FwCopy => "Copy to edit", "复制后编辑";
    FwReset => "Reset to preset", "恢复预设";
    FwRemove => "Remove framework", "移除框架";
    FwResetDone => "The workspace copy was removed; the framework is back to what it was.", "已移除工作区中的副本，框架已恢复原样。";
    FwReadOnlyHint => "This is the preset as it ships. Copy it to edit it: the copy is saved in this workspace and replaces the preset here.",
        "这是随应用提供的预设框架。复制后即可编辑：副本保存在本工作区，并在此替代预设。";
    FwEditingHint => "Editing this workspace's copy. Every change re-scores the portfolio at once; a value that cannot be scored is not taken and says why.",
        "正在编辑本工作区的副本。每次修改都会立即重新评估全部客户；无法评分的数值不会被采用，并会说明原因。";
    FwNone => "Choose a framework.", "请选择一个评估框架。";
    FwDimensions => "Dimensions", "维度";
    FwDimension => "Dimension", "维度";
    FwWeightHint => "The weight of a dimension is its maximum. Changing it scales that dimension's level bands (and breakpoint scores) in proportion; the class thresholds and lines stay as they are — edit them on their own.",
        "维度的权重即其满分。修改权重会按比例缩放该维度的各等级分数段（及折点分数）；分类阈值和参考线保持不变，可单独修改。";
    FwWeight => "Weight (max)", "权重（满分）";
    FwRange => "Range", "分值范围";
    FwInputKey => "Input", "输入项";
    FwRuleDirect => "Direct: the number itself", "直接打分：分数即输入值";
    FwRuleLevels => "Levels: a label gives its score, or enter a number", "分档：标签对应其分数，也可直接输入分数";
    FwRulePiecewise => "Piecewise: a measure interpolated between breakpoints", "折线：按折点对度量值线性插值";
    FwRuleDerived => "Derived", "派生";
    FwDerivedTotal => "from the total of", "取自框架总分：";
    FwDerivedStakeholders => "from the stakeholders of", "取自客户人员框架：";
    FwDirectHint => "Scored as entered, within the range; nothing to set.", "按输入值计分（须在分值范围内），无需设置。";
    FwLabelEn => "Label (English)", "标签（英文）";
    FwLabelZh => "Label (中文)", "标签（中文）";
    FwFrom => "From", "下限";
    FwTo => "To", "上限";
    FwLabelScore => "Score of the label", "标签分数";
    FwCuts => "Level chosen from the measure at", "按度量值选择等级，阈值";
    FwMeasure => "Measure", "度量值";
    FwScore => "Score", "分数";
    FwAddBreakpoint => "Add a breakpoint", "添加折点";
    FwRemoveBreakpoint => "Remove breakpoint", "删除折点";
    FwAddDimension => "Add a dimension", "添加维度";
    FwRemoveDimension => "Remove", "删除";
    FwLines => "Reference lines", "参考线";
    FwAddLine => "Add a line", "添加参考线";
    FwRemoveLine => "Remove", "删除";
    FwClassification => "Classification", "分类规则";
    FwNoClassification => "No classification: scores and lines only.", "不分类：仅显示得分与参考线。";
    FwClass => "Class", "类别";
    FwMinTotal => "Minimum total", "最低总分";
    FwOtherwise => "otherwise", "其余情况";
    FwInclusive => "Inclusive: a total equal to a threshold reaches it (\"80分以上\" includes 80)", "含边界：总分等于阈值即达到该类别（“80分以上”含80分）";
    FwWhen => "When", "条件";
    FwMeets => "meets", "达到";
    FwFallsBelow => "falls below", "低于";
    FwLineRule => "Comparing an account with a line", "客户与参考线的比较方式";
    FwStakeholderWeight => "Averaging the stakeholders' relationship scores", "人员关系得分的平均方式";
    FwWeightedByPower => "Weighted by each person's power role (default)", "按各人的权力角色加权（默认）";
    FwPlainMean => "Plain mean: everyone counts once", "简单平均：每人同等计入";
    FwRuleEvery => "Every dimension reaches the line's value (default)", "每个维度都达到该线的数值（默认）";
    FwRuleTotal => "The total reaches the sum of the line (alternative)", "总分达到该线各值之和（另一种理解）";
    FwInterpretations => "Interpretations of the source and their alternatives", "对原文的理解及另一种理解";
    FwEnterNumber => "Enter a number.", "请输入数字。";
    FwProblemNoRange => "the weight (max) equals the minimum {min}, which leaves nothing to score; enter a weight above {min}",
        "权重（满分）等于最小值{min}，没有可计分的范围；请输入大于{min}的权重";
    FwProblemNoLabel => "the level needs a label in English or Chinese", "该等级至少需要一个英文或中文标签";
    FwProblemLabelTaken => "the label '{label}' already names level '{level}'; each level needs a label of its own",
        "标签“{label}”已用于等级“{level}”；各等级的标签不能相同";
    FwProblemLineAboveMet => "{value} is above line '{line}' ({limit}); a line below which accounts are ruled out must not be above the line they must meet",
        "{value}高于参考线“{line}”的{limit}；低于即排除的参考线（如警戒线）不能高于须达到的参考线（如基准线）";
    FwMaxChanged => "The weights now add up to {now} points, not {stated}: the maximum total is {now}. The class thresholds ({thresholds}) were not changed with them; adjust them under Classification if needed.",
        "各项权重之和现为{now}分（原满分{stated}分），总分上限随之变为{now}分。分类阈值（{thresholds}）未随权重调整，如有需要请在“分类规则”中修改。";
    FwUndoCount => "Changes that can be undone: {n}, the latest first.", "可撤销的修改：{n} 步，从最近一步开始。";
    FwUndoHint => "Undo the last change to the frameworks", "撤销对评估框架的上一步修改";
    FwChangeSummary => "{n} accounts change tier: {up} up, {down} down", "{n} 个客户的层级发生变化：{up} 个上升，{down} 个下降";
    FwChangeSummaryOne => "1 account changes tier: {up} up, {down} down", "1 个客户的层级发生变化：{up} 个上升，{down} 个下降";
    FwChangeUnranked => ", {n} to or from not classified", "，{n} 个进入或离开“未分类”";
    FwNoChange => "No account changes tier.", "没有客户的层级发生变化。";
    FwAlsoChanged => "Also changed:", "同时变化：";
    FwShowAccounts => "Show the accounts", "查看这些客户";
    FwMoreChanges => "… and {n} more", "……另有 {n} 个";
    FwExport => "Download framework file", "下载框架文件";
    FwExportHint => "Saves this workspace's edited frameworks (or the framework shown, if none is edited) as a file to share.",
        "将本工作区修改过的框架（若没有，则为当前显示的框架）保存为文件，便于分享。";
    FwImport => "Open framework file…", "打开框架文件…";
    FwImported => "{file}: frameworks {ids} are now in force.", "{file}：已启用框架 {ids}。";
    FwFileRefused => "Framework file refused; your frameworks are unchanged.", "框架文件未被接受，当前框架保持不变。";
    FwWhatIf => "What-if", "假设分析";
    FwNotSaved => "Trial values — not saved", "试算数值——不会保存";
    FwWhatIfChoose => "Search for an account, then try other values for its inputs.", "搜索并选择一个客户，然后为其输入项试填其他数值。";
    FwWhatIfReset => "Reset trial values", "清除试算数值";
    FwSaved => "Saved", "已保存";
    FwTrial => "Trial", "试算";
    // Stakeholders: power map, relationship plan, coverage gaps, editing people
    RelationshipTitle => "Customer relationship (internal profile)", "客户关系（客户内部画像）";
    RelationshipWas => "was", "原为";
    RelationshipFormula => "Relationship-role scores weighted by power-role scores:", "关系角色得分按权力角色得分加权：";
    RelationshipEntered => "Nobody here has both a power role and a relationship role yet, so the level entered for the account is used.",
        "尚无人员同时具有权力角色和关系角色，因此采用为该客户录入的等级。";
    RelationshipLeftOut => "Not counted (power or relationship role not known):", "未计入（权力角色或关系角色未知）：";
    GapsTitle => "Coverage gaps", "覆盖缺口";
    NoGaps => "No gaps: every journey point has a key decision maker and a coach, and no opponent holds power.",
        "没有缺口：每个旅程点都有最终决策者和教练，且没有反对者掌握权力。";
    PowerMapTitle => "Power map: power role × relationship role per journey point", "组织权力图谱：各旅程点的权力角色 × 关系角色";
    PowerMapLegend => "Rows: power role, most power first. Columns: relationship role. ★ coach (solid frame), ✕ opponent (dashed frame); ⚠ counts the gaps of a journey point.",
        "行：权力角色，权力大者在上。列：关系角色。★ 教练（实线框），✕ 反对者（虚线框）；⚠ 为该旅程点的缺口数。";
    PowerCorner => "Power ↓ relationship →", "权力 ↓ 关系 →";
    NotKnown => "not known", "未知";
    PlanTitle => "Relationship plan: every person's next step", "关系计划：每个人的下一步";
    PlanHelp => "Befriend opponents, turn neutrals into supporters, develop supporters into coaches. The most powerful people come first.",
        "与反对者交朋友，把中立者变成支持者，把支持者发展成教练。权力大者排在前面。";
    AddPerson => "Add a person", "添加人员";
    EditPerson => "Edit", "编辑";
    RemovePerson => "Remove", "移除";
    PersonRemoved => "Removed:", "已移除：";
    PersonName => "Name", "姓名";
    JourneyPoint => "Journey point", "旅程点";
    ChooseNumber => "a number…", "输入数值…";
    NumberWord => "(number)", "（数值）";
    KeptAsEntered => "as entered, not a known level", "原录入值，非已知等级";
    PersonalDetails => "Personal details (optional)", "个人信息（可选）";
    PersonalNote => "Stays in this browser, never scored.", "仅保存在此浏览器中，从不参与评分。";
    Gender => "Gender", "性别";
    Phone => "Phone", "电话";
    Email => "Email", "邮箱";
    Address => "Address", "地址";
    Background => "Background", "背景";
    Hobbies => "Hobbies", "爱好";
    Family => "Family", "家庭";
    FormKeys => "Enter saves, Escape cancels.", "按 Enter 保存，按 Esc 取消。";
    PersonChanged => "This person was changed or removed meanwhile: cancel and edit them again.",
        "此人员已在其他地方被修改或移除：请取消后重新编辑。";
    // Exports (XLSX results), print view and help page
    XlsxAccountId => "Account id", "客户编号";
    XlsxTotal => "Total", "总分";
    XlsxClass => "Class", "类别";
    XlsxList => "List", "名单";
    XlsxShareOfWallet => "Share of wallet", "钱包份额";
    XlsxMainstream => "Mainstream supplier", "主流供应商";
    XlsxIncomplete => "Missing or invalid inputs", "缺失或无效的输入";
    XlsxStatusLostOn => "Key-account status lost on", "取消大客户资格日期";
    XlsxYes => "yes", "是";
    XlsxNo => "no", "否";
    XlsxJourneyPoint => "Journey point", "旅程点";
    XlsxPerson => "Name", "姓名";
    XlsxPowerRole => "Power role (level)", "权力角色（档位）";
    XlsxRelationshipRole => "Relationship role (level)", "关系角色（档位）";
    XlsxNextStep => "Next step", "下一步";
    XlsxDate => "Date", "日期";
    DownloadResultsXlsx => "Download results XLSX", "下载结果 XLSX";
    DownloadShownXlsx => "Shown rows as XLSX", "当前显示行 XLSX";
    DownloadXlsxHint => "A workbook with one sheet per view: the portfolio, each framework with every dimension score, the stakeholders and the credit history. Headers in both languages; numbers stay numbers; text that a spreadsheet would run as a formula starts with ' as in the CSV.",
        "工作簿每个视图一张工作表：客户组合、各评估框架的各维度得分、客户人员和信用记录。表头为中英双语；数字保持为数字；可能被电子表格当作公式执行的文本与 CSV 一样以 ' 开头。";
    MakingWorkbook => "Making the workbook…", "正在生成工作簿…";
    WorkbookSaved => "Workbook saved:", "工作簿已保存：";
    PrintShown => "Print view", "打印视图";
    PrintShownHint => "One page per account shown in the table: scores, radars, explanations and stakeholders, ready to print or save as PDF.",
        "表格中显示的每个客户一页：得分、雷达图、评分依据和客户人员，可直接打印或另存为 PDF。";
    PrintTitle => "Print view", "打印视图";
    PrintIntro => "One page per account shown in the portfolio table, in its order (filter the table to print fewer). Use Print, then “Save as PDF” as the printer to make a PDF.",
        "客户组合表格中显示的每个客户一页，按表格顺序排列（在表格中筛选可减少打印的客户）。点击“打印”，并选择“另存为 PDF”作为打印机即可生成 PDF。";
    PrintButton => "Print", "打印";
    BackToPortfolio => "Back to the portfolio", "返回客户组合";
    PrintAccounts => "accounts to print", "个客户待打印";
    PrintCapped => "Only the first accounts are laid out, to keep the browser responsive; filter the portfolio table to print the others. Accounts laid out:",
        "为保持浏览器流畅，只排版了前面的客户；请在客户组合表格中筛选以打印其他客户。已排版的客户数：";
    PrintFramework => "Framework", "评估框架";
    PrintClasses => "Scores and classes", "得分与分类";
    NavHelp => "How the frameworks work", "评估框架说明";
    HelpIntro => "Every score in KAM Radar comes from a framework: a list of dimensions, each with a rule that turns an input into a score, optional reference lines, and a rule that classifies the result. The tables below are drawn from the frameworks in force in this workspace, so an edited framework is described as edited. Where the source documents are ambiguous, the choice made is listed under “Interpretations”, with its alternative.",
        "大客户雷达中的每个分数都来自一个评估框架：若干维度（每个维度有一条把输入转换为分数的规则）、可选的参照线，以及对结果进行分类的规则。下表取自本工作区当前使用的评估框架，因此修改后的框架会按修改后的内容说明。资料中含义不明确之处，所作的选择及其替代方案列在“解释说明”中。";
    HelpContents => "Contents", "目录";
    HelpDimensions => "Dimensions", "维度";
    HelpRange => "Range", "范围";
    HelpRule => "Rule", "规则";
    HelpWeighs => "What it weighs", "考量内容";
    HelpLines => "Reference lines", "参照线";
    HelpLine => "Line", "参照线";
    HelpClassification => "Classification", "分类规则";
    HelpInterpretations => "Interpretations", "解释说明";
    HelpExamples => "Worked examples from the source", "资料中的示例";
    HelpResult => "Result", "结果";
    HelpAlternative => "Under the alternative rule: ", "按替代规则：";
    HelpDirect => "the number itself, from", "直接取数值，范围";
    HelpTo => "to", "至";
    HelpLabelScores => "a label scores the middle of its band, or the score given; a number inside the range is taken as is",
        "填写档位时取该档分数段的中点（或给定分数）；填写范围内的数字时直接采用";
    HelpLevelFromMeasure => "without a label, the level is chosen from", "未填写档位时，按以下数值选择档位：";
    HelpPiecewise => "interpolated between the breakpoints (measure → score), flat beyond the last:",
        "在折点（数值 → 分数）之间线性插值，超过最后一个折点后保持不变：";
    HelpScoreEntered => "or a score entered directly in", "或直接在此填写分数：";
    HelpDerivedTotal => "the complete total of", "取自以下框架的完整总分：";
    HelpDerivedMean => "the mean of the account's stakeholders' scores on", "客户各人员在以下维度得分的平均值：";
    HelpWeightedBy => "weighted by", "权重为";
    HelpUnweighted => "everyone counting once (plain mean)", "每人同等计入（简单平均）";
    HelpBefore => "until that exists:", "在此之前：";
    HelpNotScored => "plotted as is, not scored", "按实际值绘制，不计分";
    HelpNoClasses => "No class: each person is drawn against the lines and the gaps show what to develop.",
        "不分类：每个人都与参照线对照，差距即需要发展的方向。";
    HelpRuleEvery => "Rule “every dimension”: a line is met when every scored dimension reaches its value; one dimension below is enough to fall below it.",
        "“每个维度”规则：每个计分维度都达到参照线的值才算达到该线；任何一个维度低于该值即算低于该线。";
    HelpRuleTotal => "Rule “total”: the sum of the scores is compared with the sum of the line.",
        "“总分”规则：各维度得分之和与参照线各值之和比较。";
    HelpMeets => "meets", "达到";
    HelpFallsBelow => "falls below", "低于";
    HelpOtherwise => "otherwise", "否则";
    HelpTotalAtLeast => "total at least", "总分不低于";
    HelpTotalAbove => "total above", "总分高于";
    HelpScorecardProse => "The scorecard decides which customers deserve key-account treatment. Score each of the six criteria (or enter high, mid or low); the points add up to at most 100. From 80 the account is on the key-account list, from 60 on the potential list. Key accounts are then served at company or regional level.",
        "大客户评判标准用于判断哪些客户值得按大客户管理。为六项标准逐项打分（或填写高、中、低），满分 100 分。80 分及以上列入大客户名单，60 分及以上列入潜在大客户名单。大客户再分为公司级和区域级进行服务。";
    HelpCreditProse => "The credit rating says how safe the business is: deal volume and contract performance add points, operating risk takes them away. The grade puts the customer on the green, yellow or red list; a key account that stays on the red list for a year loses its status, so every assessment is kept with its date. Such an account is listed as “key-account status lost” in the portfolio table, its counts and charts and the exports, and its page says since when; the period is a portfolio setting.",
        "信用等级反映与客户合作的安全程度：年度成交量和履约程度加分，经营风险减分。等级决定客户进入绿、黄或红名单；大客户在红名单上停留满一年将失去大客户资格，因此每次评估都连同日期保存。这类客户在客户组合表、分类统计、图表和导出中列为“已取消大客户资格”，客户页面注明取消日期；停留期限可在客户组合设置中修改。";
    HelpExternalProse => "The external profile describes the customer as it is, to decide whom to develop. Each dimension is compared with the baseline and the warning line; the radar shows at a glance where a customer falls short.",
        "客户外部画像描述客户自身的客观情况，用于决定开发哪些客户。每个维度都与基准线和警戒线对照；雷达图一眼可见客户在哪些方面未达标。";
    HelpInternalProse => "The internal profile describes the customer as we experience it, to decide how to manage it. Each tier line (key, important, general account) is tested on its own, since the lines are not nested; credit and relationship come from the credit rating and the stakeholder map once they exist.",
        "客户内部画像描述我们与客户合作的实际情况，用于决定如何管理客户。由于各层级线并非逐级包含，大客户、重点客户、一般客户三条线分别单独检验；信用等级和客户关系在有信用评估和人员图谱后自动取值。";
    HelpStakeholderProse => "The stakeholder radar draws each person of the customer, at their journey point, against the ideal profile. The relationship plan follows the source: befriend opponents, turn neutrals into supporters, develop supporters into coaches.",
        "客户人员雷达画像在各旅程点上把客户的每个人员与理想画像对照。关系策略遵循资料中的原则：与反对者交朋友，把中立者变成支持者，把支持者发展成教练。";
    HelpSegmentationProse => "Portfolio cuts: ABC ranks accounts by annual sales (or contract value) and cuts the cumulative share at 80% and 95% by default; RFM scores recency, frequency and monetary value of the orders 1–5 by quintile; share of wallet is our sales over the customer's category spend, and 60% or more makes us the mainstream supplier; each contract's value is weighed by its age (its weight halves every 3 years by default); a strategic candidate buys on average above X% of our revenue and grew above Y% in each of the last three years. Every one of these figures is set in the Portfolio settings.",
        "客户组合划分：ABC 按年销售额（或合同金额）排序，默认在累计占比 80% 和 95% 处划分；RFM 按五分位为订单的最近一次时间、频次和金额各打 1–5 分；钱包份额为我方销售额占客户该品类采购额的比例，达到 60% 即为主流供应商；合同金额按签订时间加权（默认每过 3 年权重减半）；年均采购额占我方营收 X% 以上且连续三年增长率超过 Y% 的客户为战略级大客户候选。以上各项数值均可在客户组合设置中修改。";

    // Portfolio settings (ABC, RFM, contract value half-life, mainstream share, red list,
    // strategic candidates) and the account's contract value and strategic test
    SettingsTitle => "Portfolio settings: ABC, RFM, contract value, strategic candidates, credit",
        "组合设置：ABC、RFM、合同价值、战略级候选、信用";
    SettingsHint => "Each change is checked on its field, re-scores the portfolio at once and is saved with the workspace.",
        "每项修改先在输入框处校验，随即重新计算整个客户组合，并随工作区保存。";
    SettingAbcBasis => "ABC ranks accounts by", "ABC 排序依据";
    SettingAbcA => "A: accounts up to a cumulative share of", "A 类：累计占比至";
    SettingAbcB => "B: accounts up to a cumulative share of", "B 类：累计占比至";
    SettingRfmWindow => "RFM window (orders up to today)", "RFM 统计窗口（截至今天的订单）";
    SettingHalfLife => "Contract value: a contract's weight halves every", "合同价值：合同金额的权重减半周期";
    SettingMainstream => "Mainstream supplier from a share of wallet of", "主流供应商：钱包份额达到";
    SettingDealVolume => "Credit rating: annual deal volume from annual sales", "信用等级：按年销售额确定年度项目成交量";
    SettingDealHigh => "High from annual sales of", "“高”：年销售额不低于";
    SettingDealMid => "Mid from annual sales of", "“中”：年销售额不低于";
    SettingDealVolumeHint => "With both thresholds set, an account without a deal-volume entry is rated high, mid or low from its annual sales; an entered level or score still counts first. Leave both empty to enter deal volume directly.", "两个门槛都填写后，未填写年度成交量的客户按年销售额评为高、中或低；已填写的档位或分数仍优先。两项都留空则直接填写年度成交量。";
    SettingRedListMonths => "A key account loses its status after the red list for", "大客户在红名单上停留满以下时长即失去资格";
    SettingOurRevenue => "Our annual revenue (base of X)", "我方年营收（X 的基数）";
    SettingStrategicShare => "Strategic candidate: average yearly purchases above (X)", "战略级候选：年均采购额占比超过（X）";
    SettingStrategicGrowth => "Strategic candidate: growth in each of the last three years above (Y)", "战略级候选：连续三年增长率超过（Y）";
    StrategicRuleHint => "Strategic candidate (source 004; its X and Y are left blank there): average yearly purchases above X% of our revenue and growth above Y% in each of the last three years. Interpretation: the years are 12 months each, counted back from today. Leave a field empty to not run the test.",
        "战略级大客户候选（资料 004，原文未给出 X 与 Y 的取值）：年均采购额占企业总营收 X% 以上且连续三年增长率超过 Y%。解读：每一年按 12 个月计，从今天往前推算。留空则不进行此项判断。";
    UnitPctCumulative => "% cumulative", "% 累计";
    UnitDays => "days", "天";
    UnitYears => "years", "年";
    UnitMonths => "months", "个月";
    UnitPctOfSpend => "% of the customer's category spend", "% 客户品类采购额";
    UnitPctOfRevenue => "% of our revenue", "% 我方营收";
    UnitPctAYear => "% a year", "% 每年";
    RecencyWeightedTitle => "Recency-weighted contract value", "时间加权合同额";
    NoContracts => "No contracts (orders) up to today.", "截至今天没有合同（订单）。";
    StrategicTitle => "Strategic candidate", "战略级大客户候选";
    ParetoNoFigures => "no account has this figure, so there is no curve. Import it, or choose what ABC ranks by in the Portfolio settings.",
        "没有客户有该项数据，因此无法绘制曲线。请导入该数据，或在组合设置中更改 ABC 排序依据。";
    StrategicNeedsSettings => "Not tested: set our annual revenue and the thresholds X and Y in the Portfolio settings.",
        "未判断：请在“客户组合”视图的组合设置中填写我方年营收以及 X、Y 两个门槛。";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_the_first_supported_language() {
        assert_eq!(Lang::preferred(["zh-CN", "en"]), Lang::Zh);
        assert_eq!(Lang::preferred(["de-DE", "zh-Hans-CN"]), Lang::Zh);
        assert_eq!(Lang::preferred(["en-GB", "zh"]), Lang::En);
        assert_eq!(Lang::preferred(["fr", "de"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
    }

    #[test]
    fn every_message_has_both_languages_and_they_differ() {
        for msg in Msg::ALL {
            let (en, zh) = (msg.text(Lang::En), msg.text(Lang::Zh));
            assert!(!en.trim().is_empty(), "{msg:?} has no English text");
            assert!(!zh.trim().is_empty(), "{msg:?} has no Chinese text");
            assert_ne!(en, zh, "{msg:?} is not translated");
        }
    }

    #[test]
    fn a_label_falls_back_to_the_other_language_when_one_is_empty() {
        let label = Label::new("Quality requirement", "质量要求");
        assert_eq!(label.get(Lang::Zh), "质量要求");
        assert_eq!(label.both(), "Quality requirement 质量要求");
        assert_eq!(Label::new("", "客户").get(Lang::En), "客户");
    }
}
