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
        <location filename="../code_tree.py" line="94" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="94" />
        <source>Codings</source>
        <translation>编码数</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="94" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
</context>
<context>
    <name>CodesPanel</name>
    <message>
        <location filename="../docks.py" line="99" />
        <source>Filter codes…</source>
        <translation>筛选代码…</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../docks.py" line="50" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../docks.py" line="50" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="50" />
        <source>Codings</source>
        <translation>编码数</translation>
    </message>
    <message>
        <location filename="../docks.py" line="50" />
        <source>Held out</source>
        <translation>留存检验</translation>
    </message>
    <message>
        <location filename="../docks.py" line="66" />
        <source>yes</source>
        <translation>是</translation>
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
        <location filename="../main_window.py" line="35" />
        <source>Zhagen — {0}</source>
        <translation>扎根 — {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="44" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="45" />
        <source>Code system</source>
        <translation>代码系统</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="46" />
        <source>Coded segments</source>
        <translation>已编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="47" />
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="48" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86" />
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="87" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90" />
        <source>&amp;Import transcripts…</source>
        <translation>导入访谈资料(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="98" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="101" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106" />
        <source>&amp;Code</source>
        <translation>编码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107" />
        <source>Code the selection with the current code</source>
        <translation>用当前代码编码所选文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111" />
        <location filename="../main_window.py" line="190" />
        <source>In-vivo code</source>
        <translation>实境编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115" />
        <source>Code the sentence</source>
        <translation>编码整句</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119" />
        <source>New code…</source>
        <translation>新建代码…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123" />
        <source>Remove the coding of the current code here</source>
        <translation>删除此处当前代码的编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128" />
        <source>&amp;Analyse</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="129" />
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="131" />
        <source>&amp;About Zhagen</source>
        <translation>关于扎根(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="134" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151" />
        <source>Coder: {0}</source>
        <translation>编码者：{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153" />
        <source>{0} documents · {1} codes · {2} codings</source>
        <translation>{0} 个文档 · {1} 个代码 · {2} 条编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176" />
        <source>Select text and a code first</source>
        <translation>请先选择文本和代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180" />
        <source>Code segment</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187" />
        <source>Select the words to use as the code's name</source>
        <translation>请选择作为代码名称的词语</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212" />
        <source>New code</source>
        <translation>新建代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219" />
        <source>Move code</source>
        <translation>移动代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225" />
        <location filename="../main_window.py" line="229" />
        <source>Merge codes</source>
        <translation>合并代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="226" />
        <source>Merge “{0}” into “{1}”? Its codings, subcodes and memos move to “{1}”.</source>
        <translation>将“{0}”合并到“{1}”？其编码、子代码和备忘录将移到“{1}”下。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240" />
        <source>Remove coding: {0} ({1})</source>
        <translation>删除编码：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="242" />
        <location filename="../main_window.py" line="252" />
        <source>Remove coding</source>
        <translation>删除编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="270" />
        <source>Importing transcripts</source>
        <translation>正在导入访谈资料</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279" />
        <source>Import transcripts</source>
        <translation>导入访谈资料</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281" />
        <source>Imported {0} of {1} files</source>
        <translation>已导入 {1} 个文件中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283" />
        <source>Some files were not imported</source>
        <translation>部分文件未导入</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313" />
        <source>Zhagen projects (*.zhagen)</source>
        <translation>扎根项目 (*.zhagen)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321" />
        <source>About Zhagen</source>
        <translation>关于扎根</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="322" />
        <source>Zhagen (扎根): grounded-theory coding of Chinese interview transcripts.</source>
        <translation>扎根：中文访谈资料的扎根理论编码工具。</translation>
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
    <name>SearchPanel</name>
    <message>
        <location filename="../docks.py" line="201" />
        <source>Search all documents…</source>
        <translation>在全部文档中检索…</translation>
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message>
        <location filename="../docks.py" line="157" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="157" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../docks.py" line="157" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../docks.py" line="157" />
        <source>Segment</source>
        <translation>片段</translation>
    </message>
</context>
<context>
    <name>launcher</name>
    <message>
        <location filename="../launcher.py" line="78" />
        <source>Open a project: zhagen open PROJECT (or zhagen demo demo.zhagen first).</source>
        <translation>请打开项目：zhagen open 项目（或先运行 zhagen demo demo.zhagen）。</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="84" />
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
</context>
</TS>