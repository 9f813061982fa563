<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../workers.py" line="53" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CodeTreeModel</name>
    <message>
        <location filename="../code_tree.py" line="182" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="182" />
        <source>Codings</source>
        <translation>编码数</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="182" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="227" />
        <source>{0} codings of this code, {1} with its subcodes; in {2} documents</source>
        <translation>本代码 {0} 条编码，含子代码共 {1} 条；涉及 {2} 个文档</translation>
    </message>
</context>
<context>
    <name>CodesPanel</name>
    <message>
        <location filename="../docks.py" line="233" />
        <source>Filter codes…</source>
        <translation>筛选代码…</translation>
    </message>
</context>
<context>
    <name>DatabaseUrlDialog</name>
    <message>
        <location filename="../projects.py" line="104" />
        <source>Open a project database</source>
        <translation>打开项目数据库</translation>
    </message>
    <message>
        <location filename="../projects.py" line="113" />
        <source>Database URL of a shared project:</source>
        <translation>共享项目的数据库 URL：</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../docks.py" line="111" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../docks.py" line="111" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="112" />
        <source>Codings</source>
        <translation>编码数</translation>
    </message>
    <message>
        <location filename="../docks.py" line="112" />
        <source>Coded</source>
        <translation>已编码</translation>
    </message>
    <message>
        <location filename="../docks.py" line="112" />
        <source>Held out</source>
        <translation>留存检验</translation>
    </message>
    <message>
        <location filename="../docks.py" line="133" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../docks.py" line="136" />
        <source>{0:.1%} of the text is coded</source>
        <translation>已编码文本占 {0:.1%}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../import_dialog.py" line="42" />
        <source>Import transcripts</source>
        <translation>导入访谈资料</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="46" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="50" />
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="52" />
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="53" />
        <source>Clauses (also split at ，、：)</source>
        <translation>分句（也在 ，、： 处切分）</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="57" />
        <source>Speaker label</source>
        <translation>说话人标签</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="57" />
        <source>Interviewer</source>
        <translation>访谈者</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="57" />
        <source>Participant ID</source>
        <translation>受访者编号</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="66" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="67" />
        <source>Units</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="89" />
        <source>Choose transcripts</source>
        <translation>选择访谈资料</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="90" />
        <source>Transcripts (*.txt *.md *.docx *.rtf)</source>
        <translation>访谈资料 (*.txt *.md *.docx *.rtf)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="100" />
        <source>Cannot import {0}: {1}</source>
        <translation>无法导入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="102" />
        <source>Encoding: {0}</source>
        <translation>编码：{0}</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="117" />
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="47" />
        <source>Zhagen — {0}</source>
        <translation>扎根 — {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="59" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="60" />
        <source>Code system</source>
        <translation>代码系统</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="61" />
        <source>Coded segments</source>
        <translation>已编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="62" />
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="63" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="109" />
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="110" />
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="112" />
        <source>Open a project &amp;database…</source>
        <translation>打开项目数据库(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="113" />
        <source>Open &amp;recent</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116" />
        <source>&amp;Import transcripts…</source>
        <translation>导入访谈资料(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118" />
        <source>P&amp;references…</source>
        <translation>首选项(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120" />
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="122" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="124" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="125" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="127" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="132" />
        <source>&amp;Code</source>
        <translation>编码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="133" />
        <source>Code the selection with the current code</source>
        <translation>用当前代码编码所选文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137" />
        <location filename="../main_window.py" line="248" />
        <source>In-vivo code</source>
        <translation>实境编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141" />
        <source>Code the sentence</source>
        <translation>编码整句</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="145" />
        <source>New code…</source>
        <translation>新建代码…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="149" />
        <source>Remove the coding of the current code here</source>
        <translation>删除此处当前代码的编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="154" />
        <source>Remove the selected coding</source>
        <translation>删除选中的编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155" />
        <source>Resize the selected coding to the text selection</source>
        <translation>将选中的编码调整为所选文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157" />
        <source>Recode the selected coding with the current code</source>
        <translation>将选中的编码改为当前代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159" />
        <source>Comment on the selected coding…</source>
        <translation>为选中的编码添加评论…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <source>Pinned codes</source>
        <translation>快捷代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171" />
        <source>&amp;Analyse</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172" />
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174" />
        <source>&amp;About Zhagen</source>
        <translation>关于扎根(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="183" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="184" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210" />
        <source>Coder: {0}</source>
        <translation>编码者：{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="211" />
        <source>{0} documents · {1} codes · {2} codings</source>
        <translation>{0} 个文档 · {1} 个代码 · {2} 条编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="234" />
        <source>Select text and a code first</source>
        <translation>请先选择文本和代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="238" />
        <source>Code segment</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="245" />
        <source>Select the words to use as the code's name</source>
        <translation>请选择作为代码名称的词语</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="270" />
        <source>New code</source>
        <translation>新建代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="277" />
        <source>Move code</source>
        <translation>移动代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283" />
        <location filename="../main_window.py" line="287" />
        <source>Merge codes</source>
        <translation>合并代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284" />
        <source>Merge “{0}” into “{1}”? Its codings, subcodes and memos move to “{1}”.</source>
        <translation>将“{0}”合并到“{1}”？其编码、子代码和备忘录将移到“{1}”下。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="303" />
        <source>Remove coding: {0} ({1})</source>
        <translation>删除编码：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="305" />
        <location filename="../main_window.py" line="315" />
        <location filename="../main_window.py" line="328" />
        <source>Remove coding</source>
        <translation>删除编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="322" />
        <source>Click a coding (a highlight or its stripe) first</source>
        <translation>请先点击一条编码（高亮或其编码条）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="335" />
        <source>Select the text the coding should cover</source>
        <translation>请选择编码应覆盖的文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="337" />
        <source>Resize coding</source>
        <translation>调整编码范围</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344" />
        <source>Recode coding</source>
        <translation>更改编码的代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="353" />
        <location filename="../main_window.py" line="356" />
        <source>Comment on coding</source>
        <translation>评论编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="373" />
        <source>Pin code</source>
        <translation>设置快捷代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="379" />
        <source>No code is pinned to Ctrl+{0}</source>
        <translation>Ctrl+{0} 尚未设置快捷代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="386" />
        <source>(free)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="396" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="398" />
        <source>Pin to</source>
        <translation>设为快捷键</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="403" />
        <source>Unpin</source>
        <translation>取消快捷键</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="409" />
        <location filename="../main_window.py" line="412" />
        <source>Rename code</source>
        <translation>重命名代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="409" />
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="415" />
        <source>Reorder documents</source>
        <translation>调整文档顺序</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420" />
        <source>Write memo</source>
        <translation>撰写备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="422" />
        <source>Edit memo</source>
        <translation>编辑备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="427" />
        <source>Type a search and choose a code first</source>
        <translation>请先输入检索词并选择代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="429" />
        <source>the hit</source>
        <translation>检索结果本身</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="429" />
        <source>its sentence</source>
        <translation>所在句子</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="429" />
        <source>its speaker turn</source>
        <translation>所在话轮</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="430" />
        <location filename="../main_window.py" line="449" />
        <source>Code all hits</source>
        <translation>编码全部检索结果</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="431" />
        <source>Code every hit of “{0}” with “{1}”, covering:</source>
        <translation>用“{1}”编码“{0}”的每个检索结果，范围：</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="441" />
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="445" />
        <source>Coding {0} passages…</source>
        <translation>正在编码 {0} 处文本…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="448" />
        <source>Coding search hits</source>
        <translation>正在编码检索结果</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="471" />
        <source>Importing transcripts</source>
        <translation>正在导入访谈资料</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="480" />
        <source>Import transcripts</source>
        <translation>导入访谈资料</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="482" />
        <source>Imported {0} of {1} files</source>
        <translation>已导入 {1} 个文件中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="484" />
        <source>Some files were not imported</source>
        <translation>部分文件未导入</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="508" />
        <source>Coding: {0} · {1}</source>
        <translation>编码：{0} · {1}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="566" />
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="583" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="591" />
        <source>About Zhagen</source>
        <translation>关于扎根</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="592" />
        <source>Zhagen (扎根): grounded-theory coding of Chinese interview transcripts.</source>
        <translation>扎根：中文访谈资料的扎根理论编码工具。</translation>
    </message>
</context>
<context>
    <name>MemoPanel</name>
    <message>
        <location filename="../docks.py" line="419" />
        <source>Write a memo on this code…</source>
        <translation>为此代码撰写备忘录…</translation>
    </message>
    <message>
        <location filename="../docks.py" line="420" />
        <source>Save memo</source>
        <translation>保存备忘录</translation>
    </message>
    <message>
        <location filename="../docks.py" line="439" />
        <source>Memo: {0}</source>
        <translation>备忘录：{0}</translation>
    </message>
    <message>
        <location filename="../docks.py" line="439" />
        <source>No code chosen</source>
        <translation>未选择代码</translation>
    </message>
</context>
<context>
    <name>NewCodeDialog</name>
    <message>
        <location filename="../dialogs.py" line="35" />
        <source>New code</source>
        <translation>新建代码</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="39" />
        <source>Concept (初始概念)</source>
        <translation>初始概念</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="39" />
        <source>Category (范畴)</source>
        <translation>范畴</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="40" />
        <source>Main category (主范畴)</source>
        <translation>主范畴</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="40" />
        <source>Core category (核心范畴)</source>
        <translation>核心范畴</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="41" />
        <source>No GT level</source>
        <translation>无扎根层级</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="47" />
        <source>Definition (内涵)</source>
        <translation>内涵</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="50" />
        <source>Causal condition (因果条件)</source>
        <translation>因果条件</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="50" />
        <source>Phenomenon (现象)</source>
        <translation>现象</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="51" />
        <source>Context (情境)</source>
        <translation>情境</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="51" />
        <source>Intervening condition (中介条件)</source>
        <translation>中介条件</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="52" />
        <source>Action/interaction strategy (行动/互动策略)</source>
        <translation>行动/互动策略</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="52" />
        <source>Consequence (结果)</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="54" />
        <source>No paradigm role</source>
        <translation>无范式角色</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="65" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="66" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="67" />
        <source>Definition</source>
        <translation>内涵</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="68" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="69" />
        <source>Paradigm role</source>
        <translation>范式角色</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="77" />
        <source>Code colour</source>
        <translation>代码颜色</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../preferences.py" line="144" />
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="158" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="159" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="160" />
        <source>The interface language changes on the next start.</source>
        <translation>界面语言将在下次启动时更改。</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="173" />
        <source>Coder name</source>
        <translation>编码者姓名</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="174" />
        <location filename="../preferences.py" line="208" />
        <source>Coder colour</source>
        <translation>编码者颜色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="175" />
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="176" />
        <source>Chinese font</source>
        <translation>中文字体</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="177" />
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="178" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../docks.py" line="468" />
        <source>Search all documents…</source>
        <translation>在全部文档中检索…</translation>
    </message>
    <message>
        <location filename="../docks.py" line="469" />
        <source>Code all hits…</source>
        <translation>编码全部结果…</translation>
    </message>
</context>
<context>
    <name>SegmentsModel</name>
    <message>
        <location filename="../docks.py" line="352" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="352" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../docks.py" line="352" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../docks.py" line="352" />
        <source>Coder</source>
        <translation>编码者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="352" />
        <source>Segment in context</source>
        <translation>片段及上下文</translation>
    </message>
</context>
<context>
    <name>launcher</name>
    <message>
        <location filename="../launcher.py" line="97" />
        <source>Open a project: zhagen open PROJECT (or zhagen demo demo.zhagen first).</source>
        <translation>请打开项目：zhagen open 项目（或先运行 zhagen demo demo.zhagen）。</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="103" />
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
</context>
<context>
    <name>preferences</name>
    <message>
        <location filename="../preferences.py" line="229" />
        <source>The interface language changes on the next start.</source>
        <translation>界面语言将在下次启动时更改。</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="232" />
        <source>Coding as {0}</source>
        <translation>当前编码者：{0}</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="245" />
        <source>Cannot apply the preferences</source>
        <translation>无法应用首选项</translation>
    </message>
</context>
<context>
    <name>projects</name>
    <message>
        <location filename="../projects.py" line="75" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../projects.py" line="76" />
        <location filename="../projects.py" line="84" />
        <source>Zhagen projects (*.zhagen)</source>
        <translation>扎根项目 (*.zhagen)</translation>
    </message>
    <message>
        <location filename="../projects.py" line="83" />
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../projects.py" line="93" />
        <source>Cannot create {0}:
{1}</source>
        <translation>无法创建 {0}：
{1}</translation>
    </message>
    <message>
        <location filename="../projects.py" line="94" />
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
</context>
</TS>