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
    DropZoneComing => "Importing files arrives with the import feature; this build shows where it will be.",
        "文件导入功能即将上线；此版本先展示它的位置。";
    LoadDemo => "Load demo workspace", "载入演示工作区";
    DemoComing => "The demo workspace (customers A and B, stakeholders X, Y, Z and a synthetic portfolio) is coming in a later release.",
        "演示工作区（客户 A、B，人员 X、Y、Z 及模拟客户组合）将在后续版本提供。";
    PrivacyNote => "Private by design: your data stays in this browser. No server, no account, no tracking.",
        "隐私优先：数据只保存在本浏览器中。无服务器、无账号、无跟踪。";
    ImportEmpty => "Import will show your files, the sheets found, the column mapping with a preview, and a row-by-row report of every problem.",
        "导入页将显示你的文件、识别出的工作表、带预览的列映射，以及逐行的问题报告。";
    PortfolioEmpty => "The portfolio will list every account with its scores and classes for each framework: key-account list, credit grade, external class, internal tier, ABC and RFM.",
        "客户组合将列出每个客户在各框架下的得分与分类：大客户名单、信用等级、外部画像分类、内部画像层级、ABC 与 RFM。";
    AccountsEmpty => "Each account will show every score with its explanation and its external and internal radars against their lines.",
        "每个客户将展示各项得分及其依据，以及外部画像和内部画像相对基准线的雷达图。";
    StakeholdersEmpty => "The people at each customer will appear by journey point, each with a radar against the ideal profile, the power map and the relationship plan.",
        "客户人员将按旅程点展示，每人一张相对理想画像的雷达图，并附组织权力图谱与关系发展计划。";
    FrameworksEmpty => "The frameworks — key-account scorecard, credit rating, external profile, internal profile, stakeholder profile — will be shown here as data you can copy and edit.",
        "评估框架（大客户评判标准、信用等级、客户外部画像、客户内部画像、客户人员画像）将在此以可复制、可编辑的数据形式展示。";
    NothingYet => "Nothing here yet", "暂无内容";
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
