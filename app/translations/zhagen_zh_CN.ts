<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementPanel</name>
    <message>
        <location filename="../agreement_view.py" line="47" />
        <source>Document (code existence)</source>
        <translation>文档（代码是否出现）</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="48" />
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="48" />
        <source>Speaker turn</source>
        <translation>话轮</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="48" />
        <source>Document (code frequency)</source>
        <translation>文档（代码出现频次）</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="49" />
        <source>Character</source>
        <translation>字符</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="49" />
        <source>Segment (overlap)</source>
        <translation>片段（重叠）</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="59" />
        <source>Only documents all coded</source>
        <translation>仅限全部编码者都编码过的文档</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="61" />
        <source>Compare only the documents every chosen coder has coded. Unticked (as MAXQDA), a document one coder left uncoded is compared too, and the other coder's codings there count as disagreements.</source>
        <translation>只比较每位所选编码者都编码过的文档。不勾选时（与 MAXQDA 相同），某位编码者未编码的文档也参与比较，另一位编码者在其中的编码计为不一致。</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="63" />
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="66" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="66" />
        <source>Overlap</source>
        <translation>重叠阈值</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="95" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="95" />
        <source>Agreement</source>
        <translation>编码一致性</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="95" />
        <source>Agreement (coded only)</source>
        <translation>编码内一致率</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="96" />
        <source>Composite R</source>
        <translation>综合信度 R</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="97" />
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="99" />
        <source>Agreement over the decisions some coder said present: by character, over coded characters only</source>
        <translation>只计至少一位编码者判为出现的判断：按字符时，只计有编码的字符</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="107" />
        <source>{0} (no codings)</source>
        <translation>{0}（尚无编码）</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="114" />
        <source>{0} has made no codings yet: there is nothing of theirs to compare</source>
        <translation>{0} 还没有做过编码，没有可比较的内容</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="126" />
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="137" />
        <source>{0} documents all coded</source>
        <translation>全部编码者都编码过的 {0} 个文档</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="138" />
        <source>{0} documents any of them coded</source>
        <translation>任一编码者编码过的 {0} 个文档</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="139" />
        <source>{0}: {1} on {2} — agreement {3}, κ {4}, α {5}</source>
        <translation>{0}：{1}，{2} — 一致率 {3}，κ {4}，α {5}</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="144" />
        <source>{0} [{1}–{2}] {3}: coded by {4}, not by {5}</source>
        <translation>{0} [{1}–{2}] {3}：{4} 编码，{5} 未编码</translation>
    </message>
</context>
<context>
    <name>AttributeDialog</name>
    <message>
        <location filename="../item_actions.py" line="317" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="317" />
        <source>Whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="318" />
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="318" />
        <source>Yes/no</source>
        <translation>是/否</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="319" />
        <source>Date (YYYY-MM-DD)</source>
        <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="333" />
        <source>Add attribute</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="335" />
        <source>e.g. 性别, 年龄, 角色</source>
        <translation>如 性别、年龄、角色</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="344" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="345" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../workers.py" line="54" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CategoryBoard</name>
    <message>
        <location filename="../board.py" line="458" />
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../board.py" line="459" />
        <source>Show the whole board, or as much of it as fits with its text readable</source>
        <translation>显示整个图板；放不下时，在文字仍清晰可读的前提下尽量多显示</translation>
    </message>
    <message>
        <location filename="../board.py" line="460" />
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../board.py" line="461" />
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <location filename="../board.py" line="464" />
        <source>Drag to arrange; Shift+drag or right-drag from box to box to relate; double-click to open</source>
        <translation>拖动方框以排列；按住 Shift 拖动或用右键从一个方框拖到另一个方框以建立关系；双击打开</translation>
    </message>
    <message>
        <location filename="../board.py" line="473" />
        <source>No story line yet: write a memo of the kind “story line”.</source>
        <translation>尚无故事线：请撰写类型为“故事线”的备忘录。</translation>
    </message>
    <message>
        <location filename="../board.py" line="477" />
        <source>Story line</source>
        <translation>故事线</translation>
    </message>
    <message>
        <location filename="../board.py" line="478" />
        <source>Causal chains</source>
        <translation>因果链</translation>
    </message>
    <message>
        <location filename="../board.py" line="582" />
        <source>No causal chains between the categories yet</source>
        <translation>范畴之间尚无因果链</translation>
    </message>
    <message>
        <location filename="../board.py" line="603" />
        <source>Category board</source>
        <translation>范畴关系图</translation>
    </message>
    <message>
        <location filename="../board.py" line="667" />
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../board.py" line="670" />
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../board.py" line="670" />
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../board.py" line="675" />
        <source>Export SVG</source>
        <translation>导出 SVG</translation>
    </message>
    <message>
        <location filename="../board.py" line="675" />
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
</context>
<context>
    <name>CodeActions</name>
    <message>
        <location filename="../code_actions.py" line="50" />
        <source>New code for the selection</source>
        <translation>为所选文本新建代码</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="53" />
        <source>New code</source>
        <translation>新建代码</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="60" />
        <source>Move code</source>
        <translation>移动代码</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="60" />
        <source>Move {0} codes</source>
        <translation>移动 {0} 个代码</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="72" />
        <source>Merge “{0}” into “{1}”? Its codings, subcodes and memos move to “{1}”.</source>
        <translation>将“{0}”合并到“{1}”？其编码、子代码和备忘录将移到“{1}”下。</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="75" />
        <source>Merge {0} codes ({1}) into “{2}”? Their codings, subcodes and memos move to “{2}”.</source>
        <translation>把 {0} 个代码（{1}）合并到“{2}”？它们的编码、子代码和备忘录都移到“{2}”。</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="77" />
        <location filename="../code_actions.py" line="81" />
        <source>Merge codes</source>
        <translation>合并代码</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="88" />
        <location filename="../code_actions.py" line="91" />
        <source>Rename code</source>
        <translation>重命名代码</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="88" />
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location filename="../code_actions.py" line="116" />
        <source>Code properties</source>
        <translation>代码属性</translation>
    </message>
</context>
<context>
    <name>CodeTreeModel</name>
    <message>
        <location filename="../code_tree.py" line="216" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="216" />
        <source>Codings</source>
        <translation>编码数</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="216" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../code_tree.py" line="266" />
        <source>{0} codings of this code, {1} with its subcodes; in {2} documents</source>
        <translation>本代码 {0} 条编码，含子代码共 {1} 条；涉及 {2} 个文档</translation>
    </message>
</context>
<context>
    <name>CodesPanel</name>
    <message>
        <location filename="../docks.py" line="284" />
        <source>Filter codes…</source>
        <translation>筛选代码…</translation>
    </message>
