<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CodeTreeModel</name>
    <message>
        <location filename="../code_tree.py" line="86" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="86" />
        <source>Codings</source>
        <translation>编码数</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="86" />
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
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="27" />
        <source>Zhagen — {0}</source>
        <translation>扎根 — {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="36" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="37" />
        <source>Code system</source>
        <translation>代码系统</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="38" />
        <source>Coded segments</source>
        <translation>已编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="39" />
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="40" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="67" />
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="68" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="77" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="79" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84" />
        <source>&amp;Code</source>
        <translation>编码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="85" />
        <source>Code the selection with the current code</source>
        <translation>用当前代码编码所选文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="89" />
        <source>Remove the coding of the current code here</source>
        <translation>删除此处当前代码的编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94" />
        <source>&amp;Analyse</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95" />
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="96" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="97" />
        <source>&amp;About Zhagen</source>
        <translation>关于扎根(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117" />
        <source>Coder: {0}</source>
        <translation>编码者：{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119" />
        <source>{0} documents · {1} codes · {2} codings</source>
        <translation>{0} 个文档 · {1} 个代码 · {2} 条编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142" />
        <source>Select text and a code first</source>
        <translation>请先选择文本和代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146" />
        <source>Code segment</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157" />
        <source>Remove coding</source>
        <translation>删除编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187" />
        <source>Zhagen projects (*.zhagen)</source>
        <translation>扎根项目 (*.zhagen)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195" />
        <source>About Zhagen</source>
        <translation>关于扎根</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>Zhagen (扎根): grounded-theory coding of Chinese interview transcripts.</source>
        <translation>扎根：中文访谈资料的扎根理论编码工具。</translation>
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