"""Refresh the Chinese interface translation: lupdate the sources, fill in known translations, lrelease.

    python scripts/translations.py

The table below is the zh_CN translation of every user-visible string; a
string missing from it stays unfinished in the .ts and the test suite fails.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "app" / "translations" / "zhagen_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent

ZH = {
    "&About Zhagen": "关于扎根(&A)",
    "&Analyse": "分析(&A)",
    "&Code": "编码(&C)",
    "&Edit": "编辑(&E)",
    "&Help": "帮助(&H)",
    "&Open…": "打开(&O)…",
    "&Project": "项目(&P)",
    "&Quit": "退出(&Q)",
    "&Redo": "重做(&R)",
    "&Undo": "撤销(&U)",
    "About Zhagen": "关于扎根",
    "Cannot open the project": "无法打开项目",
    "Code": "代码",
    "Code segment": "编码片段",
    "Code system": "代码系统",
    "Code the selection with the current code": "用当前代码编码所选文本",
    "Coded segments": "已编码片段",
    "Coder: {0}": "编码者：{0}",
    "Codings": "编码数",
    "Document": "文档",
    "Documents": "文档",
    "E&xport": "导出(&X)",
    "Filter codes…": "筛选代码…",
    "Held out": "留存检验",
    "Main": "主工具栏",
    "Memos": "备忘录",
    "No memo": "暂无备忘录",
    "Open a project: zhagen open PROJECT (or zhagen demo demo.zhagen first).":
        "请打开项目：zhagen open 项目（或先运行 zhagen demo demo.zhagen）。",
    "Open project": "打开项目",
    "Participant": "受访者",
    "Remove coding": "删除编码",
    "Remove the coding of the current code here": "删除此处当前代码的编码",
    "Search": "检索",
    "Search all documents…": "在全部文档中检索…",
    "Segment": "片段",
    "Select text and a code first": "请先选择文本和代码",
    "Zhagen (扎根): grounded-theory coding of Chinese interview transcripts.": "扎根：中文访谈资料的扎根理论编码工具。",
    "Zhagen projects (*.zhagen)": "扎根项目 (*.zhagen)",
    "Zhagen — {0}": "扎根 — {0}",
    "yes": "是",
    "In-vivo code": "实境编码",
    "Code the sentence": "编码整句",
    "New code…": "新建代码…",
    "New code": "新建代码",
    "Move code": "移动代码",
    "Merge codes": "合并代码",
    "Merge “{0}” into “{1}”? Its codings, subcodes and memos move to “{1}”.":
        "将“{0}”合并到“{1}”？其编码、子代码和备忘录将移到“{1}”下。",
    "Remove coding: {0} ({1})": "删除编码：{0}（{1}）",
    "Select the words to use as the code's name": "请选择作为代码名称的词语",
    "Concept (初始概念)": "初始概念",
    "Category (范畴)": "范畴",
    "Main category (主范畴)": "主范畴",
    "Core category (核心范畴)": "核心范畴",
    "No GT level": "无扎根层级",
    "Definition (内涵)": "内涵",
    "Causal condition (因果条件)": "因果条件",
    "Phenomenon (现象)": "现象",
    "Context (情境)": "情境",
    "Intervening condition (中介条件)": "中介条件",
    "Action/interaction strategy (行动/互动策略)": "行动/互动策略",
    "Consequence (结果)": "结果",
    "No paradigm role": "无范式角色",
    "Code colour": "代码颜色",
    "Name": "名称",
    "Level": "层级",
    "Definition": "内涵",
    "Colour": "颜色",
    "Paradigm role": "范式角色",
    "&Import transcripts…": "导入访谈资料(&I)…",
    "Import transcripts": "导入访谈资料",
    "Importing transcripts": "正在导入访谈资料",
    "Imported {0} of {1} files": "已导入 {1} 个文件中的 {0} 个",
    "Some files were not imported": "部分文件未导入",
    "Cancel": "取消",
    "Add files…": "添加文件…",
    "Detect automatically": "自动识别",
    "Sentences": "句子",
    "Clauses (also split at ，、：)": "分句（也在 ，、： 处切分）",
    "Speaker label": "说话人标签",
    "Interviewer": "访谈者",
    "Participant ID": "受访者编号",
    "Encoding": "编码",
    "Units": "单元",
    "Choose transcripts": "选择访谈资料",
    "Transcripts (*.txt *.md *.docx *.rtf)": "访谈资料 (*.txt *.md *.docx *.rtf)",
    "Cannot import {0}: {1}": "无法导入 {0}：{1}",
    "Encoding: {0}": "编码：{0}",
    "{0} documents · {1} codes · {2} codings": "{0} 个文档 · {1} 个代码 · {2} 条编码",
    "Cannot apply the preferences": "无法应用首选项",
    "Cannot create the project": "无法创建项目",
    "Cannot create {0}:\n{1}": "无法创建 {0}：\n{1}",
    "Chinese font": "中文字体",
    "Coder colour": "编码者颜色",
    "Coder name": "编码者姓名",
    "Coding as {0}": "当前编码者：{0}",
    "Dark": "深色",
    "Database URL of a shared project:": "共享项目的数据库 URL：",
    "Font size": "字号",
    "Interface language": "界面语言",
    "Light": "浅色",
    "New project": "新建项目",
    "Open a project database": "打开项目数据库",
    "Preferences": "首选项",
    "The interface language changes on the next start.": "界面语言将在下次启动时更改。",
    "Theme": "主题",
    "{0} codings of this code, {1} with its subcodes; in {2} documents": "本代码 {0} 条编码，含子代码共 {1} 条；涉及 {2} 个文档",
    "Coded": "已编码",
    "{0:.1%} of the text is coded": "已编码文本占 {0:.1%}",
    "Remove the selected coding": "删除选中的编码",
    "Resize the selected coding to the text selection": "将选中的编码调整为所选文本",
    "Recode the selected coding with the current code": "将选中的编码改为当前代码",
    "Comment on the selected coding…": "为选中的编码添加评论…",
    "Pinned codes": "快捷代码",
    "Click a coding (a highlight or its stripe) first": "请先点击一条编码（高亮或其编码条）",
    "Select the text the coding should cover": "请选择编码应覆盖的文本",
    "Resize coding": "调整编码范围",
    "Recode coding": "更改编码的代码",
    "Comment on coding": "评论编码",
    "Pin code": "设置快捷代码",
    "No code is pinned to Ctrl+{0}": "Ctrl+{0} 尚未设置快捷代码",
    "(free)": "（空）",
    "Rename…": "重命名…",
    "Pin to": "设为快捷键",
    "Unpin": "取消快捷键",
    "Rename code": "重命名代码",
    "New name": "新名称",
    "Reorder documents": "调整文档顺序",
    "Write memo": "撰写备忘录",
    "Edit memo": "编辑备忘录",
    "Type a search and choose a code first": "请先输入检索词并选择代码",
    "the hit": "检索结果本身",
    "its sentence": "所在句子",
    "its speaker turn": "所在话轮",
    "Code all hits": "编码全部检索结果",
    "Code every hit of “{0}” with “{1}”, covering:": "用“{1}”编码“{0}”的每个检索结果，范围：",
    "Searching…": "正在检索…",
    "Coding {0} passages…": "正在编码 {0} 处文本…",
    "Coding search hits": "正在编码检索结果",
    "Coding: {0} · {1}": "编码：{0} · {1}",
    "Write a memo on this code…": "为此代码撰写备忘录…",
    "Save memo": "保存备忘录",
    "Memo: {0}": "备忘录：{0}",
    "No code chosen": "未选择代码",
    "No story line yet": "尚无故事线",
    "Code all hits…": "编码全部结果…",
    "Coder": "编码者",
    "Segment in context": "片段及上下文",
    "Undo": "撤销",
    "Redo": "重做",
    "&New project…": "新建项目(&N)…",
    "Open a project &database…": "打开项目数据库(&D)…",
    "Open &recent": "最近的项目(&R)",
    "P&references…": "首选项(&R)…",
    "&Panels": "面板(&P)",
    "(none)": "（无）",
}


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "app").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)], check=True)
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.getroot().set("language", "zh_CN")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