</context>
<context>
    <name>ConsensusDialog</name>
    <message>
        <location filename="../consensus_dialog.py" line="29" />
        <source>Consensus</source>
        <translation>共识编码</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="34" />
        <source>Only undecided items</source>
        <translation>只看未决定的项</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="40" />
        <source>◀ Previous</source>
        <translation>◀ 上一项</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="41" />
        <source>Next ▶</source>
        <translation>下一项 ▶</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="42" />
        <source>Take all identical codings</source>
        <translation>采纳所有完全相同的编码</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="45" />
        <source>Both</source>
        <translation>两者都采纳</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="46" />
        <source>Neither</source>
        <translation>都不采纳</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="48" />
        <source>Accept this span</source>
        <translation>采纳这个片段</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="51" />
        <source>Coders:</source>
        <translation>编码者：</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="69" />
        <source>Edited span:</source>
        <translation>修改片段：</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="129" />
        <source>Decided {0} of {1} items ({2} to go); {3} where the coders coded the same spans</source>
        <translation>已决定 {0} / {1} 项（还剩 {2} 项）；其中 {3} 项编码者的片段完全相同</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="136" />
        <location filename="../consensus_dialog.py" line="137" />
        <source>Accept {0}</source>
        <translation>采纳 {0}</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="143" />
        <source>Every item is decided.</source>
        <translation>所有项都已决定。</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="143" />
        <source>No items to decide.</source>
        <translation>没有需要决定的项。</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="151" />
        <source>one coder's coding accepted</source>
        <translation>采纳一位编码者的编码</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="151" />
        <source>both accepted</source>
        <translation>两者都采纳</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="152" />
        <source>neither accepted</source>
        <translation>都不采纳</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="152" />
        <source>edited span</source>
        <translation>修改了片段</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="153" />
        <source>identical codings taken</source>
        <translation>相同编码直接采纳</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="154" />
        <source>not decided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="155" />
        <source>{0} · {1} · {2}–{3} · decision: {4}</source>
        <translation>{0} · {1} · {2}–{3} · 决定：{4}</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="157" />
        <source>(did not code it)</source>
        <translation>（未编码）</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="180" />
        <source>Consensus decision</source>
        <translation>共识决定</translation>
    </message>
    <message>
        <location filename="../consensus_dialog.py" line="185" />
        <source>Take identical codings into the consensus</source>
        <translation>将完全相同的编码纳入共识</translation>
    </message>
</context>
<context>
    <name>ContextMenus</name>
    <message>
        <location filename="../context_menus.py" line="36" />
        <source>Select this speaker turn</source>
        <translation>选择此说话人话轮</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="46" />
        <source>Remove coding: {0} ({1})</source>
        <translation>删除编码：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="48" />
        <source>Remove coding</source>
        <translation>删除编码</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="61" />
        <location filename="../context_menus.py" line="118" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="63" />
        <location filename="../context_menus.py" line="117" />
        <source>Properties…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="66" />
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="70" />
        <source>Move to the top level</source>
        <translation>移到顶层</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="73" />
        <location filename="../context_menus.py" line="119" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="76" />
        <source>Pin to</source>
        <translation>设为快捷键</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="81" />
        <source>Unpin</source>
        <translation>取消快捷键</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="94" />
        <source>Merge into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="94" />
        <source>Merge the selected codes into:</source>
        <translation>把所选代码合并到：</translation>
    </message>
    <message>
        <location filename="../context_menus.py" line="112" />
        <source>Held out for the saturation test</source>
        <translation>留作饱和度检验</translation>
    </message>
