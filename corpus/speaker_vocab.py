"""The words speaker recognition knows: interview roles, which of them ask, header keys, words that open a
sentence with a colon but never name a speaker (simplified and traditional). `corpus.speakers` uses them as
defaults that a project's `SpeakerPatterns` can extend."""

from __future__ import annotations

DEFAULT_LABELS = (
    "访谈者", "受访者", "采访者", "被访者", "被采访者", "访问者", "访员", "访谈人", "访谈员", "采访人", "受访人", "主持人",
    "记者", "嘉宾", "问", "答", "访", "受", "Q", "A", "Ｑ", "Ａ", "研究者", "调研员", "调查员", "Interviewer", "Interviewee",
    "訪談者", "受訪者", "採訪者", "被訪者", "訪問者", "訪談人", "訪談員", "採訪人", "受訪人", "記者", "嘉賓", "問",
    "調研員", "調查員",
)
DEFAULT_INTERVIEWER_LABELS = (
    "访谈者", "采访者", "访问者", "访员", "访谈人", "访谈员", "采访人", "主持人", "记者", "问", "访", "Q", "Ｑ", "研究者",
    "调研员", "调查员", "Interviewer",
    "訪談者", "採訪者", "訪問者", "訪談人", "訪談員", "採訪人", "記者", "問", "調研員", "調查員",
)
DEFAULT_META_KEYS = (
    "关键词", "关键字", "时间", "访谈时间", "日期", "访谈日期", "地点", "访谈地点", "文字记录", "记录", "记录人",
    "整理", "整理人", "转写", "转录", "访谈对象", "受访者编号", "编号", "受访者身份", "身份", "职务", "单位",
    "性别", "年龄", "时长", "访谈时长", "访谈方式", "方式", "主题", "访谈主题", "标题", "题目", "录音", "来源",
    "备注", "说明", "访谈编号", "文档编号", "对象", "校对", "审校", "信息", "简介", "职业", "学历", "籍贯", "民族", "形式",
    "文件", "基本情况",
    "關鍵詞", "關鍵字", "時間", "訪談時間", "地點", "訪談地點", "文字記錄", "記錄", "記錄人", "訪談對象", "受訪者編號",
    "編號", "受訪者身份", "職務", "單位", "時長", "訪談方式", "訪談主題", "標題", "題目", "錄音", "來源", "備註", "說明",
    "對象", "Date", "Time", "Location", "Keywords", "Title",
)
# Words that start sentences with a colon but are never speakers.
NOT_LABELS = frozenset({
    "说", "他说", "她说", "我说", "表示", "认为", "觉得", "问题", "注意", "比如", "例如", "也就是说", "就是说",
    "总之", "首先", "其次", "第一", "第二", "第三", "第四", "第五", "最后", "另外", "注", "备注", "答案", "结论",
    "原因", "结果", "总结", "提示", "重点", "补充", "后来", "然后", "所以", "因为", "但是", "其实", "当时",
    "說", "他說", "她說", "我說", "問題", "例如", "也就是說", "就是說", "總之", "結論", "原因", "結果", "總結", "補充",
    "後來", "然後", "因為", "其實", "當時",
})
# Keys that open a header on their own, also in the middle of a transcript (a second recording).
STRONG_KEYS = frozenset({"关键词", "关键字", "文字记录", "關鍵詞", "關鍵字", "文字記錄"})
LIST_KEYS = frozenset({"关键词", "关键字", "關鍵詞", "關鍵字", "Keywords"})
APP_LABEL = r"说话人|說話人|发言人|發言人|讲话人|講話人|[Ss]peaker|SPEAKER"