</context>
<context>
    <name>DatabaseUrlDialog</name>
    <message>
        <location filename="../projects.py" line="107" />
        <source>Open a project database</source>
        <translation>打开项目数据库</translation>
    </message>
    <message>
        <location filename="../projects.py" line="116" />
        <source>Database URL of a shared project:</source>
        <translation>共享项目的数据库 URL：</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../item_actions.py" line="179" />
        <source>Document properties</source>
        <translation>文档属性</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="182" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="187" />
        <source>Held out for the saturation test</source>
        <translation>留作饱和度检验</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="190" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="190" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="201" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="202" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="204" />
        <source>Header metadata</source>
        <translation>文首元数据</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../docks.py" line="155" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../docks.py" line="155" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="156" />
        <source>Codings</source>
        <translation>编码数</translation>
    </message>
    <message>
        <location filename="../docks.py" line="156" />
        <source>Coded</source>
        <translation>已编码</translation>
    </message>
    <message>
        <location filename="../docks.py" line="156" />
        <source>Held out</source>
        <translation>留存检验</translation>
    </message>
    <message>
        <location filename="../docks.py" line="174" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../docks.py" line="182" />
        <source>{0:.1%} of the text is coded</source>
        <translation>已编码文本占 {0:.1%}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="42" />
        <location filename="../export_dialog.py" line="74" />
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="44" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="53" />
        <source>The consensus, else all coders (an identical passage once)</source>
        <translation>共识编码（若无则为全部编码者，相同语句只列一次）</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="56" />
        <source>Replace participants' names by their IDs</source>
        <translation>用受访者编号替换姓名</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="57" />
        <source>Merge cells of the same main category</source>
        <translation>合并同一主范畴的单元格</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="58" />
        <source>Also write each table as CSV (UTF-8 with BOM)</source>
        <translation>同时将每张表写为 CSV（带 BOM 的 UTF-8）</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="64" />
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="65" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="66" />
        <source>Coder</source>
        <translation>编码者</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="75" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>GroundedTheoryActions</name>
    <message>
        <location filename="../gt_actions.py" line="36" />
        <source>Note: {0}</source>
        <translation>提示：{0}</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="50" />
        <source>Write memo</source>
        <translation>撰写备忘录</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="67" />
        <source>Arrange the category board</source>
        <translation>排列范畴关系图</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="77" />
        <source>Add relation</source>
        <translation>添加关系</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="91" />
        <source>Edit relation</source>
        <translation>编辑关系</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="101" />
        <source>Label prefixes</source>
        <translation>标签前缀</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="106" />
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="106" />
        <source>Name of the snapshot (e.g. 开放编码第一轮)</source>
        <translation>快照名称（如：开放编码第一轮）</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="109" />
        <source>Take snapshot</source>
        <translation>保存快照</translation>
    </message>
    <message>
        <location filename="../gt_actions.py" line="111" />
        <source>Snapshot “{0}” saved</source>
        <translation>快照“{0}”已保存</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <location filename="../help.py" line="64" />
        <source>&amp;Manual</source>
        <translation>使用手册(&amp;M)</translation>
    </message>
    <message>
        <location filename="../help.py" line="67" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../help.py" line="79" />
        <source>en.md</source>
        <comment>the manual's file in this interface language: en.md or zh.md</comment>
        <translation>zh.md</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../import_dialog.py" line="87" />
        <source>Import transcripts</source>
        <translation>导入访谈资料</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="100" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="102" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="106" />
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="108" />
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="109" />
        <source>Clauses (also split at ，、：)</source>
        <translation>分句（也在 ，、： 处切分）</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="115" />
        <source>Speaker label</source>
        <translation>说话人标签</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="115" />
        <source>Turns</source>
        <translation>话轮数</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="115" />
        <source>First line</source>
        <translation>首句</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="115" />
        <source>Store as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="116" />
        <source>Interviewer</source>
        <translation>访谈者</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="116" />
        <source>Participant ID</source>
        <translation>受访者编号</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="116" />
        <source>Not a speaker</source>
        <translation>不是说话人</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="130" />
        <source>Select a file to check its speakers. Files not opened here are imported with their labels as recognised and their default participant.</source>
        <translation>选择一个文件以核对其中的说话人。未在此打开的文件按识别出的标签导入，并关联到各自的默认受访者。</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="134" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="139" />
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="147" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="148" />
        <source>Units</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="154" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="180" />
        <source>Choose transcripts</source>
        <translation>选择访谈资料</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="181" />
        <source>Transcripts (*.txt *.md *.docx *.rtf)</source>
        <translation>访谈资料 (*.txt *.md *.docx *.rtf)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="215" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="244" />
        <location filename="../import_dialog.py" line="245" />
        <location filename="../jobs.py" line="280" />
        <source>Cannot import {0}: {1}</source>
        <translation>无法导入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="248" />
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="249" />
        <source>the file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="251" />
        <location filename="../import_dialog.py" line="256" />
        <source>Encoding: {0}</source>
        <translation>编码：{0}</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="252" />
        <source>{0} turns, {1} without a label</source>
        <translation>{0} 个话轮，其中 {1} 个没有标签</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="253" />
        <source>Metadata: {0}</source>
        <translation>元数据：{0}</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="254" />
        <source>Default participant: {0} (from {1})</source>
        <translation>默认受访者：{0}（来自{1}）</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="334" />
        <source>{0}: “{1}” cannot be a speaker name (one line of at most {2} characters)</source>
        <translation>{0}：“{1}”不能作为说话人名称（应为一行，最多 {2} 个字符）</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="337" />
        <source>{0}: “{1}” cannot be a participant ID (one line of at most {2} characters)</source>
        <translation>{0}：“{1}”不能作为受访者编号（应为一行，最多 {2} 个字符）</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="340" />
        <source>{0} are all stored as “{1}”, but not all of them are marked interviewer</source>
        <translation>{0} 都保存为“{1}”，但并非都标记为访谈者</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="343" />
        <source>{0} are all stored as “{1}”, but are linked to different participants ({2})</source>
        <translation>{0} 都保存为“{1}”，却关联到不同的受访者（{2}）</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../interchange_import.py" line="38" />
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="43" />
        <source>Left out ({0}):</source>
        <translation>未导入（{0} 项）：</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="44" />
        <source>Nothing was left out.</source>
        <translation>全部导入，没有遗漏。</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="46" />
        <source>How the file was read:</source>
        <translation>文件的读取方式：</translation>
    </message>
</context>
<context>
    <name>InterchangeImport</name>
    <message>
        <location filename="../interchange_import.py" line="65" />
        <source>Import from NVivo, MAXQDA, ATLAS.ti…</source>
        <translation>从 NVivo、MAXQDA、ATLAS.ti 导入…</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="66" />
        <source>REFI-QDA projects and codebooks, Excel codebooks (*.qdpx *.qdc *.zip *.xlsx)</source>
        <translation>REFI-QDA 项目和码本、Excel 码本 (*.qdpx *.qdc *.zip *.xlsx)</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="83" />
        <source>Importing {0}</source>
        <translation>正在导入 {0}</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="119" />
        <source>Import {0} into this project</source>
        <translation>将 {0} 导入本项目</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="121" />
        <source>Reading {0}</source>
        <translation>正在读取 {0}</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="126" />
        <location filename="../interchange_import.py" line="134" />
        <source>Import cancelled; the project is unchanged</source>
        <translation>已取消导入，项目未作改动</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="136" />
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="140" />
        <source>{0} ({1}) merged into this project: {2} rows added, {3} conflicts. The file held {4} codes, {5} documents and {6} codings.</source>
        <translation>{0}（{1}）已合并入本项目：新增 {2} 行，冲突 {3} 处。文件含 {4} 个代码、{5} 个文档、{6} 条编码。</translation>
    </message>
    <message>
        <location filename="../interchange_import.py" line="145" />
        <source>{0} ({1}) imported: {2} codes, {3} documents, {4} codings, {5} memos, {6} relations, {7} participants, {8} attributes.</source>
        <translation>{0}（{1}）已导入：{2} 个代码、{3} 个文档、{4} 条编码、{5} 条备忘录、{6} 个关系、{7} 位受访者、{8} 个属性。</translation>
    </message>
</context>
<context>
    <name>ItemActions</name>
    <message>
        <location filename="../item_actions.py" line="67" />
        <source>Delete {0} with {1} subcodes and {2} codings? Edit → Undo brings them back.</source>
        <translation>删除{0}及其 {1} 个子代码和 {2} 条编码？可用“编辑 → 撤销”恢复。</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="69" />
        <location filename="../item_actions.py" line="72" />
        <source>Delete codes</source>
        <translation>删除代码</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="81" />
        <location filename="../item_actions.py" line="83" />
        <source>Rename document</source>
        <translation>重命名文档</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="81" />
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="92" />
        <source>Delete the document “{0}” with its {1} codings? Edit → Undo brings it back.</source>
        <translation>删除文档“{0}”及其 {1} 条编码？可用“编辑 → 撤销”恢复。</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="94" />
        <location filename="../item_actions.py" line="95" />
        <source>Delete document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="116" />
        <source>Document properties</source>
        <translation>文档属性</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="135" />
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="153" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>LabelPrefixDialog</name>
    <message>
        <location filename="../dialogs.py" line="255" />
        <source>Label prefixes</source>
        <translation>标签前缀</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="256" />
        <source>Labelled quotes</source>
        <translation>贴标签语句</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="256" />
        <source>Concepts</source>
        <translation>初始概念</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="256" />
        <source>Categories</source>
        <translation>范畴</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="257" />
        <source>Main categories</source>
        <translation>主范畴</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="77" />
        <source>Zhagen — {0}</source>
        <translation>扎根 — {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="78" />
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="91" />
        <source>Code system</source>
        <translation>代码系统</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="92" />
        <source>Coded segments</source>
        <translation>已编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="93" />
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100" />
        <source>Emergence trail</source>
        <translation>涌现轨迹</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="102" />
        <source>Agreement</source>
        <translation>编码一致性</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104" />
        <source>Word frequencies</source>
        <translation>词频</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105" />
        <source>Category board</source>
        <translation>范畴关系图</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106" />
        <source>Saturation</source>
        <translation>理论饱和度</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107" />
        <source>Memo list</source>
        <translation>备忘录列表</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177" />
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="178" />
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="179" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180" />
        <source>Open a project &amp;database…</source>
        <translation>打开项目数据库(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181" />
        <source>Open &amp;recent</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="184" />
        <source>&amp;Import transcripts…</source>
        <translation>导入访谈资料(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185" />
        <source>Import from &amp;NVivo, MAXQDA, ATLAS.ti…</source>
        <translation>从 NVivo、MAXQDA、ATLAS.ti 导入(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="186" />
        <source>&amp;Merge another project…</source>
        <translation>合并另一个项目(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187" />
        <source>Participants and a&amp;ttributes…</source>
        <translation>受访者及属性(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189" />
        <source>&amp;Close project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="192" />
        <source>P&amp;references…</source>
        <translation>首选项(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194" />
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="199" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="202" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="208" />
        <source>&amp;Code</source>
        <translation>编码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="209" />
        <source>Code the selection with the current code</source>
        <translation>用当前代码编码所选文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213" />
        <location filename="../main_window.py" line="422" />
        <source>In-vivo code</source>
        <translation>实境编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217" />
        <source>Code the sentence</source>
        <translation>编码整句</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221" />
        <source>Select the speaker turn</source>
        <translation>选择说话人话轮</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225" />
        <source>New code…</source>
        <translation>新建代码…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229" />
        <source>Remove the coding of the current code here</source>
        <translation>删除此处当前代码的编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="234" />
        <source>Remove the selected coding</source>
        <translation>删除选中的编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="238" />
        <source>Resize the selected coding to the text selection</source>
        <translation>将选中的编码调整为所选文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240" />
        <source>Recode the selected coding with the current code</source>
        <translation>将选中的编码改为当前代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="242" />
        <source>Comment on the selected coding…</source>
        <translation>为选中的编码添加评论…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="245" />
        <source>Pinned codes</source>
        <translation>快捷代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255" />
        <source>&amp;Analyse</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="257" />
        <source>Category &amp;board</source>
        <translation>范畴关系图(&amp;B)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258" />
        <source>&amp;Saturation</source>
        <translation>理论饱和度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="259" />
        <source>&amp;Memo list</source>
        <translation>备忘录列表(&amp;M)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="260" />
        <source>&amp;Emergence trail</source>
        <translation>涌现轨迹(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="261" />
        <source>Inter-coder &amp;agreement</source>
        <translation>编码一致性(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="262" />
        <source>C&amp;onsensus…</source>
        <translation>共识编码(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263" />
        <source>&amp;Word frequencies and cloud</source>
        <translation>词频与词云(&amp;W)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="265" />
        <source>Show code &amp;labels (a1, A1, AA1)</source>
        <translation>显示编码标签(&amp;L)（a1、A1、AA1）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268" />
        <source>Label &amp;prefixes…</source>
        <translation>标签前缀(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="269" />
        <source>Take a &amp;snapshot of the code system…</source>
        <translation>保存代码系统快照(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="270" />
        <source>&amp;Compare snapshots…</source>
        <translation>比较快照(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271" />
        <source>&amp;New memo…</source>
        <translation>新建备忘录(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272" />
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="273" />
        <source>&amp;Excel workbook…</source>
        <translation>Excel 工作簿(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="274" />
        <source>REFI-QDA &amp;project (.qdpx)…</source>
        <translation>REFI-QDA 项目(&amp;P)（.qdpx）…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="275" />
        <source>REFI-QDA &amp;codebook (.qdc)…</source>
        <translation>REFI-QDA 码本(&amp;C)（.qdc）…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="278" />
        <source>&amp;About Zhagen</source>
        <translation>关于扎根(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="287" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="288" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296" />
        <source>Codings of:</source>
        <translation>显示编码：</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298" />
        <source>Show the codings of every coder, or of one (blind mode: only yours)</source>
        <translation>显示全部编码者或某一编码者的编码（盲编模式：只显示自己的）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="331" />
        <source>Coder: {0}</source>
        <translation>编码者：{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="332" />
        <source>{0} documents · {1} codes · {2} codings</source>
        <translation>{0} 个文档 · {1} 个代码 · {2} 条编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="391" />
        <source>Loaded {0} change(s) made by another program</source>
        <translation>已载入其他程序所做的 {0} 处更改</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="400" />
        <source>Waiting for another program writing to the project… {0} s</source>
        <translation>正在等待其他程序写入项目… {0} 秒</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="408" />
        <source>Select text and a code first</source>
        <translation>请先选择文本和代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="412" />
        <source>Code segment</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="419" />
        <source>Select the words to use as the code's name</source>
        <translation>请选择作为代码名称的词语</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="446" />
        <location filename="../main_window.py" line="459" />
        <source>Remove coding</source>
        <translation>删除编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="453" />
        <source>Click a coding (a highlight or its stripe) first</source>
        <translation>请先点击一条编码（高亮或其编码条）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="466" />
        <source>Select the text the coding should cover</source>
        <translation>请选择编码应覆盖的文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="468" />
        <source>Resize coding</source>
        <translation>调整编码范围</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="475" />
        <source>Recode coding</source>
        <translation>更改编码的代码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="485" />
        <location filename="../main_window.py" line="488" />
        <source>Comment on coding</source>
        <translation>评论编码</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="496" />
        <source>All coders</source>
        <translation>全部编码者</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="498" />
        <source>{0} (me: blind mode)</source>
        <translation>{0}（本人：盲编模式）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="572" />
        <source>Held out for the saturation test</source>
        <translation>留作饱和度检验</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="576" />
        <source>Reorder documents</source>
        <translation>调整文档顺序</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="581" />
        <source>Write memo</source>
        <translation>撰写备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="584" />
        <source>Edit memo</source>
        <translation>编辑备忘录</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="605" />
        <source>Coding: {0} · {1}</source>
        <translation>编码：{0} · {1}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="683" />
        <source>About Zhagen</source>
        <translation>关于扎根</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="684" />
        <source>Zhagen (扎根): grounded-theory coding of Chinese interview transcripts.</source>
        <translation>扎根：中文访谈资料的扎根理论编码工具。</translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <location filename="../help.py" line="104" />
        <source>Zhagen manual</source>
        <translation>扎根使用手册</translation>
    </message>
</context>
<context>
    <name>MemoDialog</name>
    <message>
        <location filename="../dialogs.py" line="211" />
        <source>New memo</source>
        <translation>新建备忘录</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="219" />
        <source>On the code “{0}”</source>
        <translation>附于代码“{0}”</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="229" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="230" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="232" />
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
</context>
<context>
    <name>MemoListPanel</name>
    <message>
        <location filename="../analysis.py" line="180" />
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="187" />
        <source>any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="191" />
        <location filename="../analysis.py" line="195" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="191" />
        <location filename="../analysis.py" line="195" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="191" />
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="195" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="195" />
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="220" />
        <source>All codes</source>
        <translation>全部代码</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="245" />
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="245" />
        <source>Story line</source>
        <translation>故事线</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="245" />
        <source>Code note</source>
        <translation>编码备忘录</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="246" />
        <source>Theoretical memo</source>
        <translation>理论备忘录</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="246" />
        <source>Operational memo</source>
        <translation>操作备忘录</translation>
    </message>
</context>
<context>
    <name>MemoPanel</name>
    <message>
        <location filename="../docks.py" line="575" />
        <source>Write a memo on this code…</source>
        <translation>为此代码撰写备忘录…</translation>
    </message>
    <message>
        <location filename="../docks.py" line="576" />
        <source>Save memo</source>
        <translation>保存备忘录</translation>
    </message>
    <message>
        <location filename="../docks.py" line="590" />
        <source>Memo: {0}</source>
        <translation>备忘录：{0}</translation>
    </message>
    <message>
        <location filename="../docks.py" line="590" />
        <source>No code chosen</source>
        <translation>未选择代码</translation>
    </message>
    <message>
        <location filename="../docks.py" line="597" />
        <source>No story line yet</source>
        <translation>尚无故事线</translation>
    </message>
    <message>
        <location filename="../docks.py" line="597" />
        <source>Other memos on this code</source>
        <translation>此代码的其他备忘录</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../merge_dialog.py" line="35" />
        <source>Merge another project</source>
        <translation>合并另一个项目</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="38" />
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="38" />
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="38" />
        <source>Keep both (theirs beside mine)</source>
        <translation>两者都保留（对方的并列在旁）</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="44" />
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="44" />
        <source>Item</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="44" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="44" />
        <source>Matched by / differs in</source>
        <translation>匹配依据 / 差异</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="45" />
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="45" />
        <source>Resolution</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="50" />
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="54" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../merge_dialog.py" line="70" />
        <source>From {0}. {1}</source>
        <translation>来自 {0}。{1}</translation>
    </message>
</context>
<context>
    <name>NewCodeDialog</name>
    <message>
        <location filename="../dialogs.py" line="49" />
        <source>New code</source>
        <translation>新建代码</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="52" />
        <source>Code the selected text “{0}” with it</source>
        <translation>用它编码所选文本“{0}”</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="56" />
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="63" />
        <source>Concept (初始概念)</source>
        <translation>初始概念</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="63" />
        <source>Category (范畴)</source>
        <translation>范畴</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="64" />
        <source>Main category (主范畴)</source>
        <translation>主范畴</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="64" />
        <source>Core category (核心范畴)</source>
        <translation>核心范畴</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="65" />
        <source>No GT level</source>
        <translation>无扎根层级</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="71" />
        <source>Definition (内涵)</source>
        <translation>内涵</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="74" />
        <source>Causal condition (因果条件)</source>
        <translation>因果条件</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="74" />
        <source>Phenomenon (现象)</source>
        <translation>现象</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="75" />
        <source>Context (情境)</source>
        <translation>情境</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="75" />
        <source>Intervening condition (中介条件)</source>
        <translation>中介条件</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="76" />
        <source>Action/interaction strategy (行动/互动策略)</source>
        <translation>行动/互动策略</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="76" />
        <source>Consequence (结果)</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="78" />
        <source>No paradigm role</source>
        <translation>无范式角色</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="90" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="91" />
        <source>Under</source>
        <translation>位于</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="92" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="93" />
        <source>Definition</source>
        <translation>内涵</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="94" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="95" />
        <source>Paradigm role</source>
        <translation>范式角色</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="113" />
        <source>Automatic (a colour of its own)</source>
        <translation>自动（分配一个新颜色）</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="120" />
        <source>Code colour</source>
        <translation>代码颜色</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="128" />
        <source>Code properties</source>
        <translation>代码属性</translation>
    </message>
</context>
<context>
    <name>PanelHelp</name>
    <message>
        <location filename="../panel_help.py" line="27" />
        <source>&lt;b&gt;Code system&lt;/b&gt;&lt;p&gt;Every code with its grounded-theory level on the colour swatch: a concept (初始概念, a), a category (范畴, A), a main category (主范畴, AA) or the core category (核). Analyse → Show code labels numbers them a1, A1, AA1 in tree order. The counts of codings and documents include the subcodes.&lt;/p&gt;&lt;p&gt;Open coding: select text in the transcript, then double-click a code, drag the selection onto it, or press Ctrl+Return for the current code. Axial coding: drag concepts onto a category to make them its subcodes; hold Shift while dropping to merge them into it. Right-click for a new code, rename, properties (level, definition, paradigm role), merge, delete and pinning to Ctrl+1 … Ctrl+9.&lt;/p&gt;</source>
        <translation>&lt;b&gt;代码系统&lt;/b&gt;&lt;p&gt;每个代码的颜色块上标出其扎根层级：初始概念（a）、范畴（A）、主范畴（AA）或核心范畴（核）。“分析 → 显示编码标签”按树中顺序编号为 a1、A1、AA1。编码数和文档数包含子代码。&lt;/p&gt;&lt;p&gt;开放式编码：在访谈文本中选中文字，然后双击代码、把所选文字拖到代码上，或按 Ctrl+Return 用当前代码编码。主轴编码：把初始概念拖到范畴上，使其成为该范畴的子代码；放下时按住 Shift 则合并到该代码。右键可新建代码、重命名、设置属性（层级、内涵、范式角色）、合并、删除，或设为 Ctrl+1 … Ctrl+9 快捷代码。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../panel_help.py" line="36" />
        <source>&lt;b&gt;Category board&lt;/b&gt;&lt;p&gt;The main categories with their categories, the core category and its pathways, and the relations between them as labelled arrows. Drag boxes to arrange them (the places are kept in the project); Shift+drag or right-drag from one box to another to relate them; double-click an arrow to edit the relation and its memo, a box to choose its code. Export PNG (300 dpi) or SVG for the paper.&lt;/p&gt;&lt;p&gt;Below: the story line (memos of the type “story line”) and the causal chains made by “is cause of” relations.&lt;/p&gt;</source>
        <translation>&lt;b&gt;范畴关系图&lt;/b&gt;&lt;p&gt;主范畴及其范畴、核心范畴及其路径，以及它们之间以带标签箭头表示的关系。拖动方框进行排列（位置保存在项目中）；按住 Shift 拖动或用右键从一个方框拖到另一个方框以建立关系；双击箭头编辑关系及其内涵，双击方框选中对应代码。可导出 PNG（300 dpi）或 SVG 用于论文。&lt;/p&gt;&lt;p&gt;下方为故事线（类型为“故事线”的备忘录）和由“导致”关系构成的因果链。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../panel_help.py" line="43" />
        <source>&lt;b&gt;Saturation&lt;/b&gt;&lt;p&gt;New concepts and new categories per document in coding order (the order of the Documents panel; drag a document to move it), and the cumulative curve. Documents marked “Held out for the saturation test” (right-click in Documents) come last, on the shaded band: when they bring no new concept or category, the saturation test is passed.&lt;/p&gt;</source>
        <translation>&lt;b&gt;理论饱和度&lt;/b&gt;&lt;p&gt;按编码顺序（即“文档”面板中的顺序，可拖动文档调整）列出每个文档新增的概念和范畴，并绘出累计曲线。标为“留作饱和度检验”（在“文档”面板中右键）的文档排在最后，位于阴影区域：若它们没有带来新的概念或范畴，即通过饱和度检验。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../panel_help.py" line="48" />
        <source>&lt;b&gt;Emergence trail&lt;/b&gt;&lt;p&gt;How each main category emerged, from the project's event log: its categories and concepts, the first quote coded with each (document, participant, date, coder) and every later rename, move, merge or split. Hover a cell for the whole quote and history.&lt;/p&gt;</source>
        <translation>&lt;b&gt;涌现轨迹&lt;/b&gt;&lt;p&gt;根据项目的事件日志，显示每个主范畴如何形成：其范畴和初始概念、每个代码最早编码的语句（文档、受访者、日期、编码者），以及此后的每次重命名、移动、合并或拆分。鼠标悬停在单元格上可查看完整语句和历史。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../panel_help.py" line="52" />
        <source>&lt;b&gt;Inter-coder agreement&lt;/b&gt;&lt;p&gt;Choose the unit (document by code existence or code frequency, sentence, speaker turn, character, or segments overlapping by at least the given share) and the coders, then Compute: percent agreement (also over coded decisions only), Cohen's κ (two coders) or Fleiss' κ (three or more), Krippendorff's α, Brennan–Prediger κ, Holsti's K and the composite reliability R per code and overall, on the documents any chosen coder has coded (tick Only documents all coded to leave out those one coder left uncoded). The list on the right holds the disagreements: click one to see the passage.&lt;/p&gt;</source>
        <translation>&lt;b&gt;编码一致性&lt;/b&gt;&lt;p&gt;选择单位（按代码是否出现或出现频次的文档、句子、话轮、字符，或重叠达到给定比例的片段）和编码者，然后点“计算”：在任一所选编码者编码过的文档上（勾选“仅限全部编码者都编码过的文档”则不计某位编码者未编码的文档），按代码和总体给出一致率（及编码内一致率）、Cohen's κ（两位编码者）或 Fleiss' κ（三位及以上）、Krippendorff's α、Brennan–Prediger κ、Holsti 相互同意度 K 和综合信度 R。右侧列表列出不一致之处：点击一条即可查看对应文本。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../panel_help.py" line="60" />
        <source>&lt;b&gt;Memos&lt;/b&gt;&lt;p&gt;The memo of the code chosen in the code system: write, then Save memo (one undoable step). Below it the code's other memos, and the story line (故事线): a memo of the type “story line” written with Analyse → New memo… (Ctrl+Shift+M).&lt;/p&gt;</source>
        <translation>&lt;b&gt;备忘录&lt;/b&gt;&lt;p&gt;代码系统中所选代码的备忘录：撰写后点“保存备忘录”（可撤销的一步）。下方是该代码的其他备忘录，以及故事线，即用“分析 → 新建备忘录…”（Ctrl+Shift+M）撰写的类型为“故事线”的备忘录。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../panel_help.py" line="64" />
        <source>&lt;b&gt;Memo list&lt;/b&gt;&lt;p&gt;Every memo of the project (code notes, theoretical and operational memos, the story line) filtered by type, code and date; choose one to read it below.&lt;/p&gt;</source>
        <translation>&lt;b&gt;备忘录列表&lt;/b&gt;&lt;p&gt;项目中的全部备忘录（编码备忘录、理论备忘录、操作备忘录和故事线），可按类型、代码和日期筛选；选中一条即可在下方阅读。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ParticipantsDialog</name>
    <message>
        <location filename="../item_actions.py" line="219" />
        <source>Participants and attributes</source>
        <translation>受访者及其属性</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="224" />
        <source>Add participant…</source>
        <translation>添加受访者…</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="226" />
        <source>Add attribute…</source>
        <translation>添加属性…</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="228" />
        <location filename="../item_actions.py" line="309" />
        <location filename="../item_actions.py" line="310" />
        <source>Delete participant</source>
        <translation>删除受访者</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="258" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="258" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="278" />
        <location filename="../item_actions.py" line="281" />
        <source>Edit participant</source>
        <translation>编辑受访者</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="285" />
        <source>Set {0}</source>
        <translation>设置{0}</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="291" />
        <location filename="../item_actions.py" line="293" />
        <source>Add participant</source>
        <translation>添加受访者</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="291" />
        <source>Participant ID (e.g. A11):</source>
        <translation>受访者编号（如 A11）：</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="300" />
        <source>Add attribute</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <location filename="../item_actions.py" line="308" />
        <source>Delete participant {0}? Their documents and turns lose the link.</source>
        <translation>删除受访者 {0}？其文档和话轮将不再关联到此人。</translation>
    </message>
</context>
<context>
    <name>PinnedCodes</name>
    <message>
        <location filename="../pins.py" line="36" />
        <source>Pin code</source>
        <translation>设置快捷代码</translation>
    </message>
    <message>
        <location filename="../pins.py" line="42" />
        <source>No code is pinned to Ctrl+{0}</source>
        <translation>Ctrl+{0} 尚未设置快捷代码</translation>
    </message>
    <message>
        <location filename="../pins.py" line="49" />
        <location filename="../pins.py" line="50" />
        <source>(free)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../preferences.py" line="136" />
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="150" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="151" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="152" />
        <source>The interface language changes on the next start.</source>
        <translation>界面语言将在下次启动时更改。</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="165" />
        <source>Coder name</source>
        <translation>编码者姓名</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="166" />
        <location filename="../preferences.py" line="200" />
        <source>Coder colour</source>
        <translation>编码者颜色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="167" />
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="168" />
        <source>Chinese font</source>
        <translation>中文字体</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="169" />
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="170" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <location filename="../dialogs.py" line="158" />
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="163" />
        <source>Directed (from the first code to the second)</source>
        <translation>有方向（从第一个代码指向第二个）</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="166" />
        <source>What the relation means (关系结构的内涵)</source>
        <translation>关系结构的内涵</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="179" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="180" />
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="181" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="183" />
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
</context>
<context>
    <name>SaturationChart</name>
    <message>
        <location filename="../analysis.py" line="73" />
        <source>No documents yet</source>
        <translation>尚无文档</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="89" />
        <source>concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="90" />
        <source>categories</source>
        <translation>范畴</translation>
    </message>
</context>
<context>
    <name>SaturationPanel</name>
    <message>
        <location filename="../analysis.py" line="117" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="117" />
        <source>New concepts</source>
        <translation>新增概念</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="117" />
        <source>New categories</source>
        <translation>新增范畴</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="118" />
        <source>Concepts so far</source>
        <translation>累计概念</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="118" />
        <source>New relations</source>
        <translation>新关系</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="119" />
        <source>Categories so far</source>
        <translation>累计范畴</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="138" />
        <source> (held out)</source>
        <translation>（留存检验）</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="143" />
        <source>not coded yet</source>
        <translation>尚未编码</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="154" />
        <source>Saturation test not done yet: code the held-out documents first ({0}).</source>
        <translation>饱和度检验尚未完成：请先对留存文档编码（{0}）。</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="157" />
        <source>Saturation test: mark documents as held out and code them last.</source>
        <translation>饱和度检验：请将部分文档标为留存检验，并最后编码。</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="159" />
        <source>Saturation test passed: the held-out documents produced no new concept, category or relation.</source>
        <translation>饱和度检验通过：留存文档未产生新的概念、范畴或关系。</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="160" />
        <source>Not saturated: the held-out documents produced {0} new concepts, {1} new categories and {2} new relations: {3}</source>
        <translation>尚未饱和：留存文档产生了 {0} 个新概念、{1} 个新范畴和 {2} 个新关系：{3}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../docks.py" line="632" />
        <source>Search all documents…</source>
        <translation>在全部文档中检索…</translation>
    </message>
    <message>
        <location filename="../docks.py" line="633" />
        <source>Code all hits…</source>
        <translation>编码全部结果…</translation>
    </message>
    <message>
        <location filename="../docks.py" line="659" />
        <source>No hits</source>
        <translation>没有结果</translation>
    </message>
    <message>
        <location filename="../docks.py" line="661" />
        <source>1 hit</source>
        <translation>1 条结果</translation>
    </message>
    <message>
        <location filename="../docks.py" line="663" />
        <source>{0} hits in 1 document</source>
        <translation>1 份文档中共 {0} 条结果</translation>
    </message>
    <message>
        <location filename="../docks.py" line="665" />
        <source>{0} hits in {1} documents</source>
        <translation>{1} 份文档中共 {0} 条结果</translation>
    </message>
    <message>
        <location filename="../docks.py" line="666" />
        <source>{0} (the first {1} listed)</source>
        <translation>{0}（列出前 {1} 条）</translation>
    </message>
</context>
<context>
    <name>SegmentsModel</name>
    <message>
        <location filename="../docks.py" line="492" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="492" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../docks.py" line="492" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../docks.py" line="492" />
        <source>Coder</source>
        <translation>编码者</translation>
    </message>
    <message>
        <location filename="../docks.py" line="492" />
        <source>Segment in context</source>
        <translation>片段及上下文</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../help.py" line="281" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../help.py" line="283" />
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../help.py" line="283" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../help.py" line="283" />
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
</context>
<context>
    <name>SnapshotCompareDialog</name>
    <message>
        <location filename="../analysis.py" line="307" />
        <source>Compare snapshots</source>
        <translation>比较快照</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="315" />
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="346" />
        <source>No snapshot yet: Analyse → Take a snapshot of the code system.</source>
        <translation>尚无快照：分析 → 保存代码系统快照。</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="349" />
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="349" />
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="350" />
        <source>Renamed</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="351" />
        <source>Moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="352" />
        <source>Merged</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../start_dialog.py" line="20" />
        <source>Welcome to Zhagen</source>
        <translation>欢迎使用扎根</translation>
    </message>
    <message>
        <location filename="../start_dialog.py" line="22" />
        <source>Zhagen codes interview transcripts in three rounds of grounded theory. Open a project, start a new one, or look around in the demo study first.</source>
        <translation>扎根按扎根理论的三级编码整理访谈稿。打开一个项目、新建项目，或先在示例研究里看看。</translation>
    </message>
    <message>
        <location filename="../start_dialog.py" line="25" />
        <source>Open a project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <location filename="../start_dialog.py" line="26" />
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <location filename="../start_dialog.py" line="27" />
        <source>Try the demo project (an invented study of community safety)</source>
        <translation>试用示例项目（一项虚构的社区安全研究）</translation>
    </message>
    <message>
        <location filename="../start_dialog.py" line="57" />
        <source>Cannot build the demo project in {0}: {1}</source>
        <translation>无法在 {0} 建立示例项目：{1}</translation>
    </message>
</context>
<context>
    <name>TrailPanel</name>
    <message>
        <location filename="../analysis.py" line="262" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="262" />
        <source>First quote</source>
        <translation>首次引文</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="262" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="262" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="263" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="263" />
        <source>Coder</source>
        <translation>编码者</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="263" />
        <source>Later changes</source>
        <translation>后续变化</translation>
    </message>
    <message>
        <location filename="../analysis.py" line="272" />
        <source>(under no main category)</source>
        <translation>（不属于任何主范畴）</translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message>
        <location filename="../jobs.py" line="64" />
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="64" />
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="74" />
        <source>Computing agreement</source>
        <translation>正在计算编码一致性</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="84" />
        <source>Type a search and choose a code first</source>
        <translation>请先输入检索词并选择代码</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="86" />
        <source>the hit</source>
        <translation>检索结果本身</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="86" />
        <source>its sentence</source>
        <translation>所在句子</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="86" />
        <source>its speaker turn</source>
        <translation>所在话轮</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="87" />
        <location filename="../jobs.py" line="107" />
        <source>Code all hits</source>
        <translation>编码全部检索结果</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="88" />
        <source>Code every hit of “{0}” with “{1}”, covering:</source>
        <translation>用“{1}”编码“{0}”的每个检索结果，范围：</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="98" />
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="102" />
        <source>Coding {0} passages…</source>
        <translation>正在编码 {0} 处文本…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="109" />
        <source>Coding search hits</source>
        <translation>正在编码检索结果</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="129" />
        <source>Importing transcripts</source>
        <translation>正在导入访谈资料</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="140" />
        <source>Exporting to Excel</source>
        <translation>正在导出到 Excel</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="149" />
        <source>REFI-QDA projects (*.qdpx)</source>
        <translation>REFI-QDA 项目 (*.qdpx)</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="149" />
        <source>REFI-QDA codebooks (*.qdc)</source>
        <translation>REFI-QDA 码本 (*.qdc)</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="151" />
        <source>Export REFI-QDA</source>
        <translation>导出 REFI-QDA</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="172" />
        <source>Exporting REFI-QDA</source>
        <translation>正在导出 REFI-QDA</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="178" />
        <source>Code names used more than once</source>
        <translation>代码名称重复</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="179" />
        <source>{0} code names are used by more than one code: {1}.

QualCoder keeps only the first code of each name and drops the others with their codings. Export again with unique names (the parent's name added, as 其他 (社区参与))? The project itself is not changed.</source>
        <translation>有 {0} 个代码名称被多个代码使用：{1}。

QualCoder 只保留同名代码中的第一个，其余代码及其编码会被丢弃。是否以唯一名称重新导出（加上父代码名称，如“其他 (社区参与)”）？项目本身不会改变。</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="196" />
        <source>Cannot merge</source>
        <translation>无法合并</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="203" />
        <source>Merge cancelled; the project is unchanged</source>
        <translation>已取消合并，项目未作改动</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="205" />
        <source>Merge project</source>
        <translation>合并项目</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="207" />
        <source>Merged {0}: {1} rows added, {2} conflicts</source>
        <translation>已合并 {0}：新增 {1} 行，冲突 {2} 处</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="216" />
        <source>Merge another project</source>
        <translation>合并另一个项目</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="263" />
        <source>Merging {0}</source>
        <translation>正在合并 {0}</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="229" />
        <location filename="../jobs.py" line="245" />
        <location filename="../jobs.py" line="268" />
        <source>Comparing the two projects…</source>
        <translation>正在比较两个项目…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="269" />
        <source>Adding coders and participants…</source>
        <translation>正在添加编码者和受访者…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="270" />
        <source>Adding document {0}…</source>
        <translation>正在添加文档 {0}…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="271" />
        <source>Adding codes…</source>
        <translation>正在添加代码…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="272" />
        <source>Adding codings {0}…</source>
        <translation>正在添加编码 {0}…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="273" />
        <source>Adding relations and memos…</source>
        <translation>正在添加关系和备忘录…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="274" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="279" />
        <source>Import transcripts</source>
        <translation>导入访谈资料</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="282" />
        <source>Imported {0} of {1} files</source>
        <translation>已导入 {1} 个文件中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../jobs.py" line="284" />
        <source>Some files were not imported</source>
        <translation>部分文件未导入</translation>
    </message>
</context>
<context>
    <name>WordsPanel</name>
    <message>
        <location filename="../words_view.py" line="112" />
        <source>Save cloud…</source>
        <translation>保存词云…</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="116" />
        <source>Word</source>
        <translation>词语</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="116" />
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="116" />
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="128" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="128" />
        <source>Participant</source>
        <translation>受访者</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="129" />
        <source>Words</source>
        <translation>词数</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="151" />
        <source>Whole project</source>
        <translation>整个项目</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="152" />
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="171" />
        <source>Counting words…</source>
        <translation>正在统计词频…</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="178" />
        <source>Word frequencies</source>
        <translation>词频</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="210" />
        <source>No font with Chinese characters was found, so no word cloud can be drawn. Install Noto Sans CJK (on Debian or Ubuntu: apt install fonts-noto-cjk) or set ZHAGEN_CJK_FONT to a font file.</source>
        <translation>未找到含中文字形的字体，无法绘制词云。请安装 Noto Sans CJK（Debian 或 Ubuntu：apt install fonts-noto-cjk），或将 ZHAGEN_CJK_FONT 设为一个字体文件。</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="214" />
        <source>No words in this scope</source>
        <translation>此范围内没有词语</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="228" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="228" />
        <source>SVG image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="229" />
        <location filename="../words_view.py" line="238" />
        <source>Save word cloud</source>
        <translation>保存词云</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="229" />
        <source>word cloud</source>
        <translation>词云</translation>
    </message>
    <message>
        <location filename="../words_view.py" line="238" />
        <source>Could not save the word cloud: {0}</source>
        <translation>无法保存词云：{0}</translation>
    </message>
</context>
<context>
    <name>launcher</name>
    <message>
        <location filename="../launcher.py" line="174" />
        <source>{0} on {1} (since {2})</source>
        <translation>{1} 上的 {0}（自 {2} 起）</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="177" />
        <source>another Zhagen window</source>
        <translation>另一个扎根窗口</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="178" />
        <source>Project in use</source>
        <translation>项目正在使用中</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="179" />
        <source>{0} is open by {1}.

You can open it read-only: you see its work, and changes saved there appear here; you cannot change it.</source>
        <translation>{0} 已由 {1} 打开。

可以只读方式打开：能看到其中的工作，对方保存的更改会显示在这里，但不能修改。</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="182" />
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="183" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="251" />
        <source>Who is coding?</source>
        <translation>谁在编码？</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="252" />
        <source>Your name as a coder (it is stored with every coding):</source>
        <translation>您的编码者姓名（会随每条编码保存）：</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="273" />
        <source>Open a project: zhagen open PROJECT (or zhagen demo demo.zhagen first).</source>
        <translation>请打开项目：zhagen open 项目（或先运行 zhagen demo demo.zhagen）。</translation>
    </message>
    <message>
        <location filename="../launcher.py" line="293" />
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
</context>
<context>
    <name>preferences</name>
    <message>
        <location filename="../preferences.py" line="221" />
        <source>The interface language changes on the next start.</source>
        <translation>界面语言将在下次启动时更改。</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="224" />
        <source>Coding as {0}</source>
        <translation>当前编码者：{0}</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="237" />
        <source>Cannot apply the preferences</source>
        <translation>无法应用首选项</translation>
    </message>
</context>
<context>
    <name>projects</name>
    <message>
        <location filename="../projects.py" line="77" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../projects.py" line="78" />
        <location filename="../projects.py" line="86" />
        <source>Zhagen projects (*.zhagen)</source>
        <translation>扎根项目 (*.zhagen)</translation>
    </message>
    <message>
        <location filename="../projects.py" line="85" />
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../projects.py" line="96" />
        <source>Cannot create {0}:
{1}</source>
        <translation>无法创建 {0}：
{1}</translation>
    </message>
    <message>
        <location filename="../projects.py" line="97" />
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
</context>
</TS>